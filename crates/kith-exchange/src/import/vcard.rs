//! vCard files (2.1, 3.0, 4.0), read with the `calcard` crate, which unfolds lines,
//! unescapes `\,` `\;` `\n`, decodes QUOTED-PRINTABLE (soft line breaks included) and its
//! CHARSETs, and reads Apple's `item1.EMAIL` groups. This module splits the file into cards
//! itself, so that each card has a line number, a card cut off before its `END:VCARD` is
//! reported instead of being read into the next one, and the card of a 2.1 `AGENT` nested
//! inside another stays a note of its owner. Before calcard reads a card, what real exports
//! write differently from the standard is mended: a group on `BEGIN` (`home.begin:vcard`),
//! 2.1's bare `QUOTED-PRINTABLE` parameter and UTF-8 text without a `CHARSET`, and 2.1's
//! backslashes, which are no escapes there (`C:\new`). Birthdays are read from the text as
//! written, so that one kith cannot read is kept as it was.

use super::contact::parse_birthday;
use super::{Contact, ContactRecord, Malformed, ReadError};
use calcard::vcard::{VCard, VCardEntry, VCardProperty, VCardValue};
use calcard::{Entry, Parser};

const BEGIN: &str = "BEGIN:VCARD";
const END: &str = "END:VCARD";

pub(super) fn read(text: &str) -> Result<impl Iterator<Item = ContactRecord> + '_, ReadError> {
    if !text.lines().any(|line| marker_of(line) == Some(Marker::Begin)) {
        return Err(ReadError::new("no vCard found (no `BEGIN:VCARD` line)"));
    }
    Ok(Cards { lines: text.split_inclusive('\n').enumerate(), card: None, in_stray_text: false, done: false })
}

/// Splits a file into cards, line by line.
struct Cards<'t, I: Iterator<Item = (usize, &'t str)>> {
    lines: I,
    /// The card being collected.
    card: Option<CardLines>,
    /// Inside a run of lines outside any card (reported once, at its first line).
    in_stray_text: bool,
    done: bool,
}

impl<'t, I: Iterator<Item = (usize, &'t str)>> Iterator for Cards<'t, I> {
    type Item = ContactRecord;

    fn next(&mut self) -> Option<ContactRecord> {
        while !self.done {
            let Some((index, raw)) = self.lines.next() else {
                self.done = true;
                return self.card.take().map(|card| Err(unterminated(card.start, "the end of the file")));
            };
            let number = index + 1;
            let line = raw.trim_end_matches(['\r', '\n']);
            let marker = marker_of(line);
            let Some(card) = &mut self.card else {
                match marker {
                    Some(Marker::Begin) => {
                        self.in_stray_text = false;
                        self.card = Some(CardLines::new(number));
                    }
                    _ if line.trim().is_empty() => self.in_stray_text = false,
                    _ if self.in_stray_text => {}
                    _ => {
                        self.in_stray_text = true;
                        return Some(Err(Malformed::new(number, "text outside any vCard (expected `BEGIN:VCARD`)")));
                    }
                }
                continue;
            };
            if card.collect_agent(number, line, marker) {
                continue;
            }
            match marker {
                Some(Marker::Begin) => {
                    let cut_off = std::mem::replace(card, CardLines::new(number));
                    let before = format!("the next `BEGIN:VCARD` on line {number}");
                    return Some(Err(unterminated(cut_off.start, &before)));
                }
                Some(Marker::End) => {
                    card.lines.push(END.to_string());
                    return self.card.take().map(CardLines::read);
                }
                None => card.lines.push(line.to_string()),
            }
        }
        None
    }
}

fn unterminated(start: usize, before: &str) -> Malformed {
    Malformed::new(start, format!("this vCard is cut off: no `END:VCARD` before {before}"))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    Begin,
    End,
}

/// `BEGIN:VCARD` or `END:VCARD`, in any case, with spaces around and any group
/// (`home.begin:vcard`).
fn marker_of(line: &str) -> Option<Marker> {
    let (name, value) = line.trim().split_once(':')?;
    if !value.trim().eq_ignore_ascii_case("VCARD") {
        return None;
    }
    let name = name.trim().rsplit('.').next().unwrap_or_default();
    if name.eq_ignore_ascii_case("BEGIN") {
        Some(Marker::Begin)
    } else if name.eq_ignore_ascii_case("END") {
        Some(Marker::End)
    } else {
        None
    }
}

