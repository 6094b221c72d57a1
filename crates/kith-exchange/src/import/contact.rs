//! One contact as an export describes them: the fields kith keeps, already checked
//! against the language, so that a value kith cannot take as it is (an email without a
//! domain, a birthday that is not a date) is kept as a note rather than dropped.

use super::Malformed;
use jiff::civil::Date;
use kith_core::model::Birthday;
use kith_core::values::{check_email, check_url, normalize_id, parse_date, parse_month_day};

/// One contact read from an export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contact {
    /// The display name.
    pub name: String,
    pub org: Option<String>,
    pub title: Option<String>,
    pub location: Option<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub urls: Vec<String>,
    pub birthday: Option<Birthday>,
    /// When and how you met.
    pub met: Option<(Date, String)>,
    /// Valid tag ids.
    pub tags: Vec<String>,
    pub notes: Vec<String>,
    /// The 1-based line where the contact's record starts in the export.
    pub line: usize,
}

impl Contact {
    pub(super) fn at(line: usize) -> Self {
        Self { line, ..Self::default() }
    }

    /// Adds an address; one kith would not accept (`n/a`, `ada@example`) becomes a note.
    pub(super) fn add_email(&mut self, raw: &str) {
        let address = raw.trim().trim_start_matches("mailto:").trim_start_matches("MAILTO:");
        if address.is_empty() {
            return;
        }
        if check_email(address).is_ok() {
            push_new(&mut self.emails, address.to_string());
        } else {
            self.add_note(format!("Email as exported: {address}"));
        }
    }

    pub(super) fn add_phone(&mut self, raw: &str) {
        let phone = clean_text(raw.trim().trim_start_matches("tel:"));
        if !phone.is_empty() {
            push_new(&mut self.phones, phone);
        }
    }

    /// Adds a web address; a bare host (`example.org`) gets `https://`, anything else that
    /// is not a URL becomes a note.
    pub(super) fn add_url(&mut self, raw: &str) {
        let url = raw.trim();
        if url.is_empty() {
            return;
        }
        match check_url(url) {
            Ok(()) => push_new(&mut self.urls, url.to_string()),
            Err(error) => match error.replacement {
                Some(fixed) => push_new(&mut self.urls, fixed),
                None => self.add_note(format!("Web address as exported: {url}")),
            },
        }
    }

    /// Reads a birthday written `YYYY-MM-DD`, `--MM-DD`, `--MMDD` or `YYYYMMDD`; anything
    /// else becomes a note.
    pub(super) fn set_birthday_text(&mut self, raw: &str) {
        let text = raw.trim();
        if text.is_empty() {
            return;
        }
        match parse_birthday(text) {
            Some(birthday) => self.birthday = Some(birthday),
            None => self.add_note(format!("Birthday as exported: {text}")),
        }
    }

    pub(super) fn add_tag(&mut self, raw: &str) {
        if let Some(tag) = normalize_id(raw) {
            push_new(&mut self.tags, tag);
        }
    }

    pub(super) fn add_note(&mut self, raw: impl AsRef<str>) {
        let note = clean_text(raw.as_ref().trim());
        if !note.is_empty() {
            push_new(&mut self.notes, note);
        }
    }

    /// Sets a once-only text field from `raw` when it has any text.
    pub(super) fn set(field: &mut Option<String>, raw: &str) {
        let text = clean_text(raw.trim());
        if !text.is_empty() && field.is_none() {
            *field = Some(text);
        }
    }

    /// The display name from name parts (`Ada`, ``, `Lovelace` → `Ada Lovelace`), without
    /// the emoji and pictographs people decorate their names with (`Rob Konterman 🔸` →
    /// `Rob Konterman`) unless nothing else is left.
    pub(super) fn name_from_parts<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
        let words: Vec<&str> = parts.into_iter().map(str::trim).filter(|part| !part.is_empty()).collect();
        let name = clean_text(&words.join(" "));
        let plain = without_pictographs(&name);
        if plain.is_empty() {
            name
        } else {
            plain
        }
    }

    /// Falls back to the organisation, then the first email, when the export has no name;
    /// a contact with none of these cannot be told apart from anyone.
    pub(super) fn finish(mut self) -> Result<Contact, Malformed> {
        if self.name.is_empty() {
            self.name = self.org.clone().or_else(|| self.emails.first().cloned()).unwrap_or_default();
        }
        if self.name.is_empty() {
            return Err(Malformed::new(self.line, "no name, organisation or email to know them by"));
        }
        Ok(self)
    }
}

