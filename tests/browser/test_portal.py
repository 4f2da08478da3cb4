"""A municipality's portal, not a blog (issue 18): what a citizen notices, measured in Chromium.

The fixture site gains two undated awards that one dated article names: their titles sort
differently in Arabic and English, so an order by title would show them differently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sitebuild import Build, copy_fixture, run_build, write

from newsroom.preview.server import serve

pytestmark = pytest.mark.browser

LANGS = ("ar", "en")
# Two awards with no date, both reported by the dated article of 15 March 2020.
UNDATED = {
    "heritage-medal": {"en": "Heritage Medal", "ar": "وسام التراث"},
    "water-prize": {"en": "Water Prize", "ar": "جائزة المياه"},
}
EDITION = {"en": "1st edition", "ar": "الدورة الأولى"}


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Build, str]]:
    root = tmp_path_factory.mktemp("portal")
    content = copy_fixture(root / "content")
    for slug, titles in UNDATED.items():
        for lang in LANGS:
            write(content, f"{lang}/awards/{slug}.md", f"Title: {titles[lang]}\nEdition: {EDITION[lang]}\n\nText.\n")
    for number in range(1, 11):  # enough news for a second page of the listings, in both languages
        for lang in LANGS:
            write(
                content,
                f"{lang}/news/filler-{number:02d}.md",
                f"Title: {lang} {number}\nDate: 2023-01-{number:02d}\n\nText.\n",
            )
    for lang in LANGS:
        article = content / lang / "news" / "arab-city-day.md"
        text = article.read_text("utf-8")
        article.write_text(text.replace("\n\n", "\nAwards: water-prize, heritage-medal\n\n", 1), "utf-8")
    build = run_build(content, root, env={"PAGES_ONLY": "1"})
    assert build.returncode == 0, build.text
    server, base = serve(build.output)
    yield build, base
    server.shutdown()
    server.server_close()


def open_page(browser: Any, url: str, width: int = 375, height: int = 800, scheme: str = "light") -> Any:
    context = browser.new_context(viewport={"width": width, "height": height}, color_scheme=scheme)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    return page


# --- 1 and 2: awards say what is known, in the same order in both languages -------------


def award_slugs(page: Any, selector: str) -> list[str]:
    hrefs = page.eval_on_selector_all(f"{selector} .card-title a", "els => els.map(e => e.getAttribute('href'))")
    return [re.sub(r"^/\w+/awards/([^/]+)/$", r"\1", href) for href in hrefs]


@pytest.mark.parametrize(("path", "selector"), [("achievements/", ".award-year"), ("", ".latest-awards")])
def test_awards_are_listed_in_the_same_order_in_both_languages(
    browser: Any, portal: tuple[Build, str], path: str, selector: str
) -> None:
    _, base = portal
    orders = {}
    for lang in LANGS:
        page = open_page(browser, f"{base}/{lang}/{path}", 1280)
        orders[lang] = award_slugs(page, selector)
        page.context.close()
    assert orders["ar"] == orders["en"], orders
    if path:  # newest known date first; the undated ones by the date of the news that named them
        assert orders["en"] == [
            "road-safety-award",
            "smart-city-prize",
            "heritage-medal",
            "water-prize",
            "green-award",
            "old-honour",
        ]
    else:
        assert orders["en"] == ["road-safety-award", "smart-city-prize", "heritage-medal"]


@pytest.mark.parametrize(
    ("lang", "card", "fact"),
    [
        ("en", "Reported on 15 March 2020", "Muscat Municipality celebrates Arab City Day, 15 March 2020"),
        ("ar", "ورد في خبر بتاريخ 15 مارس 2020", "بلدية مسقط تحتفي بيوم المدينة العربية، 15 مارس 2020"),
    ],
)
def test_an_undated_award_says_what_is_known(
    browser: Any, portal: tuple[Build, str], lang: str, card: str, fact: str
) -> None:
    build, base = portal
    page = open_page(browser, f"{base}/{lang}/achievements/", 1280)
    group = page.locator('.award-year[data-year="2020"]')
    assert card in group.locator("li", has_text=UNDATED["water-prize"][lang]).inner_text()
    assert page.locator(".award-year").last.get_attribute("data-year") == "none"  # nothing known: last
    page.context.close()
    page = open_page(browser, f"{base}/{lang}/awards/water-prize/", 375)
    facts = page.locator(".award-details").inner_text()
    assert fact in " ".join(facts.split()), facts
    # a value that says what it is is not labelled twice ("الدورة: الدورة الأولى")
    assert page.locator(".award-details .fact-plain dt").evaluate("e => e.getBoundingClientRect().width") <= 1
    page.context.close()
    # never a date of its own
    html = build.page(f"{lang}/awards/water-prize/index.html")
    assert "data-pagefind-sort" not in html and 'data-pagefind-filter="year"' not in html


@pytest.mark.parametrize("lang", LANGS)
def test_the_awards_filters_offer_the_awarding_body_and_the_year(
    browser: Any, portal: tuple[Build, str], lang: str
) -> None:
    _, base = portal
    page = open_page(browser, f"{base}/{lang}/achievements/", 375)
    years = page.eval_on_selector_all("select[name=year] option", "os => os.map(o => o.value)")
    assert years == ["", "2024", "2020", "2019", "none"]
    page.select_option("select[name=year]", "2020")
    assert page.locator(".award-year li:not([hidden])").count() == 2
    page.context.close()


# --- 3: the footer stays at the foot of the window ----------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["no-such-page/", "about/", "tag/smart-cities/"])
def test_the_footer_sits_at_the_bottom_of_a_short_page(
    browser: Any, portal: tuple[Build, str], lang: str, path: str
) -> None:
    _, base = portal
    page = open_page(browser, f"{base}/{lang}/{path}", 1280, 1000)
    bottom, window, scroll = page.evaluate(
        "[document.querySelector('.site-footer').getBoundingClientRect().bottom, innerHeight,"
        " document.documentElement.scrollHeight]"
    )
    page.context.close()
    assert scroll <= window, "the page is not short at this size: pick a shorter one"
    assert abs(bottom - window) <= 1, f"the footer ends at {bottom}px in a {window}px window"


# --- 4: the footer and header say who we are ----------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_footer_has_the_statement_the_feed_and_the_copyright(
    browser: Any, portal: tuple[Build, str], lang: str
) -> None:
    _, base = portal
    page = open_page(browser, f"{base}/{lang}/", 1280)
    footer = page.locator(".site-footer")
    assert footer.locator(f'a[href="/{lang}/accessibility/"]').count() == 1
    assert footer.locator(f'a[href="/{lang}/feed.atom"]').count() == 1
    assert "2026" in footer.locator(".footer-copyright").inner_text()  # the build's clock (tests: 2026)
    if lang == "ar":  # no English word in the Arabic interface (the contact block is the team's data)
        furniture = page.evaluate(
            "[...document.querySelectorAll('.site-header, .footer-nav, .footer-copyright, .breadcrumbs')]"
            ".map(e => e.innerText).join(' ')"
        )
        switcher = page.locator(".language-switcher").inner_text()
        latin = re.findall(r"[A-Za-z]+", furniture.replace(switcher, ""))
        assert not latin, latin
    page.context.close()


# --- 5: the phone's header ----------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["", "news/arab-city-day/", "achievements/", "archive/", "search/"])
def test_the_phone_header_is_at_most_96px(browser: Any, portal: tuple[Build, str], lang: str, path: str) -> None:
    _, base = portal
    for width in (320, 375):
        page = open_page(browser, f"{base}/{lang}/{path}", width)
        height = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
        page.context.close()
        print(f"\n/{lang}/{path} at {width}px: header {height}px")
        assert height <= 96, f"/{lang}/{path} at {width}px: the header is {height}px high"


@pytest.mark.parametrize("lang", LANGS)
def test_the_menu_is_behind_a_button_and_search_is_one_tap(browser: Any, portal: tuple[Build, str], lang: str) -> None:
    _, base = portal
    page = open_page(browser, f"{base}/{lang}/news/arab-city-day/", 375)
    archive = page.locator(f'.site-nav a[href="/{lang}/archive/"]')
    assert not archive.is_visible()
    page.click(".menu-button")
    assert archive.is_visible()
    page.click(".search-box button")
    page.wait_for_load_state()
    assert page.url.startswith(f"{base}/{lang}/search/")
    page.context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_phone_breadcrumb_is_one_line_without_an_orphaned_chevron(
    browser: Any, portal: tuple[Build, str], lang: str
) -> None:
    _, base = portal
    page = open_page(browser, f"{base}/{lang}/awards/smart-city-prize/", 320)
    shown = page.eval_on_selector_all(
        ".breadcrumbs li", "els => els.filter(e => e.offsetParent !== null).map(e => e.getBoundingClientRect().height)"
    )
    line = page.evaluate("parseFloat(getComputedStyle(document.querySelector('.breadcrumbs li')).lineHeight)")
    page.context.close()
    assert len(shown) == 1 and shown[0] <= line * 1.1, shown


# --- 6: the home page on a wide screen ----------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_the_home_page_uses_a_wide_screen_and_articles_keep_their_measure(
    browser: Any, portal: tuple[Build, str], lang: str
) -> None:
    _, base = portal
    page = open_page(browser, f"{base}/{lang}/", 1280)
    lead = page.evaluate("document.querySelector('.lead-story').getBoundingClientRect().width")
    columns = page.evaluate(
        "getComputedStyle(document.querySelector('.news-cards')).gridTemplateColumns.split(' ').length"
    )
    assert page.locator(".news-cards .card-category").count() >= 1  # cards say their category
    page.context.close()
    assert lead >= 1100 and columns >= 2, (lead, columns)
    page = open_page(browser, f"{base}/{lang}/news/arab-city-day/", 1280)
    prose = page.evaluate("document.querySelector('.prose').getBoundingClientRect().width")
    page.context.close()
    assert prose <= 46 * 16, prose


# --- 7: contrast, print, names, the switcher, fonts ---------------------------------------

CONTRAST = """
(selector) => {
  const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const field = document.querySelector(selector);
  let back = field.parentElement;
  while (back && (getComputedStyle(back).backgroundColor === 'rgba(0, 0, 0, 0)')) { back = back.parentElement; }
  const behind = rgb(getComputedStyle(back || document.body).backgroundColor);
  const style = getComputedStyle(field);
  const sides = ['Top', 'Bottom', 'Left', 'Right'].filter((s) => parseFloat(style['border' + s + 'Width']) > 0);
  return sides.map((s) => {
    const [a, b] = [lum(rgb(style['border' + s + 'Color'])), lum(behind)];
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  });
}
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("path", "selector"),
    [("", "#site-search"), ("achievements/", ".award-filter select"), ("search/", ".search-row input")],
)
def test_form_borders_have_a_contrast_of_3_to_1(
    browser: Any, portal: tuple[Build, str], lang: str, scheme: str, path: str, selector: str
) -> None:
    _, base = portal
    page = open_page(browser, f"{base}/{lang}/{path}", 1280, scheme=scheme)
    ratios = page.evaluate(CONTRAST, selector)
    page.context.close()
    assert ratios and min(ratios) >= 3, f"{selector}: {ratios}"


