//! Shared by the rules that report what the model builder could not read.

use super::RuleInfo;
use crate::lint::{Fix, Lint};
use crate::model::{Network, ProblemKind};

/// One lint of `info`'s rule for each reading problem of `kind`, with its fix.
pub(super) fn report(info: &'static RuleInfo, kind: ProblemKind, network: &Network, lints: &mut Vec<Lint>) {
    for problem in network.problems.iter().filter(|problem| problem.kind == kind) {
        let mut lint = info.lint(problem.span, problem.message.clone());
        if let Some(replacement) = &problem.replacement {
            lint = lint.with_fix(Fix::replace(problem.span, replacement.clone()));
        }
        lints.push(lint);
    }
}
