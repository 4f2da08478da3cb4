"""Build the site: check the content, build both languages, publish atomically.

    newsroom build            # what `make html` runs
    newsroom build --check    # `make check`: everything but publishing

Stages: check (headers of both trees, the glossary, pairs) -> pages (one Pelican
process per language, both at once) -> assets and the root page -> publish (one
atomic switch of `output/`). Any error stops the build before `publish`: nothing
already published is touched, and the exit status is non-zero.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fcntl
import hashlib
import json
import multiprocessing
import os
import pickle
import re
import select
import shutil
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsroom import PROJECT
from newsroom.core import environment, languages
from newsroom.core import plans as plans_file
from newsroom.core.assets import asset_function, load_manifest
from newsroom.core.contract import (
    check_award_links,
    check_pairs,
    check_plan,
    check_translations,
    find_stray_markdown,
    scan_tree,
)
from newsroom.core.dates import DEFAULT_TZ, build_clock
from newsroom.core.faults import stop_at
from newsroom.core.glossary import load_glossary
from newsroom.core.i18n import load_translations
from newsroom.core.images import RASTER, make_variants
from newsroom.core.plans import Sent
from newsroom.core.problems import Collector, Severity
from newsroom.core.renders import commit_index
from newsroom.core.settings import load_settings
from newsroom.core.symlinks import check_symlinks
from newsroom.core.walk import files_below

from .admin import publish_admin
from .assets import SiteCompressor, color_problems, publish_theme
from .headers import (
    CSP_META,
    Redirect,
    check_redirects,
    redirect_file,
    report_redirect_problems,
    uri_form,
    write_host_files,
)
from .links import check_links
from .overlay import held_pages, write_problems
from .release import clear_folder, publish, take_spare
from .reload import EVERYTHING, write_atomically, write_step
from .search import BUNDLE, SearchReport, build_index
from .sitemap import write_sitemap
from .worker import in_background, ready


class Stages:
    """Prints one line per stage with its wall time (quiet enough for CI logs)."""

    def __init__(self) -> None:
        self.times: dict[str, float] = {}
        self.started = time.perf_counter()

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        yield
        self.times[name] = self.times.get(name, 0.0) + time.perf_counter() - start  # a stage in parts

    def say(self, name: str, detail: str = "") -> None:
        print(f"{name:<8} {self.times[name]:6.2f} s  {detail}".rstrip(), flush=True)


load_conf = load_settings  # the settings file's values for one language


class _Memo(dict[Any, Any]):
    """Headers already read, by file (its name, size and time), with the keys asked for since
    `used` was last cleared: the versions of the files of the last scan, the only ones kept."""

    def __init__(self) -> None:
        super().__init__()
        self.used: set[Any] = set()

    def __getitem__(self, key: Any) -> Any:
        self.used.add(key)
        return super().__getitem__(key)


# Headers already read, by content folder and glossary: for a process that builds many times
# (the preview server); a build from the command line starts with it empty.
_SCANNED: dict[Any, _Memo] = {}


def check_content(content: Path, collector: Collector, tz: str = DEFAULT_TZ, remember: bool = True) -> dict[str, Any]:
    """Everything that can be known from headers, for both languages at once (links out of
    content/ and the theme are checked before, by the check stage: nothing outside is read).
    `remember`: keep the headers read for the next call (the preview's process builds again
    after every save; `make html` builds once, and the memo's stat per file would be wasted)."""
    glossary_file = content / "glossary.yml"
    glossary = load_glossary(glossary_file, collector)
    memo: _Memo | None = None
    if remember:
        stamp = (str(content), glossary_file.stat().st_mtime_ns if glossary_file.exists() else 0)
        memo = _SCANNED.setdefault(stamp, _Memo())
        for other in [k for k in _SCANNED if k != stamp]:
            del _SCANNED[other]
        memo.used.clear()
    find_stray_markdown(content, collector)
    plans = {lang: scan_tree(content, lang, collector, glossary, memo, tz) for lang in languages.LANGUAGES}
    for gone in memo.keys() - memo.used if memo is not None else ():  # an older version of a file, or one removed
        del memo[gone]
    for plan in plans.values():
        check_plan(plan, collector)
        check_award_links(plan, collector)
    check_pairs(plans, collector)
    check_translations(plans, collector, required=environment.flag("REQUIRE_TRANSLATIONS"))
    check_images(content / "images", collector)
    # A draft never blocks anyone else's publishing: its problems are reported as the draft's.
    collector.demote_drafts(
        {collector.rel(s.path) for plan in plans.values() for s in plan.sources.values() if s.status == "draft"}
    )
    return plans


# Environment variables that change what a build writes (or whether it passes).
BUILD_ENVIRONMENT = (
    "SITEURL",
    "SITE_DIGITS_AR",
    "SITE_HIJRI_ADJUST",
    "SITE_ANALYTICS_SCRIPT",
    "GH_PAGES",
    "PAGES_ONLY",
    "STRICT",
    "REQUIRE_TRANSLATIONS",
)
# (editor/ and the Decap package: what /admin/ is made of, when the EDITOR setting asks for it)
INPUTS = ("newsroom", "plugins", "pelican.conf.py", "requirements.txt", "editor", "node_modules/decap-cms/package.json")


def input_fingerprint(args: argparse.Namespace, plans: dict[str, Any], clock: dt.datetime) -> str:
    """Everything a build depends on: every input file's bytes, the settings, and what the
    clock decides (which articles are out, which notices still show)."""
    digest = hashlib.sha256()
    # The Markdown files count by the digest of the bytes the check read (`Source.digest`): the
    # build is made of those, and reading 4,082 files again took 0.15-0.35 s at 2,000 pairs.
    read = {str(source.path): source.digest.encode() for plan in plans.values() for source in plan.sources.values()}
    for root in (args.content, args.theme, *(PROJECT / name for name in INPUTS), args.settings):
        if root.is_file():
            files = [str(root)]
        else:
            below = [rel for rel, _path in files_below(str(root)) if "__pycache__" not in rel.split("/")]
            files = [os.path.join(root, rel) for rel in sorted(below, key=lambda rel: rel.split("/"))]
        for path in files:
            kept = read.get(path)
            if kept is None:
                try:
                    with open(path, "rb") as handle:
                        kept = handle.read()
                except (IsADirectoryError, FileNotFoundError):  # a link to a folder, or to nothing
                    continue
            digest.update(path.encode() + b"\0" + kept + b"\0")
    for name in BUILD_ENVIRONMENT:
        digest.update(f"{name}={environment.get(name)}\n".encode())
    digest.update(repr(sorted(vars(args).items())).encode())
    for lang, plan in sorted(plans.items()):
        for relpath, source in sorted(plan.sources.items()):
            shown = source.is_published(clock) and (source.expires is None or source.expires.moment > clock)
            digest.update(f"{lang}/{relpath}:{shown}\n".encode())
    return digest.hexdigest()


def preview_world(args: argparse.Namespace, plans: dict[str, Any], clock: str, hashed: dict[str, str]) -> str:
    """What a preview's language process builds from, but its plans: the files around the two
    trees (the theme, the settings, the glossary, pictures, everything in content/ outside ar/
    and en/) by name, size, time and inode, the theme's hashed names, the options, the year
    (the footer's) and what the clock decides (which files are out, which notices still show).
    A language built last in the same world whose plans are unchanged is not built again: a
    save of an Arabic article's text reaches nothing of the English pages. The other
    language's process was the last to answer in 5 of 6 measured saves, 0.07-0.3 s after the
    saved one's."""
    digest = hashlib.sha256()
    roots = [args.theme, args.settings] + [
        p for p in (args.content.iterdir() if args.content.is_dir() else []) if p.name not in languages.LANGUAGES
    ]
    for root in sorted(roots):
        found = [(str(root), str(root))] if not root.is_dir() else sorted(files_below(str(root)))
        for rel, path in found:
            try:
                stat = os.stat(path)
            except OSError:
                continue
            digest.update(f"{rel}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ino}\n".encode())
    moment = dt.datetime.fromisoformat(clock)
    digest.update(repr((sorted(hashed.items()), sorted(vars(args).items()), moment.year)).encode())
    for lang, plan in sorted(plans.items()):
        for relpath, source in sorted(plan.sources.items()):
            shown = source.is_published(moment) and (source.expires is None or source.expires.moment > moment)
            digest.update(f"{lang}/{relpath}:{shown}\n".encode())
    return digest.hexdigest()


def unchanged_since_last_build(args: argparse.Namespace, fingerprint: str) -> bool:
    """The same inputs as the build that made the site now in output/: nothing to do."""
    stamp = args.work / "last-build.json"
    if not stamp.exists() or not args.output.is_symlink():
        return False
    last = json.loads(stamp.read_text("utf-8"))
    return last.get("fingerprint") == fingerprint and Path(last.get("release", "")) == args.output.resolve()


def show_progress(started: float, site: Path, langs: list[str]) -> None:
    """On a terminal, a live line while the languages build: elapsed time and pages written.
    Elsewhere (CI logs) nothing: one line per stage is enough there."""
    if not sys.stdout.isatty():
        return
    written = {
        lang: sum(1 for _ in (site / lang).rglob("index.html")) if (site / lang).is_dir() else 0 for lang in langs
    }
    counts = ", ".join(f"{lang} {n} pages" for lang, n in written.items())
    print(f"\rpages    {time.perf_counter() - started:6.1f} s  {counts}\033[K", end="", flush=True)


def language_env(args: argparse.Namespace, lang: str, clock: str) -> dict[str, str]:
    """What a language process is told through its environment: only what a person could set
    (the language, the folders given on the command line, the clock); pelican.conf.py reads it."""
    return {
        "SITE_LANG": lang,
        "SITE_CONTENT": str(args.content),
        "SITE_CLOCK": clock,
        "SITE_THEME": str(args.theme),
        "PYTHONHASHSEED": "0",
        "COLUMNS": "160",
    }


def language_settings(args: argparse.Namespace, lang: str, reports: Path) -> dict[str, Any]:
    """What the driver tells a language process as Pelican settings (merged over the settings
    file's own dict settings by the worker, with `read_settings(…, override=…)`): where to write
    its report, the theme's hashed names, the trees as read, the caches, the preview mode."""
    in_place = Policy.of(args).in_place
    return {
        "BILINGUAL": {
            "REPORT": str(reports / f"{lang}.json"),
            "ASSETS": str(reports.parent / "assets.json"),
            "PLANS": str(reports.parent / f"plans-{lang}.pickle"),
            "READER_CACHE": str(args.work / "cache" / "reader"),
            "PREVIEW": in_place,
            "PROJECT": str(PROJECT),
        },
        "INCREMENTAL": {
            "CACHE": str(args.work / "cache" / ("preview" if in_place else "render")),
            # the pages the render cache's keys describe: the published site (the preview: itself)
            "PUBLISHED": str(
                args.work / "preview" / "output" if in_place else args.output.resolve() if args.output.exists() else ""
            ),
            "PAGES": str(reports / f"{lang}-pages.json"),
        },
        "SOCIAL_CARDS": {"ENABLED": not args.pages_only, "CACHE": str(args.work / "cards-cache")},
        "CSP_META": CSP_META if args.gh_pages else "",
    }


class Workers:
    """One language process per language (newsroom/pipeline/worker.py). A build starts them first, so
    Python and Pelican load while the content is checked; the preview server keeps them
    between saves, with their templates and caches loaded."""

    def __init__(self, args: argparse.Namespace, site: Path) -> None:
        self.site = site
        self.used = False
        self.processes: dict[str, subprocess.Popen[str]] = {}
        # The search index is made in a process of its own: in a thread, its Python work (reading
        # and staging pages, placing the index's files) shared one interpreter with the link check
        # and the compression that run meanwhile. Started now, so it has loaded by then.
        self.search: ProcessPoolExecutor | None = None
        if not args.pages_only:
            self.search = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"), initializer=ready)
            self.search.submit(int)  # the process starts now (its initializer loads the search code)
        self.errors: dict[str, Path] = {}  # what a worker says outside a build (a crash on start)
        # The plans each process was sent last, and those it says it holds: a preview's process
        # is sent only what changed since (newsroom/core/plans.py).
        self.sent: dict[str, Sent] = {}
        self.builds = 0
        self.held: dict[str, str] = {}
        # The preview: what each process reported of its last build that passed, and the world it
        # built in (`preview_world`); a save that reaches nothing of a language reuses it.
        self.kept: dict[str, dict[str, Any]] = {}
        args.work.mkdir(parents=True, exist_ok=True)
        for lang in languages.LANGUAGES:
            env = {**os.environ, **language_env(args, lang, "")}
            self.errors[lang] = args.work / f"worker-{lang}.log"
            with self.errors[lang].open("w") as errors:
                self.processes[lang] = subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "newsroom.pipeline.worker",
                        str(args.settings),
                        str(args.content / lang),
                        str(site),
                    ],
                    env=env,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=errors,
                    text=True,
                )

    def write_plans(self, plans: dict[str, Any], run: Path, lang: str) -> None:
        """For `lang`'s process: its own tree as read (headers and text) and the other tree's
        headers only (its counterparts' titles and addresses); only what changed since the last
        plans sent, when the process says it holds them (newsroom/core/plans.py)."""
        last = self.sent.get(lang)
        base = last if last is not None and self.held.get(lang) == last.token else None
        self.sent[lang] = plans_file.write(plans, lang, run / f"plans-{lang}.pickle", base)

    def build(
        self,
        args: argparse.Namespace,
        reports: Path,
        clock: str,
        before: Callable[[str], None],
        shown: Callable[[str, list[str]], None] | None = None,
        skip: frozenset[str] = frozenset(),
    ) -> dict[str, int]:
        """Both languages at once (but those in `skip`); returns {lang: exit code}. `before(lang)`
        writes what the language's process reads (its plans): the first process starts while
        the next one's are written (pickling each language's plans took 0.08 s at 2,000 pairs).
        `shown(lang, pages)`: a process has written its articles' pages (those rendered anew are
        named)."""
        self.used = True
        self.builds += 1
        building = {lang: process for lang, process in self.processes.items() if lang not in skip}
        for lang, process in building.items():
            before(lang)
            self.held.pop(lang, None)  # until it answers
            request = {
                "env": language_env(args, lang, clock),
                "settings": language_settings(args, lang, reports),
                "log": str(reports / f"{lang}.log"),
                "shown": shown is not None,  # say which pages are shown before the answer
            }
            assert process.stdin is not None
            try:
                process.stdin.write(json.dumps(request) + "\n")
                process.stdin.flush()
            except OSError:  # the worker is gone: its language fails below
                pass
        codes: dict[str, int] = {}
        # Read from the pipes themselves: a process may say two lines at once ("shown", then its
        # answer), which a buffered reader would keep where select() no longer sees them.
        waiting = {process.stdout.fileno(): lang for lang, process in building.items() if process.stdout}
        unread = dict.fromkeys(waiting, b"")
        started = time.perf_counter()
        while waiting:
            ready, _, _ = select.select(list(waiting), [], [], 0.5)
            for pipe in ready:
                lang = waiting[pipe]
                chunk = os.read(pipe, 1 << 16)
                *lines, unread[pipe] = (unread[pipe] + chunk).split(b"\n")
                for line in lines:
                    said = json.loads(line)
                    if "shown" in said:
                        if shown is not None:
                            shown(lang, said["shown"])
                        continue
                    codes[lang] = said["code"]
                    self.held[lang] = said.get("plans", "")
                    del waiting[pipe]
                if not chunk and pipe in waiting:  # the worker died: what it said goes with the build's messages
                    del waiting[pipe]
                    codes[lang] = 1
                    with (reports / f"{lang}.log").open("a") as log:
                        log.write(self.errors[lang].read_text("utf-8", errors="replace")[-4000:])
            show_progress(started, self.site, list(self.processes))
        if sys.stdout.isatty():
            print("\r\033[K", end="", flush=True)
        return codes

    def index(self, site: Path, cache: Path) -> SearchReport:
        """The search index (`build_index`), made by the search process; here if it cannot run."""
        if self.search is not None:
            try:
                return self.search.submit(build_index, site, cache).result()
            except BrokenProcessPool:  # the process died (killed, out of memory): made here
                self.search = None
        return build_index(site, cache)

    def alive(self) -> bool:
        return all(process.poll() is None for process in self.processes.values())

    def close(self) -> None:
        if self.search is not None:
            self.search.shutdown(wait=True, cancel_futures=True)
        for process in self.processes.values():
            if not self.used:  # a build that stopped before the pages: no need to wait for them
                process.kill()
            if process.stdin is not None:
                try:
                    process.stdin.close()
                except OSError:
                    pass
        for process in self.processes.values():
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()


