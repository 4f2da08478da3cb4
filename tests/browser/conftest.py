"""Browser tests: Playwright for Python driving Debian's Chromium (never a downloaded one).

Under CI=true they must run: a missing Chromium or Playwright is a failure there, and a
clear skip elsewhere.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sitebuild import PROJECT, Build, copy_fixture, run_build

from newsroom.preview.server import serve
from tools.weight import CHROMIUM, launch

ARTIFACTS = PROJECT / "test-artifacts" / "screenshots"


def _unavailable() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"no browser at {CHROMIUM} (apt-get install chromium, or set CHROMIUM=/path/to/chrome)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed (make test installs it)"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    reason = _unavailable()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Build, str]]:
    root = tmp_path_factory.mktemp("browser-site")
    build = run_build(copy_fixture(root / "content"), root)
    assert build.returncode == 0, build.text
    server, base = serve(build.output)
    yield build, base
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    return ARTIFACTS
