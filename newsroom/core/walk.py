"""Walking a folder of thousands of files (a site, a cache) with strings, not `Path`s.

Measured at 2,000 pairs (6,200 folders, 27,000 files): `os.walk` calls `lstat` on every
folder (0.25 s of an edit's build for three walks) and `Path` objects with `relative_to`
cost ~0.07 s per 4,000 files; `os.scandir` says what is a folder from the directory entry
(no stat), and the relative path is built as a string.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Iterator

__all__ = ["entries_below", "files_below"]


def entries_below(top: str, skip: Collection[str] = ()) -> Iterator[tuple[str, str, bool]]:
    """(path relative to `top`, with "/"; the path; whether it is a folder) of every file and
    folder below `top` (nothing if `top` is not there), in no particular order. The folders
    of `top` named in `skip` are neither listed nor entered. Symbolic links are listed as
    files and never followed."""
    stack = [(top, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = os.scandir(folder)
        except (FileNotFoundError, NotADirectoryError):  # removed meanwhile, or not a folder
            continue
        with entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if prefix or entry.name not in skip:
                        yield f"{prefix}{entry.name}", entry.path, True
                        stack.append((entry.path, f"{prefix}{entry.name}/"))
                else:
                    yield f"{prefix}{entry.name}", entry.path, False


def files_below(top: str, skip: Collection[str] = ()) -> Iterator[tuple[str, str]]:
    """(path relative to `top`, with "/"; the path) of every file below `top` (`entries_below`)."""
    for rel, path, is_folder in entries_below(top, skip):
        if not is_folder:
            yield rel, path
