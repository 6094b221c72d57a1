//! Benchmarks of importing LinkedIn's data archive: a generated export of 1,500 connections
//! (namesakes among them) and 20,000 messages (one-to-one conversations, group ones,
//! strangers, contents over several lines), inflated from its zip, read into records and
//! merged into an empty network, as `kith import linkedin ARCHIVE.zip --into NET.kith`
//! does. The archive is also written to
//! `target/tmp/linkedin/Basic_LinkedInDataExport_11-20-2026.zip`, for timing that command
//! end to end (docs/performance.md).

#[path = "support/generate.rs"]
mod generate;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use generate::Numbers;
use kith_exchange::import::{LinkedInExport, Merge, Options};
use std::hint::black_box;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const CONNECTIONS: usize = 1_500;
const MESSAGES: usize = 20_000;
/// Of every 100 messages, how many are in group conversations, and with strangers.
const GROUP_PERCENT: usize = 10;
const STRANGER_PERCENT: usize = 5;

const FIRST_NAMES: &[&str] = &[
    "Ada",
    "Grace",
    "Alan",
    "Ana",
    "José",
    "Zoë",
    "Li",
    "Priya",
    "Kwame",
    "Ingrid",
    "Tomás",
    "Rosa",
    "Hedy",
    "Joan",
    "Mary",
    "Dorothy",
    "Jean",
    "Annie",
    "Sophie",
    "Guido",
    "Linus",
    "Radia",
    "Barbara",
    "Frances",
    "Tim",
    "Edsger",
    "Donald",
    "Katherine",
    "Margaret",
    "Charles",
    "Yuki",
    "Omar",
    "Fatima",
    "Lars",
    "Elena",
    "Marco",
    "Chen",
    "Aisha",
    "Noah",
    "Mia",
];
const LAST_NAMES: &[&str] = &[
    "Lovelace",
    "Hopper",
    "Turing",
    "López",
    "Núñez",
    "Natarajan",
    "Mensah",
    "Svensson",
    "Ruiz",
    "Delgado",
    "Lamarr",
    "Clarke",
    "Jackson",
    "Vaughan",
    "Bartik",
    "Easley",
    "Wilson",
    "Rossi",
    "Perlman",
    "Liskov",
    "Allen",
    "Dijkstra",
    "Knuth",
    "Johnson",
    "Hamilton",
    "Babbage",
    "Tanaka",
    "Haddad",
    "Berg",
    "Petrova",
];
const WORDS: &[&str] = &[
    "the",
    "roadmap",
    "call",
    "next",
    "week",
    "thanks",
    "for",
    "coffee",
    "draft",
    "review",
    "launch",
    "team",
    "hiring",
    "conference",
    "talk",
    "slides",
    "budget",
    "quarter",
    "offsite",
    "Rust",
    "compiler",
    "intro",
    "meeting",
    "notes",
    "follow-up",
    "idea",
    "board",
    "memo",
    "happy",
    "congrats",
    "new",
    "role",
    "soon",
];
const COMPANIES: &[&str] =
    &["Hooli", "Pied Piper", "Initech", "Globex, Inc.", "Fernwood Labs", "Umbrella", "Stark Industries"];
const PROFILE: &str = "https://www.linkedin.com/in/";

/// A CSV line of `cells`, every cell quoted as LinkedIn quotes them.
fn csv_line(cells: &[&str]) -> String {
    let quoted: Vec<String> = cells.iter().map(|cell| format!("\"{}\"", cell.replace('"', "\"\""))).collect();
    format!("{}\n", quoted.join(","))
}

/// The connections, as (display name, profile URL), and their `Connections.csv`.
fn connections(numbers: &mut Numbers) -> (Vec<(String, String)>, String) {
    let mut text = String::from("Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n");
    let mut people = Vec::with_capacity(CONNECTIONS);
    for index in 0..CONNECTIONS {
        let (first, last) = (numbers.pick(FIRST_NAMES), numbers.pick(LAST_NAMES));
        let url = format!("{PROFILE}{}-{}-{index:04x}", first.to_lowercase(), last.to_lowercase());
        let email =
            if index % 4 == 0 { format!("{}.{index}@example.org", first.to_lowercase()) } else { String::new() };
        let date = format!(
            "{:02} {} {}",
            1 + numbers.below(28),
            numbers.pick(&["Jan", "Mar", "Jun", "Sep", "Nov"]),
            2012 + numbers.below(14)
        );
        let position = numbers.words(WORDS, 2);
        text.push_str(&csv_line(&[first, last, &url, &email, numbers.pick(COMPANIES), &position, &date]));
        people.push((format!("{first} {last}"), url));
    }
    (people, text)
}

