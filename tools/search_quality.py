"""Search quality as figures: precision@1 and recall@5 of the query table, in Chromium.

    python -m tools.search_quality                       # print the report (Markdown)
    python -m tools.search_quality --label after --out docs/search.md   # make search-quality
    python -m tools.search_quality --rev HEAD --label before --json before.json

Builds the content (`newsroom build`, STRICT=0) into a temporary folder, serves it on
127.0.0.1, and asks each query of `tools/search_queries.tsv` on the search page of its
language, through the page's own `search.js`: `find(query)` where the module has it (it may
answer from the other language when the page's own has nothing), else `search(query)`. The
first five result addresses are compared with the table's expected pages:

- P@1 (precision at 1): 1 when the first result is one of the expected pages, else 0;
- R@5 (recall at 5): the share of the expected pages among the first five results (of five of
  them, when more than five pages are expected).

`--out FILE` replaces this label's section of FILE (between `<!-- search-quality: LABEL -->`
and `<!-- /search-quality: LABEL -->`), or appends it; the rest of FILE is kept. `--rev REV`
measures the code, theme and content as committed at REV (`git archive`), not the working tree.
`--json FILE` also writes every figure as JSON; `--compare FILE` (such a JSON from an earlier
run) shows the earlier figures beside these ones.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "tools" / "search_queries.tsv"
LANGS = ("ar", "en")
COLUMNS = ("lang", "kind", "query", "expected", "note")
TOP = 5

# How a query is written, per search page language. The table must have every one of them.
KINDS: dict[str, dict[str, str]] = {
    "ar": {
        "plain": "the words as the text writes them",
        "bare": "without the و/ف/ب/ل the text joins to the word («التحول» for «والتحول»)",
        "prefixed": "with و/ف/ب/ك/ل (+ ال) the text may not have («بالابتكار», «للبلدية»)",
        "stretched": "with tatweel («التنافـسـية»)",
        "voweled": "with tashkeel («الجَائِزَة»)",
        "variant": "another hamza, ه for ة, ي for ى («الابتكار», «جائزه», «مستوي»)",
        "digits": "Arabic-Indic digits («١٩٧١») where the text has Latin ones",
        "misspelled": "one letter off (may well fail: the table says how often)",
        "latin": "Latin letters: a transliteration or an English word; the answer may be an English page",
    },
    "en": {
        "plain": "the words as the text writes them",
        "plural": "singular for plural or the other way round",
        "misspelled": "one letter off",
        "arabic": "Arabic letters on the English search; the answer is an Arabic page",
    },
}

# Run in the search page: the page's own search module, the first five results' addresses.
ASK = """async (query) => {
    const scripts = [...document.querySelectorAll('script[type=module][src]')].map((s) => s.src);
    const src = scripts.find((s) => /\\/search[^/]*\\.js$/.test(new URL(s).pathname)) || scripts[0];
    const m = await import(src);
    let api = 'search', lang = document.documentElement.lang, results;
    if (typeof m.find === 'function') {
        api = 'find';
        const found = await m.find(query);
        lang = found.lang || lang;
        results = found.results;
    } else {
        results = await m.search(query);
    }
    const top = await Promise.all(results.slice(0, TOP).map((r) => r.data()));
    return {api, lang, count: results.length, urls: top.map((p) => p.url)};
}""".replace("TOP", str(TOP))


@dataclass(frozen=True)
class Query:
    lang: str
    kind: str
    text: str
    expected: tuple[str, ...]
    note: str = ""
    line: int = 0


@dataclass
class Outcome:
    lang: str
    kind: str
    query: str
    expected: list[str]
    urls: list[str] = field(default_factory=list)  # the first five results
    results_lang: str = ""  # the language the results are from
    count: int = 0  # results in all
    api: str = ""  # find or search
    error: str = ""
    p1: float = 0.0
    r5: float = 0.0


def load_queries(path: Path = QUERIES) -> list[Query]:
    """The query table: tab-separated, `#` lines are comments, the first other line names the columns."""
    queries: list[Query] = []
    header = None
    for number, raw in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        cells = raw.split("\t")
        if header is None:
            if tuple(cells) != COLUMNS:
                raise ValueError(f"{path}:{number}: the columns must be {', '.join(COLUMNS)}")
            header = cells
            continue
        if len(cells) not in (len(COLUMNS), len(COLUMNS) - 1):
            raise ValueError(f"{path}:{number}: {len(cells)} cells, expected {len(COLUMNS)} (tab-separated)")
        lang, kind, text, expected = (cell.strip() for cell in cells[:4])
        note = cells[4].strip() if len(cells) > 4 else ""
        if lang not in KINDS or kind not in KINDS[lang]:
            raise ValueError(f"{path}:{number}: unknown language or kind {lang!r} {kind!r}")
        if not text or not expected.split():
            raise ValueError(f"{path}:{number}: a query and at least one expected page are needed")
        queries.append(Query(lang, kind, text, tuple(expected.split()), note, number))
    return queries


def score(expected: tuple[str, ...] | list[str], urls: list[str]) -> tuple[float, float]:
    """(P@1, R@5) of one query's results."""
    relevant = set(expected)
    p1 = 1.0 if urls and urls[0] in relevant else 0.0
    r5 = len(relevant & set(urls[:TOP])) / min(len(relevant), TOP)
    return p1, r5


