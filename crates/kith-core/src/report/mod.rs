//! The network at a glance: who fills each pillar and role and how fresh each relationship
//! is, key people against the limit, reciprocity per key person and openness (the party
//! test); rendered as text, JSON, a self-contained SVG wheel or an HTML page around it.

mod html;
pub mod palette;
mod svg;
mod text;

use crate::catalog::Catalog;
use crate::freshness::{self, freshness, Freshness};
use crate::model::{Network, Person};
use crate::values::{Duration, Unit};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeSet, HashSet};

/// The version of the JSON shape; it changes only when the shape does.
pub const JSON_VERSION: u32 = 1;

/// A relationship is *due soon* when its next meaningful interaction is due within this.
pub const DUE_SOON_WITHIN: Duration = Duration { amount: 14, unit: Unit::Days };

/// Reciprocity looks at the last 365 days, like the `one-sided` rule.
pub const RECIPROCITY_WINDOW: Duration = Duration { amount: 365, unit: Unit::Days };

/// At least this many `asked` and no `helped` in the window make a relationship one-sided.
pub const ONE_SIDED_ASKS: usize = 3;

/// The party test judges a network closed when more than this share (in percent) of the
/// pairs of key people know each other.
pub const CLOSED_ABOVE_PERCENT: usize = 60;

/// The party test needs at least this many key people to say anything.
pub const PARTY_TEST_MIN_PEOPLE: usize = 4;

/// How fresh one relationship is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Not due within [`DUE_SOON_WITHIN`].
    Fresh,
    /// Due today or within [`DUE_SOON_WITHIN`].
    DueSoon,
    /// Due before today.
    Overdue,
    /// Neither a meaningful interaction nor a `met` date.
    Never,
}

impl Status {
    pub const ALL: [Status; 4] = [Status::Fresh, Status::DueSoon, Status::Overdue, Status::Never];

    /// How fresh a tracked relationship is on `today`.
    pub fn of(freshness: &Freshness, today: Date) -> Status {
        let soon = DUE_SOON_WITHIN.after(today).unwrap_or(Date::MAX);
        match freshness.status {
            freshness::Status::Never => Status::Never,
            freshness::Status::Overdue { .. } => Status::Overdue,
            freshness::Status::Due { on } if on <= soon => Status::DueSoon,
            freshness::Status::Due { .. } | freshness::Status::Untracked => Status::Fresh,
        }
    }

    /// In words, for people: `fresh`, `due soon`, `overdue`, `never`.
    pub fn label(self) -> &'static str {
        match self {
            Status::Fresh => "fresh",
            Status::DueSoon => "due soon",
            Status::Overdue => "overdue",
            Status::Never => "never",
        }
    }

    /// What the label means, for legends.
    pub fn explanation(self) -> &'static str {
        match self {
            Status::Fresh => "in touch within their cadence",
            Status::DueSoon => "due within 14 days",
            Status::Overdue => "past their cadence",
            Status::Never => "no meaningful interaction logged",
        }
    }
}

/// Asks and helps with one person in the last 365 days (after today minus 365 days, up to
/// and including today).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Reciprocity {
    pub asked: usize,
    pub helped: usize,
    /// The latest `asked` in the window.
    pub last_asked: Option<Date>,
}

impl Reciprocity {
    /// The `one-sided` pattern: at least three asks and no help.
    pub fn is_one_sided(&self) -> bool {
        self.asked >= ONE_SIDED_ASKS && self.helped == 0
    }
}

/// Counts `asked` and `helped` interactions with `person` in the last 365 days.
pub fn reciprocity(person: &Person, today: Date) -> Reciprocity {
    let window_start = RECIPROCITY_WINDOW.before(today);
    let mut counts = Reciprocity::default();
    for interaction in &person.interactions {
        let Some(date) = interaction.date.value else { continue };
        if date > today || window_start.is_some_and(|start| date <= start) {
            continue;
        }
        match interaction.kind_name() {
            Some("asked") => {
                counts.asked += 1;
                counts.last_asked = counts.last_asked.max(Some(date));
            }
            Some("helped") => counts.helped += 1,
            _ => {}
        }
    }
    counts
}

/// The last meaningful contact, as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LastSeen {
    pub date: Date,
    /// The interaction kind, or `met` when the `met` date stands in.
    pub kind: String,
}

/// One key person and how the relationship stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyPerson {
    pub id: String,
    pub name: String,
    /// The roles of their `role` line, as the analysis reads them.
    pub roles: Vec<String>,
    pub status: Status,
    pub last: Option<LastSeen>,
    /// Their cadence in the file's form, e.g. `6m`.
    pub cadence: String,
    pub due: Option<Date>,
    pub asked: usize,
    pub helped: usize,
    pub one_sided: bool,
}

