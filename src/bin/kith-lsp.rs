//! The `kith-lsp` language server; everything but the allocator lives in crates/kith-lsp.

#[path = "../allocator.rs"]
mod allocator;

fn main() {
    allocator::install();
    std::process::exit(kith_lsp::main())
}
