"""Search in Chromium against the built site: the Arabic query table, plain Pagefind vs ours,
the normaliser's shared table, excerpts in the author's words, the other language's results."""

from __future__ import annotations

import json
import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sitebuild import copy_fixture, run_build, write

from newsroom.preview.server import serve

pytestmark = pytest.mark.browser

SMART = "/ar/news/smart-app/"
CITY = "/ar/news/arab-city-day/"
ROAD = "/ar/news/road-opening/"
PRIZE = "/ar/awards/smart-city-prize/"

# (language, query, pages that must be found; [] means nothing may be found)
QUERIES: list[tuple[str, str, list[str]]] = [
    ("ar", "الذكية", [SMART, PRIZE]),
    ("ar", "الذكيه", [SMART, PRIZE]),  # ه typed for ة
    ("ar", "الذكيّة", [SMART, PRIZE]),  # shadda
    ("ar", "الذكـية", [SMART, PRIZE]),  # tatweel
    ("ar", "بلديتى", [SMART]),  # ى typed for ي
    ("ar", "انجاز", [SMART]),  # hamza left out
    ("ar", "أنجاز", [SMART]),  # the wrong hamza
    ("ar", "المدينه", [SMART, CITY]),
    ("ar", "١٩٧١", [SMART, CITY]),  # Arabic-Indic digits find Latin ones too
    ("ar", "1971", [SMART, CITY]),
    ("ar", "Baladiyati", [SMART]),  # a Latin name inside Arabic text
    ("ar", "تطبيق Baladiyati", [SMART]),  # a mixed query
    ("ar", "القرم", [SMART]),  # with the definite article
    ("ar", "قرم", [SMART]),  # without it
    ("ar", "الرؤيه", [SMART]),
    ("ar", "مستشفي", [SMART]),  # ي typed for ى
    ("ar", "تحتفى", [SMART, CITY]),
    ("ar", "مبني", [SMART]),  # ي typed for the final ى
    ("ar", "الهدي", [SMART]),
    ("ar", "المبادره", [SMART]),
    ("ar", "مُنجزات", [CITY]),  # damma
    ("ar", "طريقا", [ROAD]),  # without the tanween
    ("ar", "التحول", [SMART]),  # the text says والتحول
    ("ar", "الابتكار", [SMART]),  # the text says والإبتكار
    ("ar", "التنافسية", [SMART]),  # the text says والتنافـسـية (tatweel)
    ("ar", "تخطيط", [SMART]),  # the text says وتخطيط
    ("ar", "بالتخطيط", [SMART]),
    ("ar", "زلزال", []),
    ("en", "road", ["/en/news/road-opening/", "/en/awards/road-safety-award/"]),
    ("en", "Bausher", ["/en/news/road-opening/"]),
    ("en", "1971", ["/en/news/arab-city-day/"]),
    ("en", "xylophone", []),
]


@pytest.fixture(scope="module")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("search")
    content = copy_fixture(root / "content")
    write(
        content,
        "ar/news/smart-app.md",
        "Title: إطلاق التطبيق الذكي للمدينة الذكية\nDate: 2024-02-01\n\n"
        "أطلقت بلدية مسقط تطبيق «بلديتي» Baladiyati للهواتف الذكية، وهو إنجاز في مسيرة المدن "
        "الذكية. انضمت البلدية إلى المنظمة عام ١٩٧١ وتحتفي بالمبادرة الجديدة على شاطئ القرم. "
        "مستشفى الرؤية يقدم خدماته في مبنى الهدى.\n\n"
        "ويخدم التطبيق وتخطيط المدن والتحول الرقمي والإبتكار والتنافـسـية.\n",
    )
    build = run_build(content, root)
    assert build.returncode == 0, build.text
    assert "search" in build.stdout and "ar " in build.stdout  # the stage reports its languages
    server, base = serve(build.output)
    yield base
    server.shutdown()
    server.server_close()


def search_page(browser: Any, base: str, lang: str) -> Any:
    page = browser.new_context().new_page()
    page.goto(f"{base}/{lang}/search/")
    page.evaluate("""async () => {
        window.ours = await import(document.querySelector('script[type=module]').src);
        // Plain Pagefind over the same shards (a module of its own: ?plain), merged as ours are.
        const bundle = document.querySelector('.search-page-form').dataset.bundle;
        const base = bundle.slice(0, bundle.lastIndexOf('/') + 1);
        const {shards} = await (await fetch(base + 'shards.json')).json();
        window.plain = await import(base + shards[0] + '/pagefind.js?plain');
        await window.plain.init();
        for (const shard of shards.slice(1)) await window.plain.mergeIndex(base + shard + '/');
        await window.ours.search('warm');
    }""")
    return page


