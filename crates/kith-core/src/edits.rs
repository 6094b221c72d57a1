//! Text edits that change a `.kith` file the way a careful person would by hand: log an
//! interaction where it keeps the log in date order, add a field line in its canonical
//! place, sort a person's log, and add an `allow`. Shared by the language server's quick
//! fixes and the command line's workflow commands; each returns [`TextEdit`]s on the text.
//!
//! Every edit keeps the file's line-ending style, copies the indentation of the person's
//! body (two spaces when there is none), and works on a last line without a newline.

use crate::lint::TextEdit;
use crate::model::{FieldValue, Network, Person};
use crate::text::{bom_len, line_end, line_ending, line_start, next_line_start, strip_bom, Span};
use crate::vocabulary::{FieldName, FIELDS};
use jiff::civil::Date;

/// Indentation of a new body line when the person has no body line to copy it from.
const DEFAULT_INDENT: &str = "  ";

/// The story of a `met` line added by [`add_how_you_met`], for the user to write over.
pub const MET_STORY_PLACEHOLDER: &str = "…";

/// Logs `entry` (a kind and an optional note, e.g. `coffee "Talked it through"`) with
/// `person` on `date`: a new line after the last interaction dated on or before `date`, so
/// a sorted log stays sorted; without one, above the log (after the fields that precede
/// it, else after the header).
pub fn log_interaction(text: &str, person: &Person, date: Date, entry: &str) -> TextEdit {
    let last_on_or_before =
        person.interactions.iter().rfind(|interaction| interaction.date.value.is_some_and(|logged| logged <= date));
    let anchor = match last_on_or_before {
        Some(interaction) => interaction.span.start,
        None => field_anchor(person, None),
    };
    let line = format!("{}{date} {entry}", body_indent(text, person, anchor));
    insert_line_after(text, anchor, &line)
}

/// Adds a `field value` line to `person` in the canonical field order: after the last field
/// line above the log whose canonical place is not after `field`'s, else after the header.
pub fn add_field(text: &str, person: &Person, field: FieldName, value: &str) -> TextEdit {
    let anchor = field_anchor(person, Some(field));
    let line = format!("{}{} {value}", body_indent(text, person, anchor), field.spec().keyword);
    insert_line_after(text, anchor, &line)
}

/// Adds `met DATE "…"` for a person without context, in canonical field order. The date is
/// that of the earliest interaction logged on or before today (you knew them by then), else
/// today, for the user to correct: a real date, so the fix adds no error. (As `met` stands in
/// for a missing meaningful interaction, on a log with none it also resets `stale`.)
pub fn add_how_you_met(text: &str, person: &Person, today: Date) -> TextEdit {
    let earliest =
        person.interactions.iter().filter_map(|interaction| interaction.date.value).filter(|date| *date <= today).min();
    let date = earliest.unwrap_or(today);
    add_field(text, person, FieldName::Met, &format!("{date} \"{MET_STORY_PLACEHOLDER}\""))
}

/// Rewrites `person`'s interaction lines in date order (stable for equal dates), as one
/// edit over the lines that move. Each line moves whole, with its indentation and trailing
/// comment; field lines, comment-only and blank lines stay where they are, and so do
/// interactions whose date cannot be read. `None` when the log is already in order.
pub fn sort_interactions(text: &str, person: &Person) -> Option<TextEdit> {
    let dated: Vec<(Date, Span)> = person
        .interactions
        .iter()
        .filter_map(|interaction| interaction.date.value.map(|date| (date, line_content(text, interaction.span.start))))
        .collect();
    let mut sorted = dated.clone();
    sorted.sort_by_key(|(date, _)| *date);
    let moved = |index: &usize| dated[*index].1 != sorted[*index].1;
    let first = (0..dated.len()).find(moved)?;
    let last = (0..dated.len()).rfind(moved)?;
    let span = Span::new(dated[first].1.start, dated[last].1.end);
    let mut new_text = String::with_capacity(span.len());
    let mut cursor = span.start;
    for (slot, (_, line)) in dated[first..=last].iter().zip(&sorted[first..=last]) {
        new_text.push_str(&text[cursor..slot.1.start]);
        new_text.push_str(&text[line.range()]);
        cursor = slot.1.end;
    }
    Some(TextEdit { span, new_text })
}

