"""The search index: Pagefind over the built site, one index per language, each in its own
folder (`/pagefind/ar/`, `/pagefind/en/`): the search page of a language loads only its
own, an edit re-indexes only its language, and Pagefind holds one language in memory.

Pagefind indexes only the elements marked `data-pagefind-body` (article, page and award
bodies with their titles), and reads them as `searchpage.py` gives them: the page's words in
the indexed form of `newsroom/core/searchtext.py` (the search page reads queries by the same
rules), without labels, dates and other furniture.
Pagefind's output differs from run to run even for the same pages, so the index is
cached by a fingerprint of the HTML it reads: an unchanged site reuses the previous
index byte for byte, and an unchanged rebuild publishes no new file. Pagefind is given only
the pages it indexes (listings and the like are not even read).

Each language's index is kept in a `FileStore` (newsroom/core/cache.py): every file is
checked before it is reused, and one damaged file makes the language's index again (Pagefind
makes all of it or nothing), with a notice. The site gets the published file where it has
the same bytes (so an unchanged file of the index stays the same file), else a copy of the
kept one, never a hard link to it: the published index is the one in the site itself where it
is built in place (the preview), else the release the last build published (`published`, or
`last-build.json` beside the cache folder).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from newsroom.core.cache import FileStore, Remake, file_identity, load_memo, save_memo
from newsroom.core.problems import Collector, Problem

from .searchpage import read_page, staged_page

__all__ = ["SearchReport", "build_index"]

BUNDLE = "pagefind"
_RULES = (Path(__file__).with_name("searchpage.py"), Path(__file__).parent.parent / "core" / "searchtext.py")
# Pagefind's ready-made UIs: we use its JavaScript API with our own interface.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


@dataclass
class SearchReport:
    cached: bool  # every language's index reused
    pages: dict[str, int] = field(default_factory=dict)  # language -> pages indexed
    sizes: dict[str, int] = field(default_factory=dict)  # language -> bytes of its index
    problems: list[Problem] = field(default_factory=list)  # damaged cache files (notices)


def _indexable(
    site: Path, lang: str, known: dict[tuple[int, ...], tuple[str, bool]], used: dict[tuple[int, ...], tuple[str, bool]]
) -> tuple[str, list[str]]:
    """The fingerprint of the pages of `lang` Pagefind reads, and those pages (the ones with a
    `data-pagefind-body`). What each page holds is cached by the file's identity, so pages
    unchanged since the last build (hard links to the same file) are not read again."""
    digest = hashlib.sha256()
    try:
        from importlib.metadata import version

        digest.update(version("pagefind").encode())
    except Exception:  # noqa: BLE001
        pass
    for rules in _RULES:  # new rules for the indexed form: a new index
        digest.update(rules.read_bytes())
    pages = []
    for folder, names, files in os.walk(site / lang):
        names.sort()
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            path = Path(folder, name)
            identity = file_identity(path)
            if identity not in known:
                data = path.read_bytes()
                known[identity] = (hashlib.sha256(data).hexdigest(), b"data-pagefind-body" in data)
            used[identity] = known[identity]
            if known[identity][1]:
                rel = path.relative_to(site).as_posix()
                pages.append(rel)
                digest.update(f"{rel}\0{known[identity][0]}\0".encode())
    return digest.hexdigest(), pages


def _measure(bundle: Path) -> tuple[int, int]:
    """(pages indexed, bytes) of one language's index."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    pages = sum(info["page_count"] for info in entry["languages"].values())
    return pages, sum(path.stat().st_size for path in bundle.rglob("*") if path.is_file())


