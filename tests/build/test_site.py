"""Build the fixture content once (with LANG=C: no OS locale helps) and read the result."""

from __future__ import annotations

import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import file_for, html_files, tags, url_of
from sitebuild import PROJECT, Build, build_fixture, copy_fixture, run_build, write

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_fixture(tmp_path_factory, "site", env={"LANG": "C", "LC_ALL": "C"})


def test_every_page_has_lang_and_dir(site: Build) -> None:
    pages = html_files(site.output)
    assert len(pages) > 20
    for page in pages:
        (html,) = tags(page.read_text("utf-8"), "html")
        lang = page.relative_to(site.output).parts[0]
        expected = {"en": ("en", "ltr")}.get(lang, ("ar", "rtl"))  # root page: Arabic first
        assert (html.get("lang"), html.get("dir")) == expected, page


def test_hreflang_pairs_resolve_both_ways(site: Build) -> None:
    checked = 0
    for page in html_files(site.output):
        links = tags(page.read_text("utf-8"), "link", rel="alternate")
        alternates = {a["hreflang"]: a["href"] for a in links if "hreflang" in a}
        if not alternates or page == site.output / "index.html":
            continue
        here = url_of(site.output, page)
        lang = page.relative_to(site.output).parts[0]
        assert alternates[lang] == here
        other = "en" if lang == "ar" else "ar"
        target = file_for(site.output, alternates[other])
        assert target.exists(), (page, alternates)
        back = {
            a["hreflang"]: a["href"]
            for a in tags(target.read_text("utf-8"), "link", rel="alternate")
            if "hreflang" in a
        }
        assert back[lang] == here, (page, target)
        assert alternates["x-default"] == (here if lang == "ar" else alternates["ar"])
        checked += 1
    assert checked >= 16  # articles, pages, home, archive, categories, tags in both languages


def switcher(html: str) -> dict[str, str]:
    """The switcher's link to the other language (the current one has aria-current)."""
    nav = html.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]
    (link,) = [a for a in tags(nav, "a") if "aria-current" not in a]
    return link


def test_switcher_goes_straight_to_the_counterpart(site: Build) -> None:
    link = switcher(site.page("ar/news/arab-city-day/index.html"))
    assert link["href"] == "/en/news/arab-city-day/"
    assert (link["lang"], link["hreflang"]) == ("en", "en")
    assert switcher(site.page("en/about/index.html"))["href"] == "/ar/about/"
    assert switcher(site.page("en/category/roads/index.html"))["href"] == "/ar/category/roads/"


@pytest.mark.parametrize(
    ("page", "home", "note_lang", "note"),
    [
        ("ar/news/market-hours/index.html", "/en/", "en", "This page is only available in Arabic."),
        ("en/news/beach-cleanup/index.html", "/ar/", "ar", "هذه الصفحة متوفرة باللغة الإنجليزية فقط."),
    ],
)
def test_one_language_article(site: Build, page: str, home: str, note_lang: str, note: str) -> None:
    html = site.page(page)
    assert switcher(html)["href"] == home
    assert not [a for a in tags(html, "link", rel="alternate") if "hreflang" in a]
    (paragraph,) = tags(html, "p", **{"class": "one-language"})
    assert paragraph["lang"] == note_lang
    assert note in html


def titles(html: str) -> list[str]:
    """Titles of the lead story and the article cards, in page order."""
    news = html.split('class="latest-awards"', 1)[0]
    found = re.findall(r'class="(?:card|lead)-title"><a href="[^"]+">(.+?)</a>', news)
    return [re.sub(r"<[^>]+>", "", title) for title in found]


def test_listings_show_only_their_language_newest_first(site: Build) -> None:
    assert titles(site.page("ar/index.html")) == [
        "مواعيد جديدة لسوق السمك",
        "افتتاح طريق جديد في بوشر",
        "بلدية مسقط تحتفي بيوم المدينة العربية",
    ]
    assert titles(site.page("en/index.html")) == [
        "Beach clean-up in Qurum",
        "New road opens in Bausher",
        "Muscat Municipality celebrates Arab City Day",
    ]
    archive = site.page("ar/archive/index.html")
    assert "Beach" not in archive and archive.index("مواعيد") < archive.index("بوشر")


def test_categories_and_tags_take_their_slug_from_the_glossary(site: Build) -> None:
    for lang in ("ar", "en"):
        assert (site.output / lang / "category/municipality-news/index.html").exists()
        assert (site.output / lang / "tag/smart-cities/index.html").exists()
    roads = site.page("ar/category/roads/index.html")
    assert titles(roads) == ["افتتاح طريق جديد في بوشر"]
    assert '<h1 class="page-title">الطرق</h1>' in roads


