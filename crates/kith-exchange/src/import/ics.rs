//! iCalendar (`.ics`) exports — Google Calendar, Outlook, Apple Calendar — read into
//! meetings: one [`Exchange`] per occurrence of an event on or before today, with the
//! organizer as `from` and the attendees as `to`.
//!
//! The file's structure is checked here, line by line (unfolded): it must open with
//! `BEGIN:VCALENDAR` and every `BEGIN:` needs its `END:`, or nothing is read and the
//! [`ReadError`] names the line. Each event and time zone is then parsed on its own with the
//! `calcard` crate (unfolding, `\,` `\;` `\n` escapes, parameters), so that a bad event is
//! reported at its `BEGIN:VEVENT` line and the others are still read.
//!
//! **Dates.** An occurrence's date is its local date in its own time zone: the date of a
//! `DTSTART;TZID=…` time as written (whatever the zone: IANA, a `VTIMEZONE`, an Outlook name
//! such as `W. Europe Standard Time`, or one kith cannot resolve), the date of an all-day
//! `VALUE=DATE` event, and the date of a floating time. A UTC time (`…Z`, or `TZID=UTC`)
//! has no zone of its own: it is converted to the calendar's `X-WR-TIMEZONE` (Google writes
//! every single event in UTC and names the owner's zone there), else kept as UTC. An event
//! that crosses midnight counts on the day it starts.
//!
//! **Recurrences.** calcard's expansion applies `RRULE`, `RDATE`, `EXDATE` and the overrides
//! (`RECURRENCE-ID`, also `RANGE=THISANDFUTURE`). Each series (the events sharing a `UID`)
//! is expanded on its own, without its `SEQUENCE` (calcard pairs an override with its
//! occurrence only at equal sequence numbers, which Google's overrides seldom have), and
//! with its `UNTIL` converted to the local time of its start (calcard compares a UTC
//! `UNTIL` with local times, dropping the last occurrence east of Greenwich). The expansion
//! is bounded: by date (`UNTIL` is cut at the day after today; later occurrences are never
//! computed), by count (a series with more than [`MAX_OCCURRENCES`] occurrences up to today
//! is reported as malformed and left out — `FREQ=SECONDLY` is no meeting) and by size (a
//! rule listing more than [`MAX_TIMES_A_DAY`] times a day is refused before it is expanded).
//!
//! **Kinds.** `video` when the event carries a conference link: Google's
//! `X-GOOGLE-CONFERENCE`, Microsoft's `X-MICROSOFT-SKYPETEAMSMEETINGURL` or
//! `X-MICROSOFT-ONLINEMEETINGCONFLINK`, an RFC 7986 `CONFERENCE` that is not audio only, or
//! a link to a video service ([`VIDEO_HOSTS`]) in `LOCATION`, `URL` or `DESCRIPTION`. Else
//! `call` when it carries a dial-in: a `tel:` URI, the words "dial-in", "dial in",
//! "call-in", "join by phone" or "conference call", an international number (`+` and eight
//! digits or more) in `LOCATION` or `DESCRIPTION`, or a `LOCATION` that is a phone number.
//! Else `meet`.
//!
//! **Left out.** Cancelled events (`STATUS:CANCELLED`, a cancelled override, a cancelled
//! series, a file with `METHOD:CANCEL`), reported once per event as "cancelled events";
//! events with no attendee besides the organizer, as "events without guests"; occurrences
//! after today, silently. Rooms and resources (`CUTYPE=ROOM`, `CUTYPE=RESOURCE`) and
//! Google's calendar addresses (`…calendar.google.com`) are no people and not parties.
//! Declined attendees are kept with `declined` set: the merge drops the events the owner
//! declined and does not log the others with those who declined.

use super::{Exchange, Item, Malformed, Party, ReadError, Record, Skip};
use calcard::common::timezone::Tz;
use calcard::common::{DateTimeResult, PartialDateTime};
use calcard::icalendar::dates::CalendarErrorType;
use calcard::icalendar::{
    ICalendar, ICalendarComponent, ICalendarComponentType, ICalendarEntry, ICalendarFeatureType,
    ICalendarParameterName, ICalendarParameterValue, ICalendarParticipationStatus, ICalendarProperty,
    ICalendarRecurrenceRule, ICalendarStatus, ICalendarUserTypes, ICalendarValue,
};
use calcard::{Entry, Parser};
use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Timelike};
use jiff::civil::Date;
use kith_core::values::check_email;
use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

/// The most occurrences one series may have up to today; one with more is left out.
pub(super) const MAX_OCCURRENCES: usize = 10_000;
/// The most times of day a repeat rule may list (`BYHOUR` × `BYMINUTE` × `BYSECOND`):
/// calcard computes a whole period's candidates at once, so a rule listing every second of
/// the day would hold millions of them.
pub(super) const MAX_TIMES_A_DAY: usize = 60;
/// The longest note taken from a `SUMMARY`, in characters.
const SUMMARY_CHARS: usize = 80;
/// The longest quote of a line in a message, in characters.
const QUOTE_CHARS: usize = 60;

/// Hosts of video-call services: a link to one of them, or to a subdomain
/// (`us02web.zoom.us`), makes an event a `video`.
pub(super) const VIDEO_HOSTS: &[&str] = &[
    "zoom.us",
    "zoom.com",
    "zoomgov.com",
    "teams.microsoft.com",
    "teams.live.com",
    "meet.google.com",
    "webex.com",
    "meet.jit.si",
    "8x8.vc",
    "whereby.com",
    "facetime.apple.com",
    "gotomeeting.com",
    "meet.goto.com",
    "bluejeans.com",
    "chime.aws",
    "join.skype.com",
];

/// Properties that hold a video conference's link.
const VIDEO_PROPERTIES: &[&str] =
    &["X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL", "X-MICROSOFT-ONLINEMEETINGCONFLINK"];

/// Words that announce a dial-in, in lower case.
const DIAL_IN_WORDS: &[&str] = &["dial-in", "dial in", "dialin", "call-in", "join by phone", "conference call"];

/// The fewest digits of a phone number.
const PHONE_DIGITS: usize = 7;
/// The fewest digits after a `+` for an international number inside a text.
const INTERNATIONAL_DIGITS: usize = 8;

const CANCELLED: &str = "cancelled events";
const WITHOUT_GUESTS: &str = "events without guests";

/// The meetings of `text`, an iCalendar export, up to `today`: one record per occurrence
/// on or before today, per cancelled event and per event that cannot be read. Fails when
/// the text is not iCalendar or its `BEGIN:`/`END:` lines do not match (cut off, edited).
pub fn read(text: &str, today: Date) -> Result<impl Iterator<Item = Record> + '_, ReadError> {
    let text = kith_core::text::strip_bom(text);
    let outline = Outline::scan(text)?;
    Ok(Occurrences::new(text, outline, today))
}

/// One line of the file with its folded continuation lines joined.
struct LogicalLine<'t> {
    /// The 1-based number of its first physical line.
    number: usize,
    /// Its bytes in the file, line breaks included.
    range: Range<usize>,
    /// Its text, unfolded, without the line break.
    text: Cow<'t, str>,
}

/// The logical lines of `text`: a physical line that starts with a space or a tab continues
/// the one before (RFC 5545 folding), without that first character.
fn logical_lines(text: &str) -> impl Iterator<Item = LogicalLine<'_>> {
    let mut physical = text.split_inclusive('\n').enumerate().scan(0, |offset, (index, line)| {
        let start = *offset;
        *offset += line.len();
        Some((index + 1, start, line))
    });
    let mut pending = physical.next();
    std::iter::from_fn(move || {
        let (number, start, first) = pending.take()?;
        let mut text = Cow::Borrowed(without_break(first));
        let mut end = start + first.len();
        pending = physical.next();
        while let Some((_, continuation_start, continuation)) =
            pending.filter(|(_, _, line)| line.starts_with([' ', '\t']))
        {
            text.to_mut().push_str(&without_break(continuation)[1..]);
            end = continuation_start + continuation.len();
            pending = physical.next();
        }
        Some(LogicalLine { number, range: start..end, text })
    })
}

fn without_break(line: &str) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    line.strip_suffix('\r').unwrap_or(line)
}

/// A property line's name (before its parameters) and value, or `None` for a line without
/// a `:`. A `:` inside a quoted parameter value does not end the name.
fn split_property(line: &str) -> Option<(&str, &str)> {
    let mut quoted = false;
    let colon = line.char_indices().find_map(|(at, character)| match character {
        '"' => {
            quoted = !quoted;
            None
        }
        ':' if !quoted => Some(at),
        _ => None,
    })?;
    let head = &line[..colon];
    let name = head.split(';').next().unwrap_or(head);
    Some((name.trim(), &line[colon + 1..]))
}