/// Gives `person` the roles `roles` (ids), in order: appended to their `role` line, else a
/// new `role` line in canonical field order. Roles they already play are not repeated;
/// `None` when they play them all.
pub fn add_roles(text: &str, person: &Person, roles: &[&str]) -> Option<TextEdit> {
    let played: Vec<&str> = person.roles().iter().map(|role| role.name.as_str()).collect();
    let mut new: Vec<&str> = Vec::new();
    for role in roles {
        if !played.contains(role) && !new.contains(role) {
            new.push(role);
        }
    }
    if new.is_empty() {
        return None;
    }
    let list = new.join(", ");
    let role_line = person.fields.iter().find(|field| field.field == Some(FieldName::Role));
    Some(match role_line {
        Some(line) => append_to_list(text, line.span, played.is_empty(), &list),
        None => add_field(text, person, FieldName::Role, &list),
    })
}

/// Takes every role from `person`, back to the wider network: each `role` line goes, with
/// its line break; a comment at its end stays, on a line of its own.
pub fn remove_roles(text: &str, person: &Person) -> Vec<TextEdit> {
    person
        .fields
        .iter()
        .filter(|field| field.field == Some(FieldName::Role))
        .map(|field| {
            let start = line_start(text, field.span.start);
            let line_end = next_line_start(text, field.span.end).map_or(text.len(), |next| next - 1);
            let rest = &text[field.span.end..line_end];
            let comment = rest.trim_start();
            if comment.starts_with('#') {
                let indent = &text[start..field.span.start];
                let comment_start = line_end - comment.len();
                TextEdit { span: Span::new(start, comment_start), new_text: indent.to_string() }
            } else {
                let end = if line_end < text.len() { line_end + 1 } else { line_end };
                // A last line without a newline takes the line break before it instead.
                let start = if end == text.len() && !text.ends_with('\n') {
                    text[..start].trim_end_matches(['\n', '\r']).len()
                } else {
                    start
                };
                TextEdit { span: Span::new(start, end), new_text: String::new() }
            }
        })
        .collect()
}

/// Silences `code` for `person`: appends it to their (last) `allow` line, else adds an
/// `allow` line after their fields. `None` when they already allow it.
pub fn allow_for_person(text: &str, person: &Person, code: &str) -> Option<TextEdit> {
    if person.allows_code(code) {
        return None;
    }
    let allow_line = person.fields.iter().rev().find_map(|field| match &field.value {
        FieldValue::Allow(codes) if field.field == Some(FieldName::Allow) => Some((field.span, codes.is_empty())),
        _ => None,
    });
    Some(match allow_line {
        Some((span, empty)) => append_to_list(text, span, empty, code),
        None => add_field(text, person, FieldName::Allow, code),
    })
}

/// Silences `code` for the whole file: appends it to the (last) `set allow` line, else adds
/// `set allow CODE` at the top — after the `set` lines there, else after a leading comment
/// block that a blank line separates from the rest, else on the first line. `None` when
/// the file already allows it.
pub fn allow_in_file(text: &str, network: &Network, code: &str) -> Option<TextEdit> {
    if network.settings.allows(code) {
        return None;
    }
    if let Some(line) = network.setting_lines.iter().rev().find(|line| line.key.text == "allow") {
        let empty = line.span.end == line.key.span.end;
        return Some(append_to_list(text, line.span, empty, code));
    }
    let line = format!("set allow {code}");
    Some(match settings_anchor(text) {
        Some(anchor) => insert_line_after(text, anchor, &line),
        None => TextEdit { span: Span::empty(bom_len(text)), new_text: format!("{line}{}", line_ending(text)) },
    })
}

/// Adds `code` after the comma-separated list ending at `span.end`.
fn append_to_list(text: &str, span: Span, empty: bool, code: &str) -> TextEdit {
    let trailing_comma = text[..span.end].trim_end().ends_with(',');
    let new_text = if empty || trailing_comma { format!(" {code}") } else { format!(", {code}") };
    TextEdit { span: Span::empty(span.end), new_text }
}