def _path(url: str) -> str:
    path = urlsplit(url).path
    return path[: -len("index.html")] if path.endswith("/index.html") else path


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=True).stdout.strip()


def describe(rev: str | None) -> str:
    """The commit measured: `abc1234`, or `abc1234 + working tree` when the code has uncommitted changes."""
    try:
        if rev:
            return _git("rev-parse", "--short", rev)
        head = _git("rev-parse", "--short", "HEAD")
        changed = _git("status", "--porcelain", "--", "newsroom", "plugins", "theme", "content", "pelican.conf.py")
    except (OSError, subprocess.CalledProcessError):
        return rev or "unknown"
    return f"{head} + working tree" if changed else head


def build(tree: Path, content: Path, scratch: Path) -> Path:
    """Build `content` with the code of `tree` (the repository or an exported revision); the site."""
    env = dict(os.environ, STRICT="0")
    if tree != ROOT:  # the exported revision's package, not the editable install
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tree), env.get("PYTHONPATH", "")]))
    command = [sys.executable, "-m", "newsroom", "build", "--content", str(content)]
    command += ["--output", str(scratch / "output"), "--work", str(scratch / "work")]
    command += ["--settings", str(tree / "pelican.conf.py"), "--theme", str(tree / "theme")]
    done = subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"the build failed (exit {done.returncode}): {' '.join(command)}")
    return scratch / "output"


def export(rev: str, target: Path) -> Path:
    """The files of `rev` in `target` (git archive)."""
    data = subprocess.run(["git", "archive", "--format=tar", rev], cwd=ROOT, capture_output=True, check=True).stdout
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        archive.extractall(target, filter="data")
    return target


def ask(site: Path, queries: list[Query]) -> list[Outcome]:
    """Every query on its language's search page, in Chromium (one page, reused per language)."""
    from playwright.sync_api import sync_playwright

    from newsroom.preview.server import serve
    from tools.weight import launch

    outcomes: list[Outcome] = []
    server, base = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_context().new_page()
            for lang in LANGS:
                mine = [q for q in queries if q.lang == lang]
                if not mine:
                    continue
                page.goto(f"{base}/{lang}/search/", wait_until="load")
                for query in mine:
                    outcome = Outcome(query.lang, query.kind, query.text, list(query.expected))
                    try:
                        answer = page.evaluate(ASK, query.text)
                    except Exception as error:  # noqa: BLE001 (a failing query is a figure, not a crash)
                        outcome.error = str(error).splitlines()[0]
                    else:
                        outcome.urls = [_path(url) for url in answer["urls"]]
                        outcome.results_lang = answer["lang"]
                        outcome.count = answer["count"]
                        outcome.api = answer["api"]
                    outcome.p1, outcome.r5 = score(query.expected, outcome.urls)
                    outcomes.append(outcome)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return outcomes


def summarise(outcomes: list[Outcome]) -> list[dict[str, Any]]:
    """Rows of (lang, kind, queries, P@1, R@5): each kind per language, each language, by kind
    over both languages, and all."""
    groups: dict[tuple[str, str], list[Outcome]] = {}
    for lang in LANGS:
        for kind in KINDS[lang]:
            groups[(lang, kind)] = [o for o in outcomes if o.lang == lang and o.kind == kind]
        groups[(lang, "all")] = [o for o in outcomes if o.lang == lang]
    for kind in dict.fromkeys(k for lang in LANGS for k in KINDS[lang]):
        if sum(kind in KINDS[lang] for lang in LANGS) > 1:
            groups[("both", kind)] = [o for o in outcomes if o.kind == kind]
    groups[("both", "all")] = outcomes
    return [
        {
            "lang": lang,
            "kind": kind,
            "queries": len(group),
            "p1": round(statistics.fmean(o.p1 for o in group), 3),
            "r5": round(statistics.fmean(o.r5 for o in group), 3),
        }
        for (lang, kind), group in groups.items()
        if group
    ]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _short(url: str, lang: str) -> str:
    """An address as the per-query table shows it: relative to the search page's language."""
    own = f"/{lang}/"
    return f"`{url[len(own) :].rstrip('/') or own}`" if url.startswith(own) else f"`{url}`"


def _figure(now: float, before: float | None, digits: int = 2) -> str:
    if before is None or before == now:
        return f"{now:.{digits}f}"
    return f"{before:.{digits}f} → **{now:.{digits}f}**"


