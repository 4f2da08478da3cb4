"""make bench: build a synthetic bilingual site of N pairs, stage by stage, beside Hugo.

    make bench                 # N = 500 and 2,000
    BENCH_N=5000 make bench    # other sizes (comma-separated)
    BENCH_SCENARIOS=edits make bench   # only the edits (after unmeasured builds)
    BENCH_CORPUS=plain make bench      # the corpus without Slug: headers and links

Scenarios: cold (no caches), cold PAGES_ONLY=1 (what the Hugo site has), warm (nothing
changed), one Arabic article edited, one English article edited (separately), one template
edited, and the preview (make serve) after one Arabic, then one English article is saved,
until it shows the new page. `BENCH_SCENARIOS` picks some (comma-separated names, or
`edits` for the article and preview edits); the corpus is like real articles (`Slug:`
headers, external and internal links: tools/corpus.py). For each: wall and CPU seconds, peak memory,
time per page, files rewritten, and the driver's own stage times. The article edits come after
three unmeasured publishes (a site published many times has an old release's folders to build
in: release.take_spare), each once the last publish's background work is done. If `hugo` is on PATH
(Debian package hugo), an equivalent Hugo site (pages, paginated listings, taxonomies, feeds,
language switcher) is built from the same corpus in the same run, and ratios are printed.
Results: a table, and JSON in .build/bench/results.json (compare across commits);
docs/performance.svg is redrawn from it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from corpus import generate  # tools/corpus.py (this folder is on the path when run as a script)

PROJECT = Path(__file__).resolve().parent.parent

WORK = Path(os.environ.get("BENCH_WORK") or PROJECT / ".build" / "bench")
MEASURE = (
    "import resource, subprocess, sys, json, time\n"
    "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(json.dumps({'rc': r.returncode, 'wall': time.perf_counter() - t, 'cpu': u.ru_utime + u.ru_stime,"
    " 'rss_mb': u.ru_maxrss / 1024, 'out': r.stdout, 'err': r.stderr[-2000:]}))"
)


def measure(command: list[str], env: dict[str, str] | None = None) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        check=True,
    )
    data = json.loads(result.stdout)
    if data["rc"] != 0:
        raise SystemExit(f"build failed: {data['err']}")
    data["stages"] = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\w+)\s+([\d.]+) s", data["out"], re.M)}
    data["rendered"] = sum(int(n) for n in re.findall(r"(?:ar|en) (\d+) rendered", data["out"]))
    changed = re.search(r"(\d+) file\(s\) changed, (\d+) removed", data["out"])
    data["rewritten"] = int(changed.group(1)) + int(changed.group(2)) if changed else 0
    del data["out"], data["err"]
    return data


def ours(
    corpus: Path, work: Path, theme: Path, extra: list[str] | None = None, env: dict[str, str] | None = None
) -> dict:
    return measure(
        [
            sys.executable,
            "-m",
            "newsroom",
            "build",
            "--content",
            str(corpus),
            "--output",
            str(work / "output"),
            "--work",
            str(work / "work"),
            "--theme",
            str(theme),
            *(extra or []),
        ],
        {"SITE_CLOCK": "2026-06-01T12:00:00", "STRICT": "0", **(env or {})},
    )


def hugo_site(corpus: Path, site: Path) -> None:
    """The same corpus as a Hugo site with equivalent pages, listings, taxonomies and feeds."""
    if site.exists():
        return
    for lang in ("ar", "en"):
        for path in sorted((corpus / lang).rglob("*.md")):
            header, _, body = path.read_text("utf-8").partition("\n\n")
            meta = dict(line.split(": ", 1) for line in header.splitlines() if ": " in line)
            slug = meta.get("Slug", path.stem)
            front = [f"title: {json.dumps(meta.get('Title', path.stem), ensure_ascii=False)}", f"slug: {slug}"]
            if "Date" in meta and len(meta["Date"]) == 10:
                front.append(f"date: {meta['Date']}T00:00:00+04:00")
            if "Category" in meta:
                front.append(f"categories: [{json.dumps(meta['Category'], ensure_ascii=False)}]")
            if "Tags" in meta:
                tags = [t.strip() for t in re.split("[,،]", meta["Tags"])]
                front.append(f"tags: {json.dumps(tags, ensure_ascii=False)}")
            target = site / "content" / lang / path.relative_to(corpus / lang)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text("---\n" + "\n".join(front) + "\n---\n\n" + body, "utf-8")
    (site / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ndefaultContentLanguage = "ar"\ndefaultContentLanguageInSubdir = true\n'
        'paginate = 10\ndisableKinds = ["robotsTXT"]\n[permalinks]\n  news = "/news/:slug/"\n'
        '[taxonomies]\n  category = "categories"\n  tag = "tags"\n'
        '[languages.ar]\n  contentDir = "content/ar"\n  languageDirection = "rtl"\n  weight = 1\n'
        '[languages.en]\n  contentDir = "content/en"\n  weight = 2\n',
        "utf-8",
    )
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "baseof.html").write_text(
        '<!DOCTYPE html><html lang="{{ .Site.Language.Lang }}" dir="{{ .Site.Language.LanguageDirection | default "ltr" }}">'
        '<head><meta charset="utf-8"><title>{{ .Title }}</title>'
        '{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Lang }}" href="{{ .Permalink }}">{{ end }}'
        '</head><body><header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a><nav>'
        '{{ range .Translations }}<a href="{{ .RelPermalink }}" lang="{{ .Lang }}" hreflang="{{ .Lang }}">{{ .Lang }}</a>'
        '{{ end }}</nav></header><main>{{ block "main" . }}{{ end }}</main></body></html>',
        "utf-8",
    )
    (layouts / "single.html").write_text(
        '{{ define "main" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format "2 January 2006" }}</time>'
        "{{ .Content }}<ul>{{ range .Params.tags }}<li>{{ . }}</li>{{ end }}</ul></article>{{ end }}",
        "utf-8",
    )
    listing = (
        '{{ define "main" }}<h1>{{ .Title }}</h1>{{ $p := .Paginate (where .Pages "Type" "news") }}'
        '{{ range $p.Pages }}<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>'
        "<p>{{ .Summary | plainify | truncate 200 }}</p></article>{{ end }}"
        '{{ template "_internal/pagination.html" . }}{{ end }}'
    )
    (layouts / "list.html").write_text(listing, "utf-8")
    (site / "layouts" / "index.html").write_text(
        listing.replace('(where .Pages "Type"', '(where site.RegularPages "Type"'), "utf-8"
    )


def hugo(site: Path) -> dict:
    shutil.rmtree(site / "public", ignore_errors=True)
    shutil.rmtree(site / "resources", ignore_errors=True)
    return measure(["hugo", "--quiet", "--source", str(site)])


def median_of(runs: list[dict]) -> dict:
    result = {k: statistics.median(r[k] for r in runs) for k in ("wall", "cpu", "rss_mb")}
    result["rewritten"] = runs[-1]["rewritten"]
    result["rendered"] = runs[-1].get("rendered", 0)
    result["stages"] = {k: statistics.median(r["stages"].get(k, 0.0) for r in runs) for k in runs[-1]["stages"]}
    return result


EDITED = "news-00007.md"  # the article each edit scenario changes (in ar/ or en/)
SCENARIOS = ("cold_pages_only", "cold", "warm", "article_edit_ar", "article_edit_en", "template_edit", "preview_edit")
EDITS = ("article_edit_ar", "article_edit_en", "preview_edit")


def chosen_scenarios() -> tuple[str, ...]:
    asked = [n.strip() for n in os.environ.get("BENCH_SCENARIOS", "").split(",") if n.strip()]
    if not asked:
        return SCENARIOS
    names = {n for a in asked for n in (EDITS if a == "edits" else (a,))}
    unknown = names - set(SCENARIOS)
    if unknown:
        raise SystemExit(f"unknown scenario(s) {sorted(unknown)}: choose from {', '.join(SCENARIOS)} or edits")
    return tuple(n for n in SCENARIOS if n in names)


def edit_article(corpus: Path, lang: str, words: str) -> None:
    article = corpus / lang / "news" / EDITED
    article.write_text(article.read_text("utf-8") + f"\n{words}\n", "utf-8")


def settle(site: Path, seconds: float = 60.0) -> None:
    """Until the last publish's background work is done (old releases emptied or removed, at the
    lowest priority): a newsroom's builds are minutes apart, a bench's a second apart."""
    releases = site / "work" / "releases"
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and releases.is_dir():
        if not any(p.name.startswith((".emptying-", ".removed-")) for p in releases.iterdir()):
            return
        time.sleep(0.1)


def run_size(pairs: int, repeat: int, scenarios: tuple[str, ...] = SCENARIOS) -> dict:
    plain = os.environ.get("BENCH_CORPUS") == "plain"
    corpus = WORK / f"corpus-{pairs}{'-plain' if plain else ''}"
    if not corpus.exists():
        generate(pairs, corpus, real=not plain)
    theme = WORK / "theme"
    shutil.rmtree(theme, ignore_errors=True)
    shutil.copytree(PROJECT / "theme", theme)
    pages = sum(1 for _ in corpus.rglob("*.md"))
    results: dict[str, dict] = {}
    site = WORK / f"site-{pairs}"

    def cold(env: dict[str, str] | None = None) -> dict:
        shutil.rmtree(site, ignore_errors=True)
        return ours(corpus, site, theme, env=env)

    if "cold_pages_only" in scenarios:
        results["cold_pages_only"] = median_of([cold({"PAGES_ONLY": "1"}) for _ in range(repeat)])
    if "cold" in scenarios:
        results["cold"] = median_of([cold() for _ in range(repeat)])
    else:
        cold()  # not measured: the edits start from a built site
    if "warm" in scenarios:
        results["warm"] = median_of([ours(corpus, site, theme) for _ in range(repeat)])
    if any(name.startswith("article_edit") for name in scenarios):
        # A newsroom's site has been published many times: the oldest release beyond the three
        # kept gives the next build its folders (release.take_spare). Not measured: as many
        # publishes as that takes.
        for number in range(3):
            edit_article(corpus, "en", f"Published {number}.")
            ours(corpus, site, theme)
    for lang in ("ar", "en"):
        if f"article_edit_{lang}" in scenarios:
            edits = []
            for number in range(repeat):
                edit_article(corpus, lang, f"Edited {number}.")
                settle(site)
                edits.append(ours(corpus, site, theme))
            results[f"article_edit_{lang}"] = median_of(edits)
    if "template_edit" in scenarios:
        template = theme / "templates" / "article.html"
        template_edits = []
        for number in range(repeat):
            template.write_text(template.read_text("utf-8") + f"\n{{# edit {number} #}}\n", "utf-8")
            template_edits.append(ours(corpus, site, theme))
        results["template_edit"] = median_of(template_edits)
    if "preview_edit" in scenarios:
        # make serve: the preview server's workers, one article saved, until the preview shows it
        probe = subprocess.run(
            [sys.executable, __file__, "--serve-probe", str(corpus), str(site), str(theme), str(repeat)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "SITE_CLOCK": "2026-06-01T12:00:00", "STRICT": "0"},
        )
        for lang, result in json.loads(probe.stdout.splitlines()[-1]).items():
            results[f"preview_edit_{lang}"] = result
    if shutil.which("hugo"):
        hugo_folder = WORK / f"hugo-{pairs}{'-plain' if plain else ''}"
        hugo_site(corpus, hugo_folder)
        results["hugo"] = median_of([hugo(hugo_folder) for _ in range(repeat)])
    for result in results.values():
        result["per_page_ms"] = 1000 * result["wall"] / pages
    return {"pairs": pairs, "pages": pages, "corpus": "plain" if plain else "real", "results": results}


def svg(rows: list[dict]) -> str:
    """Build time against pairs: ours (cold, pages only; one article edited; warm), Hugo."""
    series = [
        ("cold_pages_only", "ours, cold, pages only", "#0b6b53"),
        ("article_edit_ar", "ours, one Arabic article edited (everything)", "#1d4ed8"),
        ("article_edit_en", "ours, one English article edited (everything)", "#7c3aed"),
        ("warm", "ours, nothing changed", "#e9a800"),
        ("hugo", "Hugo 0.111, full build", "#b42318"),
    ]
    width, height, pad = 640, 360, 56
    top = max(r["results"][k]["wall"] for r in rows for k, _, _ in series if k in r["results"]) * 1.1
    right = max(r["pairs"] for r in rows)
    x = lambda p: pad + (width - 2 * pad) * p / right  # noqa: E731
    y = lambda s: height - pad - (height - 2 * pad) * s / top  # noqa: E731
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" font-family="sans-serif" '
        f'font-size="12"><rect width="100%" height="100%" fill="#fff"/>',
        f'<line x1="{pad}" y1="{height - pad}" x2="{width - pad}" y2="{height - pad}" stroke="#333"/>',
        f'<line x1="{pad}" y1="{pad}" x2="{pad}" y2="{height - pad}" stroke="#333"/>',
        f'<text x="{width / 2}" y="{height - 16}" text-anchor="middle">pairs</text>',
        f'<text x="16" y="{height / 2}" transform="rotate(-90 16 {height / 2})" text-anchor="middle">seconds</text>',
    ]
    for r in rows:
        parts.append(f'<text x="{x(r["pairs"])}" y="{height - pad + 16}" text-anchor="middle">{r["pairs"]}</text>')
    for step in range(5):
        value = top * step / 4
        parts.append(f'<text x="{pad - 6}" y="{y(value) + 4}" text-anchor="end">{value:.1f}</text>')
    for index, (key, label, colour) in enumerate(series):
        points = [(x(r["pairs"]), y(r["results"][key]["wall"])) for r in rows if key in r["results"]]
        if not points:
            continue
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
            + " ".join(f"{a:.1f},{b:.1f}" for a, b in [(pad, height - pad)] + points)
            + '"/>'
        )
        parts += [f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="{colour}"/>' for a, b in points]
        parts.append(f'<text x="{pad + 10}" y="{pad + 16 * index}" fill="{colour}">{label}</text>')
    return "\n".join(parts + ["</svg>"]) + "\n"


def serve_probe(corpus: Path, site: Path, theme: Path, repeat: int) -> dict[str, dict]:
    """What `make serve` does on a save: its workers build the preview; the time until the
    step that reloads the saved article's open page (stage "shown") and the one after every
    page of the save is written (stage "visible"), median of `repeat` saves; an Arabic
    article, then an English one."""
    import contextlib  # noqa: PLC0415
    import io  # noqa: PLC0415

    from newsroom.pipeline import driver as build  # noqa: PLC0415

    argv = ["--preview", "--content", str(corpus), "--work", str(site / "work"), "--theme", str(theme)]
    options = build.parse_args(argv)
    workers = build.Workers(options, build.live_preview(options))
    results: dict[str, dict] = {}
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            build.main(argv, workers)  # the first build of the session: everything
        for lang in ("ar", "en"):
            runs = []
            for number in range(repeat):
                edit_article(corpus, lang, f"Preview edit {number}.")
                out = io.StringIO()
                started = time.perf_counter()
                with contextlib.redirect_stdout(out):
                    code = build.main(argv, workers)
                wall = time.perf_counter() - started
                text = out.getvalue()
                stages = {m.group(1): float(m.group(2)) for m in re.finditer(r"^(\w+)\s+([\d.]+) s", text, re.M)}
                rendered = sum(int(n) for n in re.findall(r"(?:ar|en) (\d+) rendered", text))
                runs.append(
                    {
                        "wall": wall,
                        "cpu": 0.0,
                        "rss_mb": 0.0,
                        "rewritten": rendered,
                        "rendered": rendered,
                        "stages": stages,
                        "code": code,
                    }
                )
            result = median_of(runs)
            result["visible"] = statistics.median(r["stages"].get("visible", 0.0) for r in runs)
            result["shown"] = statistics.median(r["stages"].get("shown", 0.0) for r in runs)
            results[lang] = result
    finally:
        workers.close()
    return results


def main() -> int:
    if sys.argv[1:2] == ["--serve-probe"]:
        corpus, site, theme, repeat = sys.argv[2:6]
        print(json.dumps(serve_probe(Path(corpus), Path(site), Path(theme), int(repeat))))
        return 0
    sizes = [int(n) for n in os.environ.get("BENCH_N", "500,2000").split(",")]
    repeat = int(os.environ.get("BENCH_REPEAT", "3"))
    WORK.mkdir(parents=True, exist_ok=True)
    scenarios = chosen_scenarios()
    rows = [run_size(n, repeat, scenarios) for n in sizes]
    header = (
        f"{'pairs':>6} {'scenario':<16} {'wall s':>8} {'cpu s':>8} {'MiB':>7} {'ms/page':>8} {'rendered':>8} "
        f"{'rewritten':>9} {'× Hugo':>7}"
    )
    print(header)
    for row in rows:
        hugo_wall = row["results"].get("hugo", {}).get("wall")
        for name, r in row["results"].items():
            ratio = f"{r['wall'] / hugo_wall:.2f}" if hugo_wall and name != "hugo" else ""
            print(
                f"{row['pairs']:>6} {name:<16} {r['wall']:>8.2f} {r['cpu']:>8.2f} {r['rss_mb']:>7.0f} "
                f"{r['per_page_ms']:>8.2f} {r.get('rendered', 0):>8} {r['rewritten']:>9} {ratio:>7}"
            )
        for scenario in ("cold", "article_edit_ar", "article_edit_en", "preview_edit_ar", "preview_edit_en"):
            if scenario not in row["results"]:
                continue
            stages = row["results"][scenario]["stages"]
            print(f"{'':>6} {scenario} stages: " + ", ".join(f"{k} {v:.2f}" for k, v in stages.items()))
    (WORK / "results.json").write_text(json.dumps({"time": time.time(), "rows": rows}, indent=1), "utf-8")
    chart = ""
    if "cold_pages_only" in scenarios and len(rows) > 1:  # the chart needs the full set, at two sizes or more
        (PROJECT / "docs" / "performance.svg").write_text(svg(rows), "utf-8")
        chart = "; chart: docs/performance.svg"
    print(f"results: {WORK / 'results.json'}{chart}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
