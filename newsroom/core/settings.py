"""The site's settings file (`pelican.conf.py`) read outside Pelican: for the build driver and
the commands that need the site's identity or time zone (its name, `TIMEZONE`)."""

from __future__ import annotations

import os
import runpy
from pathlib import Path
from typing import Any

from .dates import DEFAULT_TZ

__all__ = ["load_settings", "site_timezone"]


def load_settings(path: Path, lang: str) -> dict[str, Any]:
    """The settings file's values for `lang` (the file reads SITE_LANG, as in a language process)."""
    saved = os.environ.get("SITE_LANG")
    os.environ["SITE_LANG"] = lang
    try:
        return runpy.run_path(str(path))
    finally:
        if saved is None:
            del os.environ["SITE_LANG"]
        else:
            os.environ["SITE_LANG"] = saved


def site_timezone(path: Path, lang: str = "ar") -> str:
    """The site's time zone (`TIMEZONE`): dates in headers and the build's clock are in it."""
    return str(load_settings(path, lang).get("TIMEZONE") or DEFAULT_TZ)
