//! LinkedIn's data archive as LinkedIn delivers it (`Basic_LinkedInDataExport_MM-DD-YYYY.zip`,
//! `Complete_LinkedInDataExport_….zip`, its CSVs at the top or in a folder inside), the
//! folder it unzips to, or a lone `Connections.csv`. Of its files three matter:
//! `Connections.csv` (people), `messages.csv` (interactions) and `Invitations.csv` (how
//! connections began). A zip is read in memory, only those three entries are inflated,
//! and each is streamed under a cap whatever size it declares, so a zip bomb is refused.

use super::super::{ReadError, Record};
use super::invitations::{self, Invitations};
use super::{connections, messages, Stories};
use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// How much an archive's files may hold once inflated, in bytes.
#[derive(Debug, Clone, Copy)]
struct Limits {
    /// One file.
    file: u64,
    /// The files read, together.
    total: u64,
}

impl Limits {
    /// 512 MB a file, 1 GB in all: a hundred times the messages of a busy member.
    const OF_AN_EXPORT: Limits = Limits { file: 512 * 1024 * 1024, total: 1024 * 1024 * 1024 };
}

/// The files of an export that kith reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Part {
    Connections,
    Invitations,
    Messages,
}

impl Part {
    const ALL: [Part; 3] = [Part::Connections, Part::Invitations, Part::Messages];

    fn file_name(self) -> &'static str {
        match self {
            Part::Connections => "Connections.csv",
            Part::Invitations => "Invitations.csv",
            Part::Messages => "messages.csv",
        }
    }

    /// The part a path of an archive or folder is, by its file name in any case; macOS's
    /// `__MACOSX/` copies and `._` resource files are none.
    fn of_path(path: &str) -> Option<Part> {
        let mut components = path.split(['/', '\\']).filter(|component| !component.is_empty());
        if components.clone().any(|component| component == "__MACOSX") {
            return None;
        }
        let file_name = components.next_back()?;
        Part::ALL.into_iter().find(|part| part.file_name().eq_ignore_ascii_case(file_name))
    }
}

/// One CSV of the export: its name in the archive or folder, and its text.
struct ExportFile {
    name: String,
    text: String,
}

impl ExportFile {
    /// `error` about this file, naming it.
    fn error(&self, error: ReadError) -> ReadError {
        ReadError::new(format!("`{}`: {}", self.name, error.message))
    }
}

/// A LinkedIn export's files, read and ready to give their records (as often as asked).
pub struct LinkedInExport {
    connections: Option<ExportFile>,
    invitations: Option<ExportFile>,
    messages: Option<ExportFile>,
    /// A lone `Connections.csv`: its records and errors name no file inside it.
    alone: bool,
}

impl LinkedInExport {
    /// The archive as LinkedIn delivers it. Fails when it is not a readable zip (cut off,
    /// damaged), holds none of the export's files, or when one of them cannot be read, is
    /// larger than 512 MB inflated (1 GB together) or is not UTF-8 text.
    pub fn from_zip(bytes: &[u8]) -> Result<Self, ReadError> {
        Self::from_zip_within(bytes, Limits::OF_AN_EXPORT)
    }

