//! Benchmark: how long after the last keystroke the diagnostics of a large document arrive,
//! through the real `kith-lsp` binary over stdio — measured to the moment the notification's
//! last byte is read, before the client parses it. Run with `cargo bench --bench lsp_latency`.

#[allow(dead_code)] // the benchmark uses part of the tests' client
#[path = "../tests/support/lsp_client.rs"]
mod lsp_client;
#[path = "../crates/kith-core/benches/synthetic.rs"]
mod synthetic;

use lsp_client::{uri, LspClient};
use serde_json::json;
use std::time::{Duration, Instant};

const KEYSTROKES: usize = 25;

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted[index]
}

fn main() {
    for people in [1_000, 5_000] {
        let text = synthetic::network(people);
        let mut client = LspClient::start();
        let doc = uri(&format!("bench-{people}.kith"));
        let opened = Instant::now();
        client.open(&doc, &text);
        client.diagnostics(&doc, 1);
        let open_time = client.last_arrival().duration_since(opened);

        // One keystroke at a time: type a character into a note in the middle of the file.
        let line = text.lines().count() as u32 / 2;
        let mut latencies = Vec::with_capacity(KEYSTROKES);
        for stroke in 0..KEYSTROKES {
            let version = 2 + stroke as i32;
            let at = json!({ "line": line, "character": 2 });
            let sent = Instant::now();
            client.change(&doc, version, json!([{ "range": { "start": at, "end": at }, "text": " " }]));
            client.diagnostics(&doc, version);
            latencies.push(client.last_arrival().duration_since(sent));
        }
        latencies.sort();

        // A burst of fast typing (10 keystrokes 5 ms apart): time from the last one.
        let mut version = 2 + KEYSTROKES as i32;
        let mut last_sent = Instant::now();
        for _ in 0..10 {
            let at = json!({ "line": line, "character": 2 });
            client.change(&doc, version, json!([{ "range": { "start": at, "end": at }, "text": "x" }]));
            last_sent = Instant::now();
            version += 1;
            std::thread::sleep(Duration::from_millis(5));
        }
        client.diagnostics(&doc, version - 1);
        let burst = client.last_arrival().duration_since(last_sent);

        println!(
            "lsp_latency people={people} bytes={} open={:.1}ms keystroke→diagnostics median={:.1}ms p95={:.1}ms max={:.1}ms burst→diagnostics={:.1}ms",
            text.len(),
            open_time.as_secs_f64() * 1e3,
            percentile(&latencies, 0.5).as_secs_f64() * 1e3,
            percentile(&latencies, 0.95).as_secs_f64() * 1e3,
            latencies[latencies.len() - 1].as_secs_f64() * 1e3,
            burst.as_secs_f64() * 1e3,
        );
        assert!(client.shutdown_and_exit().success());
    }
}
