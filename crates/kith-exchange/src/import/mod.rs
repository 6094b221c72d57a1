//! Importers: turn the exports people already have into their network. Contact exports
//! (LinkedIn's `Connections.csv`, vCard files, Google and Outlook Contacts CSV) give
//! people; the LinkedIn archive's messages, calendars and mailboxes give interactions.
//!
//! Reading is streaming: a reader yields one [`Record`] per record of the export — a
//! [`Contact`], an [`Exchange`] (an interaction between the owner and others), a record
//! deliberately [`Skip`]ped, or a [`Malformed`] one — so a caller can show progress. A
//! [`Merge`] then matches everyone against the network (one identity per person) and
//! returns the network's new text with the people and interactions that are new.
//!
//! ```
//! use kith_exchange::import::{read, Format, Merge, Options};
//! let csv = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
//!            Ada,Lovelace,,ada@example.org,Analytical Engines,Analyst,12 Mar 2024\n";
//! let today = jiff::civil::date(2026, 11, 25);
//! let mut merge = Merge::new("", today, Options::default());
//! for record in read(Format::LinkedIn, csv).expect("a LinkedIn header") {
//!     merge.add(record);
//! }
//! let merged = merge.finish();
//! assert!(merged.text.contains("person ada-lovelace \"Ada Lovelace\""));
//! assert_eq!(merged.summary.people_added, 1);
//! ```

mod contact;
mod google;
mod ics;
mod linkedin;
mod mbox;
mod merge;
mod outlook;
mod table;
mod vcard;

pub use contact::Contact;
pub use ics::read as read_calendar;
pub use linkedin::archive::LinkedInExport;
pub use mbox::read as read_mailbox;
pub use merge::{Merge, Merged, Options, Owner, Summary};

use jiff::civil::Date;

/// The text exports kith can read whole (a LinkedIn archive and a mailbox have readers of
/// their own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// LinkedIn's `Connections.csv` (Settings → Data privacy → Get a copy of your data).
    LinkedIn,
    /// A `.vcf` file of one or more vCards, version 2.1, 3.0 or 4.0.
    VCard,
    /// A Google Contacts CSV export ("Google CSV"), old or new column names.
    Google,
    /// An Outlook Contacts CSV export (`First Name,Middle Name,Last Name,…,E-mail Address,…`).
    Outlook,
}

/// What one record of an export says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// Someone to know: a person of the network, new or already there.
    Contact(Contact),
    /// An interaction between the export's owner and others: a message, a mail, a meeting.
    Exchange(Exchange),
    /// A record left out on purpose, and why.
    Skipped(Skip),
}

/// What reading one record of an export gives.
pub type Record = Result<Item, Malformed>;

/// What a reader of contacts gives for one record.
type ContactRecord = Result<Contact, Malformed>;

/// One interaction an export records: who took part, on which day, what it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exchange {
    /// The 1-based line where the record starts in the export (for a zip archive, in the
    /// file inside it).
    pub line: usize,
    /// The day it happened, in the time zone it happened in (a meeting's local date).
    pub date: Date,
    /// The interaction kind to log, a built-in kind id: `message`, `email`, `meet`,
    /// `video` or `call`.
    pub kind: &'static str,
    /// A subject, a title or the first words, for the note; may be empty.
    pub summary: String,
    /// Who wrote it or organised it, when the export says.
    pub from: Option<Party>,
    /// Everyone else who took part: recipients, attendees.
    pub to: Vec<Party>,
}

/// One participant of an [`Exchange`], as the export names them: any of an address, a
/// profile and a name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Party {
    pub name: Option<String>,
    /// An email address kith accepts (`kith_core::values::check_email`).
    pub email: Option<String>,
    /// A profile URL, e.g. `https://www.linkedin.com/in/ada`.
    pub profile: Option<String>,
    /// They declined (a calendar's `PARTSTAT=DECLINED`): they did not take part.
    pub declined: bool,
}

/// A record an importer leaves out on purpose, such as a group conversation or bulk mail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skip {
    /// The 1-based line where the record starts.
    pub line: usize,
    /// Why, as a plural noun phrase for the summary: "group conversations", "bulk mail".
    pub reason: &'static str,
}

/// A record of the export that could not be read; it is skipped and reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    /// The file inside an archive or folder the record is in (`messages.csv`), if any.
    pub file: Option<String>,
    /// The 1-based line where the record starts.
    pub line: usize,
    /// What is wrong with it, e.g. "3 fields where the header has 7".
    pub message: String,
}

impl Malformed {
    pub fn new(line: usize, message: impl Into<String>) -> Self {
        Self { file: None, line, message: message.into() }
    }

    /// The same, in `file` of an archive or folder.
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        self.file = Some(file.into());
        self
    }
}

/// Why a whole file cannot be read as the format asked for (nothing is imported).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    pub message: String,
}

impl ReadError {
    fn new(message: impl Into<String>) -> Self {
        Self { message: message.into() }
    }
}

/// The records of `text`, an export in `format`, in file order. A leading byte-order mark
/// is ignored. Fails when the text is not that kind of export at all (no LinkedIn or Google
/// header, no vCard).
pub fn read(format: Format, text: &str) -> Result<Box<dyn Iterator<Item = Record> + '_>, ReadError> {
    let text = kith_core::text::strip_bom(text);
    fn contacts<'t>(records: impl Iterator<Item = ContactRecord> + 't) -> Box<dyn Iterator<Item = Record> + 't> {
        Box::new(records.map(|record| record.map(Item::Contact)))
    }
    Ok(match format {
        Format::LinkedIn => contacts(linkedin::read(text)?),
        Format::VCard => contacts(vcard::read(text)?),
        Format::Google => contacts(google::read(text)?),
        Format::Outlook => contacts(outlook::read(text)?),
    })
}
