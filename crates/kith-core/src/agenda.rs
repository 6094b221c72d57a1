//! The agenda: who to reach out to now — overdue key people, those due soon, birthdays
//! coming up and favours you owe — each with the reason in numbers and a suggestion that
//! fits the role the person plays for you.

use crate::catalog::Catalog;
use crate::freshness::{freshness, Freshness, Status};
use crate::model::{Network, Person};
use crate::report::{reciprocity, LastSeen};
use crate::values::{Duration, Unit};
use crate::wording;
use jiff::civil::Date;
use serde::{Serialize, Serializer};
use std::cmp::Ordering;

/// How far ahead the agenda looks unless told otherwise.
pub const DEFAULT_WITHIN: Duration = Duration { amount: 14, unit: Unit::Days };

/// What to suggest to each built-in role: what that person is for, turned into an action.
pub const ROLE_SUGGESTIONS: [(&str, &str); 12] = [
    ("champion", "tell them about a recent win, so they have a story to tell in rooms you are not in"),
    ("connector", "tell them who you would like to meet next, and why"),
    ("sponsor", "share the next step you are aiming for and ask where they could put your name forward"),
    ("nurturer", "tell them honestly how you are doing, and ask how they are"),
    ("confidant", "think out loud with them about what is on your mind"),
    ("truth-teller", "ask for honest feedback on what you're working on"),
    ("mentor", "ask about a decision ahead of you"),
    ("expert", "bring them the hardest question in your work right now"),
    ("challenger", "ask what they think you are getting wrong"),
    ("butt-kicker", "tell them your next goal and its date, and ask them to hold you to it"),
    ("collaborator", "propose something small to build or write together"),
    ("visionary", "ask what they think will be possible in your field in five years"),
];

/// The suggestion for people whose roles are all your own (or unknown).
pub const GENERIC_SUGGESTION: &str = "catch up: tell them what has changed for you and ask what is new with them";

/// The suggestion for a birthday.
pub const BIRTHDAY_SUGGESTION: &str = "wish them a happy birthday";

/// The suggestion when you owe someone a favour.
pub const FAVOUR_SUGGESTION: &str =
    "offer help: an introduction, a review or an hour of your time; then log it as `helped`";

/// The suggestion that fits a person's roles: the first of their roles (in the order of
/// their `role` line) that is built in decides; otherwise the generic line.
pub fn suggestion_for(roles: &[String]) -> &'static str {
    roles
        .iter()
        .find_map(|role| ROLE_SUGGESTIONS.iter().find(|(id, _)| id == role).map(|(_, suggestion)| *suggestion))
        .unwrap_or(GENERIC_SUGGESTION)
}

/// One file to draw the agenda from.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// How the file is named in the output.
    pub name: &'a str,
    pub network: &'a Network,
    pub catalog: &'a Catalog,
}

/// Why someone is on the agenda, with the numbers behind it. The section order is the
/// agenda's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "section", rename_all = "kebab-case")]
pub enum Occasion {
    /// A tracked person past their cadence, or never met at all (`last` is then `None`).
    Overdue {
        last: Option<LastSeen>,
        /// The cadence in the file's form, e.g. `6m`.
        cadence: String,
        due: Option<Date>,
        /// Days since the due date (`None` when never met).
        days_overdue: Option<i64>,
    },
    /// A tracked person due today or within the window.
    DueSoon { last: LastSeen, cadence: String, due: Date, days_left: i64 },
    /// A birthday today or within the window.
    Birthday {
        date: Date,
        days_left: i64,
        /// The age they turn, when the birthday has a year.
        turns: Option<i64>,
    },
    /// The `one-sided` pattern: at least three `asked` and no `helped` in the last 365 days.
    Favour { asked: usize, helped: usize, last_asked: Date },
}

impl Occasion {
    fn section(&self) -> usize {
        match self {
            Occasion::Overdue { .. } => 0,
            Occasion::DueSoon { .. } => 1,
            Occasion::Birthday { .. } => 2,
            Occasion::Favour { .. } => 3,
        }
    }

