//! `unresolved-include`: an `include` whose file cannot be part of the network.

use super::{problems, Context, Rule, RuleInfo};
use crate::lint::{Lint, Severity};
use crate::model::ProblemKind;

pub(super) struct UnresolvedInclude;

static INFO: RuleInfo = RuleInfo {
    code: "unresolved-include",
    severity: Severity::Error,
    summary: "an `include` whose file cannot be part of the network",
    docs: r#"## What
An `include "PATH"` line whose file is not read into the network: it does not exist or
cannot be read, it includes back a file that includes it (a cycle), it lies outside the
folder of the network's root file, it is not a `.kith` file, or the path is a pattern
(`contacts/*.kith`) or absolute.

## Why
Everything in the network is checked as one: a reference to a person in a file that is
not read would be an `unknown-reference`, and a cycle has no first file.

## Example
```kith
include "contacts/linkedin.kith"
include "contacts/*.kith"
```
Without `contacts/linkedin.kith` on disk: "cannot read `contacts/linkedin.kith`: no such
file or folder"; the second line: "`contacts/*.kith` is a pattern: list each file with an
`include` of its own".

## Fix
Correct the path (it is relative to the file the `include` is in), create the file, or
remove the line. Keep every file of a network in its root file's folder or below it.
"#,
};

impl Rule for UnresolvedInclude {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        problems::report(&INFO, ProblemKind::Include, cx.network, lints);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn a_single_file_reports_nothing_of_its_includes() {
        // Alone, a file's includes are not read: only a network of files reports them.
        assert_no_lint("include \"contacts/linkedin.kith\"\nperson ada \"Ada\"\n", "unresolved-include");
    }

    #[test]
    fn an_include_without_a_quoted_path_is_a_value_problem() {
        assert_message("include contacts.kith\n", "invalid-value", "`contacts.kith` must be in double quotes");
        assert_message("include\n", "syntax", "expected the quoted path of a .kith file after `include`");
    }
}
