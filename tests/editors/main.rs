//! The editor integrations and pre-commit, tested in the real tools: one test binary, so the workspace is linked once for all of them
//! (docs/performance.md, "Test binaries").

#[path = "../support/mod.rs"]
mod support;

mod helix;
mod nvim;
mod precommit;
mod queries;
mod vscode;
