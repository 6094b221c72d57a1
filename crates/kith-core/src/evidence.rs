//! The evidence a log holds about a relationship — how often and how deeply you were in
//! touch in the last year, how recently, who gives and who takes, who writes to whom, how
//! long you have known each other, whom of your key people they know — and, from it, the
//! wider network ranked as candidates for key people, the key people who are drifting, and
//! what the network lacks. Pure and shared: `kith suggest` and `kith choose`, and the
//! server's hover and code actions.
//!
//! Imported messages and mail say who wrote them in their note, in the words
//! [`exchange_note`] writes and [`written`] reads back: `you wrote: …`, `they wrote: …`,
//! `3 emails, 1 from you: …`.

use crate::catalog::Catalog;
use crate::model::{Network, Person};
use crate::vocabulary::{self, Depth};
use jiff::civil::Date;
use jiff::ToSpan;

/// How far back "the last year" reaches, and the two halves drifting compares.
const YEAR_DAYS: i32 = 365;
const HALF_YEAR_DAYS: i32 = 182;

/// Points of the score, each capped so that no single signal drowns the others.
const POINTS_PER_MEANINGFUL: u32 = 10;
const MEANINGFUL_COUNTED: usize = 12;
const POINTS_PER_LIGHT: u32 = 2;
const LIGHT_COUNTED: usize = 20;
const POINTS_PER_YEAR_KNOWN: u32 = 2;
const YEARS_COUNTED: u32 = 10;
const POINTS_PER_KEY_PERSON_KNOWN: u32 = 6;
const KEY_PEOPLE_COUNTED: usize = 3;

/// The note of `count` imported interactions of `kind` on one day with one person: the
/// summary after who wrote them, and how many there were when there were several. `from_you` is `None` when
/// the source does not say who sent it (meetings): then only the count is written.
pub fn exchange_note(kind: &str, count: usize, from_you: Option<usize>, summary: &str) -> String {
    let who = match (count, from_you) {
        (1, Some(1)) => "you wrote".to_string(),
        (1, Some(_)) => "they wrote".to_string(),
        (1, None) => String::new(),
        (count, Some(mine)) => format!("{}, {mine} from you", vocabulary::count_of_kind(count, kind)),
        (count, None) => vocabulary::count_of_kind(count, kind),
    };
    match (who.is_empty(), summary.trim().is_empty()) {
        (true, _) => summary.trim().to_string(),
        (false, true) => who,
        (false, false) => format!("{who}: {}", summary.trim()),
    }
}

/// Who wrote, as [`exchange_note`] says it: how many were written, and how many by you.
pub fn written(note: &str) -> Option<(usize, usize)> {
    let head = note.split(':').next().unwrap_or(note).trim();
    match head {
        "you wrote" => return Some((1, 1)),
        "they wrote" => return Some((1, 0)),
        _ => {}
    }
    let (count, rest) = head.split_once(' ')?;
    let count: usize = count.parse().ok()?;
    let mine = rest.split_once(", ")?.1.strip_suffix(" from you")?.parse().ok()?;
    (mine <= count).then_some((count, mine))
}

/// What a person's log says, as of a day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    /// Meaningful interactions in the last year, by kind, most first.
    pub meaningful: Vec<(String, usize)>,
    /// Light interactions in the last year, by kind, most first.
    pub light: Vec<(String, usize)>,
    /// The latest interaction on or before today: its date and kind.
    pub last: Option<(Date, String)>,
    /// In the last year: how many times you helped them, and asked them for help.
    pub helped: usize,
    pub asked: usize,
    /// In the last year, of the messages and mail whose notes say who wrote them: by you,
    /// and by them.
    pub you_wrote: usize,
    pub they_wrote: usize,
    /// Their `met` date, else their earliest interaction.
    pub known_since: Option<Date>,
    /// The key people they know, or who know them (`knows`), by display name.
    pub knows_key_people: Vec<String>,
    /// The key person who introduced you (`via`), by display name.
    pub introduced_by: Option<String>,
}

