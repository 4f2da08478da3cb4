"""The search index: Pagefind over the built site, one index per language.

Pagefind reads `<html lang>` to split the languages and indexes only the elements
marked `data-pagefind-body` (article, page and award bodies with their titles).
Pagefind's output differs from run to run even for the same pages, so the index is
cached by a fingerprint of the HTML it reads: an unchanged site reuses the previous
index byte for byte, and an unchanged rebuild rewrites no file.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
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


def fingerprint(site: Path) -> str:
    digest = hashlib.sha256()
    try:
        from importlib.metadata import version

        digest.update(version("pagefind").encode())
    except Exception:  # noqa: BLE001
        pass
    for path in sorted(site.rglob("*.html")):
        if BUNDLE in path.relative_to(site).parts:
            continue
        digest.update(path.relative_to(site).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


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
    """Write `site/pagefind/`; raises RuntimeError with Pagefind's words if it fails."""
    key = fingerprint(site)
    cached = cache / key / BUNDLE
    target = site / BUNDLE
    if cached.is_dir():
        shutil.copytree(cached, target, copy_function=link_or_copy)
        return SearchReport(True, *_measure(target))
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent"],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0 or not (target / "pagefind-entry.json").exists():
        raise RuntimeError((result.stderr or result.stdout or "no output").strip().splitlines()[-1])
    for name in UNUSED:
        (target / name).unlink(missing_ok=True)
    shutil.rmtree(cache, ignore_errors=True)  # keep only the latest index
    shutil.copytree(target, cached, copy_function=link_or_copy)
    return SearchReport(False, *_measure(target))
