//! `misplaced-setting`: a `set` line in a file that the network's root file includes.

use super::{problems, Context, Rule, RuleInfo};
use crate::lint::{Lint, Severity};
use crate::model::ProblemKind;

pub(super) struct MisplacedSetting;

static INFO: RuleInfo = RuleInfo {
    code: "misplaced-setting",
    severity: Severity::Error,
    summary: "a `set` line outside the network's root file",
    docs: r#"## What
A `set` line in a file the network includes (directly or through another file) rather
than in its root file, the one that is checked, opened or named on the command line.

## Why
Settings are the whole network's: its cadence, its limit of key people, its `allow`s and
who you are. Kept in one file, they are found in one place, and two files cannot set them
differently.

## Example
```kith
# contacts/linkedin.kith, included by network.kith
set stale-after 3m
```
"`set` lines belong in the network's root file, `network.kith`".

## Fix
Move the line into the root file. `role` and `pillar` declarations may stand in any file
of the network.
"#,
};

impl Rule for MisplacedSetting {
    fn info(&self) -> &'static RuleInfo {
        &INFO
    }

    fn check(&self, cx: &Context<'_>, lints: &mut Vec<Lint>) {
        problems::report(&INFO, ProblemKind::MisplacedSetting, cx.network, lints);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::*;

    #[test]
    fn a_file_on_its_own_is_its_root() {
        assert_no_lint("set stale-after 3m\nperson ada \"Ada\"\n", "misplaced-setting");
    }
}
