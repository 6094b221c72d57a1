//! Mailboxes (mbox: Thunderbird's folders, Gmail's Takeout, Apple Mail's and mutt's
//! exports) read into mail, streamed: one [`Exchange`] of kind `email` per message.
//!
//! **Messages.** A message starts at a `From ` line (mboxo, mboxrd) at the start of the file
//! or after an empty line, when the line after it is a header field (`Name: value`): a
//! body line that happens to begin with "From " after an empty line does not cut a message
//! in two, and a quoted `>From ` line never starts one. Only the header block is kept, at
//! most [`MAX_HEADER_BYTES`] of it (a field that does not fit is dropped); bodies are read
//! past, never held — nor un-quoted, since nothing of them is used — so memory stays
//! bounded whatever the mailbox's size, its line lengths or its MIME nesting. Line breaks
//! may be LF or CRLF, the final one may be missing, and bytes that are not UTF-8 are
//! replaced.
//!
//! **Fields.** The header block is parsed with the `mail-parser` crate: RFC 5322 fields
//! with folding, RFC 2047 encoded words in names and subjects, address lists and groups,
//! dates. `from` is the first address of `From:` that kith accepts ([`check_email`]); `to`
//! is everyone in `To:`, `Cc:` and `Bcc:` (a `Bcc:` field is only in the copies of mail
//! you sent, and those people did get it), each once and without the sender. The summary
//! is the `Subject:` on one line (control characters dropped, `Re:` and `Fwd:` kept), cut
//! at a word with "…" after [`SUMMARY_CHARS`] characters.
//!
//! **Dates.** A message's date is the calendar date its `Date:` field writes, in the
//! sender's own offset: `Date: Sat, 14 Mar 2026 23:30:00 -0800` is 2026-03-14, though it
//! was already the 15th in UTC — the day as the writer lived it. A message without
//! `Date:` takes the date of its `From ` line (`From ada@example.org Sat Mar 14 10:00:00
//! 2026`), when it has one.
//!
//! **Left out** (a [`Skip`] each), checked in this order: drafts (Gmail's
//! `X-Gmail-Labels: Draft`); spam (`X-Gmail-Labels: Spam`, `X-Spam-Flag: YES`);
//! mailing-list mail (`List-Id:`, `Precedence: list`); bulk mail (`List-Unsubscribe:`,
//! `Precedence: bulk` or `junk`); automatic mail (`Auto-Submitted:` other than `no`:
//! out-of-office replies, bounces, notifications); no-reply mail (a sender address
//! nobody answers, [`NO_REPLY_PREFIXES`] and [`NO_REPLY_NAMES`]).
//!
//! **Malformed** (a [`Malformed`] at the line of the message's `From ` line; the messages
//! after it are still read): no header fields, no address kith accepts in `From:`, `To:`,
//! `Cc:` or `Bcc:`, a `Date:` that is not a date, no date at all, or a field that the
//! reader reads and that is longer than [`MAX_HEADER_BYTES`].

use super::{Exchange, Item, Malformed, Party, ReadError, Record, Skip};
use jiff::civil::Date;
use kith_core::values::check_email;
use mail_parser::{Addr, Address, Header, HeaderName, HeaderValue, MessageParser};
use std::borrow::Cow;
use std::collections::HashSet;
use std::io::{self, BufRead, Read};

/// The most bytes of one message's header block held in memory. A field that does not fit
/// is dropped; when it is one the reader reads ([`READ_FIELDS`]), the message is malformed.
pub(super) const MAX_HEADER_BYTES: usize = 256 * 1024;
/// How much of a line is kept however little room is left: enough to name a field.
const LINE_START_BYTES: usize = 256;
/// How much of a body line is kept: enough to tell a `From ` line and read its date.
const BODY_LINE_BYTES: usize = 1024;
/// The longest summary taken from a subject, in characters (its "…" included).
pub(super) const SUMMARY_CHARS: usize = 80;
/// The longest display name kept, in characters.
const NAME_CHARS: usize = 80;
/// The longest email address (RFC 5321's limit on a path).
const EMAIL_BYTES: usize = 254;
/// The longest quote of a line in a message, in characters.
const QUOTE_CHARS: usize = 40;

/// The fields the reader reads, in lower case.
const READ_FIELDS: &[&str] = &[
    "from",
    "to",
    "cc",
    "bcc",
    "date",
    "subject",
    "list-id",
    "list-unsubscribe",
    "precedence",
    "auto-submitted",
    "x-spam-flag",
    "x-gmail-labels",
];

/// Sender addresses nobody answers: a local part (in lower case, before any `+tag`, without
/// `-`, `_` and `.`) that starts with one of these (`noreply@`, `no-reply-billing@`,
/// `do_not_reply@`)…
pub(super) const NO_REPLY_PREFIXES: &[&str] = &["noreply", "donotreply", "dontreply"];
/// …or that is one of these (`mailer-daemon@`, `postmaster@`, `notifications@`).
pub(super) const NO_REPLY_NAMES: &[&str] = &["mailerdaemon", "postmaster", "notifications", "notification", "notify"];

const DRAFTS: &str = "drafts";
const SPAM: &str = "spam";
const MAILING_LIST: &str = "mailing-list mail";
const BULK: &str = "bulk mail";
const AUTOMATIC: &str = "automatic mail";
const NO_REPLY: &str = "no-reply mail";

/// The mail of the mailbox `reader` streams, one record per message, in file order. An
/// empty file is an empty mailbox. Fails when the first line that is not blank is not a
/// `From ` line: the file is no mailbox.
pub fn read<R: BufRead>(reader: R) -> Result<impl Iterator<Item = Record>, ReadError> {
    messages(reader)
}

fn messages<R: BufRead>(reader: R) -> Result<Messages<R>, ReadError> {
    let mut lines = Lines { reader, number: 0 };
    let mut first = Vec::new();
    let first_start = loop {
        first.clear();
        match lines.read(&mut first, BODY_LINE_BYTES) {
            Ok(Some(_)) => {}
            Ok(None) => break None,
            Err(error) => return Err(ReadError::new(format!("cannot read it: {error}"))),
        }
        let text = if lines.number == 1 { first.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&first) } else { &first };
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if !is_separator(text) {
            return Err(not_a_mailbox(lines.number, text));
        }
        break Some(Separator { line: lines.number, text: text.to_vec() });
    };
    Ok(Messages {
        lines,
        parser: header_parser(),
        header: HeaderBlock::default(),
        body_line: Vec::with_capacity(BODY_LINE_BYTES),
        finished: first_start.is_none(),
        next_start: first_start,
    })
}

