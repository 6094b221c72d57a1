//! What the import benchmarks generate their exports from: a deterministic stream of
//! numbers, and the names and addresses of a synthetic network that has `set me`. Each
//! benchmark uses a part of it, hence `dead_code` is allowed here.
#![allow(dead_code)]

use std::fmt::Write as _;

pub(crate) const FIRST_NAMES: &[&str] =
    &["Ada", "Grace", "Alan", "Ana", "José", "Zoë", "Li", "Priya", "Kwame", "Ingrid", "Tomás"];
pub(crate) const LAST_NAMES: &[&str] =
    &["Lovelace", "Hopper", "Turing", "López", "Núñez", "Natarajan", "Mensah", "Svensson"];

/// A deterministic stream of numbers (xorshift64), so the exports are the same every run.
pub(crate) struct Numbers(u64);

impl Numbers {
    /// The stream every benchmark starts from.
    pub(crate) fn new() -> Self {
        Numbers(0x9E37_79B9_7F4A_7C15)
    }

    pub(crate) fn below(&mut self, bound: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % bound as u64) as usize
    }

    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    /// `count` words of `words`, separated by spaces.
    pub(crate) fn words(&mut self, words: &[&str], count: usize) -> String {
        (0..count).map(|_| self.pick(words)).collect::<Vec<_>>().join(" ")
    }
}

/// The address of the network's person `index`.
pub(crate) fn email(index: usize) -> String {
    format!("person{index}@example.org")
}

/// A first and a last name.
pub(crate) fn name(numbers: &mut Numbers) -> String {
    format!("{} {}", numbers.pick(FIRST_NAMES), numbers.pick(LAST_NAMES))
}

/// The network: `set me` and `people` people, each with one address.
pub(crate) fn network(numbers: &mut Numbers, people: usize) -> String {
    let mut text = String::from("set me me@example.org\n");
    for index in 0..people {
        let _ = write!(text, "\nperson p{index} \"{}\"\n  email {}\n", name(numbers), email(index));
    }
    text
}
