"""A damaged cache never reaches readers, and heals itself.

Every cache a build reuses (social cards, compressed copies, image variants, the search index,
the reader and render caches, and the indexes that describe them) is damaged in turn, in
each way a file is damaged (cut to nothing, cut in half, overwritten with other bytes of the
same size, its record deleted), after a good build:
- output/ does not change (no published file is a cache file);
- the next build passes, publishes correct files (the cards are PNGs of the right size in
  both languages, every .br and .gz is its page, the pictures open) and names the damaged
  file in a notice;
- the build after that says nothing about it (the cache was made whole again).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import brotli
import pytest
from helpers import fingerprint
from PIL import Image
from sitebuild import Build, build_fixture, run_build

from newsroom.core.cache import read_memo, save_memo

NOTICE = "notice: this cache file was damaged"
CARD_SIZE = (1200, 630)


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def entry_of(store: str, published: str) -> Callable[[Path], Path]:
    """The file kept in the cache `work/<store>` with the bytes of `output/<published>`."""

    def find(root: Path) -> Path:
        wanted = sha(root / "output" / published)
        for path in sorted((root / "work" / store / "files").rglob("*")):
            if path.is_file() and sha(path) == wanted:
                return path
        raise AssertionError(f"no file of work/{store} has the bytes of output/{published}")

    return find


def file_of(rel: str) -> Callable[[Path], Path]:
    return lambda root: root / "work" / rel


@dataclass(frozen=True)
class Target:
    name: str
    find: Callable[[Path], Path]


ENTRIES = [
    Target("card-ar", entry_of("cards-cache/ar", "ar/news/arab-city-day/card.png")),
    Target("card-en", entry_of("cards-cache/en", "en/news/road-opening/card.png")),
    Target("brotli", entry_of("compress-cache", "ar/index.html.br")),
    Target("gzip", entry_of("compress-cache", "en/index.html.gz")),
    Target("image", entry_of("images-cache", "images/corniche-480.webp")),
    Target("search", entry_of("search-cache/ar", "pagefind/ar/1-of-1/pagefind-entry.json")),  # its one shard
]
INDEXES = [  # the records of a cache: damaged, every file they describe is made again
    Target("cards-index", file_of("cards-cache/en/index.pickle")),
    Target("compress-index", file_of("compress-cache/index.pickle")),
    Target("images-index", file_of("images-cache/index.pickle")),
    Target("search-index", file_of("search-cache/en/index.pickle")),
]
MEMOS = [  # caches in one file: damaged, ignored and written anew
    Target("reader-ar", file_of("cache/reader/ar.pickle")),
    Target("reader-en", file_of("cache/reader/en.pickle")),
    Target("render-ar", file_of("cache/render/ar/index.json")),
    Target("render-en", file_of("cache/render/en/index.json")),
    Target("templates-ar", file_of("cache/render/ar/templates.pickle")),  # Jinja's compiled templates
    Target("search-pages", file_of("search-cache/pages.pickle")),
]


def garbage(size: int) -> bytes:
    """Other bytes of the same size (neither a cache file's header nor a pickle's)."""
    return bytes((7 * i + 1) % 256 for i in range(size))


def truncate(path: Path, size: int) -> None:
    with path.open("r+b") as handle:  # in place, as a full disk or a crashing tool leaves it
        handle.truncate(size)


def overwrite(path: Path) -> None:
    size = path.stat().st_size
    with path.open("r+b") as handle:
        handle.write(garbage(size))


def delete_record(path: Path) -> None:
    """A file of a FileStore (`<store>/files/<name>`) loses its record in `<store>/index.pickle`;
    an index itself is deleted."""
    if "files" not in path.parts:
        path.unlink()
        return
    store = next(folder.parent for folder in path.parents if folder.name == "files")
    memo, damage = read_memo(store / "index.pickle")
    assert damage is None
    del memo["records"][path.relative_to(store / "files").as_posix()]
    save_memo(store / "index.pickle", memo)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "empty": lambda path: truncate(path, 0),
    "half": lambda path: truncate(path, path.stat().st_size // 2),
    "garbage": overwrite,
    "record": delete_record,
}

CASES = (
    [(target, kind) for target in ENTRIES for kind in DAMAGE]
    + [(target, kind) for target in INDEXES for kind in ("half", "record")]  # "record": the index deleted
    + [(target, kind) for target in MEMOS for kind in ("empty", "half", "garbage")]  # no record to delete
)


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One good build; each case damages a copy of it (hard links kept, as the build made them)."""
    return build_fixture(tmp_path_factory, "good").output.parent


def copy_site(source: Path, target: Path) -> Path:
    subprocess.run(["cp", "-a", str(source), str(target)], check=True)  # -a keeps hard links
    return target


def build_again(root: Path) -> Build:
    """A build that does its work, as after an edit (not the shortcut for unchanged inputs):
    the last build's record says other inputs, and the release it published (this copy's)."""
    last = {"fingerprint": "other inputs", "release": str((root / "output").resolve())}
    (root / "work" / "last-build.json").write_text(json.dumps(last), "utf-8")
    return run_build(root / "content", root)


def contents(output: Path) -> dict[str, str]:
    """Digest of every published file but Pagefind's (its output differs from run to run)."""
    real = output.resolve()
    return {
        p.relative_to(real).as_posix(): sha(p)
        for p in sorted(real.rglob("*"))
        if p.is_file() and "pagefind" not in p.relative_to(real).parts
    }


