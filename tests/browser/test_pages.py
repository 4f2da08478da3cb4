"""The theme in a real browser: direction, overflow, switcher, accessibility, requests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from helpers import tags
from sitebuild import Build

from tools.weight import BUDGET, measure

pytestmark = pytest.mark.browser

# name -> (Arabic path, English path)
PAGES = {
    "home": ("/ar/", "/en/"),
    "article": ("/ar/news/arab-city-day/", "/en/news/arab-city-day/"),
    "listing": ("/ar/category/municipality-news/", "/en/category/municipality-news/"),
    "achievements": ("/ar/achievements/", "/en/achievements/"),
    "search": ("/ar/search/?q=مسقط", "/en/search/?q=road"),
    "404": ("/ar/no-such-page/", "/en/no-such-page/"),
}
# Every template, for axe.
TEMPLATES = {
    **PAGES,
    "page": ("/ar/about/", "/en/about/"),
    "archive": ("/ar/archive/", "/en/archive/"),
    "tag": ("/ar/tag/smart-cities/", "/en/tag/smart-cities/"),
    "one-language": ("/ar/news/market-hours/", "/en/news/beach-cleanup/"),
    "achievements": ("/ar/achievements/", "/en/achievements/"),
    "award": ("/ar/awards/smart-city-prize/", "/en/awards/smart-city-prize/"),
    "root": ("/", "/"),
}
WIDTHS = (320, 375, 1280)


def new_page(browser: Any, width: int = 375) -> Any:
    """A page in a new context of the given width (the caller navigates, after attaching any
    listener it needs)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    return page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("name", list(PAGES))
def test_direction_and_no_horizontal_scrolling(
    browser: Any, site: tuple[Build, str], artifacts: Path, name: str, lang: str, width: int
) -> None:
    _, base = site
    path = PAGES[name][0 if lang == "ar" else 1]
    page = new_page(browser, width)
    response = page.goto(base + path, wait_until="networkidle")
    assert response is not None and response.status == (404 if name == "404" else 200)
    direction = page.evaluate("getComputedStyle(document.body).direction")
    assert direction == ("rtl" if lang == "ar" else "ltr")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} at {width}px scrolls sideways by {overflow}px"
    page.screenshot(path=str(artifacts / f"{name}-{lang}-{width}.png"), full_page=True)
    page.context.close()


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("/ar/news/arab-city-day/", "/en/news/arab-city-day/"),
        ("/en/category/roads/", "/ar/category/roads/"),
        ("/ar/news/market-hours/", "/en/"),
    ],
)
def test_the_switcher_lands_on_the_counterpart(browser: Any, site: tuple[Build, str], start: str, target: str) -> None:
    _, base = site
    page = new_page(browser)
    page.goto(base + start)
    page.click(".language-switcher a:not([aria-current])")
    page.wait_for_load_state()
    assert page.url == base + target
    page.context.close()


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("name", list(TEMPLATES))
def test_no_serious_accessibility_violations(browser: Any, site: tuple[Build, str], name: str, lang: str) -> None:
    _, base = site
    path = TEMPLATES[name][0 if lang == "ar" else 1]
    page = new_page(browser)
    if name == "root":  # check the page itself, not the Arabic home it sends readers to

        def hold(route: Any) -> None:
            response = route.fetch()
            route.fulfill(response=response, body=response.text().replace('http-equiv="refresh"', "data-x"))

        page.route(base + "/", hold)
    page.goto(base + path)
    results = Axe().run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    page.context.close()
    assert not bad, "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}" for v in bad
    )


@pytest.mark.parametrize("name", ["home", "article", "404"])
def test_every_request_goes_to_the_local_server(browser: Any, site: tuple[Build, str], name: str) -> None:
    _, base = site
    requests: list[str] = []
    for path in PAGES[name]:
        page = new_page(browser)
        page.on("request", lambda request: requests.append(request.url))
        page.goto(base + path, wait_until="networkidle")
        page.context.close()
    assert requests and all(url.startswith(base + "/") for url in requests), requests


