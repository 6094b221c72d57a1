//! Shared helpers for the rules' tests: analyse a snippet on a pinned today and count lints.

use crate::lint::{Applicability, Lint};
use jiff::civil::{date, Date};

/// The day every rule test runs on.
pub(crate) const TODAY: Date = date(2026, 11, 25);

/// Every lint of `source`, analysed on [`TODAY`].
pub(crate) fn lints(source: &str) -> Vec<Lint> {
    lints_on(source, TODAY)
}

pub(crate) fn lints_on(source: &str, today: Date) -> Vec<Lint> {
    crate::check(source, today).lints
}

/// The lints with this code.
pub(crate) fn lints_of(source: &str, code: &str) -> Vec<Lint> {
    lints(source).into_iter().filter(|lint| lint.code == code).collect()
}

#[track_caller]
pub(crate) fn assert_lint_count(source: &str, code: &str, expected: usize) {
    let found = lints_of(source, code);
    assert_eq!(found.len(), expected, "expected {expected} `{code}` lints in\n{source}\nfound: {found:#?}");
}

#[track_caller]
pub(crate) fn assert_no_lint(source: &str, code: &str) {
    assert_lint_count(source, code, 0);
}

/// Asserts exactly one lint with `code`, with this message, and returns it.
#[track_caller]
pub(crate) fn assert_message(source: &str, code: &str, message: &str) -> Lint {
    let mut found = lints_of(source, code);
    assert_eq!(found.len(), 1, "expected one `{code}` lint in\n{source}\nfound: {found:#?}");
    let lint = found.remove(0);
    assert_eq!(lint.message, message);
    lint
}

/// The source text a lint's span covers.
pub(crate) fn spanned<'a>(source: &'a str, lint: &Lint) -> &'a str {
    &source[lint.span.range()]
}

/// Asserts that `lint`'s first fix, applied to `source`, gives `expected`, and that it is
/// safe to apply without a look (`kith check --fix`) exactly when `safe`.
#[track_caller]
pub(crate) fn assert_fix_result(source: &str, lint: &Lint, expected: &str, safe: bool) {
    let fix = lint.fixes.first().unwrap_or_else(|| panic!("no fix on {lint:#?}"));
    assert_eq!(crate::fix::apply(source, fix.edits.iter().collect()), expected, "fix `{}`", fix.title);
    assert_eq!(fix.applicability == Applicability::Safe, safe, "applicability of `{}`", fix.title);
}