    /// The order within a section: overdue by lateness relative to the cadence (most first,
    /// never-met last), due and birthdays by date, favours by the number of asks.
    fn compare(&self, other: &Occasion) -> Ordering {
        match (self, other) {
            (Occasion::Overdue { .. }, Occasion::Overdue { .. }) => match (self.lateness(), other.lateness()) {
                // a_over / a_cadence > b_over / b_cadence, in integers; then the longer wait.
                (Some((a_over, a_cadence)), Some((b_over, b_cadence))) => {
                    (b_over * a_cadence).cmp(&(a_over * b_cadence)).then(b_over.cmp(&a_over))
                }
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
            (Occasion::DueSoon { due: a, .. }, Occasion::DueSoon { due: b, .. })
            | (Occasion::Birthday { date: a, .. }, Occasion::Birthday { date: b, .. }) => a.cmp(b),
            (Occasion::Favour { asked: a, .. }, Occasion::Favour { asked: b, .. }) => b.cmp(a),
            _ => self.section().cmp(&other.section()),
        }
    }

    /// Days overdue and the cadence in days (at least one), for an overdue person who has a
    /// last contact.
    fn lateness(&self) -> Option<(i64, i64)> {
        match self {
            Occasion::Overdue { last: Some(last), due: Some(due), days_overdue: Some(days), .. } => {
                Some((*days, days_between(last.date, *due).max(1)))
            }
            _ => None,
        }
    }
}

/// One person to reach out to, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// The file the person is in, as the caller named it.
    pub file: String,
    pub person: String,
    pub name: String,
    pub roles: Vec<String>,
    #[serde(flatten)]
    pub occasion: Occasion,
    /// One line with the numbers: `last coffee 8 months ago; cadence 6 months — 2 months overdue`.
    pub reason: String,
    /// What to do about it, fitting their role.
    pub suggestion: String,
}

/// Who to reach out to between today and `until`, in agenda order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Agenda {
    pub version: u32,
    pub today: Date,
    /// The window in the file's form, e.g. `14d`.
    #[serde(serialize_with = "duration_source")]
    pub within: Duration,
    /// The last day of the window: today plus `within`.
    pub until: Date,
    pub items: Vec<Item>,
}

fn duration_source<S: Serializer>(duration: &Duration, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&duration.to_source())
}

impl Agenda {
    /// The agenda over every source, as of `today`, looking `within` ahead. Items of several
    /// files are merged into one order; ties keep file order, then person order.
    pub fn new(sources: &[Source<'_>], today: Date, within: Duration) -> Agenda {
        let until = within.after(today).unwrap_or(Date::MAX);
        let mut items = Vec::new();
        for source in sources {
            for person in &source.network.people {
                if person.id.is_some() {
                    items.extend(items_for(source, person, today, until));
                }
            }
        }
        items.sort_by(|a, b| a.occasion.compare(&b.occasion));
        Agenda { version: crate::report::JSON_VERSION, today, within, until, items }
    }

    /// The items of one section, in order.
    pub fn section(&self, section: Section) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(move |item| Section::of(&item.occasion) == section)
    }

    /// One pretty-printed JSON object (the shape docs/cli.md documents), ending in a newline.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("the agenda holds only strings, numbers and lists");
        json.push('\n');
        json
    }
}

/// The agenda's sections, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Overdue,
    DueSoon,
    Birthdays,
    Favours,
}

impl Section {
    pub const ALL: [Section; 4] = [Section::Overdue, Section::DueSoon, Section::Birthdays, Section::Favours];

    pub fn of(occasion: &Occasion) -> Section {
        match occasion {
            Occasion::Overdue { .. } => Section::Overdue,
            Occasion::DueSoon { .. } => Section::DueSoon,
            Occasion::Birthday { .. } => Section::Birthdays,
            Occasion::Favour { .. } => Section::Favours,
        }
    }

    /// The heading people read.
    pub fn title(self) -> &'static str {
        match self {
            Section::Overdue => "Overdue",
            Section::DueSoon => "Due soon",
            Section::Birthdays => "Birthdays",
            Section::Favours => "Favours you owe",
        }
    }
}

