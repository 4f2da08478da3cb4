"""Publish a built tree into `output/` in one atomic step, rewriting nothing unchanged.

`output` is a symbolic link to a release folder. The built tree itself becomes the new
release (renamed, nothing copied); a file whose bytes are those already published is
replaced by a hard link to the published one, so its mtime and inode are kept. The link
is switched with one `rename`, so readers (and a web server) see the old site or the new
one, never a mix; a build that fails before this step leaves `output/` exactly as it was.
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
    found: dict[str, Path] = {}
    for folder, _dirs, names in os.walk(root):
        base = Path(folder)
        for name in names:
            path = base / name
            if not path.is_symlink():
                found[path.relative_to(root).as_posix()] = path
    return dict(sorted(found.items()))


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


def _keep_published(source: Path, target: Path) -> None:
    """Replace `target` by a hard link to the published file with the same bytes."""
    temporary = target.with_name(f".{target.name}.keep")
    _link(source, temporary)
    os.replace(temporary, target)


def publish(site: Path, output: Path, releases: Path, keep: int = 3) -> PublishResult:
    """Make `output` show `site` (which is moved into the releases); return what changed."""
    current = _current(output)
    new, old = files_of(site), files_of(current)
    changed: list[str] = []
    same: list[str] = []  # equal bytes, another file: linked to the published one below
    for rel, path in new.items():
        before = old.get(rel)
        if before is None:
            changed.append(rel)
        elif not _same_inode(path, before):
            (same if filecmp.cmp(path, before, shallow=False) else changed).append(rel)
    removed = [rel for rel in old if rel not in new]
    if current is not None and output.is_symlink() and not changed and not removed:
        return PublishResult(None)

    releases.mkdir(parents=True, exist_ok=True)
    numbers = [int(p.name) for p in releases.iterdir() if p.name.isdigit()]
    number = max(numbers, default=0) + 1
    staging = releases / f".incoming-{number:06d}"
    if staging.exists():
        shutil.rmtree(staging)
    try:
        site.rename(staging)  # the built tree is the release: nothing copied
    except OSError:  # another filesystem: link or copy file by file
        staging.mkdir()
        try:
            for rel, path in new.items():
                _link(path, staging / rel)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    try:
        for rel in same:
            _keep_published(old[rel], staging / rel)
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
