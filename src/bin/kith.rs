//! The `kith` command line; everything but the allocator lives in crates/kith-cli.

#[path = "../allocator.rs"]
mod allocator;

fn main() {
    allocator::install();
    std::process::exit(kith_cli::main())
}