fn push_new(values: &mut Vec<String>, value: String) {
    if !values.contains(&value) {
        values.push(value);
    }
}

/// Text made fit for a one-line string: line breaks of any style become `\n` (which the
/// string escapes), other control characters are dropped, and runs of spaces stay as they are.
fn clean_text(text: &str) -> String {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    unified.chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\t')).collect::<String>().trim().to_string()
}

/// `text` without emoji and pictographs (with the selectors, joiners and skin tones that
/// belong to them), its spaces collapsed where one was removed.
fn without_pictographs(text: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut after_pictograph = false;
    for character in text.chars() {
        if is_pictograph(character) || (after_pictograph && is_emoji_continuation(character)) {
            after_pictograph = true;
            continue;
        }
        after_pictograph = false;
        kept.push(character);
    }
    if kept.len() == text.len() {
        return kept;
    }
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Emoji and pictographs: arrows, technical and geometric symbols, dingbats, the emoji
/// planes, `©`, `®`, `™`; never a letter or a digit (`Ⓐ`, `①` stay).
fn is_pictograph(character: char) -> bool {
    let symbol = matches!(
        u32::from(character),
        0xA9 | 0xAE
            | 0x203C
            | 0x2049
            | 0x2122
            | 0x2139
            | 0x2190..=0x21FF
            | 0x2300..=0x23FF
            | 0x2460..=0x24FF
            | 0x25A0..=0x27BF
            | 0x2900..=0x297F
            | 0x2B00..=0x2BFF
            | 0x3030
            | 0x303D
            | 0x3297
            | 0x3299
            | 0x1F000..=0x1FAFF
    );
    symbol && !character.is_alphanumeric()
}

/// What completes the emoji before it: variation selectors, the zero-width joiner, the
/// keycap, tag characters.
fn is_emoji_continuation(character: char) -> bool {
    matches!(u32::from(character), 0xFE0E | 0xFE0F | 0x200D | 0x20E3 | 0xE0020..=0xE007F)
}

/// Which number comes first in a date written with slashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DayOrder {
    /// `1/8/18` is January 8 (LinkedIn, Outlook in the US).
    MonthFirst,
    /// `8/1/18` is January 8.
    DayFirst,
}

/// The numbers of a date written with slashes, as written: `1/8/18, 6:14 PM` →
/// (1, 8, 2018). Anything after the date (a time) is ignored; a two-digit year is
/// 1970–2069.
pub(super) fn slashed_numbers(text: &str) -> Option<(u8, u8, i16)> {
    let date = text.trim().split([',', ' ']).next()?;
    let parts: Vec<&str> = date.split('/').collect();
    let [first, second, year] = parts[..] else { return None };
    let numeric = |part: &str| (1..=4).contains(&part.len()) && part.bytes().all(|byte| byte.is_ascii_digit());
    if ![first, second, year].into_iter().all(numeric) {
        return None;
    }
    let year: i16 = match (year.len(), year.parse::<i16>().ok()?) {
        (2, short) if short < 70 => 2000 + short,
        (2, short) => 1900 + short,
        (4, full) => full,
        _ => return None,
    };
    Some((first.parse().ok()?, second.parse().ok()?, year))
}

