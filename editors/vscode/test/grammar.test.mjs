// The TextMate grammar, tokenized by the same engine VS Code uses (vscode-textmate with the
// Oniguruma regex library): each kind of kith token gets its scope, and nothing else does.

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import vsctm from "vscode-textmate";
import oniguruma from "vscode-oniguruma";

const require = createRequire(import.meta.url);
const here = new URL("..", import.meta.url);

async function loadGrammar() {
  const wasm = await readFile(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      assert.equal(scopeName, "source.kith");
      const text = await readFile(new URL("syntaxes/kith.tmLanguage.json", here), "utf8");
      return vsctm.parseRawGrammar(text, "kith.tmLanguage.json");
    },
  });
  return registry.loadGrammar("source.kith");
}

const grammar = await loadGrammar();

/** Every token of `text` as [trimmed text, innermost scope], blank ones left out. */
function tokenize(text) {
  let state = vsctm.INITIAL;
  const tokens = [];
  for (const line of text.split("\n")) {
    const result = grammar.tokenizeLine(line, state);
    for (const token of result.tokens) {
      const value = line.slice(token.startIndex, token.endIndex).trim();
      const scope = token.scopes[token.scopes.length - 1];
      if (value !== "") {
        tokens.push([value, scope]);
      }
    }
    state = result.ruleStack;
  }
  return tokens;
}

/** The scope of the token whose text is exactly `value` (the `nth` such, from 0). */
function scopeOf(tokens, value, nth = 0) {
  const found = tokens.filter(([text]) => text === value);
  assert.ok(found.length > nth, `no token ${JSON.stringify(value)} in ${JSON.stringify(tokens)}`);
  return found[nth][1];
}

const SAMPLE = [
  "# network.kith — the people who matter",
  "set stale-after 6m",
  'include "contacts/linkedin.kith"',
  "",
  'person ada "Ada Lovelace"   # a key person',
  "  role mentor, truth-teller",
  "  email ada@example.org",
  "  url https://example.org/ada#talks",
  '  met 2019-04-02 "PyCon Berlin, said \\"hi\\""',
  "  via @grace",
  "  birthday --12-10",
  '  2026-08-30 email! "Long letter to @grace about #leaving"',
  "  2026-09-01 coffee",
  "",
  'role investor "backs my ventures"',
  "  every 2m",
  "set key-people 12",
].join("\n");

test("directive keywords and the ids they declare", () => {
  const tokens = tokenize(SAMPLE);
  assert.equal(scopeOf(tokens, "set"), "keyword.other.directive.kith");
  assert.equal(scopeOf(tokens, "person"), "keyword.other.directive.kith");
  assert.equal(scopeOf(tokens, "ada"), "entity.name.type.kith");
  assert.equal(scopeOf(tokens, "role", 1), "keyword.other.directive.kith");
  assert.equal(scopeOf(tokens, "investor"), "entity.name.type.kith");
  assert.equal(scopeOf(tokens, "include"), "keyword.other.directive.kith");
});

test("setting keys and field names are properties; values are typed", () => {
  const tokens = tokenize(SAMPLE);
  assert.equal(scopeOf(tokens, "stale-after"), "support.type.property-name.kith");
  assert.equal(scopeOf(tokens, "key-people"), "support.type.property-name.kith");
  assert.equal(scopeOf(tokens, "role"), "support.type.property-name.kith", "`role` as a field");
  assert.equal(scopeOf(tokens, "every"), "support.type.property-name.kith");
  assert.equal(scopeOf(tokens, "mentor"), "variable.other.constant.kith");
  assert.equal(scopeOf(tokens, "truth-teller"), "variable.other.constant.kith");
  assert.equal(scopeOf(tokens, ","), "punctuation.separator.comma.kith");
  assert.equal(scopeOf(tokens, "6m"), "constant.numeric.duration.kith");
  assert.equal(scopeOf(tokens, "2m"), "constant.numeric.duration.kith");
  assert.equal(scopeOf(tokens, "12"), "constant.numeric.integer.kith");
  assert.equal(scopeOf(tokens, "2019-04-02"), "constant.other.date.kith");
  assert.equal(scopeOf(tokens, "--12-10"), "constant.other.date.kith");
  assert.equal(scopeOf(tokens, "@grace"), "variable.other.reference.kith");
  assert.equal(scopeOf(tokens, "ada@example.org"), "markup.underline.link.email.kith");
});

test("a URL ends where a comment starts", () => {
  const tokens = tokenize(SAMPLE);
  assert.equal(scopeOf(tokens, "https://example.org/ada"), "markup.underline.link.url.kith");
  assert.equal(scopeOf(tokens, "talks"), "comment.line.number-sign.kith");
});

test("interactions: date, kind and the meaningful mark", () => {
  const tokens = tokenize(SAMPLE);
  assert.equal(scopeOf(tokens, "2026-08-30"), "constant.other.date.kith");
  assert.equal(scopeOf(tokens, "email"), "support.type.property-name.kith", "`email` as a field");
  assert.equal(scopeOf(tokens, "email", 1), "entity.name.function.kind.kith", "`email` as a kind");
  assert.equal(scopeOf(tokens, "!"), "keyword.operator.meaningful.kith");
  assert.equal(scopeOf(tokens, "coffee"), "entity.name.function.kind.kith");
});

test("strings hold escapes, @mentions and no comments", () => {
  const tokens = tokenize(SAMPLE);
  assert.equal(scopeOf(tokens, "Ada Lovelace"), "string.quoted.double.kith");
  assert.equal(scopeOf(tokens, '\\"'), "constant.character.escape.kith");
  assert.equal(scopeOf(tokens, "@grace", 1), "variable.other.reference.kith", "a mention inside a string");
  assert.equal(scopeOf(tokens, "about #leaving"), "string.quoted.double.kith", "`#` inside a string is text");
});

test("comments run to the end of the line, after code too", () => {
  const tokens = tokenize(SAMPLE);
  assert.equal(scopeOf(tokens, "network.kith — the people who matter"), "comment.line.number-sign.kith");
  assert.equal(scopeOf(tokens, "a key person"), "comment.line.number-sign.kith");
});

test("an unterminated string ends with its line", () => {
  const tokens = tokenize('person ada "Ada\n  role mentor');
  assert.equal(scopeOf(tokens, "Ada"), "string.quoted.double.kith");
  assert.equal(scopeOf(tokens, "role"), "support.type.property-name.kith");
  assert.equal(scopeOf(tokens, "mentor"), "variable.other.constant.kith");
});

test("tokens that are not values stay unscoped", () => {
  const tokens = tokenize("  tags c++, ok");
  assert.equal(scopeOf(tokens, "c++"), "source.kith");
  assert.equal(scopeOf(tokens, "ok"), "variable.other.constant.kith");
});
