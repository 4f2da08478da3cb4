"""The communications team's workflow: new pairs, preview, notices, images, status."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from helpers import tags
from PIL import Image
from sitebuild import fetch, make_new, preview, run_build, write

from newsroom.core.pairs import pair_rows


def test_make_new_creates_a_pair_that_builds_and_links(content: Path, tmp_path: Path) -> None:
    result = make_new(content, "news", "beach-day")
    assert result.returncode == 0, result.stderr
    ar, en = content / "ar/news/beach-day.md", content / "en/news/beach-day.md"
    assert ar.read_text("utf-8").startswith("Title:\nDate: ")
    unfinished = run_build(content, tmp_path / "unfinished")
    # A draft blocks nobody (issue 15): its problems are the draft's notices, nothing of it is published.
    assert unfinished.returncode == 0, unfinished.text
    assert "ar/news/beach-day.md:1: notice: (draft, not published) 'Title:' is empty" in unfinished.stderr
    assert not (unfinished.output / "ar" / "news" / "beach-day").exists()
    for path, title in ((ar, "يوم الشاطئ"), (en, "Beach day")):
        text = path.read_text("utf-8").replace("Title:\n", f"Title: {title}\n").replace("Status: draft\n", "")
        text = re.sub(r"Date: .*", "Date: 2026-05-01 10:00", text)
        path.write_text(text, "utf-8")
    build = run_build(content, tmp_path / "done")
    assert build.returncode == 0, build.text
    page = build.page("ar/news/beach-day/index.html")
    links = {a["hreflang"]: a["href"] for a in tags(page, "link", rel="alternate") if "hreflang" in a}
    assert links["en"] == "/en/news/beach-day/"


@pytest.mark.parametrize(
    ("slug", "words"),
    [
        ("road-opening", "already exists"),
        ("يوم-الشاطئ", "cannot be a web address"),
        ("Beach Day", "cannot be a web address"),
        ("archive", "cannot be"),
    ],
)
def test_make_new_refuses_overwrites_and_bad_names(content: Path, slug: str, words: str) -> None:
    before = (content / "ar/news/road-opening.md").read_bytes()
    result = make_new(content, "news", slug)
    assert result.returncode == 1 and words in result.stderr
    assert (content / "ar/news/road-opening.md").read_bytes() == before


def test_preview_shows_drafts_and_scheduled_articles_under_a_banner(content: Path, tmp_path: Path) -> None:
    build = run_build(content, tmp_path, "--preview")
    assert build.returncode == 0, build.text
    preview = tmp_path / "work" / "preview" / "output"
    draft = (preview / "en/news/draft-plan/index.html").read_text("utf-8")
    assert "Draft: this is not published" in draft
    scheduled = (preview / "ar/news/next-year/index.html").read_text("utf-8")
    assert "preview-banner" in scheduled and "1 يناير 2027" in scheduled
    assert (preview / "status/index.html").exists() and (preview / "__build.txt").exists()
    assert not (tmp_path / "output").exists()  # the preview never touches output/
    production = run_build(content, tmp_path / "production")
    assert not (production.output / "en/news/draft-plan").exists()
    assert not list(production.output.rglob("status")) and "preview-banner" not in production.page("ar/index.html")


def test_a_notice_shows_on_every_page_until_it_expires(content: Path, tmp_path: Path) -> None:
    write(content, "ar/notices/storm.md", "Title: تحذير من الأمطار\nExpires: 2026-06-02 18:00\n\nتجنبوا الأودية.\n")
    write(content, "en/notices/storm.md", "Title: Heavy rain warning\nExpires: 2026-06-02 18:00\n\nAvoid the wadis.\n")
    before = run_build(content, tmp_path / "before")  # the clock: 2026-06-01 12:00
    assert before.returncode == 0, before.text
    pages = list((before.output / "ar").rglob("*.html"))
    assert pages and all("تحذير من الأمطار" in p.read_text("utf-8") for p in pages)
    assert all("Heavy rain warning" in p.read_text("utf-8") for p in (before.output / "en").rglob("*.html"))
    assert "Heavy rain" not in before.page("ar/index.html")  # each language its own notice
    html = before.page("ar/index.html")
    (button,) = tags(html, "button", **{"class": "urgent-notice-dismiss"})
    assert "hidden" in button  # shown by notices.js; no inline code
    assert [s for s in tags(html, "script") if "/theme/js/notices." in s.get("src", "")]
    after = run_build(content, tmp_path / "after", env={"SITE_CLOCK": "2026-06-02T18:01:00"})
    assert after.returncode == 0, after.text
    assert not [p for p in after.output.rglob("*.html") if "urgent-notice" in p.read_text("utf-8")]


def test_responsive_images_without_exif(content: Path, tmp_path: Path) -> None:
    write(
        content,
        "ar/news/corniche.md",
        "Title: الكورنيش\nDate: 2025-06-01\n\nنص.\n\n"
        "![كورنيش مطرح](/images/corniche.jpg)\n\n![صورة ثانية](/images/corniche.jpg)\n",
    )
    build = run_build(content, tmp_path)
    assert build.returncode == 0, build.text
    html = build.page("ar/news/corniche/index.html")
    first, second = re.findall(r"<picture>.*?</picture>", html)
    assert 'type="image/webp"' in first and "/images/corniche-480.webp 480w" in first
    assert 'width="2000" height="1200"' in first and 'sizes="' in first
    assert 'fetchpriority="high"' in first and 'loading="lazy"' in second  # lazy below the first
    for name in ("corniche.jpg", "corniche-480.jpg", "corniche-960.webp", "corniche-1600.jpg"):
        path = build.output / "images" / name
        assert path.exists(), name
        with Image.open(path) as image:
            assert not image.getexif(), name  # no camera, no GPS location
    with Image.open(content / "images/corniche.jpg") as original:
        assert original.getexif().get_ifd(0x8825)  # the upload had a location


def test_an_oversized_picture_is_reported(content: Path, tmp_path: Path) -> None:
    Image.new("RGB", (6600, 6400), (200, 200, 200)).save(content / "images/huge.png")
    build = run_build(content, tmp_path, env={"STRICT": "1"})
    assert build.returncode != 0
    assert "images/huge.png: warning: the picture is too big" in build.stderr


def test_status_report_has_the_four_states(content: Path) -> None:
    write(
        content,
        "en/news/road-opening.md",
        (content / "en/news/road-opening.md")
        .read_text("utf-8")
        .replace("Summary:", "Translation-Of: 0123456789ab\nSummary:"),
    )
    states = {row.relpath: row.state for row in pair_rows(content)}
    assert states["news/arab-city-day.md"] == "both"
    assert states["news/market-hours.md"] == "ar only"
    assert states["news/beach-cleanup.md"] == "en only"
    assert states["news/road-opening.md"] == "translation older than its source"
    result = subprocess.run(
        [sys.executable, "-m", "newsroom", "status", "--content", str(content)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "BIDI": "0"},
    )
    assert "مواعيد جديدة لسوق السمك" in result.stdout and "1 translation older than its source" in result.stdout


def test_live_reload_shows_an_edit_within_seconds(content: Path, tmp_path: Path) -> None:
    with preview(content, tmp_path / "work") as base:
        page = fetch(f"{base}/en/news/road-opening/")
        assert "livereload" in page and "New road opens in Bausher" in page
        stamp = fetch(f"{base}/__build.txt")
        article = content / "en/news/road-opening.md"
        article.write_text(article.read_text("utf-8").replace("New road opens in Bausher", "Ring road opens"), "utf-8")
        saved = time.monotonic()
        while "Ring road opens" not in fetch(f"{base}/en/news/road-opening/"):
            assert time.monotonic() - saved < 15, "the edit did not show up"
            time.sleep(0.1)
        shown = time.monotonic() - saved
        # the stamp tells open pages to reload: it changes once the pages of this save are all written
        while fetch(f"{base}/__build.txt") == stamp:
            assert time.monotonic() - saved < 15, "the build stamp did not change"
            time.sleep(0.1)
        print(f"\nedit visible in the preview after {shown:.1f} s")
    shutil.rmtree(tmp_path / "work", ignore_errors=True)
