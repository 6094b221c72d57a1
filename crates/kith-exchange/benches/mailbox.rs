//! Benchmarks of importing a mailbox: a generated mbox of 100 MB as Thunderbird and Gmail
//! write them (a chain of `Received:` fields, RFC 2047 encoded names and subjects, CRLF
//! and LF messages, `>From ` quoting, multipart bodies and now and then a base64
//! attachment of half a megabyte; mailing lists, no-reply senders and strangers among
//! them) read into records and merged into a network of 1,500 people who have the
//! correspondents' addresses, as `kith import mbox MAILBOX --into NETWORK.kith` does. Both
//! files are also written to `target/tmp/mailbox/` (`mailbox.mbox`, `network.kith`), for
//! timing that command end to end and taking its peak memory (docs/performance.md).

#[path = "support/generate.rs"]
mod generate;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use generate::{email, name, network, Numbers, LAST_NAMES};
use kith_exchange::import::{read_mailbox, Merge, Options};
use std::fmt::Write as _;
use std::hint::black_box;

const PEOPLE: usize = 1_500;
/// The size the mailbox grows to, in bytes.
const MAILBOX_BYTES: usize = 100 * 1024 * 1024;
const WORDS: &[&str] = &[
    "roadmap", "budget", "hiring", "launch", "review", "planning", "offsite", "design", "retro", "sync", "coffee",
    "lunch", "board", "numbers", "pricing", "demo", "draft", "notes", "thanks", "question",
];
const MONTHS: &[&str] = &["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Someone to write to or hear from: mostly people of the network, now and then a
/// stranger, their name now and then an RFC 2047 encoded word.
fn correspondent(numbers: &mut Numbers) -> String {
    let address = if numbers.below(10) == 0 {
        format!("stranger{}@elsewhere.example", numbers.below(5_000))
    } else {
        email(numbers.below(PEOPLE))
    };
    match numbers.below(3) {
        0 => address,
        1 => format!("{} <{address}>", name(numbers)),
        _ => format!("=?UTF-8?Q?Zo=C3=AB_{}?= <{address}>", numbers.pick(LAST_NAMES)),
    }
}

/// One message: its `From ` line, about a kilobyte of header fields, a body of text (with
/// a quoted `>From ` line now and then) and, one time in forty, a base64 attachment.
fn message(numbers: &mut Numbers, index: usize) -> String {
    let day = 1 + numbers.below(28);
    let month = numbers.below(12);
    let hour = numbers.below(24);
    let outgoing = numbers.below(3) == 0;
    let other = correspondent(numbers);
    let (from, to) =
        if outgoing { ("Me <me@example.org>".to_string(), other) } else { (other, "me@example.org".to_string()) };
    let mut text = format!("From - Mon {} {day:02} {hour:02}:00:00 2026\n", MONTHS[month]);
    for hop in 0..4 {
        let _ = write!(
            text,
            "Received: from mx{hop}.example.net (mx{hop}.example.net [192.0.2.{hop}])\n\tby mx.example.org with ESMTPS id {index}x{hop};\n\t{day:02} {} 2026 {hour:02}:00:0{hop} +0000\n",
            MONTHS[month]
        );
    }
    let _ =
        write!(text, "Message-ID: <{index}@example.org>\nDate: {day} {} 2026 {hour:02}:00:00 +0100\n", MONTHS[month]);
    let _ = write!(text, "From: {from}\nTo: {to}\n");
    if numbers.below(4) == 0 {
        let _ = writeln!(text, "Cc: {}, {}", correspondent(numbers), correspondent(numbers));
    }
    match numbers.below(20) {
        0 => text.push_str("List-Id: Rust users <rust-users.lists.example.org>\nPrecedence: list\n"),
        1 => text.push_str("List-Unsubscribe: <mailto:leave@news.example>\n"),
        _ => {}
    }
    let length = 2 + numbers.below(8);
    let subject = numbers.words(WORDS, length);
    if numbers.below(5) == 0 {
        let _ = writeln!(text, "Subject: =?UTF-8?B?Q2Fmw6kgbmV4dCB3ZWVrPyDimJU=?= {subject}");
    } else {
        let _ = writeln!(text, "Subject: Re: {subject}");
    }
    text.push_str("MIME-Version: 1.0\nUser-Agent: Mozilla Thunderbird\nContent-Type: multipart/mixed; boundary=\"b\"\n\n--b\nContent-Type: text/plain; charset=UTF-8\n\n");
    let lines = 10 + numbers.below(60);
    for _ in 0..lines {
        text.push_str(&numbers.words(WORDS, 12));
        text.push('\n');
    }
    if numbers.below(8) == 0 {
        text.push_str("\n>From the last time we spoke, quoted.\n");
    }
    if numbers.below(40) == 0 {
        text.push_str("--b\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n");
        let line = "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFIvRmlsdGVyIC9GbGF0ZUR\n";
        text.push_str(&line.repeat(512 * 1024 / line.len()));
    }
    text.push_str("--b--\n\n");
    if numbers.below(2) == 0 {
        text = text.replace('\n', "\r\n");
    }
    text
}

fn mailbox(numbers: &mut Numbers) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(MAILBOX_BYTES + 1024 * 1024);
    let mut index = 0;
    while bytes.len() < MAILBOX_BYTES {
        bytes.extend_from_slice(message(numbers, index).as_bytes());
        index += 1;
    }
    bytes
}

fn import(c: &mut Criterion) {
    let mut numbers = Numbers::new();
    let network = network(&mut numbers, PEOPLE);
    let mailbox = mailbox(&mut numbers);
    let folder = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("mailbox");
    std::fs::create_dir_all(&folder).expect("a folder for the files");
    std::fs::write(folder.join("mailbox.mbox"), &mailbox).expect("the mailbox written");
    std::fs::write(folder.join("network.kith"), &network).expect("the network written");

    let today = jiff::civil::date(2026, 11, 25);
    let mut group = c.benchmark_group("mailbox");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(mailbox.len() as u64));
    group.bench_function("records", |b| {
        b.iter(|| read_mailbox(black_box(mailbox.as_slice())).expect("a mailbox").count());
    });
    group.bench_function("records+merge", |b| {
        b.iter(|| {
            let mut merge = Merge::new(black_box(&network), today, Options::default());
            for record in read_mailbox(black_box(mailbox.as_slice())).expect("a mailbox") {
                merge.add(record);
            }
            merge.finish()
        });
    });
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
