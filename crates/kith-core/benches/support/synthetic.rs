//! A deterministic generator of synthetic `.kith` networks for benchmarks: `people`
//! persons with about ten interactions each, a third of them key people.

use std::fmt::Write;

const ROLES: [&str; 12] = [
    "champion",
    "connector",
    "sponsor",
    "nurturer",
    "confidant",
    "truth-teller",
    "mentor",
    "expert",
    "challenger",
    "butt-kicker",
    "collaborator",
    "visionary",
];
const KINDS: [&str; 8] = ["coffee", "email", "call", "message", "meal", "helped", "asked", "video"];
const ORGS: [&str; 5] = ["Analytical Engines Ltd", "Difference Works", "Jacquard Looms", "Navy Labs", "Harvard Mark"];

/// A network of `people` persons, the same for the same argument.
pub(crate) fn network(people: usize) -> String {
    let mut out = String::with_capacity(people * 400);
    out.push_str("# synthetic network for benchmarks\nset stale-after 6m\nset key-people 100000\n\n");
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |bound: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % bound
    };
    for index in 0..people {
        let _ = writeln!(out, "person p{index} \"Person Number {index}\"");
        if index % 3 == 0 {
            let _ = writeln!(out, "  role {}, {}", ROLES[next(12) as usize], ROLES[next(12) as usize]);
        }
        let _ = writeln!(out, "  org \"{}\"", ORGS[next(5) as usize]);
        let _ = writeln!(out, "  email p{index}@example.org");
        let _ = writeln!(out, "  met 20{:02}-{:02}-{:02} \"at a meetup\"", 10 + next(15), 1 + next(12), 1 + next(28));
        if index > 0 {
            let _ = writeln!(out, "  knows @p{}", next(index as u64));
        }
        let mut month = 1 + next(3);
        for interaction in 0..10 {
            let _ = write!(out, "  2026-{month:02}-{:02} {}", 1 + next(28), KINDS[next(8) as usize]);
            if interaction % 2 == 0 {
                let _ = write!(out, " \"about @p{}\"", next(people as u64));
            }
            out.push('\n');
            month = (month + 1).min(11);
        }
        out.push('\n');
    }
    out
}
