//! LinkedIn's `messages.csv`: a row per message — `CONVERSATION ID`, `CONVERSATION TITLE`,
//! `FROM`, `SENDER PROFILE URL`, `TO`, `RECIPIENT PROFILE URLS`, `DATE` (`2026-04-06
//! 16:35:35 UTC`), `SUBJECT`, `CONTENT` (with line breaks inside its quotes), `FOLDER`, and
//! in newer exports `IS MESSAGE DRAFT` and more; older ones lack the URLs. Each message of a
//! one-to-one conversation is an [`Exchange`]; a group conversation (more than two people
//! across all its messages) is skipped as a whole, and so are drafts, sponsored messages,
//! spam and messages with a member LinkedIn does not name.

use super::super::table::Table;
use super::super::{Exchange, Item, Malformed, Party, ReadError, Record, Skip};
use super::parse_linkedin_date;
use csv::StringRecord;
use kith_core::values::{check_url, url_identity};
use std::collections::{HashMap, HashSet};

const GROUP_CONVERSATIONS: &str = "group conversations";
const DRAFTS: &str = "drafts";
const SPONSORED: &str = "sponsored messages";
const SPAM: &str = "messages in spam";
const ANONYMOUS: &str = "messages with an anonymous LinkedIn Member";

/// The name LinkedIn gives, without a profile, to sponsored senders and to members who
/// left or hide their identity.
const ANONYMOUS_MEMBER: &str = "LinkedIn Member";

/// The longest summary made from a message, in characters (its "…" included).
const SUMMARY_CHARS: usize = 60;

/// The records of `text`, the `messages.csv` named `file` in its archive, in file order:
/// an exchange per message, a skip per message left out (one per group conversation) and
/// the malformed rows. An empty file has none.
pub(super) fn read(text: &str, file: &str) -> Result<Vec<Record>, ReadError> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    let is_header = |cells: &[String]| {
        ["FROM", "TO", "DATE"].iter().all(|name| cells.iter().any(|cell| cell.eq_ignore_ascii_case(name)))
    };
    let table = Table::open(
        text,
        is_header,
        "LinkedIn messages",
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER",
    )?;
    let columns = Columns::of(&table);
    let rows: Vec<Result<Message, Malformed>> =
        table.map(|row| row.map(|(line, record)| columns.message(line, &record))).collect();

    let mut people: HashMap<&str, People> = HashMap::new();
    for message in rows.iter().flatten() {
        let in_conversation = people.entry(message.conversation.as_str()).or_default();
        message.from.iter().chain(&message.to).for_each(|party| in_conversation.add(party));
    }
    let mut groups_reported: HashSet<&str> = HashSet::new();
    let mut records = Vec::with_capacity(rows.len());
    for row in &rows {
        let message = match row {
            Ok(message) => message,
            Err(malformed) => {
                records.push(Err(malformed.clone().in_file(file)));
                continue;
            }
        };
        let conversation = message.conversation.as_str();
        if people.get(conversation).is_some_and(|people| people.count() > 2) {
            if groups_reported.insert(conversation) {
                records.push(Ok(Item::Skipped(Skip { line: message.line, reason: GROUP_CONVERSATIONS })));
            }
            continue;
        }
        records.push(message.record().map_err(|malformed| malformed.in_file(file)));
    }
    Ok(records)
}

/// Where each value is in this export's header.
struct Columns {
    conversation: Option<usize>,
    title: Option<usize>,
    from: Option<usize>,
    sender_url: Option<usize>,
    to: Option<usize>,
    recipient_urls: Option<usize>,
    date: Option<usize>,
    subject: Option<usize>,
    content: Option<usize>,
    folder: Option<usize>,
    draft: Option<usize>,
}

