//! Outlook Contacts CSV ("Comma Separated Values" from Outlook's export, or Outlook.com's
//! "Manage contacts → Export"): `First Name,Middle Name,Last Name,Title,Suffix,…,E-mail
//! Address,E-mail 2 Address,…,Mobile Phone,…,Job Title,Department,Company,…,Birthday,…,
//! Notes`, and the older desktop header that adds `E-mail Type` and `E-mail Display Name`
//! after each address (an Exchange address is an X.500 path there, not an email) and
//! `Categories`. Birthdays are written as the exporting machine's locale writes dates
//! (`3/22/1980`, `22/03/1980`), `0/0/00` when there is none.

use super::contact::{parse_slashed_date, slashed_numbers, DayOrder};
use super::table::Table;
use super::{Contact, ContactRecord, ReadError};
use csv::StringRecord;
use kith_core::values::check_email;

const FIRST_NAME: &str = "First Name";
const LAST_NAME: &str = "Last Name";
const EMAIL: &str = "E-mail Address";

pub(super) fn read(text: &str) -> Result<impl Iterator<Item = ContactRecord> + '_, ReadError> {
    let open = || {
        Table::open(
            text,
            is_outlook_header,
            "Outlook Contacts",
            "First Name,Middle Name,Last Name,Title,Suffix,…,E-mail Address,E-mail 2 Address,…,Notes",
        )
    };
    let table = open()?;
    let columns = Columns::of(&table);
    let order = day_order(open()?, &columns);
    Ok(table.map(move |row| {
        let (line, record) = row?;
        columns.contact(line, &record, order).finish()
    }))
}

fn is_outlook_header(cells: &[String]) -> bool {
    [FIRST_NAME, LAST_NAME, EMAIL].iter().all(|name| cells.iter().any(|cell| cell == name))
}

/// How this file writes dates: day first if any of its birthdays or anniversaries starts
/// with a number that cannot be a month (`22/03/1980`), else month first (`3/22/1980`).
fn day_order(table: Table<'_>, columns: &Columns) -> DayOrder {
    let dates = [columns.birthday, columns.anniversary];
    let day_first = table.flatten().any(|(_, record)| {
        dates
            .iter()
            .flatten()
            .filter_map(|&index| record.get(index))
            .any(|cell| slashed_numbers(cell).is_some_and(|(first, second, _)| first > 12 && second <= 12))
    });
    if day_first {
        DayOrder::DayFirst
    } else {
        DayOrder::MonthFirst
    }
}

/// An email column, and the type and display name columns that follow it in the old header.
struct EmailColumns {
    address: usize,
    kind: Option<usize>,
    display_name: Option<usize>,
}

/// Where each value lives in this export's header.
struct Columns {
    name_parts: Vec<usize>,
    nickname: Option<usize>,
    emails: Vec<EmailColumns>,
    phones: Vec<usize>,
    org: Option<usize>,
    title: Option<usize>,
    department: Option<usize>,
    location: Option<usize>,
    /// City and country of the business, home and other addresses, in that order.
    places: Vec<(Option<usize>, Option<usize>)>,
    web_pages: Vec<usize>,
    birthday: Option<usize>,
    anniversary: Option<usize>,
    categories: Option<usize>,
    /// Notes with a label: `Spouse: …`.
    labelled: Vec<(&'static str, usize)>,
    notes: Option<usize>,
}

impl Columns {
    fn of(table: &Table<'_>) -> Self {
        let column = |name: &str| table.column(name);
        let named = |names: &[&str]| names.iter().filter_map(|name| table.column(name)).collect::<Vec<_>>();
        let emails = ["E-mail", "E-mail 2", "E-mail 3"]
            .iter()
            .filter_map(|prefix| {
                Some(EmailColumns {
                    address: column(&format!("{prefix} Address"))?,
                    kind: column(&format!("{prefix} Type")),
                    display_name: column(&format!("{prefix} Display Name")),
                })
            })
            .collect();
        // Every phone column in header order, the assistant's and the faxes excepted.
        let phones = (0..table.header.len())
            .filter(|&index| {
                let name = table.header[index].as_str();
                (name.contains("Phone") && name != "Assistant's Phone") || name == "Callback"
            })
            .collect();
        let labelled = [("Spouse", "Spouse"), ("Manager", "Manager's Name"), ("Assistant", "Assistant's Name")]
            .into_iter()
            .filter_map(|(label, name)| Some((label, column(name)?)))
            .collect();
        Self {
            name_parts: named(&[FIRST_NAME, "Middle Name", LAST_NAME, "Suffix"]),
            nickname: column("Nickname"),
            emails,
            phones,
            org: column("Company"),
            title: column("Job Title"),
            department: column("Department"),
            location: column("Location"),
            places: ["Business", "Home", "Other"]
                .iter()
                .map(|kind| (column(&format!("{kind} City")), column(&format!("{kind} Country/Region"))))
                .collect(),
            web_pages: named(&["Web Page", "Personal Web Page"]),
            birthday: column("Birthday"),
            anniversary: column("Anniversary"),
            categories: column("Categories"),
            labelled,
            notes: column("Notes"),
        }
    }