/// A card being collected.
struct CardLines {
    /// The line of its `BEGIN:VCARD`.
    start: usize,
    /// Its lines without their line breaks, `BEGIN` and `END` written plainly.
    lines: Vec<String>,
    /// The card of a 2.1 `AGENT` being collected inside it: where it starts, how many
    /// `BEGIN`s are open, and its lines.
    agent: Option<(usize, usize, Vec<String>)>,
    /// The names of the agents whose cards it held.
    agents: Vec<String>,
}

impl CardLines {
    fn new(start: usize) -> Self {
        Self { start, lines: vec![BEGIN.to_string()], agent: None, agents: Vec::new() }
    }

    /// Takes line `number` into the card of an agent: one being collected, or one that
    /// starts here because the line before was an `AGENT:` without a value. False when
    /// the line is the card's own.
    fn collect_agent(&mut self, number: usize, line: &str, marker: Option<Marker>) -> bool {
        if self.agent.is_none() {
            let after_agent = self.lines.last().is_some_and(|last| {
                let (name, value) = split_property(last);
                property_name(name).eq_ignore_ascii_case("AGENT") && value.is_some_and(|value| value.trim().is_empty())
            });
            if marker != Some(Marker::Begin) || !after_agent {
                return false;
            }
            self.agent = Some((number, 0, Vec::new()));
        }
        let Some((start, open, lines)) = &mut self.agent else { return false };
        match marker {
            Some(Marker::Begin) => {
                *open += 1;
                lines.push(BEGIN.to_string());
            }
            Some(Marker::End) => {
                *open -= 1;
                lines.push(END.to_string());
            }
            None => lines.push(line.to_string()),
        }
        if *open == 0 {
            let name = contact_of_lines(*start, lines).map(|agent| agent.name).filter(|name| !name.is_empty());
            self.agent = None;
            self.agents.extend(name);
        }
        true
    }

    fn read(self) -> ContactRecord {
        let mut contact = contact_of_lines(self.start, &self.lines)
            .ok_or_else(|| Malformed::new(self.start, "this vCard cannot be read"))?;
        for agent in &self.agents {
            contact.add_note(format!("Agent: {agent}"));
        }
        contact.finish()
    }
}

/// The contact of one card's lines (from `BEGIN` to `END`), mended and read by calcard;
/// `None` when calcard sees no card in them.
fn contact_of_lines(start: usize, lines: &[String]) -> Option<Contact> {
    let properties = properties(lines);
    let version_2_1 = properties.iter().any(|property| {
        let (name, value) = split_property(property[0]);
        property_name(name).eq_ignore_ascii_case("VERSION") && value.is_some_and(|value| value.trim() == "2.1")
    });
    let mut text = String::with_capacity(lines.iter().map(|line| line.len() + 2).sum());
    for property in &properties {
        mend(property, version_2_1, &mut text);
    }
    let Entry::VCard(card) = Parser::new(&text).entry() else { return None };
    let mut contact = contact_of(start, &card);
    let birthday =
        properties.iter().find(|property| property_name(split_property(property[0]).0).eq_ignore_ascii_case("BDAY"));
    if let Some(property) = birthday {
        read_birthday(&mut contact, property, version_2_1);
    }
    Some(contact)
}

/// The lines of a card grouped by property: a line that starts with a space or a tab
/// continues the one before (folding), and so does the line after one of a
/// QUOTED-PRINTABLE property that ends with `=` (a soft line break).
fn properties(lines: &[String]) -> Vec<Vec<&str>> {
    let mut properties: Vec<Vec<&str>> = Vec::new();
    let mut soft_break = false;
    for line in lines {
        match properties.last_mut() {
            Some(property) if soft_break || line.starts_with([' ', '\t']) => property.push(line),
            _ => properties.push(vec![line]),
        }
        let quoted_printable =
            properties.last().is_some_and(|property| is_quoted_printable(split_property(property[0]).0));
        soft_break = quoted_printable && line.ends_with('=');
    }
    properties
}