impl Columns {
    fn of(table: &Table<'_>) -> Self {
        let column = |name: &str| table.column_in_any_case(name);
        Self {
            conversation: column("CONVERSATION ID"),
            title: column("CONVERSATION TITLE"),
            from: column("FROM"),
            sender_url: column("SENDER PROFILE URL"),
            to: column("TO"),
            recipient_urls: column("RECIPIENT PROFILE URLS"),
            date: column("DATE"),
            subject: column("SUBJECT"),
            content: column("CONTENT"),
            folder: column("FOLDER"),
            draft: column("IS MESSAGE DRAFT"),
        }
    }

    fn message(&self, line: usize, record: &StringRecord) -> Message {
        let cell = |index: Option<usize>| index.and_then(|index| record.get(index)).unwrap_or_default().trim();
        let conversation = match cell(self.conversation) {
            "" => format!("the message on line {line}"),
            id => id.to_string(),
        };
        let draft = matches!(cell(self.draft).to_ascii_lowercase().as_str(), "yes" | "true" | "1");
        let folder = cell(self.folder);
        let recipient_urls = self.recipient_urls.map(|index| record.get(index).unwrap_or_default());
        Message {
            line,
            conversation,
            title: cell(self.title).to_string(),
            from: party(cell(self.from), cell(self.sender_url)),
            to: recipients(cell(self.to), recipient_urls),
            date: cell(self.date).to_string(),
            summary: summary(cell(self.subject), cell(self.content)),
            folder: folder.to_string(),
            draft: draft || folder.eq_ignore_ascii_case("drafts") || folder.eq_ignore_ascii_case("draft"),
        }
    }
}

/// One row of the file, read.
struct Message {
    line: usize,
    /// Its conversation's id, or a key of its own when it has none.
    conversation: String,
    title: String,
    from: Option<Party>,
    to: Vec<Party>,
    date: String,
    summary: String,
    folder: String,
    draft: bool,
}

impl Message {
    /// The message as an exchange, or why it is left out.
    fn record(&self) -> Record {
        let contains_sponsored = |text: &str| text.to_ascii_lowercase().contains("sponsored");
        let anonymous = |party: &Party| {
            party.profile.is_none()
                && party.name.as_deref().is_some_and(|name| name.eq_ignore_ascii_case(ANONYMOUS_MEMBER))
        };
        let reason = if self.draft {
            Some(DRAFTS)
        } else if contains_sponsored(&self.folder) || contains_sponsored(&self.title) {
            Some(SPONSORED)
        } else if self.folder.eq_ignore_ascii_case("spam") {
            Some(SPAM)
        } else if self.from.iter().chain(&self.to).any(anonymous) {
            Some(ANONYMOUS)
        } else {
            None
        };
        if let Some(reason) = reason {
            return Ok(Item::Skipped(Skip { line: self.line, reason }));
        }
        let date = parse_linkedin_date(&self.date).ok_or_else(|| {
            let message = match self.date.as_str() {
                "" => "a message without a date".to_string(),
                date => format!("`{date}` is not a date (expected one like `2026-04-06 16:35:35 UTC`)"),
            };
            Malformed::new(self.line, message)
        })?;
        Ok(Item::Exchange(Exchange {
            line: self.line,
            date,
            kind: "message",
            summary: self.summary.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
        }))
    }
}

/// A participant from a name and a profile URL, either of which may be empty.
fn party(name: &str, url: &str) -> Option<Party> {
    let name = (!name.is_empty()).then(|| name.to_string());
    let profile = (!url.is_empty() && check_url(url).is_ok()).then(|| url.to_string());
    (name.is_some() || profile.is_some()).then_some(Party { name, profile, ..Party::default() })
}

