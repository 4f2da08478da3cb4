"""Achievements: awards grouped by year, no invented dates, links with the news."""

from __future__ import annotations

import json
import re

import pytest
from helpers import tags
from sitebuild import Build, build_fixture, copy_fixture, run_build


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return build_fixture(tmp_path_factory, "awards")


def groups(html: str) -> list[tuple[str, str, list[str]]]:
    """(year, heading text, award titles) per year section, in page order."""
    found = []
    for year, body in re.findall(r'<section class="award-year" data-year="([^"]+)".*?>(.*?)</section>', html, re.S):
        heading = " ".join(re.sub(r"<[^>]+>", " ", body.split("</h2>")[0]).split())
        links = re.findall(r'class="card-title"><a [^>]+>(.+?)</a>', body)
        titles = [re.sub(r"<[^>]+>", "", t) for t in links]
        found.append((year, heading, titles))
    return found


def test_grouped_by_year_newest_first_undated_last(site: Build) -> None:
    assert groups(site.page("en/achievements/index.html")) == [
        ("2024", "2024 (2 awards)", ["Road Safety Award", "Smart City Prize"]),  # November before May
        ("2019", "2019 (1 award)", ["Green Award"]),
        ("none", "Date not known (1 award)", ["An old honour"]),
    ]
    ar = groups(site.page("ar/achievements/index.html"))
    assert [(y, h) for y, h, _ in ar] == [
        ("2024", "2024 (جائزتان)"),
        ("2019", "2019 (جائزة واحدة)"),
        ("none", "تاريخ غير معروف (جائزة واحدة)"),
    ]
    assert "4 جوائز في المجموع" in site.page("ar/achievements/index.html")
    assert "4 awards in all" in site.page("en/achievements/index.html")


def test_no_date_is_ever_invented(site: Build) -> None:
    undated = site.page("en/awards/old-honour/index.html")
    assert "<time" not in undated.split("<main", 1)[1] and "Not known" in undated
    year_only = site.page("ar/awards/green-award/index.html")
    assert "<bdi>2019</bdi>" in year_only and "يناير" not in year_only
    month_only = site.page("en/achievements/index.html")
    assert '<time datetime="2024-05">May 2024</time>' in month_only


def test_award_details_keep_what_the_author_wrote(site: Build) -> None:
    page = site.page("ar/awards/smart-city-prize/index.html")
    assert "الدورة ١٢" in page  # Arabic-Indic digits as written
    assert "المركز الأول" in page and "منظمة المدن العربية" in page


def test_awards_link_to_their_counterparts(site: Build) -> None:
    for lang, other in (("ar", "en"), ("en", "ar")):
        page = site.page(f"{lang}/awards/smart-city-prize/index.html")
        links = {a["hreflang"]: a["href"] for a in tags(page, "link", rel="alternate") if "hreflang" in a}
        assert links[other] == f"/{other}/awards/smart-city-prize/"
    listing = site.page("ar/achievements/index.html")
    assert {a["hreflang"]: a["href"] for a in tags(listing, "link", rel="alternate") if "hreflang" in a}[
        "en"
    ] == "/en/achievements/"


def test_news_and_awards_link_both_ways(site: Build) -> None:
    news = site.page("ar/news/road-opening/index.html")
    assert 'href="/ar/awards/road-safety-award/"' in news
    award = site.page("ar/awards/road-safety-award/index.html")
    assert 'href="/ar/news/road-opening/"' in award
    assert "/ar/news/" not in site.page("ar/awards/green-award/index.html").split("<main", 1)[1]


def json_ld(html: str) -> list[dict]:
    return [
        json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def test_structured_data_names_every_award(site: Build) -> None:
    (organisation,) = [b for b in json_ld(site.page("en/achievements/index.html")) if "award" in b]
    assert organisation["@type"] == "GovernmentOrganization"
    assert sorted(organisation["award"]) == ["An old honour", "Green Award", "Road Safety Award", "Smart City Prize"]
    (page,) = [b for b in json_ld(site.page("ar/awards/green-award/index.html")) if "about" in b]
    assert page["@type"] == "WebPage"
    assert page["about"] == {"@type": "GovernmentOrganization", "name": "بلدية مسقط", "award": "الجائزة الخضراء"}


def test_the_list_is_complete_without_javascript(site: Build) -> None:
    html = site.page("en/achievements/index.html")
    assert len(re.findall(r"<li data-awarder=", html)) == 4
    (form,) = tags(html, "form", **{"class": "award-filter"})
    assert "hidden" in form  # shown only by the script
    (script,) = [s for s in tags(html, "script") if s.get("src", "").startswith("/theme/js/achievements.")]
    assert "defer" in script


def test_the_home_page_shows_the_latest_awards(site: Build) -> None:
    home = site.page("en/index.html").split('class="latest-awards"', 1)[1]
    assert re.findall(r'class="card-title"><a href="([^"]+)"', home) == [
        "/en/awards/road-safety-award/",
        "/en/awards/smart-city-prize/",
        "/en/awards/green-award/",
    ]


def test_the_real_content_has_its_six_awards(tmp_path) -> None:
    from sitebuild import PROJECT

    build = run_build(copy_fixture(tmp_path / "content", PROJECT / "content"), tmp_path)
    assert build.returncode == 0, build.text
    for lang in ("ar", "en"):
        awards = re.findall(rf'href="/{lang}/awards/([^/]+)/"', build.page(f"{lang}/news/arab-city-day/index.html"))
        assert len(set(awards)) == 6
        assert len(list((build.output / lang / "awards").iterdir())) == 6


def test_an_awards_field_is_shown_and_filters_the_list(tmp_path) -> None:
    content = copy_fixture(tmp_path / "content")
    for lang, field in (("ar", "الحكومة الإلكترونية"), ("en", "E-government")):
        path = content / lang / "awards" / "smart-city-prize.md"
        path.write_text(path.read_text("utf-8").replace("\n\n", f"\nField: {field}\n\n", 1), "utf-8")
    build = run_build(content, tmp_path)
    assert build.returncode == 0, build.text
    for lang, field in (("ar", "الحكومة الإلكترونية"), ("en", "E-government")):
        listing = build.page(f"{lang}/achievements/index.html")
        assert '<select name="field">' in listing and f'<option value="{field}">' in listing
        assert f'data-field="{field}"' in listing
        assert field in build.page(f"{lang}/awards/smart-city-prize/index.html")


def test_an_arabic_field_key_says_what_to_write(tmp_path) -> None:
    content = copy_fixture(tmp_path / "content")
    path = content / "ar" / "awards" / "smart-city-prize.md"
    path.write_text(path.read_text("utf-8").replace("\n\n", "\nالمجال: الحكومة الإلكترونية\n\n", 1), "utf-8")
    build = run_build(content, tmp_path)
    assert build.returncode == 1
    assert "'Field:'" in build.stderr, build.stderr