def run_languages(
    args: argparse.Namespace,
    reports: Path,
    clock: str,
    collector: Collector,
    stage_figures: dict[str, dict[str, Any]],
    workers: Workers,
    before: Callable[[str], None],
    shown: Callable[[str, list[str]], None] | None = None,
    world: str = "",
    plans: dict[str, Any] | None = None,
) -> dict[str, int]:
    """Both languages at once, by the language processes; returns their pids. `world`: the
    preview's (`preview_world`); a language whose process holds the plans it would be sent and
    built last in the same world is not built again: its last report stands."""
    skip = frozenset(
        lang
        for lang, kept in workers.kept.items()
        if world
        and kept["world"] == world
        and workers.held.get(lang) == getattr(workers.sent.get(lang), "token", None)
        and plans is not None
        and plans_file.unchanged(plans, lang, workers.sent.get(lang))
    )
    codes = workers.build(args, reports, clock, before, shown, skip)
    raw: dict[str, dict[str, Any]] = {}
    pids = _collect(args, reports, collector, stage_figures, codes, raw)
    for lang in codes:
        workers.kept.pop(lang, None)
        if lang in raw and world:
            workers.kept[lang] = {"world": world, **raw[lang]}
    for lang in sorted(skip):
        kept = workers.kept[lang]
        collector.load_json(kept["report"]["problems"])
        pids[lang] = kept["report"]["pid"]
        stage_figures[lang] = _figures(kept["report"], {**kept["pages"], "fresh": [], "rendered": 0})
        stage_figures[lang]["pages"]["reused"] = len(kept["pages"].get("pages", {}))
        stage_figures[lang].pop("cards", None)
        stage_figures[lang]["kept"] = True
    return pids


