//! Shared support for the end-to-end tests of the root package. Each test binary uses a
//! different part of it, hence `dead_code` is allowed here.
#![allow(dead_code)]

pub(crate) mod cli;
pub(crate) mod lsp_client;
pub(crate) mod lsp_edits;
