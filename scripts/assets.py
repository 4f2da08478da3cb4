"""CDN-ready assets: content-hashed names for the theme's CSS, JS, fonts and images (with
every reference rewritten), and precompressed copies (.br, .gz) of text files.

Hashed files never change under the same name, so they are served `immutable`; HTML keeps
its name and a short cache. Compressed copies are cached by content hash, so an unchanged
file is never compressed twice; gzip is written with mtime 0, so builds are reproducible.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
from pathlib import Path

import brotli
from bilingual.cache import file_identity, load_memo, save_memo

__all__ = ["HASHED", "compress_site", "publish_theme"]

# Theme files that get a content hash in their name: theme/css/site.3f9a1c2b7d.css
HASHED = re.compile(r"^theme/.+\.(css|js|woff2|svg)$")
HASH_IN_NAME = re.compile(r"\.[0-9a-f]{10}\.(css|js|woff2|svg)$")
TEXT = {".html", ".css", ".js", ".svg", ".xml", ".atom", ".txt", ".json", ".webmanifest"}
MIN_SIZE = 256


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


def publish_theme(static: Path, site: Path) -> dict[str, str]:
    """Copy the theme's files to `site/theme/`, hashed ones under their hashed names; return
    the manifest {"css/site.css": "theme/css/site.3f9a1c2b7d.css", ...}.

    Done before the pages are rendered, so templates write the hashed addresses themselves
    (the `asset()` template function): no page is read and rewritten afterwards."""
    manifest: dict[str, str] = {}
    if not static.is_dir():
        return manifest
    files = [p for p in static.rglob("*") if p.is_file() and not any(part.startswith(".") for part in
                                                                       p.relative_to(static).parts)]
    # Leaves first: fonts and images are referenced by CSS, CSS and JS by HTML.
    for path in sorted(files, key=lambda p: (p.suffix in (".css", ".js"), p.as_posix())):
        rel = path.relative_to(static).as_posix()
        data = path.read_bytes()
        if path.suffix == ".css":  # url(../fonts/X.woff2) -> the hashed name
            text = data.decode("utf-8")
            for old, new in manifest.items():  # fonts/X.woff2 is ../fonts/X.woff2 from css/
                text = text.replace("../" + old, "../" + new.removeprefix("theme/"))
            data = text.encode("utf-8")
        name = f"theme/{rel}"
        if HASHED.match(name) and not HASH_IN_NAME.search(name):
            stem, dot, suffix = rel.rpartition(".")
            manifest[rel] = name = f"theme/{stem}.{_digest(data)}.{suffix}"
        target = site / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return manifest


def link_or_copy(source: Path, target: Path) -> None:
    """Put a cached file in the site: a hard link (no bytes written), a copy across filesystems.
    Safe because published files are never modified in place, only replaced."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


def compress_site(site: Path, cache: Path) -> tuple[int, int]:
    """Write .br and .gz beside every text file worth it; return (files, compressed now).

    Compressed copies are kept in `cache` by the content's hash and hard-linked into the
    site. Which copies a file has is remembered by the file's identity (device, inode, size,
    modification time): a page unchanged since the last build is the same file, so it is
    not even read. Copies no longer used are removed from the cache."""
    cache.mkdir(parents=True, exist_ok=True)
    memo_path = cache / "files.pickle"
    memo: dict[tuple[int, ...], tuple[str, bool, bool]] = load_memo(memo_path)
    used: dict[tuple[int, ...], tuple[str, bool, bool]] = {}
    files = fresh = 0
    for folder, _names, names in os.walk(site):
        for name in sorted(names):
            path = Path(folder, name)
            if path.suffix not in TEXT or path.is_symlink():
                continue
            identity = file_identity(path)
            if identity[2] < MIN_SIZE:  # the size
                continue
            entry = memo.get(identity)
            if entry is None or not all((cache / f"{entry[0]}{suffix}").exists() for suffix in (".br", ".gz")):
                entry, made = _compress(path, cache)
                fresh += made
            used[identity] = entry
            key, with_br, with_gz = entry
            for suffix, wanted in ((".br", with_br), (".gz", with_gz)):
                if wanted:
                    link_or_copy(cache / f"{key}{suffix}", path.parent / (name + suffix))
            files += 1
    keep = {f"{key}{suffix}" for key, _br, _gz in used.values() for suffix in (".br", ".gz")}
    for cached in cache.iterdir():
        if cached.name != memo_path.name and cached.name not in keep:
            cached.unlink(missing_ok=True)
    save_memo(memo_path, used)
    return files, fresh


def _compress(path: Path, cache: Path) -> tuple[tuple[str, bool, bool], int]:
    """Compress one file into the cache (unless there already); ((key, .br worth it, .gz worth it), made)."""
    data = path.read_bytes()
    key = hashlib.sha256(data).hexdigest()
    # Assets are few and served for a year: the best; pages: quality 6 is 20x faster than 9, 1% larger.
    quality = 11 if HASH_IN_NAME.search(path.name) else 6
    made = 0
    worth = []
    for suffix, make in ((".br", lambda d, q=quality: brotli.compress(d, quality=q)),
                         (".gz", lambda d: gzip.compress(d, compresslevel=9, mtime=0))):
        cached = cache / f"{key}{suffix}"
        if not cached.exists():
            partial = cached.with_suffix(suffix + ".tmp")
            partial.write_bytes(make(data))
            partial.replace(cached)
            made += 1
        worth.append(cached.stat().st_size < len(data) * 0.95)
    return (key, worth[0], worth[1]), made
