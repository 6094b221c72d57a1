//! The bundled example keeps showing the handful of nudges the README promises.

use crate::support::cli::{package_root, pinned_subcommand_in};

#[test]
fn the_bundled_example_shows_its_nudges_and_passes() {
    let arguments = ["--level", "hint", "--format", "short", "examples/network.kith"];
    let output = pinned_subcommand_in(package_root(), "check", &arguments).output().expect("kith runs");
    assert_eq!(output.status.code(), Some(0), "the example has no errors: {}", String::from_utf8_lossy(&output.stdout));
    insta::assert_snapshot!(String::from_utf8_lossy(&output.stdout));
}
