//! Property tests: no input — random text, random edits of valid files — makes the core
//! panic, and every lint it returns points inside the text on character boundaries.

mod common;

use common::{apply, kithish, Edit, SEED, TODAY};
use kith_core::{check, Encoding, LineIndex};
use proptest::prelude::*;

fn assert_sound(text: &str) {
    let analysis = check(text, TODAY);
    let index = LineIndex::new(text);
    for lint in &analysis.lints {
        assert!(lint.span.start <= lint.span.end && lint.span.end <= text.len(), "{lint:?} out of bounds");
        assert!(
            text.is_char_boundary(lint.span.start) && text.is_char_boundary(lint.span.end),
            "{lint:?} splits a char"
        );
        for related in &lint.related {
            assert!(related.span.end <= text.len() && text.is_char_boundary(related.span.start));
        }
        for edit in lint.fixes.iter().flat_map(|suggestion| &suggestion.edits) {
            assert!(
                edit.span.end <= text.len()
                    && text.is_char_boundary(edit.span.start)
                    && text.is_char_boundary(edit.span.end)
            );
        }
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Chars] {
            let position = index.line_col(text, lint.span.start, encoding);
            assert_eq!(index.offset(text, position, encoding), lint.span.start, "{lint:?} does not round-trip");
        }
    }
}

fn edit() -> impl Strategy<Value = Edit> {
    common::edit(kithish(), 40)
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
        let mut text = SEED.to_string();
        for edit in &edits {
            apply(&mut text, edit);
            assert_sound(&text);
        }
    }
}

#[test]
fn the_seed_file_is_valid() {
    let analysis = check(SEED, TODAY);
    let errors: Vec<_> = analysis.lints.iter().filter(|lint| lint.severity == kith_core::Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}
