"""Urgent notices: `content/<lang>/notices/*.md` (`Title`, `Expires`, text) shown as a banner
on every page of that language until they expire (weather warnings, road closures).

Expiry is judged against the build's clock, so an expired notice disappears with the next
build (the daily scheduled build does this without anyone touching the site)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from markdown import Markdown

from .contract import NOTICE, read_source
from .problems import Collector
from .safehtml import sanitize

__all__ = ["Notice", "active_notices"]


@dataclass(frozen=True)
class Notice:
    """An urgent notice as shown in the banner."""

    slug: str
    title: str
    html: str
    expires: str  # ISO, also the key the dismiss button remembers


def active_notices(root: Path, lang: str, clock: dt.datetime, collector: Collector, tz: str) -> list[Notice]:
    """The notices of `lang` that have not expired at `clock` (dates in the site's time zone `tz`)."""
    folder = root / lang / "notices"
    if not folder.is_dir():
        return []
    markdown = Markdown(extensions=["markdown.extensions.extra"], output_format="html")
    notices = []
    for path in sorted(folder.glob("*.md")):
        source = read_source(path, lang, path.relative_to(root / lang).as_posix(), collector, tz=tz)
        if source is None or not source.valid or source.kind != NOTICE or source.status == "draft":
            continue
        if source.expires is None or source.expires.moment <= clock:
            continue
        markdown.reset()
        html, _removed = sanitize(markdown.convert(source.header.body))
        notices.append(Notice(source.slug, source.title, html, source.expires.moment.isoformat()))
    return notices