/// Every agenda item about one person.
fn items_for(source: &Source<'_>, person: &Person, today: Date, until: Date) -> Vec<Item> {
    let network = source.network;
    let roles: Vec<String> = person.roles().iter().map(|role| role.name.clone()).collect();
    let role_suggestion = suggestion_for(&roles);
    let item = |occasion: Occasion, reason: String, suggestion: &str| Item {
        file: source.name.to_string(),
        person: person.id_name().to_string(),
        name: person.display_name().to_string(),
        roles: roles.clone(),
        occasion,
        reason,
        suggestion: suggestion.to_string(),
    };
    let mut items = Vec::new();

    let fresh = freshness(person, source.catalog, &network.settings, today);
    if fresh.tracked() && !network.silences(person, "stale") {
        if let Some((occasion, reason)) = freshness_occasion(&fresh, today, until) {
            items.push(item(occasion, reason, role_suggestion));
        }
    }

    if let Some(birthday) = person.birthday() {
        let date = birthday.month_day().next_on_or_after(today);
        if date <= until {
            let turns = match birthday {
                crate::model::Birthday::Date(born) if born.year() < date.year() => {
                    Some(i64::from(date.year()) - i64::from(born.year()))
                }
                _ => None,
            };
            let days_left = days_between(today, date);
            let mut reason = format!("birthday {}", wording::day(date, days_left));
            if let Some(age) = turns {
                reason.push_str(&format!("; turns {age}"));
            }
            items.push(item(Occasion::Birthday { date, days_left, turns }, reason, BIRTHDAY_SUGGESTION));
        }
    }

    let given_and_taken = reciprocity(person, today);
    if let (true, Some(last_asked)) = (given_and_taken.is_one_sided(), given_and_taken.last_asked) {
        if !network.silences(person, "one-sided") {
            let reason = format!(
                "you asked for help {} in the last year and helped {} (last ask on {last_asked})",
                wording::times(given_and_taken.asked),
                wording::times(given_and_taken.helped),
            );
            let occasion =
                Occasion::Favour { asked: given_and_taken.asked, helped: given_and_taken.helped, last_asked };
            items.push(item(occasion, reason, FAVOUR_SUGGESTION));
        }
    }
    items
}