/// A property line's name and parameters (`item1.EMAIL;TYPE=work`), and its value after
/// the first `:` outside a quoted parameter value, if it has one.
fn split_property(line: &str) -> (&str, Option<&str>) {
    let mut quoted = false;
    for (at, character) in line.char_indices() {
        match character {
            '"' => quoted = !quoted,
            ':' if !quoted => return (&line[..at], Some(&line[at + 1..])),
            _ => {}
        }
    }
    (line, None)
}

/// The property of a name with parameters: `item1.EMAIL;TYPE=work` → `EMAIL`.
fn property_name(name_and_parameters: &str) -> &str {
    let name = name_and_parameters.split(';').next().unwrap_or_default();
    name.rsplit('.').next().unwrap_or_default().trim()
}

fn parameters(name_and_parameters: &str) -> impl Iterator<Item = &str> {
    name_and_parameters.split(';').skip(1).map(str::trim)
}

/// `ENCODING=QUOTED-PRINTABLE` or 2.1's bare `QUOTED-PRINTABLE`.
fn is_quoted_printable(name_and_parameters: &str) -> bool {
    parameters(name_and_parameters).any(|parameter| {
        let value = parameter.rsplit('=').next().unwrap_or_default();
        value.eq_ignore_ascii_case("QUOTED-PRINTABLE")
    })
}

/// Writes `property` to `text` as calcard reads it: a bare `QUOTED-PRINTABLE` becomes
/// `ENCODING=QUOTED-PRINTABLE`, quoted-printable UTF-8 without a `CHARSET` gets
/// `CHARSET=UTF-8` (calcard would take it for Latin-1), and in a 2.1 card every backslash
/// but that of `\;` is doubled, so that it is read as the character it is.
fn mend(property: &[&str], version_2_1: bool, text: &mut String) {
    let (head, value) = split_property(property[0]);
    let quoted_printable = is_quoted_printable(head);
    let mut parts = head.split(';');
    text.push_str(parts.next().unwrap_or_default());
    let mut has_charset = false;
    for parameter in parts {
        text.push(';');
        has_charset |= parameter.trim().to_ascii_uppercase().starts_with("CHARSET=");
        if parameter.trim().eq_ignore_ascii_case("QUOTED-PRINTABLE") {
            text.push_str("ENCODING=QUOTED-PRINTABLE");
        } else {
            text.push_str(parameter);
        }
    }
    if quoted_printable && !has_charset && decodes_to_utf8(value.unwrap_or_default(), &property[1..]) {
        text.push_str(";CHARSET=UTF-8");
    }
    let escaped = |value: &str| if version_2_1 { literal_backslashes(value) } else { value.to_string() };
    if let Some(value) = value {
        text.push(':');
        text.push_str(&escaped(value));
    }
    text.push_str("\r\n");
    for continuation in &property[1..] {
        text.push_str(&escaped(continuation));
        text.push_str("\r\n");
    }
}

/// Whether a quoted-printable value (its first line and the lines after soft breaks)
/// decodes to non-ASCII UTF-8.
fn decodes_to_utf8(first: &str, rest: &[&str]) -> bool {
    let mut bytes = Vec::new();
    for line in std::iter::once(&first).chain(rest) {
        let line = line.strip_suffix('=').unwrap_or(line).as_bytes();
        let mut index = 0;
        while index < line.len() {
            let hex = line.get(index + 1..index + 3).and_then(|hex| std::str::from_utf8(hex).ok());
            match hex.and_then(|hex| u8::from_str_radix(hex, 16).ok()).filter(|_| line[index] == b'=') {
                Some(byte) => {
                    bytes.push(byte);
                    index += 3;
                }
                None => {
                    bytes.push(line[index]);
                    index += 1;
                }
            }
        }
    }
    !bytes.is_ascii() && std::str::from_utf8(&bytes).is_ok()
}

/// `value` with each backslash doubled, except before `;` (2.1's one escape).
fn literal_backslashes(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    let mut characters = value.chars().peekable();
    while let Some(character) = characters.next() {
        escaped.push(character);
        if character == '\\' && characters.peek() != Some(&';') {
            escaped.push('\\');
        }
    }
    escaped
}