impl Evidence {
    /// The evidence about `person` in `network` as of `today`.
    pub fn of(network: &Network, person: &Person, today: Date) -> Self {
        let year_ago = today.checked_sub(YEAR_DAYS.days()).unwrap_or(today);
        let mut evidence = Evidence::default();
        let mut earliest: Option<Date> = None;
        for interaction in &person.interactions {
            let (Some(date), Some(kind)) = (interaction.date.value, interaction.kind_name()) else { continue };
            if date > today {
                continue;
            }
            earliest = Some(earliest.map_or(date, |known| known.min(date)));
            if evidence.last.as_ref().is_none_or(|(last, _)| date >= *last) {
                evidence.last = Some((date, kind.to_string()));
            }
            if date <= year_ago {
                continue;
            }
            let tally = match interaction.depth() {
                Depth::Meaningful => &mut evidence.meaningful,
                Depth::Light => &mut evidence.light,
            };
            match tally.iter_mut().find(|(known, _)| known == kind) {
                Some((_, count)) => *count += 1,
                None => tally.push((kind.to_string(), 1)),
            }
            match kind {
                "helped" => evidence.helped += 1,
                "asked" => evidence.asked += 1,
                _ => {}
            }
            if let Some((count, mine)) = interaction.note.as_ref().and_then(|note| written(&note.value)) {
                evidence.you_wrote += mine;
                evidence.they_wrote += count - mine;
            }
        }
        for tally in [&mut evidence.meaningful, &mut evidence.light] {
            tally.sort_by(|(kind_a, a), (kind_b, b)| b.cmp(a).then(kind_a.cmp(kind_b)));
        }
        let met = person.met().and_then(|(date, _)| date.value);
        evidence.known_since = met.into_iter().chain(earliest).min();

        let key_name =
            |id: &str| network.person(id).filter(|known| known.is_key()).map(|known| known.display_name().to_string());
        let mut knows: Vec<String> = person.knows().filter_map(|reference| key_name(&reference.target)).collect();
        for other in network.key_people().filter(|other| other.id_name() != person.id_name()) {
            if other.knows().any(|reference| reference.target == person.id_name()) {
                knows.push(other.display_name().to_string());
            }
        }
        knows.sort();
        knows.dedup();
        evidence.knows_key_people = knows;
        evidence.introduced_by = person.via().and_then(|reference| key_name(&reference.target));
        evidence
    }

    fn meaningful_count(&self) -> usize {
        self.meaningful.iter().map(|(_, count)| count).sum()
    }

    fn light_count(&self) -> usize {
        self.light.iter().map(|(_, count)| count).sum()
    }

    /// True when the log says nothing about them: no interaction, no `met`, nobody known.
    pub fn is_empty(&self) -> bool {
        self.last.is_none()
            && self.known_since.is_none()
            && self.knows_key_people.is_empty()
            && self.introduced_by.is_none()
    }

    /// How strongly the evidence speaks for them, in points: meaningful interactions in the
    /// last year weigh five times light ones; then how recent the last one is, give and
    /// take, writing both ways, years known and key people known. Anyone with evidence
    /// scores at least 1; nobody without any does.
    pub fn score(&self, today: Date) -> u32 {
        if self.is_empty() {
            return 0;
        }
        let counted = |count: usize, cap: usize| count.min(cap) as u32;
        let mut score = POINTS_PER_MEANINGFUL * counted(self.meaningful_count(), MEANINGFUL_COUNTED)
            + POINTS_PER_LIGHT * counted(self.light_count(), LIGHT_COUNTED);
        if let Some((last, _)) = &self.last {
            score += match days_between(*last, today) {
                ..=30 => 20,
                31..=90 => 12,
                91..=182 => 6,
                183..=365 => 2,
                _ => 0,
            };
        }
        score += match (self.helped > 0, self.asked > 0) {
            (true, true) => 18,
            (true, false) => 8,
            (false, true) => 4,
            (false, false) => 0,
        };
        score += match (self.you_wrote > 0, self.they_wrote > 0) {
            (true, true) => 8,
            (false, true) => 2,
            _ => 0,
        };
        if let Some(since) = self.known_since {
            let years = (days_between(since, today).max(0) / YEAR_DAYS as i64) as u32;
            score += POINTS_PER_YEAR_KNOWN * years.min(YEARS_COUNTED);
        }
        score += POINTS_PER_KEY_PERSON_KNOWN * counted(self.knows_key_people.len(), KEY_PEOPLE_COUNTED);
        if self.introduced_by.is_some() {
            score += POINTS_PER_KEY_PERSON_KNOWN;
        }
        score.max(1)
    }

