"""The line readers see in an article ("Read this in English" / «اقرأ هذا بالعربية») leads to the
counterpart itself, not to the other language's home page (a gap a mutation audit found)."""

from __future__ import annotations

import re

import pytest
from helpers import file_for
from sitebuild import Build, build_fixture

PAIRS = ["news/arab-city-day", "news/road-opening", "awards/green-award", "about"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_fixture(tmp_path_factory, "counterpart")


def _counterpart_href(html: str) -> str:
    block = re.search(r'<p class="counterpart"[^>]*>(.*?)</p>', html, re.S)
    assert block, "no counterpart line in the page"
    href = re.search(r'<a href="([^"]+)"', block.group(1))
    assert href
    return href.group(1)


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("rel", PAIRS)
def test_the_counterpart_line_leads_to_the_counterpart(site: Build, lang: str, rel: str) -> None:
    other = "en" if lang == "ar" else "ar"
    href = _counterpart_href(site.page(f"{lang}/{rel}/index.html"))
    assert href == f"/{other}/{rel}/", href
    target = file_for(site.output, href).read_text("utf-8")
    assert f'<html lang="{other}"' in target
    assert f'hreflang="{lang}" href="/{lang}/{rel}/"' in target  # and it points back here
