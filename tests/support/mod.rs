//! Shared support for the end-to-end tests of the root package.

pub mod lsp_client;