def _figures(report: dict[str, Any], pages: dict[str, Any]) -> dict[str, Any]:
    """A language's figures for the later stages, from its report and its pages."""
    figures = dict(report.get("stages", {}))
    figures["sources"] = report.get("sources", {})
    figures["redirects"] = report.get("redirects", [])
    figures["pages"] = pages
    return figures


def _collect(
    args: argparse.Namespace,
    reports: Path,
    collector: Collector,
    stage_figures: dict[str, dict[str, Any]],
    codes: dict[str, int],
    raw: dict[str, dict[str, Any]] | None = None,
) -> dict[str, int]:
    """The languages' reports: their problems, figures and pids (and, into `raw`, the reports
    and pages of those that passed)."""
    pids: dict[str, int] = {}
    for lang, code in codes.items():
        log = reports / f"{lang}.log"
        output = log.read_text("utf-8", errors="replace") if log.exists() else ""
        report = reports / f"{lang}.json"
        data = json.loads(report.read_text("utf-8")) if report.exists() else {"problems": []}
        explained = any(p["severity"] == "error" for p in data["problems"])
        collector.load_json(data["problems"])
        if code == 0 or not explained:
            # Pelican's own warnings; its traceback only when our report has no better words.
            for line in output.splitlines():
                if line.strip() and not line.startswith("Done: Processed"):
                    print(f"[{lang}] {line}", file=sys.stderr)
        if code == 0 and "pid" in data:
            pids[lang] = data["pid"]
            pages = reports / f"{lang}-pages.json"
            written = json.loads(pages.read_text("utf-8")) if pages.exists() else {}
            stage_figures[lang] = _figures(data, written)
            if raw is not None:
                raw[lang] = {"report": data, "pages": written}
        elif not explained:
            collector.error(
                args.content / lang, f"the {lang} build stopped unexpectedly", f"read the lines marked [{lang}] above"
            )
    return pids


