// The language configuration VS Code applies to kith documents: `#` comments, a quote
// pair, and Enter after a `person`, `role` or `pillar` header indents the next line (by
// two spaces: package.json sets the kith tab size).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const config = JSON.parse(readFileSync(new URL("../language-configuration.json", import.meta.url), "utf8"));
const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));

function indentsAfter(line) {
  return config.onEnterRules.some((rule) => new RegExp(rule.beforeText).test(line) && rule.action.indent === "indent");
}

test("comments are `#` and strings are double-quoted", () => {
  assert.deepEqual(config.comments, { lineComment: "#" });
  assert.deepEqual(config.brackets, []);
  assert.deepEqual(config.autoClosingPairs.map((pair) => pair.open + pair.close), ['""']);
});

test("Enter after a block header indents", () => {
  assert.ok(indentsAfter('person ada "Ada Lovelace"'));
  assert.ok(indentsAfter('person ada "Ada Lovelace"   # a comment'));
  assert.ok(indentsAfter('role investor "backs my ventures"'));
  assert.ok(indentsAfter("pillar family"));
  assert.ok(indentsAfter("person"));
});

test("Enter after other lines keeps the indentation as it is", () => {
  assert.ok(!indentsAfter("set stale-after 6m"));
  assert.ok(!indentsAfter("  role mentor"));
  assert.ok(!indentsAfter("personal notes"));
  assert.ok(!indentsAfter("# person ada"));
});

test("kith documents indent by two spaces", () => {
  assert.deepEqual(manifest.contributes.configurationDefaults["[kith]"], {
    "editor.tabSize": 2,
    "editor.insertSpaces": true,
    "editor.detectIndentation": false,
  });
});

test("the word pattern keeps ids with hyphens, @references and dates whole", () => {
  const word = new RegExp(`^(?:${config.wordPattern})$`);
  for (const text of ["truth-teller", "@ada", "2026-03-14", "--12-10", "6m", "butt_kicker"]) {
    assert.ok(word.test(text), text);
  }
});