    /// The evidence in words and numbers, strongest first: "4 meaningful interactions in
    /// the last year (3 coffees, 1 call), the last on 2026-11-01", "known since 2019".
    pub fn reasons(&self) -> Vec<String> {
        let mut reasons = Vec::new();
        let listed = |tally: &[(String, usize)]| {
            tally.iter().map(|(kind, count)| vocabulary::count_of_kind(*count, kind)).collect::<Vec<_>>().join(", ")
        };
        let last = self.last.as_ref().map(|(date, kind)| format!("the last on {date} ({kind})"));
        let (meaningful, light) = (self.meaningful_count(), self.light_count());
        match (meaningful, light) {
            (0, 0) => {
                if let Some(last) = &last {
                    reasons.push(format!("no interaction in the last year; {last}"));
                }
            }
            (0, _) => reasons.push(format!(
                "no meaningful interaction in the last year, {} light ({}); {}",
                light,
                listed(&self.light),
                last.unwrap_or_default()
            )),
            _ => {
                let mut sentence = format!(
                    "{meaningful} meaningful interaction{} in the last year ({})",
                    if meaningful == 1 { "" } else { "s" },
                    listed(&self.meaningful)
                );
                if light > 0 {
                    sentence.push_str(&format!(" and {light} light ({})", listed(&self.light)));
                }
                if let Some(last) = last {
                    sentence.push_str(&format!(", {last}"));
                }
                reasons.push(sentence);
            }
        }
        match (self.helped, self.asked) {
            (0, 0) => {}
            (helped, 0) => reasons.push(format!("you helped them {} in the last year", times(helped))),
            (0, asked) => reasons.push(format!("you asked them for help {} and never helped in return", times(asked))),
            (helped, asked) => {
                reasons.push(format!("give and take: you helped them {} and asked {}", times(helped), times(asked)));
            }
        }
        if self.you_wrote > 0 || self.they_wrote > 0 {
            reasons.push(format!("you wrote {} and they wrote {} in the last year", self.you_wrote, self.they_wrote));
        }
        if let Some(since) = self.known_since {
            reasons.push(format!("known since {}", since.year()));
        }
        if !self.knows_key_people.is_empty() {
            reasons.push(format!(
                "knows {} of your key people ({})",
                self.knows_key_people.len(),
                self.knows_key_people.join(", ")
            ));
        }
        if let Some(introducer) = &self.introduced_by {
            reasons.push(format!("introduced by {introducer}, a key person"));
        }
        reasons
    }
}

fn times(count: usize) -> String {
    match count {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        count => format!("{count} times"),
    }
}

fn days_between(earlier: Date, later: Date) -> i64 {
    earlier.until(later).map_or(0, |span| span.get_days() as i64)
}

/// A person of the wider network ranked as a candidate key person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub id: String,
    pub name: String,
    pub score: u32,
    pub reasons: Vec<String>,
}

