// The web editor's file format (editor/newsroom-cms.js, its registerCustomFormat "newsroom"), run
// by node outside the browser: argv: the script, editor.json; stdin: a JSON list of entries'
// data as the editor's fields hold them; stdout: the JSON list of the files `toFile` writes.
// Used by tests/build/test_editor_input.py; the page's own code, not a copy of it.
import { readFileSync } from "node:fs";
import vm from "node:vm";

const [script, dataFile] = process.argv.slice(2);
const data = JSON.parse(readFileSync(dataFile, "utf8"));
const entries = JSON.parse(readFileSync(0, "utf8"));
let format = null;
const ignore = () => {};
const CMS = {
  registerCustomFormat: (_name, _extension, made) => {
    format = made;
  },
  registerBackend: ignore,
  registerWidget: ignore,
  registerPreviewStyle: ignore,
  registerPreviewTemplate: ignore,
  getBackend: ignore,
  getLocale: (code) => (code === "en" ? {} : null),
  init: ignore,
};
const element = () => ({ setAttribute: ignore, addEventListener: ignore, appendChild: ignore });
const context = {
  window: {
    CMS,
    h: () => null,
    createClass: (spec) => spec,
    location: { search: "", pathname: "/admin/", hash: "" },
    navigator: { languages: ["en"] },
    history: { replaceState: ignore },
  },
  document: {
    body: element(),
    documentElement: {},
    createElement: element,
    querySelectorAll: () => [],
  },
  MutationObserver: class {
    observe() {}
  },
  fetch: async () => ({ json: async () => data }),
  URLSearchParams,
  console,
};
vm.runInNewContext(readFileSync(script, "utf8"), context, { filename: script });
for (let i = 0; i < 100 && format === null; i++) await new Promise((done) => setTimeout(done, 10));
if (format === null) throw new Error("the editor registered no format");
process.stdout.write(JSON.stringify(entries.map((entry) => format.toFile(entry))));
