//! Runs the pre-commit hooks' end-to-end test (tests/editors/pre-commit/run.sh): pre-commit
//! installs this repository's working tree as a Rust hook and `kith-check` passes a clean
//! file and fails a broken one. Needs `pre-commit` on PATH; `KITH_SKIP_PRECOMMIT=1` skips it
//! with a note. The first run builds kith in release mode (minutes).

use std::path::Path;
use std::process::Command;

#[test]
fn the_pre_commit_hooks_check_kith_files() {
    let found = Command::new("pre-commit").arg("--version").output().is_ok_and(|output| output.status.success());
    if !found {
        if std::env::var_os("KITH_SKIP_PRECOMMIT").is_some_and(|value| value == "1") {
            eprintln!(
                "SKIPPED the_pre_commit_hooks_check_kith_files: pre-commit is not on PATH and KITH_SKIP_PRECOMMIT=1"
            );
            return;
        }
        panic!("pre-commit is not on PATH: install it (pip install pre-commit), or set KITH_SKIP_PRECOMMIT=1 to skip this test");
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/editors/pre-commit/run.sh");
    let output = Command::new("bash").arg(&script).output().expect("bash runs tests/editors/pre-commit/run.sh");
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the pre-commit hooks test failed ({}):\n{report}", output.status);
    assert!(report.contains(" passed, 0 failed"), "the pre-commit hooks test ran no checks:\n{report}");
}