/// `BEGIN:X` or `END:X` (in any case): the marker and the component's name in upper case.
fn marker(line: &str) -> Option<(Marker, String)> {
    let (name, value) = line.split_once(':')?;
    let marker = match name.trim() {
        name if name.eq_ignore_ascii_case("BEGIN") => Marker::Begin,
        name if name.eq_ignore_ascii_case("END") => Marker::End,
        _ => return None,
    };
    Some((marker, value.trim().to_ascii_uppercase()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Begin,
    End,
}

/// `line` quoted for a message: without control characters, cut after [`QUOTE_CHARS`].
fn quote(line: &str) -> String {
    let clean: String = line.chars().filter(|character| !character.is_control()).collect();
    let clean = clean.trim();
    if clean.chars().count() <= QUOTE_CHARS {
        return format!("`{clean}`");
    }
    let cut: String = clean.chars().take(QUOTE_CHARS - 1).collect();
    format!("`{}…`", cut.trim_end())
}

/// What a component directly inside a calendar is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Event,
    TimeZone,
}

/// A component directly inside a calendar: its kind, the line of its `BEGIN:`, its text and
/// the calendar it belongs to.
struct Block {
    kind: BlockKind,
    line: usize,
    range: Range<usize>,
    calendar: usize,
}

/// What a calendar's own properties say.
#[derive(Default)]
struct CalendarHeader {
    /// `X-WR-TIMEZONE`: the owner's zone, for UTC times.
    zone_name: Option<String>,
    /// `METHOD:CANCEL`: every event in it is a cancellation.
    cancels: bool,
}

/// The components of a file, found by following its `BEGIN:` and `END:` lines.
#[derive(Default)]
struct Outline {
    blocks: Vec<Block>,
    calendars: Vec<CalendarHeader>,
}

impl Outline {
    fn scan(text: &str) -> Result<Outline, ReadError> {
        let mut outline = Outline::default();
        // The open components: name and the line of its `BEGIN:`.
        let mut open: Vec<(String, usize)> = Vec::new();
        let mut block_start: Option<(Option<BlockKind>, usize, usize)> = None;
        let mut last_end: Option<usize> = None;
        for line in logical_lines(text) {
            match marker(&line.text) {
                Some((Marker::Begin, name)) => {
                    match open.last() {
                        None if name != "VCALENDAR" => {
                            return Err(not_a_calendar(line.number, &line.text));
                        }
                        Some((_, begun)) if name == "VCALENDAR" => {
                            return Err(ReadError::new(format!(
                                "line {}: `BEGIN:VCALENDAR` inside the calendar begun on line {begun}; add `END:VCALENDAR` before it",
                                line.number
                            )));
                        }
                        None => outline.calendars.push(CalendarHeader::default()),
                        Some(_) if open.len() == 1 => {
                            let kind = match name.as_str() {
                                "VEVENT" => Some(BlockKind::Event),
                                "VTIMEZONE" => Some(BlockKind::TimeZone),
                                _ => None,
                            };
                            block_start = Some((kind, line.number, line.range.start));
                        }
                        Some(_) => {}
                    }
                    open.push((name, line.number));
                }
                Some((Marker::End, name)) => {
                    let Some((innermost, begun)) = open.last() else {
                        return Err(ReadError::new(format!(
                            "line {}: `END:{name}` closes nothing (no `BEGIN:{name}` before it); remove it",
                            line.number
                        )));
                    };
                    if *innermost != name {
                        let fix = if open.iter().any(|(open_name, _)| *open_name == name) {
                            format!("add `END:{innermost}` before it")
                        } else {
                            "remove it".to_string()
                        };
                        return Err(ReadError::new(format!(
                            "line {}: `END:{name}` where `BEGIN:{innermost}` of line {begun} is still open; {fix}",
                            line.number
                        )));
                    }
                    open.pop();
                    match open.len() {
                        0 => last_end = Some(line.number),
                        1 => {
                            if let Some((Some(kind), begun, start)) = block_start.take() {
                                let calendar = outline.calendars.len() - 1;
                                outline.blocks.push(Block {
                                    kind,
                                    line: begun,
                                    range: start..line.range.end,
                                    calendar,
                                });
                            }
                        }
                        _ => {}
                    }
                }
                None if open.is_empty() => {
                    if line.text.trim().is_empty() {
                        continue;
                    }
                    return Err(match last_end {
                        Some(end) => ReadError::new(format!(
                            "line {} is {} after the calendar's `END:VCALENDAR` on line {end}; remove it",
                            line.number,
                            quote(&line.text)
                        )),
                        None => not_a_calendar(line.number, &line.text),
                    });
                }
                None if open.len() == 1 => {
                    if let (Some(header), Some((name, value))) =
                        (outline.calendars.last_mut(), split_property(&line.text))
                    {
                        if name.eq_ignore_ascii_case("X-WR-TIMEZONE") {
                            header.zone_name = Some(value.trim().to_string());
                        } else if name.eq_ignore_ascii_case("METHOD") {
                            header.cancels = value.trim().eq_ignore_ascii_case("CANCEL");
                        }
                    }
                }
                None => {}
            }
        }
        if let Some((name, begun)) = open.last() {
            return Err(ReadError::new(format!(
                "the file ends inside the `BEGIN:{name}` of line {begun}, before its `END:{name}`: it is cut off; export the calendar again"
            )));
        }
        if outline.calendars.is_empty() {
            return Err(ReadError::new("it holds no calendar (no `BEGIN:VCALENDAR` line)"));
        }
        Ok(outline)
    }
}

fn not_a_calendar(number: usize, line: &str) -> ReadError {
    ReadError::new(format!("line {number} is {}, where an iCalendar file starts with `BEGIN:VCALENDAR`", quote(line)))
}

/// Time zones by the names a calendar uses (`TZID`s), resolved once each: a `VTIMEZONE`'s
/// IANA name, `X-LIC-LOCATION` or `X-MICROSOFT-CDO-TZID`, else the name itself read as an
/// IANA or Windows zone (calcard's table).
struct Zones {
    by_name: HashMap<String, Option<Tz>>,
}

impl Zones {
    fn new<'c>(time_zones: impl Iterator<Item = &'c ICalendarComponent>) -> Self {
        let by_name = time_zones
            .filter_map(ICalendarComponent::timezone)
            .map(|(name, zone)| (name.to_string(), Some(zone)))
            .collect();
        Self { by_name }
    }

    fn resolve(&mut self, name: &str) -> Option<Tz> {
        if let Some(zone) = self.by_name.get(name) {
            return *zone;
        }
        let zone = name.parse::<Tz>().ok().filter(|zone| !zone.is_floating());
        self.by_name.insert(name.to_string(), zone);
        zone
    }
}

/// One `VEVENT`, read: who, what kind, and the entries that say when, for the expansion.
struct Event {
    line: usize,
    uid: Option<String>,
    summary: String,
    kind: &'static str,
    from: Option<Party>,
    to: Vec<Party>,
    /// Why every occurrence is left out, if it is.
    left_out: Option<&'static str>,
    /// The calendar's zone, for UTC times.
    calendar_zone: Option<Tz>,
    timing: Timing,
}

/// The entries of an event that say when it happens, rewritten for calcard's expansion.
struct Timing {
    /// A `VEVENT` with only `DTSTART`, `RRULE`, `RDATE`, `EXDATE` and `RECURRENCE-ID`.
    component: ICalendarComponent,
    /// It has an `RRULE` that can give occurrences up to today.
    repeats: bool,
    /// How many dates its `EXDATE`s list.
    exdates: usize,
    /// Its start is a UTC time (`…Z`): its occurrences are instants.
    utc_start: bool,
    /// Its `RRULE` line as written, for messages.
    rule: Option<String>,
}

/// A bad event, or the events of one series (one `UID`), in file order.
enum Group {
    Broken(Malformed),
    Series(Vec<Event>),
}

/// The records of a calendar, series by series: each series is expanded when it is reached.
struct Occurrences {
    groups: std::vec::IntoIter<Group>,
    ready: std::vec::IntoIter<Record>,
    today: NaiveDate,
}

impl Iterator for Occurrences {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        loop {
            if let Some(record) = self.ready.next() {
                return Some(record);
            }
            self.ready = match self.groups.next()? {
                Group::Broken(malformed) => vec![Err(malformed)],
                Group::Series(events) => expand(events, self.today),
            }
            .into_iter();
        }
    }
}

