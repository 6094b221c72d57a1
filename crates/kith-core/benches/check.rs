//! Benchmarks of parse + analyse on synthetic networks of 1,000 to 100,000 people: each
//! step in one piece, and the whole check on every core the machine has; and one long
//! line of many values against the same values on lines of their own (the time must grow
//! with the size, not with its square).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

#[path = "support/synthetic.rs"]
mod synthetic;

fn parse_and_analyse(c: &mut Criterion) {
    let today = jiff::civil::date(2026, 11, 25);
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for people in [1_000, 10_000, 100_000] {
        let text = synthetic::network(people);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("parse", people), &text, |b, text| {
            b.iter(|| kith_core::syntax::parse(black_box(text)));
        });
        let tree = kith_core::syntax::parse(&text);
        group.bench_with_input(BenchmarkId::new("analyse", people), &text, |b, text| {
            b.iter(|| kith_core::analyse(black_box(text), &tree, today));
        });
        group.bench_with_input(BenchmarkId::new("parse+analyse", people), &text, |b, text| {
            b.iter(|| kith_core::check(black_box(text), today));
        });
        let threads = std::thread::available_parallelism().unwrap_or(std::num::NonZeroUsize::MIN);
        group.bench_with_input(BenchmarkId::new("check_parallel", people), &text, |b, text| {
            b.iter(|| kith_core::check_parallel(black_box(text), today, threads));
        });
    }
    group.finish();
}

/// `tags t0, t1, …` on one line, or each tag on a `tags` line of its own.
fn tags(count: usize, one_line: bool) -> String {
    let mut text = String::from("person ada \"Ada\"\n");
    if one_line {
        let tags: Vec<String> = (0..count).map(|tag| format!("t{tag}")).collect();
        text.push_str(&format!("  tags {}\n", tags.join(", ")));
    } else {
        for tag in 0..count {
            text.push_str(&format!("  tags t{tag}\n"));
        }
    }
    text
}

fn long_lines(c: &mut Criterion) {
    let today = jiff::civil::date(2026, 11, 25);
    let mut group = c.benchmark_group("long-line");
    group.sample_size(10);
    for count in [50_000, 100_000, 200_000] {
        for (name, one_line) in [("one-line", true), ("own-lines", false)] {
            let text = tags(count, one_line);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.bench_with_input(BenchmarkId::new(name, count), &text, |b, text| {
                b.iter(|| kith_core::check(black_box(text), today));
            });
        }
    }
    group.finish();
}

criterion_group!(benches, parse_and_analyse, long_lines);
criterion_main!(benches);
