"""Every pair and its translation state, for `make status` and the preview's /status/ page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .contract import URL_PREFIX, scan_tree, translation_state
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

    @property
    def css(self) -> str:
        """The state as a CSS class name (its first word)."""
        return self.state.split()[0]


def pair_rows(content: Path, plans: dict[str, Any] | None = None) -> list[Row]:
    """One row per pair; `plans`: both trees already read (the build has them)."""
    plans = plans or {lang: scan_tree(content, lang, Collector()) for lang in ("ar", "en")}
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
            )
        )
    return rows