/// The birthday of a `BDAY` property as written: `1980-03-22`, `19800322`, `--03-22`,
/// `--0322`, with a time after `T` or not, and Apple's year-less
/// `BDAY;X-APPLE-OMIT-YEAR=1604:1604-03-22`; anything else is kept as a note, as written.
fn read_birthday(contact: &mut Contact, property: &[&str], version_2_1: bool) {
    let (head, value) = split_property(property[0]);
    let mut written = value.unwrap_or_default().to_string();
    for continuation in &property[1..] {
        written.push_str(continuation.get(1..).unwrap_or_default());
    }
    let written = if version_2_1 { written.trim().to_string() } else { unescape(written.trim()) };
    if written.is_empty() {
        return;
    }
    let date = match written.split_once('T') {
        Some((date, _)) if !date.is_empty() && date.bytes().all(|byte| byte.is_ascii_digit() || byte == b'-') => date,
        _ => written.as_str(),
    };
    let omitted_year = parameters(head).find_map(|parameter| {
        let (name, year) = parameter.split_once('=')?;
        name.trim().eq_ignore_ascii_case("X-APPLE-OMIT-YEAR").then_some(year.trim())
    });
    let year_less = omitted_year.and_then(|year| date.strip_prefix(year)).filter(|rest| !rest.is_empty());
    let date = match year_less {
        Some(month_day) => format!("--{}", month_day.trim_start_matches('-')),
        None => date.to_string(),
    };
    match parse_birthday(&date) {
        Some(birthday) => contact.birthday = Some(birthday),
        None => contact.add_note(format!("Birthday as exported: {written}")),
    }
}

/// A 3.0 or 4.0 text value unescaped: `\,` `\;` `\\` `\n`.
fn unescape(value: &str) -> String {
    let mut text = String::with_capacity(value.len());
    let mut characters = value.chars();
    while let Some(character) = characters.next() {
        match (character, characters.clone().next()) {
            ('\\', Some(next @ (',' | ';' | '\\'))) => {
                text.push(next);
                characters.next();
            }
            ('\\', Some('n' | 'N')) => {
                text.push('\n');
                characters.next();
            }
            _ => text.push(character),
        }
    }
    text
}

fn contact_of(start: usize, card: &VCard) -> Contact {
    let mut contact = Contact::at(start);
    let mut name_parts = None;
    for entry in &card.entries {
        let texts = texts(entry);
        let first = texts.first().map(String::as_str).unwrap_or_default();
        match &entry.name {
            VCardProperty::Fn if contact.name.is_empty() => {
                contact.name = Contact::name_from_parts([texts.join(", ").as_str()]);
            }
            // N is family;given;additional;prefix;suffix.
            VCardProperty::N if name_parts.is_none() => {
                let parts = parts(entry, " ");
                let part = |index: usize| parts.get(index).map(String::as_str).unwrap_or_default();
                name_parts = Some(Contact::name_from_parts([part(1), part(2), part(0)]));
            }
            VCardProperty::Org => add_org(&mut contact, &parts(entry, ", ")),
            VCardProperty::Title => match &contact.title {
                None => Contact::set(&mut contact.title, first),
                Some(title) if title.as_str() == first.trim() => {}
                Some(_) => contact.add_note(format!("Title: {}", first.trim())),
            },
            VCardProperty::Email => contact.add_email(first),
            VCardProperty::Tel => contact.add_phone(first),
            VCardProperty::Url => contact.add_url(&texts.join(",")),
            VCardProperty::Note => contact.add_note(texts.join(",")),
            VCardProperty::Categories => texts.iter().for_each(|category| contact.add_tag(category)),
            // ADR is pobox;extended;street;locality;region;code;country.
            VCardProperty::Adr if contact.location.is_none() => {
                let parts = parts(entry, ", ");
                let part = |index: usize| parts.get(index).map(String::as_str).unwrap_or_default();
                let place: Vec<&str> = [part(3), part(6)].into_iter().filter(|part| !part.is_empty()).collect();
                Contact::set(&mut contact.location, &place.join(", "));
            }
            _ => {}
        }
    }
    if contact.name.is_empty() {
        contact.name = name_parts.unwrap_or_default();
    }
    contact
}