impl Occurrences {
    fn new(text: &str, outline: Outline, today: Date) -> Self {
        let today = NaiveDate::from_ymd_opt(
            i32::from(today.year()),
            today.month().unsigned_abs().into(),
            today.day().unsigned_abs().into(),
        )
        .expect("every jiff date is a chrono date");
        // Occurrences are computed up to the end of tomorrow, in their own local time: a UTC
        // time late tomorrow can still be today west of Greenwich.
        let horizon = today.and_time(chrono::NaiveTime::MIN) + TimeDelta::days(2) - TimeDelta::seconds(1);
        let time_zones: Vec<ICalendarComponent> = outline
            .blocks
            .iter()
            .filter(|block| block.kind == BlockKind::TimeZone)
            .filter_map(|block| match Parser::new(&text[block.range.clone()]).entry() {
                Entry::ICalendar(calendar) => calendar.components.into_iter().next(),
                _ => None,
            })
            .collect();
        let mut zones = Zones::new(time_zones.iter());
        let calendar_zones: Vec<Option<Tz>> = outline
            .calendars
            .iter()
            .map(|header| header.zone_name.as_deref().and_then(|name| zones.resolve(name)))
            .collect();
        let mut groups = Vec::new();
        let mut series_of_uid: HashMap<String, usize> = HashMap::new();
        for block in outline.blocks.iter().filter(|block| block.kind == BlockKind::Event) {
            let header = &outline.calendars[block.calendar];
            let context = EventContext {
                line: block.line,
                calendar_zone: calendar_zones[block.calendar],
                cancels: header.cancels,
                horizon,
            };
            match read_event(&text[block.range.clone()], &context, &mut zones) {
                Err(malformed) => groups.push(Group::Broken(malformed)),
                Ok(event) => match event.uid.as_ref().and_then(|uid| series_of_uid.get(uid)) {
                    Some(&index) => {
                        if let Group::Series(events) = &mut groups[index] {
                            events.push(event);
                        }
                    }
                    None => {
                        if let Some(uid) = &event.uid {
                            series_of_uid.insert(uid.clone(), groups.len());
                        }
                        groups.push(Group::Series(vec![event]));
                    }
                },
            }
        }
        Self { groups: groups.into_iter(), ready: Vec::new().into_iter(), today }
    }
}

/// What reading one event needs to know of its calendar.
struct EventContext {
    /// The line of its `BEGIN:VEVENT`.
    line: usize,
    calendar_zone: Option<Tz>,
    cancels: bool,
    /// The last local time whose occurrences are computed.
    horizon: NaiveDateTime,
}

fn read_event(text: &str, context: &EventContext, zones: &mut Zones) -> Result<Event, Malformed> {
    let line = context.line;
    let component = match Parser::new(text).entry() {
        Entry::ICalendar(calendar) => calendar.components.into_iter().next(),
        _ => None,
    }
    .ok_or_else(|| Malformed::new(line, "an event that cannot be read"))?;
    let timing =
        timing_of(&component, text, zones, context.horizon).map_err(|message| Malformed::new(line, message))?;
    let (from, to) = parties(&component);
    let cancelled = context.cancels || component.status() == Some(&ICalendarStatus::Cancelled);
    let left_out = if cancelled {
        Some(CANCELLED)
    } else if to.is_empty() {
        Some(WITHOUT_GUESTS)
    } else {
        None
    };
    let summary = component.property(&ICalendarProperty::Summary).and_then(first_text).map(clean_summary);
    Ok(Event {
        line,
        uid: component.uid().map(str::to_string),
        summary: summary.unwrap_or_default(),
        kind: kind_of(&component),
        from,
        to,
        left_out,
        calendar_zone: context.calendar_zone,
        timing,
    })
}

fn first_text(entry: &ICalendarEntry) -> Option<&str> {
    entry.values.first().and_then(ICalendarValue::as_text)
}

/// The first logical line of `text` holding the property `name`, quoted for a message.
fn quoted_property(text: &str, name: &str) -> String {
    logical_lines(text)
        .find(|line| split_property(&line.text).is_some_and(|(found, _)| found.eq_ignore_ascii_case(name)))
        .map_or_else(|| format!("`{name}`"), |line| quote(&line.text))
}

/// The entries of `component` that say when it happens, checked and rewritten for calcard:
/// `TZID`s as IANA names (so no `VTIMEZONE` is needed), floating times when the start does
/// not exist or is ambiguous in its zone (a DST change), and the `UNTIL` of its `RRULE` as
/// a local time no later than `horizon`. `Err` is the message of a bad event.
fn timing_of(
    component: &ICalendarComponent,
    text: &str,
    zones: &mut Zones,
    horizon: NaiveDateTime,
) -> Result<Timing, String> {
    let start_entry = component.property(&ICalendarProperty::Dtstart);
    let start = match start_entry {
        Some(entry) => match entry.values.first().and_then(ICalendarValue::as_partial_date_time) {
            Some(start) if start.has_date() => start.to_date_time(),
            _ => None,
        }
        .ok_or_else(|| format!("an event whose start {} is not a real date", quoted_property(text, "DTSTART")))?,
        None if component.has_property(&ICalendarProperty::RecurrenceId) => {
            // calcard takes the occurrence it replaces for its start.
            component
                .property(&ICalendarProperty::RecurrenceId)
                .and_then(|entry| entry.values.first())
                .and_then(ICalendarValue::as_partial_date_time)
                .and_then(PartialDateTime::to_date_time)
                .ok_or_else(|| "an event without a start (no `DTSTART`)".to_string())?
        }
        None => return Err("an event without a start (no `DTSTART`)".to_string()),
    };
    let start_zone = start_entry.and_then(ICalendarEntry::tz_id).and_then(|name| zones.resolve(name));
    let mut entries: Vec<ICalendarEntry> = component
        .entries
        .iter()
        .filter(|entry| {
            matches!(
                entry.name,
                ICalendarProperty::Dtstart
                    | ICalendarProperty::Rdate
                    | ICalendarProperty::Exdate
                    | ICalendarProperty::RecurrenceId
            )
        })
        .cloned()
        .collect();
    let start_exists = start.offset.is_some()
        || start_zone.is_none_or(|zone| zone.from_local_datetime(&start.date_time).single().is_some());
    for entry in &mut entries {
        if start_exists {
            for parameter in &mut entry.params {
                if let (ICalendarParameterName::Tzid, ICalendarParameterValue::Text(name)) =
                    (&parameter.name, &mut parameter.value)
                {
                    if let Some(Tz::Tz(zone)) = zones.resolve(name) {
                        *name = zone.name().to_string();
                    }
                }
            }
        } else {
            entry.params.retain(|parameter| parameter.name != ICalendarParameterName::Tzid);
        }
    }
    let frame_zone = if start_exists { start_zone } else { None };
    let exdates =
        entries.iter().filter(|entry| entry.name == ICalendarProperty::Exdate).map(|entry| entry.values.len()).sum();
    let mut repeats = false;
    let rule_entry = component.property(&ICalendarProperty::Rrule);
    if let Some(entry) = rule_entry {
        let Some(ICalendarValue::RecurrenceRule(rule)) = entry.values.first() else {
            return Err(format!("an event whose repeat rule {} cannot be read", quoted_property(text, "RRULE")));
        };
        let times_a_day = [&rule.byhour.len(), &rule.byminute.len(), &rule.bysecond.len()]
            .iter()
            .map(|count| (**count).max(1))
            .product::<usize>();
        if times_a_day > MAX_TIMES_A_DAY {
            return Err(format!(
                "an event whose repeat rule {} lists {times_a_day} times a day (at most {MAX_TIMES_A_DAY})",
                quoted_property(text, "RRULE")
            ));
        }
        if let Some(rule) = bounded_rule(rule, &start, frame_zone, horizon) {
            entries.push(ICalendarEntry {
                name: ICalendarProperty::Rrule,
                params: Vec::new(),
                values: vec![ICalendarValue::RecurrenceRule(Box::new(rule))],
            });
            repeats = true;
        }
    }
    Ok(Timing {
        component: ICalendarComponent {
            component_type: ICalendarComponentType::VEvent,
            entries,
            component_ids: Vec::new(),
        },
        repeats,
        exdates,
        utc_start: start.offset.is_some(),
        rule: rule_entry.map(|_| quoted_property(text, "RRULE")),
    })
}

/// `rule` with its `UNTIL` in the local time of the series' start (`frame_zone`, or the
/// start's own UTC offset) and no later than `horizon`; `None` when it gives no occurrence
/// after the start before the horizon (the start alone remains).
fn bounded_rule(
    rule: &ICalendarRecurrenceRule,
    start: &DateTimeResult,
    frame_zone: Option<Tz>,
    horizon: NaiveDateTime,
) -> Option<ICalendarRecurrenceRule> {
    let until = rule.until.as_ref().and_then(|until| {
        let at = until.to_date_time()?;
        if !until.has_time() {
            return at.date_time.date().and_hms_opt(23, 59, 59);
        }
        let Some(offset) = at.offset else { return Some(at.date_time) };
        let utc = at.date_time.checked_sub_signed(TimeDelta::seconds(offset.local_minus_utc().into()))?;
        Some(match (start.offset, frame_zone) {
            (Some(start_offset), _) => {
                utc.checked_add_signed(TimeDelta::seconds(start_offset.local_minus_utc().into()))?
            }
            (None, Some(zone)) => zone.from_utc_datetime(&utc).naive_local(),
            (None, None) => utc,
        })
    });
    let until = until.map_or(horizon, |until| until.min(horizon));
    if until < start.date_time {
        return None;
    }
    let mut bounded = rule.clone();
    bounded.until = Some(PartialDateTime {
        year: u16::try_from(until.year()).ok(),
        month: u8::try_from(until.month()).ok(),
        day: u8::try_from(until.day()).ok(),
        hour: u8::try_from(until.hour()).ok(),
        minute: u8::try_from(until.minute()).ok(),
        second: u8::try_from(until.second()).ok(),
        ..PartialDateTime::default()
    });
    bounded.until.as_ref().is_some_and(|until| until.to_date_time().is_some()).then_some(bounded)
}

