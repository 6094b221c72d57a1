//! End-to-end tests of `kith rules`: the list of every rule, one rule's documentation, and
//! an unknown code.

use std::process::{Command, Output, Stdio};

fn rules(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kith"))
        .arg("rules")
        .args(arguments)
        .stdin(Stdio::null())
        .output()
        .expect("the kith binary runs")
}

fn stdout(output: &Output) -> &str {
    std::str::from_utf8(&output.stdout).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> &str {
    std::str::from_utf8(&output.stderr).expect("stderr is UTF-8")
}

#[test]
fn the_list_shows_every_rule_with_its_severity_and_summary() {
    let output = rules(&[]);
    assert_eq!(output.status.code(), Some(0));
    let listing = stdout(&output);
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
    let output = rules(&["unknown-role"]);
    assert_eq!(output.status.code(), Some(0));
    let page = stdout(&output);
    let info = kith_core::rules::rule("unknown-role").expect("unknown-role exists").info();
    assert!(page.ends_with(info.docs));
    insta::assert_snapshot!(page);
}

#[test]
fn every_rule_has_a_page() {
    for code in kith_core::rules::codes() {
        let output = rules(&[code]);
        assert_eq!(output.status.code(), Some(0), "{code}");
        assert!(stdout(&output).starts_with(&format!("# {code}\n")), "{code}");
        assert!(stdout(&output).contains("## Fix"), "{code}");
    }
}

#[test]
fn an_unknown_code_is_one_error_line_with_a_suggestion() {
    let output = rules(&["stal"]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    assert_eq!(
        stderr(&output),
        "error: there is no rule `stal`; did you mean `stale`? (list them with `kith rules`)\n"
    );

    let far_off = rules(&["banana"]);
    assert_eq!(far_off.status.code(), Some(2));
    assert_eq!(stderr(&far_off), "error: there is no rule `banana` (list them with `kith rules`)\n");
}
