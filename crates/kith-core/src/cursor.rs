//! What belongs at a cursor: read from the text of the cursor's line and the directive
//! lines above it alone (never the syntax tree), so it works on half-typed and
//! syntactically broken lines. Editors use it to decide what to complete.

use crate::text::{bom_len, floor_char_boundary, Span};

/// The kind of word that belongs at the cursor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// A directive keyword at column 0.
    Directive,
    /// The start of a person's body line: a field name, or a date starting an interaction.
    PersonLine,
    /// The start of a `role` declaration's body line: `pillar` or `every`.
    RoleDeclarationField,
    /// A role on a person's `role` line.
    Role,
    /// An interaction kind, after the date.
    Kind,
    /// A person id. `at_sign` tells whether the `@` is already written (`@ad`, or a
    /// mention inside a string) or still has to be inserted (`via ad`, `knows `).
    PersonReference { at_sign: bool },
    /// A tag on a `tags` line.
    Tag,
    /// A key after `set`.
    SettingKey,
    /// `on` or `off` after `set builtin-roles`.
    OnOff,
    /// A rule code after `set allow` or a person's `allow`.
    RuleCode,
    /// A pillar id after `pillar` in a role declaration.
    Pillar,
}

/// What the cursor is in the middle of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CursorContext {
    pub slot: Slot,
    /// The word being typed around the cursor, which a completion replaces (empty right
    /// after a space, a comma or an `@`). For a reference it excludes the `@`.
    pub word: Span,
    /// The span of the keyword of the directive whose block the cursor's line belongs to
    /// (the line itself for a directive line), if there is one.
    pub directive: Option<Span>,
    /// The other values already on the line (list items, `@` stripped), so a completion
    /// need not offer them again.
    pub listed: Vec<String>,
}

/// The directive a line belongs to, by its keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    Person,
    Role,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TokenKind {
    Word,
    Comma,
    /// A string literal; `closed` when its closing quote is on the line.
    String {
        closed: bool,
    },
    Comment,
}

/// A token of one line; spans are offsets into the whole text.
#[derive(Debug, Clone, Copy)]
struct Token {
    kind: TokenKind,
    span: Span,
}

/// What belongs at byte `offset` of `text`, or `None` where nothing can be offered (inside
/// a comment, inside a string away from an `@`, after a directive's id, …).
pub fn context_at(text: &str, offset: usize) -> Option<CursorContext> {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let line_start = text[..offset].rfind(['\n', '\r']).map_or(0, |at| at + 1);
    let line_end = text[offset..].find(['\n', '\r']).map_or(text.len(), |at| offset + at);
    let content_start = skip_bom(text, line_start);
    let line = &text[content_start..line_end];
    let tokens = tokenize(line, content_start);
    let cursor = offset.max(content_start);

    if tokens.iter().any(|token| token.kind == TokenKind::Comment && token.span.start < cursor) {
        return None;
    }
    if let Some(string) = tokens.iter().find(|token| inside_string(token, cursor)) {
        return mention(text, string, cursor, directive_for(text, line_start));
    }

    let word = word_around(text, content_start, line_end, cursor);
    let current = tokens
        .iter()
        .position(|token| token.kind == TokenKind::Word && token.span.start <= cursor && cursor <= token.span.end);
    let before_end = current.unwrap_or_else(|| tokens.iter().take_while(|token| token.span.end <= cursor).count());
    let before = &tokens[..before_end];
    let after = current.map_or(&tokens[before_end..], |index| &tokens[index + 1..]);
    let at_sign = word.start > content_start && text.as_bytes()[word.start - 1] == b'@';
    if let Some(index) = current {
        let token = tokens[index].span;
        let whole_word = token == word || (at_sign && token == Span::new(word.start - 1, word.end));
        if !whole_word {
            return None;
        }
    }

    let indented = line.starts_with([' ', '\t']);
    let directive = directive_for(text, line_start);
    let words: Vec<&str> = before.iter().map(|token| &text[token.span.range()]).collect();
    let last_is_separator = |keyword_len: usize| {
        words.len() == keyword_len || before.last().is_some_and(|token| token.kind == TokenKind::Comma)
    };
    let plain = |slot: Slot| Some(CursorContext { slot, word, directive, listed: Vec::new() });
    // A list slot (`role a, b`): `keywords` words start the line before its items.
    let list = |slot: Slot, keywords: usize| {
        let listed = before
            .iter()
            .skip(keywords)
            .chain(after)
            .filter(|token| token.kind == TokenKind::Word)
            .map(|token| text[token.span.range()].trim_start_matches('@').to_string())
            .collect();
        Some(CursorContext { slot, word, directive, listed })
    };

    if at_sign {
        return list(Slot::PersonReference { at_sign: true }, 1);
    }
    if !indented {
        return match words.as_slice() {
            [] if word.start == content_start => plain(Slot::Directive),
            ["set"] => plain(Slot::SettingKey),
            ["set", "builtin-roles"] => plain(Slot::OnOff),
            ["set", "allow", ..] if last_is_separator(2) => list(Slot::RuleCode, 2),
            _ => None,
        };
    }
    let owner = directive.map(|keyword| match &text[keyword.range()] {
        "person" => Owner::Person,
        "role" => Owner::Role,
        _ => Owner::Other,
    });
    match (owner, words.as_slice()) {
        (Some(Owner::Person), []) => plain(Slot::PersonLine),
        (Some(Owner::Person), [date]) if date.starts_with(|c: char| c.is_ascii_digit()) => plain(Slot::Kind),
        (Some(Owner::Person), ["role", ..]) if last_is_separator(1) => list(Slot::Role, 1),
        (Some(Owner::Person), ["tags", ..]) if last_is_separator(1) => list(Slot::Tag, 1),
        (Some(Owner::Person), ["allow", ..]) if last_is_separator(1) => list(Slot::RuleCode, 1),
        (Some(Owner::Person), ["via"]) => list(Slot::PersonReference { at_sign: false }, 1),
        (Some(Owner::Person), ["knows", ..]) if last_is_separator(1) => {
            list(Slot::PersonReference { at_sign: false }, 1)
        }
        (Some(Owner::Role), []) => plain(Slot::RoleDeclarationField),
        (Some(Owner::Role), ["pillar"]) => plain(Slot::Pillar),
        _ => None,
    }
}

