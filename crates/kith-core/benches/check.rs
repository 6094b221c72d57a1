//! Benchmarks of parse + analyse on synthetic networks of 1,000 to 100,000 people: each
//! step in one piece, and the whole check on every core the machine has.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

#[path = "synthetic.rs"]
mod synthetic;

fn parse_and_analyse(c: &mut Criterion) {
    let today = jiff::civil::date(2026, 11, 25);
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    for people in [1_000, 10_000, 100_000] {
        let text = synthetic::network(people);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::new("parse", people), &text, |b, text| {
            b.iter(|| kith_core::syntax::parse(black_box(text)))
        });
        let tree = kith_core::syntax::parse(&text);
        group.bench_with_input(BenchmarkId::new("analyse", people), &text, |b, text| {
            b.iter(|| kith_core::analyse(black_box(text), &tree, today))
        });
        group.bench_with_input(BenchmarkId::new("parse+analyse", people), &text, |b, text| {
            b.iter(|| kith_core::check(black_box(text), today))
        });
        let threads = std::thread::available_parallelism().unwrap_or(std::num::NonZeroUsize::MIN);
        group.bench_with_input(BenchmarkId::new("check_parallel", people), &text, |b, text| {
            b.iter(|| kith_core::check_parallel(black_box(text), today, threads))
        });
    }
    group.finish();
}

criterion_group!(benches, parse_and_analyse);
criterion_main!(benches);
