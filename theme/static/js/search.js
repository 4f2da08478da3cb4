// Search page: our own interface over Pagefind's JavaScript API, in the page's language.
//
// The index holds every word in a normalised form (newsroom/core/searchtext.py): marks,
// tatweel and invisible characters removed; hamza forms, ة/ه, ى/ي and digits folded; Arabic
// words stemmed (light10: و and the article prefixes, common suffixes). A query is read by
// the same rules here (`normalise`), so "التحول" finds "والتحول" and "التنافسية" finds
// "والتنافـسـية". Both implementations are held to one table of cases
// (tests/fixtures/search_normaliser.json), run by pytest and in Chromium.
//
// Excerpts are the author's words: the index gives the positions of the words found, and
// the page's own text (`text`, kept beside the index) gives the words at those positions.
// Outside a page (node, for the normaliser's tests) there is no document: only the functions.
const doc = globalThis.document;
const form = doc ? doc.querySelector(".search-page-form") : null;
const status = doc ? doc.querySelector(".search-status") : null;
const list = doc ? doc.querySelector(".search-results") : null;
const REMOVED = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const FOLDS = {
  "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
  "\u0624": "\u0621", "\u0626": "\u0621", "\u0649": "\u064a", "\u0629": "\u0647",
};
const FOLDED = /[\u0623\u0625\u0622\u0671\u0624\u0626\u0649\u0629\u0660-\u0669\u06f0-\u06f9]/g;
const ARABIC_LETTER = /^[\u0621-\u064a]/;
const WORD = /[\p{L}\p{N}]+/gu;
const ARTICLES = ["\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644", "\u0641\u0627\u0644", "\u0644\u0644", "\u0627\u0644"];
const SUFFIXES = ["\u0647\u0627", "\u0627\u0646", "\u0627\u062a", "\u0648\u0646", "\u064a\u0646", "\u064a\u0647", "\u0647", "\u064a"];
const EXCERPT_WORDS = 30;
const engines = new Map();

export function fold(text) {
  return text
    .normalize("NFKC")
    .replace(REMOVED, "")
    .replace(FOLDED, (c) => {
      const code = c.charCodeAt(0);
      if (code >= 0x0660 && code <= 0x0669) return String(code - 0x0660);
      if (code >= 0x06f0 && code <= 0x06f9) return String(code - 0x06f0);
      return FOLDS[c];
    })
    .toLowerCase();
}

export function stem(word) {
  if (!ARABIC_LETTER.test(word)) return word;
  if (word.startsWith("\u0648") && word.length - 1 >= 3) word = word.slice(1);
  for (const article of ARTICLES) {
    if (word.startsWith(article) && word.length - article.length >= 2) {
      word = word.slice(article.length);
      break;
    }
  }
  for (const suffix of SUFFIXES) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 2) word = word.slice(0, -suffix.length);
  }
  return word;
}

// One whitespace-free piece of text as it is indexed (searchtext.index_word).
export function indexWord(token) {
  const done = fold(token).replace(WORD, (word) => stem(word)).split(/\s+/).join("");
  return done || "-";
}

// A query as the index reads it.
export function normalise(query) {
  return query.split(/\s+/).filter(Boolean).map(indexWord).filter((w) => w !== "-").join(" ");
}

// A language's index comes in shards (groups of pages, newsroom/pipeline/search.py), listed in
// `shards.json` beside `bundle`: Pagefind starts with the first and merges the others, so a
// search asks every shard and ranks their results together (one WebAssembly engine).
// Without the list (an index in one piece), `bundle` itself.
async function load(bundle) {
  const base = bundle.slice(0, bundle.lastIndexOf("/") + 1);
  const response = await fetch(`${base}shards.json`);
  if (!response.ok) {
    const pagefind = await import(bundle);
    await pagefind.init();
    return pagefind;
  }
  const { shards } = await response.json();
  const pagefind = await import(`${base}${shards[0]}/pagefind.js`);
  await pagefind.init();
  await Promise.all(shards.slice(1).map((name) => pagefind.mergeIndex(`${base}${name}/`)));
  return pagefind;
}

async function engine(bundle) {
  if (!engines.has(bundle)) engines.set(bundle, load(bundle));
  return engines.get(bundle);
}

// Pagefind's results for a query in one language's index, best first; a page whose title
// holds every word of the query comes before those that only mention them.
async function searchIn(bundle, query, filters = {}) {
  const words = normalise(query);
  if (!words) return [];
  const found = await (await engine(bundle)).search(words, { filters });
  const results = await Promise.all(found.results.slice(0, 50).map(async (result) => ({ result, data: await result.data() })));
  const asked = words.split(" ");
  const inTitle = ({ data }) => {
    const title = normalise(data.meta.title || "").split(" ");
    return asked.every((word, i) => title.some((t) => (i === asked.length - 1 ? t.startsWith(word) : t === word)));
  };
  results.sort((a, b) => inTitle(b) - inTitle(a) || b.result.score - a.result.score);
  return results.map(({ result, data }) => ({ id: result.id, score: result.score, data: async () => data }));
}

export async function search(query, filters = {}) {
  return searchIn(form.dataset.bundle, query, filters);
}

// The other language's script in the query: its results are offered when ours has none.
function inOtherScript(query) {
  const arabic = /[\u0600-\u06ff]/.test(query);
  const latin = /[A-Za-z]/.test(query);
  return document.documentElement.dir === "rtl" ? latin && !arabic : arabic;
}

