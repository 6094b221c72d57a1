// "kith: Show Network Report" (src/report.ts, compiled to out/ by `npm test`), run against
// stand-in `kith` commands — the HTML on success, a message naming the failure otherwise —
// and against the real kith when KITH_CLI names it (test.sh builds it in a checkout).

import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const { runReport, withContentSecurityPolicy, CONTENT_SECURITY_POLICY } = require("../out/report.js");

const TEXT = 'person ada "Ada Lovelace"\n';
const PATH_ENV = { PATH: "/usr/bin:/bin" };

/** A folder with an executable `kith` running `script`; returns its path and the folder. */
function standIn(script) {
  const cwd = mkdtempSync(join(tmpdir(), "kith-report-"));
  const cli = join(cwd, "kith");
  writeFileSync(cli, `#!/bin/sh\n${script}\n`);
  chmodSync(cli, 0o755);
  return { cli, cwd };
}

function request(cli, cwd, extra = {}) {
  return { cli, cwd, text: TEXT, name: "network.kith", today: "", env: PATH_ENV, ...extra };
}

test("pipes the text to `kith report --format html -` in the document's folder, with KITH_TODAY", async () => {
  const { cli, cwd } = standIn('printf "<html><head><title>r</title></head><body>%s|%s|%s|%s</body></html>" "$*" "$KITH_TODAY" "$PWD" "$(cat)"');
  const outcome = await runReport(request(cli, cwd, { today: "2026-11-25" }));
  assert.equal(outcome.ok, true, outcome.message);
  assert.ok(outcome.html.includes(`<body>report --format html -|2026-11-25|${cwd}|${TEXT.trim()}</body>`), outcome.html);
  assert.ok(outcome.html.startsWith(`<html><head><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`));
});

test("without a pinned today, KITH_TODAY is left as it was", async () => {
  const { cli, cwd } = standIn('printf "<p>[%s]</p>" "$KITH_TODAY"');
  const outcome = await runReport(request(cli, cwd, { env: { ...PATH_ENV, KITH_TODAY: "2026-01-02" } }));
  assert.equal(outcome.ok, true);
  assert.match(outcome.html, /<p>\[2026-01-02\]<\/p>/);
});

test("a failing command's exit code and error output make the message", async () => {
  const { cli, cwd } = standIn('echo "error: unrecognized subcommand \'report\'" >&2; exit 2');
  const outcome = await runReport(request(cli, cwd));
  assert.equal(outcome.ok, false);
  assert.match(outcome.message, /`kith report --format html - < network.kith` failed \(exit 2\)/);
  assert.match(outcome.message, /unrecognized subcommand 'report'/);
});

test("a command that prints nothing is a failure", async () => {
  const { cli, cwd } = standIn("exit 0");
  const outcome = await runReport(request(cli, cwd));
  assert.deepEqual(outcome, { ok: false, message: "kith: `kith report --format html - < network.kith` printed no report." });
});

test("a command that hangs is stopped after the time limit", async () => {
  const { cli, cwd } = standIn("exec sleep 30");
  const outcome = await runReport(request(cli, cwd, { timeoutMs: 200 }));
  assert.equal(outcome.ok, false);
  assert.match(outcome.message, /was stopped after the time limit/);
});

test("a missing command says how to install kith", async () => {
  const { cwd } = standIn("exit 0");
  const outcome = await runReport(request("kith", cwd, { env: { PATH: "/no/such/dir" } }));
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

const realKith = process.env.KITH_CLI;
test("the real `kith report` makes the fixture's report", { skip: realKith ? false : "KITH_CLI is not set" }, async () => {
  const fixture = new URL("../../../tests/editors/fixtures/network.kith", import.meta.url);
  const text = readFileSync(fixture, "utf8");
  const outcome = await runReport({ cli: realKith, text, name: "network.kith", cwd: tmpdir(), today: "2026-11-25", env: process.env });
  assert.equal(outcome.ok, true, outcome.message);
  assert.match(outcome.html, /<meta http-equiv="Content-Security-Policy"/);
  assert.match(outcome.html, /Your network on 2026-11-25/);
  for (const name of ["Ada Lovelace", "Grace Hopper"]) {
    assert.ok(outcome.html.includes(name), `the report names ${name}`);
  }
  assert.doesNotMatch(outcome.html, /<script/i, "the report needs no scripts: the webview allows none");
});
