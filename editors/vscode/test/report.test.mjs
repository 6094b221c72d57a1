// "kith: Show Network Report" (src/report.ts, compiled to out/ by `npm test`), run against
// stand-in `kith` commands: the HTML on success, a message naming the failure otherwise.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { chmodSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const { runReport, withContentSecurityPolicy, CONTENT_SECURITY_POLICY } = require("../out/report.js");

/** A folder with an executable `kith` running `script` and a network.kith; returns both paths. */
function standIn(script) {
  const dir = mkdtempSync(join(tmpdir(), "kith-report-"));
  const cli = join(dir, "kith");
  writeFileSync(cli, `#!/bin/sh\n${script}\n`);
  chmodSync(cli, 0o755);
  const file = join(dir, "network.kith");
  writeFileSync(file, 'person ada "Ada Lovelace"\n');
  return { cli, file };
}

test("runs `kith report --format html FILE` with KITH_TODAY and returns its HTML", async () => {
  const { cli, file } = standIn('printf "<html><head><title>r</title></head><body>%s|%s|%s</body></html>" "$*" "$KITH_TODAY" "$PWD"');
  const outcome = await runReport({ cli, file, today: "2026-11-25", env: { PATH: "/usr/bin:/bin" } });
  assert.equal(outcome.ok, true, outcome.message);
  const dir = file.slice(0, file.lastIndexOf("/"));
  assert.match(outcome.html, new RegExp(`<body>report --format html ${file}\\|2026-11-25\\|${dir}</body>`));
  assert.ok(outcome.html.startsWith(`<html><head><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`));
});

test("without a pinned today, KITH_TODAY is left as it was", async () => {
  const { cli, file } = standIn('printf "<p>[%s]</p>" "$KITH_TODAY"');
  const outcome = await runReport({ cli, file, today: "", env: { PATH: "/usr/bin:/bin" } });
  assert.equal(outcome.ok, true);
  assert.match(outcome.html, /<p>\[\]<\/p>/);
});

test("a failing command's exit code and error output make the message", async () => {
  const { cli, file } = standIn('echo "error: unrecognized subcommand \'report\'" >&2; exit 2');
  const outcome = await runReport({ cli, file, today: "", env: { PATH: "/usr/bin:/bin" } });
  assert.equal(outcome.ok, false);
  assert.match(outcome.message, /`kith report --format html network.kith` failed \(exit 2\)/);
  assert.match(outcome.message, /unrecognized subcommand 'report'/);
});

test("a command that prints nothing is a failure", async () => {
  const { cli, file } = standIn("exit 0");
  const outcome = await runReport({ cli, file, today: "", env: { PATH: "/usr/bin:/bin" } });
  assert.deepEqual(outcome, { ok: false, message: "kith: `kith report --format html network.kith` printed no report." });
});

test("a command that hangs is stopped after the time limit", async () => {
  const { cli, file } = standIn("exec sleep 30");
  const outcome = await runReport({ cli, file, today: "", env: { PATH: "/usr/bin:/bin" }, timeoutMs: 200 });
  assert.equal(outcome.ok, false);
  assert.match(outcome.message, /was stopped after the time limit/);
});

test("a missing command says how to install kith", async () => {
  const { file } = standIn("exit 0");
  const outcome = await runReport({ cli: "kith", file, today: "", env: { PATH: "/no/such/dir" } });
  assert.equal(outcome.ok, false);
  assert.match(outcome.message, /the command line `kith` was not found/);
  assert.match(outcome.message, /cargo install --path \./);
  assert.match(outcome.message, /`kith.cli.path`/);
});

test("HTML without a head is wrapped in a document under the policy", () => {
  assert.equal(
    withContentSecurityPolicy("<p>hi</p>"),
    `<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}"></head><body><p>hi</p></body></html>`,
  );
});
