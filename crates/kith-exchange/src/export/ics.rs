//! An iCalendar file (RFC 5545) of upcoming catch-ups: one all-day event per tracked
//! person (a key person, or anyone with `every`) who is due within a window from today —
//! on their due date, or today when they are already overdue. Each event's UID is stable
//! (`<id>-<due>@kith`), so re-importing an updated file updates events instead of adding
//! copies; a person who silences `stale` gets no event.

use super::content_line::{escape_text, push_folded};
use super::exported_people;
use jiff::civil::Date;
use jiff::ToSpan;
use kith_core::freshness::{freshness, Freshness};
use kith_core::model::Person;
use kith_core::values::Duration;
use kith_core::Analysis;

/// One catch-up to put in the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatchUp<'a> {
    pub person: &'a Person,
    /// The day of the event: the due date, or today for someone overdue.
    pub on: Date,
    pub freshness: Freshness,
}

impl CatchUp<'_> {
    /// Due before today, or never met at all.
    pub fn overdue(&self) -> bool {
        self.freshness.status.is_stale()
    }

    /// `ada-2026-09-14@kith`, or `ada-unmet@kith` for someone with no date to count from.
    pub fn uid(&self) -> String {
        let due = self.freshness.due.map_or_else(|| "unmet".to_string(), |due| due.to_string());
        format!("{}-{due}@kith", self.person.id_name())
    }
}

/// The catch-ups due on or before `today + within`, by date, then in file order.
pub fn catch_ups(analysis: &Analysis, today: Date, within: Duration) -> Vec<CatchUp<'_>> {
    let network = &analysis.network;
    let window_end = within.after(today);
    let mut catch_ups: Vec<CatchUp<'_>> = exported_people(network)
        .filter(|person| !network.silences(person, "stale"))
        .filter_map(|person| {
            let freshness = freshness(person, &analysis.catalog, &network.settings, today);
            if !freshness.tracked() {
                return None;
            }
            let on = match freshness.due {
                Some(due) if due < today => today,
                Some(due) if window_end.is_none_or(|end| due <= end) => due,
                Some(_) => return None,
                None => today,
            };
            Some(CatchUp { person, on, freshness })
        })
        .collect();
    catch_ups.sort_by_key(|catch_up| catch_up.on);
    catch_ups
}

/// The calendar: CRLF line breaks, text escaped, lines folded at 75 octets.
pub fn render(analysis: &Analysis, today: Date, within: Duration) -> String {
    let mut out = String::new();
    let mut line = |content: String| push_folded(&mut out, &content);
    for header in
        ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//kith//catch-ups//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    {
        line(header.to_string());
    }
    line("X-WR-CALNAME:kith catch-ups".to_string());
    for catch_up in catch_ups(analysis, today, within) {
        let next_day = catch_up.on.checked_add(1.day()).unwrap_or(catch_up.on);
        line("BEGIN:VEVENT".to_string());
        line(format!("UID:{}", catch_up.uid()));
        line(format!("DTSTAMP:{}T000000Z", basic(today)));
        line(format!("DTSTART;VALUE=DATE:{}", basic(catch_up.on)));
        line(format!("DTEND;VALUE=DATE:{}", basic(next_day)));
        line(format!("SUMMARY:{}", escape_text(&format!("Catch up with {}", catch_up.person.display_name()))));
        line(format!("DESCRIPTION:{}", escape_text(&description(&catch_up))));
        line("TRANSP:TRANSPARENT".to_string());
        line("END:VEVENT".to_string());
    }
    line("END:VCALENDAR".to_string());
    out
}

/// `20261125`.
fn basic(date: Date) -> String {
    date.strftime("%Y%m%d").to_string()
}