/// `messages.csv`: conversations with one connection, groups of three, and strangers.
fn messages(numbers: &mut Numbers, people: &[(String, String)]) -> String {
    let me = ("Mara Quinn".to_string(), format!("{PROFILE}mara-quinn"));
    let mut text = csv_line(&[
        "CONVERSATION ID",
        "CONVERSATION TITLE",
        "FROM",
        "SENDER PROFILE URL",
        "TO",
        "RECIPIENT PROFILE URLS",
        "DATE",
        "SUBJECT",
        "CONTENT",
        "FOLDER",
        "ATTACHMENTS",
        "IS MESSAGE DRAFT",
    ]);
    for _ in 0..MESSAGES {
        let kind = numbers.below(100);
        let (conversation, others): (String, Vec<(String, String)>) = if kind < GROUP_PERCENT {
            let group = numbers.below(200);
            let members = (0..3).map(|member| people[(group * 7 + member * 13) % people.len()].clone()).collect();
            (format!("2-group-{group}"), members)
        } else if kind < GROUP_PERCENT + STRANGER_PERCENT {
            let stranger = numbers.below(300);
            (
                format!("2-stranger-{stranger}"),
                vec![(format!("Stranger {stranger}"), format!("{PROFILE}stranger-{stranger}"))],
            )
        } else {
            let other = numbers.below(people.len());
            (format!("2-direct-{other}"), vec![people[other].clone()])
        };
        let sent = numbers.below(2) == 0;
        let (from, to): (&(String, String), Vec<&(String, String)>) =
            if sent { (&me, others.iter().collect()) } else { (&others[0], vec![&me]) };
        let names: Vec<&str> = to.iter().map(|(name, _)| name.as_str()).collect();
        let urls: Vec<&str> = to.iter().map(|(_, url)| url.as_str()).collect();
        let date = format!(
            "{}-{:02}-{:02} {:02}:{:02}:{:02} UTC",
            2019 + numbers.below(8),
            1 + numbers.below(12),
            1 + numbers.below(28),
            numbers.below(24),
            numbers.below(60),
            numbers.below(60)
        );
        let subject = if numbers.below(5) == 0 { numbers.words(WORDS, 3) } else { String::new() };
        let length = 8 + numbers.below(30);
        let content = format!("Hi,\n{}\n\n{}", numbers.words(WORDS, length), numbers.words(WORDS, 4));
        let folder = if sent { "SENT" } else { "INBOX" };
        let draft = if numbers.below(200) == 0 { "Yes" } else { "No" };
        text.push_str(&csv_line(&[
            &conversation,
            "",
            &from.0,
            &from.1,
            &names.join(", "),
            &urls.join(","),
            &date,
            &subject,
            &content,
            folder,
            "",
            draft,
        ]));
    }
    text
}

/// The generated export, zipped as LinkedIn delivers it.
fn archive() -> Vec<u8> {
    let mut numbers = Numbers::new();
    let (people, connections) = connections(&mut numbers);
    let messages = messages(&mut numbers, &people);
    let invitations = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n";
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, text) in
        [("Connections.csv", &connections), ("messages.csv", &messages), ("Invitations.csv", &invitations.to_string())]
    {
        writer.start_file(name, options).expect("an entry");
        writer.write_all(text.as_bytes()).expect("written");
    }
    writer.finish().expect("a zip").into_inner()
}

fn import(c: &mut Criterion) {
    let archive = archive();
    let folder = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("linkedin");
    std::fs::create_dir_all(&folder).expect("a folder for the archive");
    std::fs::write(folder.join("Basic_LinkedInDataExport_11-20-2026.zip"), &archive).expect("the archive written");

    let today = jiff::civil::date(2026, 11, 25);
    let mut group = c.benchmark_group("linkedin");
    group.sample_size(10);
    group.throughput(Throughput::Elements((CONNECTIONS + MESSAGES) as u64));
    group.bench_function("inflate", |b| b.iter(|| LinkedInExport::from_zip(black_box(&archive)).expect("the archive")));
    let export = LinkedInExport::from_zip(&archive).expect("the archive");
    group.bench_function("records", |b| b.iter(|| export.records().expect("its tables").count()));
    group.bench_function("inflate+records+merge", |b| {
        b.iter(|| {
            let export = LinkedInExport::from_zip(black_box(&archive)).expect("the archive");
            let mut merge = Merge::new("", today, Options::default());
            for record in export.records().expect("its tables") {
                merge.add(record);
            }
            merge.finish()
        });
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