/// A line of `person`'s block after which a new field line goes: the last field line above
/// the log that is not after `field` in the canonical order (any field when `None`), else
/// the header. Returned as an offset inside that line.
fn field_anchor(person: &Person, field: Option<FieldName>) -> usize {
    let log_start = person.interactions.iter().map(|interaction| interaction.span.start).min().unwrap_or(usize::MAX);
    let limit = field.map_or(FIELDS.len(), canonical_rank);
    person
        .fields
        .iter()
        // An unknown field name has no canonical place; the new line goes below it.
        .rfind(|line| line.span.start < log_start && line.field.is_none_or(|name| canonical_rank(name) <= limit))
        .map_or(person.header.start, |line| line.span.start)
}

fn canonical_rank(field: FieldName) -> usize {
    FIELDS.iter().position(|spec| spec.name == field).expect("every field name has a spec")
}

/// The indentation for a new body line near `anchor`: the anchor line's when it is a body
/// line, else that of the person's first body line, else two spaces.
fn body_indent<'t>(text: &'t str, person: &Person, anchor: usize) -> &'t str {
    let first_body_line = person
        .fields
        .iter()
        .map(|field| field.span.start)
        .chain(person.interactions.iter().map(|interaction| interaction.span.start))
        .min();
    [Some(anchor), first_body_line]
        .into_iter()
        .flatten()
        .map(|offset| &text[line_start(text, offset)..offset])
        .find(|indent| !indent.is_empty() && indent.chars().all(|c| c == ' ' || c == '\t'))
        .unwrap_or(DEFAULT_INDENT)
}

/// Inserts `line` as a new line right after the line holding `anchor`.
fn insert_line_after(text: &str, anchor: usize, line: &str) -> TextEdit {
    let newline = line_ending(text);
    match next_line_start(text, anchor) {
        Some(next) => TextEdit { span: Span::empty(next), new_text: format!("{line}{newline}") },
        None => TextEdit { span: Span::empty(text.len()), new_text: format!("{newline}{line}") },
    }
}

/// The line holding `offset`, from its start to its end before the line break.
fn line_content(text: &str, offset: usize) -> Span {
    Span::new(line_start(text, offset), line_end(text, offset))
}