/// Why the event is there: when it was due, the last meaningful contact, the cadence and
/// the roles — `Overdue since 2026-09-14. Last meaningful: coffee on 2026-03-14; cadence 6 months. Roles: mentor.`
fn description(catch_up: &CatchUp<'_>) -> String {
    let freshness = &catch_up.freshness;
    let cadence = freshness.cadence.every;
    let mut text = match (&freshness.last, freshness.due) {
        (Some(last), Some(due)) => {
            let when = if catch_up.overdue() { "Overdue since" } else { "Due" };
            format!("{when} {due}. Last meaningful: {} on {}; cadence {cadence}.", last.what, last.date)
        }
        _ => format!("No meaningful interaction or met date yet; cadence {cadence}."),
    };
    let roles: Vec<&str> = catch_up.person.roles().iter().map(|role| role.name.as_str()).collect();
    if !roles.is_empty() {
        text.push_str(&format!(" Roles: {}.", roles.join(", ")));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use calcard::icalendar::{ICalendarComponentType, ICalendarProperty, ICalendarValue};
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 25);
    const MONTH: Duration = Duration::months(1);

    const NETWORK: &str =
        "person ada \"Ada Lovelace\"\n  role mentor, truth-teller\n  2026-03-14 coffee \"Board offer\"\n\n\
        person grace \"Grace Hopper; RADM, USN\"\n  role sponsor\n  every 3m\n  2026-09-10 call\n\n\
        person alan \"Alan Turing\"\n  role expert\n\n\
        person later \"Much Later\"\n  role visionary\n  2026-11-01 meal\n\n\
        person quiet \"Quiet One\"\n  role confidant\n  allow stale\n\n\
        person wide \"Wider Network\"\n  met 2020-01-01\n\n\
        person tracked \"Tracked Without Role\"\n  every 2w\n  2026-11-20 video\n";

    fn analysis() -> Analysis {
        kith_core::check(NETWORK, TODAY)
    }

    #[test]
    fn due_overdue_and_unmet_people_get_events_within_the_window() {
        let analysis = analysis();
        let summary: Vec<(&str, Date, bool, String)> = catch_ups(&analysis, TODAY, MONTH)
            .iter()
            .map(|catch_up| (catch_up.person.id_name(), catch_up.on, catch_up.overdue(), catch_up.uid()))
            .collect();
        assert_eq!(
            summary,
            [
                ("ada", TODAY, true, "ada-2026-09-14@kith".to_string()),
                ("alan", TODAY, true, "alan-unmet@kith".to_string()),
                ("tracked", date(2026, 12, 4), false, "tracked-2026-12-04@kith".to_string()),
                ("grace", date(2026, 12, 10), false, "grace-2026-12-10@kith".to_string()),
            ]
        );
        let wider = catch_ups(&analysis, TODAY, Duration { amount: 1, unit: kith_core::values::Unit::Years });
        assert!(wider.iter().any(|catch_up| catch_up.person.id_name() == "later"));
        assert!(!wider.iter().any(|catch_up| ["quiet", "wide"].contains(&catch_up.person.id_name())));
    }

    #[test]
    fn a_file_wide_allow_stale_means_no_events() {
        let analysis = kith_core::check(&format!("set allow stale\n{NETWORK}"), TODAY);
        assert!(catch_ups(&analysis, TODAY, MONTH).is_empty());
    }

    #[test]
    fn the_calendar_reads_back_with_the_events_it_holds() {
        let ics = render(&analysis(), TODAY, MONTH);
        assert!(ics.split("\r\n").all(|line| line.len() <= 75), "{ics}");
        assert!(!ics.replace("\r\n", "").contains('\n'));
        let calendar = match calcard::Parser::new(&ics).entry() {
            calcard::Entry::ICalendar(calendar) => calendar,
            other => panic!("not a calendar: {other:?}"),
        };
        let events: Vec<_> = calendar
            .components
            .iter()
            .filter(|component| component.component_type == ICalendarComponentType::VEvent)
            .collect();
        assert_eq!(events.len(), 4);
        let text = |event: &calcard::icalendar::ICalendarComponent, property: ICalendarProperty| {
            event.entries.iter().find(|entry| entry.name == property).and_then(|entry| match entry.values.first() {
                Some(ICalendarValue::Text(text)) => Some(text.clone()),
                _ => None,
            })
        };
        let grace = events[3];
        assert_eq!(text(grace, ICalendarProperty::Uid).as_deref(), Some("grace-2026-12-10@kith"));
        assert_eq!(text(grace, ICalendarProperty::Summary).as_deref(), Some("Catch up with Grace Hopper; RADM, USN"));
        assert_eq!(
            text(grace, ICalendarProperty::Description).as_deref(),
            Some("Due 2026-12-10. Last meaningful: call on 2026-09-10; cadence 3 months. Roles: sponsor.")
        );
        let start = grace.entries.iter().find(|entry| entry.name == ICalendarProperty::Dtstart).expect("a start");
        assert!(
            matches!(start.values.first(), Some(ICalendarValue::PartialDateTime(partial)) if partial.year == Some(2026) && partial.month == Some(12) && partial.day == Some(10))
        );
    }
}