/// Where a line's content starts: after a byte-order mark at the start of the text.
fn skip_bom(text: &str, line_start: usize) -> usize {
    match line_start {
        0 => bom_len(text),
        _ => line_start,
    }
}

fn is_id_char(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_'
}

/// The run of id characters (`[A-Za-z0-9_-]`) around `cursor`, within `start..end`.
fn word_around(text: &str, start: usize, end: usize, cursor: usize) -> Span {
    let bytes = text.as_bytes();
    let mut from = cursor;
    while from > start && is_id_char(bytes[from - 1]) {
        from -= 1;
    }
    let mut to = cursor;
    while to < end && is_id_char(bytes[to]) {
        to += 1;
    }
    Span::new(from, to)
}

/// The cursor is inside the string: after its opening quote and before its closing one.
fn inside_string(token: &Token, cursor: usize) -> bool {
    match token.kind {
        TokenKind::String { closed: true } => token.span.start < cursor && cursor < token.span.end,
        TokenKind::String { closed: false } => token.span.start < cursor && cursor <= token.span.end,
        _ => false,
    }
}

/// Inside a string only an `@` mention can be completed: `@` not glued to a word before it
/// (so `ada@example.org` is no mention), then id characters up to the cursor.
fn mention(text: &str, string: &Token, cursor: usize, directive: Option<Span>) -> Option<CursorContext> {
    let (opening, content_end) = match string.kind {
        TokenKind::String { closed: true } => (string.span.start, string.span.end - 1),
        _ => (string.span.start, string.span.end),
    };
    let word = word_around(text, opening + 1, content_end, cursor);
    let bytes = text.as_bytes();
    let at = word.start.checked_sub(1).filter(|&at| at > opening && bytes[at] == b'@')?;
    let glued = at > opening + 1 && (is_id_char(bytes[at - 1]) || bytes[at - 1] == b'.');
    let typed = &text[word.range()];
    let is_id_so_far =
        typed.bytes().all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-' || byte == b'_');
    if glued || !is_id_so_far {
        return None;
    }
    Some(CursorContext { slot: Slot::PersonReference { at_sign: true }, word, directive, listed: Vec::new() })
}

/// The keyword of the nearest directive line at or above the line starting at `line_start`,
/// skipping indented, blank and comment-only lines, which never end a block.
fn directive_for(text: &str, line_start: usize) -> Option<Span> {
    let mut end = text[line_start..].find(['\n', '\r']).map_or(text.len(), |at| line_start + at);
    let mut start = line_start;
    loop {
        let content_start = skip_bom(text, start);
        let line = &text[content_start..end];
        let is_directive = !line.is_empty() && !line.starts_with([' ', '\t', '#']);
        if is_directive {
            let keyword_len = line.find([' ', '\t', '"', '#', ',']).unwrap_or(line.len());
            return Some(Span::new(content_start, content_start + keyword_len));
        }
        if start == 0 {
            return None;
        }
        // Step over the previous line's break (`\n`, `\r\n` or a lone `\r`).
        end = start - 1;
        if end > 0 && text.as_bytes()[end] == b'\n' && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start = text[..end].rfind(['\n', '\r']).map_or(0, |at| at + 1);
    }
}

