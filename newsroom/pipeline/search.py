"""The search index: Pagefind over the built site, one index per language, each in its own
folder (`/pagefind/ar/`, `/pagefind/en/`): the search page of a language loads only its
own, an edit re-indexes only its language, and Pagefind holds one language in memory.

Each language's index is split in shards: groups of pages by a hash of their address (which
never changes), as many as make shards of at most about 256 pages, a power of two (one shard up
to 256 pages, 8 at 2,000; see `shard_count`). `/pagefind/ar/3-of-8/` is a whole Pagefind index
of its pages, and `/pagefind/ar/shards.json` lists the shards. An edit re-runs Pagefind on its
page's shard only; the search page loads every shard of its language and Pagefind merges them
(`mergeIndex`: one WebAssembly engine, the results of all shards ranked by score). Shards are
even samples of the language, so their words' statistics (which Pagefind's scores use) are
alike; shards by year were measured first and lost ranking quality (a small shard's rare
words outscored the rest: P@1 0.92 -> 0.88 on the query table) and took 17 shards to load.
Shards whose pages changed run through Pagefind two at a time.

Pagefind indexes only the elements marked `data-pagefind-body` (article, page and award
bodies with their titles), and reads them as `searchpage.py` gives them: the page's words in
the indexed form of `newsroom/core/searchtext.py` (the search page reads queries by the same
rules), without labels, dates and other furniture.
Pagefind's output differs from run to run even for the same pages, so each shard is
cached by a fingerprint of the HTML it reads: an unchanged shard reuses the previous
index byte for byte, and an unchanged rebuild publishes no new file. Pagefind is given only
the pages it indexes (listings and the like are not even read).

Each language's index is kept in a `FileStore` (newsroom/core/cache.py), its entries named
`<shard>/<file>`: every file is checked before it is reused, and one damaged file makes its
shard again (Pagefind makes all of a shard or nothing), with a notice. The site gets the
published file where it has the same bytes (so an unchanged file of the index stays the same
file), else a copy of the kept one, never a hard link to it: the published index is the one
in the site itself where it is built in place (the preview), else the release the last build
published (`published`, or `last-build.json` beside the cache folder).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsroom.core.cache import FileStore, Remake, file_identity, load_memo, save_memo
from newsroom.core.problems import Collector, Problem
from newsroom.core.walk import files_below

from .searchpage import read_page, staged_page

__all__ = ["BUNDLE", "SHARDS", "SHARD_PAGES", "SearchReport", "build_index", "shard_count", "shard_of"]

BUNDLE = "pagefind"
SHARDS = "shards.json"  # beside a language's shards: their names, newest first
STAGED = "staged"  # the search cache's folder of staged pages (by digest)
SHARD_PAGES = 256  # pages of a shard, at most (about): see shard_count()
_RULES = (Path(__file__).with_name("searchpage.py"), Path(__file__).parent.parent / "core" / "searchtext.py")
# Pagefind's ready-made UIs: we use its JavaScript API with our own interface.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
)


@dataclass
class SearchReport:
    cached: bool  # every shard of every language's index reused
    pages: dict[str, int] = field(default_factory=dict)  # language -> pages indexed
    sizes: dict[str, int] = field(default_factory=dict)  # language -> bytes of its index
    problems: list[Problem] = field(default_factory=list)  # damaged cache files (notices)
    shards: dict[str, int] = field(default_factory=dict)  # language -> shards in its index
    indexed: dict[str, list[str]] = field(default_factory=dict)  # language -> shards Pagefind made now


Known = dict[tuple[int, ...], tuple[str, bool]]  # file identity -> (SHA-256, indexed)


@dataclass
class _Shard:
    lang: str
    name: str
    pages: list[str] = field(default_factory=list)  # relative to the site
    key: str = ""
    digests: dict[str, str] = field(default_factory=dict)  # page -> SHA-256 of its HTML


def shard_count(pages: int) -> int:
    """How many shards a language of `pages` indexed pages gets: a power of two, so that
    shards hold about SHARD_PAGES pages or fewer (1 up to 256 pages; 8 at 2,000). It changes
    only when the site doubles (then every shard is made once more)."""
    count = 1
    while pages > count * SHARD_PAGES:
        count *= 2
    return count


def shard_of(rel: str, count: int) -> str:
    """The shard of the page at `rel` (e.g. `ar/news/x/index.html`) among `count`: by a hash
    of its address, which never changes, so shards are even samples of the language (their
    words' statistics alike, which keeps Pagefind's scores comparable across shards)."""
    number = int.from_bytes(hashlib.sha256(rel.encode("utf-8")).digest()[:8], "big") % count
    return f"{number + 1}-of-{count}"


def _base_digest() -> Any:
    digest = hashlib.sha256()
    try:
        from importlib.metadata import version

        digest.update(version("pagefind").encode())
    except Exception:  # noqa: BLE001
        pass
    for rules in _RULES:  # new rules for the indexed form: a new index
        digest.update(rules.read_bytes())
    return digest


def _indexable(site: Path, lang: str, known: Known, used: Known) -> dict[str, _Shard]:
    """The shards of `lang` (by name, in order), each with its pages (the ones with a
    `data-pagefind-body`) and the fingerprint of what Pagefind reads of them. What each page
    holds is cached by the file's identity, so pages unchanged since the last build (hard
    links to the same file) are not read again. A page is staged (searchpage.py) only when its
    shard is indexed: a build that renders every page again with the same bytes (after a
    change of code) publishes the files already published, so the next build finds pages it
    has not seen by their identity, and reads them, but stages none of them."""
    pages: list[tuple[str, str]] = []  # (relative path, SHA-256)
    for below, path in sorted(files_below(os.path.join(str(site), lang))):  # strings: thousands of pages
        if not below.endswith(".html"):
            continue
        identity = file_identity(path)
        entry = known.get(identity)
        rel = f"{lang}/{below}"
        if not (isinstance(entry, tuple) and len(entry) == 2):
            with open(path, "rb") as handle:
                data = handle.read()
            entry = (hashlib.sha256(data).hexdigest(), b"data-pagefind-body" in data)
            known[identity] = entry
        used[identity] = entry
        if entry[1]:
            pages.append((rel, entry[0]))
    count = shard_count(len(pages))
    base = _base_digest()
    shards = {name: _Shard(lang, name) for name in (f"{n + 1}-of-{count}" for n in range(count))}
    digests = {name: base.copy() for name in shards}
    for rel, sha in pages:
        name = shard_of(rel, count)
        shards[name].pages.append(rel)
        shards[name].digests[rel] = sha
        digests[name].update(f"{rel}\0{sha}\0".encode())
    for name, shard in shards.items():
        shard.key = digests[name].hexdigest()
    return {name: shard for name, shard in shards.items() if shard.pages}


def _measure(bundle: Path, store: FileStore, shards: list[_Shard]) -> tuple[int, int]:
    """(pages indexed, bytes) of one language's index (all its shards): the sizes from the
    store's records (the bundle's files have the entries' bytes), not a walk of the bundle."""
    pages = 0
    for shard in shards:
        entry = bundle / shard.name / "pagefind-entry.json"
        pages += sum(info["page_count"] for info in json.loads(entry.read_text("utf-8"))["languages"].values())
    files = store.meta["shards"]
    size = sum(store.size(f"{shard.name}/{rel}") for shard in shards for rel in files[shard.name]["files"])
    return pages, size + (bundle / SHARDS).stat().st_size