    fn from_zip_within(bytes: &[u8], limits: Limits) -> Result<Self, ReadError> {
        let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|error| {
            ReadError::new(format!("it is not a readable zip archive ({error}): it may be cut off or damaged"))
        })?;
        let names: Vec<(usize, String)> = (0..archive.len())
            .filter_map(|index| Some((index, archive.name_for_index(index)?.ok()?.into_owned())))
            .filter(|(_, name)| !name.ends_with('/'))
            .collect();
        let mut budget = limits.total;
        let mut files = Vec::new();
        for (part, (index, name)) in choose(names) {
            let unreadable = |error: &dyn std::fmt::Display| {
                ReadError::new(format!(
                    "`{name}` in the archive cannot be read ({error}): it may be cut off or damaged"
                ))
            };
            let entry = archive.by_index(index).map_err(|error| unreadable(&error))?;
            let limit = limits.file.min(budget);
            let mut bytes = Vec::new();
            entry.take(limit + 1).read_to_end(&mut bytes).map_err(|error| unreadable(&error))?;
            let size = bytes.len() as u64;
            if size > limit {
                let (what, cap) =
                    if limit < limits.file { ("with the files before it ", limits.total) } else { ("", limits.file) };
                return Err(ReadError::new(format!(
                    "`{name}` in the archive inflates {what}to more than {}: not a LinkedIn export",
                    megabytes(cap)
                )));
            }
            budget -= size;
            files.push((part, ExportFile { text: text_of(&name, bytes, "in the archive")?, name }));
        }
        Self::of_parts(files, "the archive")
    }

    /// The files of an unzipped archive: names relative to its folder, and contents.
    /// Fails when none of them is a file of the export, or one that is is not UTF-8 text.
    pub fn from_files(files: Vec<(String, Vec<u8>)>) -> Result<Self, ReadError> {
        let mut contents: BTreeMap<String, Vec<u8>> = files.into_iter().collect();
        let chosen = choose(contents.keys().cloned().enumerate());
        let mut parts = Vec::new();
        for (part, (_, name)) in chosen {
            let bytes = contents.remove(&name).unwrap_or_default();
            parts.push((part, ExportFile { text: text_of(&name, bytes, "in the folder")?, name }));
        }
        Self::of_parts(parts, "the folder")
    }

    /// A lone `Connections.csv`.
    pub fn from_connections(text: String) -> Self {
        let text = kith_core::text::strip_bom(&text).to_string();
        let connections = Some(ExportFile { name: Part::Connections.file_name().to_string(), text });
        Self { connections, invitations: None, messages: None, alone: true }
    }

    fn of_parts(parts: Vec<(Part, ExportFile)>, place: &str) -> Result<Self, ReadError> {
        let mut export = Self { connections: None, invitations: None, messages: None, alone: false };
        for (part, file) in parts {
            let slot = match part {
                Part::Connections => &mut export.connections,
                Part::Invitations => &mut export.invitations,
                Part::Messages => &mut export.messages,
            };
            *slot = Some(file);
        }
        if export.connections.is_none() && export.invitations.is_none() && export.messages.is_none() {
            return Err(ReadError::new(format!(
                "{place} holds no Connections.csv, messages.csv or Invitations.csv (the files of a LinkedIn data export)"
            )));
        }
        Ok(export)
    }

    /// Every record of the export: the connections (their `met` stories told by the
    /// invitations), the malformed rows of `Invitations.csv`, then the messages. Fails
    /// when a file of the export is some other table.
    pub fn records(&self) -> Result<Box<dyn Iterator<Item = Record> + '_>, ReadError> {
        let Invitations { stories, malformed } = match &self.invitations {
            Some(file) => invitations::read(&file.text, &file.name).map_err(|error| file.error(error))?,
            None => Invitations { stories: Stories::new(), malformed: Vec::new() },
        };
        let people: Box<dyn Iterator<Item = Record>> = match &self.connections {
            Some(file) if self.alone => Box::new(connections(&file.text, None, stories)?),
            Some(file) => {
                Box::new(connections(&file.text, Some(&file.name), stories).map_err(|error| file.error(error))?)
            }
            None => Box::new(std::iter::empty()),
        };
        let messages = match &self.messages {
            Some(file) => messages::read(&file.text, &file.name).map_err(|error| file.error(error))?,
            None => Vec::new(),
        };
        Ok(Box::new(people.chain(malformed.into_iter().map(Err)).chain(messages)))
    }
}

/// `bytes` in megabytes, for a message: `512 MB`, `0.5 MB`.
fn megabytes(bytes: u64) -> String {
    let megabytes = bytes as f64 / (1024.0 * 1024.0);
    format!("{megabytes} MB")
}

/// For each part of the export, the path (with its index) that holds it: the one nearest
/// the top, then the first in byte order, so that the choice never depends on the order of
/// the entries.
fn choose(paths: impl IntoIterator<Item = (usize, String)>) -> BTreeMap<Part, (usize, String)> {
    let depth = |path: &str| path.matches(['/', '\\']).count();
    let mut chosen: BTreeMap<Part, (usize, String)> = BTreeMap::new();
    for (index, path) in paths {
        let Some(part) = Part::of_path(&path) else { continue };
        let better = chosen.get(&part).is_none_or(|(_, known)| (depth(&path), &path) < (depth(known), known));
        if better {
            chosen.insert(part, (index, path));
        }
    }
    chosen
}

