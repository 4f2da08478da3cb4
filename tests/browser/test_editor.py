"""The web editor (/admin/, Decap CMS) driven in Chromium through its local backend.

`make serve` on a temporary copy of the fixture content (never content/): decap-server writes
into that copy, and the files it writes go through the same build and checks as hand-written
ones. Without Node.js or the npm packages the tests are skipped with the reason; under CI=true
they fail instead.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sitebuild import copy_fixture, fetch, preview, run_build

from newsroom.commands.editor import unavailable

pytestmark = pytest.mark.browser

SLUG = "harbour-festival"
AR_TITLE = "مهرجان الميناء يعود هذا الصيف"
EN_TITLE = "The harbour festival returns this summer"
DATE = "2026-07-01T10:00"  # scheduled: after the tests' clock (tests/sitebuild.py CLOCK)
AFTER = "2026-07-02T12:00:00"


@pytest.fixture(scope="module")
def editor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, str]]:
    reason = unavailable()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the web editor tests must run in CI: {reason}")
        pytest.skip(reason)
    root = tmp_path_factory.mktemp("editor")
    content = copy_fixture(root / "repo" / "content")
    with preview(content, root / "work") as base:
        assert "Decap" not in fetch(f"{base}/ar/")  # no public page loads the editor
        yield content, base


def snapshot(content: Path) -> dict[str, bytes]:
    return {p.relative_to(content).as_posix(): p.read_bytes() for p in sorted(content.rglob("*")) if p.is_file()}


def wait_for(check: Any, what: str, seconds: float = 20) -> Any:
    deadline = time.monotonic() + seconds
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.2)


def field(page: Any, label: str, pane: int = 0) -> Any:
    """The control of the field labelled `label` in the Arabic (0) or English (1) pane."""
    target = page.locator("label", has_text=label).nth(pane).get_attribute("for")
    return page.locator(f'[id="{target}"]')


def container(page: Any, label: str, pane: int, holding: str) -> Any:
    """The nearest element around the field's label that holds a `holding` element."""
    return page.locator("label", has_text=label).nth(pane).locator(f"xpath=ancestor::*[.//{holding}][1]")


def type_body(page: Any, text: str, pane: int) -> None:
    box = container(page, "Text · النص", pane, "*[@contenteditable='true']").locator("[contenteditable=true]").first
    box.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def open_editor(browser: Any, base: str, path: str) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and "Content Security Policy" in m.text and errors.append(m.text))
    page.goto(f"{base}/admin/")
    page.get_by_role("button", name="Login").click()
    page.wait_for_selector("text=News · الأخبار")
    page.goto(f"{base}/admin/#/{path}")
    page.wait_for_selector("label:has-text('Title · العنوان')")
    return context, page, errors


def publish(page: Any) -> None:
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_text("Publish now").click()


def test_create_a_pair(browser: Any, editor: tuple[Path, str], artifacts: Path) -> None:
    content, base = editor
    context, page, errors = open_editor(browser, base, "collections/news/new")
    try:
        field(page, "Web address").fill(SLUG)
        field(page, "Title · العنوان", 0).fill(AR_TITLE)
        field(page, "Title · العنوان", 1).fill(EN_TITLE)
        field(page, "Date · التاريخ").fill(DATE)
        field(page, "Status · الحالة").click()
        page.get_by_text("published", exact=True).click()
        field(page, "Category · التصنيف", 0).select_option("الطرق")
        field(page, "Category · التصنيف", 1).select_option("Roads")
        field(page, "Tags · الوسوم", 0).get_by_label("النقل — Transport").check()
        field(page, "Tags · الوسوم", 1).get_by_label("Transport — النقل").check()
        container(page, "Image · الصورة", 0, "button").get_by_role("button", name="Choose an image").click()
        page.screenshot(path=str(artifacts / "editor-media.png"))
        page.get_by_text("corniche.jpg").click()
        page.get_by_role("button", name="Choose selected").click()
        field(page, "Image-Alt · وصف الصورة", 0).fill("كورنيش مطرح عند الغروب")
        field(page, "Image-Alt · وصف الصورة", 1).fill("The Muttrah corniche at sunset")
        type_body(page, "يعود مهرجان الميناء في الأول من يوليو.", 0)
        type_body(page, "The harbour festival returns on 1 July.", 1)
        page.screenshot(path=str(artifacts / "editor-new-pair.png"))
        publish(page)
        ar = content / "ar" / "news" / f"{SLUG}.md"
        en = content / "en" / "news" / f"{SLUG}.md"
        wait_for(lambda: ar.is_file() and en.is_file(), "both files on disk")
        assert errors == []
    finally:
        context.close()

    ar_text, en_text = ar.read_text("utf-8"), en.read_text("utf-8")
    assert ar_text == (
        f"Title: {AR_TITLE}\nDate: 2026-07-01 10:00\nCategory: الطرق\nTags: النقل\n"
        "Image: corniche.jpg\nImage-Alt: كورنيش مطرح عند الغروب\nStatus: published\n\n"
        "يعود مهرجان الميناء في الأول من يوليو.\n"
    ), ar_text
    assert en_text == (
        f"Title: {EN_TITLE}\nDate: 2026-07-01 10:00\nCategory: Roads\nTags: Transport\n"
        "Image: corniche.jpg\nImage-Alt: The Muttrah corniche at sunset\nStatus: published\n\n"
        "The harbour festival returns on 1 July.\n"
    ), en_text

    # make check on the saved files, then the site once their date has come.
    root = content.parent.parent / "build"
    check = run_build(content, root / "check", "--check", env={"SITE_CLOCK": AFTER})
    assert check.returncode == 0, check.text
    assert SLUG not in check.text, check.text
    build = run_build(content, root / "site", env={"SITE_CLOCK": AFTER})
    assert build.returncode == 0, build.text
    ar_page, en_page = build.page(f"ar/news/{SLUG}/index.html"), build.page(f"en/news/{SLUG}/index.html")
    assert AR_TITLE in ar_page and EN_TITLE in en_page
    assert f'hreflang="en" href="/en/news/{SLUG}/"' in ar_page
    assert f'hreflang="ar" href="/ar/news/{SLUG}/"' in en_page


