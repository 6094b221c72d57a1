//! The bundled example keeps showing the handful of nudges the README promises.

use std::process::Command;

#[test]
fn the_bundled_example_shows_its_nudges_and_passes() {
    let output = Command::new(env!("CARGO_BIN_EXE_kith"))
        .args(["check", "--today", "2026-11-25", "--level", "hint", "--format", "short", "examples/network.kith"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("kith runs");
    assert_eq!(output.status.code(), Some(0), "the example has no errors: {}", String::from_utf8_lossy(&output.stdout));
    insta::assert_snapshot!(String::from_utf8_lossy(&output.stdout));
}