/// Why a file whose first line that is not blank is `line` (line `number`) is no mailbox,
/// and what to do about it.
fn not_a_mailbox(number: usize, line: &[u8]) -> ReadError {
    let message = if line.starts_with(&[0x1F, 0x8B]) {
        "it is compressed (gzip): unpack it first, e.g. with `gunzip`".to_string()
    } else if line.starts_with(b"PK\x03\x04") {
        "it is a zip archive: unzip it and import the `.mbox` file inside (Google Takeout puts one in `Takeout/Mail/`)"
            .to_string()
    } else if line.contains(&0) {
        format!("line {number} is binary data, not the `From ` line that starts every message of a mailbox")
    } else if let Some((what, source)) = other_format(line) {
        format!("line {number} (`{}`) starts {what}, not a mailbox: import it with `kith import {source}`", quote(line))
    } else if looks_like_field(line) {
        format!(
            "line {number} is a header field (`{}`) where a mailbox has the `From ` line that starts each message: a single message (.eml)? Put a line `From -` above it",
            quote(line)
        )
    } else {
        format!(
            "line {number} (`{}`) is not the `From ` line that starts every message of a mailbox: export the mail as mbox (Thunderbird's ImportExportTools NG, Google Takeout)",
            quote(line)
        )
    };
    ReadError::new(message)
}

/// What kind of file a first line `line` starts, when kith imports it otherwise: its
/// description and the source to import it as.
fn other_format(line: &[u8]) -> Option<(&'static str, &'static str)> {
    let line = String::from_utf8_lossy(line);
    let line = line.trim_end();
    if line.eq_ignore_ascii_case("BEGIN:VCARD") {
        Some(("a vCard file", "vcard"))
    } else if line.eq_ignore_ascii_case("BEGIN:VCALENDAR") {
        Some(("a calendar (iCalendar)", "ics"))
    } else {
        None
    }
}

/// The parser of header blocks: the fields the reader uses, the others skipped unread.
fn header_parser() -> MessageParser {
    let other = |name: &'static str| HeaderName::Other(Cow::Borrowed(name));
    MessageParser::new()
        .header_address(HeaderName::From)
        .header_address(HeaderName::To)
        .header_address(HeaderName::Cc)
        .header_address(HeaderName::Bcc)
        .header_date(HeaderName::Date)
        .header_text(HeaderName::Subject)
        .header_raw(HeaderName::ListId)
        .header_raw(HeaderName::ListUnsubscribe)
        .header_raw(HeaderName::AutoSubmitted)
        .header_raw(other("Precedence"))
        .header_raw(other("X-Spam-Flag"))
        .header_raw(other("X-Gmail-Labels"))
        .default_header_ignore()
}

/// The lines of a mailbox, read one at a time, each kept only up to a limit.
struct Lines<R> {
    reader: R,
    /// How many lines have been read: the 1-based number of the last one.
    number: usize,
}

/// What reading one line gave.
struct Line {
    /// All of it was kept (the limit did not cut it).
    whole: bool,
}

impl<R: BufRead> Lines<R> {
    /// Reads the next line and appends at most `limit` (at least 1) of its bytes, its break
    /// included, to `kept`; the rest of a longer line is read past. `None` at the end.
    fn read(&mut self, kept: &mut Vec<u8>, limit: usize) -> io::Result<Option<Line>> {
        let limit = limit.max(1);
        let read = (&mut self.reader).take(limit as u64).read_until(b'\n', kept)?;
        if read == 0 {
            return Ok(None);
        }
        self.number += 1;
        let cut = read == limit && kept.last() != Some(&b'\n');
        let rest = if cut { self.reader.skip_until(b'\n')? } else { 0 };
        Ok(Some(Line { whole: rest == 0 }))
    }
}

/// The `From ` line that starts a message.
struct Separator {
    /// Its 1-based line number.
    line: usize,
    /// Its text, at most [`BODY_LINE_BYTES`] of it.
    text: Vec<u8>,
}

/// The header block of the message being read: its field lines, at most
/// [`MAX_HEADER_BYTES`] of them, and the first field the reader reads that was dropped
/// for want of room.
#[derive(Default)]
struct HeaderBlock {
    bytes: Vec<u8>,
    /// Where the field being read starts in `bytes`.
    field_start: usize,
    /// The field being read did not fit: its continuation lines are dropped too.
    dropping: bool,
    too_long: Option<String>,
}

impl HeaderBlock {
    fn clear(&mut self) {
        self.bytes.clear();
        self.field_start = 0;
        self.dropping = false;
        self.too_long = None;
    }

    /// How many bytes of the next line to keep.
    fn room(&self) -> usize {
        MAX_HEADER_BYTES.saturating_sub(self.bytes.len()).max(LINE_START_BYTES)
    }

    /// Takes in the field line just appended at `start` (`whole`: not cut to the room): a
    /// field that does not fit is dropped, continuation lines and all.
    fn take_line(&mut self, start: usize, whole: bool) {
        let continues = matches!(self.bytes.get(start), Some(&(b' ' | b'\t')));
        if !continues {
            self.field_start = start;
            self.dropping = false;
        }
        if self.dropping {
            self.bytes.truncate(start);
            return;
        }
        if !whole || self.bytes.len() > MAX_HEADER_BYTES {
            let name = field_name(self.bytes.get(self.field_start..).unwrap_or_default());
            if self.too_long.is_none() && READ_FIELDS.iter().any(|read| name.eq_ignore_ascii_case(read)) {
                self.too_long = Some(name);
            }
            self.bytes.truncate(self.field_start);
            self.dropping = true;
        }
    }
}

/// The name of the field that starts `line`, as written.
fn field_name(line: &[u8]) -> String {
    let name = line.split(|&byte| byte == b':').next().unwrap_or_default();
    String::from_utf8_lossy(name).trim().chars().take(QUOTE_CHARS).collect()
}

/// The messages of a mailbox, read one by one.
struct Messages<R> {
    lines: Lines<R>,
    parser: MessageParser,
    header: HeaderBlock,
    /// The line of a body being read past, as much of it as is kept.
    body_line: Vec<u8>,
    /// The `From ` line of the next message, when it has been read already.
    next_start: Option<Separator>,
    finished: bool,
}