    fn contact(&self, line: usize, record: &StringRecord, order: DayOrder) -> Contact {
        let cell = |index: usize| record.get(index).unwrap_or_default().trim();
        let optional = |index: Option<usize>| index.map(cell).unwrap_or_default();
        let mut contact = Contact::at(line);
        contact.name = Contact::name_from_parts(self.name_parts.iter().map(|&index| cell(index)));
        Contact::set(&mut contact.org, optional(self.org));
        Contact::set(&mut contact.title, optional(self.title));
        Contact::set(&mut contact.location, optional(self.location));
        for &(city, country) in &self.places {
            let place: Vec<&str> =
                [optional(city), optional(country)].into_iter().filter(|part| !part.is_empty()).collect();
            Contact::set(&mut contact.location, &place.join(", "));
        }
        for email in &self.emails {
            add_email(&mut contact, cell(email.address), optional(email.kind), optional(email.display_name));
        }
        for &phone in &self.phones {
            contact.add_phone(cell(phone));
        }
        for &page in &self.web_pages {
            contact.add_url(cell(page));
        }
        let birthday = optional(self.birthday);
        if !is_no_date(birthday) {
            match parse_slashed_date(birthday, order) {
                Some(date) => contact.set_birthday_text(&date.to_string()),
                None => contact.set_birthday_text(birthday),
            }
        }
        if let Some(categories) = self.categories {
            cell(categories).split([';', ',']).for_each(|category| contact.add_tag(category));
        }
        let nickname = optional(self.nickname);
        if !nickname.is_empty() && !contact.name.split_whitespace().any(|word| word == nickname) {
            contact.add_note(format!("Nickname: {nickname}"));
        }
        let department = optional(self.department);
        if !department.is_empty() {
            contact.add_note(format!("Department: {department}"));
        }
        for &(label, index) in &self.labelled {
            if !cell(index).is_empty() {
                contact.add_note(format!("{label}: {}", cell(index)));
            }
        }
        let anniversary = optional(self.anniversary);
        if !is_no_date(anniversary) {
            let written = parse_slashed_date(anniversary, order).map(|date| date.to_string());
            contact.add_note(format!("Anniversary: {}", written.as_deref().unwrap_or(anniversary)));
        }
        contact.add_note(optional(self.notes));
        contact
    }
}

/// Outlook's empty date: `0/0/00`, `00/00/0000`, or nothing.
fn is_no_date(text: &str) -> bool {
    text.chars().all(|c| c == '0' || c == '/' || c.is_whitespace())
}

/// Adds an Outlook address: an SMTP one as it is; an Exchange one (type `EX`, an X.500
/// path like `/o=ExchangeLabs/ou=…/cn=…`) by the address its display name shows
/// (`Ada Lovelace (ada@example.org)`), else not at all.
fn add_email(contact: &mut Contact, address: &str, kind: &str, display_name: &str) {
    let exchange = kind.eq_ignore_ascii_case("EX") || address.starts_with("/o=") || address.starts_with("/O=");
    if !exchange {
        contact.add_email(address);
        return;
    }
    let shown = display_name.rsplit_once('(').map_or(display_name, |(_, inside)| inside.trim_end_matches(')'));
    if check_email(shown.trim()).is_ok() {
        contact.add_email(shown);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use kith_core::model::Birthday;

    const HEADER: &str = "First Name,Middle Name,Last Name,Title,Suffix,Nickname,Given Yomi,Surname Yomi,E-mail Address,E-mail 2 Address,E-mail 3 Address,Home Phone,Home Phone 2,Business Phone,Business Phone 2,Mobile Phone,Car Phone,Other Phone,Primary Phone,Pager,Business Fax,Home Fax,Other Fax,Company Main Phone,Callback,Radio Phone,Telex,TTY/TDD Phone,IMAddress,Job Title,Department,Company,Office Location,Manager's Name,Assistant's Name,Assistant's Phone,Company Yomi,Business Street,Business City,Business State,Business Postal Code,Business Country/Region,Home Street,Home City,Home State,Home Postal Code,Home Country/Region,Other Street,Other City,Other State,Other Postal Code,Other Country/Region,Personal Web Page,Spouse,Schools,Hobby,Location,Web Page,Birthday,Anniversary,Notes\n";

    /// A row of the new header from (column, value) pairs; every other cell is empty.
    fn row(values: &[(&str, &str)]) -> String {
        let header: Vec<&str> = HEADER.trim_end().split(',').collect();
        let cells: Vec<String> = header
            .iter()
            .map(|name| {
                let value = values.iter().find(|(column, _)| column == name).map_or("", |(_, value)| *value);
                format!("\"{}\"", value.replace('"', "\"\""))
            })
            .collect();
        format!("{}\n", cells.join(","))
    }

    fn records(text: &str) -> Vec<ContactRecord> {
        read(text).expect("an Outlook header").collect()
    }

    #[test]
    fn a_row_of_the_current_header_becomes_a_contact() {
        let text = format!(
            "{HEADER}{}",
            row(&[
                ("First Name", "Ada"),
                ("Middle Name", "Augusta"),
                ("Last Name", "Lovelace"),
                ("Title", "Countess"),
                ("Nickname", "Ada"),
                ("E-mail Address", "ada@example.org"),
                ("E-mail 2 Address", "ada@engines.example"),
                ("Mobile Phone", "+44 20 7946 0000"),
                ("Business Fax", "+44 20 7946 0009"),
                ("Assistant's Phone", "+44 20 7946 0002"),
                ("Job Title", "Analyst"),
                ("Department", "Research"),
                ("Company", "Analytical Engines"),
                ("Business City", "London"),
                ("Business Country/Region", "United Kingdom"),
                ("Home City", "Marylebone"),
                ("Web Page", "example.org/ada"),
                ("Spouse", "William King"),
                ("Birthday", "12/10/1815"),
                ("Anniversary", "0/0/00"),
                ("Notes", "Met at the Royal Society.\r\nLoves math."),
            ])
        );
        let contact = records(&text).remove(0).expect("a good row");
        assert_eq!(contact.line, 2);
        assert_eq!(contact.name, "Ada Augusta Lovelace");
        assert_eq!(contact.org.as_deref(), Some("Analytical Engines"));
        assert_eq!(contact.title.as_deref(), Some("Analyst"));
        assert_eq!(contact.location.as_deref(), Some("London, United Kingdom"));
        assert_eq!(contact.emails, ["ada@example.org", "ada@engines.example"]);
        assert_eq!(contact.phones, ["+44 20 7946 0000"]);
        assert_eq!(contact.urls, ["https://example.org/ada"]);
        assert_eq!(contact.birthday, Some(Birthday::Date(date(1815, 12, 10))));
        assert_eq!(
            contact.notes,
            ["Department: Research", "Spouse: William King", "Met at the Royal Society.\nLoves math."]
        );
    }

    #[test]
    fn the_old_header_with_exchange_addresses_and_categories() {
        let text = "\"Title\",\"First Name\",\"Middle Name\",\"Last Name\",\"Suffix\",\"Company\",\"Department\",\"Job Title\",\"Business Street\",\"Business City\",\"Business Country/Region\",\"Business Phone\",\"Mobile Phone\",\"Birthday\",\"Categories\",\"E-mail Address\",\"E-mail Type\",\"E-mail Display Name\",\"E-mail 2 Address\",\"E-mail 2 Type\",\"E-mail 2 Display Name\",\"Nickname\",\"Notes\"\n\
            \"\",\"Grace\",\"\",\"Hopper\",\"\",\"US Navy\",\"\",\"Rear Admiral\",\"\",\"Arlington\",\"\",\"+1 555 0100\",\"\",\"9/12/1906\",\"Navy;Computing Pioneers\",\"/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=ghopper\",\"EX\",\"Grace Hopper (grace@navy.example)\",\"grace@example.org\",\"SMTP\",\"Grace Hopper (grace@example.org)\",\"Amazing Grace\",\"\"\n\
            \"\",\"Alan\",\"\",\"Turing\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"\",\"/o=Org/cn=aturing\",\"EX\",\"Alan Turing\",\"\",\"\",\"\",\"\",\"\"\n";
        let records = records(text);
        let grace = records[0].clone().expect("a good row");
        assert_eq!(grace.emails, ["grace@navy.example", "grace@example.org"]);
        assert_eq!(grace.tags, ["navy", "computing-pioneers"]);
        assert_eq!(grace.location.as_deref(), Some("Arlington"));
        assert_eq!(grace.birthday, Some(Birthday::Date(date(1906, 9, 12))));
        assert_eq!(grace.notes, ["Nickname: Amazing Grace"]);
        let alan = records[1].clone().expect("a good row");
        assert!(alan.emails.is_empty() && alan.notes.is_empty(), "an X.500 path is no email: {alan:?}");
    }

    #[test]
    fn a_file_whose_dates_cannot_be_month_first_is_read_day_first() {
        let text = format!(
            "{HEADER}{}{}{}",
            row(&[("First Name", "Ada"), ("Birthday", "10/12/1815")]),
            row(&[("First Name", "Grace"), ("Birthday", "22/03/1980"), ("Anniversary", "01/02/2001")]),
            row(&[("First Name", "Alan"), ("Birthday", "sometime")]),
        );
        let records = records(&text);
        let birthday = |index: usize| records[index].clone().expect("a good row").birthday;
        assert_eq!(birthday(0), Some(Birthday::Date(date(1815, 12, 10))));
        assert_eq!(birthday(1), Some(Birthday::Date(date(1980, 3, 22))));
        assert_eq!(records[1].clone().map(|grace| grace.notes), Ok(vec!["Anniversary: 2001-02-01".to_string()]));
        assert_eq!(records[2].clone().map(|alan| alan.notes), Ok(vec!["Birthday as exported: sometime".to_string()]));
    }

    #[test]
    fn a_row_without_any_name_is_malformed_and_other_exports_are_refused() {
        let records = records(&format!("{HEADER}{}", row(&[("Mobile Phone", "+1 555 0100")])));
        assert_eq!(records[0].clone().map_err(|malformed| malformed.line), Err(2));
        let google = read("First Name,Last Name,E-mail 1 - Value\nAda,Lovelace,ada@example.org\n").err();
        assert!(google.is_some_and(|error| error.message.starts_with("no Outlook Contacts header")));
    }
}
