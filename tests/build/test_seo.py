"""Found and shared: head metadata, JSON-LD, sitemap, feeds, production URLs, valid HTML."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from helpers import file_for, html_files, tags
from sitebuild import PROJECT, Build, build_fixture, copy_fixture, run_build

SITEURL = "https://news.example.om"
VNU = PROJECT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_fixture(tmp_path_factory, "seo")


@pytest.fixture(scope="module")
def production(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_fixture(tmp_path_factory, "production", env={"SITEURL": SITEURL})


def json_ld(html: str) -> dict[str, dict]:
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]
    return {b["@type"]: b for b in blocks}


def meta(html: str) -> dict[str, str]:
    found = {a["property"]: a["content"] for a in tags(html, "meta") if "property" in a}
    found.update({a["name"]: a["content"] for a in tags(html, "meta") if "name" in a})
    return found


def test_news_article_structured_data(site: Build) -> None:
    data = json_ld(site.page("ar/news/arab-city-day/index.html"))
    article = data["NewsArticle"]
    assert article["headline"] == "بلدية مسقط تحتفي بيوم المدينة العربية"
    assert article["datePublished"] == "2020-03-15T00:00:00+04:00"  # Muscat offset
    assert article["inLanguage"] == "ar"
    assert article["publisher"]["@type"] == "GovernmentOrganization"
    assert re.fullmatch(r"/theme/img/logo\.[0-9a-f]{10}\.svg", article["publisher"]["logo"]["url"])
    assert article["image"] == ["/ar/news/arab-city-day/card.png"]
    crumbs = data["BreadcrumbList"]["itemListElement"]
    assert [c["position"] for c in crumbs] == [1, 2, 3]
    assert crumbs[1]["item"] == "/ar/category/municipality-news/"


@pytest.mark.parametrize(("lang", "locale", "other"), [("ar", "ar_OM", "en_GB"), ("en", "en_GB", "ar_OM")])
def test_open_graph_and_twitter(site: Build, lang: str, locale: str, other: str) -> None:
    tags_ = meta(site.page(f"{lang}/news/arab-city-day/index.html"))
    assert tags_["og:locale"] == locale and tags_["og:locale:alternate"] == other
    assert tags_["og:image"] == f"/{lang}/news/arab-city-day/card.png"
    assert (tags_["og:image:width"], tags_["og:image:height"]) == ("1200", "630")
    assert tags_["og:image:alt"] and tags_["twitter:card"] == "summary_large_image"
    assert (site.output / lang / "news/arab-city-day/card.png").exists()
    home = meta(site.page(f"{lang}/index.html"))
    assert home["og:image"] == f"/{lang}/card.png" and (site.output / lang / "card.png").exists()


def test_every_page_has_a_canonical_address(site: Build) -> None:
    for page in html_files(site.output):
        if page.name == "index.html" and page.parent == site.output:
            continue  # the root redirect
        (canonical,) = tags(page.read_text("utf-8"), "link", rel="canonical")
        if page.name == "404.html":  # the root copy (hosts with one 404 page) is the Arabic one
            lang = "ar" if page.parent == site.output else page.parent.name
            assert canonical["href"] == f"/{lang}/404.html", page
        else:
            assert file_for(site.output, canonical["href"]) == page


def test_sitemap_lists_pairs_with_alternates_that_resolve(site: Build) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site.output / "sitemap.xml").getroot()
    urls = {u.findtext("s:loc", namespaces=ns): u for u in root.findall("s:url", ns)}
    assert "/ar/news/arab-city-day/" in urls and "/en/awards/smart-city-prize/" in urls
    assert not [u for u in urls if "search" in u or "404" in u]
    for loc, url in urls.items():
        assert file_for(site.output, loc).exists(), loc
        for link in url.findall("x:link", ns):
            assert file_for(site.output, link.get("href")).exists(), (loc, link.get("href"))
    article = urls["/ar/news/arab-city-day/"]
    assert article.findtext("s:lastmod", namespaces=ns) == "2020-03-15T00:00:00+04:00"
    hreflangs = {link.get("hreflang"): link.get("href") for link in article.findall("x:link", ns)}
    assert hreflangs == {
        "ar": "/ar/news/arab-city-day/",
        "en": "/en/news/arab-city-day/",
        "x-default": "/ar/news/arab-city-day/",
    }
    assert "Sitemap: /sitemap.xml" in (site.output / "robots.txt").read_text()


@pytest.mark.parametrize("feed", ["ar/feed.atom", "en/feed.atom", "ar/category/roads/feed.atom"])
def test_feeds_parse_cleanly(production: Build, feed: str) -> None:
    parsed = feedparser.parse((production.output / feed).read_bytes())
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.feed.language == feed[:2]
    assert parsed.feed.link == f"{SITEURL}/{feed[:2]}/"
    for entry in parsed.entries:
        assert entry.link.startswith(SITEURL + "/")
        assert entry.summary
        (card,) = [link for link in entry.links if link.rel == "enclosure"]
        assert card.href == entry.link + "card.png" and card.type == "image/png"


def test_production_build_uses_absolute_urls_and_never_localhost(production: Build) -> None:
    html = production.page("en/news/road-opening/index.html")
    (canonical,) = tags(html, "link", rel="canonical")
    assert canonical["href"] == f"{SITEURL}/en/news/road-opening/"
    assert meta(html)["og:image"] == f"{SITEURL}/en/news/road-opening/card.png"
    assert json_ld(html)["NewsArticle"]["mainEntityOfPage"] == canonical["href"]
    for path in production.output.rglob("*"):
        if path.suffix in (".html", ".xml", ".atom", ".txt", ".js", ".css", ".json"):
            text = path.read_text("utf-8")
            assert "localhost" not in text and "127.0.0.1" not in text, path
    assert f"Sitemap: {SITEURL}/sitemap.xml" in (production.output / "robots.txt").read_text()


def test_cards_are_cached_and_redrawn_only_when_changed(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    first = run_build(content, tmp_path)
    drawn = re.search(r"ar (\d+) cards, (\d+) drawn", first.stdout)
    assert drawn and drawn.group(1) == drawn.group(2)  # cold: every card drawn
    (tmp_path / "work" / "last-build.json").unlink()  # force a full build (same inputs are skipped)
    second = run_build(content, tmp_path)
    assert re.search(r"ar \d+ cards, 0 drawn", second.stdout), second.stdout
    assert re.search(r"en \d+ cards, 0 drawn", second.stdout), second.stdout
    article = content / "ar/news/road-opening.md"
    article.write_text(article.read_text("utf-8").replace("افتتاح طريق", "افتتاح شارع"), "utf-8")
    third = run_build(content, tmp_path)
    assert re.search(r"ar \d+ cards, 1 drawn", third.stdout), third.stdout


def vnu_unavailable() -> str | None:
    if not VNU.exists():
        return "the Nu HTML checker is not installed (make test runs npm install; needs npm)"
    if not shutil.which("java"):
        return "Java is not installed (apt-get install default-jre-headless)"
    return None


def test_nu_html_checker_finds_no_error(site: Build) -> None:
    reason = vnu_unavailable()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the HTML check must run in CI: {reason}")
        pytest.skip(reason)
    pages = [str(p) for p in html_files(site.output)]
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *pages],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert len(pages) >= 30  # every template, both languages


def test_old_addresses_lead_to_the_new_page(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    article = content / "en/news/road-opening.md"
    article.write_text(
        article.read_text("utf-8").replace("Summary:", "Redirect-From: /en/2024/new-road/\nSummary:"), "utf-8"
    )
    build = run_build(content, tmp_path)
    assert build.returncode == 0, build.text
    assert "/en/2024/new-road/ /en/news/road-opening/ 301" in (build.output / "_redirects").read_text()
    snippet = (build.work / "deploy" / "nginx-snippet.conf").read_text()
    assert "location = /en/2024/new-road/ { return 301 /en/news/road-opening/; }" in snippet
    page = build.page("en/2024/new-road/index.html")
    (refresh,) = tags(page, "meta", **{"http-equiv": "refresh"})
    assert refresh["content"].endswith("url=/en/news/road-opening/")
    assert 'lang="en" dir="ltr"' in page


@pytest.mark.parametrize(
    ("page", "words"),
    [
        ("ar/index.html", "آخر أخبار بلدية مسقط"),
        ("en/index.html", "The latest news, awards and achievements of Muscat Municipality"),
        ("ar/archive/index.html", "جميع الأخبار التي نشرتها بلدية مسقط"),
        ("en/category/municipality-news/index.html", "in the category “Municipality news”"),
        ("ar/tag/smart-cities/index.html", "أخبار بلدية مسقط عن «"),
        ("en/achievements/index.html", "The awards Muscat Municipality has received"),
        ("ar/awards/smart-city-prize/index.html", "الجهة المانحة: منظمة المدن العربية"),
        ("en/awards/smart-city-prize/index.html", "awarded by Arab Towns Organization"),
        ("en/search/index.html", "Search the news, awards and pages of Muscat Municipality"),
    ],
)
def test_every_page_says_what_it_is(site: Build, page: str, words: str) -> None:
    """Listings say what the list is, awards name the award and the awarder, in the page's
    language; Open Graph and Twitter carry the same words."""
    tags_ = meta(site.page(page))
    assert words in tags_["description"]
    assert tags_["og:description"] == tags_["twitter:description"] == tags_["description"]


def test_every_indexable_page_has_a_description(site: Build) -> None:
    for page in html_files(site.output):
        html = page.read_text("utf-8")
        if 'name="robots" content="noindex"' in html or 'http-equiv="refresh"' in html:
            continue
        assert meta(html).get("description", "").strip(), page
