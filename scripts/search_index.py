"""The search index: Pagefind over the built site, one index per language, each in its own
folder (`/pagefind/ar/`, `/pagefind/en/`): the search page of a language loads only its
own, an edit re-indexes only its language, and Pagefind holds one language in memory.

Pagefind indexes only the elements marked `data-pagefind-body` (article, page and award
bodies with their titles).
Pagefind's output differs from run to run even for the same pages, so the index is
cached by a fingerprint of the HTML it reads: an unchanged site reuses the previous
index byte for byte, and an unchanged rebuild rewrites no file. Pagefind is given only
the pages it indexes (listings and the like are not even read).
"""

from __future__ import annotations

import filecmp
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from assets import link_or_copy
from bilingual.cache import file_identity, load_memo, save_memo

__all__ = ["SearchReport", "build_index"]

BUNDLE = "pagefind"
# Pagefind's ready-made UIs: we use its JavaScript API with our own interface.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-highlight.js")


@dataclass
class SearchReport:
    cached: bool  # every language's index reused
    pages: dict[str, int] = field(default_factory=dict)  # language -> pages indexed
    sizes: dict[str, int] = field(default_factory=dict)  # language -> bytes of its index


def _indexable(site: Path, lang: str, known: dict[tuple[int, ...], tuple[str, bool]],
               used: dict[tuple[int, ...], tuple[str, bool]]) -> tuple[str, list[str]]:
    """The fingerprint of the pages of `lang` Pagefind reads, and those pages (the ones with a
    `data-pagefind-body`). What each page holds is cached by the file's identity, so pages
    unchanged since the last build (hard links to the same file) are not read again."""
    digest = hashlib.sha256()
    try:
        from importlib.metadata import version

        digest.update(version("pagefind").encode())
    except Exception:  # noqa: BLE001
        pass
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


def build_index(site: Path, cache: Path, languages: tuple[str, ...] = ("ar", "en")) -> SearchReport:
    """Write `site/pagefind/<lang>/`; raises RuntimeError with Pagefind's words if it fails.
    Pagefind reads only the pages it indexes (hard links in a folder of their own)."""
    cache.mkdir(parents=True, exist_ok=True)
    for stale in cache.iterdir():  # anything but this layout (an older one's folders)
        if stale.is_dir() and stale.name not in languages:
            shutil.rmtree(stale, ignore_errors=True)
    known = load_memo(cache / "pages.pickle")
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
        shutil.rmtree(made, ignore_errors=True)
        cached = cache / lang / key / BUNDLE
        if cached.is_dir():
            shutil.copytree(cached, made, copy_function=link_or_copy)
        else:
            report.cached = False
            _index(site, pages, made, _previous(cache / lang))
            shutil.rmtree(cache / lang, ignore_errors=True)  # keep only the latest index
            shutil.copytree(made, cached, copy_function=link_or_copy)
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
    return report


def _index(site: Path, pages: list[str], target: Path, previous: Path | None) -> None:
    staging = site.parent / f".{site.name}-search"
    shutil.rmtree(staging, ignore_errors=True)
    scratch = Path(tempfile.mkdtemp(prefix="pagefind-", dir=_scratch_folder(site)))
    try:
        for rel in pages:
            (staging / rel).parent.mkdir(parents=True, exist_ok=True)
            link_or_copy(site / rel, staging / rel)
        result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(staging), "--output-path",
                                 str(scratch / BUNDLE), "--silent"], capture_output=True, text=True, check=False)
        if result.returncode != 0 or not (scratch / BUNDLE / "pagefind-entry.json").exists():
            raise RuntimeError((result.stderr or result.stdout or "no output").strip().splitlines()[-1])
        for name in UNUSED:
            (scratch / BUNDLE / name).unlink(missing_ok=True)
        _place(scratch / BUNDLE, target, previous)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)


def _scratch_folder(site: Path) -> str:
    """Pagefind writes thousands of small files: in memory (/dev/shm) where there is one."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() and os.access(shm, os.W_OK) else str(site.parent)


def _previous(cache: Path) -> Path | None:
    bundles = sorted(cache.glob(f"*/{BUNDLE}")) if cache.is_dir() else []
    return bundles[0] if bundles else None


def _place(made: Path, target: Path, previous: Path | None) -> None:
    """Move Pagefind's files into the site: a file with the same name and bytes as in the
    previous index is a hard link to it (most of an index after one edit), so neither
    this copy nor the publishing step writes it again."""
    for folder, _names, files in os.walk(made):
        for name in files:
            source = Path(folder, name)
            rel = source.relative_to(made)
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            old = previous / rel if previous is not None else None
            if old is not None and old.is_file() and filecmp.cmp(source, old, shallow=False):
                link_or_copy(old, target / rel)
            else:
                shutil.copyfile(source, target / rel)
