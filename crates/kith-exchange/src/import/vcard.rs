//! vCard files (2.1, 3.0, 4.0), read with the `calcard` crate, which unfolds lines,
//! unescapes `\,` `\;` `\n`, decodes 2.1's QUOTED-PRINTABLE (soft line breaks included)
//! and its CHARSETs, and reads Apple's `item1.EMAIL` groups. This module splits the file
//! into cards itself, so that each card has a line number and a card cut off before its
//! `END:VCARD` is reported instead of being read into the next one.

use super::{Contact, Malformed, ReadError, Record};
use kith_core::model::Birthday;
use kith_core::values::MonthDay;
use calcard::common::PartialDateTime;
use calcard::vcard::{VCard, VCardEntry, VCardParameterName, VCardParameterValue, VCardProperty, VCardValue};
use calcard::{Entry, Parser};
use jiff::civil::Date;
use std::borrow::Cow;

pub(super) fn read(text: &str) -> Result<impl Iterator<Item = Record> + '_, ReadError> {
    if !text.lines().any(|line| is_marker(line, "BEGIN")) {
        return Err(ReadError::new("no vCard found (no `BEGIN:VCARD` line)"));
    }
    Ok(Cards { lines: text.split_inclusive('\n').enumerate(), card: None, in_stray_text: false, done: false })
}

/// Splits a file into cards, line by line.
struct Cards<'t, I: Iterator<Item = (usize, &'t str)>> {
    lines: I,
    /// The card being collected: its first line's number and its text so far.
    card: Option<(usize, String)>,
    /// Inside a run of lines outside any card (reported once, at its first line).
    in_stray_text: bool,
    done: bool,
}

impl<'t, I: Iterator<Item = (usize, &'t str)>> Iterator for Cards<'t, I> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        while !self.done {
            let Some((index, raw)) = self.lines.next() else {
                self.done = true;
                return self.card.take().map(|(start, _)| Err(unterminated(start, "the end of the file")));
            };
            let number = index + 1;
            let line = raw.trim_end_matches(['\r', '\n']);
            if is_marker(line, "BEGIN") {
                self.in_stray_text = false;
                let previous = self.card.replace((number, format!("{line}\r\n")));
                if let Some((start, _)) = previous {
                    return Some(Err(unterminated(start, &format!("the next `BEGIN:VCARD` on line {number}"))));
                }
                continue;
            }
            match &mut self.card {
                Some((start, text)) => {
                    text.push_str(&dashed_birthday_to_basic(line));
                    text.push_str("\r\n");
                    if is_marker(line, "END") {
                        let start = *start;
                        let card = std::mem::take(text);
                        self.card = None;
                        return Some(read_card(start, &card));
                    }
                }
                None if line.trim().is_empty() => self.in_stray_text = false,
                None if self.in_stray_text => {}
                None => {
                    self.in_stray_text = true;
                    return Some(Err(Malformed {
                        line: number,
                        message: "text outside any vCard (expected `BEGIN:VCARD`)".into(),
                    }));
                }
            }
        }
        None
    }
}

fn unterminated(start: usize, before: &str) -> Malformed {
    Malformed { line: start, message: format!("this vCard is cut off: no `END:VCARD` before {before}") }
}

/// `BEGIN:VCARD` or `END:VCARD`, in any case, with spaces around.
fn is_marker(line: &str, marker: &str) -> bool {
    line.trim().split_once(':').is_some_and(|(name, value)| {
        name.trim().eq_ignore_ascii_case(marker) && value.trim().eq_ignore_ascii_case("VCARD")
    })
}

/// calcard reads `BDAY:--12-09` (the dashed form some 3.0 writers use) as December alone;
/// the basic form `--1209` it reads as month and day, so the dashed one is rewritten.
fn dashed_birthday_to_basic(line: &str) -> Cow<'_, str> {
    let Some((name, value)) = line.split_once(':') else { return Cow::Borrowed(line) };
    let property = name.split(';').next().unwrap_or_default();
    let property = property.rsplit('.').next().unwrap_or_default();
    let bytes = value.as_bytes();
    let dashed = bytes.len() == 7
        && value.starts_with("--")
        && bytes[4] == b'-'
        && [2, 3, 5, 6].iter().all(|&index| bytes[index].is_ascii_digit());
    if property.eq_ignore_ascii_case("BDAY") && dashed {
        Cow::Owned(format!("{name}:--{}{}", &value[2..4], &value[5..7]))
    } else {
        Cow::Borrowed(line)
    }
}

fn read_card(start: usize, text: &str) -> Record {
    match Parser::new(text).entry() {
        Entry::VCard(card) => contact_of(start, &card).finish(),
        _ => Err(Malformed { line: start, message: "this vCard cannot be read".into() }),
    }
}