def build_index(
    site: Path,
    cache: Path,
    languages: tuple[str, ...] = ("ar", "en"),
    collector: Collector | None = None,
    published: Path | None = None,
) -> SearchReport:
    """Write `site/pagefind/<lang>/<shard>/` and `site/pagefind/<lang>/shards.json`; raises
    RuntimeError with Pagefind's words if it fails. Pagefind reads only the pages it indexes
    (their staged form, in a folder of their own). A damaged cache file is said in
    `report.problems` (and to `collector`, if given). `published`: the published site
    (output/), by default the release the last build published."""
    notices = collector if collector is not None else Collector()
    release = published.resolve() if published is not None else _last_release(cache)
    cache.mkdir(parents=True, exist_ok=True)
    for stale in cache.iterdir():  # anything but this layout (an older one's folders)
        if stale.is_dir() and stale.name not in (*languages, STAGED):
            shutil.rmtree(stale, ignore_errors=True)
    known: Known = load_memo(cache / "pages.pickle", notices)
    used: Known = {}
    report = SearchReport(True)
    work: list[tuple[str, list[_Shard], FileStore, Path, Path | None]] = []
    todo: list[_Shard] = []
    for lang in languages:
        if not (site / lang).is_dir():
            continue
        shards = _indexable(site, lang, known, used)
        if not shards:
            continue
        made = site / BUNDLE / f".{lang}.new"  # switched in when ready (the preview is served meanwhile)
        target = site / BUNDLE / lang
        store = FileStore(cache / lang, notices)
        # Built in place (the preview), the index being replaced is the one shown.
        shown = target if target.is_dir() else release / BUNDLE / lang if release is not None else None
        shutil.rmtree(made, ignore_errors=True)
        kept: dict[str, dict[str, Any]] = {}
        order = list(shards)
        for name in order:
            if _reuse(store, shards[name], made, shown):
                kept[name] = store.meta["shards"][name]
            else:
                todo.append(shards[name])
        store.keep_only({f"{name}/{rel}" for name, info in kept.items() for rel in info["files"]})
        store.meta = {"shards": kept}
        store.save()  # what it holds now, should Pagefind fail below
        work.append((lang, [shards[n] for n in order], store, made, shown))
    if todo:
        report.cached = False
        scratch = Path(tempfile.mkdtemp(prefix="pagefind-", dir=_scratch_folder(site)))
        try:
            staged = _StagedPages(cache / STAGED, notices)
            _index_all(site, todo, scratch, staged)
            staged.keep({sha for _known, (sha, indexed) in used.items() if indexed})  # pages of the index now
            for lang, _shards, store, made, shown in work:
                for shard in (s for s in todo if s.lang == lang):
                    _keep(store, shard, scratch / lang / shard.name, made, shown)
                    report.indexed.setdefault(lang, []).append(shard.name)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    for lang, shards, store, made, _shown in work:
        store.save()
        (made / SHARDS).write_text(json.dumps({"shards": [s.name for s in shards]}) + "\n", "utf-8")
        target = site / BUNDLE / lang
        if target.exists():
            old = site / BUNDLE / f".{lang}.old"
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
            made.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            made.rename(target)
        report.pages[lang], report.sizes[lang] = _measure(target, store, shards)
        report.shards[lang] = len(shards)
    save_memo(cache / "pages.pickle", used)
    if collector is None:
        report.problems = notices.problems
    return report


