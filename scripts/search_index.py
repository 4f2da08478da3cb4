"""The search index: Pagefind over the built site, one index per language.

Pagefind reads `<html lang>` to split the languages and indexes only the elements
marked `data-pagefind-body` (article, page and award bodies with their titles).
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
import pickle
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from assets import link_or_copy

__all__ = ["SearchReport", "build_index"]

BUNDLE = "pagefind"
# Pagefind's ready-made UIs: we use its JavaScript API with our own interface.
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css",
          "pagefind-highlight.js")


@dataclass
class SearchReport:
    cached: bool
    pages: dict[str, int] = field(default_factory=dict)  # language -> pages indexed
    sizes: dict[str, int] = field(default_factory=dict)  # language -> bytes of its index


def _indexable(site: Path, cache: Path) -> tuple[str, list[str]]:
    """The fingerprint of the pages Pagefind reads, and those pages (the ones with a
    `data-pagefind-body`). What each page holds is cached by the file's identity, so pages
    unchanged since the last build (hard links to the same file) are not read again."""
    known: dict[tuple[int, ...], tuple[str, bool]] = {}
    memo = cache.parent / f"{cache.name}-pages.pickle"
    if memo.is_file():
        try:
            known = pickle.loads(memo.read_bytes())
        except Exception:  # noqa: BLE001 (a damaged cache is only slower)
            known = {}
    digest = hashlib.sha256()
    try:
        from importlib.metadata import version

        digest.update(version("pagefind").encode())
    except Exception:  # noqa: BLE001
        pass
    used: dict[tuple[int, ...], tuple[str, bool]] = {}
    pages = []
    for folder, names, files in os.walk(site):
        names[:] = sorted(n for n in names if not (folder == str(site) and n == BUNDLE))
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            path = Path(folder, name)
            stat = path.stat()
            identity = (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)
            if identity not in known:
                data = path.read_bytes()
                known[identity] = (hashlib.sha256(data).hexdigest(), b"data-pagefind-body" in data)
            used[identity] = known[identity]
            if known[identity][1]:
                rel = path.relative_to(site).as_posix()
                pages.append(rel)
                digest.update(f"{rel}\0{known[identity][0]}\0".encode())
    memo.parent.mkdir(parents=True, exist_ok=True)
    memo.write_bytes(pickle.dumps(used, protocol=pickle.HIGHEST_PROTOCOL))
    return digest.hexdigest(), pages


def _measure(bundle: Path) -> tuple[dict[str, int], dict[str, int]]:
    entry = json.loads((bundle / "pagefind-entry.json").read_text("utf-8"))
    pages = {lang: info["page_count"] for lang, info in entry["languages"].items()}
    sizes = dict.fromkeys(pages, 0)
    for path in bundle.rglob("*"):
        for lang in pages:
            if path.is_file() and (path.name.startswith(f"{lang}_") or path.name == f"wasm.{lang}.pagefind"
                                   or path.name.startswith(f"pagefind.{lang}_")):
                sizes[lang] += path.stat().st_size
    return pages, sizes


def build_index(site: Path, cache: Path) -> SearchReport:
    """Write `site/pagefind/`; raises RuntimeError with Pagefind's words if it fails.
    Pagefind reads only the pages it indexes (hard links in a folder of their own)."""
    key, pages = _indexable(site, cache)
    cached = cache / key / BUNDLE
    target = site / BUNDLE
    if cached.is_dir():
        shutil.copytree(cached, target, copy_function=link_or_copy)
        return SearchReport(True, *_measure(target))
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
        _place(scratch / BUNDLE, target, _previous(cache))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(scratch, ignore_errors=True)
    shutil.rmtree(cache, ignore_errors=True)  # keep only the latest index
    shutil.copytree(target, cached, copy_function=link_or_copy)
    return SearchReport(False, *_measure(target))


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