/// The recipients of a message: the names of `TO` and the URLs of `RECIPIENT PROFILE
/// URLS` (`None` in older exports), both separated by commas. A name may hold a comma
/// (`Lovelace, Ada`), so names are split only where the counts say how: one URL takes the
/// whole of `TO`; as many names as URLs pair by position, and so do twice as many (each
/// name written `Last, First`); otherwise only the URLs are kept. Without any URL, each
/// name is a recipient.
fn recipients(names: &str, urls: Option<&str>) -> Vec<Party> {
    let urls: Vec<&str> = urls.unwrap_or_default().split(',').map(str::trim).filter(|url| !url.is_empty()).collect();
    let split: Vec<&str> = names.split(',').map(str::trim).filter(|name| !name.is_empty()).collect();
    match urls.len() {
        0 => split.iter().filter_map(|name| party(name, "")).collect(),
        1 => party(names, urls[0]).into_iter().collect(),
        count if split.len() == count => split.iter().zip(&urls).filter_map(|(name, url)| party(name, url)).collect(),
        count if split.len() == 2 * count => {
            split.chunks(2).zip(&urls).filter_map(|(name, url)| party(&name.join(", "), url)).collect()
        }
        _ => urls.iter().filter_map(|url| party("", url)).collect(),
    }
}

/// The people of a conversation: one per profile, and one per name seen without a
/// profile that no profile in the conversation was seen with.
#[derive(Default)]
struct People {
    profiles: HashSet<String>,
    names_with_profile: HashSet<String>,
    names_alone: HashSet<String>,
}

impl People {
    fn add(&mut self, party: &Party) {
        let name = party.name.as_deref().map(str::to_lowercase);
        match &party.profile {
            Some(profile) => {
                self.profiles.insert(url_identity(profile));
                self.names_with_profile.extend(name);
            }
            None => self.names_alone.extend(name),
        }
    }

    fn count(&self) -> usize {
        self.profiles.len() + self.names_alone.difference(&self.names_with_profile).count()
    }
}

/// The subject, else the first words of the content: markup and entities removed, one
/// line, at most [`SUMMARY_CHARS`] characters, cut after a word with "…".
fn summary(subject: &str, content: &str) -> String {
    let subject = one_line(subject);
    let text = if subject.is_empty() { one_line(&without_markup(content)) } else { subject };
    shorten(&text)
}

