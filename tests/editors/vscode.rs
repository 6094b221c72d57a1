//! Runs the VS Code extension's checks (editors/vscode/test.sh): a clean `npm ci` from the
//! lockfile, the type-check, the Node tests (grammar, settings, the report runner against
//! this package's `kith`) and the packaged .vsix. Needs `npm` on PATH;
//! `KITH_SKIP_VSCODE=1` skips it with a note.

use std::path::Path;
use std::process::Command;

#[test]
fn the_vscode_extension_builds_and_passes_its_tests() {
    let found = Command::new("npm").arg("--version").output().is_ok_and(|output| output.status.success());
    if !found {
        if std::env::var_os("KITH_SKIP_VSCODE").is_some_and(|value| value == "1") {
            eprintln!(
                "SKIPPED the_vscode_extension_builds_and_passes_its_tests: npm is not on PATH and KITH_SKIP_VSCODE=1"
            );
            return;
        }
        panic!("npm is not on PATH: install Node.js 20 or newer, or set KITH_SKIP_VSCODE=1 to skip this test");
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("editors/vscode/test.sh");
    let output = Command::new("bash")
        .arg(&script)
        .env("KITH_CLI", env!("CARGO_BIN_EXE_kith"))
        .output()
        .expect("bash runs editors/vscode/test.sh");
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the VS Code extension checks failed ({}):\n{report}", output.status);
    assert!(report.contains("is ready"), "the VS Code extension checks did not package the extension:\n{report}");
    assert!(report.contains("# fail 0") && !report.contains("# pass 0"), "the Node tests did not run:\n{report}");
    let skipped = report.lines().any(|line| line.starts_with("# skipped ") && line != "# skipped 0");
    assert!(!skipped, "a Node test was skipped (the real `kith report` one needs KITH_CLI):\n{report}");
}