/// Everyone without a role, best first (ties keep file order); people without evidence
/// come last, with score 0.
pub fn candidates(network: &Network, today: Date) -> Vec<Candidate> {
    let mut candidates: Vec<Candidate> = network
        .people
        .iter()
        .filter(|person| !person.is_key() && person.id.is_some())
        .map(|person| {
            let evidence = Evidence::of(network, person, today);
            Candidate {
                id: person.id_name().to_string(),
                name: person.display_name().to_string(),
                score: evidence.score(today),
                reasons: evidence.reasons(),
            }
        })
        .collect();
    candidates.sort_by_key(|candidate| std::cmp::Reverse(candidate.score));
    candidates
}

/// A key person you are in touch with far less than you were.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drift {
    pub id: String,
    pub name: String,
    /// Interactions in the last six months, and in the six months before.
    pub recent: usize,
    pub before: usize,
}

/// The key people with at most a third as many interactions in the last six months as in
/// the six before (and two at least before), most drifted first.
pub fn drifting(network: &Network, today: Date) -> Vec<Drift> {
    let half_ago = today.checked_sub(HALF_YEAR_DAYS.days()).unwrap_or(today);
    let year_ago = today.checked_sub(YEAR_DAYS.days()).unwrap_or(today);
    let mut drifts: Vec<Drift> = network
        .key_people()
        .filter_map(|person| {
            let dates = person.interactions.iter().filter_map(|interaction| interaction.date.value);
            let (mut recent, mut before) = (0, 0);
            for date in dates.filter(|date| *date <= today) {
                if date > half_ago {
                    recent += 1;
                } else if date > year_ago {
                    before += 1;
                }
            }
            (before >= 2 && recent * 3 <= before).then(|| Drift {
                id: person.id_name().to_string(),
                name: person.display_name().to_string(),
                recent,
                before,
            })
        })
        .collect();
    drifts.sort_by_key(|drift| std::cmp::Reverse(drift.before - drift.recent));
    drifts
}

/// Below this many key people, the agenda and the report point at `kith choose`.
pub const FEW_KEY_PEOPLE: usize = 4;

/// The nudge to choose key people when a network has fewer than [`FEW_KEY_PEOPLE`]:
/// "Only 1 key person so far: choose from the people you are in touch with — `kith choose`".
pub fn choose_nudge(key_people: usize) -> Option<String> {
    let so_far = match key_people {
        0 => "No key people yet".to_string(),
        1 => "Only 1 key person so far".to_string(),
        count if count < FEW_KEY_PEOPLE => format!("Only {count} key people so far"),
        _ => return None,
    };
    Some(format!(
        "{so_far}: choose them from the people you are in touch with — `kith choose` (or `kith suggest` for the list)"
    ))
}

/// What the network needs first: its empty pillars and the roles nobody plays, and how
/// many key people it has against `key-people`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gaps {
    pub key_people: usize,
    pub limit: usize,
    /// Pillars without a key person, with their roles.
    pub empty_pillars: Vec<(String, Vec<String>)>,
    /// Roles nobody plays, in the catalog's order.
    pub unfilled_roles: Vec<String>,
}

