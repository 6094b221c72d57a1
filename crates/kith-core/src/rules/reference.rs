//! The rule reference (docs/rules.md), generated from the registry so the docs cannot drift.

use super::RULES;
use crate::wording;

/// Markdown documenting every rule: a summary table, then each rule's docs under its code.
pub fn markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n<!-- Generated from kith-core's rule registry by `UPDATE_DOCS=1 cargo test -p kith-core --test rules_doc`; do not edit by hand. -->\n\n\
         Every diagnostic kith reports carries one of these codes. `allow CODE` on a person, or\n\
         `set allow CODE` for the whole file, silences a rule. `kith rules CODE` prints a rule's\n\
         page in the terminal.\n\n| code | default | fires when |\n|---|---|---|\n",
    );
    for rule in RULES.iter() {
        let info = rule.info();
        out.push_str(&format!("| [`{0}`](#{0}) | {1} | {2} |\n", info.code, info.severity, info.summary));
    }
    for rule in RULES.iter() {
        let info = rule.info();
        let docs = info.docs.trim().replace("\n## ", "\n### ").replacen("## ", "### ", 1);
        out.push_str(&format!(
            "\n## {}\n\nDefault severity: **{}**. {}\n\n{docs}\n",
            info.code,
            info.severity,
            wording::sentence(info.summary)
        ));
    }
    out
}
