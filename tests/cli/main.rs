//! The end-to-end tests of `kith`, the command line, run as a process: one test binary, so the workspace is linked once for all of them
//! (docs/performance.md, "Test binaries").

#[path = "../support/mod.rs"]
mod support;

mod agenda;
mod check;
mod check_fix;
mod choose;
mod example;
mod export;
mod fmt;
mod import;
mod import_ics;
mod import_linkedin;
mod import_mbox;
mod import_outlook;
mod include;
mod log;
mod report;
mod report_render;
mod rules;
mod writes;
