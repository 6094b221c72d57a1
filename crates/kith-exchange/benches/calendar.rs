//! Benchmarks of importing a calendar: a generated iCalendar export of 5,000 events as
//! Google writes them (single events in UTC, weekly and daily series in `TZID` local time
//! with `EXDATE`s, moved and cancelled overrides, all-day events, large meetings,
//! strangers, events without guests, future ones) read into records and merged into a
//! network of 1,500 people who have the attendees' addresses, as
//! `kith import ics CALENDAR.ics --into NETWORK.kith` does. Both files are also written to
//! `target/tmp/calendar/` (`calendar.ics`, `network.kith`), for timing that command end to
//! end (docs/performance.md).

#[path = "support/generate.rs"]
mod generate;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use generate::{email, network, Numbers};
use kith_exchange::import::{read_calendar, Merge, Options};
use std::fmt::Write as _;
use std::hint::black_box;

const PEOPLE: usize = 1_500;
const EVENTS: usize = 5_000;
const WORDS: &[&str] = &[
    "roadmap", "budget", "hiring", "launch", "review", "planning", "offsite", "design", "retro", "sync", "coffee",
    "lunch", "board", "numbers", "pricing", "demo",
];

/// A UTC time as iCalendar writes it.
fn utc(year: usize, month: usize, day: usize, hour: usize) -> String {
    format!("{year}{month:02}{day:02}T{hour:02}0000Z")
}

/// The attendee lines of an event: `count` people of the network (now and then a stranger,
/// now and then one who declined), then me.
fn attendees(numbers: &mut Numbers, count: usize) -> String {
    let mut lines = String::new();
    for _ in 0..count {
        let who = if numbers.below(20) == 0 {
            format!("stranger{}@example.net", numbers.below(300))
        } else {
            email(numbers.below(PEOPLE))
        };
        let partstat = if numbers.below(15) == 0 { "DECLINED" } else { "ACCEPTED" };
        let _ = write!(
            lines,
            "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={partstat};CN={who};X-NUM-GUESTS=0:mailto:{who}\r\n"
        );
    }
    if count > 0 {
        lines.push_str(
            "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Me;X-NUM-GUESTS=0:mailto:me@example.org\r\n",
        );
    }
    lines
}

/// One `VEVENT`: its time lines, then who, what and how as Google writes them.
fn event(uid: &str, times: &str, people: &str, conference: Option<&str>, status: &str, summary: &str) -> String {
    let mut event = format!(
        "BEGIN:VEVENT\r\n{times}DTSTAMP:20261120T101500Z\r\nORGANIZER;CN=Me:mailto:me@example.org\r\nUID:{uid}\r\n{people}"
    );
    if let Some(code) = conference {
        let _ = write!(
            event,
            "X-GOOGLE-CONFERENCE:https://meet.google.com/{code}\r\nDESCRIPTION:-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~\r\n :~:~:~:~::~:~::-\\nJoin with Google Meet: https://meet.google.com/{code}\\n\r\n Or dial: (DE) +49 30 300195000 PIN: 412 345 678#\r\n"
        );
    }
    let _ = write!(event, "SEQUENCE:0\r\nSTATUS:{status}\r\nSUMMARY:{summary}\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\n");
    event
}

/// The calendar: 5,000 events, a fifth of them weekly or daily series (with overrides).
fn calendar(numbers: &mut Numbers) -> String {
    let mut text = String::from(
        "BEGIN:VCALENDAR\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-TIMEZONE:Europe/Berlin\r\nBEGIN:VTIMEZONE\r\nTZID:Europe/Berlin\r\nX-LIC-LOCATION:Europe/Berlin\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n",
    );
    for index in 0..EVENTS {
        let kind = numbers.below(100);
        let count = match kind {
            0..=4 => 9,
            5..=7 => 0,
            _ => 1 + numbers.below(4),
        };
        let (year, month, day, hour) =
            (2024 + numbers.below(3), 1 + numbers.below(12), 1 + numbers.below(28), 7 + numbers.below(11));
        let uid = format!("{index:08x}bench@google.com");
        let summary = format!("{} {} {}", numbers.pick(WORDS), numbers.pick(WORDS), numbers.pick(WORDS));
        let people = attendees(numbers, count);
        let conference = (numbers.below(2) == 0)
            .then(|| format!("{:03x}-{:04x}-{:03x}", numbers.below(4096), numbers.below(65536), numbers.below(4096)));
        let status = if kind == 78 { "CANCELLED" } else { "CONFIRMED" };
        let local = |year: usize, day: usize| format!("TZID=Europe/Berlin:{year}{month:02}{day:02}T{hour:02}0000");
        let times = match kind {
            80..=94 => {
                let year = 2025 + numbers.below(2);
                let mut times =
                    format!("DTSTART;{}\r\nRRULE:FREQ=WEEKLY;WKST=MO;UNTIL=20261231T225959Z\r\n", local(year, day));
                if day + 21 <= 28 {
                    let _ = write!(times, "EXDATE;{}\r\n", local(year, day + 7));
                    // One occurrence moved by a day, another cancelled.
                    let moved =
                        format!("RECURRENCE-ID;{}\r\nDTSTART;{}\r\n", local(year, day + 14), local(year, day + 15));
                    let cancelled = format!("RECURRENCE-ID;{0}\r\nDTSTART;{0}\r\n", local(year, day + 21));
                    text.push_str(&event(&uid, &moved, &people, conference.as_deref(), "CONFIRMED", &summary));
                    text.push_str(&event(&uid, &cancelled, &people, conference.as_deref(), "CANCELLED", &summary));
                }
                times
            }
            95..=99 => format!("DTSTART;{}\r\nRRULE:FREQ=DAILY;COUNT=60;BYDAY=MO,TU,WE,TH,FR\r\n", local(2026, day)),
            8..=9 => format!("DTSTART;VALUE=DATE:{year}{month:02}{day:02}\r\n"),
            79 => format!("DTSTART:{}\r\n", utc(2027, month, day, hour)),
            _ => format!("DTSTART:{}\r\nDTEND:{}\r\n", utc(year, month, day, hour), utc(year, month, day, hour + 1)),
        };
        text.push_str(&event(&uid, &times, &people, conference.as_deref(), status, &summary));
    }
    text.push_str("END:VCALENDAR\r\n");
    text
}

fn import(c: &mut Criterion) {
    let mut numbers = Numbers::new();
    let network = network(&mut numbers, PEOPLE);
    let calendar = calendar(&mut numbers);
    let folder = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("calendar");
    std::fs::create_dir_all(&folder).expect("a folder for the files");
    std::fs::write(folder.join("calendar.ics"), &calendar).expect("the calendar written");
    std::fs::write(folder.join("network.kith"), &network).expect("the network written");

    let today = jiff::civil::date(2026, 11, 25);
    let records = read_calendar(&calendar, today).expect("a calendar").count();
    let mut group = c.benchmark_group("calendar");
    group.sample_size(10);
    group.throughput(Throughput::Elements(records as u64));
    group.bench_function("records", |b| {
        b.iter(|| read_calendar(black_box(&calendar), today).expect("a calendar").count());
    });
    group.bench_function("records+merge", |b| {
        b.iter(|| {
            let mut merge = Merge::new(black_box(&network), today, Options::default());
            for record in read_calendar(black_box(&calendar), today).expect("a calendar") {
                merge.add(record);
            }
            merge.finish()
        });
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
