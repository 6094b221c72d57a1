//! Google Contacts CSV: numbered column groups (`E-mail 1 - Value`, `Phone 2 - Value`,
//! `Organization 1 - Name`…), several values in one cell joined by ` ::: `, and two header
//! sets — the old one (`Name`, `Given Name`, `Family Name`, `Group Membership`) and the
//! one Google exports since 2023 (`First Name`, `Last Name`, `Organization Name`, `Labels`).
//! Labels become tags, Google's starred and system groups (`* starred`, `* Friends`) too.

use super::table::{multi_values, Table};
use super::{Contact, ContactRecord, ReadError};
use csv::StringRecord;

pub(super) fn read(text: &str) -> Result<impl Iterator<Item = ContactRecord> + '_, ReadError> {
    let table = Table::open(
        text,
        is_google_header,
        "Google Contacts",
        "First Name,Middle Name,Last Name,…,Labels,E-mail 1 - Label,E-mail 1 - Value,…",
    )?;
    let columns = Columns::of(&table);
    Ok(table.map(move |row| {
        let (line, record) = row?;
        Ok(columns.contact(line, &record)).and_then(Contact::finish)
    }))
}

fn is_google_header(cells: &[String]) -> bool {
    let has = |name: &str| cells.iter().any(|cell| cell == name);
    let named = has("First Name") || has("Given Name") || has("Name");
    let grouped = has("Labels")
        || has("Group Membership")
        || cells.iter().any(|cell| {
            numbered(cell).is_some_and(|(kind, field)| field == "Value" && (kind == "E-mail" || kind == "Phone"))
        });
    named && grouped
}

/// `E-mail 2 - Value` → (`E-mail`, `Value`).
fn numbered(cell: &str) -> Option<(&str, &str)> {
    let (group, field) = cell.split_once(" - ")?;
    let (kind, number) = group.rsplit_once(' ')?;
    number.parse::<u32>().ok().map(|_| (kind, field))
}

/// Where each value lives in this export's header.
struct Columns {
    full_name: Option<usize>,
    name_parts: Vec<usize>,
    birthday: Option<usize>,
    notes: Option<usize>,
    labels: Vec<usize>,
    location: Option<usize>,
    org_names: Vec<usize>,
    org_titles: Vec<usize>,
    org_departments: Vec<usize>,
    emails: Vec<usize>,
    phones: Vec<usize>,
    websites: Vec<usize>,
    cities: Vec<usize>,
    countries: Vec<usize>,
}

impl Columns {
    fn of(table: &Table<'_>) -> Self {
        let named = |names: &[&str]| names.iter().filter_map(|name| table.column(name)).collect::<Vec<_>>();
        let group = |kind: &str, field: &str| {
            (0..table.header.len())
                .filter(|&index| numbered(&table.header[index]) == Some((kind, field)))
                .collect::<Vec<_>>()
        };
        let with_group = |names: &[&str], kind: &str, field: &str| {
            let mut columns = named(names);
            columns.extend(group(kind, field));
            columns
        };
        // The old header has a ready-made `Name`; the new one only has the parts.
        let old_parts = named(&["Given Name", "Additional Name", "Family Name"]);
        let name_parts =
            if old_parts.is_empty() { named(&["First Name", "Middle Name", "Last Name"]) } else { old_parts };
        Self {
            full_name: table.column("Name"),
            name_parts,
            birthday: table.column("Birthday"),
            notes: table.column("Notes"),
            labels: named(&["Labels", "Group Membership"]),
            location: table.column("Location"),
            org_names: with_group(&["Organization Name"], "Organization", "Name"),
            org_titles: with_group(&["Organization Title"], "Organization", "Title"),
            org_departments: with_group(&["Organization Department"], "Organization", "Department"),
            emails: group("E-mail", "Value"),
            phones: group("Phone", "Value"),
            websites: group("Website", "Value"),
            cities: group("Address", "City"),
            countries: group("Address", "Country"),
        }
    }

