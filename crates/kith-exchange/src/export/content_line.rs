//! Content lines, the line format vCard (RFC 6350) and iCalendar (RFC 5545) share: text
//! values escaped, lines folded at 75 octets, CRLF line breaks.

/// The longest a line may be, in octets, not counting its line break.
const MAX_OCTETS: usize = 75;

/// Escapes a TEXT value: `\` `,` `;` and line breaks (`\n`, `\r\n` or `\r` all become `\n`).
pub(super) fn escape_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => escaped.push_str("\\\\"),
            ',' => escaped.push_str("\\,"),
            ';' => escaped.push_str("\\;"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {
                chars.next_if_eq(&'\n');
                escaped.push_str("\\n");
            }
            c if c.is_control() && c != '\t' => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// Appends `line` (name, parameters, `:` and value, already escaped) to `out`, folded so
/// that no physical line exceeds 75 octets: a fold is a CRLF and one space. Folds never
/// split a UTF-8 character or an escape sequence like `\,`.
pub(super) fn push_folded(out: &mut String, line: &str) {
    let mut width = 0;
    let mut units = line.char_indices().peekable();
    while let Some((start, c)) = units.next() {
        let mut end = start + c.len_utf8();
        if c == '\\' {
            if let Some((next, escaped)) = units.next() {
                end = next + escaped.len_utf8();
            }
        }
        let unit = &line[start..end];
        if width + unit.len() > MAX_OCTETS {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push_str(unit);
        width += unit.len();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_escapes_separators_backslashes_and_line_breaks() {
        assert_eq!(escape_text("a,b;c\\d\ne\r\nf\rg\u{7}\th"), "a\\,b\\;c\\\\d\\ne\\nf\\ng\th");
    }

    #[test]
    fn short_lines_are_not_folded() {
        let mut out = String::new();
        push_folded(&mut out, "FN:Ada Lovelace");
        assert_eq!(out, "FN:Ada Lovelace\r\n");
    }

    #[test]
    fn long_lines_fold_at_75_octets_and_unfold_to_the_original() {
        let line = format!("NOTE:{}", "é,🙂 \\, ".repeat(40));
        let mut out = String::new();
        push_folded(&mut out, &line);
        let physical: Vec<&str> = out.strip_suffix("\r\n").expect("ends with CRLF").split("\r\n").collect();
        assert!(physical.len() > 3);
        assert!(physical.iter().all(|part| part.len() <= 75), "{physical:?}");
        assert!(physical[1..].iter().all(|part| part.starts_with(' ')));
        assert!(physical.iter().all(|part| !part.ends_with('\\')), "an escape is never split");
        assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
    }

    #[test]
    fn a_line_of_exactly_75_octets_stays_whole() {
        let line = "X".repeat(75);
        let mut out = String::new();
        push_folded(&mut out, &line);
        assert_eq!(out, format!("{line}\r\n"));
        let mut longer = String::new();
        push_folded(&mut longer, &format!("{line}Y"));
        assert_eq!(longer, format!("{line}\r\n Y\r\n"));
    }
}