/// The start of the line after which a new `set` line goes, if not the very top.
fn settings_anchor(text: &str) -> Option<usize> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        lines.push((offset, strip_bom(line).trim_end()));
        offset += line.len();
    }
    let leading_comments = lines.iter().take_while(|(_, line)| line.starts_with('#')).count();
    let comments_stand_alone =
        leading_comments > 0 && lines.get(leading_comments).is_some_and(|(_, line)| line.is_empty());
    let mut anchor = comments_stand_alone.then(|| lines[leading_comments - 1].0);
    for &(start, line) in &lines[leading_comments..] {
        let indented = line.starts_with([' ', '\t']);
        let is_set = line.strip_prefix("set").is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t', '#']));
        if is_set {
            anchor = Some(start);
        } else if !(line.is_empty() || indented || line.starts_with('#')) {
            break;
        }
    }
    anchor
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 25);

    fn apply(text: &str, edit: &TextEdit) -> String {
        format!("{}{}{}", &text[..edit.span.start], edit.new_text, &text[edit.span.end..])
    }

    fn network(text: &str) -> Network {
        crate::check(text, TODAY).network
    }

    fn codes(text: &str) -> Vec<&'static str> {
        crate::check(text, TODAY).lints.iter().map(|lint| lint.code).collect()
    }

    fn logged(text: &str, person: &str, on: Date) -> String {
        let network = network(text);
        let person = network.person(person).expect("the person exists");
        apply(text, &log_interaction(text, person, on, "coffee"))
    }

    fn promoted(text: &str, roles: &[&str]) -> Option<String> {
        let network = network(text);
        let person = network.person("ada").expect("ada");
        add_roles(text, person, roles).map(|edit| apply(text, &edit))
    }

    fn demoted(text: &str) -> String {
        let network = network(text);
        let person = network.person("ada").expect("ada");
        let mut edits = remove_roles(text, person);
        edits.sort_by_key(|edit| std::cmp::Reverse(edit.span.start));
        edits.iter().fold(text.to_string(), |text, edit| apply(&text, edit))
    }

    #[test]
    fn roles_extend_the_role_line_or_start_one_in_its_canonical_place() {
        let text = "person ada \"Ada\"\n  org \"AE\"\n  role mentor # since 2020\n  met 2019-01-01\n";
        assert_eq!(
            promoted(text, &["expert", "mentor", "expert"]).as_deref(),
            Some("person ada \"Ada\"\n  org \"AE\"\n  role mentor, expert # since 2020\n  met 2019-01-01\n")
        );
        assert_eq!(promoted(text, &["mentor"]), None, "nothing new");
        let bare = "person ada \"Ada\"\r\n\torg \"AE\"\r\n\tmet 2019-01-01\r\n\t2026-01-01 coffee\r\n";
        assert_eq!(
            promoted(bare, &["mentor", "truth-teller"]).as_deref(),
            Some(
                "person ada \"Ada\"\r\n\trole mentor, truth-teller\r\n\torg \"AE\"\r\n\tmet 2019-01-01\r\n\t2026-01-01 coffee\r\n"
            )
        );
        assert_eq!(promoted("person ada \"Ada\"", &["mentor"]).as_deref(), Some("person ada \"Ada\"\n  role mentor"));
    }

    #[test]
    fn demoting_takes_the_role_lines_and_keeps_their_comments() {
        let text = "person ada \"Ada\"\n  role mentor # since 2020\n  met 2019-01-01\n  role expert\nperson bob \"Bob\"\n  role sponsor\n";
        assert_eq!(
            demoted(text),
            "person ada \"Ada\"\n  # since 2020\n  met 2019-01-01\nperson bob \"Bob\"\n  role sponsor\n"
        );
        assert_eq!(demoted("person ada \"Ada\"\n  role mentor"), "person ada \"Ada\"");
        assert_eq!(
            demoted("person ada \"Ada\"\r\n  role mentor\r\n  met 2019-01-01\r\n"),
            "person ada \"Ada\"\r\n  met 2019-01-01\r\n"
        );
        assert_eq!(demoted("person ada \"Ada\"\n"), "person ada \"Ada\"\n");
    }

    #[test]
    fn a_logged_interaction_goes_after_the_last_one_on_or_before_its_date() {
        let text = "person ada \"Ada\"\n  role mentor\n  2026-03-14 coffee\n  2026-12-20 meal \"planned\"\n";
        assert_eq!(
            logged(text, "ada", TODAY),
            "person ada \"Ada\"\n  role mentor\n  2026-03-14 coffee\n  2026-11-25 coffee\n  2026-12-20 meal \"planned\"\n"
        );
        assert!(!codes(&logged(text, "ada", TODAY)).contains(&"stale"));
    }

    #[test]
    fn equal_dates_go_below_the_ones_already_logged() {
        let text = "person ada \"Ada\"\n  2026-11-25 call\n  2026-11-26 call\n";
        assert_eq!(
            logged(text, "ada", TODAY),
            "person ada \"Ada\"\n  2026-11-25 call\n  2026-11-25 coffee\n  2026-11-26 call\n"
        );
    }

    #[test]
    fn without_an_earlier_interaction_it_goes_after_the_fields_else_the_header() {
        let text = "person ada \"Ada\"\n  role mentor\n  met 2020-01-01\n  2027-01-01 call\n";
        assert_eq!(
            logged(text, "ada", TODAY),
            "person ada \"Ada\"\n  role mentor\n  met 2020-01-01\n  2026-11-25 coffee\n  2027-01-01 call\n"
        );
        let bare = "person ada \"Ada\"\nperson bob \"Bob\"\n";
        assert_eq!(logged(bare, "ada", TODAY), "person ada \"Ada\"\n  2026-11-25 coffee\nperson bob \"Bob\"\n");
    }

    #[test]
    fn month_end_dates_sort_in_place() {
        let text = "person ada \"Ada\"\n  2026-01-31 call\n  2026-03-01 call\n";
        assert_eq!(
            logged(text, "ada", date(2026, 2, 28)),
            "person ada \"Ada\"\n  2026-01-31 call\n  2026-02-28 coffee\n  2026-03-01 call\n"
        );
    }

    #[test]
    fn crlf_tabs_and_comments_are_kept() {
        let text = "person ada \"Ada\"\r\n\trole mentor\r\n\t2026-03-14 coffee # the board offer\r\n\r\n# Bob next\r\nperson bob \"Bob\"\r\n";
        assert_eq!(
            logged(text, "ada", TODAY),
            "person ada \"Ada\"\r\n\trole mentor\r\n\t2026-03-14 coffee # the board offer\r\n\t2026-11-25 coffee\r\n\r\n# Bob next\r\nperson bob \"Bob\"\r\n"
        );
    }

    #[test]
    fn a_last_line_without_a_newline_gets_one_before_the_new_line() {
        let text = "person ada \"Ada\"\n    2026-03-14 coffee";
        assert_eq!(logged(text, "ada", TODAY), "person ada \"Ada\"\n    2026-03-14 coffee\n    2026-11-25 coffee");
        let crlf = "person ada \"Ada\"\r\n  role mentor";
        assert_eq!(logged(crlf, "ada", TODAY), "person ada \"Ada\"\r\n  role mentor\r\n  2026-11-25 coffee");
        assert_eq!(logged("person ada \"Ada\"", "ada", TODAY), "person ada \"Ada\"\n  2026-11-25 coffee");
    }

    #[test]
    fn the_entry_may_carry_a_note() {
        let text = "person ada \"Ada\"\n";
        let network = network(text);
        let person = network.person("ada").expect("ada exists");
        let edit = log_interaction(text, person, TODAY, "call! \"Long talk\"");
        assert_eq!(apply(text, &edit), "person ada \"Ada\"\n  2026-11-25 call! \"Long talk\"\n");
    }

    fn sorted(text: &str) -> String {
        let network = network(text);
        let person = network.person("ada").expect("ada exists");
        match sort_interactions(text, person) {
            Some(edit) => apply(text, &edit),
            None => text.to_string(),
        }
    }

    #[test]
    fn sorting_moves_whole_lines_and_keeps_fields_and_comment_lines_in_place() {
        let text = "person ada \"Ada\"\n  2026-05-02 email # draft\n  note \"x\"\n  2026-03-14 coffee \"board\"\n  # aside\n  2026-01-31 call\n";
        let expected = "person ada \"Ada\"\n  2026-01-31 call\n  note \"x\"\n  2026-03-14 coffee \"board\"\n  # aside\n  2026-05-02 email # draft\n";
        assert_eq!(sorted(text), expected);
        assert!(codes(text).contains(&"unsorted-log"));
        assert!(!codes(expected).contains(&"unsorted-log"));
    }

    #[test]
    fn sorting_is_stable_and_skips_unreadable_dates() {
        let text =
            "person ada \"Ada\"\n  2026-03-14 email\n  2026-02-30 call\n  2026-03-14 coffee\n  2026-02-28 meal\n";
        assert_eq!(
            sorted(text),
            "person ada \"Ada\"\n  2026-02-28 meal\n  2026-02-30 call\n  2026-03-14 email\n  2026-03-14 coffee\n"
        );
    }

    #[test]
    fn sorting_edits_only_the_lines_that_move() {
        let text = "person ada \"Ada\"\n  2026-01-01 call\n  2026-05-02 call\n  2026-03-14 call\n  2026-06-01 call\n";
        let network = network(text);
        let edit = sort_interactions(text, network.person("ada").expect("ada")).expect("unsorted");
        assert_eq!(&text[edit.span.range()], "  2026-05-02 call\n  2026-03-14 call");
        assert_eq!(edit.new_text, "  2026-03-14 call\n  2026-05-02 call");
    }

    #[test]
    fn sorting_handles_crlf_and_a_last_line_without_newline_and_sorted_logs_need_nothing() {
        let text = "person ada \"Ada\"\r\n\t2026-05-02 call\r\n\t2026-03-14 coffee";
        assert_eq!(sorted(text), "person ada \"Ada\"\r\n\t2026-03-14 coffee\r\n\t2026-05-02 call");
        let network = network("person ada \"Ada\"\n  2026-03-14 call\n  2026-03-14 email\n");
        assert_eq!(
            sort_interactions(
                "person ada \"Ada\"\n  2026-03-14 call\n  2026-03-14 email\n",
                network.person("ada").expect("ada")
            ),
            None
        );
    }

    fn with_met(text: &str) -> String {
        let network = network(text);
        let person = network.person("charles").expect("charles exists");
        apply(text, &add_how_you_met(text, person, TODAY))
    }

    #[test]
    fn how_you_met_goes_in_canonical_field_order_dated_by_the_earliest_interaction() {
        let text = "person charles \"Charles\"\n  role mentor\n  org \"Engines\"\n  tags math\n  2026-03-14 coffee\n  2025-06-01 call\n";
        let expected = "person charles \"Charles\"\n  role mentor\n  org \"Engines\"\n  met 2025-06-01 \"…\"\n  tags math\n  2026-03-14 coffee\n  2025-06-01 call\n";
        assert_eq!(with_met(text), expected);
        assert!(!codes(&with_met(text)).contains(&"no-context"));
    }

    #[test]
    fn how_you_met_without_a_log_is_dated_today_and_follows_the_header_when_alone() {
        assert_eq!(with_met("person charles \"Charles\"\n"), "person charles \"Charles\"\n  met 2026-11-25 \"…\"\n");
        assert_eq!(
            with_met("person charles \"Charles\"\n\ttags x\n  2027-01-01 call\n"),
            "person charles \"Charles\"\n\tmet 2026-11-25 \"…\"\n\ttags x\n  2027-01-01 call\n"
        );
    }

    fn allowed(text: &str, code: &str) -> Option<String> {
        let network = network(text);
        let person = network.person("ada").expect("ada exists");
        allow_for_person(text, person, code).map(|edit| apply(text, &edit))
    }

    #[test]
    fn allow_for_a_person_extends_their_allow_line() {
        let text = "person ada \"Ada\"\n  role mentor\n  allow no-context # for now\n  2026-01-01 call\n";
        let fixed = allowed(text, "stale").expect("stale is not allowed yet");
        assert_eq!(
            fixed,
            "person ada \"Ada\"\n  role mentor\n  allow no-context, stale # for now\n  2026-01-01 call\n"
        );
        assert!(!codes(&fixed).contains(&"stale"));
        assert_eq!(allowed(&fixed, "stale"), None);
        assert_eq!(
            allowed("person ada \"Ada\"\n  allow no-context,\n", "stale").as_deref(),
            Some("person ada \"Ada\"\n  allow no-context, stale\n")
        );
    }

    #[test]
    fn allow_for_a_person_adds_a_line_after_the_fields() {
        let text = "person ada \"Ada\"\r\n\trole mentor\r\n\tnote \"x\"\r\n\t2026-01-01 call\r\n\r\n";
        let fixed = allowed(text, "stale").expect("not allowed yet");
        assert_eq!(
            fixed,
            "person ada \"Ada\"\r\n\trole mentor\r\n\tnote \"x\"\r\n\tallow stale\r\n\t2026-01-01 call\r\n\r\n"
        );
        assert!(!codes(&fixed).contains(&"stale"));
        assert_eq!(
            allowed("person ada \"Ada\"", "no-context").as_deref(),
            Some("person ada \"Ada\"\n  allow no-context")
        );
    }

    fn file_allowed(text: &str, code: &str) -> Option<String> {
        allow_in_file(text, &network(text), code).map(|edit| apply(text, &edit))
    }

    #[test]
    fn allow_in_the_file_goes_after_the_top_settings_or_the_header_comment() {
        let text = "# my network\n\nset stale-after 3m\n# a comment\nset key-people 5\n\nperson ada \"Ada\"\n";
        assert_eq!(
            file_allowed(text, "empty-pillar").as_deref(),
            Some(
                "# my network\n\nset stale-after 3m\n# a comment\nset key-people 5\nset allow empty-pillar\n\nperson ada \"Ada\"\n"
            )
        );
        assert_eq!(
            file_allowed("# my network\r\n# two lines\r\n\r\nperson ada \"Ada\"\r\n", "echo-chamber").as_deref(),
            Some("# my network\r\n# two lines\r\nset allow echo-chamber\r\n\r\nperson ada \"Ada\"\r\n")
        );
    }

    #[test]
    fn allow_in_the_file_goes_first_when_a_comment_belongs_to_the_first_block() {
        assert_eq!(
            file_allowed("# Ada first\nperson ada \"Ada\"\n", "unfilled-role").as_deref(),
            Some("set allow unfilled-role\n# Ada first\nperson ada \"Ada\"\n")
        );
        assert_eq!(
            file_allowed("\u{feff}person ada \"Ada\"", "unfilled-role").as_deref(),
            Some("\u{feff}set allow unfilled-role\nperson ada \"Ada\"")
        );
        assert_eq!(
            file_allowed("set stale-after 3m", "unfilled-role").as_deref(),
            Some("set stale-after 3m\nset allow unfilled-role")
        );
    }

    #[test]
    fn allow_in_the_file_extends_an_existing_set_allow_and_knows_what_is_allowed() {
        let text = "set allow stale\nperson ada \"Ada\"\n  role mentor\n";
        let fixed = file_allowed(text, "no-context").expect("not allowed yet");
        assert_eq!(fixed, "set allow stale, no-context\nperson ada \"Ada\"\n  role mentor\n");
        assert!(!codes(&fixed).contains(&"no-context"));
        assert_eq!(file_allowed(&fixed, "stale"), None);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        /// A person whose body mixes interactions (random dates around month ends), field
        /// lines, comment-only and blank lines, with a random indentation and line ending.
        fn person_text() -> impl Strategy<Value = String> {
            let line = prop_oneof![
                4 => (2025i16..=2027, 1i8..=12, prop_oneof![Just(1i8), Just(28), Just(29), Just(30), Just(31)], 0..3usize)
                    .prop_map(|(year, month, day, comment)| {
                        let day = day.min(date(year, month, 1).days_in_month());
                        let comment = ["", " # why", "  # 😀"][comment];
                        format!("{} call \"note\"{comment}", date(year, month, day))
                    }),
                1 => Just("note \"x\"".to_string()),
                1 => Just("# aside".to_string()),
                1 => Just(String::new()),
            ];
            (
                prop::collection::vec(line, 0..8),
                prop_oneof![Just("  "), Just("\t"), Just("    ")],
                any::<bool>(),
                any::<bool>(),
            )
                .prop_map(|(lines, indent, crlf, final_newline)| {
                    let newline = if crlf { "\r\n" } else { "\n" };
                    let mut text = format!("person ada \"Ada\"{newline}  role mentor");
                    for line in lines {
                        text.push_str(newline);
                        if !line.is_empty() {
                            text.push_str(indent);
                            text.push_str(&line);
                        }
                    }
                    if final_newline {
                        text.push_str(newline);
                    }
                    text
                })
        }

        fn lines_sorted(text: &str) -> Vec<&str> {
            let mut lines: Vec<&str> = text.lines().map(str::trim_end).collect();
            lines.sort_unstable();
            lines
        }

        proptest! {
            #[test]
            fn sorting_leaves_a_sorted_log_with_the_same_lines(text in person_text()) {
                let fixed = sorted(&text);
                prop_assert!(!codes(&fixed).contains(&"unsorted-log"), "{:?}", fixed);
                prop_assert_eq!(lines_sorted(&fixed), lines_sorted(&text));
                let sorted_again = sorted(&fixed);
                prop_assert_eq!(sorted_again, fixed, "sorting twice changes nothing");
            }

            #[test]
            fn logging_into_a_sorted_log_keeps_it_sorted(text in person_text(), day in 0i32..1000) {
                let on = date(2025, 1, 1).checked_add(jiff::Span::new().days(day)).expect("in range");
                let before = sorted(&text);
                let after = logged(&before, "ada", on);
                prop_assert!(!codes(&after).contains(&"unsorted-log"), "{:?}", after);
                let count = |text: &str| network(text).person("ada").map_or(0, |person| person.interactions.len());
                prop_assert_eq!(count(&after), count(&before) + 1);
                let crlf = before.contains("\r\n");
                prop_assert_eq!(after.contains('\n') && !after.replace("\r\n", "").contains('\n'), crlf);
            }
        }
    }
}