MAX_IMAGE_BYTES = 5_000_000
MAX_IMAGE_PIXELS = 40_000_000


def check_images(folder: Path, collector: Collector) -> None:
    """Pictures too big to publish as they are (the variants are made from them)."""
    from PIL import Image  # noqa: PLC0415

    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if not path.is_file() or path.suffix.lower() not in RASTER:
            continue
        size = path.stat().st_size
        try:
            with Image.open(path) as image:
                pixels = image.width * image.height
        except OSError:
            collector.error(path, "this file is not a picture the site can read", "save it again as JPEG or PNG")
            continue
        if size > MAX_IMAGE_BYTES or pixels > MAX_IMAGE_PIXELS:
            collector.warning(
                path,
                f"the picture is too big ({size / 1e6:.1f} MB, {pixels / 1e6:.0f} megapixels)",
                "save it at most 4000 pixels wide and under 5 MB (the site makes smaller copies)",
            )


def publish_images(
    source: Path,
    target: Path,
    cache: Path,
    collector: Collector | None = None,
    published: Path | None = None,
    withheld: frozenset[str] = frozenset(),
) -> tuple[int, int]:
    """Every raster picture with its responsive variants (no EXIF); other files as they are.
    The variants are kept in `cache` (a damaged one is made again, with a notice to
    `collector`); `published`: output/images, whose unchanged files are linked, not copied.
    `withheld`: pictures (paths under images/) shown only by drafts or future articles."""
    from newsroom.core.cache import FileStore  # noqa: PLC0415

    made = count = 0
    if not source.is_dir():
        return 0, 0
    store = FileStore(cache, collector)
    published = published.resolve() if published is not None else None
    for path in sorted(source.rglob("*")):
        if not path.is_file() or path.name.startswith(".") or path.relative_to(source).as_posix() in withheld:
            continue
        if path.suffix.lower() in RASTER:
            made += make_variants(path, source, target, store, published)[1]
            count += 1
        else:
            copy = target / path.relative_to(source)
            copy.parent.mkdir(parents=True, exist_ok=True)
            temporary = copy.with_name(f".{copy.name}.new")  # never written into (the preview's may be linked)
            shutil.copyfile(path, temporary)
            os.replace(temporary, copy)
    store.save()
    return made, count


def theme_templates(args: argparse.Namespace) -> Any:
    """The theme's templates for the pages the driver writes itself (root, redirects, status),
    with the language table and `gettext_in` as in the language processes."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined  # noqa: PLC0415

    env = Environment(
        loader=FileSystemLoader(args.theme / "templates"),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    folder = str(args.theme / "translations")
    manifest = args.work / "run" / "assets.json"
    env.globals.update(
        LANGUAGES=languages.LANGUAGES,
        asset=asset_function(load_manifest(str(manifest) if manifest.exists() else "")),
        gettext_in=lambda code, message: load_translations(folder, code).gettext(message),
    )
    return env


def write_root(site: Path, args: argparse.Namespace) -> None:
    conf = load_conf(args.settings, languages.DEFAULT_LANG)
    html = (
        theme_templates(args)
        .get_template("root.html")
        .render(
            DEFAULT_LANG=languages.DEFAULT_LANG,
            other=languages.other(languages.DEFAULT_LANG),
            SITEURL=environment.get("SITEURL"),
            SITENAMES=conf["SITENAMES"],
        )
    )
    (site / "index.html").write_text(html, "utf-8")


def write_redirect_pages(
    site: Path, redirects: list[Redirect], args: argparse.Namespace, collector: Collector
) -> list[Redirect]:
    """A small page at each old address (`Redirect-From:`) that leads to the new one, for
    hosts without server redirects; `_redirects` and the nginx snippet do it properly.
    Returns the redirects written: one that is not a safe path, that would replace a file the
    build writes (a page, `/_headers`, `/theme/…`), whose article has no page, or that two
    articles claim is an error on the article's `Redirect-From:` line, and is not written."""
    template = theme_templates(args).get_template("redirect.html")
    siteurl = environment.get("SITEURL")
    good, problems = check_redirects(redirects, site, redirect_pages=Policy.of(args).in_place)
    report_redirect_problems(problems, collector)
    for redirect in good:
        target = site / redirect_file(redirect.old)
        lang = redirect.new.strip("/").split("/", 1)[0]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            template.render(
                url=siteurl + uri_form(redirect.new),
                lang=lang,
                dir=languages.LANGUAGES[lang].dir if lang in languages.LANGUAGES else "auto",
                csp=CSP_META if args.gh_pages else "",
            ),
            "utf-8",
        )
    return good