def test_collections_list_their_entries(browser: Any, editor: tuple[Path, str]) -> None:
    """Each kind's list shows the pair once, by its Arabic title (both files are one entry)."""
    _content, base = editor
    context, page, _errors = open_editor(browser, base, "collections/news/entries/road-opening")
    try:
        page.goto(f"{base}/admin/#/collections/awards")
        page.wait_for_selector("text=جائزة السلامة المرورية")
        assert page.get_by_text("جائزة السلامة المرورية").count() == 1
    finally:
        context.close()


def test_edit_changes_only_that_file(browser: Any, editor: tuple[Path, str]) -> None:
    content, base = editor
    before = snapshot(content)
    context, page, _errors = open_editor(browser, base, "collections/news/entries/road-opening")
    try:
        # The stored `Awards: road-safety-award` is shown by its title in both panes.
        for pane, title in ((0, "جائزة السلامة المرورية"), (1, "Road Safety Award")):
            awards = container(page, "Awards · الجوائز", pane, "input")
            wait_for(lambda awards=awards, title=title: title in awards.inner_text(), f"the award in pane {pane}")
        type_body(page, " وسيفتح للجميع.", 0)
        publish(page)
        target = "ar/news/road-opening.md"
        wait_for(lambda: (content / target).read_bytes() != before[target], "the Arabic file to change")
        time.sleep(1)  # decap-server writes the pair's files one after the other
    finally:
        context.close()
    after = snapshot(content)
    changed = sorted(rel for rel in set(before) | set(after) if before.get(rel) != after.get(rel))
    assert changed == [target]
    text = after[target].decode("utf-8")
    assert text.startswith(before[target].decode("utf-8").split("\n\n", 1)[0] + "\n\n")  # the header as it was
    assert "وسيفتح للجميع." in text


# -- The interface in Arabic ---------------------------------------------------------------------
def arabic_context(browser: Any, locale: str = "ar") -> tuple[Any, Any, list[str]]:
    """A browser whose officer prefers `locale` (navigator.languages), with the page's CSP errors."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale=locale)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and "Content Security Policy" in m.text and errors.append(m.text))
    return context, page, errors


def phrase_keys(page: Any, locale: str) -> list[str]:
    """The keys of the phrases Decap's running bundle has for `locale`."""
    return page.evaluate(
        """(locale) => {
          const keys = [];
          const walk = (o, p) => Object.entries(o).forEach(([k, v]) =>
            v && typeof v === "object" ? walk(v, p + k + ".") : keys.push(p + k));
          walk(window.CMS.getLocale(locale), "");
          return keys.sort();
        }""",
        locale,
    )


def root_direction(page: Any) -> list[str]:
    """The page's <html dir> and <html lang>."""
    return page.evaluate("[document.documentElement.dir, document.documentElement.lang]")


def box(locator: Any) -> dict[str, float]:
    """Where `locator` is drawn, in the window's coordinates (x from the left edge)."""
    found = locator.bounding_box()
    assert found is not None, locator
    return found


def direction(locator: Any) -> str:
    """The computed CSS direction of `locator`'s element ("rtl" or "ltr")."""
    return locator.evaluate("(el) => getComputedStyle(el).direction")


