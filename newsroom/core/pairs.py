"""Every pair and its translation state, for `make status` and the preview's /status/ page."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .contract import URL_PREFIX, Source, scan_tree, translation_state
from .dates import DEFAULT_TZ, build_clock
from .problems import Collector

__all__ = ["Row", "pair_rows"]


@dataclass(frozen=True)
class Row:
    """One pair: its path, translation state, titles and addresses."""

    relpath: str
    state: str
    ar_title: str
    en_title: str
    ar_url: str
    en_url: str
    ar_when: str = ""  # "draft", "scheduled 2027-03-01 08:00" or "" (published)
    en_when: str = ""

    @property
    def css(self) -> str:
        """The state as a CSS class name (its first word)."""
        return self.state.split()[0]


def pair_rows(
    content: Path, plans: dict[str, Any] | None = None, now: dt.datetime | None = None, tz: str = DEFAULT_TZ
) -> list[Row]:
    """One row per pair, with each side's draft or scheduled state at `now`; `plans`: both trees
    already read (the build has them)."""
    plans = plans or {lang: scan_tree(content, lang, Collector(), tz=tz) for lang in ("ar", "en")}
    now = now or build_clock(tz=tz)
    rows = []
    for relpath in sorted(set(plans["ar"].sources) | set(plans["en"].sources)):
        ar, en = plans["ar"].sources.get(relpath), plans["en"].sources.get(relpath)

        def url(source: object, lang: str) -> str:
            if source is None or source.kind == "notice":  # type: ignore[attr-defined]
                return ""
            return f"/{lang}/{URL_PREFIX[source.kind]}{source.slug}/"  # type: ignore[attr-defined]

        rows.append(
            Row(
                relpath,
                translation_state(ar, en),
                ar.title if ar else "",
                en.title if en else "",
                url(ar, "ar"),
                url(en, "en"),
                when(ar, now),
                when(en, now),
            )
        )
    return rows


def when(source: Source | None, now: dt.datetime) -> str:
    """Whether a file is a draft, scheduled (with its date: a year typed wrong shows), or neither."""
    if source is None:
        return ""
    if source.status == "draft":
        return "draft" + (f" dated {source.date.moment:%Y-%m-%d %H:%M}" if source.date is not None else "")
    if source.date is not None and source.date.moment > now:
        return f"scheduled {source.date.moment:%Y-%m-%d %H:%M}"
    return ""
