"""The preview reloads an open page only when a build wrote it anew (livereload.js reading
__build.txt, newsroom/pipeline/reload.py): the article being edited reloads as soon as its own
page is written; a page the save did not change stays as it is, scroll and all."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from sitebuild import PROJECT

from newsroom.pipeline.reload import EVERYTHING, write_step
from newsroom.preview.server import serve

CLOCK = "2026-06-01T12:00:00+04:00"
ARTICLE = "ar/أخبار/افتتاح-الطريق/index.html"
LISTING = "ar/index.html"


def page_at(root: Path, path: str, title: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(
        f'<!doctype html><html lang="ar" dir="rtl"><title>{title}</title><script src="/livereload.js"></script>',
        "utf-8",
    )


def mark(page: Any) -> None:
    page.evaluate("window.notReloaded = true")


def reloaded(page: Any, expected: bool) -> bool:
    if expected:
        page.wait_for_function("window.notReloaded === undefined", timeout=5000)
        page.wait_for_load_state("load")
    else:
        page.wait_for_timeout(2000)  # two looks at __build.txt (every 0.7 s)
    return bool(page.evaluate("window.notReloaded === undefined"))


@pytest.mark.browser
def test_an_open_page_reloads_only_when_a_step_names_it(browser: Any, tmp_path: Path) -> None:
    root = tmp_path / "preview"
    root.mkdir()
    shutil.copyfile(PROJECT / "theme/static/js/livereload.js", root / "livereload.js")
    page_at(root, ARTICLE, "افتتاح الطريق")
    page_at(root, LISTING, "الأخبار")
    write_step(root, CLOCK, [EVERYTHING])  # a build before the pages were opened
    server, base = serve(root)
    try:
        article, listing = browser.new_page(), browser.new_page()
        article.goto(base + quote("/" + ARTICLE.removesuffix("index.html")), wait_until="load")
        listing.goto(f"{base}/ar/", wait_until="load")
        for page in (article, listing):
            mark(page)
        assert not reloaded(article, False) and not reloaded(listing, False)  # the old step: before them

        write_step(root, CLOCK, [ARTICLE, "status/index.html"])  # the saved article's page, first
        assert reloaded(article, True)
        assert not reloaded(listing, False)

        mark(article)
        write_step(root, CLOCK, [LISTING, "ar/category/projects/index.html"])  # then its listings
        assert reloaded(listing, True)
        assert not reloaded(article, False)

        for page in (article, listing):
            mark(page)
        write_step(root, CLOCK, [EVERYTHING])  # a picture changed: every page
        assert reloaded(article, True) and reloaded(listing, True)
    finally:
        server.shutdown()
        server.server_close()