/// The occurrences of one series on or before `today`, as records, in time order.
fn expand(events: Vec<Event>, today: NaiveDate) -> Vec<Record> {
    let calendar = ICalendar { components: events.iter().map(|event| event.timing.component.clone()).collect() };
    let expanded = calendar.expand_dates(Tz::Floating, MAX_OCCURRENCES);
    let mut records = Vec::new();
    let mut broken = vec![false; events.len()];
    for error in &expanded.errors {
        let Some(index) = usize::try_from(error.comp_id).ok().filter(|index| *index < events.len()) else { continue };
        broken[index] = true;
        let event = &events[index];
        let message = match &error.error {
            CalendarErrorType::RRule(reason) => format!(
                "an event whose repeat rule {} cannot be used: {reason}",
                event.timing.rule.as_deref().unwrap_or("`RRULE`")
            ),
            CalendarErrorType::MissingDtStart => "an event without a start (no `DTSTART`)".to_string(),
            _ => "an event whose start cannot be read".to_string(),
        };
        records.push(Err(Malformed::new(event.line, message)));
    }
    let exdates: usize = events.iter().map(|event| event.timing.exdates).sum();
    if let Some(series) = events.iter().find(|event| event.timing.repeats) {
        if expanded.events.len() + exdates >= MAX_OCCURRENCES {
            records.push(Err(Malformed::new(
                series.line,
                format!(
                    "an event that repeats more than {MAX_OCCURRENCES} times up to today ({}): not a meeting",
                    series.timing.rule.as_deref().unwrap_or("`RRULE`")
                ),
            )));
            return records;
        }
    }
    let series_cancelled = events.iter().any(|event| event.timing.repeats && event.left_out == Some(CANCELLED));
    let mut starts: Vec<(NaiveDateTime, usize, DateTime<Tz>)> = expanded
        .events
        .iter()
        .filter_map(|occurrence| {
            let index = usize::try_from(occurrence.comp_id).ok()?;
            (index < events.len() && !broken[index]).then_some((occurrence.start.naive_utc(), index, occurrence.start))
        })
        .collect();
    starts.sort_by_key(|(instant, index, _)| (*instant, *index));
    starts.dedup_by_key(|(instant, index, _)| (*instant, *index));
    let mut reported = vec![false; events.len()];
    for (_, index, start) in starts {
        let event = &events[index];
        let local = local_date(&start, event.timing.utc_start, event.calendar_zone);
        if local > today {
            continue;
        }
        let left_out = event.left_out.or(series_cancelled.then_some(CANCELLED));
        if let Some(reason) = left_out {
            if !reported[index] {
                reported[index] = true;
                records.push(Ok(Item::Skipped(Skip { line: event.line, reason })));
            }
            continue;
        }
        let Some(date) = jiff_date(local) else { continue };
        records.push(Ok(Item::Exchange(Exchange {
            line: event.line,
            date,
            kind: event.kind,
            summary: event.summary.clone(),
            from: event.from.clone(),
            to: event.to.clone(),
        })));
    }
    records
}

/// The local date of an occurrence starting at `start`: a UTC instant in the calendar's
/// zone (when it names one), any other time as its own local date.
fn local_date(start: &DateTime<Tz>, utc_start: bool, calendar_zone: Option<Tz>) -> NaiveDate {
    let zone = start.timezone();
    // calcard expands a series that starts at a UTC time in floating time: its occurrences
    // are UTC times too.
    if zone.is_utc() || (utc_start && zone.is_floating()) {
        let utc = start.naive_utc();
        return match calendar_zone {
            Some(calendar_zone) => calendar_zone.from_utc_datetime(&utc).date_naive(),
            None => utc.date(),
        };
    }
    start.naive_local().date()
}

fn jiff_date(date: NaiveDate) -> Option<Date> {
    let month = i8::try_from(date.month()).ok()?;
    let day = i8::try_from(date.day()).ok()?;
    Date::new(i16::try_from(date.year()).ok()?, month, day).ok()
}

/// The organizer and the attendees of an event, without rooms, resources and calendars,
/// each once (an organizer also listed as an attendee is the organizer, declined if that
/// attendee declined).
fn parties(component: &ICalendarComponent) -> (Option<Party>, Vec<Party>) {
    let mut from = component.property(&ICalendarProperty::Organizer).and_then(party);
    let mut to: Vec<Party> = Vec::new();
    for attendee in component.properties(&ICalendarProperty::Attendee).filter_map(party) {
        let same_address = |other: &Party| matches!((&other.email, &attendee.email), (Some(one), Some(two)) if one.eq_ignore_ascii_case(two));
        match &mut from {
            Some(organizer) if same_address(organizer) => organizer.declined |= attendee.declined,
            _ if to.iter().any(same_address) => {}
            _ => to.push(attendee),
        }
    }
    (from, to)
}

/// A participant from an `ORGANIZER` or `ATTENDEE` line: the address of its `mailto:` value
/// or its `EMAIL` parameter (Apple writes principal URLs as values), its `CN`, whether it
/// declined; `None` for a room, a resource or a calendar, or when nothing names them.
fn party(entry: &ICalendarEntry) -> Option<Party> {
    if matches!(
        entry.parameter(&ICalendarParameterName::Cutype),
        Some(ICalendarParameterValue::Cutype(ICalendarUserTypes::Room | ICalendarUserTypes::Resource))
    ) {
        return None;
    }
    let value = first_text(entry).map(|value| {
        let value = value.trim();
        match value.get(..7) {
            Some(scheme) if scheme.eq_ignore_ascii_case("mailto:") => value[7..].trim(),
            _ => value,
        }
    });
    let parameter = entry.parameter(&ICalendarParameterName::Email).and_then(ICalendarParameterValue::as_text);
    let email = [value, parameter].into_iter().flatten().map(str::trim).find(|address| check_email(address).is_ok());
    if email.is_some_and(|address| address.to_ascii_lowercase().ends_with("calendar.google.com")) {
        return None;
    }
    let name = entry
        .parameter(&ICalendarParameterName::Cn)
        .and_then(ICalendarParameterValue::as_text)
        .map(clean_text)
        .filter(|name| !name.is_empty() && email.is_none_or(|address| !address.eq_ignore_ascii_case(name)));
    if email.is_none() && name.is_none() {
        return None;
    }
    let declined = matches!(
        entry.parameter(&ICalendarParameterName::Partstat),
        Some(ICalendarParameterValue::Partstat(ICalendarParticipationStatus::Declined))
    );
    Some(Party { name, email: email.map(str::to_string), profile: None, declined })
}