RUN = """async ([q, which]) => {
    const t0 = performance.now();
    const results = which === 'ours' ? await window.ours.search(q) : (await window.plain.search(q)).results;
    const ms = performance.now() - t0;
    const pages = await Promise.all(results.map(r => r.data()));
    return {ms, urls: pages.map(p => p.url)};
}"""


def test_the_query_table(browser: Any, search_site: str) -> None:
    pages = {lang: search_page(browser, search_site, lang) for lang in ("ar", "en")}
    misses, times, table = [], [], []
    found = {"ours": 0, "plain": 0}  # queries whose expected pages each one finds
    for lang, query, expected in QUERIES:
        ours = pages[lang].evaluate(RUN, [query, "ours"])
        plain = pages[lang].evaluate(RUN, [query, "plain"])
        times.append(ours["ms"])
        if expected:
            found["ours"] += set(expected) <= set(ours["urls"])
            found["plain"] += set(expected) <= set(plain["urls"])
            if set(expected) <= set(plain["urls"]) and not set(expected) <= set(ours["urls"]):
                misses.append(f"{query!r}: plain Pagefind finds {expected}, ours does not")
        table.append(f"{query:<18} plain: {plain['urls']}  ours: {ours['urls']}")
        if (expected and not set(expected) <= set(ours["urls"])) or (not expected and ours["urls"]):
            misses.append(f"{query!r}: expected {expected}, got {ours['urls']}")
    for page in pages.values():
        page.context.close()
    times.sort()
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print("\n" + "\n".join(table))
    print(
        f"\nquery time in Chromium: median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms "
        f"over {len(times)} queries"
    )
    assert not misses, "\n".join(misses)
    # Our normaliser is the reason to have our own search: it must find more than Pagefind alone.
    assert found["ours"] > found["plain"], found


def test_the_search_page_in_arabic(browser: Any, search_site: str, tmp_path: Path) -> None:
    page = browser.new_context().new_page()
    page.goto(f"{search_site}/ar/search/?q=الذكيه")
    page.wait_for_selector(".search-results li")
    assert page.input_value("#search-query") == "الذكيه"
    assert "الذكيه" in page.text_content(".search-status")
    assert page.locator(".search-excerpt mark").count() >= 1
    assert page.evaluate("getComputedStyle(document.querySelector('.search-results')).direction") == "rtl"
    links = page.eval_on_selector_all(".search-results a", "els => els.map(e => e.getAttribute('href'))")
    assert SMART in links and PRIZE in links
    assert page.locator(".search-filters").is_visible()
    page.select_option("select[name=type]", label="جائزة (4)")
    page.wait_for_function("document.querySelectorAll('.search-results li').length === 1")
    assert "type=" in page.url
    page.context.close()


def test_results_can_be_ordered_newest_first(browser: Any, search_site: str) -> None:
    page = browser.new_context().new_page()
    page.goto(f"{search_site}/ar/search/?q=مسقط&sort=date")
    page.wait_for_selector(".search-results li")
    links = page.eval_on_selector_all(".search-results a", "els => els.map(e => e.getAttribute('href'))")
    news = [link for link in links if "/news/" in link]
    assert news[:2] == [SMART, CITY]  # 2024 before 2020
    assert page.input_value("select[name=sort]") == "date"
    page.context.close()


def test_the_header_box_leads_to_the_search_page(browser: Any, search_site: str) -> None:
    page = browser.new_context().new_page()
    page.goto(f"{search_site}/en/")
    page.fill("#site-search", "road")
    page.press("#site-search", "Enter")
    page.wait_for_selector(".search-results li")
    assert page.url.startswith(f"{search_site}/en/search/?q=road")
    # The results are reachable with the keyboard: Tab from the search field lands on a result.
    reached = False
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("() => !!document.activeElement.closest('.search-results a')"):
            reached = True
            break
    assert reached, "no search result link can be reached with Tab"
    page.context.close()


def test_without_javascript_the_page_says_so(browser: Any, search_site: str) -> None:
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(f"{search_site}/ar/search/?q=الذكية")
    text = page.text_content("main")
    assert "JavaScript" in text and "الأرشيف" in text
    page.context.close()


