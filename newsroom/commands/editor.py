"""`newsroom-editor`: write the web editor (/admin/, Decap CMS) into a folder by hand.

    newsroom-editor --out DIR [--backend github|local]      (python -m newsroom.commands.editor)

writes DIR/admin/: index.html, editor.json, the glue scripts and Decap's bundle. The production
build writes /admin/ itself when the `EDITOR` setting names a repository (`make html`); the
generator is `newsroom/pipeline/admin.py`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from newsroom import PROJECT
from newsroom.pipeline.admin import (
    DECAP_SERVER,
    EDITOR_FILES,
    admin_page,
    bundle_files,
    editor_data,
    unavailable,
    write_admin,
)

__all__ = ["DECAP_SERVER", "EDITOR_FILES", "admin_page", "bundle_files", "editor_data", "unavailable", "write_admin"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True, help="the site folder to write admin/ into")
    parser.add_argument("--content", type=Path, default=PROJECT / "content")
    parser.add_argument("--backend", choices=("github", "local"), default="github")
    args = parser.parse_args(argv)
    reason = unavailable()
    if reason:
        print(f"web editor: {reason}", file=sys.stderr)
        return 1
    data = editor_data(args.content, args.backend, site=args.out)
    if args.backend == "github" and not data["config"]["backend"]["repo"]:
        print(
            "pelican.conf.py: the EDITOR setting names no repository — set EDITOR = {'REPO': 'owner/name'} first",
            file=sys.stderr,
        )
        return 1
    write_admin(args.out, data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
