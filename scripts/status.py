"""Translation status: every pair and its state (make status).

    both · ar only · en only · translation older than its source

Arabic titles are shown in reading order on a terminal (python-bidi); BIDI=0 turns it off.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "plugins"))

from bilingual.contract import URL_PREFIX, scan_tree, translation_state  # noqa: E402
from bilingual.problems import Collector, display  # noqa: E402

__all__ = ["Row", "pair_rows"]


@dataclass(frozen=True)
class Row:
    relpath: str
    state: str
    ar_title: str
    en_title: str
    ar_url: str
    en_url: str

    @property
    def css(self) -> str:
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

        rows.append(Row(relpath, translation_state(ar, en), ar.title if ar else "", en.title if en else "",
                        url(ar, "ar"), url(en, "en")))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, default=PROJECT / "content")
    args = parser.parse_args(argv)
    rows = pair_rows(args.content)
    width = max((len(r.relpath) for r in rows), default=10)
    for row in rows:
        titles = " | ".join(t for t in (row.ar_title, row.en_title) if t)
        print(f"{row.relpath:<{width}}  {row.state:<34}  {display(titles, sys.stdout)}")
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.state] = counts.get(row.state, 0) + 1
    print(", ".join(f"{n} {state}" for state, n in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