def test_everything_works_under_the_security_policy(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Served with the production Content-Security-Policy: no violation, search still runs."""
    from newsroom.pipeline.headers import CSP

    root = tmp_path_factory.mktemp("csp")
    build = run_build(copy_fixture(root / "content"), root)
    assert build.returncode == 0, build.text
    server, base = serve(build.output, {"Content-Security-Policy": CSP})
    violations: list[str] = []
    try:
        for path in ("/ar/search/?q=الذكية", "/en/achievements/", "/ar/news/arab-city-day/"):
            page = browser.new_context().new_page()
            page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
            page.goto(base + path, wait_until="networkidle")
            if "search" in path:
                page.wait_for_selector(".search-results li")
            page.context.close()
    finally:
        server.shutdown()
        server.server_close()
    assert not violations, violations


TABLE = json.loads((Path(__file__).parent.parent / "fixtures" / "search_normaliser.json").read_text("utf-8"))


def test_the_javascript_normaliser_keeps_the_shared_table(browser: Any, search_site: str) -> None:
    page = search_page(browser, search_site, "ar")
    got = page.evaluate("table => table.map(c => window.ours.normalise(c.input))", TABLE)
    page.context.close()
    wrong = [
        f"{c['why']}: {c['input']!r} -> {g!r}, Python says {c['expected']!r}"
        for c, g in zip(TABLE, got, strict=True)
        if g != c["expected"]
    ]
    assert not wrong, "\n".join(wrong)


# Labels and furniture of the pages: never in an excerpt (they are not indexed).
LABELS = {
    "ar": ["الجهة المانحة", "غير معروف", "الدورة", "أخبار عن هذه الجائزة", "هـ"],
    "en": ["Awarded by", "Not known", "Edition", "News about this award"],
}


@pytest.mark.parametrize(("lang", "query"), [("ar", "جائزة"), ("ar", "الجائزة"), ("en", "award"), ("en", "prize")])
def test_excerpts_are_the_authors_words_without_labels(browser: Any, search_site: str, lang: str, query: str) -> None:
    page = browser.new_context().new_page()
    page.goto(f"{search_site}/{lang}/search/?q={query}")
    page.wait_for_selector(".search-results li")
    excerpts = page.eval_on_selector_all(".search-excerpt", "els => els.map(e => e.textContent)")
    marked = page.eval_on_selector_all(".search-excerpt mark", "els => els.map(e => e.textContent)")
    page.context.close()
    assert excerpts and marked
    for text in excerpts:
        for label in LABELS[lang]:
            assert label not in text, f"{label!r} in the excerpt {text!r}"
    # a marked word is written as the author wrote it (not the indexed form)
    assert all(m in "\n".join(excerpts) for m in marked)
    if lang == "ar":
        assert any(m in ("جائزة", "الجائزة", "بجائزة", "وجائزة") for m in marked), marked


def test_arabic_prefixed_words_are_found_and_marked_as_written(browser: Any, search_site: str) -> None:
    page = browser.new_context().new_page()
    page.goto(f"{search_site}/ar/search/?q=التنافسية")
    page.wait_for_selector(".search-results li")
    assert page.locator(".search-excerpt mark", has_text="والتنافـسـية").count() >= 1
    page.context.close()


def test_a_query_in_the_other_script_offers_the_other_languages_results(browser: Any, search_site: str) -> None:
    page = browser.new_context().new_page()
    page.goto(f"{search_site}/ar/search/?q=Bausher")
    page.wait_for_selector(".search-results li")
    status = page.text_content(".search-status")
    assert "لا توجد نتائج بالعربية" in status and "Bausher" in status, status
    links = page.eval_on_selector_all(".search-results a", "els => els.map(e => e.getAttribute('href'))")
    assert "/en/news/road-opening/" in links
    assert page.get_attribute(".search-results li", "lang") == "en"
    page.goto(f"{search_site}/en/search/?q=بوشر")
    page.wait_for_selector(".search-results li")
    assert "No results in English" in page.text_content(".search-status")
    assert page.get_attribute(".search-results li", "lang") == "ar"
    page.context.close()


def test_results_come_as_the_reader_types_and_the_title_match_first(browser: Any, search_site: str) -> None:
    page = browser.new_context().new_page()
    page.goto(f"{search_site}/ar/search/")
    page.wait_for_selector(".search-filters:not([hidden])")
    page.locator("#search-query").press_sequentially("افتتاح طريق", delay=40)  # no Enter
    page.wait_for_selector(".search-results li")
    first = page.get_attribute(".search-results li a", "href")
    assert first == ROAD, first  # its title is "افتتاح طريق جديد في بوشر"
    page.context.close()


@pytest.mark.parametrize(("lang", "query"), [("ar", "البلدية مسقط"), ("en", "municipality road")])
def test_the_indexed_words_are_the_pages_words_one_for_one(
    browser: Any, search_site: str, lang: str, query: str
) -> None:
    # what excerpts rely on: word n of Pagefind's content is word n of the page's text
    page = search_page(browser, search_site, lang)
    counts = page.evaluate(
        """async q => (await Promise.all((await window.ours.search(q)).map(r => r.data()))).map(d =>
            [d.url, ...[d.content, d.meta.text].map(t => t.split(/\\s+/).filter(Boolean).length)])""",
        query,
    )
    page.context.close()
    assert counts
    assert all(indexed == written for _url, indexed, written in counts), counts
