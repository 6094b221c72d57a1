//! End-to-end tests of `kith rules`: the list of every rule, one rule's documentation, and
//! an unknown code.

use crate::support::cli::{kith_in, package_root, run, Run};

fn rules(arguments: &[&str]) -> Run {
    run(kith_in(package_root()).arg("rules").args(arguments))
}

#[test]
fn the_list_shows_every_rule_with_its_severity_and_summary() {
    let run = rules(&[]);
    assert_eq!(run.code, 0);
    let listing = run.stdout.as_str();
    assert_eq!(listing.lines().count(), kith_core::rules::RULES.len());
    for (line, rule) in listing.lines().zip(kith_core::rules::RULES) {
        let info = rule.info();
        let words: Vec<&str> = line.split_whitespace().collect();
        assert_eq!(&words[..2], [info.code, info.severity.as_str()], "{line}");
        assert!(line.ends_with(info.summary), "{line}");
    }
    insta::assert_snapshot!(listing);
}

#[test]
fn a_code_prints_that_rules_documentation() {
    let run = rules(&["unknown-role"]);
    assert_eq!(run.code, 0);
    let page = run.stdout.as_str();
    let info = kith_core::rules::rule("unknown-role").expect("unknown-role exists").info();
    assert!(page.ends_with(info.docs));
    insta::assert_snapshot!(page);
}

#[test]
fn every_rule_has_a_page() {
    for code in kith_core::rules::codes() {
        let run = rules(&[code]);
        assert_eq!(run.code, 0, "{code}");
        assert!(run.stdout.starts_with(&format!("# {code}\n")), "{code}");
        assert!(run.stdout.contains("## Fix"), "{code}");
    }
}

#[test]
fn an_unknown_code_is_one_error_line_with_a_suggestion() {
    let run = rules(&["stal"]);
    assert_eq!(run.code, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "error: there is no rule `stal`; did you mean `stale`? (list them with `kith rules`)\n");

    let far_off = rules(&["banana"]);
    assert_eq!(far_off.code, 2);
    assert_eq!(far_off.stderr, "error: there is no rule `banana` (list them with `kith rules`)\n");
}