def _last_release(cache: Path) -> Path | None:
    """The release the last build published (the build driver's `last-build.json`, beside the
    cache folder). Its files are only linked where their bytes are known to be the index's."""
    try:
        release = Path(json.loads((cache.parent / "last-build.json").read_text("utf-8"))["release"])
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return release if release.is_dir() else None


def _cannot_remake() -> bytes:
    raise Remake


def _reuse(store: FileStore, shard: _Shard, made: Path, published: Path | None) -> bool:
    """Copy the kept index of `shard` to `made/<shard>`, if it is there, whole and of its key."""
    info = store.meta.get("shards", {}).get(shard.name)
    if not isinstance(info, dict) or info.get("key") != shard.key or not info.get("files"):
        return False
    try:
        for rel in info["files"]:  # each must be there, with its record
            name = f"{shard.name}/{rel}"
            store.place(name, _cannot_remake, made / name, published / name if published is not None else None)
    except Remake:  # a damaged file (said by the store): Pagefind makes the whole shard again
        shutil.rmtree(made / shard.name, ignore_errors=True)
        return False
    return True


def _pagefind() -> list[str]:
    """Pagefind's own program (not through `python -m pagefind`: 0.1 s less a run)."""
    try:
        from pagefind.service import get_executable

        program = get_executable()
    except ImportError:
        program = None
    return [str(program)] if program is not None else [sys.executable, "-m", "pagefind"]


