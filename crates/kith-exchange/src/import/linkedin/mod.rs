//! LinkedIn's exports. `Connections.csv` (here): a "Notes:" preamble or none, then
//! `First Name,Last Name,URL,Email Address,Company,Position,Connected On` (older exports
//! lack `URL`), dates like `12 Mar 2024` or, in older and re-saved files, `1/8/18, 6:14 PM`,
//! and emails only where people shared them. The whole archive, with its messages and
//! invitations, is read by [`archive::LinkedInExport`].

pub(super) mod archive;
mod invitations;
mod messages;

use super::contact::{parse_slashed_date, DayOrder};
use super::table::Table;
use super::{Contact, ContactRecord, Item, Malformed, ReadError, Record, Skip};
use jiff::civil::Date;
use kith_core::values::url_identity;
use std::collections::BTreeMap;

/// The story of the `met` line of every LinkedIn connection.
const MET_STORY: &str = "Connected on LinkedIn";

/// Why a connection row with nothing but its date is left out: LinkedIn keeps the rows of
/// members who closed their account, without their name or profile.
const DELETED_MEMBERS: &str = "deleted LinkedIn members";

const FIRST_NAME: &str = "First Name";
const LAST_NAME: &str = "Last Name";
const CONNECTED_ON: &str = "Connected On";

/// The invitation messages of an export by the profile (its `url_identity`) of the
/// connection they went to or came from.
type Stories = BTreeMap<String, String>;

/// The contacts of a lone `Connections.csv` and its malformed rows; the rows of deleted
/// members are left out.
pub(super) fn read(text: &str) -> Result<impl Iterator<Item = ContactRecord> + '_, ReadError> {
    Ok(connections(text, None, Stories::new())?.filter_map(|record| match record {
        Ok(Item::Contact(contact)) => Some(Ok(contact)),
        Ok(_) => None,
        Err(malformed) => Some(Err(malformed)),
    }))
}