@pytest.mark.parametrize("lang", LANGS)
def test_print_hides_navigation_search_and_tags_and_prints_the_address(
    browser: Any, portal: tuple[Build, str], lang: str
) -> None:
    _, base = portal
    page = open_page(browser, f"{base}/{lang}/news/road-opening/", 1280)
    page.emulate_media(media="print")
    for selector in (".site-nav", ".menu", ".search-box", ".language-switcher", ".breadcrumbs", ".tags"):
        assert not page.locator(selector).first.is_visible(), selector
    address = page.locator(".print-address")
    assert address.is_visible() and address.inner_text().endswith(f"/{lang}/news/road-opening/")
    assert page.locator("article h1").is_visible()
    page.context.close()


@pytest.mark.parametrize("lang", LANGS)
def test_the_archive_has_one_name(browser: Any, portal: tuple[Build, str], lang: str) -> None:
    _, base = portal
    page = open_page(browser, f"{base}/{lang}/archive/", 1280)
    menu = page.locator(f'.site-nav a[href="/{lang}/archive/"]').inner_text()
    assert page.locator("h1").inner_text() == menu
    assert page.title().startswith(menu)
    page.context.close()


def font_requests(browser: Any, url: str) -> list[str]:
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    fonts: list[str] = []
    page.on("request", lambda request: fonts.append(request.url) if request.resource_type == "font" else None)
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    context.close()
    return [Path(font).name.split(".")[0] for font in fonts]