/// Overdue, or due within the window, with the reason in words; `None` when neither.
fn freshness_occasion(fresh: &Freshness, today: Date, until: Date) -> Option<(Occasion, String)> {
    let cadence = fresh.cadence.every.to_source();
    let cadence_words = wording::cadence(&fresh.cadence);
    let last = match (&fresh.last, fresh.status) {
        (None, _) | (_, Status::Never) => {
            let occasion = Occasion::Overdue { last: None, cadence, due: None, days_overdue: None };
            return Some((occasion, format!("no meaningful interaction logged and no `met` date; {cadence_words}")));
        }
        (Some(last), _) => last,
    };
    let seen = wording::last_contact(last, today);
    let last_seen = LastSeen { date: last.date, kind: last.what.clone() };
    match fresh.status {
        Status::Overdue { since } => {
            let days_overdue = days_between(since, today);
            let reason = format!("{seen}; {cadence_words} — {}", wording::status(fresh.status, today));
            let occasion = Occasion::Overdue {
                last: Some(last_seen),
                cadence,
                due: Some(since),
                days_overdue: Some(days_overdue),
            };
            Some((occasion, reason))
        }
        Status::Due { on } if on <= until => {
            let days_left = days_between(today, on);
            let reason = format!("{seen}; {cadence_words} — due {}", wording::day(on, days_left));
            Some((Occasion::DueSoon { last: last_seen, cadence, due: on, days_left }, reason))
        }
        Status::Due { .. } | Status::Never | Status::Untracked => None,
    }
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
fn days_between(from: Date, to: Date) -> i64 {
    from.until((jiff::Unit::Day, to)).map_or(0, |span| i64::from(span.get_days()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 25);

    fn agenda_on(source: &str, today: Date, within: Duration) -> Agenda {
        let analysis = crate::check(source, today);
        let source = Source { name: "network.kith", network: &analysis.network, catalog: &analysis.catalog };
        Agenda::new(&[source], today, within)
    }

    fn agenda_of(source: &str) -> Agenda {
        agenda_on(source, TODAY, DEFAULT_WITHIN)
    }

    fn people(agenda: &Agenda, section: Section) -> Vec<&str> {
        agenda.section(section).map(|item| item.person.as_str()).collect()
    }

    #[test]
    fn overdue_names_the_numbers() {
        let agenda = agenda_of("person rosa \"Rosa\"\n  role champion\n  2026-03-20 coffee\n");
        let item = &agenda.items[0];
        assert_eq!(item.reason, "last coffee 8 months ago; cadence 6 months — 2 months overdue");
        assert_eq!(item.suggestion, suggestion_for(&["champion".to_string()]));
        assert_eq!(
            item.occasion,
            Occasion::Overdue {
                last: Some(LastSeen { date: date(2026, 3, 20), kind: "coffee".to_string() }),
                cadence: "6m".to_string(),
                due: Some(date(2026, 9, 20)),
                days_overdue: Some(66),
            }
        );
    }

    #[test]
    fn overdue_is_ordered_by_lateness_relative_to_the_cadence() {
        // a: 1m cadence, 20 days late (0.65 of a cadence); b: 6m cadence, 60 days late
        // (0.33); c: 1y cadence, 300 days late (0.82); never-met last.
        let source = "person never \"N\"\n  role mentor\n\
                      person b \"B\"\n  role mentor\n  2026-04-10 call\n\
                      person a \"A\"\n  role mentor\n  every 1m\n  2026-10-05 call\n\
                      person c \"C\"\n  role mentor\n  every 1y\n  2025-01-29 call\n";
        let agenda = agenda_of(source);
        assert_eq!(people(&agenda, Section::Overdue), ["c", "a", "b", "never"]);
        assert_eq!(agenda.items[3].reason, "no meaningful interaction logged and no `met` date; cadence 6 months");
    }

    #[test]
    fn due_soon_covers_today_through_the_window_in_date_order() {
        let source = "person later \"L\"\n  role mentor\n  2026-06-09 coffee\n\
                      person today \"T\"\n  role mentor\n  2026-05-25 coffee\n\
                      person beyond \"B\"\n  role mentor\n  2026-06-10 coffee\n\
                      person tomorrow \"M\"\n  role mentor\n  met 2026-05-26\n";
        let agenda = agenda_of(source);
        assert_eq!(people(&agenda, Section::DueSoon), ["today", "tomorrow", "later"]);
        let reasons: Vec<&str> = agenda.items.iter().map(|item| item.reason.as_str()).collect();
        assert_eq!(
            reasons,
            [
                "last coffee 6 months ago; cadence 6 months — due today",
                "met 5 months ago; cadence 6 months — due tomorrow",
                "last coffee 5 months ago; cadence 6 months — due on Wednesday, December 9 (in 14 days)",
            ]
        );
        let wider = agenda_on(source, TODAY, Duration { amount: 15, unit: Unit::Days });
        assert_eq!(people(&wider, Section::DueSoon), ["today", "tomorrow", "later", "beyond"]);
    }

    #[test]
    fn people_without_a_role_or_every_are_never_due() {
        let agenda =
            agenda_of("person wide \"W\"\n  met 2001-01-01\nperson tracked \"T\"\n  every 1y\n  met 2001-01-01\n");
        assert_eq!(people(&agenda, Section::Overdue), ["tracked"]);
        assert_eq!(agenda.items[0].suggestion, GENERIC_SUGGESTION);
    }

    #[test]
    fn birthdays_within_the_window_with_and_without_a_year() {
        let source = "person a \"A\"\n  birthday 1988-12-03\nperson b \"B\"\n  birthday --11-25\n\
                      person c \"C\"\n  birthday --12-10\nperson d \"D\"\n  birthday --11-24\n";
        let agenda = agenda_of(source);
        assert_eq!(people(&agenda, Section::Birthdays), ["b", "a"]);
        assert_eq!(agenda.items[0].reason, "birthday today");
        assert_eq!(agenda.items[1].reason, "birthday on Thursday, December 3 (in 8 days); turns 38");
        assert_eq!(agenda.items[1].suggestion, BIRTHDAY_SUGGESTION);
        assert_eq!(
            agenda.items[1].occasion,
            Occasion::Birthday { date: date(2026, 12, 3), days_left: 8, turns: Some(38) }
        );
    }

    #[test]
    fn birthdays_wrap_into_next_year() {
        let agenda = agenda_on("person a \"A\"\n  birthday 2000-01-02\n", date(2026, 12, 25), DEFAULT_WITHIN);
        assert_eq!(
            agenda.items[0].occasion,
            Occasion::Birthday { date: date(2027, 1, 2), days_left: 8, turns: Some(27) }
        );
    }

    #[test]
    fn leap_day_birthdays_fall_on_february_28_in_common_years() {
        let source = "person leap \"L\"\n  birthday --02-29\n";
        let common = agenda_on(source, date(2027, 2, 20), DEFAULT_WITHIN);
        assert_eq!(common.items[0].occasion, Occasion::Birthday { date: date(2027, 2, 28), days_left: 8, turns: None });
        let leap = agenda_on(source, date(2028, 2, 20), DEFAULT_WITHIN);
        assert_eq!(leap.items[0].occasion, Occasion::Birthday { date: date(2028, 2, 29), days_left: 9, turns: None });
        // On Feb 28 of a common year the birthday is today.
        assert_eq!(agenda_on(source, date(2027, 2, 28), DEFAULT_WITHIN).items[0].reason, "birthday today");
    }

    #[test]
    fn favours_follow_the_one_sided_pattern() {
        let asks = "  2026-01-22 asked\n  2026-06-03 asked\n  2026-10-21 asked\n";
        let agenda = agenda_of(&format!("person tomas \"Tomás\"\n  met 2021-04-08\n  2025-08-14 helped\n{asks}"));
        let item = agenda.section(Section::Favours).next().expect("a favour");
        assert_eq!(
            item.reason,
            "you asked for help 3 times in the last year and helped 0 times (last ask on 2026-10-21)"
        );
        assert!(item.suggestion.starts_with("offer help: "));
        let balanced = agenda_of(&format!("person tomas \"Tomás\"\n  met 2021-04-08\n  2026-11-01 helped\n{asks}"));
        assert_eq!(balanced.section(Section::Favours).count(), 0);
    }

    #[test]
    fn sections_come_in_order_and_allow_silences_nudges() {
        let source = "person p \"P\"\n  role mentor\n  birthday --11-30\n  2026-01-01 asked\n  2026-02-01 asked\n  2026-03-01 asked\n";
        let sections: Vec<Section> = agenda_of(source).items.iter().map(|item| Section::of(&item.occasion)).collect();
        assert_eq!(sections, [Section::Overdue, Section::Birthdays, Section::Favours]);
        let allowed = agenda_of(&source.replace("  role mentor\n", "  role mentor\n  allow stale, one-sided\n"));
        assert_eq!(allowed.items.len(), 1, "birthdays are never silenced");
        assert_eq!(agenda_of(&format!("set allow stale\n{source}")).items.len(), 2);
    }

    #[test]
    fn every_builtin_role_has_its_own_suggestion() {
        for role in crate::vocabulary::ROLES {
            let suggestion = suggestion_for(&[role.id.to_string()]);
            assert_ne!(suggestion, GENERIC_SUGGESTION, "{}", role.id);
        }
        let distinct: std::collections::HashSet<&str> = ROLE_SUGGESTIONS.iter().map(|(_, text)| *text).collect();
        assert_eq!(distinct.len(), 12);
        assert_eq!(suggestion_for(&["truth-teller".into()]), "ask for honest feedback on what you're working on");
        assert_eq!(suggestion_for(&["mentor".into()]), "ask about a decision ahead of you");
        assert_eq!(suggestion_for(&["investor".into(), "mentor".into()]), "ask about a decision ahead of you");
        assert_eq!(suggestion_for(&["investor".into()]), GENERIC_SUGGESTION);
    }

    #[test]
    fn several_files_merge_into_one_order() {
        let first = crate::check("person a \"A\"\n  role mentor\n  2026-04-10 call\n", TODAY);
        let second = crate::check("person b \"B\"\n  role mentor\n  every 1m\n  2026-09-05 call\n", TODAY);
        let sources = [
            Source { name: "one.kith", network: &first.network, catalog: &first.catalog },
            Source { name: "two.kith", network: &second.network, catalog: &second.catalog },
        ];
        let agenda = Agenda::new(&sources, TODAY, DEFAULT_WITHIN);
        let order: Vec<(&str, &str)> =
            agenda.items.iter().map(|item| (item.file.as_str(), item.person.as_str())).collect();
        assert_eq!(order, [("two.kith", "b"), ("one.kith", "a")]);
    }

    #[test]
    fn json_has_the_documented_shape() {
        let agenda = agenda_of("person rosa \"Rosa\"\n  role champion\n  2026-03-20 coffee\n");
        let value: serde_json::Value = serde_json::from_str(&agenda.to_json()).expect("valid JSON");
        assert_eq!(value["version"], 1);
        assert_eq!(value["within"], "14d");
        assert_eq!(value["until"], "2026-12-09");
        let item = &value["items"][0];
        assert_eq!(item["section"], "overdue");
        assert_eq!(item["file"], "network.kith");
        assert_eq!(item["person"], "rosa");
        assert_eq!(item["roles"], serde_json::json!(["champion"]));
        assert_eq!(item["last"], serde_json::json!({"date": "2026-03-20", "kind": "coffee"}));
        assert_eq!(item["days_overdue"], 66);
    }
}
