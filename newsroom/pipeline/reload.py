"""Which open pages of the preview reload, and when (make serve).

`__build.txt`, at the root of the live preview folder, says what each recent build changed.
Its first line is new at every build (the build's clock and the time); each following line is
one step of a build: when it was written (milliseconds since 1970) and the addresses of the
pages it wrote anew, or `*` for every page.

    2026-06-01T12:00:00+04:00 1780300800123456789
    1780300799001 *
    1780300800123 /ar/news/road-opening/ /status/
    1780300800642 /ar/ /ar/category/projects/ /status/

A save is shown in steps: the saved article's own page as soon as it is written, then the
listings, tags and feeds that show it. `theme/static/js/livereload.js` reloads an open page
when a step newer than the page names it (or `*`): the page being edited reloads once, as
soon as it can, and a page the save did not change does not reload at all.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import quote

__all__ = ["EVERYTHING", "STAMP", "address_of", "write_atomically", "write_step"]

STAMP = "__build.txt"
EVERYTHING = "*"
KEPT = 50  # steps kept: far more than can happen between two looks of an open page (0.7 s)
NAMED = 200  # more pages than this in one step (a template or a stylesheet changed): `*`


def address_of(path: str) -> str:
    """'ar/news/x/index.html' -> '/ar/news/x/' (the address a reader has open), %-encoded."""
    path = path.replace(os.sep, "/").lstrip("/")
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return quote("/" + path, safe="/")  # one word (no spaces); the page compares it decoded


def _steps(site: Path) -> list[str]:
    try:
        lines = (site / STAMP).read_text("utf-8").splitlines()[1:]
    except (OSError, UnicodeDecodeError):
        return []
    return [line for line in lines if line.split(" ", 1)[0].isdigit()]


def write_step(site: Path, clock: str, pages: Iterable[str]) -> None:
    """One step: `pages` (paths below the site, or `*`) are written and can be shown."""
    addresses = sorted({EVERYTHING if page == EVERYTHING else address_of(page) for page in pages})
    if EVERYTHING in addresses or len(addresses) > NAMED:
        addresses = [EVERYTHING]
    now = time.time_ns()
    steps = [*_steps(site), f"{now // 1_000_000} {' '.join(addresses)}"][-KEPT:]
    write_atomically(site / STAMP, f"{clock} {now}\n" + "\n".join(steps) + "\n")


def write_atomically(path: Path, text: str) -> None:
    """`text` in `path`, replaced in one step: a preview's file is read while it is served."""
    temporary = path.with_name(f".{path.name}.new")
    temporary.write_text(text, "utf-8")
    os.replace(temporary, path)