/// ORG is name;unit;unit…: the first gives the organisation and its units, notes of
/// departments; another (a second job) becomes a note, `Organisation: Globex (Research)`.
fn add_org(contact: &mut Contact, parts: &[String]) {
    let Some((name, units)) = parts.split_first() else { return };
    let units: Vec<&str> = units.iter().map(String::as_str).filter(|unit| !unit.is_empty()).collect();
    if contact.org.is_none() {
        Contact::set(&mut contact.org, name);
        for unit in units {
            contact.add_note(format!("Department: {unit}"));
        }
        return;
    }
    if contact.org.as_deref() == Some(name.as_str()) && units.is_empty() {
        return;
    }
    match (name.is_empty(), units.is_empty()) {
        (true, true) => {}
        (false, true) => contact.add_note(format!("Organisation: {name}")),
        (true, false) => contact.add_note(format!("Organisation: {}", units.join(", "))),
        (false, false) => contact.add_note(format!("Organisation: {name} ({})", units.join(", "))),
    }
}

/// The text values of a property, components included, without empty trailing ones.
fn texts(entry: &VCardEntry) -> Vec<String> {
    let mut texts: Vec<String> = entry
        .values
        .iter()
        .flat_map(|value| match value {
            VCardValue::Text(text) => vec![text.clone()],
            VCardValue::Component(parts) => parts.clone(),
            _ => Vec::new(),
        })
        .collect();
    while texts.last().is_some_and(|text| text.trim().is_empty()) {
        texts.pop();
    }
    texts
}

