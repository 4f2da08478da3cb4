// Search page: our own interface over Pagefind's JavaScript API, in the page's language.
// Arabic queries are typed many ways (final ه for ة, ي for ى, with or without marks,
// Arabic-Indic digits): each query is normalised and expanded into its spellings, every
// spelling is searched, and the results are merged, best score first.
const form = document.querySelector(".search-page-form");
const status = document.querySelector(".search-status");
const list = document.querySelector(".search-results");
const MARKS = /[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]/g;
const MAX_SPELLINGS = 8;
let pagefind = null;

export function normalise(text) {
  return text
    .normalize("NFKC")
    .replace(MARKS, "")
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/[\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .trim()
    .replace(/\s+/g, " ");
}

function spellingsOf(word) {
  const found = new Set([word]);
  const stem = word.slice(0, -1);
  const last = word.slice(-1);
  const swaps = { "\u0647": "\u0629", "\u0629": "\u0647", "\u0649": "\u064a", "\u064a": "\u0649" };
  if (word.length > 2 && swaps[last]) found.add(stem + swaps[last]);
  return [...found];
}

export function spellings(query) {
  let results = [""];
  for (const word of normalise(query).split(" ")) {
    const next = [];
    for (const head of results) {
      for (const spelling of spellingsOf(word)) next.push(head ? head + " " + spelling : spelling);
    }
    results = next.slice(0, MAX_SPELLINGS);
  }
  return results.filter(Boolean);
}

async function load() {
  if (!pagefind) {
    pagefind = await import(form.dataset.bundle);
    await pagefind.init();
  }
  return pagefind;
}

export async function search(query, filters = {}) {
  const engine = await load();
  const runs = await Promise.all(spellings(query).map((q) => engine.search(q, { filters })));
  const best = new Map();
  for (const run of runs) {
    for (const result of run.results) {
      const seen = best.get(result.id);
      if (!seen || seen.score < result.score) best.set(result.id, result);
    }
  }
  return [...best.values()].sort((a, b) => b.score - a.score);
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
  const engine = await load();
  const available = await engine.filters();
  const box = form.querySelector(".search-filters");
  for (const name of ["type", "year", "category"]) {
    const select = form.elements[name];
    const values = Object.entries(available[name] || {}).sort((a, b) => (name === "year" ? b[0].localeCompare(a[0]) : a[0].localeCompare(b[0])));
    values.forEach(([value, count]) => option(select, value, count));
    select.closest("label").hidden = values.length === 0;
  }
  box.hidden = false;
}

async function run() {
  const query = form.elements.q.value.trim();
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  const filters = {};
  for (const name of ["type", "year", "category"]) {
    const value = form.elements[name].value;
    if (value) { filters[name] = value; params.set(name, value); }
  }
  if (form.elements.sort.value) params.set("sort", form.elements.sort.value);
  history.replaceState(null, "", params.toString() ? `?${params}` : location.pathname);
  list.replaceChildren();
  if (!query) { status.textContent = ""; return; }
  let results;
  try {
    results = await search(query, filters);
  } catch (error) {
    say(form.dataset.statusError, query, 0);
    return;
  }
  const template = results.length === 0 ? form.dataset.statusNone
    : results.length === 1 ? form.dataset.statusOne : form.dataset.statusMany;
  say(template, query, results.length);
  let pages = await Promise.all(results.slice(0, 50).map((r) => r.data()));
  if (form.elements.sort.value === "date") {
    // Newest first; pages without a date (static pages, undated awards) last.
    pages = pages.slice().sort((a, b) => (b.meta.date || "").localeCompare(a.meta.date || ""));
  }
  pages = pages.slice(0, 20);
  for (const page of pages) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = page.url;
    link.textContent = page.meta.title || page.url;
    link.dir = "auto";
    const excerpt = document.createElement("p");
    excerpt.className = "search-excerpt";
    excerpt.innerHTML = page.excerpt; // Pagefind's excerpt: the page's own text, terms in <mark>
    const heading = document.createElement("h2");
    heading.append(link);
    item.append(heading, excerpt);
    list.append(item);
  }
}

if (form) {
  const params = new URLSearchParams(location.search);
  form.elements.q.value = params.get("q") || "";
  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  form.addEventListener("change", (event) => { if (event.target.tagName === "SELECT") run(); });
  showFilters()
    .then(() => {
      for (const name of ["type", "year", "category", "sort"]) {
        if (params.get(name)) form.elements[name].value = params.get(name);
      }
      return run();
    })
    .catch(() => say(form.dataset.statusError, form.elements.q.value, 0));
}
