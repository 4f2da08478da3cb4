"""newsroom/core/later.py: what a preview's language process does after it has answered."""

from __future__ import annotations

import logging

import pytest

from newsroom.core import later


def test_deferred_work_runs_once_in_order_and_a_full_disk_is_only_said(caplog: pytest.LogCaptureFixture) -> None:
    done: list[str] = []

    def full_disk() -> None:
        raise OSError(28, "No space left on device")

    later.defer(lambda: done.append("ذاكرة القارئ"))
    later.defer(full_disk)
    later.defer(lambda: done.append("reader cache"))
    with caplog.at_level(logging.ERROR, logger="newsroom.core.later"):
        later.run_pending()
    assert done == ["ذاكرة القارئ", "reader cache"]
    assert "No space left on device" in caplog.text
    later.run_pending()
    assert done == ["ذاكرة القارئ", "reader cache"]