def test_an_arabic_browser_gets_the_arabic_interface(browser: Any, editor: tuple[Path, str], artifacts: Path) -> None:
    """Arabic first: Decap's own words and our labels in Arabic, laid out right to left; the
    page's link switches to English (left to right), keeps the view and is remembered; no
    phrase falls back to English."""
    _content, base = editor
    context, page, errors = arabic_context(browser, "ar-OM")
    try:
        page.goto(f"{base}/admin/")
        page.get_by_role("button", name="تسجيل الدخول").click()
        page.wait_for_selector("text=الأقسام")  # "Collections"
        assert root_direction(page) == ["rtl", "ar"]
        sidebar = page.get_by_role("link", name="التنبيهات العاجلة")
        assert sidebar.is_visible()
        width = page.viewport_size["width"]
        aside = box(page.locator("aside").first)  # the collections' list: on the right
        assert aside["x"] > width / 2, aside
        page.get_by_role("link", name="الأخبار").first.click()
        new = page.get_by_text("إضافة خبر")  # the collection's "New" button
        new.wait_for()
        assert new.get_attribute("href") == "#/collections/news/new"
        entry = box(page.get_by_role("link", name="افتتاح طريق جديد في بوشر"))
        assert max(box(new)["x"] + box(new)["width"], entry["x"] + entry["width"]) < aside["x"]  # on its left
        assert page.get_by_text("المحتوى").first.is_visible()  # the header's "Contents"
        page.screenshot(path=str(artifacts / "editor-arabic-list.png"))
        # Every phrase of the bundle's English has its Arabic (none falls back to English).
        assert phrase_keys(page, "ar") == phrase_keys(page, "en")

        page.goto(f"{base}/admin/#/collections/news/entries/road-opening")
        page.wait_for_selector("label:has-text('العنوان')")
        assert page.locator("label", has_text="Title").count() == 0  # our labels in Arabic too
        assert page.locator("label", has_text="وصف الصورة").count() == 2  # both panes
        # The Arabic pane on the right, the English one on its left; each field keeps the
        # direction of its language whatever the interface's.
        ar_title, en_title = field(page, "العنوان", 0), field(page, "العنوان", 1)
        assert box(ar_title)["x"] > width / 2 > box(en_title)["x"] + box(en_title)["width"]
        assert (direction(ar_title), direction(en_title)) == ("rtl", "ltr")
        back = box(page.locator('[class*="-ToolbarSectionBackLink"]'))  # "back to the list"
        assert back["x"] > width / 2, back
        page.get_by_role("button", name="نشر").first.click()  # "Publish" opens its menu
        assert page.get_by_text("انشر الآن").is_visible()
        page.screenshot(path=str(artifacts / "editor-arabic-entry.png"))
        page.keyboard.press("Escape")

        # On a phone the entry's page (800 px at least) overflows on the left, where a right to
        # left page scrolls to: the Arabic pane is the one in view, from its start (right) edge.
        page.set_viewport_size({"width": 375, "height": 800})
        narrow = box(ar_title)
        assert 375 - 40 < narrow["x"] + narrow["width"] <= 375, narrow
        page.set_viewport_size({"width": width, "height": 1000})

        # The switch, from a list (the entry's page would ask before leaving it).
        page.goto(f"{base}/admin/#/collections/awards")
        page.wait_for_selector("text=جائزة السلامة المرورية")
        page.get_by_role("link", name="English").click()
        page.get_by_text("＋ Award · جائزة").wait_for()  # English, on the same list
        assert page.url.endswith("/admin/#/collections/awards"), page.url  # ?ui=en remembered, not kept
        assert root_direction(page) == ["ltr", "en"]
        aside = box(page.locator("aside").first)  # left to right: the list on the left
        assert aside["x"] + aside["width"] < width / 2, aside
        page.reload()
        page.get_by_text("＋ Award · جائزة").wait_for()  # remembered in this browser
        page.get_by_role("link", name="العربية").click()
        page.get_by_text("إضافة جائزة").wait_for()
        assert errors == []
    finally:
        context.close()


def test_the_english_interface_stays_left_to_right(browser: Any, editor: tuple[Path, str]) -> None:
    """English is Decap's own layout: left to right, the Arabic pane on the left, and each pane's
    fields in the direction of its language."""
    _content, base = editor
    context, page, _errors = open_editor(browser, base, "collections/news/entries/road-opening")
    try:
        assert root_direction(page) == ["ltr", "en"]
        width = page.viewport_size["width"]
        ar_title, en_title = field(page, "Title · العنوان", 0), field(page, "Title · العنوان", 1)
        assert box(ar_title)["x"] + box(ar_title)["width"] < width / 2 < box(en_title)["x"]
        assert (direction(ar_title), direction(en_title)) == ("rtl", "ltr")
        page.on("dialog", lambda dialog: dialog.accept())  # leave the entry without saving
        page.goto(f"{base}/admin/#/collections/news")
        aside = box(page.locator("aside").first)
        assert aside["x"] + aside["width"] < width / 2, aside
    finally:
        context.close()


def test_the_setting_chooses_when_the_officer_has_not(browser: Any, editor: tuple[Path, str]) -> None:
    """EDITOR's UI_LOCALE ("ar" here, through editor.json) outweighs an English browser."""
    _content, base = editor
    context, page, errors = arabic_context(browser, "en-GB")

    def arabic_setting(route: Any) -> None:
        response = route.fetch()
        data = response.json()
        data["ui"]["setting"] = "ar"
        route.fulfill(response=response, json=data)

    try:
        page.route("**/admin/editor.json", arabic_setting)
        page.goto(f"{base}/admin/")
        page.get_by_role("button", name="تسجيل الدخول").wait_for()
        assert page.get_by_role("link", name="English").is_visible()
        assert errors == []
    finally:
        context.close()
