//! Benchmark: how long after the last keystroke the diagnostics of a large document arrive,
//! through the real `kith-lsp` binary over stdio — measured to the moment the notification's
//! last byte is read, before the client parses it. Run with `cargo bench --bench lsp_latency`.

#[allow(dead_code)] // the benchmark uses part of the tests' client
#[path = "../tests/support/lsp_client.rs"]
mod lsp_client;
#[path = "../crates/kith-core/benches/support/synthetic.rs"]
mod synthetic;

use lsp_client::{uri, LspClient};
use serde_json::json;
use std::time::{Duration, Instant};

const KEYSTROKES: usize = 25;

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * fraction).round() as usize;
    sorted[index]
}

/// Median, 95th percentile and maximum of `latencies`, in milliseconds.
fn summary(mut latencies: Vec<Duration>) -> String {
    latencies.sort();
    let ms = |duration: Duration| duration.as_secs_f64() * 1e3;
    let max = latencies.last().copied().unwrap_or_default();
    format!(
        "median={:.1}ms p95={:.1}ms max={:.1}ms",
        ms(percentile(&latencies, 0.5)),
        ms(percentile(&latencies, 0.95)),
        ms(max)
    )
}

/// Sends each change as the next version, one at a time, and returns how long after each
/// its diagnostics arrived.
fn keystrokes(
    client: &mut LspClient,
    doc: &str,
    version: &mut i32,
    changes: impl Iterator<Item = serde_json::Value>,
) -> Vec<Duration> {
    changes
        .map(|change| {
            *version += 1;
            let sent = Instant::now();
            client.change(doc, *version, json!([change]));
            client.diagnostics(doc, *version);
            client.last_arrival().duration_since(sent)
        })
        .collect()
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
        let at = json!({ "line": line, "character": 2 });
        let typed = json!({ "range": { "start": at, "end": at }, "text": " " });
        let mut version = 1;
        let typing = keystrokes(&mut client, &doc, &mut version, std::iter::repeat_n(typed, KEYSTROKES));

        // Keystrokes that break the syntax and mend it: a `"` opening a string that does not
        // close on its line (an error the parser must recover from), then deleting it.
        let after_quote = json!({ "line": line, "character": 3 });
        let open_quote = json!({ "range": { "start": at, "end": at }, "text": "\"" });
        let delete_quote = json!({ "range": { "start": at, "end": after_quote }, "text": "" });
        let toggles = [open_quote, delete_quote].into_iter().cycle().take(KEYSTROKES);
        let breaking = keystrokes(&mut client, &doc, &mut version, toggles);

        // Typing in a comment on the first line: every block after it moves.
        let top = json!({ "line": 0, "character": 1 });
        let typed_at_top = json!({ "range": { "start": top, "end": top }, "text": " " });
        let at_top = keystrokes(&mut client, &doc, &mut version, std::iter::repeat_n(typed_at_top, KEYSTROKES));

        // A burst of fast typing (10 keystrokes 5 ms apart): time from the last one.
        version += 1;
        let mut last_sent = Instant::now();
        for _ in 0..10 {
            client.change(&doc, version, json!([{ "range": { "start": at, "end": at }, "text": "x" }]));
            last_sent = Instant::now();
            version += 1;
            std::thread::sleep(Duration::from_millis(5));
        }
        client.diagnostics(&doc, version - 1);
        let burst = client.last_arrival().duration_since(last_sent);

        println!(
            "lsp_latency people={people} bytes={} open={:.1}ms keystroke→diagnostics {} breaking→diagnostics {} at-top→diagnostics {} burst→diagnostics={:.1}ms",
            text.len(),
            open_time.as_secs_f64() * 1e3,
            summary(typing),
            summary(breaking),
            summary(at_top),
            burst.as_secs_f64() * 1e3,
        );
        assert!(client.shutdown_and_exit().success());
    }
}
