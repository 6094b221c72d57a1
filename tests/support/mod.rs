//! Shared support for the end-to-end tests of the root package. Each test binary uses a
//! different part of it, hence `dead_code` is allowed here.
#![allow(dead_code)]

pub mod cli;
pub mod lsp_client;
pub mod lsp_edits;
