"""Symbolic links in the folders the build reads: never a way out.

A pull request can add a symbolic link (`content/images/notes.txt -> /etc/passwd`, or a
`.md` file that points at `~/.ssh/...` or `.git/config`). The build machine of a CI runner holds
secrets, and whatever the build reads may end up on the public site. So every link under
`content/` and `theme/` must lead, once resolved, to a file or folder inside the same
folder (`content/` or `theme/`), and must lead somewhere: a link that leaves it, or that
points at nothing, is an error naming the link. Links inside are followed (their own links
are checked too).
"""

from __future__ import annotations

import os
from pathlib import Path

from .problems import Collector

__all__ = ["check_symlinks"]


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def check_symlinks(folders: list[Path], collector: Collector) -> set[Path]:
    """Report every link under `folders` that leaves its folder or points at nothing.

    Returns the bad links, so that later stages can leave them alone."""
    bad: set[Path] = set()
    for folder in folders:
        if not folder.is_dir():
            continue
        root = folder.resolve()
        seen: set[Path] = set()
        pending = [folder]
        while pending:
            current = pending.pop()
            real = current.resolve()
            if real in seen:  # a link back to a folder already walked
                continue
            seen.add(real)
            try:
                entries = sorted(os.scandir(current), key=lambda e: e.name)
            except OSError as exc:
                collector.error(
                    current,
                    f"this folder could not be read ({exc.strerror or exc})",
                    "check that it exists and can be read, then build again",
                )
                continue
            for entry in entries:
                path = Path(entry.path)
                if entry.is_symlink():
                    target = Path(os.path.realpath(path))
                    shown = os.readlink(path)
                    if not target.exists():
                        collector.error(
                            path,
                            f"this link points to '{shown}', which does not exist",
                            "remove the link, or replace it with the file itself",
                        )
                        bad.add(path)
                        continue
                    if not _inside(target, root):
                        collector.error(
                            path,
                            f"this link leads outside {folder.name}/ (to '{shown}'); "
                            "the build never reads or publishes files from outside",
                            f"remove the link and copy the file itself into {folder.name}/",
                        )
                        bad.add(path)
                        continue
                if entry.is_dir(follow_symlinks=True):
                    pending.append(path)
    return bad