def live_preview(args: argparse.Namespace) -> Path:
    """The preview's site folder: built in place and served as it is (make serve), so a save
    rewrites only the pages it changes. Never output/."""
    live = args.work / "preview" / "output"
    if live.is_symlink():  # a preview from before it was built in place
        live.unlink()
        shutil.rmtree(args.work / "preview" / "releases", ignore_errors=True)
    return live


def list_files(folder: Path, site: Path, suffixes: tuple[str, ...] = ()) -> list[str]:
    """The files under `folder` (with `suffixes`, only those kinds), as paths below `site`."""
    base = str(site) + os.sep
    found: list[str] = []
    for path, _folders, files in os.walk(folder):
        rel_folder = path[len(base) :].replace(os.sep, "/") if path.startswith(base) else ""
        found += [f"{rel_folder}/{name}" for name in files if not suffixes or name.endswith(suffixes)]
    return found


def remove_listed(site: Path, listed: list[str], keep: set[str]) -> list[str]:
    """The files of `listed` not in `keep`, removed; a social card goes with its page."""
    removed: list[str] = []
    for rel in listed:
        if rel in keep:
            continue
        path = site / rel
        try:
            path.unlink()
        except FileNotFoundError:  # (listed while the build ran: gone since)
            continue
        removed.append(rel)
        if path.name == "index.html":
            path.with_name("card.png").unlink(missing_ok=True)
    return removed


def remove_stale(folder: Path, keep: set[str], site: Path, suffixes: tuple[str, ...] = ()) -> list[str]:
    """Files of the live preview no longer made (a page removed, an old stylesheet); with
    `suffixes`, only those kinds of files. A social card goes with its page. Returns them."""
    return remove_listed(site, list_files(folder, site, suffixes), keep)


def write_status(site: Path, args: argparse.Namespace, plans: dict[str, Any]) -> None:
    """The preview's translation status page (/status/)."""
    from newsroom.core.pairs import pair_rows  # noqa: PLC0415

    page = theme_templates(args).get_template("status.html").render(rows=pair_rows(args.content, plans))
    (site / "status").mkdir(exist_ok=True)
    write_atomically(site / "status" / "index.html", page)


def publish_preview(site: Path, clock: str, stages: Stages, changed: list[str]) -> int:
    """The preview (make serve): every page of this build is written; the open pages among
    `changed` reload (newsroom/pipeline/reload.py). In the live preview folder
    (<work>/preview/output), never output/."""
    write_step(site, clock, changed)
    # From the start of this build to the new pages being served (what an editor waits for).
    stages.times["visible"] = time.perf_counter() - stages.started
    stages.say("visible", "the preview shows the new pages (the search index follows)")
    return 0


def index_search(build: Build) -> SearchReport | str:
    """Both languages' search index (timed as the "search" stage): its report, or what
    Pagefind said when it failed. Touches nothing but the site's `pagefind/` and the search
    cache, so it runs beside the link check (see stage_links_and_search)."""
    with build.stages.stage("search"):
        try:
            return build.workers.index(build.site, build.args.work / "search-cache")
        except RuntimeError as exc:
            return str(exc)


def report_search(search: SearchReport | str, stages: Stages, collector: Collector) -> bool:
    """Say what the search stage did; False (with the error) when the index could not be built."""
    if isinstance(search, str):
        collector.error(
            "pagefind",
            f"the search index could not be built: {search}",
            "run `make html` again; if it fails again, report it to the developers",
        )
        return False
    collector.extend(search.problems)  # damaged cache files, made again (notices)
    sizes = ", ".join(
        f"{lang} {search.pages[lang]} pages {search.sizes[lang] / 1024:.0f} KiB"
        f" ({len(search.indexed.get(lang, ()))} of {search.shards[lang]} shards indexed now)"
        for lang in sorted(search.pages)
    )
    stages.say("search", ("reused: " if search.cached else "") + sizes)
    return True


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, default=PROJECT / "content")
    parser.add_argument("--output", type=Path, default=PROJECT / "output")
    parser.add_argument(
        "--work", type=Path, default=PROJECT / ".build", help="build folder: the site being built and the releases"
    )
    parser.add_argument("--settings", type=Path, default=PROJECT / "pelican.conf.py")
    parser.add_argument("--theme", type=Path, default=PROJECT / "theme")
    parser.add_argument("--check", action="store_true", help="check and build, but do not publish (make check)")
    parser.add_argument(
        "--report", type=Path, default=None, help="also write every problem and the verdict as JSON to this file (CI)"
    )
    parser.add_argument(
        "--pages-only",
        action="store_true",
        default=environment.flag("PAGES_ONLY"),
        help="only pages, listings and feeds: no search index (PAGES_ONLY=1)",
    )
    parser.add_argument(
        "--gh-pages",
        action="store_true",
        default=environment.flag("GH_PAGES"),
        help="for GitHub Pages: the security policy as a <meta> (it cannot send headers)",
    )
    parser.add_argument(
        "--preview", action="store_true", help="drafts and future articles too, with banners, and /status/ (make serve)"
    )
    parser.add_argument(
        "--production", action="store_true", help="a build to publish (make publish): SITEURL must be set"
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        default=environment.flag("STRICT"),
        help="warnings stop the build too (CI sets STRICT=1)",
    )
    args = parser.parse_args(argv)
    for name in ("content", "output", "work", "settings", "theme"):
        setattr(args, name, getattr(args, name).absolute())
    if args.production and not environment.get("SITEURL").startswith("https://"):
        parser.error("a production build needs the site's address: SITEURL=https://… make publish")
    return args