/// `text` on one line: control characters and runs of whitespace become one space.
fn clean_text(text: &str) -> String {
    text.split(|character: char| character.is_whitespace() || character.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A summary for the note: [`clean_text`], cut at a word with "…" after [`SUMMARY_CHARS`].
fn clean_summary(text: &str) -> String {
    let clean = clean_text(text);
    if clean.chars().count() <= SUMMARY_CHARS {
        return clean;
    }
    let cut: String = clean.chars().take(SUMMARY_CHARS - 1).collect();
    let at_word = match cut.rfind(' ') {
        Some(space) if space >= cut.len() / 2 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end())
}

/// `video`, `call` or `meet`, from the event's conference properties and links.
fn kind_of(component: &ICalendarComponent) -> &'static str {
    let mut dial_in = false;
    for entry in &component.entries {
        let mut texts =
            entry.values.iter().filter_map(ICalendarValue::as_text).filter(|text| !text.trim().is_empty()).peekable();
        let video_property = matches!(&entry.name, ICalendarProperty::Other(name)
            if VIDEO_PROPERTIES.iter().any(|known| known.eq_ignore_ascii_case(name)));
        if video_property && texts.peek().is_some() {
            return "video";
        }
        match &entry.name {
            ICalendarProperty::Conference => {
                let audio_only = entry.parameters(&ICalendarParameterName::Feature).all(|feature| {
                    matches!(
                        feature,
                        ICalendarParameterValue::Feature(ICalendarFeatureType::Audio | ICalendarFeatureType::Phone)
                    )
                });
                for text in texts {
                    let phone = text.trim_start().get(..4).is_some_and(|scheme| scheme.eq_ignore_ascii_case("tel:"));
                    if phone || (audio_only && entry.has_parameter(&ICalendarParameterName::Feature)) {
                        dial_in = true;
                    } else {
                        return "video";
                    }
                }
            }
            ICalendarProperty::Location | ICalendarProperty::Url | ICalendarProperty::Description => {
                for text in texts {
                    if has_video_link(text) {
                        return "video";
                    }
                    dial_in |=
                        has_dial_in(text) || (entry.name == ICalendarProperty::Location && is_phone_number(text));
                }
            }
            _ => {}
        }
    }
    if dial_in {
        "call"
    } else {
        "meet"
    }
}

/// A link to one of the [`VIDEO_HOSTS`] (with or without `https://`) somewhere in `text`.
fn has_video_link(text: &str) -> bool {
    text.split(|character: char| character.is_whitespace() || "<>()[]{}\"',;|".contains(character)).any(|token| {
        let address = token.split_once("://").map_or(token, |(_, rest)| rest);
        let host = address.split(['/', '?', '#', ':', '\\']).next().unwrap_or_default().trim_end_matches('.');
        let host = host.rsplit('@').next().unwrap_or(host);
        let host = host.as_bytes();
        VIDEO_HOSTS.iter().any(|known| {
            let Some(before) = host.len().checked_sub(known.len()) else { return false };
            host[before..].eq_ignore_ascii_case(known.as_bytes()) && (before == 0 || host[before - 1] == b'.')
        })
    })
}

/// A dial-in in `text`: a `tel:` URI, [`DIAL_IN_WORDS`], or an international number.
fn has_dial_in(text: &str) -> bool {
    let lower = text.to_lowercase();
    if lower
        .match_indices("tel:")
        .any(|(at, _)| lower[at + 4..].trim_start().starts_with(|c: char| c == '+' || c.is_ascii_digit()))
    {
        return true;
    }
    if DIAL_IN_WORDS.iter().any(|words| lower.contains(words)) {
        return true;
    }
    text.match_indices('+').any(|(at, _)| {
        let digits = text[at + 1..]
            .chars()
            .take_while(|character| character.is_ascii_digit() || " -.()".contains(*character))
            .filter(char::is_ascii_digit)
            .count();
        digits >= INTERNATIONAL_DIGITS
    })
}

/// `text` is a phone number and nothing else: digits (seven or more), spaces, `+-.()`.
fn is_phone_number(text: &str) -> bool {
    let text = text.trim();
    text.chars().all(|character| character.is_ascii_digit() || " +-.()/".contains(character))
        && text.chars().filter(char::is_ascii_digit).count() >= PHONE_DIGITS
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Merge, Options};
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 25);

    /// `text` with CRLF line breaks, as every calendar exports them.
    fn crlf(text: &str) -> String {
        text.replace('\n', "\r\n")
    }

    /// A calendar holding `body` (LF lines), with CRLF line breaks.
    fn calendar(body: &str) -> String {
        crlf(&format!("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//kith//tests//EN\n{body}END:VCALENDAR\n"))
    }

    fn who(parties: &[Party]) -> String {
        let names: Vec<String> = parties
            .iter()
            .map(|party| {
                let label = party.email.clone().or_else(|| party.name.clone()).unwrap_or_default();
                if party.declined {
                    format!("{label} (declined)")
                } else {
                    label
                }
            })
            .collect();
        names.join(", ")
    }

    /// Every record of `text` on one line: `LINE: DATE KIND "SUMMARY" from … to …`.
    fn lines(text: &str) -> Vec<String> {
        read(text, TODAY)
            .expect("an iCalendar file")
            .map(|record| match record {
                Ok(Item::Exchange(exchange)) => format!(
                    "{}: {} {} {:?} from {} to {}",
                    exchange.line,
                    exchange.date,
                    exchange.kind,
                    exchange.summary,
                    who(exchange.from.as_slice()),
                    who(&exchange.to)
                ),
                Ok(Item::Skipped(skip)) => format!("{}: left out: {}", skip.line, skip.reason),
                Ok(Item::Contact(contact)) => format!("a contact: {contact:?}"),
                Err(malformed) => format!("{}: malformed: {}", malformed.line, malformed.message),
            })
            .collect()
    }

    /// The dates of the exchanges of `text`.
    fn dates(text: &str) -> Vec<String> {
        read(text, TODAY)
            .expect("an iCalendar file")
            .filter_map(|record| match record {
                Ok(Item::Exchange(exchange)) => Some(exchange.date.to_string()),
                _ => None,
            })
            .collect()
    }

    fn error(text: &str) -> String {
        match read(text, TODAY) {
            Ok(_) => panic!("read as a calendar: {text:?}"),
            Err(error) => error.message,
        }
    }

    const GOOGLE: &str = "BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:PUBLISH
X-WR-CALNAME:me@example.org
X-WR-TIMEZONE:Europe/Berlin
BEGIN:VTIMEZONE
TZID:Europe/Berlin
X-LIC-LOCATION:Europe/Berlin
BEGIN:DAYLIGHT
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
TZNAME:CEST
DTSTART:19700329T020000
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
TZNAME:CET
DTSTART:19701025T030000
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
DTSTART:20260314T100000Z
DTEND:20260314T110000Z
DTSTAMP:20261120T101500Z
ORGANIZER;CN=Me:mailto:me@example.org
UID:0a1b2c3d4e5f@google.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Ada Lov
 elace;X-NUM-GUESTS=0:mailto:ada@example.org
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=me@exam
 ple.org;X-NUM-GUESTS=0:mailto:me@example.org
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=DECLINED;CN=Grace H
 opper;X-NUM-GUESTS=0:mailto:grace@example.com
ATTENDEE;CUTYPE=RESOURCE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Berlin-3-
 Turing (8);X-NUM-GUESTS=0:mailto:c_1888abc@resource.calendar.google.com
X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij
CREATED:20260301T090000Z
DESCRIPTION:Talking through the board offer.\\n\\n-::~:~::~:~:~:~:~:~:~:~:~:~
 :~:~::~:~::-\\nJoin with Google Meet: https://meet.google.com/abc-defg-hij\\n
 Or dial: (DE) +49 30 1234567 PIN: 123456#
LAST-MODIFIED:20260301T090000Z
LOCATION:
SEQUENCE:0
STATUS:CONFIRMED
SUMMARY:Board offer\\, round two
TRANSP:OPAQUE
END:VEVENT
BEGIN:VEVENT
DTSTART:20260314T233000Z
DTEND:20260315T010000Z
DTSTAMP:20261120T101500Z
ORGANIZER;CN=Ada Lovelace:mailto:ada@example.org
UID:late-night@google.com
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Ada Lov
 elace;X-NUM-GUESTS=0:mailto:ada@example.org
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Me;X-NU
 M-GUESTS=0:mailto:me@example.org
LOCATION:Bar Tausend\\, Schiffbauerdamm 11\\, Berlin
SEQUENCE:0
STATUS:CONFIRMED
SUMMARY:Drinks after the meetup
END:VEVENT
END:VCALENDAR
";

    #[test]
    fn google_utc_times_take_the_date_in_the_calendar_zone() {
        assert_eq!(
            lines(&crlf(GOOGLE)),
            [
                "26: 2026-03-14 video \"Board offer, round two\" from me@example.org to ada@example.org, grace@example.com (declined)",
                // 23:30 UTC is half past midnight in Berlin: the next day.
                "52: 2026-03-15 meet \"Drinks after the meetup\" from ada@example.org to me@example.org",
            ]
        );
    }

    #[test]
    fn utc_times_stay_utc_without_a_calendar_zone() {
        let without_zone = GOOGLE.replace("X-WR-TIMEZONE:Europe/Berlin\n", "");
        assert_eq!(dates(&crlf(&without_zone)), ["2026-03-14", "2026-03-14"]);
        let in_new_york = GOOGLE.replace("X-WR-TIMEZONE:Europe/Berlin", "X-WR-TIMEZONE:America/New_York");
        assert_eq!(dates(&crlf(&in_new_york)), ["2026-03-14", "2026-03-14"]);
        let in_tokyo = GOOGLE.replace("X-WR-TIMEZONE:Europe/Berlin", "X-WR-TIMEZONE:Asia/Tokyo");
        assert_eq!(dates(&crlf(&in_tokyo)), ["2026-03-14", "2026-03-15"]);
    }

    #[test]
    fn names_and_addresses_of_the_parties() {
        let records: Vec<Record> = read(&crlf(GOOGLE), TODAY).expect("a calendar").collect();
        let Some(Ok(Item::Exchange(first))) = records.first() else { panic!("{records:?}") };
        assert_eq!(
            first.from,
            Some(Party {
                name: Some("Me".into()),
                email: Some("me@example.org".into()),
                profile: None,
                declined: false
            })
        );
        assert_eq!(
            first.to,
            [
                Party {
                    name: Some("Ada Lovelace".into()),
                    email: Some("ada@example.org".into()),
                    profile: None,
                    declined: false
                },
                Party {
                    name: Some("Grace Hopper".into()),
                    email: Some("grace@example.com".into()),
                    profile: None,
                    declined: true
                },
            ],
            "the organizer listed again and the meeting room are no attendees"
        );
    }

    const OUTLOOK: &str = "BEGIN:VCALENDAR
PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN
VERSION:2.0
METHOD:PUBLISH
X-MS-OLK-FORCEINSPECTOROPEN:TRUE
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16011028T030000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010325T020000
RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
ATTENDEE;CN=\"Grace Hopper\";RSVP=TRUE:mailto:grace@example.com
CLASS:PUBLIC
CREATED:20260220T101010Z
DESCRIPTION:Weekly check-in.\\n
DTEND;TZID=\"W. Europe Standard Time\":20260302T093000
DTSTAMP:20261120T101010Z
DTSTART;TZID=\"W. Europe Standard Time\":20260302T090000
EXDATE;TZID=\"W. Europe Standard Time\":20260309T090000
LAST-MODIFIED:20260220T101010Z
LOCATION:Room 4.12
ORGANIZER;CN=\"Me\":mailto:me@example.org
PRIORITY:5
RRULE:FREQ=WEEKLY;UNTIL=20260330T070000Z;INTERVAL=1;BYDAY=MO;WKST=MO
SEQUENCE:0
SUMMARY;LANGUAGE=en-us:Grace / me
TRANSP:OPAQUE
UID:040000008200E00074C5B7101A82E0080000000010B2C9A0F3A1DC01000000000000000010000000A3C1
X-MICROSOFT-CDO-BUSYSTATUS:BUSY
X-MICROSOFT-CDO-IMPORTANCE:1
END:VEVENT
BEGIN:VEVENT
ATTENDEE;CN=\"Grace Hopper\";RSVP=TRUE:mailto:grace@example.com
DESCRIPTION:Moved: Grace is travelling on Monday.\\n
DTEND;TZID=\"W. Europe Standard Time\":20260318T143000
DTSTAMP:20261120T101010Z
DTSTART;TZID=\"W. Europe Standard Time\":20260318T140000
LOCATION:Room 4.12
ORGANIZER;CN=\"Me\":mailto:me@example.org
RECURRENCE-ID;TZID=\"W. Europe Standard Time\":20260316T090000
SEQUENCE:2
SUMMARY;LANGUAGE=en-us:Grace / me (moved)
UID:040000008200E00074C5B7101A82E0080000000010B2C9A0F3A1DC01000000000000000010000000A3C1
END:VEVENT
BEGIN:VEVENT
ATTENDEE;CN=\"Me\";RSVP=TRUE:mailto:me@example.org
DESCRIPTION:________________________________________________________________________________\\n
 Microsoft Teams meeting\\nJoin on your computer\\, mobile app or room device\\n
 Click here to join the meeting<https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0>\\n
DTEND;TZID=\"W. Europe Standard Time\":20260601T173000
DTSTART;TZID=\"W. Europe Standard Time\":20260601T163000
ORGANIZER;CN=\"Ada Lovelace\":mailto:ada@example.org
SUMMARY;LANGUAGE=en-us:Mentoring
UID:040000008200E00074C5B7101A82E00800000000teams
X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0
END:VEVENT
END:VCALENDAR
";

    #[test]
    fn outlook_zone_names_exdate_override_and_an_until_in_utc() {
        assert_eq!(
            lines(&crlf(OUTLOOK)),
            [
                "21: 2026-03-02 meet \"Grace / me\" from me@example.org to grace@example.com",
                "42: 2026-03-18 meet \"Grace / me (moved)\" from me@example.org to grace@example.com",
                "21: 2026-03-23 meet \"Grace / me\" from me@example.org to grace@example.com",
                // The UNTIL is the last occurrence's start in UTC (09:00 in Berlin in summer time).
                "21: 2026-03-30 meet \"Grace / me\" from me@example.org to grace@example.com",
                "55: 2026-06-01 video \"Mentoring\" from ada@example.org to me@example.org",
            ]
        );
    }

    const APPLE: &str = "BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Apple Inc.//macOS 15.1//EN
CALSCALE:GREGORIAN
BEGIN:VTIMEZONE
TZID:America/New_York
BEGIN:DAYLIGHT
TZOFFSETFROM:-0500
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU
DTSTART:20070311T020000
TZNAME:EDT
TZOFFSETTO:-0400
END:DAYLIGHT
BEGIN:STANDARD
TZOFFSETFROM:-0400
RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU
DTSTART:20071104T020000
TZNAME:EST
TZOFFSETTO:-0500
END:STANDARD
END:VTIMEZONE
BEGIN:VEVENT
TRANSP:OPAQUE
DTEND;TZID=America/New_York:20260105T084500
UID:7C1D2E3F-1111-4A5B-9C8D-ABCDEF012345
DTSTAMP:20261120T150000Z
LOCATION:Blue Bottle Coffee\\n450 W 15th St\\, New York
X-APPLE-STRUCTURED-LOCATION;VALUE=URI;X-ADDRESS=\"450 W 15th St, New York\";X
 -APPLE-RADIUS=70;X-TITLE=\"Blue Bottle Coffee\":geo:40.742,-74.006
SEQUENCE:3
SUMMARY:Breakfast with Ada
DTSTART;TZID=America/New_York:20260105T080000
RRULE:FREQ=MONTHLY;COUNT=4;BYDAY=1MO
RDATE;TZID=America/New_York:20260318T080000,20260105T080000
ORGANIZER;CN=Me;EMAIL=me@example.org:mailto:me@example.org
ATTENDEE;CN=Ada Lovelace;CUTYPE=INDIVIDUAL;EMAIL=ada@example.org;PARTSTAT=AC
 CEPTED;ROLE=REQ-PARTICIPANT:/1234567890/principal/
ATTENDEE;CN=Me;CUTYPE=INDIVIDUAL;EMAIL=me@example.org;PARTSTAT=ACCEPTED;ROLE
 =CHAIR:mailto:me@example.org
BEGIN:VALARM
X-WR-ALARMUID:5B6C7D8E-2222-4A5B-9C8D-ABCDEF012345
UID:5B6C7D8E-2222-4A5B-9C8D-ABCDEF012345
TRIGGER:-PT15M
ACTION:DISPLAY
DESCRIPTION:Reminder
END:VALARM
END:VEVENT
BEGIN:VEVENT
UID:7C1D2E3F-1111-4A5B-9C8D-ABCDEF012345
RECURRENCE-ID;TZID=America/New_York:20260302T080000
DTSTART;TZID=America/New_York:20260302T080000
DTEND;TZID=America/New_York:20260302T084500
STATUS:CANCELLED
SEQUENCE:4
SUMMARY:Breakfast with Ada
ORGANIZER;CN=Me;EMAIL=me@example.org:mailto:me@example.org
ATTENDEE;CN=Ada Lovelace;CUTYPE=INDIVIDUAL;EMAIL=ada@example.org;PARTSTAT=AC
 CEPTED:/1234567890/principal/
