"""`asset("css/site.css")` in templates: the address of a theme file under its hashed name.

The build driver copies the theme's files into the site with a content hash in their names
before any page is rendered (newsroom/pipeline/assets.py) and hands the manifest to every template
environment, so pages are written with the final addresses and never rewritten.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from jinja2 import pass_context
from jinja2.runtime import Context

__all__ = ["asset_function", "load_manifest"]


def load_manifest(path: str | None = None) -> dict[str, str]:
    """The manifest the driver wrote (BILINGUAL["ASSETS"]), or none: plain names (`pelican` run by hand)."""
    path = path or ""
    return json.loads(Path(path).read_text("utf-8")) if path else {}


def asset_function(manifest: dict[str, str]) -> Callable[..., str]:
    """The `asset("css/site.css")` template function: a theme file's address under its hashed name."""

    @pass_context
    def asset(context: Context, name: str) -> str:
        return f"{context.get('SITEURL', '')}/{manifest.get(name, 'theme/' + name)}"

    return asset