def build_index(
    site: Path,
    cache: Path,
    languages: tuple[str, ...] = ("ar", "en"),
    collector: Collector | None = None,
    published: Path | None = None,
) -> SearchReport:
    """Write `site/pagefind/<lang>/`; raises RuntimeError with Pagefind's words if it fails.
    Pagefind reads only the pages it indexes (hard links in a folder of their own). A damaged
    cache file is said in `report.problems` (and to `collector`, if given). `published`: the
    published site (output/), by default the release the last build published."""
    notices = collector if collector is not None else Collector()
    release = published.resolve() if published is not None else _last_release(cache)
    cache.mkdir(parents=True, exist_ok=True)
    for stale in cache.iterdir():  # anything but this layout (an older one's folders)
        if stale.is_dir() and stale.name not in languages:
            shutil.rmtree(stale, ignore_errors=True)
    known = load_memo(cache / "pages.pickle", notices)
    used: dict[tuple[int, ...], tuple[str, bool]] = {}
    report = SearchReport(True)
    for lang in languages:
        if not (site / lang).is_dir():
            continue
        key, pages = _indexable(site, lang, known, used)
        if not pages:
            continue
        target = site / BUNDLE / lang
        made = site / BUNDLE / f".{lang}.new"  # switched in when ready (the preview is served meanwhile)
        store = FileStore(cache / lang, notices)
        # Built in place (the preview), the index being replaced is the one shown.
        shown = target if target.is_dir() else release / BUNDLE / lang if release is not None else None
        if not _reuse(store, key, made, shown):
            report.cached = False
            _index(site, pages, store, made, shown)
            store.meta["key"] = key
        store.save()
        if target.exists():
            old = site / BUNDLE / f".{lang}.old"
            shutil.rmtree(old, ignore_errors=True)
            target.rename(old)
            made.rename(target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            made.rename(target)
        report.pages[lang], report.sizes[lang] = _measure(target)
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


def _reuse(store: FileStore, key: str, made: Path, published: Path | None) -> bool:
    """Copy the kept index of `key` to `made`, if it is there and whole."""
    shutil.rmtree(made, ignore_errors=True)
    if store.meta.get("key") != key or not store.meta.get("files"):
        return False
    try:
        for rel in store.meta["files"]:  # each must be there, with its record
            store.place(rel, _cannot_remake, made / rel, published / rel if published is not None else None)
    except Remake:  # a damaged file (said by the store): Pagefind makes the whole index again
        shutil.rmtree(made, ignore_errors=True)
        return False
    return True


def _index(site: Path, pages: list[str], store: FileStore, target: Path, published: Path | None) -> None:
    """Run Pagefind on `pages`; its index is kept in `store` and copied to `target`."""
    staging = site.parent / f".{site.name}-search"
    shutil.rmtree(staging, ignore_errors=True)
    scratch = Path(tempfile.mkdtemp(prefix="pagefind-", dir=_scratch_folder(site)))
    try:
        for rel in pages:  # each page as the index sees it (searchpage.py)
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            lang = rel.split("/", 1)[0]
            (staging / rel).write_text(staged_page(read_page((site / rel).read_text("utf-8")), lang), "utf-8")
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "pagefind",
                "--site",
                str(staging),
                "--output-path",
                str(scratch / BUNDLE),
                "--silent",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0 or not (scratch / BUNDLE / "pagefind-entry.json").exists():
            raise RuntimeError((result.stderr or result.stdout or "no output").strip().splitlines()[-1])
        for name in UNUSED:
            (scratch / BUNDLE / name).unlink(missing_ok=True)
        store.clear()
        store.meta.pop("key", None)
        store.meta["files"] = []
        for folder, _names, files in os.walk(scratch / BUNDLE):
            for name in sorted(files):
                source = Path(folder, name)
                rel = source.relative_to(scratch / BUNDLE).as_posix()
                store.meta["files"].append(rel)
                data = source.read_bytes()
                store.put(rel, data)
                # A file with the bytes of the one published stays that file.
                store.place(
                    rel, lambda data=data: data, target / rel, published / rel if published is not None else None
                )
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)


def _scratch_folder(site: Path) -> str:
    """Pagefind writes thousands of small files: in memory (/dev/shm) where there is one."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else str(site.parent)
