"""Translation status: every pair and its state (make status).

    both · ar only · en only · translation older than its source

Arabic titles are shown in reading order on a terminal (python-bidi); BIDI=0 turns it off.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsroom import PROJECT
from newsroom.core.pairs import pair_rows
from newsroom.core.problems import display
from newsroom.core.settings import site_timezone

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, default=PROJECT / "content")
    parser.add_argument("--settings", type=Path, default=PROJECT / "pelican.conf.py")
    args = parser.parse_args(argv)
    rows = pair_rows(args.content, tz=site_timezone(args.settings))
    width = max((len(r.relpath) for r in rows), default=10)
    for row in rows:
        titles = " | ".join(t for t in (row.ar_title, row.en_title) if t)
        when = "; ".join(f"{lang} {w}" for lang, w in (("ar", row.ar_when), ("en", row.en_when)) if w)
        print(
            f"{row.relpath:<{width}}  {row.state:<34}  {display(titles, sys.stdout)}" + (f"  [{when}]" if when else "")
        )
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.state] = counts.get(row.state, 0) + 1
    print(", ".join(f"{n} {state}" for state, n in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