/// One role of a pillar and who plays it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleSummary {
    pub id: String,
    pub description: String,
    /// Ids of the key people who play it, in file order.
    pub people: Vec<String>,
}

/// One pillar, its roles and who fills them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PillarSummary {
    pub id: String,
    pub description: String,
    pub roles: Vec<RoleSummary>,
}

impl PillarSummary {
    /// Whether any key person plays one of its roles.
    pub fn is_filled(&self) -> bool {
        self.roles.iter().any(|role| !role.people.is_empty())
    }
}

/// Key people against the `key-people` limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KeyCount {
    pub count: usize,
    pub limit: usize,
}

impl KeyCount {
    pub fn is_over(&self) -> bool {
        self.count > self.limit
    }
}

/// How many key people stand at each freshness.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    pub fresh: usize,
    pub due_soon: usize,
    pub overdue: usize,
    pub never: usize,
}

impl StatusCounts {
    pub fn get(&self, status: Status) -> usize {
        match status {
            Status::Fresh => self.fresh,
            Status::DueSoon => self.due_soon,
            Status::Overdue => self.overdue,
            Status::Never => self.never,
        }
    }

    fn add(&mut self, status: Status) {
        match status {
            Status::Fresh => self.fresh += 1,
            Status::DueSoon => self.due_soon += 1,
            Status::Overdue => self.overdue += 1,
            Status::Never => self.never += 1,
        }
    }
}

/// What the party test says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// At most [`CLOSED_ABOVE_PERCENT`] of the pairs know each other.
    Open,
    /// More than [`CLOSED_ABOVE_PERCENT`] of the pairs know each other.
    Closed,
    /// Fewer than [`PARTY_TEST_MIN_PEOPLE`] key people.
    TooFew,
}

/// The party test: invite all your key people to one party — how many pairs already know
/// each other (through `knows` or `via`, either direction)?
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Openness {
    pub pairs: usize,
    pub connected: usize,
    /// `connected / pairs` in whole percent, rounded to the nearest (0 without pairs).
    pub percent: usize,
    pub verdict: Verdict,
    /// The connected pairs as ids, each pair in file order, pairs in file order.
    pub links: Vec<[String; 2]>,
}

impl Openness {
    fn of(people: &[&Person]) -> Openness {
        let index: std::collections::HashMap<&str, usize> =
            people.iter().enumerate().map(|(position, person)| (person.id_name(), position)).collect();
        let mut connected: BTreeSet<(usize, usize)> = BTreeSet::new();
        for (position, person) in people.iter().enumerate() {
            for reference in person.knows().chain(person.via()) {
                if let Some(&other) = index.get(reference.target.as_str()) {
                    if other != position {
                        connected.insert((position.min(other), position.max(other)));
                    }
                }
            }
        }
        let count = people.len();
        let pairs = count * count.saturating_sub(1) / 2;
        let percent = (connected.len() * 100 + pairs / 2).checked_div(pairs).unwrap_or(0);
        let verdict = if count < PARTY_TEST_MIN_PEOPLE {
            Verdict::TooFew
        } else if connected.len() * 100 > CLOSED_ABOVE_PERCENT * pairs {
            Verdict::Closed
        } else {
            Verdict::Open
        };
        let links = connected
            .iter()
            .map(|&(first, second)| [people[first].id_name().to_string(), people[second].id_name().to_string()])
            .collect();
        Openness { pairs, connected: connected.len(), percent, verdict, links }
    }
}

/// The whole report of one network on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub version: u32,
    pub today: Date,
    pub key_people: KeyCount,
    pub freshness: StatusCounts,
    /// Every pillar with its roles, built-ins first, in the catalog's order.
    pub pillars: Vec<PillarSummary>,
    /// Roles that key people play but that belong to no pillar (declared without `pillar`,
    /// or unknown), in the order they first appear.
    pub roles_without_pillar: Vec<RoleSummary>,
    /// Key people in file order (a duplicated id counts once: the first).
    pub people: Vec<KeyPerson>,
    pub openness: Openness,
}

