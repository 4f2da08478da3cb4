"""Walking a folder of thousands of files (a site, a cache) with strings, not `Path`s.

Measured at 2,000 pairs: `os.walk` with `Path` objects and `relative_to` costs ~0.07 s per
4,000 files, on every build, for each walk; `os.scandir` with the relative path built as a
string costs a fraction of that (no stat: the directory entry says what is a folder).
"""

from __future__ import annotations

import os
from collections.abc import Iterator

__all__ = ["files_below"]


def files_below(top: str) -> Iterator[tuple[str, str]]:
    """(path relative to `top`, with "/"; the path) of every file below `top` (none if `top`
    is not there). Symbolic links are listed as files, never followed. No order."""
    stack = [(top, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = os.scandir(folder)
        except (FileNotFoundError, NotADirectoryError):
            continue
        with entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, f"{prefix}{entry.name}/"))
                else:
                    yield f"{prefix}{entry.name}", entry.path