impl<R: BufRead> Iterator for Messages<R> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        if self.finished {
            return None;
        }
        match self.read_message() {
            Ok(Some(record)) => Some(record),
            Ok(None) => {
                self.finished = true;
                None
            }
            Err(error) => {
                self.finished = true;
                let message = format!("cannot read the rest of the mailbox: {error}");
                Some(Err(Malformed::new(self.lines.number.max(1), message)))
            }
        }
    }
}

impl<R: BufRead> Messages<R> {
    fn read_message(&mut self) -> io::Result<Option<Record>> {
        let separator = match self.next_start.take() {
            Some(separator) => {
                self.header.clear();
                separator
            }
            None => match self.skip_body()? {
                Some(separator) => separator,
                None => return Ok(None),
            },
        };
        self.read_header_block()?;
        Ok(Some(self.record(&separator)))
    }

    /// Reads past the body of the message just read, up to the `From ` line of the next
    /// one; the first field line of that message is then in the header block.
    fn skip_body(&mut self) -> io::Result<Option<Separator>> {
        let mut after_empty_line = true;
        loop {
            self.body_line.clear();
            if self.lines.read(&mut self.body_line, BODY_LINE_BYTES)?.is_none() {
                return Ok(None);
            }
            if after_empty_line && is_separator(&self.body_line) {
                let line = self.lines.number;
                self.header.clear();
                let room = self.header.room();
                let Some(next) = self.lines.read(&mut self.header.bytes, room)? else {
                    return Ok(None);
                };
                if looks_like_field(&self.header.bytes) {
                    self.header.take_line(0, next.whole);
                    return Ok(Some(Separator { line, text: std::mem::take(&mut self.body_line) }));
                }
                after_empty_line = is_empty_line(&self.header.bytes);
                self.header.clear();
                continue;
            }
            after_empty_line = is_empty_line(&self.body_line);
        }
    }

    /// Reads field lines into the header block up to the empty line that ends it, the
    /// `From ` line of a next message that has no body, or the end of the file.
    fn read_header_block(&mut self) -> io::Result<()> {
        loop {
            let start = self.header.bytes.len();
            let room = self.header.room();
            let Some(line) = self.lines.read(&mut self.header.bytes, room)? else {
                return Ok(());
            };
            let text = self.header.bytes.get(start..).unwrap_or_default();
            if is_empty_line(text) {
                self.header.bytes.truncate(start);
                return Ok(());
            }
            if is_separator(text) {
                let kept = &text[..text.len().min(BODY_LINE_BYTES)];
                self.next_start = Some(Separator { line: self.lines.number, text: kept.to_vec() });
                self.header.bytes.truncate(start);
                return Ok(());
            }
            self.header.take_line(start, line.whole);
        }
    }

    /// The record of the message whose header block was just read.
    fn record(&mut self, separator: &Separator) -> Record {
        let line = separator.line;
        if let Some(name) = &self.header.too_long {
            let message = format!("its `{name}:` field is longer than {} KiB", MAX_HEADER_BYTES / 1024);
            return Err(Malformed::new(line, message));
        }
        if !self.header.bytes.ends_with(b"\n") {
            self.header.bytes.push(b'\n');
        }
        let Some(message) = self.parser.parse_headers(&self.header.bytes) else {
            return Err(Malformed::new(line, "no header fields after its `From ` line"));
        };
        let fields = Fields::of(message.headers());
        let from = fields.senders.iter().flat_map(|address| address.iter()).find_map(party);
        if let Some(reason) = fields.left_out(from.as_ref()) {
            return Ok(Item::Skipped(Skip { line, reason }));
        }
        let mut seen: HashSet<String> =
            from.iter().filter_map(|party| party.email.as_deref()).map(str::to_lowercase).collect();
        let to: Vec<Party> = fields
            .recipients
            .iter()
            .flat_map(|address| address.iter())
            .filter_map(party)
            .filter(|party| party.email.as_deref().is_some_and(|email| seen.insert(email.to_lowercase())))
            .collect();
        if from.is_none() && to.is_empty() {
            return Err(Malformed::new(line, "no address kith can read in its `From:`, `To:`, `Cc:` or `Bcc:` fields"));
        }
        let date = match fields.date {
            Some(header) => match date_written(&header.value) {
                Some(date) => date,
                None => {
                    let range = header.offset_start as usize..header.offset_end as usize;
                    let written = quote(self.header.bytes.get(range).unwrap_or_default());
                    let message = if written.is_empty() {
                        "its `Date:` field is empty".to_string()
                    } else {
                        format!("its `Date:` field `{written}` is not a date")
                    };
                    return Err(Malformed::new(line, message));
                }
            },
            None => match separator_date(&separator.text) {
                Some(date) => date,
                None => return Err(Malformed::new(line, "no `Date:` field, and no date on its `From ` line")),
            },
        };
        let summary = shorten(&one_line(fields.subject.unwrap_or_default()), SUMMARY_CHARS);
        Ok(Item::Exchange(Exchange { line, date, kind: "email", summary, from, to }))
    }
}

/// What the reader takes from the header fields of a message.
#[derive(Default)]
struct Fields<'m, 'x> {
    /// The first `Date:` field.
    date: Option<&'m Header<'x>>,
    /// The first `Subject:`.
    subject: Option<&'m str>,
    senders: Vec<&'m Address<'x>>,
    /// `To:`, `Cc:` and `Bcc:`, in the order written.
    recipients: Vec<&'m Address<'x>>,
    list_id: bool,
    list_unsubscribe: bool,
    precedence: Option<&'m str>,
    auto_submitted: Option<&'m str>,
    spam_flag: Option<&'m str>,
    gmail_labels: Option<&'m str>,
}