def check_published(output: Path) -> None:
    """The published files are whole: cards, compressed copies, pictures, search index."""
    real = output.resolve()
    cards = sorted(real.rglob("card.png"))
    assert {p.relative_to(real).parts[0] for p in cards} == {"ar", "en"}
    for card in cards:
        with Image.open(card) as image:
            image.verify()
            assert (image.format, image.size) == ("PNG", CARD_SIZE), card
    compressed = sorted(real.rglob("*.br")) + sorted(real.rglob("*.gz"))
    assert compressed
    for path in compressed:
        page = path.with_suffix("").read_bytes()
        unpack = brotli.decompress if path.suffix == ".br" else gzip.decompress
        assert unpack(path.read_bytes()) == page, path
    pictures = [p for p in sorted((real / "images").iterdir()) if p.suffix in (".jpg", ".png", ".webp")]
    assert len(pictures) > 5
    for picture in pictures:
        with Image.open(picture) as image:
            image.load()
    for lang in ("ar", "en"):
        shards = json.loads((real / "pagefind" / lang / "shards.json").read_text("utf-8"))["shards"]
        assert shards
        for shard in shards:
            entry = real / "pagefind" / lang / shard / "pagefind-entry.json"
            assert json.loads(entry.read_text("utf-8"))["languages"], entry


@pytest.mark.parametrize(("target", "kind"), CASES, ids=[f"{t.name}-{k}" for t, k in CASES])
def test_a_damaged_cache_never_reaches_readers_and_heals(good: Path, tmp_path: Path, target: Target, kind: str) -> None:
    root = copy_site(good, tmp_path / "site")
    damaged = target.find(root)
    published = fingerprint(root / "output")
    before = contents(root / "output")
    assert damaged.stat().st_size > 0

    DAMAGE[kind](damaged)
    assert fingerprint(root / "output") == published  # output/ never shares a file with a cache

    healed = build_again(root)
    assert healed.returncode == 0, healed.text
    assert f"{damaged}: {NOTICE}" in healed.stderr, healed.stderr
    assert contents(root / "output") == before
    check_published(root / "output")

    after = build_again(root)
    assert after.returncode == 0, after.text
    assert NOTICE not in after.stderr, after.stderr
    assert contents(root / "output") == before


def test_no_published_file_is_a_cache_file(good: Path) -> None:
    published = {p.stat().st_ino for p in (good / "output").resolve().rglob("*") if p.is_file()}
    for cache in ("cards-cache", "compress-cache", "images-cache", "search-cache", "cache"):
        shared = [p for p in (good / "work" / cache).rglob("*") if p.is_file() and p.stat().st_ino in published]
        assert not shared, f"published files that are files of work/{cache}: {shared}"


def test_a_deleted_cache_is_made_again_without_a_notice(good: Path, tmp_path: Path) -> None:
    """A cache folder removed by hand (`make clean`, a full disk cleaned): no damage to report."""
    root = copy_site(good, tmp_path / "site")
    before = contents(root / "output")
    for cache in ("cards-cache", "compress-cache", "images-cache", "search-cache", "cache"):
        shutil.rmtree(root / "work" / cache)
    again = build_again(root)
    assert again.returncode == 0, again.text
    assert NOTICE not in again.stderr
    assert contents(root / "output") == before
    check_published(root / "output")


def test_a_page_written_twice_is_never_written_into_a_published_page(tmp_path: Path) -> None:
    """Pelican writes some files twice (the second time with `override`): a page reused from
    the published release (a hard link to it) is replaced, never written through."""
    from incremental.plugin import IncrementalWriter

    published = tmp_path / "release" / "index.html"
    published.parent.mkdir()
    published.write_text("published", "utf-8")
    site = tmp_path / "site"
    site.mkdir()
    page = site / "index.html"
    os.link(published, page)
    writer = IncrementalWriter(str(site), settings={})
    writer._written_files.add(str(page))
    with writer._open_w(str(page), "utf-8", override=True) as handle:
        handle.write("rendered again")
    assert published.read_text("utf-8") == "published"
    assert page.read_text("utf-8") == "rendered again"


def test_a_page_of_the_preview_is_never_missing_while_it_is_written_again(tmp_path: Path) -> None:
    """The preview is served while it is built in place: a page rendered again is written
    beside the old one and renamed over it, so a reader (or a reload) finds the old page or
    the new one, never no page (a 404) or half of one; if the writing fails, the old stays."""
    from incremental.plugin import IncrementalWriter

    site = tmp_path / "site"
    (site / "ar/news/khabar").mkdir(parents=True)
    page = site / "ar/news/khabar/index.html"
    page.write_text("الصفحة القديمة", "utf-8")
    writer = IncrementalWriter(str(site), settings={})
    with writer._open_w(str(page), "utf-8") as handle:
        handle.write("الصفحة الجديدة")
        assert page.read_text("utf-8") == "الصفحة القديمة"  # still served as it was
    assert page.read_text("utf-8") == "الصفحة الجديدة"
    assert sorted(p.name for p in page.parent.iterdir()) == ["index.html"]
    with pytest.raises(RuntimeError), writer._open_w(str(page), "utf-8", override=True) as handle:
        handle.write("نصف صفحة")
        raise RuntimeError("the template failed")
    assert page.read_text("utf-8") == "الصفحة الجديدة"
    assert sorted(p.name for p in page.parent.iterdir()) == ["index.html"]
    with writer._open_w(str(page), "utf-8") as handle:  # Pelican's own rule, kept: after an override, skipped
        handle.write("مرة ثالثة")
    assert page.read_text("utf-8") == "الصفحة الجديدة"
