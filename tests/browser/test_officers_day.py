"""The communications officer's day, in one go (issue 15): a new pair, a build that publishes
nothing of it, the preview in Chromium showing it, a mistake shown over the page (in the
page's language, with the file name) and gone when fixed, then the verdict CI will give and
the scheduled minute."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
from sitebuild import copy_fixture, fetch, make_new, preview, run_build

OVERLAY = ".preview-problems"


def files(output: Path) -> set[str]:
    return {p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()}


def fill(path: Path, title: str, body: str) -> None:
    """What an officer types into the file `make new` wrote: a title and the text."""
    text = path.read_text("utf-8").replace("Title:\n", f"Title: {title}\n", 1)
    path.write_text(re.sub(r"\n\n.*", f"\n\n{body}\n", text, count=1, flags=re.S), "utf-8")


@pytest.mark.browser
def test_an_officers_day_from_a_new_draft_to_the_scheduled_minute(browser: Any, tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    before = run_build(content, tmp_path / "site")
    assert before.returncode == 0, before.text
    published = files(before.output)

    # make new: a pair that builds as it is, and publishes nothing of it
    made = make_new(content, "news", "beach-day")
    assert made.returncode == 0, made.stderr
    ar, en = content / "ar/news/beach-day.md", content / "en/news/beach-day.md"
    draft = run_build(content, tmp_path / "site")
    assert draft.returncode == 0, draft.text
    assert "ar/news/beach-day.md:1: notice: (draft, not published) 'Title:' is empty" in draft.stderr
    assert files(draft.output) == published, "a draft published something"

    # fill in the pair; the preview shows it (a draft, under its banner)
    fill(ar, "يوم الشاطئ المفتوح", "تدعو البلدية الأسر إلى يوم الشاطئ المفتوح.")
    fill(en, "Open beach day", "The municipality invites families to the open beach day.")
    with preview(content, tmp_path / "work") as base:
        page = browser.new_page()
        page.goto(f"{base}/ar/news/beach-day/", wait_until="networkidle")
        assert page.locator("h1").first.inner_text() == "يوم الشاطئ المفتوح"
        assert page.locator(".preview-banner").is_visible()
        assert page.locator(OVERLAY).is_hidden(), page.locator(OVERLAY).inner_text()
        english = browser.new_page()
        english.goto(f"{base}/en/news/beach-day/", wait_until="networkidle")

        # a mistake: the preview page itself says so, with the file and what to do
        good = ar.read_text("utf-8")
        ar.write_text(re.sub(r"^Date: .*$", "Date: 2026-13-05 09:00", good, flags=re.M), "utf-8")
        overlay = page.locator(OVERLAY)
        overlay.wait_for(state="visible", timeout=20_000)
        text = overlay.inner_text()
        assert "مشكلات يلزم إصلاحها" in text  # the Arabic page's words
        assert "ar/news/beach-day.md" in text and "month 13" in text and "مسودة، غير منشورة" in text
        assert "المطلوب:" in text
        # the page stays (its last good version), under the problem: not a "page not found"
        assert page.locator("h1").first.inner_text() == "يوم الشاطئ المفتوح"
        english.locator(OVERLAY).wait_for(state="visible", timeout=20_000)
        assert "Problems to fix" in english.locator(OVERLAY).inner_text()  # the English page's words

        # a hostile value in a problem is shown as text, never as markup
        ar.write_text(good.replace("Title: ", "Category: <img src=x onerror=alert(1)>\nTitle: ", 1), "utf-8")
        page.wait_for_function(
            "document.querySelector('.preview-problems').innerText.includes('<img src=x')", timeout=20_000
        )
        assert page.locator(f"{OVERLAY} img").count() == 0

        # fixed: the overlay goes by itself. Waited for on what the server says first: one save
        # can start two builds (the file is truncated, then written), and the second one, of
        # the content before the fix, may still be running; a page that reloads meanwhile has
        # its overlay hidden for a moment, which a wait for "hidden" alone took for the fix.
        ar.write_text(good, "utf-8")
        deadline = time.monotonic() + 20
        while "<img src=x" in fetch(f"{base}/__problems.json"):
            assert time.monotonic() < deadline, "the fix was not built"
            time.sleep(0.1)
        overlay.wait_for(state="hidden", timeout=20_000)
        english.locator(OVERLAY).wait_for(state="hidden", timeout=20_000)

        # an error in a published article: the preview is not rebuilt, and says so
        road = content / "ar/news/road-opening.md"
        road_text = road.read_text("utf-8")
        road.write_text(re.sub(r"^Title: .*$", "Title:", road_text, flags=re.M), "utf-8")
        overlay.wait_for(state="visible", timeout=20_000)
        assert "لم تُحدَّث المعاينة" in overlay.inner_text()
        assert "ar/news/road-opening.md" in overlay.inner_text() and "خطأ" in overlay.inner_text()
        road.write_text(road_text, "utf-8")
        overlay.wait_for(state="hidden", timeout=20_000)
        page.close()
        english.close()

    # ready: no longer a draft, scheduled for 14:00 (the clock of these builds is 12:00)
    for path in (ar, en):
        path.write_text(
            re.sub(r"^Date: .*$", "Date: 2026-06-01 14:00", path.read_text("utf-8"), flags=re.M).replace(
                "Status: draft\n", ""
            ),
            "utf-8",
        )
    check = run_build(content, tmp_path / "check", "--check", env={"SITE_CLOCK": "2026-06-01T14:00:00"})
    assert check.returncode == 0, check.text
    assert "CI will publish this: no errors, no warnings" in check.stdout
    early = run_build(content, tmp_path / "site", env={"SITE_CLOCK": "2026-06-01T13:59:00"})
    assert early.returncode == 0, early.text
    assert not (early.output / "ar/news/beach-day").exists() and not (early.output / "en/news/beach-day").exists()
    on_time = run_build(content, tmp_path / "site", env={"SITE_CLOCK": "2026-06-01T14:00:00"})
    assert on_time.returncode == 0, on_time.text
    assert "يوم الشاطئ المفتوح" in on_time.page("ar/news/beach-day/index.html")
    assert 'hreflang="ar" href="/ar/news/beach-day/"' in on_time.page("en/news/beach-day/index.html")
