"""Is anything due? For the publish workflow's schedule (every 15 minutes).

The published site changes by itself only when an article's `Date:` arrives or an urgent
notice's `Expires:` passes. The scheduled run asks this command first and builds only when one
of those moments fell within the last `--window` minutes (the schedule's 15 minutes, plus the
delay GitHub may add to a scheduled run); otherwise it stops in seconds.

    newsroom due [--window 20]      make due

Prints what is due (or that nothing is, and the next moment the site will change), and writes
`due=true|false` to `$GITHUB_OUTPUT` when GitHub Actions sets it.
"""

from __future__ import annotations

import argparse
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from newsroom import PROJECT
from newsroom.core import environment
from newsroom.core.contract import NOTICE, TreePlan, scan_tree
from newsroom.core.dates import build_clock
from newsroom.core.languages import LANGUAGES
from newsroom.core.problems import Collector
from newsroom.core.settings import site_timezone

__all__ = ["Change", "changes", "main"]


@dataclass(frozen=True)
class Change:
    """A moment the published site changes by itself."""

    moment: dt.datetime
    what: str  # "appears" or "expires"
    path: str  # content/<lang>/<relpath>


def changes(plans: dict[str, TreePlan]) -> list[Change]:
    """Every future-or-past moment the site changes without an edit: articles' dates (not drafts,
    no errors) and notices' expiry, in time order."""
    found: list[Change] = []
    for lang, plan in plans.items():
        for relpath, source in plan.sources.items():
            where = f"content/{lang}/{relpath}"
            if source.kind == NOTICE:
                if source.expires is not None and source.status != "draft" and source.valid:
                    found.append(Change(source.expires.moment, "expires", where))
            elif source.date is not None and source.status != "draft" and source.valid:
                found.append(Change(source.date.moment, "appears", where))
    return sorted(found, key=lambda change: (change.moment, change.path))


def due(plans: dict[str, TreePlan], now: dt.datetime, window: dt.timedelta) -> list[Change]:
    """The changes whose moment fell in (now - window, now]: a build now publishes them."""
    return [change for change in changes(plans) if now - window < change.moment <= now]


def main(argv: list[str] | None = None) -> int:
    """Say what is due; exit 0 either way (the workflow reads `due=` from $GITHUB_OUTPUT)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--window", type=int, default=20, help="minutes to look back (default 20)")
    parser.add_argument("--content", type=Path, default=PROJECT / "content")
    parser.add_argument("--settings", type=Path, default=PROJECT / "pelican.conf.py")
    args = parser.parse_args(argv)
    tz = site_timezone(args.settings)
    now = build_clock(tz=tz)
    plans = {lang: scan_tree(args.content, lang, Collector(), tz=tz) for lang in LANGUAGES}
    found = due(plans, now, dt.timedelta(minutes=args.window))
    for change in found:
        print(f"due: {change.path} {change.what} at {change.moment:%Y-%m-%d %H:%M}")
    if not found:
        later = [change for change in changes(plans) if change.moment > now]
        nxt = f"; next change: {later[0].path} {later[0].what} at {later[0].moment:%Y-%m-%d %H:%M}" if later else ""
        print(f"nothing due in the last {args.window} minutes{nxt}")
    output = environment.get("GITHUB_OUTPUT")
    if output:
        with open(output, "a", encoding="utf-8") as handle:
            handle.write(f"due={'true' if found else 'false'}\n")
    return 0