END:VEVENT
BEGIN:VEVENT
UID:9A8B7C6D-3333-4A5B-9C8D-ABCDEF012345
DTSTART;VALUE=DATE:20260704
DTEND;VALUE=DATE:20260705
SUMMARY:Barbecue at Grace's
ORGANIZER;CN=Grace Hopper:mailto:grace@example.com
ATTENDEE;CN=Me;PARTSTAT=ACCEPTED:mailto:me@example.org
END:VEVENT
BEGIN:VEVENT
UID:1F2E3D4C-4444-4A5B-9C8D-ABCDEF012345
DTSTART;TZID=America/New_York:20260910T170000
DTEND;TZID=America/New_York:20260910T173000
SUMMARY:FaceTime with Ada
URL;VALUE=URI:https://facetime.apple.com/join#v=1&p=AbCdEf&k=GhIjKl
ORGANIZER;CN=Me:mailto:me@example.org
ATTENDEE;CN=Ada Lovelace;PARTSTAT=NEEDS-ACTION:mailto:ada@example.org
END:VEVENT
END:VCALENDAR
";

    #[test]
    fn apple_rdate_a_cancelled_override_all_day_and_facetime() {
        assert_eq!(
            lines(&crlf(APPLE)),
            [
                "22: 2026-01-05 meet \"Breakfast with Ada\" from me@example.org to ada@example.org",
                "22: 2026-02-02 meet \"Breakfast with Ada\" from me@example.org to ada@example.org",
                "48: left out: cancelled events",
                "22: 2026-03-18 meet \"Breakfast with Ada\" from me@example.org to ada@example.org",
                "22: 2026-04-06 meet \"Breakfast with Ada\" from me@example.org to ada@example.org",
                "60: 2026-07-04 meet \"Barbecue at Grace's\" from grace@example.com to me@example.org",
                "68: 2026-09-10 video \"FaceTime with Ada\" from me@example.org to ada@example.org",
            ]
        );
    }

    /// An event at 2026-06-01 09:00 UTC between me and Ada, with `lines` (LF) added.
    fn event(uid: &str, lines: &str) -> String {
        format!(
            "BEGIN:VEVENT\nUID:{uid}\nDTSTART:20260601T090000Z\nORGANIZER:mailto:me@example.org\nATTENDEE:mailto:ada@example.org\n{lines}END:VEVENT\n"
        )
    }

    fn kinds(text: &str) -> Vec<&'static str> {
        read(text, TODAY)
            .expect("a calendar")
            .filter_map(|record| match record {
                Ok(Item::Exchange(exchange)) => Some(exchange.kind),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn conference_links_make_a_video_and_dial_ins_a_call() {
        let cases = [
            ("X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij\n", "video"),
            ("LOCATION:https://us02web.zoom.us/j/81234567890?pwd=abc\n", "video"),
            ("LOCATION:Zoom: https://zoom.us/j/123\nDESCRIPTION:Dial by your location +1 646 558 8656 US\n", "video"),
            ("DESCRIPTION:Join: meet.jit.si/kith-standup\n", "video"),
            ("URL:https://acme.webex.com/meet/ada\n", "video"),
            ("DESCRIPTION:<a href=\"https://teams.microsoft.com/l/meetup-join/19%3a\">Join</a>\n", "video"),
            ("CONFERENCE;VALUE=URI;FEATURE=VIDEO;LABEL=Room 7:https://video.example.org/room/7\n", "video"),
            ("CONFERENCE;VALUE=URI;FEATURE=PHONE;LABEL=Dial in:tel:+1-555-0100,,1234#\n", "call"),
            ("CONFERENCE;VALUE=URI;FEATURE=AUDIO:https://audio.example.org/bridge\n", "call"),
            ("DESCRIPTION:Dial-in: 0800 123 4567\\, PIN 1234\n", "call"),
            ("DESCRIPTION:Ring me: tel:+442079460000\n", "call"),
            ("LOCATION:+44 20 7946 0000\n", "call"),
            ("LOCATION:(030) 1234-5678\n", "call"),
            ("DESCRIPTION:Call me on +44 20 7946 0000 when you land\n", "call"),
            ("LOCATION:Café Einstein\\, Unter den Linden 42\n", "meet"),
            ("LOCATION:https://notzoom.us/j/1\n", "meet"),
            ("DESCRIPTION:Agenda: 1. budget (+2 slides)\\, 2. hiring\n", "meet"),
            ("X-GOOGLE-CONFERENCE:\n", "meet"),
            // Found by fuzzing: a host ending inside a multi-byte character.
            ("LOCATION:Auguststraße\n", "meet"),
            ("LOCATION:ZOOM.US/j/1\n", "video"),
            ("", "meet"),
        ];
        let body: String =
            cases.iter().enumerate().map(|(index, (lines, _))| event(&format!("kind-{index}"), lines)).collect();
        let expected: Vec<&str> = cases.iter().map(|(_, kind)| *kind).collect();
        assert_eq!(kinds(&calendar(&body)), expected);
    }

    #[test]
    fn cancelled_events_are_left_out_once_each() {
        let body = [
            event("cancelled-once", "STATUS:CANCELLED\nSUMMARY:Lunch\n"),
            "BEGIN:VEVENT\nUID:cancelled-series\nDTSTART;TZID=Europe/Berlin:20261005T100000\nRRULE:FREQ=WEEKLY\nSTATUS:CANCELLED\nORGANIZER:mailto:me@example.org\nATTENDEE:mailto:ada@example.org\nEND:VEVENT\n".to_string(),
            "BEGIN:VEVENT\nUID:cancelled-later\nDTSTART:20261224T100000Z\nSTATUS:CANCELLED\nORGANIZER:mailto:me@example.org\nATTENDEE:mailto:ada@example.org\nEND:VEVENT\n".to_string(),
            event("kept", "STATUS:CONFIRMED\n"),
        ]
        .concat();
        assert_eq!(
            lines(&calendar(&body)),
            [
                "4: left out: cancelled events",
                "12: left out: cancelled events",
                "27: 2026-06-01 meet \"\" from me@example.org to ada@example.org",
            ]
        );
        let cancellation = calendar(&format!("METHOD:CANCEL\n{}", event("invitation", "SUMMARY:Lunch\n")));
        assert_eq!(lines(&cancellation), ["5: left out: cancelled events"]);
    }

    #[test]
    fn events_without_guests_are_left_out() {
        let body = [
            "BEGIN:VEVENT\nUID:dentist\nDTSTART:20260601T090000Z\nSUMMARY:Dentist\nEND:VEVENT\n",
            "BEGIN:VEVENT\nUID:focus\nDTSTART;TZID=Europe/Berlin:20261101T090000\nRRULE:FREQ=DAILY\nORGANIZER:mailto:me@example.org\nATTENDEE:mailto:me@example.org\nEND:VEVENT\n",
        ]
        .concat();
        assert_eq!(
            lines(&calendar(&body)),
            ["4: left out: events without guests", "9: left out: events without guests"]
        );
    }

    #[test]
    fn occurrences_after_today_are_not_read() {
        let body = [
            "BEGIN:VEVENT\nUID:weekly\nDTSTART;TZID=Europe/Berlin:20261116T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO\nORGANIZER:mailto:me@example.org\nATTENDEE:mailto:ada@example.org\nEND:VEVENT\n",
            &event("today", "DTSTART;TZID=Europe/Berlin:20261125T220000\n").replace("DTSTART:20260601T090000Z\n", ""),
            &event("tomorrow", "").replace("20260601T090000Z", "20261126T000000"),
            &event("next-year", "").replace("20260601T090000Z", "20270101T090000Z"),
        ]
        .concat();
        assert_eq!(dates(&calendar(&body)), ["2026-11-16", "2026-11-23", "2026-11-25"]);
        // 05:00 UTC on the 26th is still the 25th in Los Angeles, but the 26th in Berlin.
        let late = event("late", "").replace("20260601T090000Z", "20261126T050000Z");
        assert_eq!(dates(&calendar(&format!("X-WR-TIMEZONE:America/Los_Angeles\n{late}"))), ["2026-11-25"]);
        assert_eq!(dates(&calendar(&format!("X-WR-TIMEZONE:Europe/Berlin\n{late}"))), Vec::<String>::new());
    }

    #[test]
    fn endless_rules_are_bounded_by_date_and_by_count() {
        let started = std::time::Instant::now();
        let repeating = |uid: &str, start: &str, rule: &str| {
            format!("BEGIN:VEVENT\nUID:{uid}\nDTSTART:{start}\nRRULE:{rule}\nORGANIZER:mailto:me@example.org\nATTENDEE:mailto:ada@example.org\nEND:VEVENT\n")
        };
        let every_hour_of_the_day: Vec<String> = (0..24).map(|hour| hour.to_string()).collect();
        let every_minute: Vec<String> = (0..60).map(|minute| minute.to_string()).collect();
        let body = [
            repeating("every-second", "20200101T090000Z", "FREQ=SECONDLY"),
            repeating("every-minute", "20260101T090000Z", "FREQ=MINUTELY;BYSECOND=0"),
            repeating(
                "every-minute-of-the-year",
                "20260101T000000",
                &format!(
                    "FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR={};BYMINUTE={}",
                    every_hour_of_the_day.join(","),
                    every_minute.join(",")
                ),
            ),
            repeating("weekly-since-2010", "20100104T090000", "FREQ=WEEKLY"),
            repeating("daily-with-a-huge-count", "20261101T090000", "FREQ=DAILY;COUNT=4000000000"),
        ]
        .concat();
        let records: Vec<Record> = read(&calendar(&body), TODAY).expect("a calendar").collect();
        assert!(started.elapsed() < std::time::Duration::from_secs(10), "took {:?}", started.elapsed());
        let malformed: Vec<String> = records
            .iter()
            .filter_map(|record| record.as_ref().err())
            .map(|bad| format!("{}: {}", bad.line, bad.message))
            .collect();
        assert_eq!(
            malformed,
            [
                "4: an event that repeats more than 10000 times up to today (`RRULE:FREQ=SECONDLY`): not a meeting",
                "11: an event that repeats more than 10000 times up to today (`RRULE:FREQ=MINUTELY;BYSECOND=0`): not a meeting",
                "18: an event whose repeat rule `RRULE:FREQ=YEARLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;BYHOUR=0,1,2,3…` lists 1440 times a day (at most 60)",
            ]
        );
        let dates: Vec<String> = records
            .iter()
            .filter_map(|record| match record {
                Ok(Item::Exchange(exchange)) => Some(exchange.date.to_string()),
                _ => None,
            })
            .collect();
        assert_eq!(dates.len(), 882 + 25, "every Monday from 2010-01-04 to 2026-11-23, and November up to today");
        assert_eq!((dates[0].as_str(), dates[881].as_str()), ("2010-01-04", "2026-11-23"));
        assert_eq!((dates[882].as_str(), dates[906].as_str()), ("2026-11-01", "2026-11-25"));
    }

    #[test]
    fn files_that_are_not_calendars_or_are_broken_are_refused_naming_the_line() {
        assert_eq!(error(""), "it holds no calendar (no `BEGIN:VCALENDAR` line)");
        assert_eq!(error("\r\n  \r\n"), "it holds no calendar (no `BEGIN:VCALENDAR` line)");
        assert_eq!(
            error("First Name,Last Name\nAda,Lovelace\n"),
            "line 1 is `First Name,Last Name`, where an iCalendar file starts with `BEGIN:VCALENDAR`"
        );
        assert_eq!(
            error("\n\nPK\u{3}\u{4}\u{14}\u{0}garbage"),
            "line 3 is `PKgarbage`, where an iCalendar file starts with `BEGIN:VCALENDAR`"
        );
        assert_eq!(
            error("BEGIN:VEVENT\nDTSTART:20260101\nEND:VEVENT\n"),
            "line 1 is `BEGIN:VEVENT`, where an iCalendar file starts with `BEGIN:VCALENDAR`"
        );
        let cut_off = crlf(GOOGLE);
        let cut_off = &cut_off[..cut_off.find("SUMMARY:Drinks").expect("the second event")];
        assert_eq!(
            error(cut_off),
            "the file ends inside the `BEGIN:VEVENT` of line 52, before its `END:VEVENT`: it is cut off; export the calendar again"
        );
        assert_eq!(
            error("BEGIN:VCALENDAR\nBEGIN:VEVENT\nBEGIN:VALARM\nEND:VEVENT\nEND:VCALENDAR\n"),
            "line 4: `END:VEVENT` where `BEGIN:VALARM` of line 3 is still open; add `END:VALARM` before it"
        );
        assert_eq!(
            error("BEGIN:VCALENDAR\nEND:VEVENT\nEND:VCALENDAR\n"),
            "line 2: `END:VEVENT` where `BEGIN:VCALENDAR` of line 1 is still open; remove it"
        );
        assert_eq!(
            error("END:VCALENDAR\n"),
            "line 1: `END:VCALENDAR` closes nothing (no `BEGIN:VCALENDAR` before it); remove it"
        );
        assert_eq!(
            error("BEGIN:VCALENDAR\nBEGIN:VCALENDAR\nEND:VCALENDAR\nEND:VCALENDAR\n"),
            "line 2: `BEGIN:VCALENDAR` inside the calendar begun on line 1; add `END:VCALENDAR` before it"
        );
        assert_eq!(
            error("BEGIN:VCALENDAR\nEND:VCALENDAR\n\nSent from my phone\n"),
            "line 4 is `Sent from my phone` after the calendar's `END:VCALENDAR` on line 2; remove it"
        );
        // Two calendars one after the other are read, both.
        let twice = format!("{}{}", calendar(&event("one", "")), calendar(&event("two", "")));
        assert_eq!(dates(&twice), ["2026-06-01", "2026-06-01"]);
    }

    #[test]
    fn a_bad_event_is_reported_at_its_line_and_the_others_are_read() {
        let body = [
            "BEGIN:VEVENT\nUID:no-start\nSUMMARY:When?\nORGANIZER:mailto:me@example.org\nATTENDEE:mailto:ada@example.org\nEND:VEVENT\n".to_string(),
            event("thirtieth", "").replace("20260601T090000Z", "20260230T090000Z"),
            event("good", "SUMMARY:Fine\n"),
            event("weekly-by-week", "RRULE:FREQ=WEEKLY;BYWEEKNO=20\n"),
            event("fortnightly", "RRULE:FREQ=FORTNIGHTLY\n"),
            event("garbage-start", "").replace("DTSTART:20260601T090000Z", "DTSTART:next tuesday"),
        ]
        .concat();
        assert_eq!(
            lines(&calendar(&body)),
            [
                "4: malformed: an event without a start (no `DTSTART`)",
                "10: malformed: an event whose start `DTSTART:20260230T090000Z` is not a real date",
                "16: 2026-06-01 meet \"Fine\" from me@example.org to ada@example.org",
                "23: malformed: an event whose repeat rule `RRULE:FREQ=WEEKLY;BYWEEKNO=20` cannot be used: Invalid BY rule `BYWEEKNO` with frequency `WEEKLY`",
                "30: malformed: an event whose repeat rule `RRULE:FREQ=FORTNIGHTLY` cannot be read",
                "37: malformed: an event whose start `DTSTART:next tuesday` is not a real date",
            ]
        );
    }

    #[test]
    fn a_byte_order_mark_lf_lines_and_folding_with_tabs() {
        let text = "\u{feff}BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:folded\nDTSTART;VALUE=DATE:20260210\nSUMMARY:A sum\n\tmary folded wi\n th a tab and a space\nORGANIZER;CN=\"Lovelace, Ada\":mailto:\n ada@example.org\nATTENDEE;PARTSTAT=ACCEPTED:MAILTO:Me@Example.org\nEND:VEVENT\nEND:VCALENDAR";
        assert_eq!(
            lines(text),
            ["3: 2026-02-10 meet \"A summary folded with a tab and a space\" from ada@example.org to Me@Example.org"]
        );
        let records: Vec<Record> = read(text, TODAY).expect("a calendar").collect();
        let Some(Ok(Item::Exchange(exchange))) = records.first() else { panic!("{records:?}") };
        assert_eq!(exchange.from.as_ref().and_then(|party| party.name.as_deref()), Some("Lovelace, Ada"));
    }

    #[test]
    fn summaries_are_cleaned_and_cut_at_a_word() {
        let long = "Quarterly planning: budget\\, hiring\\, the offsite in Lisbon\\, the new office lease and everything else we postponed";
        let body = [
            event("long", &format!("SUMMARY:{long}\n")),
            event("controls", "SUMMARY:  Line one\\nline\u{7} two\ttabbed  \n"),
            event("one-long-word", &format!("SUMMARY:{}\n", "x".repeat(100))),
        ]
        .concat();
        let summaries: Vec<String> = read(&calendar(&body), TODAY)
            .expect("a calendar")
            .filter_map(|record| match record {
                Ok(Item::Exchange(exchange)) => Some(exchange.summary),
                _ => None,
            })
            .collect();
        assert_eq!(
            summaries,
            [
                "Quarterly planning: budget, hiring, the offsite in Lisbon, the new office…".to_string(),
                "Line one line two tabbed".to_string(),
                format!("{}…", "x".repeat(79)),
            ]
        );
    }

    #[test]
    fn local_times_that_a_dst_change_skips_or_repeats_and_unknown_zones_keep_their_date() {
        let body = [
            // 01:30 happens twice in New York on 2026-11-01, 02:30 not at all on 2026-03-08.
            event("ambiguous", "RRULE:FREQ=WEEKLY;COUNT=3\n")
                .replace("DTSTART:20260601T090000Z", "DTSTART;TZID=America/New_York:20261101T013000"),
            event("skipped-hour", "")
                .replace("DTSTART:20260601T090000Z", "DTSTART;TZID=America/New_York:20260308T023000"),
            event("custom-zone", "")
                .replace("DTSTART:20260601T090000Z", "DTSTART;TZID=Customized Time Zone:20260310T233000"),
        ]
        .concat();
        assert_eq!(dates(&calendar(&body)), ["2026-11-01", "2026-11-08", "2026-11-15", "2026-03-08", "2026-03-10"]);
    }

    #[test]
    fn merged_into_a_network_a_series_is_one_line_per_day() {
        let network = "set me me@example.org\n\nperson grace \"Grace Hopper\"\n  email grace@example.com\n\nperson ada \"Ada Lovelace\"\n  email ada@example.org\n";
        let mut merge = Merge::new(network, TODAY, Options::default());
        for text in [crlf(OUTLOOK), crlf(APPLE)] {
            for record in read(&text, TODAY).expect("a calendar") {
                merge.add(record);
            }
        }
        let merged = merge.finish();
        assert_eq!(
            merged.text,
            "set me me@example.org\n\nperson grace \"Grace Hopper\"\n  email grace@example.com\n  2026-03-02 meet \"Grace / me\"\n  2026-03-18 meet \"Grace / me (moved)\"\n  2026-03-23 meet \"Grace / me\"\n  2026-03-30 meet \"Grace / me\"\n  2026-07-04 meet \"Barbecue at Grace's\"\n\nperson ada \"Ada Lovelace\"\n  email ada@example.org\n  2026-01-05 meet \"Breakfast with Ada\"\n  2026-02-02 meet \"Breakfast with Ada\"\n  2026-03-18 meet \"Breakfast with Ada\"\n  2026-04-06 meet \"Breakfast with Ada\"\n  2026-06-01 video \"Mentoring\"\n  2026-09-10 video \"FaceTime with Ada\"\n"
        );
        assert_eq!(merged.summary.skipped, [("cancelled events", 1)]);
        let errors: Vec<_> = kith_core::check(&merged.text, TODAY)
            .lints
            .into_iter()
            .filter(|lint| lint.severity == kith_core::Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}
