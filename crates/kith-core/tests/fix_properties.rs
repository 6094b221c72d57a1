//! `kith check --fix`'s engine, `fix::fix_all`, on generated files full of what its fixes
//! mend (misspelt roles, fields, kinds, rules and references; logs out of order; settings
//! and ids written loosely) and of what they must leave alone: it never panics, adds no
//! syntax error, leaves no lint with a fix it should have applied, and a second run
//! changes nothing. Also on random edits of the seed file, which may not parse.

mod common;

use common::{apply, edit, kithish, SEED, TODAY};
use kith_core::fix::{fix_all, MAX_PASSES};
use kith_core::{check, Applicability, Lint};
use proptest::prelude::*;

fn syntax_errors(lints: &[Lint]) -> usize {
    lints.iter().filter(|lint| lint.code == "syntax").count()
}

/// Fixes `text` and checks every promise of `fix_all`.
fn assert_fixes_hold(text: &str, unsafe_fixes: bool) {
    let most = if unsafe_fixes { Applicability::Unsafe } else { Applicability::Safe };
    let before = check(text, TODAY);
    let fixed = fix_all(text, TODAY, unsafe_fixes);
    assert_eq!(fixed.left, check(&fixed.text, TODAY).lints, "what is left is the fixed text's analysis");
    if syntax_errors(&fixed.left) > syntax_errors(&before.lints) {
        let changed: Vec<(&str, &str)> = text.lines().zip(fixed.text.lines()).filter(|(old, new)| old != new).collect();
        let errors: Vec<&String> =
            fixed.left.iter().filter(|lint| lint.code == "syntax").map(|lint| &lint.message).collect();
        panic!("a fix added a syntax error: {errors:?}; lines changed: {changed:#?}; fixed: {:?}", fixed.by_code);
    }
    if fixed.text == text {
        assert_eq!(fixed.count(), 0, "nothing changed, nothing fixed");
    }
    let left_to_fix: Vec<&Lint> = fixed
        .left
        .iter()
        .filter(|lint| lint.fixes.iter().any(|fix| fix.applicability <= most) && !fixed.refused.contains(lint))
        .collect();
    assert!(left_to_fix.is_empty(), "after {MAX_PASSES} passes at most, fixes left: {left_to_fix:#?}\n{}", fixed.text);
    let again = fix_all(&fixed.text, TODAY, unsafe_fixes);
    assert_eq!(again.text, fixed.text, "a second run changes nothing");
    assert_eq!(again.count(), 0);
}

/// One block of a generated file.
fn block() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        Just("  role mentr".to_string()),
        Just("  role mentor, champin".to_string()),
        Just("  role Mentor".to_string()),
        Just("  emial p@example.org".to_string()),
        Just("  orgg \"Engines\"".to_string()),
        Just("  org Engines".to_string()),
        Just("  met 2019-04-02 \"at a meetup\"".to_string()),
        Just("  allow stal".to_string()),
        Just("  allow stale, one-sidd".to_string()),
        Just("  every 3 months".to_string()),
        (0..6u8).prop_map(|target| format!("  knows @p{target}")),
        (0..6u8).prop_map(|target| format!("  via @q{target}")),
        (1..13u8, 1..29u8, 0..5usize).prop_map(|(month, day, kind)| {
            let kind = ["coffee", "cofee", "emial", "asked", "gossip"][kind];
            format!("  2026-{month:02}-{day:02} {kind} \"note\"")
        }),
        Just("  # a comment".to_string()),
    ];
    let person = (0..6u8, any::<bool>(), prop::collection::vec(line, 0..8)).prop_map(|(id, loose, lines)| {
        let mut block =
            if loose { format!("person P{id} \"Person {id}\"\n") } else { format!("person p{id} \"Person {id}\"\n") };
        for line in lines {
            block.push_str(&line);
            block.push('\n');
        }
        block
    });
    prop_oneof![
        4 => person,
        1 => Just("set builtin-roles yes\n".to_string()),
        1 => Just("set allow emptypillar\n".to_string()),
        1 => Just("set stale-after 2 weeks\n".to_string()),
        1 => Just("persn p9 \"Typo\"\n".to_string()),
        1 => Just("\n".to_string()),
    ]
}

fn generated_file() -> impl Strategy<Value = String> {
    (prop::collection::vec(block(), 1..20), any::<bool>()).prop_map(|(blocks, crlf)| {
        let text = blocks.concat();
        if crlf {
            text.replace('\n', "\r\n")
        } else {
            text
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn generated_files_fix_to_a_fixed_point(text in generated_file(), unsafe_fixes in any::<bool>()) {
        assert_fixes_hold(&text, unsafe_fixes);
    }

    #[test]
    fn edits_of_the_seed_fix_without_harm(edits in prop::collection::vec(edit(kithish(), 40), 1..6)) {
        let mut text = SEED.to_string();
        for edit in &edits {
            apply(&mut text, edit);
        }
        assert_fixes_hold(&text, true);
    }
}

#[test]
fn the_seed_has_nothing_to_fix() {
    let fixed = fix_all(SEED, TODAY, true);
    assert_eq!(fixed.text, SEED);
}