impl<'m, 'x> Fields<'m, 'x> {
    fn of(headers: &'m [Header<'x>]) -> Self {
        let mut fields = Fields::default();
        for header in headers {
            let text = match &header.value {
                HeaderValue::Text(text) => Some(text.as_ref()),
                _ => None,
            };
            match (&header.name, &header.value) {
                (HeaderName::From, HeaderValue::Address(address)) => fields.senders.push(address),
                (HeaderName::To | HeaderName::Cc | HeaderName::Bcc, HeaderValue::Address(address)) => {
                    fields.recipients.push(address);
                }
                (HeaderName::Date, _) => {
                    fields.date.get_or_insert(header);
                }
                (HeaderName::Subject, _) => fields.subject = fields.subject.or(text),
                (HeaderName::ListId, _) => fields.list_id = true,
                (HeaderName::ListUnsubscribe, _) => fields.list_unsubscribe = true,
                (HeaderName::AutoSubmitted, _) => fields.auto_submitted = fields.auto_submitted.or(text),
                (HeaderName::Other(name), _) => {
                    let slot = if name.eq_ignore_ascii_case("Precedence") {
                        &mut fields.precedence
                    } else if name.eq_ignore_ascii_case("X-Spam-Flag") {
                        &mut fields.spam_flag
                    } else if name.eq_ignore_ascii_case("X-Gmail-Labels") {
                        &mut fields.gmail_labels
                    } else {
                        continue;
                    };
                    *slot = slot.or(text);
                }
                _ => {}
            }
        }
        fields
    }

    /// Why the message is left out, if it is: a draft, spam, bulk or automatic mail.
    fn left_out(&self, from: Option<&Party>) -> Option<&'static str> {
        let labelled = |wanted: &[&str]| {
            self.gmail_labels.is_some_and(|labels| {
                gmail_labels(labels).any(|label| wanted.iter().any(|name| label.eq_ignore_ascii_case(name)))
            })
        };
        let first_word = |value: Option<&str>| {
            value.map(|value| {
                value.split([';', ' ', '\t']).find(|word| !word.is_empty()).unwrap_or_default().to_ascii_lowercase()
            })
        };
        let precedence = first_word(self.precedence);
        let auto_submitted = first_word(self.auto_submitted);
        if labelled(&["Draft", "Drafts"]) {
            Some(DRAFTS)
        } else if labelled(&["Spam"]) || first_word(self.spam_flag).as_deref() == Some("yes") {
            Some(SPAM)
        } else if self.list_id || precedence.as_deref() == Some("list") {
            Some(MAILING_LIST)
        } else if self.list_unsubscribe || matches!(precedence.as_deref(), Some("bulk" | "junk")) {
            Some(BULK)
        } else if auto_submitted.is_some_and(|value| !value.is_empty() && value != "no") {
            Some(AUTOMATIC)
        } else if from.and_then(|party| party.email.as_deref()).is_some_and(is_no_reply) {
            Some(NO_REPLY)
        } else {
            None
        }
    }
}

/// The labels of an `X-Gmail-Labels:` field: separated by commas, a label that holds a
/// comma in double quotes (`Inbox,"Spam, old"` is `Inbox` and `Spam, old`).
fn gmail_labels(field: &str) -> impl Iterator<Item = &str> {
    let mut quoted = false;
    field
        .split(move |c: char| {
            if c == '"' {
                quoted = !quoted;
            }
            c == ',' && !quoted
        })
        .map(|label| label.trim().trim_matches('"'))
}

/// A participant for `address`, when kith accepts its email address; its display name on
/// one line, without surrounding quotes, unless it only repeats the address.
fn party(address: &Addr<'_>) -> Option<Party> {
    let email = address.address()?.trim();
    if email.len() > EMAIL_BYTES || check_email(email).is_err() {
        return None;
    }
    let name = address
        .name()
        .map(|name| shorten(one_line(name).trim_matches(['"', '\'', ' ']), NAME_CHARS))
        .filter(|name| !name.is_empty() && !name.eq_ignore_ascii_case(email));
    Some(Party { name, email: Some(email.to_string()), profile: None, declined: false })
}

/// Whether nobody answers `address` ([`NO_REPLY_PREFIXES`], [`NO_REPLY_NAMES`]).
fn is_no_reply(address: &str) -> bool {
    let local = address.rsplit_once('@').map_or(address, |(local, _)| local);
    let untagged = local.split('+').next().unwrap_or(local);
    let squeezed: String =
        untagged.chars().filter(|c| !matches!(c, '-' | '_' | '.')).flat_map(char::to_lowercase).collect();
    NO_REPLY_PREFIXES.iter().any(|prefix| squeezed.starts_with(prefix)) || NO_REPLY_NAMES.contains(&squeezed.as_str())
}

/// The calendar date a `Date:` field writes, in the offset it writes.
fn date_written(value: &HeaderValue<'_>) -> Option<Date> {
    let HeaderValue::DateTime(written) = value else { return None };
    if !written.is_valid() {
        return None;
    }
    let year = i16::try_from(written.year).ok()?;
    Date::new(year, i8::try_from(written.month).ok()?, i8::try_from(written.day).ok()?).ok()
}

/// The date of a `From ` line that has one, written the `asctime` way after the sender:
/// `From ada@example.org Sat Mar 14 10:00:00 2026` (Gmail adds an offset before the year,
/// Thunderbird writes `-` for the sender).
fn separator_date(line: &[u8]) -> Option<Date> {
    let text = String::from_utf8_lossy(line);
    let words: Vec<&str> = text.split_whitespace().skip(2).collect();
    let month_at = words.iter().position(|word| month_number(word).is_some())?;
    let month = month_number(words.get(month_at)?)?;
    let day: i8 = words.get(month_at + 1)?.parse().ok()?;
    let year = words.get(month_at + 2..)?.iter().find_map(|word| {
        let digits = word.len() == 4 && word.bytes().all(|byte| byte.is_ascii_digit());
        digits.then(|| word.parse::<i16>().ok()).flatten()
    })?;
    Date::new(year, month, day).ok()
}

/// The number of an English month's three-letter abbreviation, in any case.
fn month_number(word: &str) -> Option<i8> {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let index = MONTHS.iter().position(|month| month.eq_ignore_ascii_case(word))?;
    i8::try_from(index + 1).ok()
}

/// A `From ` line that is not a `From :` field written with a space.
fn is_separator(line: &[u8]) -> bool {
    line.starts_with(b"From ") && !looks_like_field(line)
}

/// The line starts like a header field: a name of printable ASCII, then a colon (spaces
/// may come before it).
fn looks_like_field(line: &[u8]) -> bool {
    let name_length = line.iter().take_while(|&&byte| byte.is_ascii_graphic() && byte != b':').count();
    let after_name = line.get(name_length..).unwrap_or_default();
    let colon = after_name.iter().find(|&&byte| byte != b' ' && byte != b'\t');
    name_length > 0 && colon == Some(&b':')
}