pub fn gaps(network: &Network, catalog: &Catalog) -> Gaps {
    let played: Vec<&str> =
        network.key_people().flat_map(|person| person.roles().iter().map(|role| role.name.as_str())).collect();
    let filled_pillars: Vec<&str> =
        played.iter().filter_map(|role| catalog.role(role)).filter_map(|role| role.pillar.as_deref()).collect();
    let empty_pillars = catalog
        .pillars
        .iter()
        .filter(|pillar| !filled_pillars.contains(&pillar.id.as_str()))
        .map(|pillar| (pillar.id.clone(), catalog.roles_in(&pillar.id).map(|role| role.id.clone()).collect()))
        .collect();
    let unfilled_roles =
        catalog.roles.iter().filter(|role| !played.contains(&role.id.as_str())).map(|role| role.id.clone()).collect();
    Gaps { key_people: network.key_people().count(), limit: network.settings.key_people, empty_pillars, unfilled_roles }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 25);

    fn network(text: &str) -> Network {
        crate::check(text, TODAY).network
    }

    fn evidence(text: &str, id: &str) -> Evidence {
        let network = network(text);
        let person = network.person(id).expect("the person");
        Evidence::of(&network, person, TODAY)
    }

    fn score(text: &str, id: &str) -> u32 {
        evidence(text, id).score(TODAY)
    }

    #[test]
    fn notes_say_who_wrote_and_read_back() {
        assert_eq!(exchange_note("message", 1, Some(1), "Hi"), "you wrote: Hi");
        assert_eq!(exchange_note("email", 1, Some(0), " Re: draft "), "they wrote: Re: draft");
        assert_eq!(exchange_note("email", 3, Some(1), "Re: draft"), "3 emails, 1 from you: Re: draft");
        assert_eq!(exchange_note("meet", 2, None, "Lunch"), "2 meetings: Lunch");
        assert_eq!(exchange_note("meet", 1, None, "Lunch"), "Lunch");
        assert_eq!(exchange_note("message", 2, Some(2), ""), "2 messages, 2 from you");
        for (kind, count, mine) in [("message", 1, 1), ("email", 1, 0), ("email", 7, 3), ("message", 2, 0)] {
            assert_eq!(written(&exchange_note(kind, count, Some(mine), "a: b")), Some((count, mine)));
        }
        assert_eq!(written("2 meetings: Lunch"), None);
        assert_eq!(written("Talked it through"), None);
        assert_eq!(written("2 emails, 3 from you"), None);
    }

    #[test]
    fn the_log_is_read_for_the_last_year() {
        let text = "person ada \"Ada\"\n  met 2019-04-02\n  2025-01-10 coffee\n  2026-03-01 coffee\n  2026-04-01 call\n  2026-05-01 email \"3 emails, 1 from you: Draft\"\n  2026-06-01 helped\n  2026-07-01 asked\n  2027-01-01 meal\n";
        let found = evidence(text, "ada");
        assert_eq!(
            found.meaningful,
            [("asked".to_string(), 1), ("call".into(), 1), ("coffee".into(), 1), ("helped".into(), 1)]
        );
        assert_eq!(found.light, [("email".to_string(), 1)]);
        assert_eq!(found.last, Some((date(2026, 7, 1), "asked".to_string())), "nothing after today counts");
        assert_eq!((found.helped, found.asked, found.you_wrote, found.they_wrote), (1, 1, 1, 2));
        assert_eq!(found.known_since, Some(date(2019, 4, 2)));
        assert_eq!(
            found.reasons(),
            [
                "4 meaningful interactions in the last year (1 favour you asked, 1 call, 1 coffee, 1 favour you did) and 1 light (1 email), the last on 2026-07-01 (asked)",
                "give and take: you helped them once and asked once",
                "you wrote 1 and they wrote 2 in the last year",
                "known since 2019",
            ]
        );
    }

    #[test]
    fn each_signal_moves_the_score_the_right_way() {
        let base = "person p \"P\"\n  met 2025-11-01\n  2026-01-10 email\n";
        let base_score = score(base, "p");
        let more_meaningful = score(&format!("{base}  2026-02-01 coffee\n"), "p");
        let more_light = score(&format!("{base}  2026-02-01 email\n"), "p");
        assert!(more_meaningful > more_light && more_light > base_score, "{more_meaningful} {more_light} {base_score}");
        let recent = score(&format!("{base}  2026-11-20 email\n"), "p");
        assert!(recent > more_light, "the same count, more recent: {recent} vs {more_light}");
        let helped = score(&format!("{base}  2026-02-01 helped\n"), "p");
        let asked = score(&format!("{base}  2026-02-01 asked\n"), "p");
        let both = score(&format!("{base}  2026-02-01 helped\n  2026-02-02 asked\n"), "p");
        assert!(helped > asked, "giving weighs more than taking");
        assert!(
            both > score(&format!("{base}  2026-02-01 helped\n  2026-02-02 helped\n"), "p"),
            "give and take beats giving twice"
        );
        let two_way = score("person p \"P\"\n  met 2025-11-01\n  2026-01-10 email \"2 emails, 1 from you: x\"\n", "p");
        let one_way = score("person p \"P\"\n  met 2025-11-01\n  2026-01-10 email \"2 emails, 0 from you: x\"\n", "p");
        assert!(two_way > one_way);
        let long_known = score("person p \"P\"\n  met 2015-11-01\n  2026-01-10 email\n", "p");
        assert!(long_known > base_score);
        let key = "person k \"Kay\"\n  role mentor\n  met 2020-01-01\n  knows @p\n";
        assert!(score(&format!("{key}{base}"), "p") > base_score, "known to a key person");
        assert!(
            score(&format!("{key}{base}  via @k\n"), "p") > score(&format!("{key}{base}"), "p"),
            "introduced by one"
        );
        assert_eq!(score("person p \"P\"\n", "p"), 0, "no evidence");
        assert_eq!(score("person p \"P\"\n  met 2026-11-24\n", "p"), 1, "any evidence beats none");
    }

    #[test]
    fn candidates_are_the_wider_network_best_first_with_stable_ties() {
        let text = "person key \"Key\"\n  role mentor\n  2026-11-01 coffee\nperson none \"Nobody\"\nperson a \"A\"\n  2026-01-01 email\nperson b \"B\"\n  2026-10-01 coffee\n  2026-11-01 coffee\nperson c \"C\"\n  2026-01-01 email\n";
        let ranked: Vec<(String, u32)> =
            candidates(&network(text), TODAY).into_iter().map(|candidate| (candidate.id, candidate.score)).collect();
        let ids: Vec<&str> = ranked.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["b", "a", "c", "none"], "{ranked:?}");
        assert_eq!(ranked[1].1, ranked[2].1, "a and c tie and keep their order");
        assert_eq!(ranked[3].1, 0);
    }

    #[test]
    fn key_people_drift_when_the_last_half_year_holds_a_third_of_the_one_before() {
        let text = "person ada \"Ada\"\n  role mentor\n  2026-01-05 coffee\n  2026-02-05 call\n  2026-03-05 coffee\n  2026-08-01 email\nperson bob \"Bob\"\n  role expert\n  2026-01-05 coffee\n  2026-03-05 coffee\n  2026-08-01 email\n  2026-09-01 call\nperson cy \"Cy\"\n  2026-01-05 coffee\n  2026-02-05 coffee\n";
        assert_eq!(
            drifting(&network(text), TODAY),
            [Drift { id: "ada".into(), name: "Ada".into(), recent: 1, before: 3 }]
        );
    }

    #[test]
    fn few_key_people_get_the_nudge_to_choose() {
        assert_eq!(
            choose_nudge(0).as_deref(),
            Some(
                "No key people yet: choose them from the people you are in touch with — `kith choose` (or `kith suggest` for the list)"
            )
        );
        assert!(choose_nudge(3).is_some_and(|nudge| nudge.starts_with("Only 3 key people so far:")));
        assert_eq!(choose_nudge(FEW_KEY_PEOPLE), None);
    }

    #[test]
    fn gaps_name_the_empty_pillars_and_unfilled_roles() {
        let text = "set key-people 3\nperson ada \"Ada\"\n  role mentor, champion\n";
        let network = network(text);
        let found = gaps(&network, &Catalog::new(&network));
        assert_eq!((found.key_people, found.limit), (1, 3));
        let empty: Vec<&str> = found.empty_pillars.iter().map(|(pillar, _)| pillar.as_str()).collect();
        assert_eq!(empty, ["pit-crew", "accelerators"]);
        assert_eq!(found.empty_pillars[0].1, ["nurturer", "confidant", "truth-teller"]);
        assert!(!found.unfilled_roles.contains(&"mentor".to_string()));
        assert_eq!(found.unfilled_roles.len(), 10);
    }
}