/// The text of the file `name` (`place`: "in the archive"), without a byte-order mark; an
/// error naming the file and its first bad line when it is not UTF-8.
fn text_of(name: &str, bytes: Vec<u8>, place: &str) -> Result<String, ReadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ReadError::new(format!("`{name}` {place} is UTF-16 text, not UTF-8")));
    }
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&byte| byte == b'\n').count() + 1;
        ReadError::new(format!("`{name}` {place} is not UTF-8 text (first invalid byte on line {line})"))
    })?;
    Ok(kith_core::text::strip_bom(&text).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Item, Malformed};
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    use zip::{CompressionMethod, ZipWriter};

    const CONNECTIONS: &str = "\u{feff}Notes:\n\"Some emails are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\n\
        Grace,Hopper,https://www.linkedin.com/in/grace-hopper,,US Navy,Rear Admiral,08 Jan 2018\n,,,,,,05 Feb 2021\n";
    const INVITATIONS: &str = "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n\
        Ada Lovelace,Grace Hopper,\"1/7/18, 6:14 PM\",Loved your talk,OUTGOING,https://www.linkedin.com/in/ada-lovelace,https://www.linkedin.com/in/grace-hopper\n";
    const MESSAGES: &str = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n\
        c1,,Grace Hopper,https://www.linkedin.com/in/grace-hopper,Ada Lovelace,https://www.linkedin.com/in/ada-lovelace,2026-04-06 16:35:35 UTC,,Hello,INBOX\n\
        c1,,Grace Hopper,https://www.linkedin.com/in/grace-hopper,Ada Lovelace,https://www.linkedin.com/in/ada-lovelace,someday,,Hello,INBOX\n";

    fn zip_of(files: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
        let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        for (name, bytes) in files {
            writer.start_file(*name, options).expect("an entry");
            writer.write_all(bytes).expect("written");
        }
        writer.finish().expect("a zip").into_inner()
    }

    fn export_files() -> Vec<(&'static str, &'static [u8])> {
        vec![
            ("Connections.csv", CONNECTIONS.as_bytes()),
            ("Invitations.csv", INVITATIONS.as_bytes()),
            ("messages.csv", MESSAGES.as_bytes()),
            ("Profile.csv", b"First Name,Last Name\nAda,Lovelace\n"),
        ]
    }

    fn records(export: &LinkedInExport) -> Vec<Record> {
        export.records().expect("the export's tables").collect()
    }

    #[test]
    fn an_archive_gives_its_connections_with_their_stories_then_its_messages() {
        let export = LinkedInExport::from_zip(&zip_of(&export_files())).expect("a readable archive");
        let records = records(&export);
        assert_eq!(records.len(), 4, "{records:#?}");
        match &records[0] {
            Ok(Item::Contact(grace)) => {
                assert_eq!(
                    grace.met.as_ref().map(|(_, story)| story.as_str()),
                    Some("Connected on LinkedIn: Loved your talk")
                );
            }
            other => panic!("not a contact: {other:?}"),
        }
        assert!(matches!(&records[1], Ok(Item::Skipped(skip)) if skip.reason == "deleted LinkedIn members"));
        assert!(matches!(&records[2], Ok(Item::Exchange(exchange)) if exchange.summary == "Hello"));
        assert_eq!(
            records[3],
            Err(Malformed::new(3, "`someday` is not a date (expected one like `2026-04-06 16:35:35 UTC`)")
                .in_file("messages.csv"))
        );
    }

    #[test]
    fn the_files_may_sit_in_a_folder_and_the_folder_reads_as_the_zip_does() {
        let at_top = records(&LinkedInExport::from_zip(&zip_of(&export_files())).expect("an archive"));
        let nested: Vec<(String, &[u8])> = export_files()
            .into_iter()
            .map(|(name, bytes)| (format!("Basic_LinkedInDataExport_11-20-2026/{name}"), bytes))
            .collect();
        let mut with_copies: Vec<(&str, &[u8])> = nested.iter().map(|(name, bytes)| (name.as_str(), *bytes)).collect();
        with_copies.push(("__MACOSX/._Connections.csv", b"\x00\x05\x16\x07"));
        with_copies.push(("Basic_LinkedInDataExport_11-20-2026/old/Connections.csv", b"First Name\n"));
        let in_folder = records(&LinkedInExport::from_zip(&zip_of(&with_copies)).expect("an archive"));
        let files = export_files().into_iter().map(|(name, bytes)| (name.to_string(), bytes.to_vec())).collect();
        let unzipped = records(&LinkedInExport::from_files(files).expect("a folder"));
        assert_eq!(at_top, unzipped);
        let without_files = |records: Vec<Record>| -> Vec<Record> {
            records
                .into_iter()
                .map(|record| record.map_err(|malformed| Malformed { file: None, ..malformed }))
                .collect()
        };
        assert_eq!(without_files(in_folder), without_files(at_top));
    }

    #[test]
    fn a_cut_off_or_damaged_archive_is_refused() {
        let whole = zip_of(&export_files());
        let error = LinkedInExport::from_zip(&whole[..whole.len() / 2]).err().expect("refused");
        assert!(error.message.starts_with("it is not a readable zip archive"), "{}", error.message);
        let mut damaged = whole;
        let data = damaged.windows(4).position(|window| window == b"PK\x03\x04").expect("an entry") + 60;
        damaged[data..data + 8].fill(0xAA);
        let error = LinkedInExport::from_zip(&damaged).err().expect("refused");
        assert!(error.message.contains("in the archive cannot be read"), "{}", error.message);
    }

    /// `bytes` with the uncompressed size every header of the zip declares set to 1.
    fn lying_about_sizes(mut bytes: Vec<u8>) -> Vec<u8> {
        for (signature, offset) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
            let starts: Vec<usize> =
                bytes.windows(4).enumerate().filter(|(_, window)| window == signature).map(|(at, _)| at).collect();
            for start in starts {
                bytes[start + offset..start + offset + 4].copy_from_slice(&1u32.to_le_bytes());
            }
        }
        bytes
    }

    #[test]
    fn a_file_that_inflates_past_the_caps_is_refused_whatever_its_headers_declare() {
        let limits = Limits { file: 1024 * 1024, total: 3 * 512 * 1024 };
        let megabyte_and_more = vec![b'0'; 1024 * 1024 + 1];
        let bomb = zip_of(&[("messages.csv", &megabyte_and_more)]);
        assert!(bomb.len() < 16 * 1024, "zeros deflate a thousandfold");
        let error = LinkedInExport::from_zip_within(&bomb, limits).err().expect("refused");
        assert_eq!(error.message, "`messages.csv` in the archive inflates to more than 1 MB: not a LinkedIn export");
        let liar = lying_about_sizes(bomb);
        let error = LinkedInExport::from_zip_within(&liar, Limits::OF_AN_EXPORT).err().expect("refused");
        assert!(error.message.contains("larger than its declared uncompressed size"), "{}", error.message);

        let half = vec![b'0'; 1024 * 1024];
        let together = zip_of(&[("Connections.csv", &half), ("messages.csv", &half)]);
        let error = LinkedInExport::from_zip_within(&together, limits).err().expect("refused");
        assert_eq!(
            error.message,
            "`messages.csv` in the archive inflates with the files before it to more than 1.5 MB: not a LinkedIn export"
        );
        assert!(
            LinkedInExport::from_zip_within(&together, Limits { file: 1024 * 1024, total: 2 * 1024 * 1024 }).is_ok()
        );
    }

    #[test]
    fn an_archive_without_the_exports_files_or_with_a_file_that_is_not_text_is_refused() {
        let error = LinkedInExport::from_zip(&zip_of(&[("Profile.csv", b"a,b\n")])).err().expect("refused");
        assert!(error.message.starts_with("the archive holds no Connections.csv"), "{}", error.message);
        let error = LinkedInExport::from_files(vec![("messages.csv".to_string(), b"\xff\xfeF\x00".to_vec())]).err();
        assert_eq!(
            error.map(|error| error.message).as_deref(),
            Some("`messages.csv` in the folder is UTF-16 text, not UTF-8")
        );
        let latin1 =
            LinkedInExport::from_files(vec![("Connections.csv".to_string(), b"First\nJos\xe9\n".to_vec())]).err();
        assert_eq!(
            latin1.map(|error| error.message).as_deref(),
            Some("`Connections.csv` in the folder is not UTF-8 text (first invalid byte on line 2)")
        );
    }

    #[test]
    fn a_file_of_the_export_that_is_another_table_is_an_error_naming_it() {
        let export =
            LinkedInExport::from_files(vec![("messages.csv".to_string(), b"a,b\n1,2\n".to_vec())]).expect("a folder");
        let error = export.records().err().expect("refused");
        assert!(
            error.message.starts_with("`messages.csv`: no LinkedIn messages header row found"),
            "{}",
            error.message
        );
    }

    #[test]
    fn a_lone_connections_file_names_no_file_inside_it() {
        let export = LinkedInExport::from_connections(format!("{CONNECTIONS}x,,,\n"));
        let records = records(&export);
        assert_eq!(
            records.last(),
            Some(&Err(Malformed::new(7, "4 fields where the header has 7 (an unquoted comma?)")))
        );
        let error = LinkedInExport::from_connections("a,b\n".to_string()).records().err().expect("refused");
        assert!(error.message.starts_with("no LinkedIn header row found"), "{}", error.message);
    }

    #[test]
    fn parts_are_found_by_file_name_in_any_case_nearest_the_top() {
        assert_eq!(Part::of_path("Basic/CONNECTIONS.CSV"), Some(Part::Connections));
        assert_eq!(Part::of_path("__MACOSX/Basic/messages.csv"), None);
        assert_eq!(Part::of_path("guide_messages.csv"), None);
        let chosen = choose([
            (0, "a/b/messages.csv".to_string()),
            (1, "z/messages.csv".to_string()),
            (2, "a/Invitations.csv".to_string()),
        ]);
        assert_eq!(chosen.get(&Part::Messages), Some(&(1, "z/messages.csv".to_string())));
        assert_eq!(chosen.len(), 2);
    }
}
