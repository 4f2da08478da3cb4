"""The search index in shards (newsroom/pipeline/search.py): groups of pages by a hash of their
address. An edit re-runs Pagefind on its page's shard only, the other shards stay the files
already published, and an incrementally built index holds the same pages, shard by shard, as a
clean build's; a damaged file of the cache makes its shard again, alone."""

from __future__ import annotations

import json
import os
import shutil
import zlib
from pathlib import Path

import pytest

from newsroom.pipeline.search import SHARD_PAGES, build_index, shard_count, shard_of

PAGES = 600  # three shards' worth: 4 shards of about 150


def test_shard_counts_are_powers_of_two_of_at_most_about_256_pages() -> None:
    assert [shard_count(n) for n in (0, 1, SHARD_PAGES, SHARD_PAGES + 1, 2041, 5000)] == [1, 1, 1, 2, 8, 32]
    assert shard_of("ar/news/a/index.html", 1) == "1-of-1"
    names = {shard_of(f"ar/news/n{i}/index.html", 8) for i in range(200)}
    assert names == {f"{n}-of-8" for n in range(1, 9)}  # every shard used
    assert shard_of("ar/news/n7/index.html", 8) == shard_of("ar/news/n7/index.html", 8)  # stable


def page(n: int, extra: str = "") -> str:
    words = " ".join(f"كلمة{(n * 7 + k) % 97}" for k in range(40))
    return (
        f'<!DOCTYPE html><html lang="ar"><body><main data-pagefind-body data-pagefind-sort="date:2024-01-01">'
        f'<h1 data-pagefind-meta="title">خبر رقم {n}</h1><p>{words} {extra}</p></main></body></html>'
    )


def make_site(root: Path) -> Path:
    for n in range(PAGES):
        path = root / "ar" / "news" / f"n{n}" / "index.html"
        path.parent.mkdir(parents=True)
        path.write_text(page(n), "utf-8")
    return root


def release_of(site: Path, releases: Path, number: int) -> Path:
    """The built site as published: moved into a release (as release.py does)."""
    release = releases / f"{number:06d}"
    release.parent.mkdir(parents=True, exist_ok=True)
    site.rename(release)
    return release


def next_build(published: Path, site: Path) -> Path:
    """The next build's tree: its pages hard links to the published ones (as the workers do)."""
    shutil.copytree(published / "ar", site / "ar", copy_function=os.link)
    return site


def inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in sorted(folder.rglob("*")) if p.is_file()}


def pages_of(site: Path) -> dict[str, set[str]]:
    """{shard: addresses of its pages}, read from Pagefind's fragments (one per page)."""
    folder = site / "pagefind" / "ar"
    found: dict[str, set[str]] = {}
    for shard in json.loads((folder / "shards.json").read_text("utf-8"))["shards"]:
        urls = set()
        for fragment in (folder / shard / "fragment").iterdir():
            data = zlib.decompress(fragment.read_bytes(), zlib.MAX_WBITS | 16)  # gzip
            urls.add(json.loads(data[data.index(b"{") :])["url"])
        found[shard] = urls
    return found


@pytest.fixture
def published(tmp_path: Path) -> Path:
    site = make_site(tmp_path / "build-1")
    report = build_index(site, tmp_path / "cache", ("ar",), published=None)
    assert report.shards == {"ar": 4} and report.pages == {"ar": PAGES}
    return release_of(site, tmp_path / "releases", 1)


def test_an_edit_reindexes_one_shard_and_equals_a_clean_build(published: Path, tmp_path: Path) -> None:
    site = next_build(published, tmp_path / "build-2")
    edited = site / "ar" / "news" / "n7" / "index.html"
    edited.unlink()  # the build replaces a file, never writes into it
    edited.write_text(page(7, "فقرة جديدة"), "utf-8")
    report = build_index(site, tmp_path / "cache", ("ar",), published=published)
    shard = shard_of("ar/news/n7/index.html", 4)
    assert report.indexed == {"ar": [shard]}  # Pagefind ran on that shard only
    before, after = inodes(published / "pagefind" / "ar"), inodes(site / "pagefind" / "ar")
    changed = {rel.split("/", 1)[0] for rel in after if after[rel] != before.get(rel)}
    assert changed <= {shard, "shards.json"} and shard in changed, changed  # the rest: the published files

    clean = tmp_path / "clean"
    shutil.copytree(site / "ar", clean / "ar")
    build_index(clean, tmp_path / "clean-cache", ("ar",), published=None)
    assert pages_of(site) == pages_of(clean)
    assert sum(len(urls) for urls in pages_of(site).values()) == PAGES


def test_an_unchanged_build_reuses_every_shard(published: Path, tmp_path: Path) -> None:
    site = next_build(published, tmp_path / "build-2")
    report = build_index(site, tmp_path / "cache", ("ar",), published=published)
    assert report.cached and not report.indexed
    before, after = inodes(published / "pagefind" / "ar"), inodes(site / "pagefind" / "ar")
    assert {rel for rel in after if after[rel] != before.get(rel)} <= {"shards.json"}


def test_a_damaged_file_of_the_cache_makes_its_shard_again_alone(published: Path, tmp_path: Path) -> None:
    shard = "2-of-4"
    entry = tmp_path / "cache" / "ar" / "files" / shard / "pagefind-entry.json"
    entry.unlink()
    entry.write_text("{}", "utf-8")
    site = next_build(published, tmp_path / "build-2")
    report = build_index(site, tmp_path / "cache", ("ar",), published=published)
    assert report.indexed == {"ar": [shard]}
    assert report.problems  # a notice: the damaged file, made again
    assert sum(len(urls) for urls in pages_of(site).values()) == PAGES