// { lang, results }: our language's results, or the other's when ours has none and the
// query is written in the other language's script.
export async function find(query, filters = {}) {
  const own = await search(query, filters);
  if (own.length || !form.dataset.otherBundle || !inOtherScript(query)) return { lang: document.documentElement.lang, results: own };
  const other = await searchIn(form.dataset.otherBundle, query);
  return other.length ? { lang: form.dataset.otherLang, results: other } : { lang: document.documentElement.lang, results: own };
}

// The words of the page around the densest run of words found, those found marked.
export function excerpt(data) {
  const words = (data.meta.text || "").split(/\s+/).filter(Boolean);
  const skip = (data.meta.title || "").split(/\s+/).filter(Boolean).length; // the title is the link
  const found = new Set((data.locations || []).filter((at) => at >= skip && at < words.length));
  let start = skip;
  let best = -1;
  for (const at of found) {
    const from = Math.max(skip, at - Math.floor(EXCERPT_WORDS / 3));
    let count = 0;
    for (const other of found) if (other >= from && other < from + EXCERPT_WORDS) count += 1;
    if (count > best) { best = count; start = from; }
  }
  const end = Math.min(words.length, start + EXCERPT_WORDS);
  const paragraph = document.createElement("p");
  paragraph.className = "search-excerpt";
  paragraph.dir = "auto";
  if (start > skip) paragraph.append("… ");
  for (let at = start; at < end; at += 1) {
    if (found.has(at)) {
      const mark = document.createElement("mark");
      mark.textContent = words[at];
      paragraph.append(mark);
    } else {
      paragraph.append(words[at]);
    }
    if (at < end - 1) paragraph.append(" ");
  }
  if (end < words.length) paragraph.append(" …");
  return paragraph;
}

function say(template, query, count) {
  status.textContent = template.replace("{q}", query).replace("{n}", String(count));
}

function option(select, value, count) {
  const item = document.createElement("option");
  item.value = value;
  item.textContent = `${value} (${count})`;
  select.append(item);
}

async function showFilters() {
  const available = await (await engine(form.dataset.bundle)).filters();
  const box = form.querySelector(".search-filters");
  for (const name of ["type", "year", "category"]) {
    const select = form.elements[name];
    const values = Object.entries(available[name] || {}).sort((a, b) => (name === "year" ? b[0].localeCompare(a[0]) : a[0].localeCompare(b[0])));
    values.forEach(([value, count]) => option(select, value, count));
    select.closest("label").hidden = values.length === 0;
  }
  box.hidden = false;
}

function resultItem(page, lang) {
  const item = document.createElement("li");
  if (lang !== document.documentElement.lang) {
    item.lang = lang;
    item.dir = form.dataset.otherDir;
  }
  const link = document.createElement("a");
  link.href = page.url;
  link.textContent = page.meta.title || page.url;
  link.dir = "auto";
  const heading = document.createElement("h2");
  heading.append(link);
  item.append(heading);
  const facts = [page.meta.awarder, page.meta.when].filter(Boolean);
  if (facts.length) {
    const line = document.createElement("p");
    line.className = "search-facts";
    line.dir = "auto";
    line.textContent = facts.join(" · ");
    item.append(line);
  }
  item.append(excerpt(page));
  return item;
}

let latest = 0;

async function run() {
  const query = form.elements.q.value.trim();
  const asked = ++latest;
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  const filters = {};
  for (const name of ["type", "year", "category"]) {
    const value = form.elements[name].value;
    if (value) { filters[name] = value; params.set(name, value); }
  }
  if (form.elements.sort.value) params.set("sort", form.elements.sort.value);
  history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
  if (!query) { list.replaceChildren(); status.textContent = ""; return; }
  let found;
  try {
    found = await find(query, filters);
  } catch (error) {
    if (asked === latest) { list.replaceChildren(); say(form.dataset.statusError, query, 0); }
    return;
  }
  if (asked !== latest) return; // a newer query was typed meanwhile
  const { lang, results } = found;
  const other = lang !== document.documentElement.lang;
  const template = other ? form.dataset.statusOther
    : results.length === 0 ? form.dataset.statusNone
      : results.length === 1 ? form.dataset.statusOne : form.dataset.statusMany;
  say(template, query, results.length);
  let pages = await Promise.all(results.slice(0, 50).map((r) => r.data()));
  if (form.elements.sort.value === "date") {
    // Newest first; pages without a date (static pages, undated awards) last.
    pages = pages.slice().sort((a, b) => (b.meta.date || "").localeCompare(a.meta.date || ""));
  }
  list.replaceChildren(...pages.slice(0, 20).map((page) => resultItem(page, lang)));
}

if (form) {
  const params = new URLSearchParams(location.search);
  form.elements.q.value = params.get("q") || "";
  let typing = null;
  form.addEventListener("submit", (event) => { event.preventDefault(); clearTimeout(typing); run(); });
  form.addEventListener("change", (event) => { if (event.target.tagName === "SELECT") run(); });
  // Results as the reader types, once they pause.
  form.elements.q.addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(run, 250); });
  showFilters()
    .then(() => {
      for (const name of ["type", "year", "category", "sort"]) {
        if (params.get(name)) form.elements[name].value = params.get(name);
      }
      return run();
    })
    .catch(() => say(form.dataset.statusError, form.elements.q.value, 0));
}
