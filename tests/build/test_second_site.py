"""Another municipality from settings and content alone: its name in both languages and its
time zone are data (tests/fixtures/sohar/pelican.conf.py); no code or template names the
first municipality."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import tags
from sitebuild import PROJECT, Build, run_build

SOHAR = PROJECT / "tests" / "fixtures" / "sohar"


@pytest.fixture(scope="module")
def sohar(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = tmp_path_factory.mktemp("sohar")
    content = root / "content"
    shutil.copytree(SOHAR / "content", content)
    build = run_build(content, root, "--settings", str(SOHAR / "pelican.conf.py"))
    assert build.returncode == 0, build.text
    return build


@pytest.mark.parametrize(("lang", "name"), [("ar", "بلدية صحار"), ("en", "Sohar Municipality")])
def test_the_site_is_named_by_its_settings(sohar: Build, lang: str, name: str) -> None:
    home = sohar.page(f"{lang}/index.html")
    assert f"<title>{name}</title>" in home
    article = sohar.page(f"{lang}/news/harbour-day/index.html")
    assert tags(article, "meta", property="og:site_name")[0]["content"] == name
    assert name in sohar.page("index.html")


@pytest.mark.parametrize(
    ("lang", "address", "phone"), [("ar", "صحار، شارع الميناء", "الهاتف:"), ("en", "Harbour Street, Sohar", "Phone:")]
)
def test_the_footer_says_how_to_reach_it(sohar: Build, lang: str, address: str, phone: str) -> None:
    page = sohar.page(f"{lang}/about/index.html")
    footer = page.split('<footer class="site-footer">', 1)[1]
    assert f"<p>{address}</p>" in footer and phone in footer
    assert tags(footer, "a", href="tel:+96826840000") and tags(footer, "a", href="mailto:info@sohar.example")
    assert tags(footer, "a", href="https://x.example/sohar", rel="me")


def test_the_colours_are_the_sites(sohar: Build) -> None:
    css = next((sohar.output / "theme" / "css").glob("site.*.css")).read_text("utf-8")
    light, dark = css.split("prefers-color-scheme: dark", 1)
    assert "--accent: #1d4e89;" in light and "--accent-strong: #163b68;" in light
    assert "--accent: #8cb8ef;" in dark and "--accent-strong: #9be3cb;" in dark  # not given: the theme's


def test_a_colour_that_is_not_a_colour_stops_the_build(tmp_path: Path) -> None:
    settings = tmp_path / "site.conf.py"
    settings.write_text(
        (SOHAR / "pelican.conf.py")
        .read_text("utf-8")
        .replace("#1d4e89", "red;} body{display:none")
        .replace('Path(__file__).resolve().parents[3] / "pelican.conf.py"', repr(str(PROJECT / "pelican.conf.py"))),
        "utf-8",
    )
    content = tmp_path / "content"
    shutil.copytree(SOHAR / "content", content)
    build = run_build(content, tmp_path, "--settings", str(settings))
    assert build.returncode != 0
    assert "site.conf.py: error: COLORS['light']['accent'] is 'red;} body{display:none'" in build.stderr, build.text


def test_an_empty_contact_shows_nothing(tmp_path: Path) -> None:
    """The first site's settings leave the contact empty (the team fills it in): no empty block."""
    from sitebuild import copy_fixture  # noqa: PLC0415

    build = run_build(copy_fixture(tmp_path / "content"), tmp_path)
    assert build.returncode == 0, build.text
    assert "footer-contact" not in build.page("en/index.html")


def test_nothing_of_the_first_municipality_is_published(sohar: Build) -> None:
    for path in sohar.output.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".atom", ".txt", ".json"):
            text = path.read_text("utf-8", errors="replace")
            assert "مسقط" not in text and "muscat" not in text.lower(), path


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_dates_are_in_the_sites_time_zone(sohar: Build, lang: str) -> None:
    """`Date: 2026-03-10 09:30` is 09:30 in the settings' TIMEZONE (Asia/Riyadh, UTC+3)."""
    article = sohar.page(f"{lang}/news/harbour-day/index.html")
    published = tags(article, "meta", property="article:published_time")[0]["content"]
    assert published == "2026-03-10T09:30:00+03:00"


def test_no_code_or_template_names_a_municipality() -> None:
    """`grep -ri muscat` over code and templates finds nothing outside settings and content."""
    found = subprocess.run(
        [
            "grep",
            "-rliE",
            "muscat|مسقط",
            "newsroom",
            "plugins",
            "theme/templates",
            "theme/static/js",
            "theme/static/css",
            "Makefile",
            "tools",
        ],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split()
    assert not [f for f in found if not re.search(r"README|\.md$", f)], found
