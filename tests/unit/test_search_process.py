"""The search index is made in a process of its own; if that process dies, the build makes it itself."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from newsroom.pipeline import driver


def test_the_index_is_made_here_when_the_search_process_died(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
    try:
        pool.submit(int).result()
        for process in list(pool._processes.values()):  # killed (out of memory, by hand)
            process.kill()
            process.join()
        workers = object.__new__(driver.Workers)
        workers.search = pool
        made: list[tuple[Path, Path]] = []
        monkeypatch.setattr(driver, "build_index", lambda site, cache: made.append((site, cache)) or "المؤشر")
        assert workers.index(tmp_path / "site", tmp_path / "cache") == "المؤشر"
        assert made == [(tmp_path / "site", tmp_path / "cache")]
        assert workers.search is None  # the next build does not try the dead process again
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
