"""Publish a built tree into `output/` in one atomic step, rewriting nothing unchanged.

`output` is a symbolic link to a release folder. A new release holds hard links:
to the previous release's file where the bytes are the same (so its mtime and inode
are kept), to the freshly built file otherwise. The link is switched with one
`rename`, so readers (and a web server) see the old site or the new one, never a mix;
a build that fails before this step leaves `output/` exactly as it was.
"""

from __future__ import annotations

import filecmp
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["PublishResult", "files_of", "publish"]


@dataclass
class PublishResult:
    release: Path | None  # None: nothing changed, output/ untouched
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def files_of(root: Path | None) -> dict[str, Path]:
    if root is None or not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): p for p in sorted(root.rglob("*"))
            if p.is_file() and not p.is_symlink()}


def _same_inode(a: Path, b: Path) -> bool:
    """Hard links to one cached file (cards, compressed copies): equal without reading them."""
    first, second = a.stat(), b.stat()
    return (first.st_ino, first.st_dev) == (second.st_ino, second.st_dev)


def _link(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:  # another filesystem: copy, keeping the mtime
        shutil.copy2(source, target)


def _current(output: Path) -> Path | None:
    if output.is_symlink():
        target = output.resolve()
        return target if target.is_dir() else None
    return output if output.is_dir() else None


def publish(site: Path, output: Path, releases: Path, keep: int = 3) -> PublishResult:
    """Make `output` show `site`; return what changed."""
    current = _current(output)
    new, old = files_of(site), files_of(current)
    changed = [rel for rel, path in new.items()
               if rel not in old or not (_same_inode(path, old[rel]) or filecmp.cmp(path, old[rel], shallow=False))]
    removed = [rel for rel in old if rel not in new]
    if current is not None and output.is_symlink() and not changed and not removed:
        return PublishResult(None)

    releases.mkdir(parents=True, exist_ok=True)
    numbers = [int(p.name) for p in releases.iterdir() if p.name.isdigit()]
    number = max(numbers, default=0) + 1
    staging = releases / f".incoming-{number:06d}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    changed_set = set(changed)
    try:
        for rel, path in new.items():
            _link(path if rel in changed_set else old[rel], staging / rel)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # a full disk leaves nothing half-made
        raise
    release = releases / f"{number:06d}"
    staging.rename(release)

    if output.exists() and not output.is_symlink():
        # A plain folder from before releases existed: keep it as the oldest release.
        output.rename(releases / f"{0:06d}-previous")
    link = output.parent / f".{output.name}.switch"
    if link.is_symlink() or link.exists():
        link.unlink()
    link.symlink_to(os.path.relpath(release, output.parent))
    os.replace(link, output)  # the one atomic step

    for old_release in sorted(p for p in releases.iterdir() if p.name[:6].isdigit())[:-keep]:
        if old_release != release:
            shutil.rmtree(old_release, ignore_errors=True)
    return PublishResult(release, changed, removed)
