//! Writes a synthetic network to stdout, for timing the whole `kith check` process:
//! `cargo run --release -p kith-core --example synthetic_network -- 10000 > big.kith`.

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

fn main() {
    let people = std::env::args().nth(1).and_then(|arg| arg.parse().ok()).unwrap_or(10_000);
    print!("{}", synthetic::network(people));
}