    fn contact(&self, line: usize, record: &StringRecord) -> Contact {
        let cell = |index: usize| record.get(index).unwrap_or_default();
        let values =
            |columns: &[usize]| columns.iter().flat_map(|&index| multi_values(cell(index))).collect::<Vec<_>>();
        let first = |columns: &[usize]| values(columns).first().copied().unwrap_or_default();

        let mut contact = Contact::at(line);
        contact.name = match self.full_name.map(cell).map(str::trim) {
            Some(name) if !name.is_empty() => Contact::name_from_parts([name]),
            _ => Contact::name_from_parts(self.name_parts.iter().map(|&index| cell(index))),
        };
        Contact::set(&mut contact.org, first(&self.org_names));
        Contact::set(&mut contact.title, first(&self.org_titles));
        let place = [first(&self.cities), first(&self.countries)].into_iter().filter(|part| !part.is_empty());
        let address_place = place.collect::<Vec<_>>().join(", ");
        Contact::set(&mut contact.location, self.location.map(cell).unwrap_or_default());
        Contact::set(&mut contact.location, &address_place);
        for email in values(&self.emails) {
            contact.add_email(email);
        }
        for phone in values(&self.phones) {
            contact.add_phone(phone);
        }
        for website in values(&self.websites) {
            contact.add_url(website);
        }
        if let Some(birthday) = self.birthday {
            contact.set_birthday_text(cell(birthday));
        }
        for label in values(&self.labels) {
            // Google's own groups are written `* starred`, `* Friends`, `* myContacts`: the
            // starred and the system groups are labels like any other, but every saved
            // contact is in `myContacts`, which tells nothing.
            let label = label.trim_start_matches('*').trim();
            if !label.eq_ignore_ascii_case("myContacts") {
                contact.add_tag(label);
            }
        }
        for department in values(&self.org_departments) {
            contact.add_note(format!("Department: {department}"));
        }
        if let Some(notes) = self.notes {
            contact.add_note(cell(notes));
        }
        contact
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use kith_core::model::Birthday;
    use kith_core::values::MonthDay;

    fn records(text: &str) -> Vec<ContactRecord> {
        read(text).expect("a Google header").collect()
    }

    #[test]
    fn the_new_header_set_with_multi_values_and_labels() {
        let text = "First Name,Middle Name,Last Name,Nickname,Organization Name,Organization Title,Organization Department,Birthday,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,E-mail 2 - Label,E-mail 2 - Value,Phone 1 - Label,Phone 1 - Value,Address 1 - Label,Address 1 - City,Address 1 - Country,Website 1 - Label,Website 1 - Value\n\
            Ada,Augusta,Lovelace,Ada,Analytical Engines,Analyst,Research,--12-10,\"Met at the Royal Society.\nLoves math.\",* myContacts ::: Computing ::: * starred,* Work,ada@example.org ::: ada@engines.example,Home,ada@home.example,Mobile,+44 20 7946 0000 ::: +44 20 7946 0001,Work,London,UK,Profile,example.org/ada\n";
        let contact = records(text)[0].clone().expect("a good row");
        assert_eq!(contact.line, 2);
        assert_eq!(contact.name, "Ada Augusta Lovelace");
        assert_eq!(contact.org.as_deref(), Some("Analytical Engines"));
        assert_eq!(contact.title.as_deref(), Some("Analyst"));
        assert_eq!(contact.location.as_deref(), Some("London, UK"));
        assert_eq!(contact.emails, ["ada@example.org", "ada@engines.example", "ada@home.example"]);
        assert_eq!(contact.phones, ["+44 20 7946 0000", "+44 20 7946 0001"]);
        assert_eq!(contact.urls, ["https://example.org/ada"]);
        assert_eq!(contact.birthday, Some(Birthday::MonthDay(MonthDay { month: 12, day: 10 })));
        assert_eq!(contact.tags, ["computing", "starred"]);
        assert_eq!(contact.notes, ["Department: Research", "Met at the Royal Society.\nLoves math."]);
    }

    #[test]
    fn the_old_header_set_with_name_and_group_membership() {
        let text = "Name,Given Name,Additional Name,Family Name,Birthday,Location,Notes,Group Membership,E-mail 1 - Type,E-mail 1 - Value,Phone 1 - Type,Phone 1 - Value,Organization 1 - Type,Organization 1 - Name,Organization 1 - Title,Website 1 - Type,Website 1 - Value\n\
            Grace Hopper,Grace,,Hopper,1906-12-09,Arlington,,* myContacts ::: Navy Friends,* Work,grace@example.org,Mobile,+1 555 0100,,US Navy,Rear Admiral,,https://example.org/grace\n\
            ,Charles,,Babbage,,,,,,,,,,,,,\n";
        let records = records(text);
        let grace = records[0].clone().expect("a good row");
        assert_eq!(grace.name, "Grace Hopper");
        assert_eq!(grace.birthday, Some(Birthday::Date(date(1906, 12, 9))));
        assert_eq!(grace.location.as_deref(), Some("Arlington"));
        assert_eq!(grace.tags, ["navy-friends"]);
        assert_eq!(grace.org.as_deref(), Some("US Navy"));
        assert_eq!(grace.title.as_deref(), Some("Rear Admiral"));
        assert_eq!(grace.phones, ["+1 555 0100"]);
        let charles = records[1].clone().expect("a good row");
        assert_eq!(charles.name, "Charles Babbage", "the parts stand in for an empty Name");
    }

    #[test]
    fn a_contact_with_only_an_email_is_named_by_it_and_an_empty_one_is_malformed() {
        let text =
            "First Name,Last Name,Labels,E-mail 1 - Value\n,,* myContacts,someone@example.org\n,,* myContacts,\n";
        let records = records(text);
        assert_eq!(records[0].clone().map(|contact| contact.name), Ok("someone@example.org".to_string()));
        assert_eq!(records[1].clone().map_err(|malformed| malformed.line), Err(3));
    }

    #[test]
    fn googles_starred_and_system_groups_are_tags_except_my_contacts() {
        let text = "First Name,Last Name,Labels,E-mail 1 - Value\n\
            Ada,Lovelace,* myContacts ::: * starred ::: * Friends ::: *Coworkers ::: Book Club,ada@example.org\n";
        let contact = records(text)[0].clone().expect("a good row");
        assert_eq!(contact.tags, ["starred", "friends", "coworkers", "book-club"]);
    }

    #[test]
    fn a_linkedin_export_is_not_taken_for_google() {
        let error = read("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n").err();
        assert!(error.is_some_and(|error| error.message.starts_with("no Google Contacts header")));
    }
}
