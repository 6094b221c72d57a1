//! Runs the Neovim plugin's end-to-end test (tests/editors/nvim/run.sh) against the
//! `kith-lsp` this package builds: Neovim's own LSP client must get kith's diagnostics,
//! completion and hover. Needs `nvim` on PATH; `KITH_SKIP_NVIM=1` skips it with a note.

use std::path::Path;
use std::process::Command;

#[test]
fn the_neovim_plugin_talks_to_kith_lsp() {
    let nvim_found = Command::new("nvim").arg("--version").output().is_ok_and(|output| output.status.success());
    if !nvim_found {
        if std::env::var_os("KITH_SKIP_NVIM").is_some_and(|value| value == "1") {
            eprintln!("SKIPPED the_neovim_plugin_talks_to_kith_lsp: nvim is not on PATH and KITH_SKIP_NVIM=1");
            return;
        }
        panic!("nvim is not on PATH: install Neovim (Debian: apt-get install neovim), or set KITH_SKIP_NVIM=1 to skip this test");
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/editors/nvim/run.sh");
    let output = Command::new("bash")
        .arg(&script)
        .env("KITH_LSP", env!("CARGO_BIN_EXE_kith-lsp"))
        .output()
        .expect("bash runs tests/editors/nvim/run.sh");
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "the Neovim plugin test failed ({}):\n{report}", output.status);
    assert!(report.contains(" passed, 0 failed"), "the Neovim plugin test ran no checks:\n{report}");
}