/// A date written with slashes (see [`slashed_numbers`]), read in `order`; a date whose
/// first number cannot be a month (`22/3/1980`) is read day first whatever the order.
pub(super) fn parse_slashed_date(text: &str, order: DayOrder) -> Option<Date> {
    let (first, second, year) = slashed_numbers(text)?;
    let (month, day) = match order {
        DayOrder::MonthFirst if first <= 12 => (first, second),
        DayOrder::MonthFirst | DayOrder::DayFirst => (second, first),
    };
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

/// Reads a birthday written `YYYY-MM-DD`, `--MM-DD`, `--MMDD` or `YYYYMMDD`.
pub(super) fn parse_birthday(text: &str) -> Option<Birthday> {
    if let Some(rest) = text.strip_prefix("--") {
        let dashed = match rest.len() {
            4 if rest.bytes().all(|byte| byte.is_ascii_digit()) => format!("--{}-{}", &rest[..2], &rest[2..]),
            _ => text.to_string(),
        };
        return parse_month_day(&dashed).ok().map(Birthday::MonthDay);
    }
    let dashed = match text.len() {
        8 if text.bytes().all(|byte| byte.is_ascii_digit()) => {
            format!("{}-{}-{}", &text[..4], &text[4..6], &text[6..])
        }
        _ => text.to_string(),
    };
    parse_date(&dashed).ok().map(Birthday::Date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn values_kith_cannot_take_become_notes() {
        let mut contact = Contact::at(1);
        contact.name = "Ada".to_string();
        contact.add_email("n/a");
        contact.add_url("example.org/ada");
        contact.add_url("not a url");
        contact.set_birthday_text("31/02");
        contact.add_phone("tel:+44 20 7946 0000");
        assert_eq!(contact.urls, ["https://example.org/ada"]);
        assert_eq!(contact.phones, ["+44 20 7946 0000"]);
        assert_eq!(
            contact.notes,
            ["Email as exported: n/a", "Web address as exported: not a url", "Birthday as exported: 31/02"]
        );
    }

    #[test]
    fn birthdays_read_every_common_spelling() {
        let month_day = |month, day| Some(Birthday::MonthDay(kith_core::values::MonthDay { month, day }));
        assert_eq!(parse_birthday("--0412"), month_day(4, 12));
        assert_eq!(parse_birthday("--04-12"), month_day(4, 12));
        assert_eq!(parse_birthday("--02-29"), month_day(2, 29));
        assert_eq!(parse_birthday("1815-12-10"), Some(Birthday::Date(date(1815, 12, 10))));
        assert_eq!(parse_birthday("18151210"), Some(Birthday::Date(date(1815, 12, 10))));
        assert_eq!(parse_birthday("2023-02-29"), None);
        assert_eq!(parse_birthday("April 12"), None);
    }

    #[test]
    fn names_lose_their_emoji_but_keep_their_letters() {
        assert_eq!(Contact::name_from_parts(["Rob", "Konterman 🔸"]), "Rob Konterman");
        assert_eq!(Contact::name_from_parts(["Ana ✨ López"]), "Ana López");
        assert_eq!(Contact::name_from_parts(["Sam👩🏽\u{200d}💻 Lee ✔️"]), "Sam Lee");
        assert_eq!(Contact::name_from_parts(["Zoë  Núñez"]), "Zoë  Núñez", "spaces stay where nothing was removed");
        assert_eq!(Contact::name_from_parts(["O’Brien-Ⓐ ①"]), "O’Brien-Ⓐ ①");
        assert_eq!(Contact::name_from_parts(["🦀"]), "🦀", "a name of emoji alone stays");
    }

    #[test]
    fn slashed_dates_read_month_first_or_day_first() {
        use DayOrder::{DayFirst, MonthFirst};
        assert_eq!(parse_slashed_date("1/8/18, 6:14 PM", MonthFirst), Some(date(2018, 1, 8)));
        assert_eq!(parse_slashed_date("01/08/2018", DayFirst), Some(date(2018, 8, 1)));
        assert_eq!(parse_slashed_date("22/3/1980", MonthFirst), Some(date(1980, 3, 22)));
        assert_eq!(parse_slashed_date("3/22/80", MonthFirst), Some(date(1980, 3, 22)));
        assert_eq!(parse_slashed_date("2/30/2020", MonthFirst), None);
        assert_eq!(parse_slashed_date("0/0/00", MonthFirst), None);
        assert_eq!(parse_slashed_date("1/8", MonthFirst), None);
        assert_eq!(parse_slashed_date("1/8/18/4", MonthFirst), None);
        assert_eq!(slashed_numbers("12/31/99 23:59"), Some((12, 31, 1999)));
    }
}