@contextmanager
def locked(work: Path) -> Iterator[None]:
    work.mkdir(parents=True, exist_ok=True)
    with (work / "build.lock").open("w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SystemExit(f"another build is running in {work}: wait for it to finish") from None
        yield


def explain_failure(exc: BaseException, args: argparse.Namespace) -> str:
    """One line, `path: what is wrong — what to do`, for a failure that is not the content's."""
    if isinstance(exc, OSError):
        collector = Collector(PROJECT)
        collector.os_error(exc, args.work)
        return collector.problems[0].format()
    log = args.work / "last-error.log"
    try:
        log.write_text("".join(traceback.format_exception(exc)), "utf-8")
        saved = f" (the details are in {log})"
    except OSError:
        saved = ""
    return (
        f"{args.content}: error: the build failed unexpectedly ({type(exc).__name__}: {exc}) — "
        f"report it to the developers{saved}"
    )


def main(argv: list[str] | None = None, workers: Workers | None = None) -> int:
    """A build; `workers`: the preview server's language processes, kept between builds.
    A failure of the machine (disk full, a read-only folder, a file that vanishes) ends in one
    line saying what to do and the verdict, never a traceback; output/ is never touched."""
    args = parse_args(argv)
    try:
        if workers is not None:
            return build_site(args, workers)
        # Started first: Python and Pelican load in them while the content is checked.
        workers = Workers(args, live_preview(args) if Policy.of(args).in_place else args.work / "run" / "site")
        try:
            return build_site(args, workers)
        finally:
            workers.close()
    except (OSError, RuntimeError, ValueError, KeyError, TypeError, pickle.PickleError, EOFError) as exc:
        print(explain_failure(exc, args), file=sys.stderr)
        print(Policy.of(args).verdict, file=sys.stderr)
        return 1


@dataclass(frozen=True)
class Policy:
    """What differs between the kinds of build (`make html`, `make check`, `make serve`): the
    stages they run and how they treat what the stages find. Nothing else asks which kind of
    build this is."""

    name: str
    stages: tuple[Callable[[Build], int | None], ...]
    in_place: bool  # built into the live preview folder and served as it is (make serve)
    shortcut: bool  # the same inputs as the published site: nothing to do
    site_errors_stop: bool  # a broken link or a bad redirect stops before anything is shown
    verdict: str  # said when the build stops

    @classmethod
    def of(cls, args: argparse.Namespace) -> Policy:
        if args.preview:
            return PREVIEW
        return CHECK if args.check else PRODUCTION


@dataclass
class Build:
    """One build: its inputs, what each stage found, and the messages so far."""

    args: argparse.Namespace
    policy: Policy
    workers: Workers
    collector: Collector = field(default_factory=lambda: Collector(PROJECT))
    stages: Stages = field(default_factory=Stages)
    timezone: str = DEFAULT_TZ
    settings: dict[str, Any] = field(default_factory=dict)  # the settings file, as the driver reads it
    clock: str = ""
    plans: dict[str, Any] = field(default_factory=dict)
    fingerprint: str = ""
    site: Path = Path()
    figures: dict[str, dict[str, Any]] = field(default_factory=dict)
    hashed: dict[str, str] = field(default_factory=dict)
    redirects: list[Redirect] = field(default_factory=list)
    compressor: SiteCompressor | None = None  # the pages compressed while Pagefind indexes them
    shown: set[str] = field(default_factory=set)  # the preview: pages shown before the build ended
    changed: list[str] = field(default_factory=list)  # the preview: pages written anew or removed

    @property
    def run(self) -> Path:
        return self.args.work / "run"

    @property
    def fails(self) -> bool:
        return self.collector.fails(self.args.strict)

    def stop(self) -> int:
        """Every problem, then the verdict; the exit status of a failed build. The preview's
        open pages show the problems over the last good pages."""
        if self.policy.in_place and self.site != Path():
            write_problems(self.site, self.collector, rebuilt=False)
        self.collector.report(sys.stderr)
        print(self.policy.verdict, file=sys.stderr)
        return 1


# --- The stages, in order. Each returns None to go on, or the build's exit status. ---------
def stage_check(build: Build) -> int | None:
    """Both trees' headers, the glossary, the pairs, links out of content/ (before anything)."""
    args = build.args
    if build.policy.in_place:
        build.site = live_preview(args)
    with build.stages.stage("check"):
        if not args.content.is_dir():
            build.collector.error(
                args.content,
                "there is no content folder here",
                "run the build in the project's folder (the one with content/ar and content/en), "
                "or give --content the folder that holds ar/ and en/",
            )
            return build.stop()
        # Links that leave content/ or the theme stop everything at once: nothing outside is read.
        if check_symlinks([args.content, args.theme], build.collector):
            return build.stop()
        build.plans = check_content(args.content, build.collector, build.timezone, remember=build.policy.in_place)
        if build.policy.shortcut:  # only a build that publishes compares and keeps it (0.16 s at 2,000 pairs)
            build.fingerprint = input_fingerprint(args, build.plans, dt.datetime.fromisoformat(build.clock))
        for problem in color_problems(build.settings.get("COLORS") or {}):
            build.collector.error(args.settings, problem, "fix the COLORS setting (the theme's colours)")
    build.stages.say("check", f"{len(build.collector.problems)} problem(s)")
    if build.fails and build.policy.in_place:  # the preview keeps its last good pages
        return build.stop()
    if build.fails:
        # Not published, whatever follows; but the pages are built (files with errors left out)
        # and their links checked, so that every problem comes in this one report.
        return None
    if build.policy.shortcut and unchanged_since_last_build(args, build.fingerprint):
        build.collector.report(sys.stderr)
        print("publish  nothing changed since the last build (same inputs): output/ untouched", flush=True)
        return 0
    return None


def stage_pages(build: Build) -> int | None:
    """The theme's files under hashed names, then both languages at once (the workers)."""
    args, run = build.args, build.run
    clear_folder(run)
    build.site = live_preview(args) if build.policy.in_place else run / "site"
    reports = run / "reports"
    if stage_publish in build.policy.stages:  # the folders of an old release, emptied of its files
        run.mkdir(parents=True)
        take_spare(args.work / "releases", build.site)
    build.site.mkdir(parents=True, exist_ok=True)
    reports.mkdir(parents=True)
    # The theme's files first, under hashed names, so pages are written with those names.
    build.hashed = publish_theme(args.theme / "static", build.site, build.settings.get("COLORS"))
    if build.policy.in_place:
        remove_stale(
            build.site / "theme", {"theme/" + k for k in build.hashed} | set(build.hashed.values()), build.site
        )
    (run / "assets.json").write_text(json.dumps(build.hashed, sort_keys=True), "utf-8")
    figures = build.figures

    def shown(lang: str, pages: list[str]) -> None:
        """The preview: an article's page written anew is shown at once; the listings follow."""
        new = [page for page in pages if page not in build.shown]
        if new and build.workers.builds > 1:  # (nothing is open before the first build has ended)
            build.shown.update(new)
            write_step(build.site, build.clock, new)
            build.stages.times.setdefault("shown", time.perf_counter() - build.stages.started)

    pages_before: dict[str, list[str]] = {}
    if build.policy.in_place:
        # The preview's pages before this build (those it does not write again are removed
        # below): listed while the languages build, at low priority (0.08 s after them before).
        def list_pages() -> None:
            for lang in languages.LANGUAGES:
                pages_before[lang] = list_files(build.site / lang, build.site, (".html",))

        listing = in_background(list_pages)
    with build.stages.stage("pages"):
        pids = run_languages(
            args,
            reports,
            build.clock,
            build.collector,
            figures,
            build.workers,
            lambda lang: build.workers.write_plans(build.plans, run, lang),  # the trees as read: not read again
            shown if build.policy.in_place else None,
            preview_world(args, build.plans, build.clock, build.hashed) if build.policy.in_place else "",
            build.plans,
        )
    build.stages.say(
        "pages",
        ", ".join(
            f"{lang} {f['pages'].get('rendered', 0)} rendered, {f['pages'].get('reused', 0)} unchanged"
            f" (pid {pids[lang]}{', not built: the save reached none of its pages' if f.get('kept') else ''})"
            for lang, f in figures.items()
            if lang in pids
        ),
    )
    if "shown" in build.stages.times:
        build.stages.say("shown", "the saved article's page is shown (its listings follow)")
    cards = {lang: f["cards"] for lang, f in figures.items() if "cards" in f}
    if cards:  # drawn inside the language processes; their time is part of "pages"
        print(
            f"{'cards':<8} {max(c['seconds'] for c in cards.values()):6.2f} s  "
            + ", ".join(f"{lang} {c['cards']} cards, {c['drawn']} drawn ({c['engine']})" for lang, c in cards.items()),
            flush=True,
        )
    (run / "pids.json").write_text(json.dumps(pids), "utf-8")
    stop_at("pages-built")
    if build.policy.in_place and not build.fails:
        listing.join()
        held = held_pages(build.plans, build.settings)
        for lang, f in figures.items():
            # A file left out because it cannot be built keeps its last page (and its problem over it).
            written = set(f.get("pages", {}).get("pages", {})) | held
            build.changed += remove_listed(build.site, pages_before.get(lang, []), written)
            build.changed += f.get("pages", {}).get("fresh", [])
    if build.fails:
        if not build.policy.in_place and not args.pages_only and len(pids) == len(languages.LANGUAGES):
            # Every problem in one run: the text's problems (found while the pages were made)
            # and broken links come with the headers' problems, not in later rounds.
            stage_images(build)
            write_root(build.site, args)
            check_site_links(build)
        return build.stop()
    return None


_IMAGE_REFERENCE = re.compile(r"/images/([^)\s\"'#?]+)")


def withheld_images(plans: dict[str, Any], clock: dt.datetime) -> frozenset[str]:
    """Pictures that only drafts and future articles show: not published until one of those is."""
    shown: dict[bool, set[str]] = {True: set(), False: set()}
    for plan in plans.values():
        for source in plan.sources.values():
            names = set(_IMAGE_REFERENCE.findall(source.header.body))
            if source.value("image"):
                names.add(source.value("image"))
            shown[source.is_published(clock)] |= names
    return frozenset(shown[False] - shown[True])


def stage_images(build: Build) -> int | None:
    """Every picture with its responsive variants (PAGES_ONLY=1: none, as a plain generator);
    a picture that only drafts or future articles show waits for them (the preview shows all)."""
    args = build.args
    if args.pages_only:
        return None
    withheld = (
        frozenset() if build.policy.in_place else withheld_images(build.plans, dt.datetime.fromisoformat(build.clock))
    )
    with build.stages.stage("images"):
        made, count = publish_images(
            args.content / "images",
            build.site / "images",
            args.work / "images-cache",
            build.collector,
            args.output / "images",
            withheld,
        )
    build.stages.say("images", f"{count} images, {made} files made now (the rest cached)")
    if made:  # a picture's files changed under the same names: every open page of the preview reloads
        build.changed.append(EVERYTHING)
    return None


def stage_assets(build: Build) -> int | None:
    """The root page, redirect pages, the shared 404, the sitemap; the preview is shown here."""
    args, site = build.args, build.site
    with build.stages.stage("assets"):
        write_root(site, args)
        found = [Redirect.of(r) for f in build.figures.values() for r in f.get("redirects", [])]
        build.redirects = write_redirect_pages(site, found, args, build.collector)
        if build.fails and build.policy.site_errors_stop:  # a bad Redirect-From: nothing published
            return build.stop()
        if (site / "ar" / "404.html").exists():  # hosts with one 404 page (GitHub Pages) get the Arabic one
            shutil.copyfile(site / "ar" / "404.html", site / "404.html")
        if build.policy.in_place:  # what an editor waits for comes first; the rest follows
            write_problems(site, build.collector, rebuilt=True)
            first = build.workers.builds == 1  # the first build of these processes: every page
            changed = [EVERYTHING] if first else [p for p in build.changed if p not in build.shown]
            publish_preview(site, build.clock, build.stages, changed)
            write_status(site, args, build.plans)
            write_step(site, build.clock, ["status/index.html"])
        known = {k: v for f in build.figures.values() for k, v in f.get("pages", {}).get("pages", {}).items()}
        # The web editor (newsroom/pipeline/admin.py); the preview answers /admin/ itself.
        editor = (
            ""
            if build.policy.in_place
            else publish_admin(site, args.content, args.settings, build.settings, build.collector)
        )
        urls = write_sitemap(site, environment.get("SITEURL"), known)
    build.stages.say(
        "assets",
        f"{len(build.hashed)} hashed assets, {len(build.redirects)} redirects, sitemap: {urls} addresses"
        + (f", editor: {editor}" if editor else ""),
    )
    return None


def check_site_links(build: Build) -> None:
    """Every internal link, image and #anchor of the pages built (problems to the collector)."""
    with build.stages.stage("links"):
        sources = {k: v for f in build.figures.values() for k, v in f.get("sources", {}).items()}
        links = check_links(
            build.site,
            environment.get("SITEURL"),
            sources,
            PROJECT,
            build.collector,
            build.args.work / "cache" / "links.pickle",
        )
    build.stages.say("links", f"{links} internal links checked")


def stage_links_and_search(build: Build) -> int | None:
    """Every internal link, image and #anchor of every page, and the search index, at once:
    Pagefind runs in its own processes (on the other core) while the links are checked, and
    the two touch different files (the link check never reads `pagefind/`). Their messages
    come in the same order as before: links, then search. In the preview the search index
    follows the pages already shown; a failed index is said there, and the preview goes on."""
    if build.args.pages_only:
        return None
    found: dict[str, Any] = {}

    def search() -> None:
        try:
            found["search"] = index_search(build)
        except BaseException as exc:  # noqa: BLE001 (raised again below, in the build's own thread)
            found["failure"] = exc

    worker = threading.Thread(target=search, name="search", daemon=True)
    worker.start()
    try:
        check_site_links(build)
        if stage_compress in build.policy.stages and not build.fails:
            # Pagefind takes longer than the links: the pages (not the index) are compressed meanwhile.
            with build.stages.stage("compress"):
                build.compressor = compressor(build)
                build.compressor.add(skip=BUNDLE)
    finally:
        worker.join()
    if "failure" in found:  # a failure of the machine (disk full...): said by main()
        raise found["failure"]
    if build.fails and build.policy.site_errors_stop:  # the preview shows them anyway
        return build.stop()
    if report_search(found["search"], build.stages, build.collector):
        return None
    if build.policy.in_place:
        build.collector.report(sys.stderr)
        return None
    return build.stop()


def compressor(build: Build) -> SiteCompressor:
    """The build's compressed copies, from its cache, beside the published ones."""
    return SiteCompressor(build.site, build.args.work / "compress-cache", build.collector, build.args.output)


def stage_compress(build: Build) -> int | None:
    """Brotli and gzip copies of text files; `_headers`, `_redirects` and the nginx snippet."""
    args = build.args
    with build.stages.stage("compress"):
        files = fresh = 0
        if not args.pages_only:
            if build.compressor is None:  # the links failed (a check): nothing compressed yet
                build.compressor = compressor(build)
                build.compressor.add()
            else:
                build.compressor.add(BUNDLE)  # the search index, made meanwhile
            files, fresh = build.compressor.finish()
        snippet = write_host_files(build.site, args.work, build.redirects, build.collector)
        if snippet is None:  # a redirect the host files may not hold (said above)
            return build.stop()
    build.stages.say("compress", f"{files} text files (.br, .gz), {fresh} compressed now; nginx: {snippet}")
    build.collector.report(sys.stderr)
    return None


def stage_publish(build: Build) -> int | None:
    """One atomic switch of output/ to the new release; the render cache's keys then describe it."""
    args = build.args
    stop_at("before-publish")
    with build.stages.stage("publish"):
        try:
            result = publish(build.site, args.output, args.work / "releases")
        except OSError as exc:
            build.collector.error(
                args.output,
                f"the new site could not be written: {exc.strerror or exc}",
                "free some disk space (or fix the folder's permissions) and build again",
            )
            return build.stop()
    commit_index(args.work / "cache" / "render", args.output, ok=True)
    (args.work / "last-build.json").write_text(
        json.dumps({"fingerprint": build.fingerprint, "release": str(args.output.resolve())}), "utf-8"
    )
    if build.collector.counts()[Severity.WARNING] and not args.strict:
        print(ci_verdict(build))
    if result.release is None:
        build.stages.say("publish", "nothing changed: output/ untouched")
    else:
        build.stages.say(
            "publish", f"{len(result.changed)} file(s) changed, {len(result.removed)} removed -> {args.output}"
        )
    return None


def ci_verdict(build: Build) -> str:
    """What CI (and `make publish`, both STRICT=1) will do with this content, in words."""
    counts = build.collector.counts()
    warnings, notices = counts[Severity.WARNING], counts[Severity.NOTICE]
    if warnings and not build.args.strict:
        return (
            f"CI will stop: {warnings} warning{'s' if warnings != 1 else ''} above (CI and make publish run with "
            "STRICT=1, where warnings stop publishing). Fix them before you propose the change."
        )
    extra = f" ({notices} notice{'s' if notices != 1 else ''} above: they never stop publishing)" if notices else ""
    return f"CI will publish this: no errors, no warnings{extra}."


def stage_checked(build: Build) -> int | None:
    """`make check`: everything but publishing, then the verdict CI will give."""
    print("Checked: no errors. Nothing was published (make html publishes).")
    print(ci_verdict(build))
    return 0


def stage_previewed(build: Build) -> int | None:
    """`make serve`: broken links are shown in the preview, and said here; the open pages
    show every problem found (or none)."""
    write_problems(build.site, build.collector, rebuilt=True)
    if build.fails:
        build.collector.report(sys.stderr)
        return 1
    return 0


_COMMON = (stage_check, stage_pages, stage_images, stage_assets, stage_links_and_search)
STOPPED = "The build stopped: nothing was published, output/ is unchanged."
PRODUCTION = Policy(
    "production",
    (*_COMMON, stage_compress, stage_publish),
    in_place=False,
    shortcut=True,
    site_errors_stop=True,
    verdict=STOPPED,
)
CHECK = Policy(
    "check",
    (*_COMMON, stage_compress, stage_checked),
    in_place=False,
    shortcut=False,
    site_errors_stop=True,
    verdict=STOPPED,
)
PREVIEW = Policy(
    "preview",
    (*_COMMON, stage_previewed),
    in_place=True,
    shortcut=False,
    site_errors_stop=False,
    verdict="The build stopped: the preview keeps its pages as they were.",
)


def build_site(args: argparse.Namespace, workers: Workers) -> int:
    """Run the policy's stages in order; the first that ends the build gives its status."""
    build = Build(args=args, policy=Policy.of(args), workers=workers)
    # The site's time zone is a setting: dates in headers and the build's clock are in it.
    try:
        build.settings = load_conf(args.settings, languages.DEFAULT_LANG)
        build.timezone = build.settings.get("TIMEZONE") or DEFAULT_TZ
    except (Exception, SystemExit):  # noqa: BLE001 (the language processes say what is wrong with it)
        build.timezone = DEFAULT_TZ
    build.clock = build_clock(tz=build.timezone).isoformat()
    status = 0
    with locked(args.work):
        for stage in build.policy.stages:
            found = stage(build)
            if found is not None:
                status = found
                break
    if args.report is not None:  # every problem and the verdict, for any CI
        verdict = build.policy.verdict if status else ci_verdict(build)
        build.collector.write_report(args.report, verdict, status)
    return status


if __name__ == "__main__":
    sys.exit(main())