impl Report {
    /// The report of `network` on `today`.
    pub fn new(network: &Network, catalog: &Catalog, today: Date) -> Report {
        let key_people = unique_key_people(network);
        let mut counts = StatusCounts::default();
        let people: Vec<KeyPerson> = key_people
            .iter()
            .map(|person| {
                let fresh = freshness(person, catalog, &network.settings, today);
                let status = Status::of(&fresh, today);
                counts.add(status);
                let given_and_taken = reciprocity(person, today);
                KeyPerson {
                    id: person.id_name().to_string(),
                    name: person.display_name().to_string(),
                    roles: person.roles().iter().map(|role| role.name.clone()).collect(),
                    status,
                    last: fresh.last.map(|last| LastSeen { date: last.date, kind: last.what }),
                    cadence: fresh.cadence.every.to_source(),
                    due: fresh.due,
                    asked: given_and_taken.asked,
                    helped: given_and_taken.helped,
                    one_sided: given_and_taken.is_one_sided(),
                }
            })
            .collect();
        let players = |role: &str| -> Vec<String> {
            people
                .iter()
                .filter(|person| person.roles.iter().any(|played| played == role))
                .map(|person| person.id.clone())
                .collect()
        };
        let pillars = catalog
            .pillars
            .iter()
            .map(|pillar| PillarSummary {
                id: pillar.id.clone(),
                description: pillar.description.clone(),
                roles: catalog
                    .roles_in(&pillar.id)
                    .map(|role| RoleSummary {
                        id: role.id.clone(),
                        description: role.description.clone(),
                        people: players(&role.id),
                    })
                    .collect(),
            })
            .collect();
        let mut seen = HashSet::new();
        let roles_without_pillar = people
            .iter()
            .flat_map(|person| &person.roles)
            .filter(|role| {
                let placed = catalog
                    .role(role)
                    .and_then(|info| info.pillar.as_deref())
                    .is_some_and(|pillar| catalog.pillar(pillar).is_some());
                !placed && seen.insert(role.as_str())
            })
            .map(|role| RoleSummary {
                id: role.clone(),
                description: catalog
                    .role(role)
                    .map_or_else(|| "not a known role".to_string(), |info| info.description.clone()),
                people: players(role),
            })
            .collect();
        Report {
            version: JSON_VERSION,
            today,
            key_people: KeyCount { count: people.len(), limit: network.settings.key_people },
            freshness: counts,
            pillars,
            roles_without_pillar,
            openness: Openness::of(&key_people),
            people,
        }
    }

    /// The key person with this id.
    pub fn person(&self, id: &str) -> Option<&KeyPerson> {
        self.people.iter().find(|person| person.id == id)
    }

    /// Plain text for a terminal or a file.
    pub fn to_text(&self) -> String {
        text::render(self)
    }

    /// One JSON object (the shape docs/cli.md documents), pretty-printed, ending in a newline.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("the report holds only strings, numbers and lists");
        json.push('\n');
        json
    }

    /// The wheel as a self-contained SVG document.
    pub fn to_svg(&self) -> String {
        svg::render(self)
    }

    /// A self-contained HTML page: the wheel, its legend and the details as tables.
    pub fn to_html(&self) -> String {
        html::render(self)
    }
}

/// Key people with an id, each id once (the first person with it), in file order.
fn unique_key_people(network: &Network) -> Vec<&Person> {
    let mut seen = HashSet::new();
    network.key_people().filter(|person| person.id.is_some() && seen.insert(person.id_name())).collect()
}

