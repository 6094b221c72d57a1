//! Exporters: render a network as vCard 4.0 (for address books), as JSON (the whole model,
//! for scripts) or as an iCalendar file of upcoming catch-ups (for calendars). Values that
//! cannot be read (an invalid email, a date that does not exist) are left out; people
//! without an id are skipped, and of two people with one id only the first is exported.

mod content_line;
pub mod ics;
pub mod json;
pub mod vcard;

use kith_core::model::{FieldValue, Network, Person, Text, Value};
use kith_core::vocabulary::FieldName;
use std::collections::HashSet;

/// The people to export: those with an id, the first of each id, in file order.
fn exported_people(network: &Network) -> impl Iterator<Item = &Person> {
    let mut seen = HashSet::new();
    network.people.iter().filter(move |person| person.id.is_some() && seen.insert(person.id_name()))
}

/// The value of the first `org`, `title` or `location` line.
fn text_field(person: &Person, field: FieldName) -> Option<&str> {
    person.field(field).and_then(|value| match value {
        FieldValue::Org(text) | FieldValue::Title(text) | FieldValue::Location(text) => text_value(text),
        _ => None,
    })
}

/// Every readable value of the `phone` or `note` lines.
fn text_fields(person: &Person, field: FieldName) -> Vec<&str> {
    person
        .fields_named(field)
        .filter_map(|value| match value {
            FieldValue::Phone(text) | FieldValue::Note(text) => text_value(text),
            _ => None,
        })
        .collect()
}

fn text_value(text: &Option<Text>) -> Option<&str> {
    text.as_ref().map(|text| text.value.as_str())
}

/// Every readable URL.
fn urls(person: &Person) -> Vec<&str> {
    person
        .fields_named(FieldName::Url)
        .filter_map(|value| match value {
            FieldValue::Url(Value { value: Some(url), .. }) => Some(url.as_str()),
            _ => None,
        })
        .collect()
}

/// Each tag once, in order.
fn tags(person: &Person) -> Vec<&str> {
    let mut seen = HashSet::new();
    person.tags().map(|tag| tag.name.as_str()).filter(|tag| seen.insert(*tag)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people_without_an_id_and_later_duplicates_are_not_exported() {
        let text = "person ada \"Ada\"\nperson \"Nameless\"\nperson ada \"Ada again\"\nperson grace \"Grace\"\n";
        let network = kith_core::check(text, jiff::civil::date(2026, 11, 25)).network;
        let names: Vec<&str> = exported_people(&network).map(Person::display_name).collect();
        assert_eq!(names, ["Ada", "Grace"]);
    }
}
