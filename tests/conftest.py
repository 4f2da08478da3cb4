"""Fixtures for every test folder; the helpers themselves are in sitebuild.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from sitebuild import copy_fixture


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A fresh copy of the fixture content, to change in one test."""
    return copy_fixture(tmp_path / "content")
