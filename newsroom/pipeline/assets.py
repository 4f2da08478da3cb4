"""CDN-ready assets: content-hashed names for the theme's CSS, JS, fonts and images (with
every reference rewritten), and precompressed copies (.br, .gz) of text files.

Hashed files never change under the same name, so they are served `immutable`; HTML keeps
its name and a short cache. Compressed copies are cached by content hash, so an unchanged
file is never compressed twice; gzip is written with mtime 0, so builds are reproducible.
The cache is a `FileStore` (newsroom/core/cache.py): a damaged copy is made again, with a
notice, and never reaches the site, which gets copies or published files, never the cache's.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import brotli

from newsroom.core.cache import FileStore, file_identity
from newsroom.core.problems import Collector
from newsroom.core.walk import files_below

__all__ = ["HASHED", "SiteCompressor", "publish_theme"]

# Theme files that get a content hash in their name: theme/css/site.3f9a1c2b7d.css
HASHED = re.compile(r"^theme/.+\.(css|js|woff2|svg)$")
HASH_IN_NAME = re.compile(r"\.[0-9a-f]{10}\.(css|js|woff2|svg)$")
TEXT = {".html", ".css", ".js", ".svg", ".xml", ".atom", ".txt", ".json", ".webmanifest"}
MIN_SIZE = 256


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_SCHEMES = {"light": re.compile(r":root\s*\{"), "dark": re.compile(r"prefers-color-scheme:\s*dark\)\s*\{\s*:root\s*\{")}


def color_problems(colors: dict[str, dict[str, str]]) -> list[str]:
    """What is wrong with the COLORS setting ({"light": {"accent": "#0b6b53"}, "dark": {…}})."""
    problems = []
    for scheme, values in colors.items():
        if scheme not in _SCHEMES:
            problems.append(f"COLORS[{scheme!r}]: use 'light' and 'dark' only")
            continue
        for name, value in values.items():
            if not re.fullmatch(r"[a-z][a-z-]*", name):
                problems.append(f"COLORS[{scheme!r}]: {name!r} is not a colour name such as 'accent'")
            elif not _COLOR.match(str(value)):
                problems.append(f"COLORS[{scheme!r}][{name!r}] is {value!r}: write a colour as #RRGGBB")
    return problems


def apply_colors(css: str, colors: dict[str, dict[str, str]]) -> str:
    """The stylesheet with the site's colours (its `:root` custom properties, light and dark)."""
    for scheme, values in colors.items():
        found = _SCHEMES[scheme].search(css)
        if not found:
            continue
        start = found.end()
        end = css.index("}", start)
        block = css[start:end]
        for name, value in values.items():
            block = re.sub(rf"(--{re.escape(name)}:\s*)[^;]+;", lambda m, v=value: f"{m.group(1)}{v};", block)
        css = css[:start] + block + css[end:]
    return css


def publish_theme(static: Path, site: Path, colors: dict[str, dict[str, str]] | None = None) -> dict[str, str]:
    """Copy the theme's files to `site/theme/`, hashed ones under their hashed names; return
    the manifest {"css/site.css": "theme/css/site.3f9a1c2b7d.css", ...}. `colors` (the COLORS
    setting, checked by `color_problems`) replaces the stylesheets' `:root` colours.

    Done before the pages are rendered, so templates write the hashed addresses themselves
    (the `asset()` template function): no page is read and rewritten afterwards."""
    manifest: dict[str, str] = {}
    if not static.is_dir():
        return manifest
    files = [
        p
        for p in static.rglob("*")
        if p.is_file() and not any(part.startswith(".") for part in p.relative_to(static).parts)
    ]
    # Leaves first: fonts and images are referenced by CSS, CSS and JS by HTML.
    for path in sorted(files, key=lambda p: (p.suffix in (".css", ".js"), p.as_posix())):
        rel = path.relative_to(static).as_posix()
        data = path.read_bytes()
        if path.suffix == ".css":  # url(../fonts/X.woff2) -> the hashed name
            text = data.decode("utf-8")
            for old, new in manifest.items():  # fonts/X.woff2 is ../fonts/X.woff2 from css/
                text = text.replace("../" + old, "../" + new.removeprefix("theme/"))
            if colors:
                text = apply_colors(text, colors)
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
    """Put a file in the site: a hard link (no bytes written), a copy across filesystems.
    Only for files that are never written in place (pages of the site, a published release),
    never for a cache's files (`FileStore.place` copies those)."""
    try:
        os.link(source, target)
    except FileExistsError:  # never copied into an existing file (it may be a published one)
        raise
    except OSError:
        shutil.copyfile(source, target)