/// Splits one line (starting at byte `base` of the text) into words, commas, strings and a
/// comment. A string runs to its closing quote (escapes skipped) or the end of the line.
fn tokenize(line: &str, base: usize) -> Vec<Token> {
    let bytes = line.as_bytes();
    let mut tokens = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let start = at;
        let kind = match bytes[at] {
            b' ' | b'\t' => {
                at += 1;
                continue;
            }
            b'#' => {
                at = bytes.len();
                TokenKind::Comment
            }
            b',' => {
                at += 1;
                TokenKind::Comma
            }
            b'"' => {
                at += 1;
                let mut closed = false;
                while at < bytes.len() {
                    match bytes[at] {
                        b'\\' => at += 2,
                        b'"' => {
                            at += 1;
                            closed = true;
                            break;
                        }
                        _ => at += 1,
                    }
                }
                at = at.min(bytes.len());
                TokenKind::String { closed }
            }
            _ => {
                while at < bytes.len() && !matches!(bytes[at], b' ' | b'\t' | b',' | b'"' | b'#') {
                    at += 1;
                }
                TokenKind::Word
            }
        };
        tokens.push(Token { kind, span: Span::new(base + start, base + at) });
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The context at the `|` in `marked` (which is removed), with the word as text.
    fn at(marked: &str) -> Option<(Slot, String, Vec<String>)> {
        let offset = marked.find('|').expect("the test text marks the cursor with |");
        let text = marked.replacen('|', "", 1);
        context_at(&text, offset).map(|context| (context.slot, text[context.word.range()].to_string(), context.listed))
    }

    fn slot(marked: &str) -> Option<Slot> {
        at(marked).map(|(slot, _, _)| slot)
    }

    const PERSON: &str = "person ada \"Ada Lovelace\"\n";

    #[test]
    fn column_zero_offers_directives() {
        assert_eq!(at("|"), Some((Slot::Directive, String::new(), vec![])));
        assert_eq!(at("per|"), Some((Slot::Directive, "per".to_string(), vec![])));
        assert_eq!(at(&format!("{PERSON}\npe|rs")), Some((Slot::Directive, "pers".to_string(), vec![])));
        assert_eq!(slot("\u{feff}pe|"), Some(Slot::Directive));
        assert_eq!(slot("person |"), None, "a new id is never completed");
    }

    #[test]
    fn the_start_of_a_person_body_line_offers_fields_and_dates() {
        assert_eq!(at(&format!("{PERSON}  |")), Some((Slot::PersonLine, String::new(), vec![])));
        assert_eq!(at(&format!("{PERSON}  em|ail x")), Some((Slot::PersonLine, "email".to_string(), vec![])));
        assert_eq!(slot(&format!("{PERSON}  role mentor\n\n  # a comment\n\t20|")), Some(Slot::PersonLine));
    }

    #[test]
    fn a_role_declaration_body_offers_only_its_fields_and_pillars() {
        let role = "role investor \"backs my ventures\"\n";
        assert_eq!(slot(&format!("{role}  |")), Some(Slot::RoleDeclarationField));
        assert_eq!(at(&format!("{role}  pillar pro|")), Some((Slot::Pillar, "pro".to_string(), vec![])));
        assert_eq!(slot(&format!("{role}  every |")), None);
        assert_eq!(slot("pillar family \"home\"\n  |"), None);
    }

    #[test]
    fn roles_after_the_keyword_or_a_comma_listing_the_others() {
        assert_eq!(at(&format!("{PERSON}  role |")), Some((Slot::Role, String::new(), vec![])));
        assert_eq!(
            at(&format!("{PERSON}  role mentor, sp|, expert # x")),
            Some((Slot::Role, "sp".to_string(), vec!["mentor".to_string(), "expert".to_string()]))
        );
        assert_eq!(slot(&format!("{PERSON}  role mentor,|")), Some(Slot::Role));
        assert_eq!(slot(&format!("{PERSON}  role mentor |")), None, "a second role needs a comma first");
    }

    #[test]
    fn a_broken_line_above_does_not_hide_the_block() {
        let text = format!("{PERSON}  note \"never closed\n  role ment|");
        assert_eq!(at(&text), Some((Slot::Role, "ment".to_string(), vec![])));
        assert_eq!(slot("person ada \"Ada\n  |"), Some(Slot::PersonLine));
    }

    #[test]
    fn kinds_follow_a_date_even_an_invalid_one() {
        assert_eq!(at(&format!("{PERSON}  2026-11-25 co|")), Some((Slot::Kind, "co".to_string(), vec![])));
        assert_eq!(slot(&format!("{PERSON}  2026-02-30 |")), Some(Slot::Kind));
        assert_eq!(slot(&format!("{PERSON}  2026-11-25 email!|")), None, "the `!` is not part of the word");
        assert_eq!(slot(&format!("{PERSON}  2026-11-25 coffee |")), None);
    }

    #[test]
    fn person_references_after_an_at_sign_or_on_via_and_knows_lines() {
        assert_eq!(
            at(&format!("{PERSON}  via @gr|")),
            Some((Slot::PersonReference { at_sign: true }, "gr".to_string(), vec![]))
        );
        assert_eq!(
            at(&format!("{PERSON}  via |")),
            Some((Slot::PersonReference { at_sign: false }, String::new(), vec![]))
        );
        assert_eq!(
            at(&format!("{PERSON}  knows @grace, @|")),
            Some((Slot::PersonReference { at_sign: true }, String::new(), vec!["grace".to_string()]))
        );
        assert_eq!(slot(&format!("{PERSON}  knows @grace, |")), Some(Slot::PersonReference { at_sign: false }));
        assert_eq!(slot(&format!("{PERSON}  email ada@ex|")), None, "an address is no reference");
    }

    #[test]
    fn mentions_inside_strings_even_unterminated_ones() {
        let expected = Some((Slot::PersonReference { at_sign: true }, "gra".to_string(), vec![]));
        assert_eq!(at(&format!("{PERSON}  2026-07-15 helped \"Introduced @gra|\"")), expected);
        assert_eq!(at(&format!("{PERSON}  note \"with @gra|")), expected);
        assert_eq!(
            at(&format!("{PERSON}  note \"(@gra|ce)\"")),
            Some((Slot::PersonReference { at_sign: true }, "grace".to_string(), vec![]))
        );
        assert_eq!(slot(&format!("{PERSON}  note \"write to ada@ex|\"")), None);
        assert_eq!(slot(&format!("{PERSON}  note \"just |text\"")), None);
        assert_eq!(slot(&format!("{PERSON}  note \"@grace\" |")), None, "after the closing quote");
    }

    #[test]
    fn nothing_inside_a_comment() {
        assert_eq!(slot(&format!("{PERSON}  role mentor # see @|")), None);
        assert_eq!(slot("# pe|"), None);
    }

    #[test]
    fn tags_and_allowed_rules_on_person_lines() {
        assert_eq!(at(&format!("{PERSON}  tags math, |")), Some((Slot::Tag, String::new(), vec!["math".to_string()])));
        assert_eq!(slot(&format!("{PERSON}  allow st|")), Some(Slot::RuleCode));
    }

    #[test]
    fn settings_their_keys_and_values() {
        assert_eq!(at("set |"), Some((Slot::SettingKey, String::new(), vec![])));
        assert_eq!(at("set stale|-after 6m"), Some((Slot::SettingKey, "stale-after".to_string(), vec![])));
        assert_eq!(slot("set builtin-roles o|"), Some(Slot::OnOff));
        assert_eq!(at("set allow stale, |"), Some((Slot::RuleCode, String::new(), vec!["stale".to_string()])));
        assert_eq!(slot("set stale-after |"), None);
        assert_eq!(slot("set allow stale |"), None);
    }

    #[test]
    fn the_directive_of_the_block_is_found_across_crlf_and_comments() {
        let text = "set allow stale\r\nperson ada \"Ada\"\r\n  # comment\r\n\r\n  role |";
        let offset = text.find('|').expect("marked");
        let text = text.replacen('|', "", 1);
        let context = context_at(&text, offset).expect("a role slot");
        assert_eq!(context.directive.map(|keyword| &text[keyword.range()]), Some("person"));
        assert_eq!(context.slot, Slot::Role);
    }

    #[test]
    fn an_indented_line_above_every_directive_offers_nothing() {
        assert_eq!(slot("  |"), None);
        assert_eq!(slot("bogus x\n  |"), None);
    }
}