def test_arabic_month_names_without_any_os_locale(site: Build) -> None:
    html = site.page("ar/news/arab-city-day/index.html")
    assert "15 مارس 2020" in html
    assert "15 March 2020" in site.page("en/news/arab-city-day/index.html")


def test_arabic_headings_get_readable_ids(site: Build) -> None:
    assert 'id="منجزات-عديدة"' in site.page("ar/news/arab-city-day/index.html")


def test_drafts_and_future_articles_produce_no_file(site: Build) -> None:
    everything = [p.relative_to(site.output).as_posix() for p in site.output.rglob("*")]
    assert not [p for p in everything if "draft-plan" in p or "next-year" in p]
    texts = "".join(
        p.read_text("utf-8") for p in site.output.rglob("*") if p.suffix in (".html", ".atom", ".xml", ".txt", ".json")
    )
    for title in ("خطة لم تنشر بعد", "A plan not yet published", "فعالية العام القادم", "Next year"):
        assert title not in texts


def test_a_scheduled_article_appears_when_the_clock_passes_its_date(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    build = run_build(content, tmp_path, env={"SITE_CLOCK": "2027-01-01T00:00:00"})
    assert build.returncode == 0, build.text
    assert (build.output / "ar/news/next-year/index.html").exists()
    assert not (build.output / "ar/news/draft-plan").exists()
    minute_before = run_build(content, tmp_path / "b", env={"SITE_CLOCK": "2026-12-31T23:59:00"})
    assert not (minute_before.output / "ar/news/next-year").exists()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_feed_per_language_parses_as_atom(site: Build, lang: str) -> None:
    root = ET.parse(site.output / lang / "feed.atom").getroot()
    assert root.tag == f"{ATOM}feed"
    assert root.get(XML_LANG) == lang
    entries = [e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")]
    assert len(entries) == 3
    arabic = [bool(re.search("[\u0600-\u06ff]", t or "")) for t in entries]
    assert all(arabic) if lang == "ar" else not any(arabic)
    category = ET.parse(site.output / lang / "category/roads/feed.atom").getroot()
    assert len(category.findall(f"{ATOM}entry")) == 1


def test_both_languages_build_in_separate_processes(site: Build) -> None:
    pids = json.loads((site.work / "run" / "pids.json").read_text())
    assert sorted(pids) == ["ar", "en"]
    assert pids["ar"] != pids["en"] and os.getpid() not in pids.values()


def test_root_page_sends_readers_to_arabic_with_both_links(site: Build) -> None:
    html = site.page("index.html")
    (refresh,) = tags(html, "meta", **{"http-equiv": "refresh"})
    assert refresh["content"].endswith("url=/ar/")
    hrefs = [a["href"] for a in tags(html, "a")]
    assert hrefs == ["/ar/", "/en/"]


def test_no_inline_scripts_or_styles(site: Build) -> None:
    for page in html_files(site.output):
        html = page.read_text("utf-8")
        assert "<style" not in html and " style=" not in html, page
        assert all(s.get("src") or s.get("type") == "application/ld+json" for s in tags(html, "script"))


def test_pagination_keeps_listings_in_their_language(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    for n in range(1, 13):
        write(content, f"ar/news/item-{n:02d}.md", f"Title: خبر رقم {n}\nDate: 2023-01-{n:02d}\n\nنص.\n")
    build = run_build(content, tmp_path)
    assert build.returncode == 0, build.text
    second = build.page("ar/page/2/index.html")
    assert len(titles(second)) == 5  # 15 Arabic articles, 10 a page
    assert "Beach" not in second
    assert switcher(second)["href"] == "/en/"  # the other language's first page
    assert not [a for a in tags(second, "link", rel="alternate") if "hreflang" in a]
    assert not (build.output / "en/page/2").exists()


def test_the_seed_article_carries_its_hijri_date(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content", PROJECT / "content")
    build = run_build(content, tmp_path)
    assert build.returncode == 0, build.text
    ar = build.page("ar/news/arab-city-day/index.html")
    assert "15 مارس 2020" in ar and "20 رجب 1441 هـ" in ar
    assert "رجب" not in build.page("en/news/arab-city-day/index.html")


def test_the_digits_setting(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    build = run_build(content, tmp_path, env={"SITE_DIGITS_AR": "arab"})
    assert build.returncode == 0, build.text
    ar = build.page("ar/news/arab-city-day/index.html")
    assert "١٥ مارس ٢٠٢٠" in ar and "٢٠ رجب ١٤٤١ هـ" in ar
    assert "15 March 2020" in build.page("en/news/arab-city-day/index.html")