/// Whitespace of any kind (line breaks too) as single spaces, control characters dropped.
fn one_line(text: &str) -> String {
    let printable: String = text.chars().filter(|c| !c.is_control() || c.is_whitespace()).collect();
    printable.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// HTML tags (`<p>`, `</a>`, `<br/>`) as spaces, and the common entities decoded: InMail
/// and some messages arrive as HTML.
fn without_markup(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('<') {
        plain.push_str(&rest[..at]);
        let tag = &rest[at..];
        let opens_tag = tag[1..].starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!');
        match tag.find('>').filter(|_| opens_tag) {
            Some(end) => {
                plain.push(' ');
                rest = &tag[end + 1..];
            }
            None => {
                plain.push('<');
                rest = &tag[1..];
            }
        }
    }
    plain.push_str(rest);
    [("&nbsp;", " "), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&apos;", "'"), ("&amp;", "&")]
        .iter()
        .fold(plain, |text, (entity, character)| text.replace(entity, character))
}

/// `text` cut to at most [`SUMMARY_CHARS`] characters after its last whole word, with "…".
fn shorten(text: &str) -> String {
    if text.chars().count() <= SUMMARY_CHARS {
        return text.to_string();
    }
    let room: String = text.chars().take(SUMMARY_CHARS - 1).collect();
    let next_is_break = text[room.len()..].starts_with(' ');
    let words = match room.rfind(' ') {
        Some(space) if !next_is_break && space > 0 => &room[..space],
        _ => room.as_str(),
    };
    format!("{}…", words.trim_end_matches([' ', ',', ';', ':', '-']))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const HEADER: &str = "\"CONVERSATION ID\",\"CONVERSATION TITLE\",\"FROM\",\"SENDER PROFILE URL\",\"TO\",\"RECIPIENT PROFILE URLS\",\"DATE\",\"SUBJECT\",\"CONTENT\",\"FOLDER\",\"IS MESSAGE DRAFT\"\n";
    const ADA: &str = "https://www.linkedin.com/in/ada-lovelace";
    const GRACE: &str = "https://www.linkedin.com/in/grace-hopper";
    const ALAN: &str = "https://www.linkedin.com/in/alan-turing";

    fn records(body: &str) -> Vec<Record> {
        read(&format!("{HEADER}{body}"), "messages.csv").expect("a messages header")
    }

    fn exchange(record: &Record) -> Exchange {
        match record {
            Ok(Item::Exchange(exchange)) => exchange.clone(),
            other => panic!("not an exchange: {other:?}"),
        }
    }

    fn named(name: &str, profile: &str) -> Party {
        Party { name: Some(name.to_string()), profile: Some(profile.to_string()), ..Party::default() }
    }

    #[test]
    fn a_message_is_an_exchange_on_its_utc_day_with_its_subject_or_first_words() {
        let body = format!(
            "c1,,Grace Hopper,{GRACE},Ada Lovelace,{ADA},2026-04-06 16:35:35 UTC,Compilers,\"Hi Ada,\nsee attached\",INBOX,No\n\
             c1,,Ada Lovelace,{ADA},Grace Hopper,{GRACE},2026-04-07 09:00:00 UTC,,\"<p>Thanks Grace &amp; team! I read it on the train and have many thoughts about it</p>\",SENT,No\n"
        );
        let records = records(&body);
        let first = exchange(&records[0]);
        assert_eq!(first.line, 2);
        assert_eq!(first.date, date(2026, 4, 6));
        assert_eq!(first.kind, "message");
        assert_eq!(first.summary, "Compilers");
        assert_eq!(first.from, Some(named("Grace Hopper", GRACE)));
        assert_eq!(first.to, [named("Ada Lovelace", ADA)]);
        let second = exchange(&records[1]);
        assert_eq!(second.line, 4, "the line break inside the first message's content counts");
        assert_eq!(second.summary, "Thanks Grace & team! I read it on the train and have many…");
        assert!(second.summary.chars().count() <= SUMMARY_CHARS);
    }

    #[test]
    fn a_group_conversation_is_skipped_once_as_a_whole_even_when_one_message_looks_one_to_one() {
        let body = format!(
            "g1,Offsite,Grace Hopper,{GRACE},Ada Lovelace,{ADA},2026-04-06 10:00:00 UTC,,Hello,INBOX,No\n\
             c2,,Alan Turing,{ALAN},Ada Lovelace,{ADA},2026-04-06 11:00:00 UTC,,Hi,INBOX,No\n\
             g1,Offsite,Alan Turing,{ALAN},\"Ada Lovelace,Grace Hopper\",\"{ADA},{GRACE}\",2026-04-06 12:00:00 UTC,,Me too,INBOX,No\n"
        );
        let records = records(&body);
        assert_eq!(records.len(), 2, "{records:#?}");
        assert_eq!(records[0], Ok(Item::Skipped(Skip { line: 2, reason: GROUP_CONVERSATIONS })));
        assert_eq!(exchange(&records[1]).from, Some(named("Alan Turing", ALAN)));
    }

    #[test]
    fn drafts_sponsored_spam_and_anonymous_members_are_skipped_with_their_reasons() {
        let body = format!(
            "c1,,Ada Lovelace,{ADA},Grace Hopper,{GRACE},2026-04-06 10:00:00 UTC,,Unsent,INBOX,Yes\n\
             c2,,Acme Cloud,,Ada Lovelace,{ADA},2026-04-06 10:00:00 UTC,Try Acme,Buy,Sponsored,No\n\
             c3,Sponsored Conversation,Acme Cloud,https://www.linkedin.com/company/acme,Ada Lovelace,{ADA},2026-04-06 10:00:00 UTC,,Buy,INBOX,No\n\
             c4,,LinkedIn Member,,Ada Lovelace,{ADA},2026-04-06 10:00:00 UTC,,Hello,INBOX,No\n\
             c5,,Spammer,https://www.linkedin.com/in/spam,Ada Lovelace,{ADA},2026-04-06 10:00:00 UTC,,Win,SPAM,No\n\
             c6,,Ada Lovelace,{ADA},Grace Hopper,{GRACE},2026-04-06 10:00:00 UTC,,Later,DRAFTS,\n"
        );
        let reasons: Vec<&str> = records(&body)
            .iter()
            .map(|record| match record {
                Ok(Item::Skipped(skip)) => skip.reason,
                other => panic!("not skipped: {other:?}"),
            })
            .collect();
        assert_eq!(reasons, [DRAFTS, SPONSORED, SPONSORED, ANONYMOUS, SPAM, DRAFTS]);
    }

    #[test]
    fn recipients_with_commas_in_their_names_pair_with_their_urls_by_position() {
        assert_eq!(recipients("Lovelace, Ada", Some(ADA)), [named("Lovelace, Ada", ADA)]);
        assert_eq!(
            recipients("Ada Lovelace, Grace Hopper", Some(&format!("{ADA}, {GRACE}"))),
            [named("Ada Lovelace", ADA), named("Grace Hopper", GRACE)]
        );
        assert_eq!(
            recipients("Lovelace, Ada, Hopper, Grace", Some(&format!("{ADA},{GRACE}"))),
            [named("Lovelace, Ada", ADA), named("Hopper, Grace", GRACE)]
        );
        let profiles: Vec<Option<String>> = recipients("Ada, PhD, Grace", Some(&format!("{ADA},{GRACE}")))
            .into_iter()
            .map(|party| party.profile)
            .collect();
        assert_eq!(profiles, [Some(ADA.to_string()), Some(GRACE.to_string())]);
        let names: Vec<Option<String>> = recipients("Ada, Grace", None).into_iter().map(|party| party.name).collect();
        assert_eq!(names, [Some("Ada".to_string()), Some("Grace".to_string())]);
        assert_eq!(recipients("", Some("")), []);
    }

    #[test]
    fn older_exports_without_urls_and_bad_dates() {
        let text = "From,To,Date,Subject,Content,Direction,Folder\nGrace Hopper,Ada Lovelace,\"6/18/19, 10:29 AM\",,Hello there,INCOMING,INBOX\nGrace Hopper,Ada Lovelace,yesterday,,Hi,INCOMING,INBOX\n";
        let records = read(text, "messages.csv").expect("an old messages header");
        let first = exchange(&records[0]);
        assert_eq!(first.date, date(2019, 6, 18));
        assert_eq!(first.from.and_then(|party| party.name).as_deref(), Some("Grace Hopper"));
        assert_eq!(
            records[1],
            Err(Malformed::new(3, "`yesterday` is not a date (expected one like `2026-04-06 16:35:35 UTC`)")
                .in_file("messages.csv"))
        );
    }

    #[test]
    fn an_empty_file_has_no_messages_and_another_table_is_refused() {
        assert_eq!(read("\n", "messages.csv"), Ok(Vec::new()));
        let error = read("First Name,Last Name\n", "messages.csv").err();
        assert!(error.is_some_and(|error| error.message.starts_with("no LinkedIn messages header")));
    }

    #[test]
    fn summaries_are_cut_after_a_word() {
        assert_eq!(shorten("short"), "short");
        let long = "word ".repeat(20);
        let cut = shorten(long.trim());
        assert!(cut.ends_with("word…") && cut.chars().count() <= SUMMARY_CHARS, "{cut}");
        let unbroken = "x".repeat(100);
        assert_eq!(shorten(&unbroken).chars().count(), SUMMARY_CHARS);
        assert_eq!(without_markup("a <b>bold</b> 3 < 4 &lt;3"), "a  bold  3 < 4 <3");
        assert_eq!(one_line(" two\r\n lines\t"), "two lines");
    }
}
