fn main() { std::process::exit(kith_lsp::main()) }
