//! Property tests: no input — random text, random edits of valid files — makes the core
//! panic, and every lint it returns points inside the text on character boundaries.

use kith_core::{check, Encoding, LineIndex};
use proptest::prelude::*;

const VALID: &str = include_str!("../../../tests/fixtures/proptest-seed.kith");

fn assert_sound(text: &str) {
    let analysis = check(text, jiff::civil::date(2026, 11, 25));
    let index = LineIndex::new(text);
    for lint in &analysis.lints {
        assert!(lint.span.start <= lint.span.end && lint.span.end <= text.len(), "{lint:?} out of bounds");
        assert!(text.is_char_boundary(lint.span.start) && text.is_char_boundary(lint.span.end), "{lint:?} splits a char");
        for related in &lint.related {
            assert!(related.span.end <= text.len() && text.is_char_boundary(related.span.start));
        }
        for edit in lint.suggestions.iter().flat_map(|suggestion| &suggestion.edits) {
            assert!(edit.span.end <= text.len() && text.is_char_boundary(edit.span.start) && text.is_char_boundary(edit.span.end));
        }
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Chars] {
            let position = index.line_col(text, lint.span.start, encoding);
            assert_eq!(index.offset(text, position, encoding), lint.span.start, "{lint:?} does not round-trip");
        }
    }
}

/// A random edit: delete a range, or insert a piece of kith-like text, at a char boundary.
#[derive(Debug, Clone)]
enum Edit {
    Delete { at: usize, len: usize },
    Insert { at: usize, text: String },
}

fn kithish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("person ".to_string()),
            Just("role ".to_string()),
            Just("\n  ".to_string()),
            Just("\n".to_string()),
            Just("\r\n".to_string()),
            Just("\t".to_string()),
            Just("\"".to_string()),
            Just("@".to_string()),
            Just("!".to_string()),
            Just(", ".to_string()),
            Just("# ".to_string()),
            Just("2026-02-30 ".to_string()),
            Just("--02-29".to_string()),
            Just("6m".to_string()),
            Just("\u{feff}".to_string()),
            "[a-zA-Z0-9_ -]{0,8}",
            any::<char>().prop_map(String::from),
        ],
        0..6,
    )
    .prop_map(|pieces| pieces.concat())
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(at, len)| Edit::Delete { at, len }),
        (any::<usize>(), kithish()).prop_map(|(at, text)| Edit::Insert { at, text }),
    ]
}

fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(text: &mut String, edit: &Edit) {
    match edit {
        Edit::Delete { at, len } => {
            let start = floor_boundary(text, *at);
            let end = floor_boundary(text, (start + len).min(text.len()));
            if start <= end {
                text.replace_range(start..end, "");
            }
        }
        Edit::Insert { at, text: piece } => {
            let at = floor_boundary(text, *at);
            text.insert_str(at, piece);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_text_never_panics(text in any::<String>()) {
        assert_sound(&text);
    }

    #[test]
    fn kith_like_noise_never_panics(text in kithish()) {
        assert_sound(&text);
    }

    #[test]
    fn random_edits_of_a_valid_file_never_panic(edits in prop::collection::vec(edit(), 1..12)) {
        let mut text = VALID.to_string();
        for edit in &edits {
            apply(&mut text, edit);
            assert_sound(&text);
        }
    }
}

#[test]
fn the_seed_file_is_valid() {
    let analysis = check(VALID, jiff::civil::date(2026, 11, 25));
    let errors: Vec<_> = analysis.lints.iter().filter(|lint| lint.severity == kith_core::Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
