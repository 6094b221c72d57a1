//! Shared support for kith-core's property tests: the valid seed file they start from, the
//! day they check on, and random edits of a text that always land on character boundaries.
//! Each test binary uses a different part of it, hence `dead_code` is allowed here.
#![allow(dead_code)]

use proptest::prelude::*;

/// The day every property test checks on.
pub(crate) const TODAY: kith_core::Date = jiff::civil::date(2026, 11, 25);

/// A valid network using every construct, which the edit tests start from.
pub(crate) const SEED: &str = include_str!("../../../../tests/fixtures/proptest-seed.kith");

/// A random edit: delete a range, or insert a piece of text, at a char boundary.
#[derive(Debug, Clone)]
pub(crate) enum Edit {
    Delete { at: usize, len: usize },
    Insert { at: usize, text: String },
}

/// Deletions of fewer than `max_delete` bytes and insertions of a `piece`, anywhere.
pub(crate) fn edit(piece: impl Strategy<Value = String>, max_delete: usize) -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0..max_delete).prop_map(|(at, len)| Edit::Delete { at, len }),
        (any::<usize>(), piece).prop_map(|(at, text)| Edit::Insert { at, text }),
    ]
}

/// Up to five pieces of kith-like text: keywords, line breaks, quotes, dates (impossible
/// ones too), a byte-order mark, short words and any character.
pub(crate) fn kithish() -> impl Strategy<Value = String> {
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

/// `at` wrapped into `text` and moved back to the nearest character boundary.
fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at % (text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Applies `edit` to `text`.
pub(crate) fn apply(text: &mut String, edit: &Edit) {
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
