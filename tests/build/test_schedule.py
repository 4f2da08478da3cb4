"""Scheduled to the minute (issue 15): the build publishes an article from its minute on, and
`newsroom due` tells the 15-minute schedule when a build is needed."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import run_build, write

from newsroom.commands.due import changes, due
from newsroom.core.contract import scan_tree
from newsroom.core.problems import Collector

TZ = "Asia/Muscat"  # the fixture's settings (pelican.conf.py)


def _plans(content: Path) -> dict:
    return {lang: scan_tree(content, lang, Collector(), tz=TZ) for lang in ("ar", "en")}


@pytest.fixture
def scheduled(content: Path) -> Path:
    write(content, "ar/news/opening.md", "Title: افتتاح\nDate: 2026-12-05 08:00\n\nنص.\n")
    write(content, "en/news/opening.md", "Title: Opening\nDate: 2026-12-05 08:00\n\nText.\n")
    write(content, "ar/notices/closure.md", "Title: إغلاق\nExpires: 2026-12-05 09:30\n\nنص.\n")
    write(content, "ar/news/idea.md", "Title: فكرة\nDate: 2026-12-05 08:00\nStatus: draft\n\nنص.\n")
    return content


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2026-12-05T07:59", []),
        ("2026-12-05T08:00", ["content/ar/news/opening.md appears", "content/en/news/opening.md appears"]),
        ("2026-12-05T08:15", ["content/ar/news/opening.md appears", "content/en/news/opening.md appears"]),
        ("2026-12-05T08:21", []),
        ("2026-12-05T09:40", ["content/ar/notices/closure.md expires"]),
    ],
)
def test_due_sees_dates_and_expiries_of_the_last_window(scheduled: Path, now: str, expected: list[str]) -> None:
    moment = dt.datetime.fromisoformat(now).replace(tzinfo=dt.timezone(dt.timedelta(hours=4)))
    found = due(_plans(scheduled), moment, dt.timedelta(minutes=20))
    assert [f"{c.path} {c.what}" for c in found] == expected


def test_a_draft_is_never_due(scheduled: Path) -> None:
    assert not [c for c in changes(_plans(scheduled)) if "idea" in c.path]


def test_the_command_writes_the_workflows_output(scheduled: Path, tmp_path: Path) -> None:
    output = tmp_path / "github-output"
    env = {"SITE_CLOCK": "2026-12-05T08:10:00", "GITHUB_OUTPUT": str(output), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "newsroom", "due", "--content", str(scheduled)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "due: content/ar/news/opening.md appears at 2026-12-05 08:00" in result.stdout
    assert output.read_text() == "due=true\n"
    env["SITE_CLOCK"] = "2026-12-05T07:00:00"
    later = subprocess.run(
        [sys.executable, "-m", "newsroom", "due", "--content", str(scheduled)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert "next change: content/ar/news/opening.md appears at 2026-12-05 08:00" in later.stdout
    assert output.read_text() == "due=true\ndue=false\n"


def test_a_build_at_the_minute_publishes_it_one_minute_earlier_does_not(scheduled: Path, tmp_path: Path) -> None:
    early = run_build(scheduled, tmp_path / "early", env={"SITE_CLOCK": "2026-12-05T07:59:00"})
    assert early.returncode == 0, early.text
    assert not (early.output / "ar" / "news" / "opening").exists()
    on_time = run_build(scheduled, tmp_path / "on-time", env={"SITE_CLOCK": "2026-12-05T08:00:00"})
    assert on_time.returncode == 0, on_time.text
    assert (on_time.output / "ar" / "news" / "opening" / "index.html").exists()
    assert (on_time.output / "en" / "news" / "opening" / "index.html").exists()
    assert 'data-expires="2026-12-05T09:30:00+04:00"' in on_time.page("ar/index.html")  # notices.js hides it then