def test_the_english_page_does_not_fetch_the_arabic_font_and_fonts_are_preloaded(
    browser: Any, portal: tuple[Build, str]
) -> None:
    build, base = portal
    assert not [f for f in font_requests(browser, f"{base}/en/") if "Arabic" in f]
    for lang, family in (("ar", "NotoNaskhArabic"), ("en", "NotoSans")):
        html = build.page(f"{lang}/index.html")
        preloaded = re.findall(r'<link rel="preload" href="[^"]*/(\w+)-(\w+)\.[0-9a-f]+\.woff2" as="font"', html)
        assert sorted(preloaded) == [(family, "Bold"), (family, "Regular")]
        # what is preloaded is used (a preload the page does not use would be wasted bytes)
        assert {f"{family}-Regular", f"{family}-Bold"} <= set(font_requests(browser, f"{base}/{lang}/"))


@pytest.mark.parametrize(
    ("start", "target"),
    [
        ("/en/page/2/", "/ar/page/2/"),
        ("/ar/archive/page/2/", "/en/archive/page/2/"),
        ("/en/search/?q=road", "/ar/search/?q=road"),
        ("/ar/search/?q=%D9%85%D8%B3%D9%82%D8%B7", "/en/search/?q=%D9%85%D8%B3%D9%82%D8%B7"),
    ],
)
def test_the_switcher_keeps_the_page_number_and_the_query(
    browser: Any, portal: tuple[Build, str], start: str, target: str
) -> None:
    _, base = portal
    page = open_page(browser, base + start, 1280)
    href = page.locator(".language-switcher a:not([aria-current])").get_attribute("href")
    page.context.close()
    assert href in (target, base + target), href
