"""The render cache's index: which key each published page was rendered with.

The incremental plugin (in each language process) writes the keys of a build's pages to
`NEXT`; the build driver makes them the index (`INDEX`) once that build is published, or
drops them when it fails, so the index always describes the published release.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

__all__ = ["INDEX", "NEXT", "commit_index"]

INDEX = "index.json"  # the keys of the pages in the published release
NEXT = "index.next.json"  # the keys of this build's pages, until the build driver publishes them


def commit_index(cache: Path, published: Path, ok: bool) -> None:
    """After publishing (the build driver): this build's keys describe the published pages
    now; after a failed build they are dropped. `published` is where they were published."""
    for folder in cache.iterdir() if cache.is_dir() else []:
        following = folder / NEXT
        if not following.is_file():
            continue
        if not ok:
            following.unlink()
            continue
        shutil.rmtree(folder / "pages", ignore_errors=True)  # pages kept by an earlier version
        try:
            data = json.loads(following.read_text("utf-8"))
        except ValueError:  # damaged since this build wrote it: the next build renders every page
            following.unlink()
            (folder / INDEX).unlink(missing_ok=True)
            continue
        data["published"] = os.path.realpath(published)
        temporary = folder / f".{INDEX}.{os.getpid()}"
        temporary.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
        os.replace(temporary, folder / INDEX)
        following.unlink()