fn contact_of(start: usize, card: &VCard) -> Contact {
    let mut contact = Contact::at(start);
    let mut name_parts = None;
    for entry in &card.entries {
        let texts = texts(entry);
        let first = texts.first().map(String::as_str).unwrap_or_default();
        match &entry.name {
            VCardProperty::Fn if contact.name.is_empty() => {
                contact.name = Contact::name_from_parts([texts.join(", ").as_str()])
            }
            // N is family;given;additional;prefix;suffix.
            VCardProperty::N if name_parts.is_none() => {
                let part = |index: usize| texts.get(index).map(String::as_str).unwrap_or_default();
                name_parts = Some(Contact::name_from_parts([part(1), part(2), part(0)]));
            }
            VCardProperty::Org => {
                Contact::set(&mut contact.org, first);
                for unit in texts.iter().skip(1).filter(|unit| !unit.trim().is_empty()) {
                    contact.add_note(format!("Department: {unit}"));
                }
            }
            VCardProperty::Title => Contact::set(&mut contact.title, first),
            VCardProperty::Email => contact.add_email(first),
            VCardProperty::Tel => contact.add_phone(first),
            VCardProperty::Url => contact.add_url(&texts.join(",")),
            VCardProperty::Note => contact.add_note(texts.join(",")),
            VCardProperty::Categories => texts.iter().for_each(|category| contact.add_tag(category)),
            // ADR is pobox;extended;street;locality;region;code;country.
            VCardProperty::Adr if contact.location.is_none() => {
                let part = |index: usize| texts.get(index).map(|part| part.trim()).unwrap_or_default();
                let place: Vec<&str> = [part(3), part(6)].into_iter().filter(|part| !part.is_empty()).collect();
                Contact::set(&mut contact.location, &place.join(", "));
            }
            VCardProperty::Bday if contact.birthday.is_none() => read_birthday(&mut contact, entry),
            _ => {}
        }
    }
    if contact.name.is_empty() {
        contact.name = name_parts.unwrap_or_default();
    }
    contact
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

fn read_birthday(contact: &mut Contact, entry: &VCardEntry) {
    // Apple writes a year-less birthday as `BDAY;X-APPLE-OMIT-YEAR=1604:1604-04-12`.
    let omitted_year = entry.params.iter().find_map(|param| match (&param.name, &param.value) {
        (VCardParameterName::Other(name), VCardParameterValue::Text(year))
            if name.eq_ignore_ascii_case("X-APPLE-OMIT-YEAR") =>
        {
            year.parse::<u16>().ok()
        }
        _ => None,
    });
    for value in &entry.values {
        match value {
            VCardValue::PartialDateTime(partial) => {
                match birthday_of(partial, omitted_year) {
                    Some(birthday) => contact.birthday = Some(birthday),
                    None => contact.add_note(format!("Birthday as exported: {}", describe(partial))),
                }
                return;
            }
            VCardValue::Text(text) => {
                contact.set_birthday_text(text);
                return;
            }
            _ => {}
        }
    }
}

fn birthday_of(partial: &PartialDateTime, omitted_year: Option<u16>) -> Option<Birthday> {
    let (month, day) = (i8::try_from(partial.month?).ok()?, i8::try_from(partial.day?).ok()?);
    match partial.year.filter(|year| Some(*year) != omitted_year) {
        Some(year) => Date::new(i16::try_from(year).ok()?, month, day).ok().map(Birthday::Date),
        // 2000 is a leap year, so February 29 is a valid year-less birthday.
        None => Date::new(2000, month, day).ok().map(|_| Birthday::MonthDay(MonthDay { month, day })),
    }
}

fn describe(partial: &PartialDateTime) -> String {
    let part = |value: Option<u16>, width: usize| value.map_or("-".repeat(width), |value| format!("{value:0width$}"));
    format!(
        "{}-{}-{}",
        part(partial.year, 4),
        part(partial.month.map(u16::from), 2),
        part(partial.day.map(u16::from), 2)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn records(text: &str) -> Vec<Record> {
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
            Err(Malformed {
                line: 1,
                message: "this vCard is cut off: no `END:VCARD` before the next `BEGIN:VCARD` on line 4".into()
            })
        );
        assert_eq!(records[1].clone().map(|contact| (contact.name, contact.line)), Ok(("Whole".to_string(), 4)));
        assert_eq!(
            records[2],
            Err(Malformed { line: 9, message: "text outside any vCard (expected `BEGIN:VCARD`)".into() })
        );
        assert_eq!(records[3].clone().map(|contact| contact.name), Ok("Bare".to_string()));
        assert_eq!(
            records[4],
            Err(Malformed {
                line: 15,
                message: "this vCard is cut off: no `END:VCARD` before the end of the file".into()
            })
        );
    }

    #[test]
    fn a_card_without_any_name_is_malformed() {
        let records = records("BEGIN:VCARD\nVERSION:3.0\nTEL:+1 555 0100\nEND:VCARD\n");
        assert_eq!(
            records,
            [Err(Malformed { line: 1, message: "no name, organisation or email to know them by".into() })]
        );
    }

    #[test]
    fn a_file_without_cards_is_not_a_vcard_file() {
        assert!(read("First Name,Last Name\n").is_err());
    }
}
