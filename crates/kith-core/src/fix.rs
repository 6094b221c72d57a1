//! Applying fixes: every fix a lint carries, to the text, as `kith check --fix` does, and
//! the `allow` that silences a lint (offered in the editor beside the rule's own fixes).

use crate::edits;
use crate::lint::{Applicability, Fix, Lint, TextEdit};
use crate::model::Network;
use crate::rules::FILE_START;
use jiff::civil::Date;

/// How many times the text is fixed and checked again at most: a fix may reveal another
/// (a field renamed, then its value read), and two fixes that overlap go in turn.
pub const MAX_PASSES: usize = 10;

/// What fixing a text did.
#[derive(Debug, Clone)]
pub struct Fixed {
    /// The text with the fixes applied.
    pub text: String,
    /// The lints fixed, by rule code, in the order first fixed, with how many.
    pub by_code: Vec<(&'static str, usize)>,
    /// The fixes left unapplied because the text would then have more syntax errors (a
    /// field renamed to one whose value is missing), as lints of the fixed text.
    pub refused: Vec<Lint>,
    /// The lints of the fixed text: what is left.
    pub left: Vec<Lint>,
}

impl Fixed {
    pub fn count(&self) -> usize {
        self.by_code.iter().map(|(_, count)| count).sum()
    }
}

/// Applies the fixes of `text`'s lints as of `today` — the safe ones, and the unsafe ones
/// too when `unsafe_fixes` — again on the result until nothing more applies (at most
/// [`MAX_PASSES`] times). Of fixes whose edits overlap, the first in the file goes first
/// and the other waits for the next pass, on the text it then finds; display-only fixes are
/// never applied, and neither is a fix after which the text has more syntax errors.
pub fn fix_all(text: &str, today: Date, unsafe_fixes: bool) -> Fixed {
    fix_with(text, unsafe_fixes, |text| crate::check(text, today).lints)
}

/// [`fix_all`] with the lints of a text from `lints_of` — of one file of a network, say,
/// checked with the rest of it (`crate::include`), its lints in that file's coordinates.
pub fn fix_with(text: &str, unsafe_fixes: bool, mut lints_of: impl FnMut(&str) -> Vec<Lint>) -> Fixed {
    let most = if unsafe_fixes { Applicability::Unsafe } else { Applicability::Safe };
    let mut current = text.to_string();
    let mut by_code: Vec<(&'static str, usize)> = Vec::new();
    let mut refused: Vec<(&'static str, String, String)> = Vec::new();
    let mut left = lints_of(&current);
    for _ in 0..MAX_PASSES {
        let lints = std::mem::take(&mut left);
        let chosen = choose(&lints, most, &refused);
        if chosen.is_empty() {
            left = lints;
            break;
        }
        let errors = syntax_errors_in(&lints);
        let candidate = apply_fixes(&current, &chosen);
        let checked = lints_of(&candidate);
        let applied: Vec<&'static str> = if syntax_errors_in(&checked) <= errors {
            current = candidate;
            left = checked;
            chosen.iter().map(|(lint, _)| lint.code).collect()
        } else {
            // One of them breaks a line: apply them one at a time, each on its own check,
            // from the end of the file back so that the spans of those before still hold.
            let mut groups: Vec<(Vec<&Lint>, &Fix)> = Vec::new();
            for (lint, fix) in &chosen {
                match groups.iter_mut().find(|(_, other)| other.edits == fix.edits) {
                    Some((lints, _)) => lints.push(lint),
                    None => groups.push((vec![lint], fix)),
                }
            }
            groups.sort_by_key(|(_, fix)| std::cmp::Reverse(fix.edits.iter().map(|edit| edit.span.start).min()));
            let mut applied = Vec::new();
            let mut errors_now = errors;
            for (lints, fix) in groups {
                let candidate = apply(&current, fix.edits.iter().collect());
                let checked = lints_of(&candidate);
                if syntax_errors_in(&checked) <= errors_now {
                    current = candidate;
                    errors_now = syntax_errors_in(&checked);
                    applied.extend(lints.iter().map(|lint| lint.code));
                } else {
                    refused.extend(lints.iter().map(|lint| signature(lint, fix)));
                }
            }
            left = lints_of(&current);
            applied
        };
        for code in applied {
            match by_code.iter_mut().find(|(known, _)| *known == code) {
                Some((_, count)) => *count += 1,
                None => by_code.push((code, 1)),
            }
        }
    }
    let refused = left
        .iter()
        .filter(|lint| {
            lint.fixes.iter().any(|fix| fix.applicability <= most && refused.contains(&signature(lint, fix)))
        })
        .cloned()
        .collect();
    Fixed { text: current, by_code, refused, left }
}

fn syntax_errors_in(lints: &[Lint]) -> usize {
    lints.iter().filter(|lint| lint.code == "syntax").count()
}

/// What tells a fix apart across passes, whose spans move: its lint and its title.
fn signature(lint: &Lint, fix: &Fix) -> (&'static str, String, String) {
    (lint.code, lint.message.clone(), fix.title.clone())
}

/// `text` with the fixes applied, each set of edits once (one sort for a whole log).
fn apply_fixes(text: &str, fixes: &[(&Lint, &Fix)]) -> String {
    let mut edits: Vec<&TextEdit> = Vec::new();
    for (_, fix) in fixes {
        if !fix.edits.iter().all(|edit| edits.contains(&edit)) {
            edits.extend(&fix.edits);
        }
    }
    apply(text, edits)
}

/// Of `lints`, those with a fix no less safe than `most`, not `refused` before, whose
/// edits overlap none chosen before, with that fix. The same fix on several lints (one
/// sort for a whole log) is chosen for each of them.
fn choose<'l>(
    lints: &'l [Lint],
    most: Applicability,
    refused: &[(&'static str, String, String)],
) -> Vec<(&'l Lint, &'l Fix)> {
    let mut chosen: Vec<(&Lint, &Fix)> = Vec::new();
    for lint in lints {
        let applicable = |fix: &&Fix| fix.applicability <= most && !refused.contains(&signature(lint, fix));
        let Some(fix) = lint.fixes.iter().find(applicable) else { continue };
        let same_as_chosen = chosen.iter().any(|(_, other)| other.edits == fix.edits);
        let overlaps = chosen
            .iter()
            .flat_map(|(_, other)| &other.edits)
            .any(|taken| fix.edits.iter().any(|edit| overlap(edit, taken)));
        if same_as_chosen || !overlaps {
            chosen.push((lint, fix));
        }
    }
    chosen
}

/// Whether two edits touch the same text, or insert at the same place (whose order would
/// be a guess).
fn overlap(a: &TextEdit, b: &TextEdit) -> bool {
    let (a, b) = (a.span, b.span);
    (a.start < b.end && b.start < a.end)
        || a.start == b.start
        || (a.is_empty() && a.start == b.end)
        || (b.is_empty() && b.start == a.end)
}

/// `text` with `edits` (which do not overlap) applied.
pub fn apply(text: &str, mut edits: Vec<&TextEdit>) -> String {
    edits.sort_by_key(|edit| std::cmp::Reverse((edit.span.start, edit.span.end)));
    let mut result = text.to_string();
    for edit in edits {
        result.replace_range(edit.span.range(), &edit.new_text);
    }
    result
}

/// The fix that silences `lint` with `allow`: for the person whose block it sits in (or
/// whom it is about), else for the whole file. `None` for a syntax error — a line kith
/// cannot read is fixed, never allowed — and when the `allow` is already there.
pub fn allow(text: &str, network: &Network, lint: &Lint) -> Option<Fix> {
    if lint.code == "syntax" {
        return None;
    }
    let file_wide = lint.span == FILE_START && lint.person.is_none();
    let in_block = if file_wide { None } else { network.person_at(lint.span.start) };
    let person = in_block.or_else(|| lint.person.as_deref().and_then(|id| network.person(id)));
    let code = lint.code;
    match person {
        Some(person) => edits::allow_for_person(text, person, code)
            .map(|edit| Fix::display_only(format!("allow `{code}` for {}", person.name_or_this_person()), vec![edit])),
        None => edits::allow_in_file(text, network, code)
            .map(|edit| Fix::display_only(format!("allow `{code}` in this file"), vec![edit])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    const TODAY: Date = date(2026, 11, 25);

    /// Fixes `text` (safe fixes only) and compares the result with `expected`.
    #[track_caller]
    fn assert_fixed(text: &str, expected: &str) -> Fixed {
        let fixed = fix_all(text, TODAY, false);
        assert_eq!(fixed.text, expected);
        fixed
    }

    #[test]
    fn did_you_mean_roles_fields_kinds_and_rules_are_safe() {
        let fixed = assert_fixed(
            "person ada \"Ada\"\n  role mentr\n  emial ada@example.org\n  met 2020-01-01 \"PyCon\"\n  allow stal\n  2026-11-01 cofee\n",
            "person ada \"Ada\"\n  role mentor\n  email ada@example.org\n  met 2020-01-01 \"PyCon\"\n  allow stale\n  2026-11-01 coffee\n",
        );
        assert_eq!(fixed.count(), 4, "{:?}", fixed.by_code);
        assert!(fixed.left.iter().all(|lint| lint.fixes.iter().all(|fix| fix.applicability != Applicability::Safe)));
    }

    #[test]
    fn a_log_is_sorted_once_for_all_its_lints() {
        let fixed = assert_fixed(
            "person ada \"Ada\"\n  met 2020-01-01 \"PyCon\"\n  2026-11-03 coffee\n  2026-11-01 call\n  2026-10-01 meet\n",
            "person ada \"Ada\"\n  met 2020-01-01 \"PyCon\"\n  2026-10-01 meet\n  2026-11-01 call\n  2026-11-03 coffee\n",
        );
        assert_eq!(fixed.by_code, [("unsorted-log", 2)]);
    }

    #[test]
    fn a_reference_to_another_person_waits_for_unsafe_fixes() {
        let text = "person ada \"Ada\"\n  met 2020-01-01 \"PyCon\"\n\nperson bob \"Bob\"\n  via @ad\n";
        assert_fixed(text, text);
        let fixed = fix_all(text, TODAY, true);
        assert_eq!(fixed.text, text.replace("@ad\n", "@ada\n"));
        assert_eq!(fixed.by_code, [("unknown-reference", 1)]);
    }

    #[test]
    fn what_only_you_know_is_never_applied() {
        // Stale, without context: logging a coffee or a `met` line is for you to write.
        let text = "person ada \"Ada\"\n  role mentor\n";
        let fixed = fix_all(text, TODAY, true);
        assert_eq!(fixed.text, text);
        assert!(fixed.left.iter().any(|lint| lint.code == "stale" && !lint.fixes.is_empty()));
    }

    #[test]
    fn allow_is_offered_for_a_person_and_for_the_file_but_not_for_a_syntax_error() {
        let text = "person ada \"Ada\"\n  role mentor\n";
        let analysis = crate::check(text, TODAY);
        let stale = analysis.lints.iter().find(|lint| lint.code == "stale").expect("stale");
        let fix = allow(text, &analysis.network, stale).expect("an allow");
        assert_eq!(fix.title, "allow `stale` for Ada");
        assert_eq!(apply(text, fix.edits.iter().collect()), "person ada \"Ada\"\n  role mentor\n  allow stale\n");
        let broken = crate::check("person\n", TODAY);
        let syntax = broken.lints.iter().find(|lint| lint.code == "syntax").expect("a syntax error");
        assert_eq!(allow("person\n", &broken.network, syntax), None);
    }

    /// Found by the property test: `birthd` alone is an unknown field, `birthday` alone a
    /// syntax error (it needs a date).
    #[test]
    fn a_fix_that_would_break_a_line_is_refused_and_the_others_applied() {
        let text = "person ada \"Ada\"\n  role mentr\n  met 2020-01-01 \"PyCon\"\n  birthd\n";
        let fixed = assert_fixed(text, &text.replace("mentr", "mentor"));
        assert_eq!(fixed.by_code, [("unknown-role", 1)]);
        let refused: Vec<&str> = fixed.refused.iter().map(|lint| lint.code).collect();
        assert_eq!(refused, ["unknown-field"]);
    }

    #[test]
    fn overlapping_edits_wait_for_the_next_pass() {
        let insert = |at: usize, text: &str| TextEdit { span: crate::Span::empty(at), new_text: text.to_string() };
        let replace =
            |start: usize, end: usize| TextEdit { span: crate::Span::new(start, end), new_text: String::new() };
        assert!(overlap(&insert(3, "a"), &insert(3, "b")));
        assert!(overlap(&replace(2, 5), &replace(4, 6)));
        assert!(overlap(&insert(5, "a"), &replace(2, 5)));
        assert!(!overlap(&replace(2, 4), &replace(4, 6)));
        assert!(!overlap(&insert(1, "a"), &replace(2, 5)));
    }
}
