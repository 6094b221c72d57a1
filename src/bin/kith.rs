fn main() { std::process::exit(kith_cli::main()) }
