//! Time judgements about a person: their cadence and where it comes from, their last
//! meaningful interaction, when the next one is due and where that leaves them today (a
//! typed [`Status`]); `wording` says all of it in words.

use crate::catalog::Catalog;
use crate::model::{Person, Settings, DEFAULT_STALE_AFTER};
use crate::text::Span;
use crate::values::Duration;
use crate::vocabulary::Depth;
use jiff::civil::Date;

/// Where a person's cadence comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CadenceSource {
    /// Their own `every` line.
    Person,
    /// The shortest `every` of their roles: this role's.
    Role(String),
    /// The file's `set stale-after`.
    FileSetting,
    /// No `every` and no `set stale-after`: [`DEFAULT_STALE_AFTER`].
    Default,
}

/// How often a person should have a meaningful interaction.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cadence {
    pub every: Duration,
    pub source: CadenceSource,
}

/// Their `every`; else the shortest `every` of their roles; else `stale-after`.
/// An unreadable value falls through to the next source.
pub fn cadence(person: &Person, catalog: &Catalog, settings: &Settings, today: Date) -> Cadence {
    if let Some(every) = person.every().and_then(|every| every.value) {
        return Cadence { every, source: CadenceSource::Person };
    }
    let shortest = person
        .roles()
        .iter()
        .filter_map(|role| catalog.role(&role.name))
        .filter_map(|role| role.every.map(|every| (every, role.id.clone())))
        .min_by_key(|(every, _)| every.after(today));
    match (shortest, settings.stale_after) {
        (Some((every, role)), _) => Cadence { every, source: CadenceSource::Role(role) },
        (None, Some(every)) => Cadence { every, source: CadenceSource::FileSetting },
        (None, None) => Cadence { every: DEFAULT_STALE_AFTER, source: CadenceSource::Default },
    }
}

/// The latest meaningful contact on or before today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastContact {
    pub date: Date,
    /// The interaction kind (`coffee`), or `met` when the `met` date stands in.
    pub what: String,
    /// The date's span in the source.
    pub span: Span,
}

/// The latest meaningful interaction dated on or before today; else the `met` date, if it
/// is not in the future either.
pub fn last_meaningful(person: &Person, today: Date) -> Option<LastContact> {
    let interaction = person
        .interactions
        .iter()
        .filter(|interaction| interaction.depth() == Depth::Meaningful)
        .filter_map(|interaction| interaction.date.value.map(|date| (date, interaction)))
        .filter(|(date, _)| *date <= today)
        .max_by_key(|(date, _)| *date);
    if let Some((date, interaction)) = interaction {
        let what = interaction.kind_name().unwrap_or("interaction").to_string();
        return Some(LastContact { date, what, span: interaction.date.span });
    }
    let (met, _) = person.met()?;
    met.value.filter(|date| *date <= today).map(|date| LastContact { date, what: "met".to_string(), span: met.span })
}

/// Where a relationship stands today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// No role and no `every`: kith keeps no time for them.
    Untracked,
    /// Tracked, with neither a meaningful interaction nor a `met` date: never in touch.
    Never,
    /// The next meaningful interaction was due on this day, before today.
    Overdue { since: Date },
    /// The next meaningful interaction is due on this day, today or later.
    Due { on: Date },
}

impl Status {
    /// Overdue, or never in touch: what the `stale` rule warns about.
    pub fn is_stale(self) -> bool {
        matches!(self, Status::Never | Status::Overdue { .. })
    }
}

/// Everything kith knows about how fresh a relationship is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Freshness {
    pub cadence: Cadence,
    pub last: Option<LastContact>,
    /// When the next meaningful interaction is due (`None` without a last contact).
    pub due: Option<Date>,
    pub status: Status,
}

impl Freshness {
    /// Whether the cadence applies: a key person, or anyone with `every`.
    pub fn tracked(&self) -> bool {
        self.status != Status::Untracked
    }
}

pub fn freshness(person: &Person, catalog: &Catalog, settings: &Settings, today: Date) -> Freshness {
    let cadence = cadence(person, catalog, settings, today);
    let last = last_meaningful(person, today);
    let due = last.as_ref().and_then(|last| cadence.every.after(last.date));
    let tracked = person.is_key() || person.every().is_some();
    let status = match (tracked, due) {
        (false, _) => Status::Untracked,
        (true, None) => Status::Never,
        (true, Some(due)) if due < today => Status::Overdue { since: due },
        (true, Some(due)) => Status::Due { on: due },
    };
    Freshness { cadence, last, due, status }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::build;
    use crate::syntax::parse;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 25);

    fn freshness_of(text: &str) -> Freshness {
        let network = build(text, &parse(text));
        let catalog = Catalog::new(&network);
        freshness(&network.people[0], &catalog, &network.settings, TODAY)
    }

    #[test]
    fn the_status_is_typed_from_the_due_date() {
        let key = "person ada \"Ada\"\n  role mentor\n";
        assert_eq!(freshness_of(key).status, Status::Never);
        assert_eq!(
            freshness_of(&format!("{key}  2026-03-14 coffee\n")).status,
            Status::Overdue { since: date(2026, 9, 14) }
        );
        assert_eq!(freshness_of(&format!("{key}  2026-05-25 call\n")).status, Status::Due { on: TODAY });
        assert_eq!(freshness_of(&format!("{key}  2026-10-01 call\n")).status, Status::Due { on: date(2027, 4, 1) });
        assert_eq!(freshness_of("person bob \"Bob\"\n  2020-01-01 coffee\n").status, Status::Untracked);
        assert!(Status::Never.is_stale() && !Status::Due { on: TODAY }.is_stale());
    }

    #[test]
    fn the_cadence_names_its_source_including_the_file_setting() {
        let source = |text: &str| freshness_of(text).cadence.source;
        assert_eq!(source("person ada \"Ada\"\n  role mentor\n  every 2w\n"), CadenceSource::Person);
        assert_eq!(
            source(
                "role investor \"I\"\n  pillar promoters\n  every 3m\nperson ada \"Ada\"\n  role investor, mentor\n"
            ),
            CadenceSource::Role("investor".to_string())
        );
        let set = freshness_of("set stale-after 2m\nperson ada \"Ada\"\n  role mentor\n");
        assert_eq!((set.cadence.source, set.cadence.every), (CadenceSource::FileSetting, Duration::months(2)));
        let default = freshness_of("person ada \"Ada\"\n  role mentor\n");
        assert_eq!((default.cadence.source, default.cadence.every), (CadenceSource::Default, DEFAULT_STALE_AFTER));
    }
}
