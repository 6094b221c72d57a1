//! vCard 4.0 (RFC 6350) for address books: one card per person with FN, N, EMAIL, TEL,
//! URL, ORG, TITLE, BDAY (`--MMDD` when the year is not known), NOTE and CATEGORIES (the
//! tags); text escaped, lines folded at 75 octets, CRLF line breaks.

use super::content_line::{escape_text, push_folded};
use super::{exported_people, tags, text_field, text_fields, urls};
use kith_core::model::{Birthday, Network, Person};
use kith_core::vocabulary::FieldName;

/// Every person of `network` as a vCard, in file order.
pub fn render(network: &Network) -> String {
    let mut out = String::new();
    for person in exported_people(network) {
        render_card(&mut out, person);
    }
    out
}

fn render_card(out: &mut String, person: &Person) {
    let mut line = |content: String| push_folded(out, &content);
    line("BEGIN:VCARD".into());
    line("VERSION:4.0".into());
    let name = person.display_name();
    line(format!("FN:{}", escape_text(name)));
    let (family, given) = split_name(name);
    line(format!("N:{};{};;;", escape_text(family), escape_text(given)));
    for (address, _) in person.emails() {
        line(format!("EMAIL:{}", escape_text(address)));
    }
    for phone in text_fields(person, FieldName::Phone) {
        line(format!("TEL;VALUE=text:{}", escape_text(phone)));
    }
    for url in urls(person) {
        line(format!("URL:{url}"));
    }
    if let Some(org) = text_field(person, FieldName::Org) {
        line(format!("ORG:{}", escape_text(org)));
    }
    if let Some(title) = text_field(person, FieldName::Title) {
        line(format!("TITLE:{}", escape_text(title)));
    }
    match person.birthday() {
        Some(Birthday::Date(date)) => line(format!("BDAY:{}", date.strftime("%Y%m%d"))),
        Some(Birthday::MonthDay(month_day)) => line(format!("BDAY:--{:02}{:02}", month_day.month, month_day.day)),
        None => {}
    }
    for note in text_fields(person, FieldName::Note) {
        line(format!("NOTE:{}", escape_text(note)));
    }
    let tags = tags(person);
    if !tags.is_empty() {
        line(format!("CATEGORIES:{}", tags.join(",")));
    }
    line("END:VCARD".into());
}

/// N's family and given names from a display name: the last word is the family name, the
/// words before it the given names (`Ada King Lovelace` → `Lovelace`, `Ada King`); a single
/// word is a given name.
fn split_name(name: &str) -> (&str, &str) {
    let name = name.trim();
    match name.rsplit_once(char::is_whitespace) {
        Some((given, family)) => (family, given.trim_end()),
        None => ("", name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{self, Contact, Format};
    use jiff::civil::date;

    fn export(text: &str) -> String {
        render(&kith_core::check(text, date(2026, 11, 25)).network)
    }

    fn reimported(vcard: &str) -> Vec<Contact> {
        let records = import::read(Format::VCard, vcard).expect("cards");
        records
            .map(|record| match record {
                Ok(import::Item::Contact(contact)) => contact,
                other => panic!("every card reads as a contact: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn a_person_becomes_a_card_with_every_field() {
        let text = "person ada \"Ada King Lovelace\"\n  role mentor\n  org \"Analytical Engines; Ltd\"\n  title \"Analyst, chief\"\n  email ada@example.org\n  phone \"+44 20 7946 0000\"\n  url https://example.org/ada\n  birthday --12-10\n  tags math, computing\n  note \"Line one\\nLine two\"\n  2026-01-01 coffee\n";
        insta::assert_snapshot!(export(text).replace("\r\n", "⏎\n"), @r"
        BEGIN:VCARD⏎
        VERSION:4.0⏎
        FN:Ada King Lovelace⏎
        N:Lovelace;Ada King;;;⏎
        EMAIL:ada@example.org⏎
        TEL;VALUE=text:+44 20 7946 0000⏎
        URL:https://example.org/ada⏎
        ORG:Analytical Engines\; Ltd⏎
        TITLE:Analyst\, chief⏎
        BDAY:--1210⏎
        NOTE:Line one\nLine two⏎
        CATEGORIES:math,computing⏎
        END:VCARD⏎
        ");
    }

    #[test]
    fn the_cards_read_back_through_the_importer_to_the_same_people() {
        let text = "person ada \"Ada Lovelace\"\n  org \"Analytical Engines, Ltd\"\n  title \"Chief; Analyst\"\n  email ada@example.org\n  email ada@work.example\n  phone \"+44 20 7946 0000\"\n  url https://example.org/ada?x=1\n  birthday 1815-12-10\n  tags math\n  note \"Back\\\\slash and a very long note that certainly needs folding because it goes on and on, past seventy-five octets — with ünïcödé too\"\n\nperson charles \"Charles\"\n  birthday --02-29\n";
        let contacts = reimported(&export(text));
        assert_eq!(contacts.len(), 2);
        let ada = &contacts[0];
        assert_eq!(ada.name, "Ada Lovelace");
        assert_eq!(ada.org.as_deref(), Some("Analytical Engines, Ltd"));
        assert_eq!(ada.title.as_deref(), Some("Chief; Analyst"));
        assert_eq!(ada.emails, ["ada@example.org", "ada@work.example"]);
        assert_eq!(ada.phones, ["+44 20 7946 0000"]);
        assert_eq!(ada.urls, ["https://example.org/ada?x=1"]);
        assert_eq!(ada.birthday, Some(Birthday::Date(date(1815, 12, 10))));
        assert_eq!(ada.tags, ["math"]);
        assert_eq!(
            ada.notes,
            ["Back\\slash and a very long note that certainly needs folding because it goes on and on, past seventy-five octets — with ünïcödé too"]
        );
        assert_eq!(contacts[1].name, "Charles");
        assert_eq!(contacts[1].birthday, Some(Birthday::MonthDay(kith_core::values::MonthDay { month: 2, day: 29 })));
    }

    #[test]
    fn every_line_is_at_most_75_octets_and_ends_in_crlf() {
        let long = "é".repeat(100);
        let vcard = export(&format!("person ada \"{long}\"\n  note \"{long}\"\n"));
        assert!(vcard.ends_with("END:VCARD\r\n"));
        assert!(!vcard.replace("\r\n", "").contains('\n'));
        assert!(vcard.split("\r\n").all(|line| line.len() <= 75));
        assert_eq!(reimported(&vcard)[0].name, long);
    }

    #[test]
    fn names_split_into_family_and_given() {
        assert_eq!(split_name("Ada King Lovelace"), ("Lovelace", "Ada King"));
        assert_eq!(split_name("Plato"), ("", "Plato"));
    }
}
