"""The JavaScript normaliser on the shared table, run by node (tests/js/normaliser.test.mjs):
the same cases as tests/unit/test_searchtext.py, so the index and the query cannot drift apart.
Chromium runs the same table on the page itself (tests/browser/test_search.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

TEST = Path(__file__).resolve().parent.parent / "js" / "normaliser.test.mjs"


def test_the_javascript_normaliser_keeps_the_shared_table() -> None:
    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI") == "true":
            pytest.fail("node is needed in CI for the JavaScript tests (it comes with npm: apt-get install npm)")
        pytest.skip("node is not installed: the browser tests run the same table (apt-get install nodejs)")
    result = subprocess.run([node, "--test", str(TEST)], capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass " in result.stdout