/// The records of a `Connections.csv` (named `file` inside an archive or folder): a
/// contact per connection, whose `met` story holds the invitation message `stories` has
/// for their profile; the rows of deleted members skipped; malformed rows.
fn connections<'t>(
    text: &'t str,
    file: Option<&'t str>,
    stories: Stories,
) -> Result<impl Iterator<Item = Record> + 't, ReadError> {
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
    let in_file = move |malformed: Malformed| match file {
        Some(file) => malformed.in_file(file),
        None => malformed,
    };
    Ok(table.map(move |row| {
        let (line, record) = row.map_err(in_file)?;
        let cell = |index: Option<usize>| index.and_then(|index| record.get(index)).unwrap_or_default();
        let only_a_date = record
            .iter()
            .enumerate()
            .all(|(index, value)| Some(index) == columns.connected_on || value.trim().is_empty());
        if only_a_date {
            return Ok(Item::Skipped(Skip { line, reason: DELETED_MEMBERS }));
        }
        let mut contact = Contact::at(line);
        contact.name = Contact::name_from_parts([cell(columns.first_name), cell(columns.last_name)]);
        contact.add_url(cell(columns.url));
        contact.add_email(cell(columns.email));
        Contact::set(&mut contact.org, cell(columns.company));
        Contact::set(&mut contact.title, cell(columns.position));
        let connected_on = cell(columns.connected_on).trim();
        if !connected_on.is_empty() {
            match parse_linkedin_date(connected_on) {
                Some(date) => {
                    let invitation = contact.urls.first().and_then(|url| stories.get(&url_identity(url)));
                    let story = match invitation {
                        Some(message) => format!("{MET_STORY}: {message}"),
                        None => MET_STORY.to_string(),
                    };
                    contact.met = Some((date, story));
                }
                None => contact.add_note(format!("{MET_STORY} on {connected_on}")),
            }
        }
        contact.finish().map(Item::Contact).map_err(in_file)
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

/// A date as LinkedIn has written it over the years: `12 Mar 2024` (also `12 March
/// 2024`), `1/8/18, 6:14 PM` (month first), `2024-03-12` and `2026-04-06 16:35:35 UTC`
/// (the day of a UTC time), and as a spreadsheet re-saves it: `8-Jan-18`, `Jan 8, 2018`,
/// `1/8/2018 18:14`. A year before 1900 or after 2999 (`09 May -23`) is no LinkedIn date.
fn parse_linkedin_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let strtime = |format: &str, text: &str| {
        jiff::fmt::strtime::parse(format, text).ok().and_then(|parsed| parsed.to_date().ok())
    };
    let first_word = text.split([' ', 'T']).next().unwrap_or_default();
    ["%d %b %Y", "%d %B %Y", "%b %d, %Y", "%B %d, %Y", "%d-%b-%y", "%d-%b-%Y"]
        .iter()
        .find_map(|format| strtime(format, text))
        .or_else(|| strtime("%Y-%m-%d", first_word))
        .or_else(|| parse_slashed_date(text, DayOrder::MonthFirst))
        .filter(|date| (1900..=2999).contains(&date.year()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const HEADER: &str = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";

    fn records(text: &str) -> Vec<Record> {
        connections(text, None, Stories::new()).expect("a LinkedIn header").collect()
    }

    fn contact(record: &Record) -> Contact {
        match record {
            Ok(Item::Contact(contact)) => contact.clone(),
            other => panic!("not a contact: {other:?}"),
        }
    }

    #[test]
    fn a_row_becomes_a_contact_met_on_the_connection_date() {
        let text = format!(
            "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\n{HEADER}Ada,Lovelace,https://www.linkedin.com/in/ada-lovelace,,\"Analytical Engines, Ltd\",\"Chief \"\"Numbers\"\" Officer\",12 Mar 2024\n"
        );
        let contact = contact(&records(&text)[0]);
        assert_eq!(contact.line, 5);
        assert_eq!(contact.name, "Ada Lovelace");
        assert_eq!(contact.urls, ["https://www.linkedin.com/in/ada-lovelace"]);
        assert!(contact.emails.is_empty());
        assert_eq!(contact.org.as_deref(), Some("Analytical Engines, Ltd"));
        assert_eq!(contact.title.as_deref(), Some("Chief \"Numbers\" Officer"));
        assert_eq!(contact.met, Some((date(2024, 3, 12), MET_STORY.to_string())));
    }

    #[test]
    fn older_exports_without_a_url_column_or_preamble_are_read_by_header_names() {
        let text = "First Name,Last Name,Email Address,Company,Position,Connected On\nGrace,Hopper,grace@example.org,Navy,Rear Admiral,\"1/8/18, 6:14 PM\"\n";
        let contact = contact(&records(text)[0]);
        assert_eq!(contact.emails, ["grace@example.org"]);
        assert_eq!(contact.org.as_deref(), Some("Navy"));
        assert_eq!(contact.met.map(|(date, _)| date), Some(date(2018, 1, 8)));
    }

    #[test]
    fn a_deleted_members_row_is_skipped_and_a_nameless_one_is_malformed() {
        let text = format!("{HEADER},,,,,,05 Feb 2021\n,,https://www.linkedin.com/in/someone,,,,05 Feb 2021\nAlan,Turing,,,,,sometime in 1950\n");
        let records = records(&text);
        assert_eq!(records[0], Ok(Item::Skipped(Skip { line: 2, reason: DELETED_MEMBERS })));
        assert_eq!(records[1], Err(Malformed::new(3, "no name, organisation or email to know them by")));
        let alan = contact(&records[2]);
        assert_eq!(alan.met, None);
        assert_eq!(alan.notes, ["Connected on LinkedIn on sometime in 1950"]);
    }

    #[test]
    fn a_lone_file_gives_contacts_and_malformed_rows_only() {
        let text = format!("{HEADER},,,,,,05 Feb 2021\n,,,,,,\nAda,Lovelace,,,,,\n\",,,,,,x\n");
        let records: Vec<ContactRecord> = read(&text).expect("a LinkedIn header").collect();
        assert_eq!(records.len(), 2, "{records:?}");
        assert_eq!(records[0].clone().map(|contact| contact.name), Ok("Ada Lovelace".to_string()));
        assert_eq!(records[1].clone().map_err(|malformed| malformed.line), Err(5));
    }

    #[test]
    fn an_invitation_message_tells_the_story_and_malformed_rows_name_their_file() {
        let url = "https://www.linkedin.com/in/grace-hopper";
        let stories = Stories::from([(url_identity(url), "Loved your talk on compilers".to_string())]);
        let text = format!("{HEADER}Grace,Hopper,{url}/,,,,08 Jan 2018\nAda,Lovelace,,,,,08 Jan 2018\nx,,,\n");
        let records: Vec<Record> = connections(&text, Some("Connections.csv"), stories).expect("a header").collect();
        let story = |record: &Record| contact(record).met.map(|(_, story)| story);
        assert_eq!(story(&records[0]).as_deref(), Some("Connected on LinkedIn: Loved your talk on compilers"));
        assert_eq!(story(&records[1]).as_deref(), Some(MET_STORY));
        assert_eq!(
            records[2],
            Err(Malformed::new(4, "4 fields where the header has 7 (an unquoted comma?)").in_file("Connections.csv"))
        );
    }

    #[test]
    fn dates_read_in_every_spelling_linkedin_and_spreadsheets_used() {
        let jan_8 = Some(date(2018, 1, 8));
        for text in [
            "08 Jan 2018",
            "8 January 2018",
            "1/8/18, 6:14 PM",
            "1/8/2018 18:14",
            "2018-01-08",
            "8-Jan-18",
            "Jan 8, 2018",
        ] {
            assert_eq!(parse_linkedin_date(text), jan_8, "{text}");
        }
        assert_eq!(parse_linkedin_date("2026-04-06 16:35:35 UTC"), Some(date(2026, 4, 6)));
        assert_eq!(parse_linkedin_date("02 September 2023"), Some(date(2023, 9, 2)));
        assert_eq!(parse_linkedin_date("30 Feb 2024"), None);
        assert_eq!(parse_linkedin_date("09 May -23"), None, "a negative year would not read back");
        assert_eq!(parse_linkedin_date("-0023-05-09 10:00:00 UTC"), None);
        assert_eq!(parse_linkedin_date("sometime"), None);
    }

    #[test]
    fn a_google_export_is_not_taken_for_linkedin() {
        let error = read("First Name,Last Name,E-mail 1 - Value\nAda,Lovelace,ada@example.org\n").err();
        assert!(error.is_some_and(|error| error.message.starts_with("no LinkedIn")));
    }
}
