"""A draft never blocks anyone else's publishing (issue 15, first part; shared/design.md): its
problems are reported, labelled as the draft's, and never stop the build, strict or not;
nothing of it is published, not even its pictures. A scheduled (future-dated) file is checked
like a published one, and a draft's problems become errors the moment it is no longer a draft."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import FIXTURE_SITE, copy_fixture, run_build, write

STRICT = {"STRICT": "1"}


def _new(content: Path, slug: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsroom", "new", "news", slug, "--content", str(content)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_a_fresh_draft_from_make_new_blocks_nothing(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    _new(content, "road-works")
    build = run_build(content, tmp_path, env=STRICT)
    assert build.returncode == 0, build.text
    assert "ar/news/road-works.md:1: notice: (draft, not published) 'Title:' is empty" in build.stderr
    assert not (build.output / "ar" / "news" / "road-works").exists()
    assert not (build.output / "en" / "news" / "road-works").exists()


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_drafts_problems_are_notices_and_never_stop_the_build(tmp_path: Path, lang: str) -> None:
    content = copy_fixture(tmp_path / "content")
    draft = (
        "Title: مسودة فيها أخطاء\nDate: 2024-13-40\nTitel: x\nCategory: غير موجود\nAwards: no-such-award\n"
        "Status: draft\n\nنص فيه \u202e تحكم ومعه <script>alert(1)</script>.\n"
    )
    write(content, f"{lang}/news/broken-draft.md", draft)
    build = run_build(content, tmp_path, env=STRICT)
    assert build.returncode == 0, build.text
    lines = [row for row in build.stderr.splitlines() if f"{lang}/news/broken-draft.md:" in row]
    labelled = [row for row in lines if ": notice: (draft, not published) " in row]
    assert len(labelled) >= 4, build.stderr
    # its errors and warnings are the draft's notices; its notices (a missing translation) stay notices
    assert all(": notice: " in row for row in lines), lines
    assert not (build.output / lang / "news" / "broken-draft").exists()


def test_a_valid_drafts_text_problems_are_the_drafts_too(tmp_path: Path) -> None:
    """A draft that builds (in the preview) still has its text checked; the problems are its own."""
    content = copy_fixture(tmp_path / "content")
    write(content, "ar/news/a-draft.md", "Title: مسودة\nDate: 2024-01-01\nStatus: draft\n\nنص <script>x</script>.\n")
    build = run_build(content, tmp_path, env=STRICT)
    assert build.returncode == 0, build.text
    assert "ar/news/a-draft.md:5: notice: (draft, not published) a <script> element was removed" in build.stderr


def test_when_it_is_no_longer_a_draft_its_problems_are_errors(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    write(content, "ar/news/soon.md", "Title:\nDate: 2024-01-01\n\nنص.\n")
    build = run_build(content, tmp_path)
    assert build.returncode != 0
    assert "ar/news/soon.md:1: error: 'Title:' is empty" in build.stderr


def test_a_scheduled_article_is_checked_like_a_published_one(tmp_path: Path) -> None:
    """It goes live at night with nobody watching: its problems stop the merge now."""
    content = copy_fixture(tmp_path / "content")
    write(content, "ar/news/later.md", "Title: لاحقا\nDate: 2030-01-01\nTitel: x\n\nنص.\n")
    build = run_build(content, tmp_path)
    assert build.returncode != 0
    assert "ar/news/later.md:3: error: unknown key 'titel'" in build.stderr


def test_a_picture_only_a_draft_shows_is_not_published_until_the_draft_is(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    shutil.copyfile(FIXTURE_SITE / "images" / "corniche.jpg", content / "images" / "secret-plan.jpg")
    body = "Title: خطة\nDate: 2024-01-01\n{status}Image: secret-plan.jpg\nImage-Alt: مخطط\n\nنص.\n"
    write(content, "ar/news/plan.md", body.format(status="Status: draft\n"))
    build = run_build(content, tmp_path)
    assert build.returncode == 0, build.text
    assert not list((build.output / "images").glob("secret-plan*")), "a draft's picture was published"
    assert list((build.output / "images").glob("corniche*"))  # the others are
    write(content, "ar/news/plan.md", body.format(status=""))
    published = run_build(content, tmp_path)
    assert published.returncode == 0, published.text
    assert list((published.output / "images").glob("secret-plan*"))


def _status(content: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "newsroom", "status", "--content", str(content)],
        capture_output=True,
        text=True,
        check=False,
        env={"SITE_CLOCK": "2026-06-01T12:00:00", "BIDI": "0", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _row(out: str, relpath: str) -> str:
    return next(row for row in out.splitlines() if row.startswith(relpath + " "))


def test_make_status_shows_drafts_and_scheduled_dates(tmp_path: Path) -> None:
    """A year typed wrong (2027 for 2026) is visible before it silently waits a year."""
    content = copy_fixture(tmp_path / "content")
    write(content, "ar/news/typo-year.md", "Title: خبر\nDate: 2027-06-02 09:00\n\nنص.\n")
    write(content, "en/news/typo-year.md", "Title: News\nDate: 2027-06-02 09:00\n\nText.\n")
    out = _status(content)
    line = next(row for row in out.splitlines() if row.startswith("news/typo-year.md"))
    assert "[ar scheduled 2027-06-02 09:00; en scheduled 2027-06-02 09:00]" in line, out
    draft = next(row for row in out.splitlines() if row.startswith("news/draft-plan.md"))
    assert "ar draft dated 2025-03-01 00:00" in draft, out


def test_a_pair_started_with_make_new_is_tracked_for_translation(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    _new(content, "market-day")
    english = (content / "en" / "news" / "market-day.md").read_text("utf-8")
    assert "\nTranslation-Of: " in english
    assert " both " in _row(_status(content), "news/market-day.md")
    arabic = content / "ar" / "news" / "market-day.md"
    arabic.write_text(arabic.read_text("utf-8").replace("Title:\n", "Title: يوم السوق\n"), "utf-8")
    assert "translation older than its source" in _row(_status(content), "news/market-day.md")
