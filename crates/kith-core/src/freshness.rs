//! Time judgements about a person: their cadence, their last meaningful interaction, when
//! the next one is due and whether they are stale, all relative to a given today.

use crate::catalog::Catalog;
use crate::model::{Person, Settings};
use crate::text::Span;
use crate::values::Duration;
use crate::vocabulary::Depth;
use jiff::civil::Date;
use jiff::Unit;

/// Where a person's cadence comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CadenceSource {
    /// Their own `every` line.
    Person,
    /// The shortest `every` of their roles: this role's.
    Role(String),
    /// The file's `stale-after` (or its default).
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
    match shortest {
        Some((every, role)) => Cadence { every, source: CadenceSource::Role(role) },
        None => Cadence { every: settings.stale_after, source: CadenceSource::Default },
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

/// Everything kith knows about how fresh a relationship is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Freshness {
    pub cadence: Cadence,
    pub last: Option<LastContact>,
    /// When the next meaningful interaction is due (`None` without a last contact).
    pub due: Option<Date>,
    /// Whether the cadence applies: a key person, or anyone with `every`.
    pub tracked: bool,
    /// Tracked, and due before today or never met at all.
    pub stale: bool,
}

pub fn freshness(person: &Person, catalog: &Catalog, settings: &Settings, today: Date) -> Freshness {
    let cadence = cadence(person, catalog, settings, today);
    let last = last_meaningful(person, today);
    let due = last.as_ref().and_then(|last| cadence.every.after(last.date));
    let tracked = person.is_key() || person.every().is_some();
    let stale = tracked && due.is_none_or(|due| due < today);
    Freshness { cadence, last, due, tracked, stale }
}

/// How long from `from` to `to` in words, rounded down: `12 days`, `3 weeks`,
/// `7 months`, `2 years`. Negative spans read as `0 days`.
pub fn elapsed(from: Date, to: Date) -> String {
    if to <= from {
        return "0 days".to_string();
    }
    let months = from.until((Unit::Month, to)).map_or(0, |span| span.get_months());
    let days = from.until((Unit::Day, to)).map_or(0, |span| span.get_days());
    let (amount, unit) = if months >= 24 {
        (months / 12, "year")
    } else if months >= 1 {
        (months, "month")
    } else if days >= 14 {
        (days / 7, "week")
    } else {
        (days, "day")
    };
    let plural = if amount == 1 { "" } else { "s" };
    format!("{amount} {unit}{plural}")
}

#[cfg(test)]
mod tests {
    use super::elapsed;
    use jiff::civil::date;

    #[test]
    fn elapsed_reads_naturally() {
        assert_eq!(elapsed(date(2026, 11, 20), date(2026, 11, 25)), "5 days");
        assert_eq!(elapsed(date(2026, 11, 1), date(2026, 11, 25)), "3 weeks");
        assert_eq!(elapsed(date(2026, 3, 14), date(2026, 11, 25)), "8 months");
        assert_eq!(elapsed(date(2025, 12, 1), date(2026, 11, 25)), "11 months");
        assert_eq!(elapsed(date(2026, 1, 31), date(2026, 2, 28)), "4 weeks");
        assert_eq!(elapsed(date(2024, 1, 10), date(2026, 11, 25)), "2 years");
        assert_eq!(elapsed(date(2026, 12, 1), date(2026, 11, 25)), "0 days");
    }
}
