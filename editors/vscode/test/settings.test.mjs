// The extension's settings logic (src/settings.ts, compiled to out/ by `npm test`): the
// server's initializationOptions and finding kith-lsp on PATH or at a path.

import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { chmodSync, mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const require = createRequire(import.meta.url);
const settings = require("../out/settings.js");

const base = { serverPath: "kith-lsp", cliPath: "kith", today: "", interactionDates: false };

test("today is sent only when pinned", () => {
  assert.deepEqual(settings.initializationOptions(base), { inlayHints: { interactionDates: false } });
  assert.deepEqual(settings.initializationOptions({ ...base, today: " 2026-11-25 ", interactionDates: true }), {
    today: "2026-11-25",
    inlayHints: { interactionDates: true },
  });
});

test("the rule docs are linked only when the extension knows where they are", () => {
  const docs = "file:///extensions/kith/docs/rules.md";
  assert.deepEqual(settings.initializationOptions(base, docs), {
    rulesDocsUrl: docs,
    inlayHints: { interactionDates: false },
  });
  assert.equal("rulesDocsUrl" in settings.initializationOptions(base), false);
});

test("today must have the YYYY-MM-DD shape", () => {
  assert.equal(settings.isDateShaped("2026-11-25"), true);
  assert.equal(settings.isDateShaped("25.11.2026"), false);
  assert.equal(settings.isDateShaped("2026-11-25x"), false);
});

/** A folder holding an executable `name` and a non-executable `plain`. */
function binFolder(name) {
  const dir = mkdtempSync(join(tmpdir(), "kith-settings-"));
  writeFileSync(join(dir, name), "#!/bin/sh\n");
  chmodSync(join(dir, name), 0o755);
  writeFileSync(join(dir, "plain"), "not executable");
  mkdirSync(join(dir, "folder"));
  return dir;
}

test("a bare command is looked up on PATH, in order", () => {
  const first = binFolder("kith-lsp");
  const second = binFolder("kith-lsp");
  const env = { PATH: ["/no/such/dir", first, second].join(":") };
  assert.equal(settings.findExecutable("kith-lsp", env, "linux"), join(first, "kith-lsp"));
  assert.equal(settings.findExecutable("missing-lsp", env, "linux"), undefined);
  assert.equal(settings.findExecutable("plain", env, "linux"), undefined, "not executable");
  assert.equal(settings.findExecutable("folder", env, "linux"), undefined, "a folder");
  assert.equal(settings.findExecutable("", env, "linux"), undefined);
});

test("a path is taken as it is, relative to the workspace", () => {
  const dir = binFolder("kith-lsp");
  const env = { PATH: "" };
  assert.equal(settings.findExecutable(join(dir, "kith-lsp"), env, "linux"), join(dir, "kith-lsp"));
  assert.equal(settings.findExecutable("./kith-lsp", env, "linux", dir), join(dir, "kith-lsp"));
  assert.equal(settings.findExecutable(join(dir, "nope"), env, "linux"), undefined);
});

test("on Windows PATHEXT extensions are tried", () => {
  const dir = binFolder("kith-lsp.EXE");
  const env = { Path: dir, PATHEXT: ".COM;.EXE" };
  assert.equal(settings.findExecutable("kith-lsp", env, "win32"), join(dir, "kith-lsp.EXE"));
});

test("the not-found message names the command, the setting and how to install", () => {
  const message = settings.notFoundMessage("the language server", "kith-lsp", "kith.server.path");
  assert.match(message, /the language server `kith-lsp` was not found/);
  assert.match(message, /cargo install --path \./);
  assert.match(message, /set the full path in `kith.server.path`/);
});