def markdown(label: str, commit: str, outcomes: list[Outcome], earlier: dict[str, Any] | None = None) -> str:
    """The report: how it was made, the summary table, every query."""
    summary = summarise(outcomes)
    apis = sorted({o.api for o in outcomes if o.api}) or ["none"]
    old_rows = {(r["lang"], r["kind"]): r for r in (earlier or {}).get("summary", [])}
    old_queries = {(q["lang"], q["query"]): q for q in (earlier or {}).get("queries", [])}
    total = next(r for r in summary if r["lang"] == "both" and r["kind"] == "all")
    out = [
        f"## {label[:1].upper() + label[1:]} (commit {commit})",
        "",
        f"{total['queries']} queries; `search.js` answered through `{'()`, `'.join(apis)}()`. "
        f"Overall P@1 **{total['p1']:.2f}**, R@5 **{total['r5']:.2f}**.",
    ]
    if earlier:
        out.append(
            f"Beside each changed figure: the one of *{earlier.get('label', 'earlier')}* "
            f"(commit {earlier.get('commit', '?')}) → this one."
        )
    out += ["", "| language | kind | queries | P@1 | R@5 |", "|---|---|--:|--:|--:|"]
    for row in summary:
        old = old_rows.get((row["lang"], row["kind"]))
        strong = "**" if row["kind"] == "all" else ""
        out.append(
            f"| {strong}{row['lang']}{strong} | {strong}{row['kind']}{strong} | {row['queries']} "
            f"| {_figure(row['p1'], old and old['p1'])} | {_figure(row['r5'], old and old['r5'])} |"
        )
    out += [
        "",
        "<details><summary>Every query</summary>",
        "",
        "| # | lang | kind | query | expected | top result | results | P@1 | R@5 |",
        "|--:|---|---|---|---|---|--:|--:|--:|",
    ]
    for number, o in enumerate(outcomes, 1):
        old = old_queries.get((o.lang, o.query))
        top = _short(o.urls[0], o.lang) if o.urls else ("error: " + _cell(o.error) if o.error else "—")
        expected = " ".join(_short(url, o.lang) for url in o.expected)
        out.append(
            f"| {number} | {o.lang} | {o.kind} | {_cell(o.query)} | {expected} | {top} | {o.count} "
            f"| {_figure(o.p1, old and old['p1'], 0)} | {_figure(o.r5, old and old['r5'])} |"
        )
    out += [
        "",
        "Addresses are relative to the search page's language (`awards/x` is `/ar/awards/x/` on the "
        "Arabic search); those of the other language are written in full. *results*: how many pages "
        "the search found in all.",
        "",
        "</details>",
    ]
    return "\n".join(out) + "\n"


def place(report: str, label: str, path: Path) -> None:
    """Write `report` as `label`'s section of `path`: replaced if there, appended if not."""
    start, end = f"<!-- search-quality: {label} -->", f"<!-- /search-quality: {label} -->"
    block = f"{start}\n{report}{end}\n"
    text = path.read_text("utf-8") if path.exists() else ""
    if start in text and end in text:
        head, rest = text.split(start, 1)
        text = head + block + rest.split(end, 1)[1].lstrip("\n")
    else:
        text = (text.rstrip("\n") + "\n\n" if text.strip() else "") + block
    path.write_text(text, "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--label", default="now", help="the section's name, e.g. before or after")
    parser.add_argument("--out", type=Path, help="write the report as this label's section of FILE (default: print)")
    parser.add_argument("--content", type=Path, help="the content folder (default: content/ of what is measured)")
    parser.add_argument("--queries", type=Path, default=QUERIES, help="the query table")
    parser.add_argument("--rev", help="measure the code as committed at REV (e.g. HEAD), not the working tree")
    parser.add_argument("--json", type=Path, help="also write every figure as JSON to FILE")
    parser.add_argument("--compare", type=Path, help="a JSON of an earlier run, shown beside these figures")
    args = parser.parse_args(argv)
    queries = load_queries(args.queries)
    earlier = json.loads(args.compare.read_text("utf-8")) if args.compare else None
    commit = describe(args.rev)
    with tempfile.TemporaryDirectory(prefix="search-quality-") as scratch:
        tree = export(args.rev, Path(scratch, "src")) if args.rev else ROOT
        site = build(tree, (args.content or tree / "content").resolve(), Path(scratch))
        outcomes = ask(site, queries)
    report = markdown(args.label, commit, outcomes, earlier)
    if args.json:
        figures = {
            "label": args.label,
            "commit": commit,
            "summary": summarise(outcomes),
            "queries": [asdict(o) for o in outcomes],
        }
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1) + "\n", "utf-8")
    if args.out:
        place(report, args.label, args.out)
        print(f"{args.out}: section '{args.label}' written")
    else:
        print(report, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
