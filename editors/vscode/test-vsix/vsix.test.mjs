// The packaged extension (kith-VERSION.vsix, made by `npm run package`): it holds the
// manifest, the grammar, the language configuration and a self-contained bundle that
// loads with nothing but VS Code's `vscode` module and Node's built-ins.

import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yauzl from "yauzl";

const require = createRequire(import.meta.url);
const root = new URL("..", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("package.json", root), "utf8"));
const vsixPath = new URL(`${manifest.name}-${manifest.version}.vsix`, root).pathname;

/** Every file in the zip at `path`, by name. */
function readZip(path) {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const files = new Map();
      zip.on("entry", (entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks = [];
          stream.on("data", (chunk) => chunks.push(chunk));
          stream.on("end", () => {
            files.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on("end", () => resolve(files));
      zip.on("error", reject);
      zip.readEntry();
    });
  });
}

assert.ok(existsSync(vsixPath), `${vsixPath} does not exist: run \`npm run package\` first`);
const files = await readZip(vsixPath);

test("the rule docs diagnostics link to are the repository's, as they are", () => {
  const shipped = files.get("extension/docs/rules.md");
  assert.ok(shipped, "docs/rules.md is packaged");
  assert.equal(shipped.toString("utf8"), readFileSync(new URL("../../docs/rules.md", root), "utf8"));
});

test("the .vsix holds the extension's files and nothing from development", () => {
  for (const name of [
    "extension.vsixmanifest",
    "extension/package.json",
    "extension/dist/extension.js",
    "extension/syntaxes/kith.tmLanguage.json",
    "extension/language-configuration.json",
    "extension/readme.md",
    "extension/LICENSE.md",
    "extension/docs/rules.md",
  ]) {
    assert.ok(files.has(name), `${name} is in the .vsix: ${[...files.keys()].join(", ")}`);
  }
  for (const name of files.keys()) {
    assert.doesNotMatch(name, /node_modules|\/src\/|\/test|\/out\/|\.ts$|\.map$/, `${name} should not be packaged`);
  }
});

test("the packaged manifest, grammar and language configuration are the sources'", () => {
  const packaged = JSON.parse(files.get("extension/package.json").toString("utf8"));
  assert.equal(packaged.main, "./dist/extension.js");
  assert.deepEqual(packaged.activationEvents, ["onLanguage:kith"]);
  assert.deepEqual(packaged.contributes, manifest.contributes);
  for (const name of ["syntaxes/kith.tmLanguage.json", "language-configuration.json"]) {
    assert.equal(files.get(`extension/${name}`).toString("utf8"), readFileSync(new URL(name, root), "utf8"), name);
  }
});

test("the bundle loads with only `vscode` and Node built-ins, and exports activate", () => {
  const dir = mkdtempSync(join(tmpdir(), "kith-vsix-"));
  const bundle = join(dir, "extension.js");
  writeFileSync(bundle, files.get("extension/dist/extension.js"));
  const Module = require("node:module");
  const load = Module._load;
  const requested = new Set();
  // A stand-in for VS Code's API: any member is a class, enough to load the client library.
  const vscode = new Proxy({}, { get: (_, name) => (name === "__esModule" ? false : class Stub {}) });
  Module._load = function (request, parent, isMain) {
    if (parent?.filename === bundle) {
      requested.add(request);
      if (request === "vscode") return vscode;
    }
    return load.call(this, request, parent, isMain);
  };
  try {
    const extension = require(bundle);
    assert.equal(typeof extension.activate, "function");
    assert.equal(typeof extension.deactivate, "function");
  } finally {
    Module._load = load;
  }
  const outside = [...requested].filter((name) => name !== "vscode" && !builtinModules.includes(name.replace(/^node:/, "")));
  assert.deepEqual(outside, [], "the bundle requires only vscode and built-ins");
  assert.ok(requested.has("vscode"));
});
