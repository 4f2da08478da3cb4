// The web editor's Arabic interface (editor/locale-ar.js) against Decap's English locale as the
// installed npm package has it (node_modules/decap-cms-locales/src/en/index.js): the same keys,
// the same %{placeholders}, and Arabic in every phrase that has words. A Decap upgrade that
// adds, renames or removes a phrase fails here until the Arabic follows. Run by node:
// `node --test tests/js/` (pytest does it: tests/unit/test_editor_locale_js.py).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import vm from "node:vm";

const root = new URL("../../", import.meta.url);
const english = (
  await import(
    "data:text/javascript;charset=utf-8," +
      encodeURIComponent(readFileSync(new URL("node_modules/decap-cms-locales/src/en/index.js", root), "utf-8"))
  )
).default;

// The page's own file, run as the page runs it: it registers itself with Decap.
const registered = {};
const script = new URL("editor/locale-ar.js", root);
vm.runInNewContext(
  readFileSync(script, "utf-8"),
  { window: { CMS: { registerLocale: (name, phrases) => (registered[name] = phrases) } } },
  { filename: script.pathname },
);
const arabic = registered.ar;

function flatten(phrases, prefix = "") {
  const out = {};
  for (const [key, value] of Object.entries(phrases)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (value && typeof value === "object") Object.assign(out, flatten(value, path));
    else out[path] = value;
  }
  return out;
}

const en = flatten(english);
const ar = flatten(arabic || {});
const placeholders = (text) => [...new Set(String(text).match(/%\{\w+\}/g) || [])].sort();
const FORMS = "||||"; // Polyglot's plural forms; its Arabic rule has six
const ARABIC_FORMS = 6;

test("locale-ar.js registers Arabic, and only Arabic", () => {
  assert.deepEqual(Object.keys(registered), ["ar"]);
});

test("the same keys as Decap's English locale", () => {
  const missing = Object.keys(en).filter((key) => !(key in ar));
  const extra = Object.keys(ar).filter((key) => !(key in en));
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
  assert.ok(Object.keys(en).length > 200, "Decap's English locale was read");
});

test("every phrase is a string with the same placeholders", () => {
  const wrong = [];
  for (const [key, text] of Object.entries(en)) {
    if (!(key in ar)) continue;
    if (typeof ar[key] !== "string" || !ar[key].trim()) {
      wrong.push(`${key}: not a phrase`);
      continue;
    }
    const want = placeholders(text).join(" ");
    const got = placeholders(ar[key]).join(" ");
    if (want !== got) wrong.push(`${key}: ${got || "none"} instead of ${want || "none"}`);
  }
  assert.deepEqual(wrong, []);
});

test("plurals: one form for any count, or Arabic's six; each form's placeholders are the English ones", () => {
  const wrong = [];
  for (const [key, text] of Object.entries(en)) {
    const forms = String(ar[key] || "").split(FORMS);
    if (!text.includes(FORMS)) {
      if (forms.length !== 1) wrong.push(`${key}: plural forms where the English has none`);
      continue;
    }
    if (forms.length !== 1 && forms.length !== ARABIC_FORMS) wrong.push(`${key}: ${forms.length} forms`);
    const allowed = new Set(placeholders(text));
    for (const form of forms) {
      if (!form.trim()) wrong.push(`${key}: an empty form`);
      for (const name of placeholders(form)) if (!allowed.has(name)) wrong.push(`${key}: ${name}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test("every phrase with words is in Arabic (none left in English)", () => {
  const FORMATS = new Set(["workflow.workflow.dateFormat"]); // a date pattern, not words
  const words = (text) => String(text).replace(/%\{\w+\}/g, "");
  const untranslated = Object.keys(en).filter(
    (key) => key in ar && !FORMATS.has(key) && /[A-Za-z]/.test(words(en[key])) && !/[\u0600-\u06FF]/.test(ar[key]),
  );
  assert.deepEqual(untranslated, []);
});

test("line breaks where the English has them (confirmation dialogs)", () => {
  const wrong = Object.keys(en).filter((key) => key in ar && en[key].includes("\n") !== ar[key].includes("\n"));
  assert.deepEqual(wrong, []);
});