fn is_empty_line(line: &[u8]) -> bool {
    line == b"\n" || line == b"\r\n"
}

/// `text` on one line: control characters and runs of whitespace become one space.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|word| !word.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` (on one line) cut to at most `most` characters after its last whole word, with "…".
fn shorten(text: &str, most: usize) -> String {
    if text.chars().count() <= most {
        return text.to_string();
    }
    let room: String = text.chars().take(most.saturating_sub(1)).collect();
    let next_is_break = text[room.len()..].starts_with(' ');
    let words = match room.rfind(' ') {
        Some(space) if !next_is_break && space >= room.len() / 2 => &room[..space],
        _ => room.as_str(),
    };
    format!("{}…", words.trim_end_matches([' ', ',', ';', ':', '-']))
}

/// A line of the file as a message quotes it: decoded (lossily), on one line, shortened.
fn quote(bytes: &[u8]) -> String {
    shorten(&one_line(&String::from_utf8_lossy(bytes)), QUOTE_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn records(mailbox: &[u8]) -> Vec<Record> {
        read(mailbox).expect("a mailbox").collect()
    }

    fn person(name: Option<&str>, email: &str) -> Party {
        Party { name: name.map(str::to_string), email: Some(email.to_string()), profile: None, declined: false }
    }

    fn email(line: usize, date: Date, summary: &str, from: Party, to: Vec<Party>) -> Record {
        Ok(Item::Exchange(Exchange { line, date, kind: "email", summary: summary.to_string(), from: Some(from), to }))
    }

    fn skipped(line: usize, reason: &'static str) -> Record {
        Ok(Item::Skipped(Skip { line, reason }))
    }

    fn malformed(line: usize, message: &str) -> Record {
        Err(Malformed::new(line, message))
    }

    fn read_error(mailbox: &[u8]) -> String {
        match read(mailbox) {
            Ok(_) => panic!("read as a mailbox: {:?}", String::from_utf8_lossy(mailbox)),
            Err(error) => error.message,
        }
    }

    const THUNDERBIRD: &str = "\
From - Sat Mar 14 10:02:11 2026
X-Mozilla-Status: 0001
X-Mozilla-Status2: 00000000
X-Mozilla-Keys:                                                                                 
Return-Path: <ada@example.org>
Received: from mail.example.org (mail.example.org [192.0.2.10])
\tby mx.example.net with ESMTPS id 4Fq2; Sat, 14 Mar 2026 10:02:10 +0100
Message-ID: <5e1c2f@example.org>
Date: Sat, 14 Mar 2026 10:02:09 +0100
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Content-Language: en-GB
To: Mara Quinn <mara@example.net>
From: Ada Lovelace <ada@example.org>
Subject: Re: the draft
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: 8bit

Mara,

Notes inline. The second section reads well.

> On 13/03/2026 18:40, Mara Quinn wrote:
>> Here is the draft.

From - Mon Mar 16 08:15:40 2026
X-Mozilla-Status: 0003
X-Mozilla-Status2: 00000000
Date: Mon, 16 Mar 2026 08:15:38 +0000
From: Mara Quinn <mara@example.net>
To: \"Lovelace, Ada\" <ada@example.org>
Subject: Thanks
Content-Type: text/plain; charset=UTF-8

Thank you!
";

    #[test]
    fn a_thunderbird_folder_gives_one_email_per_message_from_its_headers() {
        assert_eq!(
            records(THUNDERBIRD.as_bytes()),
            [
                email(
                    1,
                    date(2026, 3, 14),
                    "Re: the draft",
                    person(Some("Ada Lovelace"), "ada@example.org"),
                    vec![person(Some("Mara Quinn"), "mara@example.net")],
                ),
                email(
                    26,
                    date(2026, 3, 16),
                    "Thanks",
                    person(Some("Mara Quinn"), "mara@example.net"),
                    vec![person(Some("Lovelace, Ada"), "ada@example.org")],
                ),
            ]
        );
    }

    #[test]
    fn a_gmail_takeout_mailbox_with_thread_ids_labels_and_encoded_subjects() {
        let takeout = "\
From 1791234567890123456@xxx Sat Mar 14 09:00:01 +0000 2026
X-GM-THRID: 1791234567890123456
X-Gmail-Labels: Inbox,Important,Opened,Category Personal
Delivered-To: mara@example.net
Received: by 2002:a05:6a10:1234 with SMTP id abc;
        Sat, 14 Mar 2026 01:00:01 -0800 (PST)
MIME-Version: 1.0
From: =?UTF-8?B?Wm/DqyBOw7rDsWV6?= <zoe@example.com>
Date: Sat, 14 Mar 2026 01:00:00 -0800
Message-ID: <CAF=abc@mail.gmail.com>
Subject: =?UTF-8?B?Q2Fmw6kgbmV4dCB3ZWVrPyDimJU=?=
To: Mara Quinn <mara@example.net>
Content-Type: multipart/alternative; boundary=\"000000000000a1b2c3\"

--000000000000a1b2c3
Content-Type: text/plain; charset=\"UTF-8\"

Shall we?

--000000000000a1b2c3--

From 1791234567890123457@xxx Sun Mar 15 18:30:00 +0000 2026
X-GM-THRID: 1791234567890123456
X-Gmail-Labels: Sent
From: Mara Quinn <mara@example.net>
To: =?ISO-8859-1?Q?Zo=EB_N=FA=F1ez?= <zoe@example.com>
Subject: =?ISO-8859-1?Q?Re:_Caf=E9_next_week=3F?=
Date: Sun, 15 Mar 2026 19:30:00 +0100

Yes!
";
        assert_eq!(
            records(takeout.as_bytes()),
            [
                email(
                    1,
                    date(2026, 3, 14),
                    "Café next week? ☕",
                    person(Some("Zoë Núñez"), "zoe@example.com"),
                    vec![person(Some("Mara Quinn"), "mara@example.net")],
                ),
                email(
                    22,
                    date(2026, 3, 15),
                    "Re: Café next week?",
                    person(Some("Mara Quinn"), "mara@example.net"),
                    vec![person(Some("Zoë Núñez"), "zoe@example.com")],
                ),
            ]
        );
    }

    #[test]
    fn dates_are_the_senders_own_days_and_from_lines_stand_in_for_a_missing_date() {
        let mailbox = "\
From ada@example.org Sun Mar 15 07:30:00 2026
From: ada@example.org
To: mara@example.net
Date: Sat, 14 Mar 2026 23:30:00 -0800

Late, in California: still the 14th.

From mara@example.net
From: mara@example.net
To: ada@example.org
Date: Mon, 16 Mar 2026 00:15:00 +0900

Early, in Tokyo.

From ada@example.org Tue Mar 17 09:00:00 2026
From: ada@example.org
To: mara@example.net

No Date: field; the From line has one.

From -
From: ada@example.org
To: mara@example.net

No date anywhere.

From - Wed Mar 18 10:00:00 2026
From: ada@example.org
To: mara@example.net
Date: 20 Mar 26 10:00 +0000

A two-digit year.
";
        let ada = || person(None, "ada@example.org");
        let mara = || person(None, "mara@example.net");
        assert_eq!(
            records(mailbox.as_bytes()),
            [
                email(1, date(2026, 3, 14), "", ada(), vec![mara()]),
                email(8, date(2026, 3, 16), "", mara(), vec![ada()]),
                email(15, date(2026, 3, 17), "", ada(), vec![mara()]),
                malformed(21, "no `Date:` field, and no date on its `From ` line"),
                email(27, date(2026, 3, 20), "", ada(), vec![mara()]),
            ]
        );
    }

    #[test]
    fn quoted_and_unquoted_from_lines_in_a_body_do_not_start_a_message() {
        let mailbox = "\
From ada@example.org Sat Mar 14 10:00:00 2026
From: ada@example.org
To: mara@example.net
Date: Sat, 14 Mar 2026 10:00:00 +0000
Subject: Quoting

The old mbox way:

>From the start, this line was quoted.

From here on, a writer that does not quote.
Nothing after this looks like a header field.

>>From twice quoted (mboxrd).
From the middle of a paragraph, never a separator.

From mara@example.net Sun Mar 15 10:00:00 2026
From: mara@example.net
To: ada@example.org
Date: Sun, 15 Mar 2026 10:00:00 +0000
Subject: Re: Quoting

Got it.
";
        assert_eq!(
            records(mailbox.as_bytes()),
            [
                email(
                    1,
                    date(2026, 3, 14),
                    "Quoting",
                    person(None, "ada@example.org"),
                    vec![person(None, "mara@example.net")]
                ),
                email(
                    17,
                    date(2026, 3, 15),
                    "Re: Quoting",
                    person(None, "mara@example.net"),
                    vec![person(None, "ada@example.org")]
                ),
            ]
        );
    }

    #[test]
    fn to_cc_and_bcc_are_recipients_once_each_without_the_sender_and_groups_are_opened() {
        let mailbox = "\
From mara@example.net Fri Mar 20 16:00:00 2026
Date: Fri, 20 Mar 2026 16:00:00 +0000
From: Mara Quinn <mara@example.net>
To: Ada Lovelace <ada@example.org>, \"Grace Hopper\" <Grace.Hopper@example.com>,
 mara@example.net
Cc: Team: alan@example.org, ADA@example.org;, undisclosed-recipients:;
Cc: 'Tomás Ruiz' <tomas@example.es>, not an address, bob@localhost
Bcc: rosa@fernwood.example
Subject: Board offer: next steps

Hello all.
";
        assert_eq!(
            records(mailbox.as_bytes()),
            [email(
                1,
                date(2026, 3, 20),
                "Board offer: next steps",
                person(Some("Mara Quinn"), "mara@example.net"),
                vec![
                    person(Some("Ada Lovelace"), "ada@example.org"),
                    person(Some("Grace Hopper"), "Grace.Hopper@example.com"),
                    person(None, "alan@example.org"),
                    person(Some("Tomás Ruiz"), "tomas@example.es"),
                    person(None, "rosa@fernwood.example"),
                ],
            )]
        );
    }

    #[test]
    fn lists_bulk_automatic_no_reply_spam_and_drafts_are_left_out_with_their_reasons() {
        let message = |extra: &str, from: &str| {
            format!(
                "From - Sat Mar 14 10:00:00 2026\nFrom: {from}\nTo: mara@example.net\n{extra}Date: Sat, 14 Mar 2026 10:00:00 +0000\nSubject: x\n\nbody\n\n"
            )
        };
        let mailbox = [
            message("List-Id: Rust users <rust-users.lists.example.org>\n", "ada@example.org"),
            message("Precedence: list\n", "ada@example.org"),
            message("List-Unsubscribe: <mailto:leave@news.example>\n", "news@news.example"),
            message("Precedence: Bulk\n", "ada@example.org"),
            message("Precedence: junk\n", "ada@example.org"),
            message("Auto-Submitted: auto-replied\n", "ada@example.org"),
            message("Auto-Submitted: no\n", "ada@example.org"),
            message("", "GitHub <noreply@github.com>"),
            message("", "no-reply-billing@cloud.example"),
            message("", "Do_Not_Reply@bank.example"),
            message("", "MAILER-DAEMON@mx.example.net"),
            message("", "notifications+abc@tracker.example"),
            message("X-Gmail-Labels: Spam,Unread\n", "ada@example.org"),
            message("X-Spam-Flag: YES\n", "ada@example.org"),
            message("X-Gmail-Labels: Draft\n", "mara@example.net"),
            message("X-Gmail-Labels: Inbox,\"Spam, old\"\n", "noreplies-please@example.org"),
        ]
        .concat();
        let kept = |line| {
            email(line, date(2026, 3, 14), "x", person(None, "ada@example.org"), vec![person(None, "mara@example.net")])
        };
        assert_eq!(
            records(mailbox.as_bytes()),
            [
                skipped(1, MAILING_LIST),
                skipped(10, MAILING_LIST),
                skipped(19, BULK),
                skipped(28, BULK),
                skipped(37, BULK),
                skipped(46, AUTOMATIC),
                kept(55),
                skipped(64, NO_REPLY),
                skipped(72, NO_REPLY),
                skipped(80, NO_REPLY),
                skipped(88, NO_REPLY),
                skipped(96, NO_REPLY),
                skipped(104, SPAM),
                skipped(113, SPAM),
                skipped(122, DRAFTS),
                email(
                    131,
                    date(2026, 3, 14),
                    "x",
                    person(None, "noreplies-please@example.org"),
                    vec![person(None, "mara@example.net")]
                ),
            ],
            "`\"Spam, old\"` is one label, not Spam; and `noreplies` is not `noreply`"
        );
        assert!(
            is_no_reply("no.reply@example.org")
                && !is_no_reply("ada.noreply@example.org")
                && !is_no_reply("notice@example.org")
        );
    }

    #[test]
    fn a_bad_date_or_no_address_is_malformed_at_its_from_line_and_the_rest_is_read() {
        let mailbox = "\
From ada@example.org Sat Mar 14 10:00:00 2026
From: ada@example.org
To: mara@example.net
Date: sometime next week
Subject: Bad date

body

From ada@example.org Sat Mar 14 10:00:00 2026
From: ada@example.org
To: mara@example.net
Date: Mon, 30 Feb 2026 10:00:00 +0000

From ada@example.org Sat Mar 14 10:00:00 2026
Date:
From: Ada Lovelace
To: undisclosed-recipients:;

From ada@example.org Sat Mar 14 10:00:00 2026
Subject: neither From nor To
Date: Sat, 14 Mar 2026 10:00:00 +0000

From mara@example.net Sun Mar 15 10:00:00 2026
From: mara@example.net
Date: Sun, 15 Mar 2026 10:00:00 +0000
Subject: a sender and no recipients (Bcc)
";
        assert_eq!(
            records(mailbox.as_bytes()),
            [
                malformed(1, "its `Date:` field `sometime next week` is not a date"),
                malformed(9, "its `Date:` field `Mon, 30 Feb 2026 10:00:00 +0000` is not a date"),
                malformed(14, "no address kith can read in its `From:`, `To:`, `Cc:` or `Bcc:` fields"),
                malformed(19, "no address kith can read in its `From:`, `To:`, `Cc:` or `Bcc:` fields"),
                Ok(Item::Exchange(Exchange {
                    line: 23,
                    date: date(2026, 3, 15),
                    kind: "email",
                    summary: "a sender and no recipients (Bcc)".to_string(),
                    from: Some(person(None, "mara@example.net")),
                    to: vec![],
                })),
            ]
        );
    }

    #[test]
    fn crlf_line_breaks_a_missing_final_newline_and_latin1_headers_are_read() {
        let mut mailbox = b"From ada@example.org Sat Mar 14 10:00:00 2026\r\nFrom: Ren\xe9e Dupont <renee@example.fr>\r\nTo: mara@example.net\r\nSubject: Caf\xe9\r\n cr\xe8me\r\nDate: Sat, 14 Mar 2026 10:00:00 +0100\r\n\r\nBonjour\r\n\r\n".to_vec();
        mailbox.extend_from_slice(b"From mara@example.net Sun Mar 15 10:00:00 2026\r\nFrom: mara@example.net\r\nDate: Sun, 15 Mar 2026 10:00:00 +0000\r\nTo: renee@example.fr\r\nSubject: no final newline");
        assert_eq!(
            records(&mailbox),
            [
                email(
                    1,
                    date(2026, 3, 14),
                    "Caf\u{fffd} cr\u{fffd}me",
                    person(Some("Ren\u{fffd}e Dupont"), "renee@example.fr"),
                    vec![person(None, "mara@example.net")],
                ),
                email(
                    10,
                    date(2026, 3, 15),
                    "no final newline",
                    person(None, "mara@example.net"),
                    vec![person(None, "renee@example.fr")],
                ),
            ]
        );
    }

    #[test]
    fn garbage_between_messages_is_read_past_as_body() {
        let mut mailbox = b"\n\n\xef\xbb\xbfFrom ada@example.org Sat Mar 14 10:00:00 2026\n".to_vec();
        mailbox.truncate(2);
        mailbox.extend_from_slice(b"From ada@example.org Sat Mar 14 10:00:00 2026\nFrom: ada@example.org\nTo: mara@example.net\nDate: Sat, 14 Mar 2026 10:00:00 +0000\n\n");
        mailbox.extend_from_slice(
            b"\x00\x01\xff\xfe garbage \x1b[31m\n\n\xff\xff\xff\nFrom \n\nFrom nobody\n\x00\n\nFrom\n",
        );
        mailbox.extend_from_slice(b"\nFrom mara@example.net Sun Mar 15 10:00:00 2026\nFrom: mara@example.net\nTo: ada@example.org\nDate: Sun, 15 Mar 2026 10:00:00 +0000\n");
        assert_eq!(
            records(&mailbox),
            [
                email(
                    3,
                    date(2026, 3, 14),
                    "",
                    person(None, "ada@example.org"),
                    vec![person(None, "mara@example.net")]
                ),
                email(
                    18,
                    date(2026, 3, 15),
                    "",
                    person(None, "mara@example.net"),
                    vec![person(None, "ada@example.org")]
                ),
            ]
        );
    }

    #[test]
    fn a_byte_order_mark_and_blank_lines_may_come_first_and_an_empty_file_is_an_empty_mailbox() {
        let mailbox = "\u{feff}\n  \nFrom - Sat Mar 14 10:00:00 2026\nFrom: ada@example.org\nTo: mara@example.net\n";
        assert_eq!(
            records(mailbox.as_bytes()),
            [email(3, date(2026, 3, 14), "", person(None, "ada@example.org"), vec![person(None, "mara@example.net")])]
        );
        let bom_first = "\u{feff}From - Sat Mar 14 10:00:00 2026\nFrom: ada@example.org\nTo: mara@example.net\n";
        assert_eq!(records(bom_first.as_bytes()).len(), 1);
        assert_eq!(records(b""), []);
        assert_eq!(records(b"\n\r\n  \n"), []);
    }

    #[test]
    fn a_file_that_is_no_mailbox_is_a_read_error_naming_the_problem_and_the_fix() {
        assert_eq!(
            read_error(b"BEGIN:VCARD\nVERSION:4.0\nEND:VCARD\n"),
            "line 1 (`BEGIN:VCARD`) starts a vCard file, not a mailbox: import it with `kith import vcard`"
        );
        assert_eq!(
            read_error(b"\r\nBEGIN:VCALENDAR\r\n"),
            "line 2 (`BEGIN:VCALENDAR`) starts a calendar (iCalendar), not a mailbox: import it with `kith import ics`"
        );
        assert_eq!(
            read_error(b"Dear Ada, it was good to see you.\n"),
            "line 1 (`Dear Ada, it was good to see you.`) is not the `From ` line that starts every message of a mailbox: export the mail as mbox (Thunderbird's ImportExportTools NG, Google Takeout)"
        );
        assert_eq!(
            read_error(b"\r\nFrom: Ada Lovelace <ada@example.org>\r\nTo: mara@example.net\r\n"),
            "line 2 is a header field (`From: Ada Lovelace <ada@example.org>`) where a mailbox has the `From ` line that starts each message: a single message (.eml)? Put a line `From -` above it"
        );
        assert_eq!(
            read_error(b"\x1f\x8b\x08\x00\x00\x00"),
            "it is compressed (gzip): unpack it first, e.g. with `gunzip`"
        );
        assert_eq!(
            read_error(b"PK\x03\x04\x14\x00"),
            "it is a zip archive: unzip it and import the `.mbox` file inside (Google Takeout puts one in `Takeout/Mail/`)"
        );
        assert_eq!(
            read_error(b"\x00\x00\x01\x00 icon"),
            "line 1 is binary data, not the `From ` line that starts every message of a mailbox"
        );
        assert_eq!(
            read_error("Subject: a very long first line that goes on and on and on\n".as_bytes()),
            "line 1 is a header field (`Subject: a very long first line that…`) where a mailbox has the `From ` line that starts each message: a single message (.eml)? Put a line `From -` above it"
        );
    }

    #[test]
    fn long_subjects_are_cut_at_a_word_and_control_characters_dropped() {
        let subject =
            "Fwd: Re: Notes from the offsite\t— pillars, roles\x07 and the plan for the next two quarters of the year";
        let mailbox = format!("From - Sat Mar 14 10:00:00 2026\nFrom: ada@example.org\nTo: mara@example.net\nSubject: {subject}\nDate: Sat, 14 Mar 2026 10:00:00 +0000\n");
        let summary = match records(mailbox.as_bytes()).as_slice() {
            [Ok(Item::Exchange(exchange))] => exchange.summary.clone(),
            other => panic!("{other:?}"),
        };
        assert_eq!(summary, "Fwd: Re: Notes from the offsite — pillars, roles and the plan for the next two…");
        assert!(summary.chars().count() <= SUMMARY_CHARS);
        assert_eq!(shorten(&"x".repeat(100), 10), "xxxxxxxxx…");
    }

    /// A header block that holds a five-megabyte line, a body of one 20 MB line and a
    /// multipart message nested 10,000 levels deep: every message is read, at most
    /// [`MAX_HEADER_BYTES`] is ever held, and nothing recurses.
    #[test]
    fn huge_lines_and_deep_nesting_are_read_in_bounded_memory() {
        let head = |from_line: &str, extra: &str| {
            format!("{from_line}\nFrom: ada@example.org\nTo: mara@example.net\n{extra}Date: Sat, 14 Mar 2026 10:00:00 +0000\nSubject: s\n\n")
        };
        let mut nested = head("From - Sat Mar 14 10:00:00 2026", "Content-Type: multipart/mixed; boundary=\"b0\"\n");
        for depth in 1..=10_000 {
            nested.push_str(&format!("--b{}\nContent-Type: multipart/mixed; boundary=\"b{depth}\"\n\n", depth - 1));
        }
        nested.push_str("innermost\n\n");
        let junk = format!("X-Junk: {}\n", "j".repeat(5 * 1024 * 1024));
        let huge_field = head("From - Sat Mar 14 10:00:00 2026", &junk);
        let long_to = format!("To: {}\n", "someone@example.org, ".repeat(250_000));
        let huge_to = head("From - Sat Mar 14 10:00:00 2026", &long_to);
        let body_start = head("From - Sat Mar 14 10:00:00 2026", "");
        let last = head("From - Sun Mar 15 10:00:00 2026", "");
        let mailbox = io::Cursor::new(format!("{nested}{huge_field}\n{huge_to}\n{body_start}"))
            .chain(io::repeat(b'z').take(20 * 1024 * 1024))
            .chain(io::Cursor::new(format!("\n\n{last}")));
        let mut messages = messages(io::BufReader::new(mailbox)).expect("a mailbox");
        let mut lines = Vec::new();
        let mut most_held = 0;
        while let Some(record) = messages.next() {
            most_held = most_held.max(messages.header.bytes.capacity()).max(messages.body_line.capacity());
            lines.push(match record {
                Ok(Item::Exchange(exchange)) => (exchange.line, "email".to_string()),
                Ok(Item::Skipped(skip)) => (skip.line, skip.reason.to_string()),
                Ok(Item::Contact(contact)) => panic!("a mailbox gives mail, not {contact:?}"),
                Err(malformed) => (malformed.line, malformed.message),
            });
        }
        let after_nested = 7 + 3 * 10_000 + 2;
        assert_eq!(
            lines,
            [
                (1, "email".to_string()),
                (after_nested + 1, "email".to_string()),
                (after_nested + 9, "its `To:` field is longer than 256 KiB".to_string()),
                (after_nested + 17, "email".to_string()),
                (after_nested + 25, "email".to_string()),
            ]
        );
        assert!(most_held <= 2 * (MAX_HEADER_BYTES + LINE_START_BYTES), "{most_held} bytes held");
    }

    /// Reads `text`, then fails.
    struct FailingAfter(io::Cursor<Vec<u8>>);

    impl Read for FailingAfter {
        fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
            match self.0.read(buffer)? {
                0 => Err(io::Error::other("the disk went away")),
                read => Ok(read),
            }
        }
    }

    #[test]
    fn a_read_error_midway_is_reported_once_and_ends_the_mailbox() {
        let text = b"From - Sat Mar 14 10:00:00 2026\nFrom: ada@example.org\nTo: mara@example.net\n\nbody\n".to_vec();
        let reader = io::BufReader::new(FailingAfter(io::Cursor::new(text)));
        let records: Vec<Record> = read(reader).expect("a mailbox").collect();
        assert_eq!(
            records,
            [
                email(
                    1,
                    date(2026, 3, 14),
                    "",
                    person(None, "ada@example.org"),
                    vec![person(None, "mara@example.net")]
                ),
                malformed(5, "cannot read the rest of the mailbox: the disk went away"),
            ]
        );
    }
}