/// Escapes text for XML and HTML content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            _ => escaped.push(c),
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 25);

    fn report_of(source: &str) -> Report {
        let analysis = crate::check(source, TODAY);
        Report::new(&analysis.network, &analysis.catalog, TODAY)
    }

    /// `count` key people named p0, p1…, each knowing the people listed for them.
    fn network_of(count: usize, knows: &[(usize, usize)]) -> String {
        let mut source = String::new();
        for person in 0..count {
            source.push_str(&format!("person p{person} \"P{person}\"\n  role mentor\n  met 2026-10-01\n"));
            for &(from, to) in knows {
                if from == person {
                    source.push_str(&format!("  knows @p{to}\n"));
                }
            }
        }
        source
    }

    #[test]
    fn statuses_follow_the_due_date() {
        let source = "person fresh \"F\"\n  role mentor\n  2026-10-01 coffee\n\
                      person soon \"S\"\n  role mentor\n  2026-06-09 coffee\n\
                      person today \"T\"\n  role mentor\n  2026-05-25 coffee\n\
                      person late \"L\"\n  role mentor\n  2026-05-24 coffee\n\
                      person never \"N\"\n  role mentor\n";
        let report = report_of(source);
        let statuses: Vec<Status> = report.people.iter().map(|person| person.status).collect();
        assert_eq!(statuses, [Status::Fresh, Status::DueSoon, Status::DueSoon, Status::Overdue, Status::Never]);
        assert_eq!(report.freshness, StatusCounts { fresh: 1, due_soon: 2, overdue: 1, never: 1 });
        assert!(Status::DueSoon.explanation().contains(&DUE_SOON_WITHIN.to_string()), "the legend tells the truth");
        // Due 2026-12-09 is the last day of "soon"; 2026-12-10 is fresh.
        let edge = report_of(
            "person a \"A\"\n  role mentor\n  2026-06-09 coffee\nperson b \"B\"\n  role mentor\n  2026-06-10 coffee\n",
        );
        assert_eq!(edge.people[0].status, Status::DueSoon);
        assert_eq!(edge.people[1].status, Status::Fresh);
    }

    #[test]
    fn pillars_list_every_role_and_who_plays_it() {
        let report = report_of("person ada \"Ada\"\n  role mentor, truth-teller\n  met 2026-01-01\nperson bo \"Bo\"\n  role mentor\n  met 2026-01-01\n");
        let pathfinders = report.pillars.iter().find(|pillar| pillar.id == "pathfinders").expect("a built-in pillar");
        let mentor = &pathfinders.roles[0];
        assert_eq!((mentor.id.as_str(), mentor.people.clone()), ("mentor", vec!["ada".to_string(), "bo".to_string()]));
        assert!(pathfinders.roles[1].people.is_empty());
        let pit_crew = report.pillars.iter().find(|pillar| pillar.id == "pit-crew").expect("a built-in pillar");
        assert_eq!(pit_crew.roles[2].people, ["ada"]);
        assert!(!report.pillars[0].is_filled(), "nobody is a promoter");
        assert_eq!(report.pillars.iter().map(|pillar| pillar.roles.len()).sum::<usize>(), 12);
    }

    #[test]
    fn roles_without_a_pillar_are_listed_apart() {
        let source = "role investor \"backs me\"\nperson ada \"Ada\"\n  role investor, mentr\n  met 2026-01-01\n";
        let report = report_of(source);
        let ids: Vec<&str> = report.roles_without_pillar.iter().map(|role| role.id.as_str()).collect();
        assert_eq!(ids, ["investor", "mentr"]);
        assert_eq!(report.roles_without_pillar[1].description, "not a known role");
        assert_eq!(report.roles_without_pillar[0].people, ["ada"]);
    }

    #[test]
    fn key_people_count_once_against_the_limit() {
        let source = "set key-people 1\nperson ada \"Ada\"\n  role mentor\nperson ada \"Ada again\"\n  role expert\nperson bo \"Bo\"\n  role expert\nperson cy \"Cy\"\n";
        let report = report_of(source);
        assert_eq!(report.key_people, KeyCount { count: 2, limit: 1 });
        assert!(report.key_people.is_over());
        assert_eq!(report.people[0].name, "Ada");
    }

    #[test]
    fn reciprocity_counts_the_last_365_days() {
        let source = "person raj \"Raj\"\n  role expert\n  met 2020-01-01\n  2025-11-25 helped\n  2025-11-26 asked\n  2026-03-01 asked\n  2026-11-25 asked\n  2026-12-01 helped\n";
        let raj = &report_of(source).people[0];
        assert_eq!((raj.asked, raj.helped, raj.one_sided), (3, 0, true));
        let analysis = crate::check(source, TODAY);
        assert_eq!(reciprocity(&analysis.network.people[0], TODAY).last_asked, Some(date(2026, 11, 25)));
        let balanced = report_of(&format!("{source}  2026-11-20 helped\n"));
        assert_eq!((balanced.people[0].helped, balanced.people[0].one_sided), (1, false));
    }

    #[test]
    fn the_party_test_counts_pairs_either_way_and_once() {
        // 4 people, 6 pairs; p0–p1 both ways counts once, p2 knows p3.
        let openness = report_of(&network_of(4, &[(0, 1), (1, 0), (2, 3)])).openness;
        assert_eq!((openness.pairs, openness.connected, openness.percent), (6, 2, 33));
        assert_eq!(openness.verdict, Verdict::Open);
        assert_eq!(openness.links, [["p0".to_string(), "p1".to_string()], ["p2".to_string(), "p3".to_string()]]);
    }

    #[test]
    fn more_than_sixty_percent_connected_is_closed() {
        // 5 people, 10 pairs: 6 connected is 60% (open), 7 is 70% (closed).
        let six = [(0, 1), (0, 2), (0, 3), (0, 4), (1, 2), (1, 3)];
        assert_eq!(report_of(&network_of(5, &six)).openness.verdict, Verdict::Open);
        let seven = [(0, 1), (0, 2), (0, 3), (0, 4), (1, 2), (1, 3), (3, 4)];
        let closed = report_of(&network_of(5, &seven)).openness;
        assert_eq!((closed.connected, closed.percent, closed.verdict), (7, 70, Verdict::Closed));
    }

    #[test]
    fn the_party_test_needs_four_key_people() {
        let openness = report_of(&network_of(3, &[(0, 1), (1, 2), (0, 2)])).openness;
        assert_eq!((openness.pairs, openness.percent, openness.verdict), (3, 100, Verdict::TooFew));
        let empty = report_of("").openness;
        assert_eq!((empty.pairs, empty.percent, empty.verdict), (0, 0, Verdict::TooFew));
    }

    #[test]
    fn via_connects_and_people_outside_the_key_set_do_not() {
        let mut source = network_of(4, &[]);
        source.push_str("person p4 \"Wider\"\n  knows @p0, @p1\n");
        source = source.replace("person p1 \"P1\"\n", "person p1 \"P1\"\n  via @p0\n");
        source = source.replace("person p2 \"P2\"\n", "person p2 \"P2\"\n  knows @p2, @nobody\n");
        let openness = report_of(&source).openness;
        assert_eq!(openness.connected, 1);
        assert_eq!(openness.links, [["p0".to_string(), "p1".to_string()]]);
    }

    #[test]
    fn json_has_the_documented_shape() {
        let report = report_of("person ada \"Ada\"\n  role mentor\n  2026-10-01 coffee\n");
        let value: serde_json::Value = serde_json::from_str(&report.to_json()).expect("valid JSON");
        assert_eq!(value["version"], 1);
        assert_eq!(value["today"], "2026-11-25");
        assert_eq!(value["key_people"], serde_json::json!({"count": 1, "limit": 12}));
        assert_eq!(value["freshness"]["due_soon"], 0);
        assert_eq!(value["people"][0]["status"], "fresh");
        assert_eq!(value["people"][0]["last"], serde_json::json!({"date": "2026-10-01", "kind": "coffee"}));
        assert_eq!(value["people"][0]["due"], "2027-04-01");
        assert_eq!(value["openness"]["verdict"], "too-few");
    }

    proptest::proptest! {
        /// Whatever the file says, the agenda and every rendering of the report finish, and
        /// the SVG stays one document.
        #[test]
        fn any_text_gets_an_agenda_and_a_report(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("person p \"P\"\n".to_string()),
                    proptest::strategy::Just("person q \"<Q&>\"\n".to_string()),
                    proptest::strategy::Just("  role mentor, sponsr\n".to_string()),
                    proptest::strategy::Just("  knows @p, @q, @q\n".to_string()),
                    proptest::strategy::Just("  via @p\n".to_string()),
                    proptest::strategy::Just("  birthday --02-29\n".to_string()),
                    proptest::strategy::Just("  every 1d\n".to_string()),
                    proptest::strategy::Just("  2026-11-25 asked\n".to_string()),
                    proptest::strategy::Just("role r \"x\"\n  pillar z\n".to_string()),
                    proptest::strategy::Just("pillar z \"z\"\n".to_string()),
                    proptest::strategy::Just("set builtin-roles off\n".to_string()),
                    "[a-z@\" \n-]{0,12}",
                ],
                0..12,
            ),
            days in 0i64..800,
        ) {
            let text = pieces.concat();
            let today = date(2025, 1, 1).checked_add(jiff::Span::new().days(days)).expect("a date in range");
            let analysis = crate::check(&text, today);
            let report = Report::new(&analysis.network, &analysis.catalog, today);
            let svg = report.to_svg();
            proptest::prop_assert_eq!(svg.matches("<svg").count(), 1);
            proptest::prop_assert!(svg.ends_with("</svg>\n"));
            proptest::prop_assert!(report.to_html().contains(&svg));
            proptest::prop_assert!(!report.to_text().is_empty());
            proptest::prop_assert!(serde_json::from_str::<serde_json::Value>(&report.to_json()).is_ok());
            let source = crate::agenda::Source { name: "p.kith", network: &analysis.network, catalog: &analysis.catalog };
            let agenda = crate::agenda::Agenda::new(&[source], today, crate::agenda::DEFAULT_WITHIN);
            proptest::prop_assert!(agenda.items.iter().all(|item| !item.reason.is_empty()));
        }
    }

    #[test]
    fn escape_covers_markup_characters() {
        assert_eq!(escape(r#"<Ada & "Bo" 'C'>"#), "&lt;Ada &amp; &quot;Bo&quot; &#39;C&#39;&gt;");
    }
}
