"""The preview's problems, shown in the page itself (make serve).

Every preview build ends by writing `__problems.json` at the root of the live preview
folder: the problems an officer must fix (errors, warnings, and a draft's own problems) and
the Arabic proofreading notices (for the author to decide on),
and whether the pages were rebuilt. `theme/static/js/livereload.js` reads it on every open
page and shows them over the page, in the page's language, until they are fixed. Never
written into output/: the published site has no such file.

A file that cannot be built (a header error, even in a draft) is left out of the build,
but in the preview its page stays as it was last built, so the officer keeps the page they
were looking at, with the problem over it, instead of a "page not found".
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from newsroom.core import languages, proofread
from newsroom.core.contract import AWARD, NEWS, PAGE
from newsroom.core.problems import DRAFT_LABEL, Collector, Severity

__all__ = ["PROBLEMS_FILE", "held_pages", "shown_problems", "write_problems"]

PROBLEMS_FILE = "__problems.json"
_PATTERNS = {NEWS: "ARTICLE_SAVE_AS", PAGE: "PAGE_SAVE_AS", AWARD: "AWARD_SAVE_AS"}


def shown_problems(collector: Collector) -> tuple[list[dict[str, Any]], int]:
    """The problems the overlay lists (errors, warnings, a draft's problems, Arabic proofreading
    notices: the text being written), in the report's order, and how many other notices there
    are (a missing translation...: said in the terminal only)."""
    unique = sorted(set(collector.problems), key=lambda p: (p.path, p.line or 0, p.message))
    shown = [
        p
        for p in unique
        if p.severity != Severity.NOTICE or p.message.startswith(DRAFT_LABEL) or f"'{proofread.KEY}:" in p.action
    ]
    listed = [
        {
            "severity": p.severity.value,
            "path": p.path,
            "line": p.line,
            "draft": p.message.startswith(DRAFT_LABEL),
            "message": p.message.removeprefix(DRAFT_LABEL),
            "action": p.action,
        }
        for p in shown
    ]
    return listed, len(unique) - len(shown)


def write_problems(site: Path, collector: Collector, rebuilt: bool) -> None:
    """`__problems.json` for the open pages; `rebuilt`: whether the pages show this save."""
    problems, notices = shown_problems(collector)
    text = json.dumps({"rebuilt": rebuilt, "problems": problems, "notices": notices}, ensure_ascii=False)
    site.mkdir(parents=True, exist_ok=True)
    temporary = site / f".{PROBLEMS_FILE}.new"
    temporary.write_text(text, "utf-8")
    os.replace(temporary, site / PROBLEMS_FILE)


def held_pages(plans: dict[str, Any], settings: dict[str, Any]) -> set[str]:
    """The pages (as `ar/news/x/index.html`) of files left out because they cannot be built:
    the preview keeps their last version instead of removing it."""
    default = settings.get("DEFAULT_LANG") or languages.DEFAULT_LANG
    held: set[str] = set()
    for lang, plan in plans.items():
        for source in plan.sources.values():
            pattern = settings.get(_PATTERNS.get(source.kind, ""))
            if source.valid or not source.slug or not isinstance(pattern, str):
                continue
            path = pattern.format(slug=source.slug)
            if path.startswith(default + "/"):
                path = path[len(default) + 1 :]
            held.add(f"{lang}/{path}")
    return held
