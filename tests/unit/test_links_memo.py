"""The link check remembers between builds (newsroom/pipeline/links.py, `_Memo`) and still
reports every broken link: a page is trusted again only while it is the same file among the
same files, and the #anchors it names are looked up in every build."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import pytest

from newsroom.core.problems import Collector
from newsroom.pipeline import links

ANCHOR = "الجوائز"  # an Arabic id, written percent-encoded in the address, as browsers do


def write(path: Path, html: str) -> None:
    """A new file (as the build makes one: never written in place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".new")
    temporary.write_text(html, "utf-8")
    os.replace(temporary, path)


def page(body: str) -> str:
    return f'<!doctype html><html lang="ar" dir="rtl"><body>{body}</body></html>'


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    write(root / "ar/index.html", page('<a href="/ar/news/yawm/">يوم المدينة</a><a href="news/yawm/#top">أعلى</a>'))
    write(
        root / "ar/news/yawm/index.html",
        page(f'<h1 id="top">يوم المدينة</h1><a href="/ar/awards/#{quote(ANCHOR)}">الجوائز</a><img src="card.png">'),
    )
    write(root / "ar/news/yawm/card.png", "png")
    write(
        root / "ar/awards/index.html",
        page(f'<h2 id="{ANCHOR}">جائزة التميز</h2><a href="https://example.org/">خارجي</a>'),
    )
    return root


def check(site: Path, cache: Path) -> tuple[int, list[str]]:
    collector = Collector(site)
    count = links.check_links(site, "", {}, site, collector, cache)
    return count, [problem.message for problem in collector.problems]


def pages_checked(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    original = links._check_page

    def counting(rel: str, *args: object) -> object:
        seen.append(rel)
        return original(rel, *args)

    monkeypatch.setattr(links, "_check_page", counting)
    return seen


def test_an_unchanged_site_is_counted_alike_without_checking_a_page_again(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "links.pickle"
    first = check(site, cache)
    assert first == (4, [])
    seen = pages_checked(monkeypatch)
    assert check(site, cache) == first
    assert seen == []


def test_a_removed_file_is_reported_from_a_page_that_did_not_change(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "links.pickle"
    check(site, cache)
    (site / "ar/news/yawm/card.png").unlink()
    count, problems = check(site, cache)
    assert count == 4
    assert problems == ["the image 'card.png' leads to no page or file"]


def test_an_anchor_gone_from_another_page_is_reported_from_the_page_that_names_it(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "links.pickle"
    check(site, cache)
    write(site / "ar/awards/index.html", page('<h2 id="prizes">جائزة التميز</h2>'))
    seen = pages_checked(monkeypatch)
    _count, problems = check(site, cache)
    assert problems == [f"the link '/ar/awards/#{quote(ANCHOR)}' names the anchor #{ANCHOR}, which does not exist"]
    assert sorted(seen) == ["ar/awards/index.html", "ar/news/yawm/index.html"]  # the rest trusted


def test_a_page_with_a_broken_link_is_reported_in_every_build(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "links.pickle"
    write(site / "ar/index.html", page('<a href="/ar/news/ghayr-mawjud/">مقال محذوف</a>'))
    expected = ["the link '/ar/news/ghayr-mawjud/' leads to no page or file"]
    assert check(site, cache)[1] == expected
    assert check(site, cache)[1] == expected


def test_a_cache_file_of_the_earlier_kind_is_read_as_empty(site: Path, tmp_path: Path) -> None:
    cache = tmp_path / "links.pickle"
    links.save_memo(cache, {("old", "identity"): ([], frozenset())})  # what the check kept before
    assert check(site, cache) == (4, [])