def test_self_hosted_fonts_are_used(browser: Any, site: tuple[Build, str]) -> None:
    _, base = site
    page = new_page(browser)
    page.goto(base + "/ar/news/arab-city-day/", wait_until="networkidle")
    loaded = page.evaluate(
        "document.fonts.ready.then(() => [...document.fonts].filter(f => f.status === 'loaded')"
        ".map(f => f.family + ' ' + f.weight))"
    )
    assert any("Noto Naskh Arabic" in face for face in loaded), loaded
    style = page.evaluate(
        "(() => { const s = getComputedStyle(document.querySelector('.prose p'));"
        " return [s.fontSize, s.lineHeight, s.letterSpacing]; })()"
    )
    size, line_height, spacing = style
    assert float(size[:-2]) >= 18 and float(line_height[:-2]) / float(size[:-2]) >= 1.6
    assert spacing == "normal"
    page.context.close()


def test_skip_link_is_the_first_tab_stop_and_visible(browser: Any, site: tuple[Build, str]) -> None:
    _, base = site
    page = new_page(browser)
    page.goto(base + "/ar/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box is not None and box["y"] >= 0
    page.context.close()


def test_directional_icons_mirror_in_arabic(browser: Any, site: tuple[Build, str]) -> None:
    _, base = site
    transforms = {}
    build, _ = site
    (sheet,) = [a["href"] for a in tags(build.page("ar/index.html"), "link", rel="stylesheet")]
    for lang in ("ar", "en"):
        page = new_page(browser)
        page.set_content(
            f'<html dir="{"rtl" if lang == "ar" else "ltr"}"><head><link rel="stylesheet" '
            f'href="{base}{sheet}"></head><body><svg class="icon icon-directional">'
            "</svg></body></html>"
        )
        page.wait_for_load_state("networkidle")
        transforms[lang] = page.evaluate("getComputedStyle(document.querySelector('svg')).transform")
        page.context.close()
    assert transforms["en"] == "none"
    assert transforms["ar"].startswith("matrix(-1")


@pytest.mark.parametrize("path", PAGES["article"] + PAGES["home"])
def test_page_weight(browser: Any, site: tuple[Build, str], path: str) -> None:
    _, base = site
    sizes = measure(browser, base, path)
    print(f"\n{path}: {sizes}")
    assert sizes["total"] <= BUDGET, sizes


def test_dark_mode_follows_the_device(browser: Any, site: tuple[Build, str]) -> None:
    _, base = site
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(base + "/ar/")
        colours[scheme] = page.evaluate(
            "[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]"
        )
        context.close()
    # The theme's own palettes (theme/static/css/site.css): --bg and --text, light and dark.
    assert colours["light"] == ["rgb(255, 255, 255)", "rgb(28, 33, 38)"]
    assert colours["dark"] == ["rgb(17, 20, 22)", "rgb(231, 235, 238)"]


def test_print_hides_navigation(browser: Any, site: tuple[Build, str]) -> None:
    _, base = site
    page = new_page(browser)
    page.goto(base + "/en/news/arab-city-day/")
    page.emulate_media(media="print")
    assert page.evaluate("getComputedStyle(document.querySelector('.site-nav')).display") == "none"
    assert page.locator("article h1").is_visible()
    page.context.close()


def visible_awards(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        ".award-year:not([hidden]) li:not([hidden]) .card-title", "els => els.map(e => e.textContent.trim())"
    )


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_achievements_filter_works_in_place(browser: Any, site: tuple[Build, str], lang: str) -> None:
    _, base = site
    page = new_page(browser)
    page.goto(base + f"/{lang}/achievements/")
    assert page.locator(".award-filter").is_visible()
    assert len(visible_awards(page)) == 4
    awarder = "Another Body" if lang == "en" else "جهة أخرى"
    page.select_option("select[name=awarder]", awarder)
    assert visible_awards(page) == (["Green Award"] if lang == "en" else ["الجائزة الخضراء"])
    assert page.locator('.award-year[data-year="2024"]').is_hidden()
    page.select_option("select[name=awarder]", "")
    page.select_option("select[name=year]", "2024")
    assert len(visible_awards(page)) == 2
    assert "2" in page.locator(".award-shown").text_content()
    page.select_option("select[name=year]", "none")
    assert len(visible_awards(page)) == 1
    page.context.close()
