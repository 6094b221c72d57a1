//! `kith rules`: list every rule with its default severity and summary, or print one
//! rule's documentation.

use crate::args::RulesArgs;
use crate::status::{output_written, ExitStatus, Outcome};
use kith_core::rules::{self, RULES};
use kith_core::suggest::closest;
use kith_core::wording;
use std::io::{self, Write};

pub(crate) fn run(arguments: &RulesArgs) -> Outcome {
    let text = match &arguments.code {
        None => list(),
        Some(code) => match rules::rule(code) {
            Some(rule) => docs(rule.info()),
            None => return Err(unknown_rule(code).into()),
        },
    };
    let mut stdout = io::stdout().lock();
    output_written(stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()))?;
    Ok(ExitStatus::Success)
}

/// One aligned line per rule: code, default severity, summary.
fn list() -> String {
    let width = rules::codes().map(str::len).max().unwrap_or(0);
    RULES
        .iter()
        .map(|rule| {
            let info = rule.info();
            format!("{:width$}  {:7}  {}\n", info.code, info.severity.as_str(), info.summary)
        })
        .collect()
}

/// A rule's page: a heading with its code, its default severity and summary, then its docs.
fn docs(info: &rules::RuleInfo) -> String {
    format!(
        "# {}\n\nDefault severity: {}. {}\n\n{}",
        info.code,
        info.severity,
        wording::sentence(info.summary),
        info.docs
    )
}

fn unknown_rule(code: &str) -> String {
    match closest(code, rules::codes()) {
        Some(known) => format!("there is no rule `{code}`; did you mean `{known}`? (list them with `kith rules`)"),
        None => format!("there is no rule `{code}` (list them with `kith rules`)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_one_aligned_line_per_rule() {
        let listing = list();
        assert_eq!(listing.lines().count(), RULES.len());
        let stale = listing.lines().find(|line| line.starts_with("stale ")).expect("stale is listed");
        let summary_column = stale.find(rules::rule("stale").expect("stale exists").info().summary);
        let syntax = listing.lines().find(|line| line.starts_with("syntax ")).expect("syntax is listed");
        let syntax_summary = rules::rule("syntax").expect("syntax exists").info().summary;
        assert_eq!(summary_column, syntax.find(syntax_summary));
        assert!(stale.contains(" warning "), "{stale}");
    }

    #[test]
    fn a_page_opens_with_the_code_and_holds_the_docs() {
        let info = rules::rule("stale").expect("stale exists").info();
        let page = docs(info);
        assert!(page.starts_with("# stale\n\nDefault severity: warning. No meaningful"), "{page}");
        assert!(page.ends_with(info.docs));
    }

    #[test]
    fn an_unknown_code_offers_the_closest() {
        assert_eq!(
            unknown_rule("stal"),
            "there is no rule `stal`; did you mean `stale`? (list them with `kith rules`)"
        );
        assert_eq!(unknown_rule("banana"), "there is no rule `banana` (list them with `kith rules`)");
    }
}
