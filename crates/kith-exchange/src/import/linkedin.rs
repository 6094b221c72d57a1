//! LinkedIn's `Connections.csv`: a "Notes:" preamble, then
//! `First Name,Last Name,URL,Email Address,Company,Position,Connected On` (older exports
//! lack `URL`), dates like `12 Mar 2024`, and emails only where people shared them.

use super::table::Table;
use super::{Contact, ReadError, Record};
use jiff::civil::Date;

/// The story of the `met` line of every LinkedIn connection.
const MET_STORY: &str = "Connected on LinkedIn";

const FIRST_NAME: &str = "First Name";
const LAST_NAME: &str = "Last Name";
const CONNECTED_ON: &str = "Connected On";

pub(super) fn read(text: &str) -> Result<impl Iterator<Item = Record> + '_, ReadError> {
    let is_header = |cells: &[String]| {
        [FIRST_NAME, LAST_NAME, CONNECTED_ON].iter().all(|name| cells.iter().any(|cell| cell == name))
    };
    let table = Table::open(
        text,
        is_header,
        "LinkedIn",
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
    )?;
    let column = |name: &str| table.column(name);
    let columns = Columns {
        first_name: column(FIRST_NAME),
        last_name: column(LAST_NAME),
        url: column("URL"),
        email: column("Email Address"),
        company: column("Company"),
        position: column("Position"),
        connected_on: column(CONNECTED_ON),
    };
    Ok(table.map(move |row| {
        let (line, record) = row?;
        let cell = |index: Option<usize>| index.and_then(|index| record.get(index)).unwrap_or_default();
        let mut contact = Contact::at(line);
        contact.name = Contact::name_from_parts([cell(columns.first_name), cell(columns.last_name)]);
        contact.add_url(cell(columns.url));
        contact.add_email(cell(columns.email));
        Contact::set(&mut contact.org, cell(columns.company));
        Contact::set(&mut contact.title, cell(columns.position));
        let connected_on = cell(columns.connected_on).trim();
        if !connected_on.is_empty() {
            match parse_connected_on(connected_on) {
                Some(date) => contact.met = Some((date, MET_STORY.to_string())),
                None => contact.add_note(format!("{MET_STORY} on {connected_on}")),
            }
        }
        contact.finish()
    }))
}

struct Columns {
    first_name: Option<usize>,
    last_name: Option<usize>,
    url: Option<usize>,
    email: Option<usize>,
    company: Option<usize>,
    position: Option<usize>,
    connected_on: Option<usize>,
}

/// `12 Mar 2024` (LinkedIn's form, also `12 March 2024`), or `2024-03-12`.
fn parse_connected_on(text: &str) -> Option<Date> {
    ["%d %b %Y", "%d %B %Y", "%Y-%m-%d"]
        .iter()
        .find_map(|format| jiff::fmt::strtime::parse(format, text).ok().and_then(|parsed| parsed.to_date().ok()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::Malformed;
    use jiff::civil::date;

    const HEADER: &str = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";

    fn records(text: &str) -> Vec<Record> {
        read(text).expect("a LinkedIn header").collect()
    }

    #[test]
    fn a_row_becomes_a_contact_met_on_the_connection_date() {
        let text = format!(
            "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n{HEADER}Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,\"Analytical Engines, Ltd\",\"Chief \"\"Numbers\"\" Officer\",12 Mar 2024\n"
        );
        let records = records(&text);
        let contact = records[0].clone().expect("a good row");
        assert_eq!(contact.line, 5);
        assert_eq!(contact.name, "Ada Lovelace");
        assert_eq!(contact.urls, ["https://www.linkedin.com/in/ada-lovelace"]);
        assert!(contact.emails.is_empty());
        assert_eq!(contact.org.as_deref(), Some("Analytical Engines, Ltd"));
        assert_eq!(contact.title.as_deref(), Some("Chief \"Numbers\" Officer"));
        assert_eq!(contact.met, Some((date(2024, 3, 12), MET_STORY.to_string())));
    }

    #[test]
    fn older_exports_without_a_url_column_are_read_by_header_names() {
        let text = "First Name,Last Name,Email Address,Company,Position,Connected On\nGrace,Hopper,grace@example.org,Navy,Rear Admiral,01 Jan 2019\n";
        let contact = records(text)[0].clone().expect("a good row");
        assert_eq!(contact.emails, ["grace@example.org"]);
        assert_eq!(contact.org.as_deref(), Some("Navy"));
        assert_eq!(contact.met.map(|(date, _)| date), Some(date(2019, 1, 1)));
    }

    #[test]
    fn a_nameless_row_is_malformed_and_an_odd_date_becomes_a_note() {
        let text = format!("{HEADER},,,,,,05 Feb 2021\nAlan,Turing,,,,,sometime in 1950\n");
        let records = records(&text);
        assert_eq!(
            records[0],
            Err(Malformed { line: 2, message: "no name, organisation or email to know them by".into() })
        );
        let alan = records[1].clone().expect("a good row");
        assert_eq!(alan.met, None);
        assert_eq!(alan.notes, ["Connected on LinkedIn on sometime in 1950"]);
    }

    #[test]
    fn dates_read_in_every_spelling_linkedin_used() {
        assert_eq!(parse_connected_on("12 Mar 2024"), Some(date(2024, 3, 12)));
        assert_eq!(parse_connected_on("02 September 2023"), Some(date(2023, 9, 2)));
        assert_eq!(parse_connected_on("2024-03-12"), Some(date(2024, 3, 12)));
        assert_eq!(parse_connected_on("30 Feb 2024"), None);
    }

    #[test]
    fn a_google_export_is_not_taken_for_linkedin() {
        let error = read("First Name,Last Name,E-mail 1 - Value\nAda,Lovelace,ada@example.org\n").err();
        assert!(error.is_some_and(|error| error.message.starts_with("no LinkedIn")));
    }
}