class _StagedPages:
    """The staged form of each indexed page (searchpage.py), kept by the SHA-256 of the page's
    HTML: when one page of a shard changes, Pagefind reads the shard's ~255 pages again, and
    staging them anew was half of the search stage of an edit (parsing and normalising every
    word). One `FileStore` for both languages: entries are checked before they are used, and a
    damaged one is staged again from the page, with a notice."""

    def __init__(self, folder: Path, collector: Collector) -> None:
        self.store = FileStore(folder, collector)

    def text(self, site: Path, rel: str, sha: str, lang: str) -> str:
        """The staged page `rel`: kept from an earlier build, or made now."""
        data = self.store.read(sha) if sha in self.store.records else None
        if data is not None:
            return data.decode("utf-8")
        text = staged_page(read_page((site / rel).read_text("utf-8")), lang)
        self.store.put(sha, text.encode("utf-8"))
        return text

    def keep(self, digests: set[str]) -> None:
        """Keep the staged form of the pages the index holds now, and no other."""
        self.store.keep_only(digests)
        self.store.save()


def _index_all(site: Path, shards: list[_Shard], scratch: Path, kept: _StagedPages) -> None:
    """Pagefind on each shard (two at a time), into `scratch/<language>/<shard>/`. Each page is
    given as the index sees it (searchpage.py): kept from an earlier build, or staged now."""
    staging = Path(tempfile.mkdtemp(prefix="pagefind-pages-", dir=_scratch_folder(site)))
    program = _pagefind()
    jobs: list[tuple[_Shard, Path, Path]] = []
    try:
        for shard in shards:
            pages = staging / shard.lang / shard.name
            made: set[Path] = set()
            for rel in shard.pages:
                text = kept.text(site, rel, shard.digests[rel], shard.lang)
                target = pages / rel
                if target.parent not in made:
                    target.parent.mkdir(parents=True, exist_ok=True)
                    made.add(target.parent)
                target.write_text(text, "utf-8")
            kept.store.save()
            jobs.append((shard, pages, scratch / shard.lang / shard.name))

        def run(job: tuple[_Shard, Path, Path]) -> None:
            shard, pages, output = job
            result = subprocess.run(
                [*program, "--site", str(pages), "--output-path", str(output), "--silent"],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0 or not (output / "pagefind-entry.json").exists():
                raise RuntimeError((result.stderr or result.stdout or "no output").strip().splitlines()[-1])
            for name in UNUSED:
                (output / name).unlink(missing_ok=True)

        with ThreadPoolExecutor(max_workers=min(2, len(jobs))) as pool:
            list(pool.map(run, jobs))
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _keep(store: FileStore, shard: _Shard, output: Path, made: Path, published: Path | None) -> None:
    """The index Pagefind made of `shard` (in `output`): kept in `store`, copied to `made`."""
    files: list[str] = []
    for folder, _names, names in os.walk(output):
        for name in sorted(names):
            source = Path(folder, name)
            rel = source.relative_to(output).as_posix()
            files.append(rel)
            data = source.read_bytes()
            entry = f"{shard.name}/{rel}"
            store.put(entry, data)
            # A file with the bytes of the one published stays that file.
            store.place(
                entry, lambda data=data: data, made / entry, published / entry if published is not None else None
            )
    store.meta["shards"][shard.name] = {"key": shard.key, "files": files}


def _scratch_folder(site: Path) -> str:
    """Pagefind reads and writes thousands of small files (one folder per page read): in memory
    (/dev/shm) where there is one. On the project's machine (ext4 on a virtual disk), making a
    file or a folder costs 0.035-0.37 ms of the kernel's time, on /dev/shm 0.01-0.04 ms: the
    staged pages of a cold build at 2,000 pairs are 4,082 files in as many folders."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else str(site.parent)
