//! How kith words what it knows: spans of time, a relationship's freshness (its cadence and
//! where that comes from, the last contact, the typed status) and sentence case — one home
//! for the words the rules, the agenda, the reports, the exports and the server show.

use crate::freshness::{Cadence, CadenceSource, LastContact, Status};
use jiff::civil::Date;
use jiff::Unit;

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

/// `3 weeks ago`, `today` or `in 2 days`.
pub fn relative(date: Date, today: Date) -> String {
    match date.cmp(&today) {
        std::cmp::Ordering::Less => format!("{} ago", elapsed(date, today)),
        std::cmp::Ordering::Equal => "today".to_string(),
        std::cmp::Ordering::Greater => format!("in {}", elapsed(today, date)),
    }
}

/// `today`, `tomorrow`, or `on Thursday, December 3 (in 8 days)`.
pub fn day(date: Date, days_left: i64) -> String {
    match days_left {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        _ => format!("on {} (in {days_left} days)", date.strftime("%A, %B %-d")),
    }
}

/// `once`, `twice`, `3 times`; `0 times`.
pub fn times(count: usize) -> String {
    match count {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        _ => format!("{count} times"),
    }
}

/// Items in a sentence: `mentor`, `mentor and challenger`, `mentor, expert and
/// challenger`; `nothing` when there are none.
pub fn listed(items: &[String]) -> String {
    match items {
        [] => "nothing".to_string(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// `1 diagnostic`, `3 diagnostics`: a count and its noun, plural unless one.
pub fn count(count: usize, noun: &str) -> String {
    match count {
        1 => format!("1 {noun}"),
        _ => format!("{count} {noun}s"),
    }
}

/// `cadence 6 months`, or `cadence 3 months as a mentor` when a role sets it.
pub fn cadence(cadence: &Cadence) -> String {
    match &cadence.source {
        CadenceSource::Role(role) => format!("cadence {} as a {role}", cadence.every),
        CadenceSource::Person | CadenceSource::FileSetting | CadenceSource::Default => {
            format!("cadence {}", cadence.every)
        }
    }
}

/// Where the cadence comes from: `their own `every 2w``, `the `every 3m` of their role
/// `mentor``, `the file's `set stale-after 2m``, or the default.
pub fn cadence_source(cadence: &Cadence) -> String {
    let every = cadence.every.to_source();
    match &cadence.source {
        CadenceSource::Person => format!("their own `every {every}`"),
        CadenceSource::Role(role) => format!("the `every {every}` of their role `{role}`"),
        CadenceSource::FileSetting => format!("the file's `set stale-after {every}`"),
        CadenceSource::Default => "the default for key people (the file has no `set stale-after`)".to_string(),
    }
}

/// `last coffee 8 months ago`, or `met 3 weeks ago` when the `met` date stands in.
pub fn last_contact(last: &LastContact, today: Date) -> String {
    let when = relative(last.date, today);
    match last.what.as_str() {
        "met" => format!("met {when}"),
        kind => format!("last {kind} {when}"),
    }
}

/// `2 months overdue`, `due today`, `due in 5 months`, `never in touch` or `not tracked`.
pub fn status(status: Status, today: Date) -> String {
    match status {
        Status::Untracked => "not tracked".to_string(),
        Status::Never => "never in touch".to_string(),
        Status::Overdue { since } => format!("{} overdue", elapsed(since, today)),
        Status::Due { on } if on == today => "due today".to_string(),
        Status::Due { on } => format!("due in {}", elapsed(today, on)),
    }
}

/// `text` with its first letter upper case: `Mentor`.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

/// `text`, trimmed, as a sentence: capitalised and ending in a full stop unless it ends in
/// one already (or in `!` or `?`).
pub fn sentence(text: &str) -> String {
    let mut sentence = capitalised(text.trim());
    if !sentence.is_empty() && !sentence.ends_with(['.', '!', '?']) {
        sentence.push('.');
    }
    sentence
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::Duration;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 25);

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

    #[test]
    fn dates_read_relative_to_today() {
        assert_eq!(relative(date(2026, 11, 4), TODAY), "3 weeks ago");
        assert_eq!(relative(TODAY, TODAY), "today");
        assert_eq!(relative(date(2026, 11, 27), TODAY), "in 2 days");
    }

    #[test]
    fn days_and_counts_read_as_said() {
        assert_eq!(day(TODAY, 0), "today");
        assert_eq!(day(date(2026, 11, 26), 1), "tomorrow");
        assert_eq!(day(date(2026, 12, 3), 8), "on Thursday, December 3 (in 8 days)");
        assert_eq!([times(1), times(2), times(0), times(5)], ["once", "twice", "0 times", "5 times"]);
        assert_eq!(
            [count(1, "error"), count(0, "error"), count(2, "more diagnostic")],
            ["1 error", "0 errors", "2 more diagnostics"]
        );
    }

    #[test]
    fn items_read_as_a_sentence() {
        assert_eq!(listed(&[]), "nothing");
        assert_eq!(listed(&["mentor".into()]), "mentor");
        assert_eq!(listed(&["mentor".into(), "expert".into(), "challenger".into()]), "mentor, expert and challenger");
    }

    #[test]
    fn each_status_has_its_words() {
        assert_eq!(status(Status::Overdue { since: date(2026, 9, 14) }, TODAY), "2 months overdue");
        assert_eq!(status(Status::Due { on: TODAY }, TODAY), "due today");
        assert_eq!(status(Status::Due { on: date(2027, 4, 1) }, TODAY), "due in 4 months");
        assert_eq!(status(Status::Never, TODAY), "never in touch");
        assert_eq!(status(Status::Untracked, TODAY), "not tracked");
    }

    #[test]
    fn the_cadence_says_where_it_comes_from() {
        let of = |source| Cadence { every: Duration::months(3), source };
        assert_eq!(cadence(&of(CadenceSource::Role("mentor".to_string()))), "cadence 3 months as a mentor");
        assert_eq!(cadence(&of(CadenceSource::FileSetting)), "cadence 3 months");
        assert_eq!(cadence_source(&of(CadenceSource::Person)), "their own `every 3m`");
        assert_eq!(cadence_source(&of(CadenceSource::FileSetting)), "the file's `set stale-after 3m`");
        assert!(cadence_source(&of(CadenceSource::Default)).contains("no `set stale-after`"));
    }

    #[test]
    fn the_last_contact_names_the_kind_or_the_met_date() {
        let last =
            |what: &str| LastContact { date: date(2026, 3, 14), what: what.to_string(), span: Default::default() };
        assert_eq!(last_contact(&last("coffee"), TODAY), "last coffee 8 months ago");
        assert_eq!(last_contact(&last("met"), TODAY), "met 8 months ago");
    }

    #[test]
    fn sentences_are_capitalised_and_end_once() {
        assert_eq!(sentence(" speaks up for you "), "Speaks up for you.");
        assert_eq!(sentence("Done!"), "Done!");
        assert_eq!(sentence(""), "");
        assert_eq!(capitalised("ärger"), "Ärger");
    }
}
