"""One command line for everything a person runs: `newsroom <command> [options]`.

    newsroom build [--check] [--production] [--preview] …   make html, make check, make publish
    newsroom serve [--port 8000]                             make serve
    newsroom new news|award|notice SLUG                      make new, make new-award, make new-notice
    newsroom status                                          make status
    newsroom deploy s3|rsync|rollback|gh-pages               make deploy-…
    newsroom external [--report links.md]                    make external-links

Each command's own options: `newsroom <command> --help`. The Makefile calls these; the
commands live in `newsroom.pipeline` (build, deploy), `newsroom.preview` (serve) and
`newsroom.commands` (new, status), and are imported only when used.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys

from newsroom.core.heap import tune

__all__ = ["COMMANDS", "main"]

# command -> (module with a `main(argv) -> int`, what it does)
COMMANDS: dict[str, tuple[str, str]] = {
    "build": ("newsroom.pipeline.driver", "check the content and build the site into output/"),
    "serve": ("newsroom.preview.serve", "preview with drafts and scheduled articles, rebuilt on every save"),
    "new": ("newsroom.commands.new", "start a pair of files: new news|award|notice SLUG"),
    "status": ("newsroom.commands.status", "the translation state of every pair"),
    "due": ("newsroom.commands.due", "is an article or notice due now? (the 15-minute publish schedule)"),
    "deploy": ("newsroom.pipeline.deploy", "publish output/: deploy s3|rsync|rollback|gh-pages"),
    "external": ("newsroom.commands.external", "check the links to other sites (needs the network; never blocks)"),
}


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = [f"  {name:<{width}}  {what}" for name, (_module, what) in COMMANDS.items()]
    return "usage: newsroom <command> [options]\n\ncommands:\n" + "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run one command; its exit status is the program's."""
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help", "help"):
        print(usage())
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command not in COMMANDS:
        print(f"newsroom: unknown command '{command}'\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[command][0])
    return int(module.main(rest) or 0)


def run() -> None:
    """The `newsroom` program: its command, then out at once. Everything is written and closed
    by then; Python's own shutdown (freeing a large heap one object at a time) took 0.1–0.15 s
    after every build of 2,000 pairs, which a person waiting for `make html` pays for nothing."""
    tune()  # before anything is loaded: the collector's settings for a build
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing more to say
            pass
    logging.shutdown()
    os._exit(code)


if __name__ == "__main__":
    run()
