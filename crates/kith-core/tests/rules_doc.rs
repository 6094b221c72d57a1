//! docs/rules.md must be exactly what the rule registry generates; run with
//! `UPDATE_DOCS=1` to rewrite it after changing a rule's documentation.

use std::path::Path;

#[test]
fn docs_rules_md_matches_the_registry() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md");
    let generated = kith_core::rules::reference::markdown();
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&path, &generated).expect("docs/rules.md is writable");
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is out of date: run `UPDATE_DOCS=1 cargo test -p kith-core --test rules_doc`"
    );
}
