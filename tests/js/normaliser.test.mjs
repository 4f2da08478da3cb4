// The search page's normaliser (theme/static/js/search.js) on the table the Python one keeps
// (tests/fixtures/search_normaliser.json). Run by node: `node --test tests/js/` (pytest does it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const root = new URL("../../", import.meta.url);
const source = readFileSync(new URL("theme/static/js/search.js", root), "utf-8");
const search = await import("data:text/javascript;charset=utf-8," + encodeURIComponent(source));
const table = JSON.parse(readFileSync(new URL("tests/fixtures/search_normaliser.json", root), "utf-8"));

for (const { input, expected, why } of table) {
  test(`${why}: ${JSON.stringify(input)}`, () => {
    assert.equal(search.normalise(input), expected);
  });
}

test("a word as written and as typed meet", () => {
  assert.equal(search.indexWord("والتنافـسـية"), search.normalise("التنافسية"));
  assert.equal(search.indexWord("والإبتكار"), search.normalise("الابتكار"));
});

test("an indexed word is never empty and never two words", () => {
  for (const token of ["ـ", "\u064b", "\u200f", "ﷺ", "a-b", "«»"]) {
    const word = search.indexWord(token);
    assert.ok(word.length > 0 && !/\s/.test(word), JSON.stringify(token));
  }
});
