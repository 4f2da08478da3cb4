"""An urgent notice hides itself at its Expires time, to the minute (notices.js), even when the
page was built before and is still served; one that has not expired stays."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sitebuild import copy_fixture, run_build, write

from newsroom.preview.server import serve


@pytest.mark.browser
def test_a_notice_hides_at_its_expiry_time(browser: Any, tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    # The build's clock is pinned to 2026-06-01 12:00: both notices are active when built. The
    # browser's clock is the real one, later than the first notice's expiry.
    write(content, "ar/notices/gone.md", "Title: انتهى\nExpires: 2026-06-01 12:30\n\nانتهى.\n")
    write(content, "ar/notices/stays.md", "Title: قائم\nExpires: 2099-01-01 00:00\n\nقائم.\n")
    build = run_build(content, tmp_path)
    assert build.returncode == 0, build.text
    html = build.page("ar/index.html")
    assert 'data-notice="gone@' in html and 'data-notice="stays@' in html  # both in the page as built
    server, base = serve(build.output)
    try:
        page = browser.new_page()
        page.goto(base + "/ar/", wait_until="networkidle")
        assert page.locator('[data-notice^="gone@"]').is_hidden()
        assert page.locator('[data-notice^="stays@"]').is_visible()
        page.close()
        # A page left open: at 12:20 Muscat time the first notice shows; at 12:30 it goes.
        page = browser.new_page()
        page.clock.install(time=dt.datetime(2026, 6, 1, 8, 20, tzinfo=dt.UTC))
        page.goto(base + "/ar/", wait_until="networkidle")
        assert page.locator('[data-notice^="gone@"]').is_visible()
        page.clock.fast_forward("11:00")  # 11 minutes
        assert page.locator('[data-notice^="gone@"]').is_hidden()
        page.close()
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_a_dismissed_notice_stays_hidden(browser: Any, tmp_path: Path) -> None:
    """The dismiss button hides the notice and this browser remembers it: the next page does not
    show it. (That it is hidden before the page is drawn, nothing moving: test_layout_shift.py.)"""
    content = copy_fixture(tmp_path / "content")
    write(content, "ar/notices/storm.md", "Title: عاصفة\nExpires: 2099-01-01 00:00\n\nتجنبوا الأودية.\n")
    build = run_build(content, tmp_path)
    assert build.returncode == 0, build.text
    server, base = serve(build.output)
    try:
        context = browser.new_context()
        page = context.new_page()
        page.goto(base + "/ar/", wait_until="networkidle")
        notice = page.locator('[data-notice^="storm@"]')
        assert notice.is_visible()
        notice.get_by_role("button").click()
        assert notice.is_hidden()
        page.goto(base + "/ar/archive/", wait_until="networkidle")
        assert page.locator('[data-notice^="storm@"]').is_hidden()
        context.close()
    finally:
        server.shutdown()
        server.server_close()