def _compressor(name: str, suffix: str) -> Callable[[bytes], bytes]:
    if suffix == ".gz":
        return lambda data: gzip.compress(data, compresslevel=9, mtime=0)
    # Assets are few and served for a year: the best; pages: quality 6 is 20x faster than 9, 1% larger.
    quality = 11 if HASH_IN_NAME.search(name) else 6
    return lambda data: brotli.compress(data, quality=quality)


class SiteCompressor:
    """.br and .gz copies beside every text file worth it, in one or more parts of the site
    (`add`), then `finish`: the build compresses the pages while Pagefind indexes them, and the
    search index once it is made.

    Compressed copies are kept in `cache` by the content's hash (a `FileStore`); the site
    gets the copy published at the same address (`published`: output/) when it has the same
    bytes, else a copy of the cached one. Which copies a file has is remembered by the
    file's identity (device, inode, size, modification time): a page unchanged since the last
    build is the same file, so it is not even read. Copies no longer used are removed from
    the cache (`finish`); a damaged one is made again, with a notice to `collector`."""

    def __init__(
        self, site: Path, cache: Path, collector: Collector | None = None, published: Path | None = None
    ) -> None:
        self.site = site
        self.store = FileStore(cache, collector)
        self.shown = str(published.resolve()) if published is not None else None
        self.memo: dict[tuple[int, ...], tuple[str, bool, bool]] = self.store.meta.get("pages", {})
        self.used: dict[tuple[int, ...], tuple[str, bool, bool]] = {}
        self.files = self.fresh = 0

    def add(self, below: str = "", skip: str = "") -> None:
        """Compress the files in the folder `below` of the site (all of it by default), but
        those in its folder `skip` (a name in `below`)."""
        site, store, shown = str(self.site), self.store, self.shown
        top = os.path.join(site, below) if below else site
        prefix = f"{below}/" if below else ""
        for found, path in files_below(top, (skip,) if skip else ()):
            name = os.path.basename(found)
            if os.path.splitext(name)[1] not in TEXT or os.path.islink(path):
                continue  # (the .br and .gz written meanwhile beside the pages are not text)
            identity = file_identity(path)
            if identity[2] < MIN_SIZE:  # the size
                continue
            page = _Lazy(path)
            entry = self.memo.get(identity)
            if entry is None:
                entry, made = _compress(name, page, store)
                self.fresh += made
            self.used[identity] = entry
            key, with_br, with_gz = entry
            rel = prefix + found
            for suffix, wanted in ((".br", with_br), (".gz", with_gz)):
                if wanted:
                    make = _compressor(name, suffix)
                    self.fresh += store.place(
                        f"{key}{suffix}",
                        lambda make=make, page=page: make(page.data()),
                        path + suffix,
                        os.path.join(shown, rel + suffix) if shown else None,
                    )
            self.files += 1

    def finish(self) -> tuple[int, int]:
        """Keep in the cache only the copies of this build; (files, compressed now)."""
        used = self.used
        self.store.keep_only({f"{key}{suffix}" for key, _br, _gz in used.values() for suffix in (".br", ".gz")})
        self.store.meta["pages"] = used
        self.store.save()
        return self.files, self.fresh


class _Lazy:
    """A file's bytes, read when first needed (an unchanged page is usually not read)."""

    def __init__(self, path: str) -> None:
        self.path, self._data = path, b""
        self._read = False

    def data(self) -> bytes:
        if not self._read:
            with open(self.path, "rb") as handle:
                self._data, self._read = handle.read(), True
        return self._data


def _compress(name: str, page: _Lazy, store: FileStore) -> tuple[tuple[str, bool, bool], int]:
    """Compress one file into the cache (unless there already, whole); ((key, .br worth it,
    .gz worth it), copies made)."""
    data = page.data()
    key = hashlib.sha256(data).hexdigest()
    made = 0
    worth = []
    for suffix in (".br", ".gz"):
        entry = f"{key}{suffix}"
        if not store.check(entry):
            store.put(entry, _compressor(name, suffix)(data))
            made += 1
        worth.append(store.size(entry) < len(data) * 0.95)
    return (key, worth[0], worth[1]), made
