//! The end-to-end tests of `kith-lsp` through a real LSP client over stdio: one test binary, so the workspace is linked once for all of them
//! (docs/performance.md, "Test binaries").

#[path = "../support/mod.rs"]
mod support;

mod code_actions;
mod completion;
mod formatting;
mod hover;
mod inlay_hints;
mod navigation;
mod network;
mod server;
mod transport;