/// The parts of a structured property (N, ORG, ADR), one per `;`-separated part, trimmed:
/// a part calcard split at commas (several given names, or Apple's unescaped comma in a
/// street) is joined again with `separator`, so the parts after it keep their places.
fn parts(entry: &VCardEntry, separator: &str) -> Vec<String> {
    entry
        .values
        .iter()
        .map(|value| match value {
            VCardValue::Text(text) => text.trim().to_string(),
            VCardValue::Component(pieces) => {
                let pieces: Vec<&str> =
                    pieces.iter().map(|piece| piece.trim()).filter(|piece| !piece.is_empty()).collect();
                pieces.join(separator)
            }
            _ => String::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use kith_core::model::Birthday;
    use kith_core::values::MonthDay;

    fn records(text: &str) -> Vec<ContactRecord> {
        read(text).expect("a vCard file").collect()
    }

    fn contact(text: &str) -> Contact {
        records(text).remove(0).expect("a readable card")
    }

    #[test]
    fn version_2_1_quoted_printable_with_soft_breaks_and_charset() {
        let card = "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:M=C3=BCller;J=C3=BCrgen;;;\r\n\
            NOTE;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Met at the Berlin meetup, talked about =\r\nRust and sch=C3=B6ne Dinge=0D=0ASecond line\r\n\
            TEL;CELL:+49 170 1234567\r\nEMAIL;INTERNET;PREF:juergen@example.de\r\nBDAY:--0412\r\nEND:VCARD\r\n";
        let contact = contact(card);
        assert_eq!(contact.name, "Jürgen Müller");
        assert_eq!(contact.notes, ["Met at the Berlin meetup, talked about Rust and schöne Dinge\nSecond line"]);
        assert_eq!(contact.phones, ["+49 170 1234567"]);
        assert_eq!(contact.emails, ["juergen@example.de"]);
        assert_eq!(contact.birthday, Some(Birthday::MonthDay(MonthDay { month: 4, day: 12 })));
        assert_eq!(contact.line, 1);
    }

    #[test]
    fn version_3_0_with_folding_escapes_groups_and_several_values() {
        let card = "BEGIN:VCARD\nVERSION:3.0\nN:Lovelace;Ada;;;\nFN:Ada Lovelace\nORG:Analytical Engines\\, Ltd;Research\nTITLE:Chief Analyst\n\
            item1.EMAIL;type=INTERNET;type=pref:ada@example.org\nitem1.X-ABLabel:_$!<Work>!$_\nitem2.EMAIL;type=INTERNET:ada.l@example.com\n\
            TEL;type=CELL:+44 20 7946 0000\nURL:https://example.org/ada\nNOTE:Line one\\nLine two\\, with comma\\; and semicolon. This note is long\n  enough to be folded.\n\
            BDAY:1815-12-10\nCATEGORIES:math,Computing Science\nADR;TYPE=home:;;12 St James's Square;London;;SW1Y 4JH;United Kingdom\nEND:VCARD\n";
        let contact = contact(card);
        assert_eq!(contact.name, "Ada Lovelace");
        assert_eq!(contact.org.as_deref(), Some("Analytical Engines, Ltd"));
        assert_eq!(contact.title.as_deref(), Some("Chief Analyst"));
        assert_eq!(contact.emails, ["ada@example.org", "ada.l@example.com"]);
        assert_eq!(contact.urls, ["https://example.org/ada"]);
        assert_eq!(contact.birthday, Some(Birthday::Date(date(1815, 12, 10))));
        assert_eq!(contact.tags, ["math", "computing-science"]);
        assert_eq!(contact.location.as_deref(), Some("London, United Kingdom"));
        assert_eq!(
            contact.notes,
            [
                "Department: Research",
                "Line one\nLine two, with comma; and semicolon. This note is long enough to be folded."
            ]
        );
    }

    #[test]
    fn version_4_0_dashed_and_apple_year_less_birthdays() {
        let dashed = contact("BEGIN:VCARD\nVERSION:4.0\nFN:Grace Hopper\nBDAY:--12-09\nEND:VCARD\n");
        assert_eq!(dashed.birthday, Some(Birthday::MonthDay(MonthDay { month: 12, day: 9 })));
        let apple = contact("BEGIN:VCARD\nVERSION:3.0\nFN:Alan\nBDAY;X-APPLE-OMIT-YEAR=1604:1604-06-23\nEND:VCARD\n");
        assert_eq!(apple.birthday, Some(Birthday::MonthDay(MonthDay { month: 6, day: 23 })));
        let text = contact(
            "BEGIN:VCARD\nVERSION:4.0\nFN:Alan\nBDAY;VALUE=text:circa 1800\nTEL;VALUE=uri:tel:+1-555-0100\nEND:VCARD\n",
        );
        assert_eq!(text.birthday, None);
        assert_eq!(text.notes, ["Birthday as exported: circa 1800"]);
        assert_eq!(text.phones, ["+1-555-0100"]);
    }

    #[test]
    fn a_name_comes_from_n_when_fn_is_missing() {
        assert_eq!(contact("BEGIN:VCARD\nVERSION:2.1\nN:Babbage;Charles;;Mr.;\nEND:VCARD\n").name, "Charles Babbage");
    }

    #[test]
    fn cut_off_cards_and_stray_text_are_malformed_and_the_rest_is_read() {
        let text = "BEGIN:VCARD\nVERSION:3.0\nFN:Cut Off\nBEGIN:VCARD\nVERSION:3.0\nFN:Whole\nEND:VCARD\n\nstray line\nanother\n\nBEGIN:VCARD\nFN:Bare\nEND:VCARD\nBEGIN:VCARD\nFN:Last\n";
        let records = records(text);
        assert_eq!(records.len(), 5, "{records:#?}");
        assert_eq!(
            records[0],
            Err(Malformed::new(1, "this vCard is cut off: no `END:VCARD` before the next `BEGIN:VCARD` on line 4"))
        );
        assert_eq!(records[1].clone().map(|contact| (contact.name, contact.line)), Ok(("Whole".to_string(), 4)));
        assert_eq!(records[2], Err(Malformed::new(9, "text outside any vCard (expected `BEGIN:VCARD`)")));
        assert_eq!(records[3].clone().map(|contact| contact.name), Ok("Bare".to_string()));
        assert_eq!(
            records[4],
            Err(Malformed::new(15, "this vCard is cut off: no `END:VCARD` before the end of the file"))
        );
    }

    #[test]
    fn a_card_without_any_name_is_malformed() {
        let records = records("BEGIN:VCARD\nVERSION:3.0\nTEL:+1 555 0100\nEND:VCARD\n");
        assert_eq!(records, [Err(Malformed::new(1, "no name, organisation or email to know them by"))]);
    }

    #[test]
    fn a_file_without_cards_is_not_a_vcard_file() {
        assert!(read("First Name,Last Name\n").is_err());
    }

    #[test]
    fn a_version_4_0_birthday_with_dashes_is_read() {
        let contact = contact("BEGIN:VCARD\nVERSION:4.0\nFN:Ada\nBDAY:1980-03-22\nEND:VCARD\n");
        assert_eq!(contact.birthday, Some(Birthday::Date(date(1980, 3, 22))));
        assert_eq!(contact.notes, Vec::<String>::new());
    }

    #[test]
    fn a_bare_quoted_printable_parameter_is_decoded() {
        let contact = contact(
            "BEGIN:VCARD\r\nVERSION:2.1\r\nFN;QUOTED-PRINTABLE:J=C3=BCrgen\r\nNOTE;CHARSET=UTF-8;QUOTED-PRINTABLE:sch=C3=B6n=\r\ne Dinge\r\nEND:VCARD\r\n",
        );
        assert_eq!(contact.name, "Jürgen");
        assert_eq!(contact.notes, ["schöne Dinge"]);
    }

    #[test]
    fn an_unescaped_comma_in_an_apple_address_keeps_the_parts_in_place() {
        let contact = contact("BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nitem1.ADR;type=HOME:;;Silicon Alley 5,;New York;NY;12345;USA\nEND:VCARD\n");
        assert_eq!(contact.location.as_deref(), Some("New York, USA"));
    }

    #[test]
    fn an_unreadable_birthday_keeps_its_text_in_the_note() {
        let contact = contact("BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nBDAY:22.03.1980\nEND:VCARD\n");
        assert_eq!(contact.birthday, None);
        assert_eq!(contact.notes, ["Birthday as exported: 22.03.1980"]);
    }

    #[test]
    fn version_2_1_backslashes_are_kept_as_written() {
        let two = contact(
            "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ada\r\nNOTE:C:\\new\\temp\r\nNOTE;ENCODING=QUOTED-PRINTABLE:D:\\n=C3=BCtzlich\r\nEND:VCARD\r\n",
        );
        assert_eq!(two.notes, ["C:\\new\\temp", "D:\\nützlich"]);
        let three = contact("BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nNOTE:one\\ntwo\\, three\nEND:VCARD\n");
        assert_eq!(three.notes, ["one\ntwo, three"], "3.0 escapes are still read");
    }

    #[test]
    fn a_second_org_and_title_become_notes() {
        let contact = contact(
            "BEGIN:VCARD\nVERSION:3.0\nFN:Ada\nORG:Fernwood;Platform\nTITLE:VP Engineering\nORG:Globex;Research;Labs\nTITLE:Advisor\nEND:VCARD\n",
        );
        assert_eq!(contact.org.as_deref(), Some("Fernwood"));
        assert_eq!(contact.title.as_deref(), Some("VP Engineering"));
        assert_eq!(contact.notes, ["Department: Platform", "Organisation: Globex (Research, Labs)", "Title: Advisor"]);
    }

    #[test]
    fn a_group_prefix_on_begin_and_end_is_read() {
        let records =
            records("home.begin:vcard\nVERSION:3.0\nFN:Ada\nhome.end:vcard\nBEGIN:VCARD\nFN:Grace\nEND:VCARD\n");
        let names: Vec<String> = records.into_iter().map(|record| record.expect("a card").name).collect();
        assert_eq!(names, ["Ada", "Grace"]);
    }

    #[test]
    fn a_nested_2_1_agent_belongs_to_the_card_it_is_in() {
        let records = records(
            "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Big Boss\r\nAGENT:\r\nBEGIN:VCARD\r\nVERSION:2.1\r\nFN:Al Assistant\r\nTEL:+1 555 0199\r\nEND:VCARD\r\nEMAIL:boss@example.org\r\nEND:VCARD\r\n",
        );
        assert_eq!(records.len(), 1, "{records:#?}");
        let boss = records[0].clone().expect("a card");
        assert_eq!(boss.name, "Big Boss");
        assert_eq!(boss.emails, ["boss@example.org"]);
        assert!(boss.phones.is_empty(), "the agent's phone is not the boss's");
        assert_eq!(boss.notes, ["Agent: Al Assistant"]);
    }

    #[test]
    fn emoji_are_no_part_of_a_name() {
        assert_eq!(contact("BEGIN:VCARD\nVERSION:3.0\nFN:Rob Konterman 🔸\nEND:VCARD\n").name, "Rob Konterman");
    }
}
