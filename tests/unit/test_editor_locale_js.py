"""The web editor's Arabic interface (editor/locale-ar.js) against Decap's English locale, run by
node (tests/js/editor-locale.test.mjs): the same keys and %{placeholders}, plural forms Polyglot
can use, and no phrase left in English. Chromium checks the same on the bundle Decap actually
runs (tests/browser/test_editor.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import NoReturn

import pytest

from newsroom.pipeline.admin import DECAP_DIST

TEST = Path(__file__).resolve().parent.parent / "js" / "editor-locale.test.mjs"
ENGLISH = DECAP_DIST.parent.parent / "decap-cms-locales" / "src" / "en" / "index.js"


def _skip(reason: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"the editor's locale test must run in CI: {reason}")
    pytest.skip(reason)


def test_the_arabic_interface_has_every_phrase_of_decaps_english() -> None:
    node = shutil.which("node")
    if node is None:
        _skip("node is not installed (apt-get install nodejs)")
    if not ENGLISH.is_file():
        _skip(f"Decap's English locale is not installed ({ENGLISH}; npm ci installs it)")
    result = subprocess.run([node, "--test", str(TEST)], capture_output=True, text=True, check=False, timeout=120)  # noqa: S603
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 6" in result.stdout
