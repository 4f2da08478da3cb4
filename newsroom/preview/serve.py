"""The preview (make serve): build with drafts and scheduled articles, serve on 127.0.0.1,
rebuild on every save, and reload the open pages.

The preview is built in place (.build/preview/output) by one language process per language
kept running between saves (newsroom/pipeline/worker.py), so a save costs only what it changes.
The saved article's own page is shown as soon as it is written, then the pages that list it
(an open page reloads only when a build wrote it anew: newsroom/pipeline/reload.py), then the
link check and the search index follow. The first build is a whole one.

    make serve            # http://127.0.0.1:8000/ar/  ·  /en/  ·  /status/
    make serve PORT=8010

A save with a content error (a header, a date, unsafe text...) prints the problem and keeps
serving the last good preview: nothing is written. A broken link is printed too, and the
page is shown with it. A template that fails halfway leaves the pages written before it;
the next save renders everything again.
"""

from __future__ import annotations

import argparse
import errno
import sys
import threading
import time
from pathlib import Path

from newsroom import PROJECT
from newsroom.core.i18n import load_translations
from newsroom.pipeline import driver as build

from .editor import LocalEditor
from .server import serve_at, start_serving

WATCHED = ("content", "theme", "newsroom", "plugins", "pelican.conf.py")


def start_workers(args: argparse.Namespace) -> build.Workers:
    """One language process per language, kept between saves (newsroom/pipeline/worker.py)."""
    options = build.parse_args(build_args(args))
    return build.Workers(options, build.live_preview(options))


def needs_new_workers(args: argparse.Namespace, path: Path) -> bool:
    """Content and templates are read again at every build; code, settings and
    translations are loaded once per worker."""
    for folder in (args.content, args.theme / "templates", args.theme / "static"):
        if path.resolve().is_relative_to(folder.resolve()):
            return False
    return True


def build_args(args: argparse.Namespace) -> list[str]:
    return ["--preview", "--content", str(args.content), "--work", str(args.work), "--theme", str(args.theme)]


def rebuild(args: argparse.Namespace, workers: build.Workers | None) -> bool:
    started = time.perf_counter()
    code = build.main(build_args(args), workers)
    print(
        f"{'rebuilt' if code == 0 else 'NOT rebuilt (see above)'} in {time.perf_counter() - started:.1f} s", flush=True
    )
    return code == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, default=PROJECT / "content")
    parser.add_argument("--work", type=Path, default=PROJECT / ".build")
    parser.add_argument("--theme", type=Path, default=PROJECT / "theme")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--no-editor", action="store_true", help="do not offer the web editor at /admin/")
    args = parser.parse_args(argv)
    from watchfiles import watch  # noqa: PLC0415 (Pelican's own dependency)

    root = args.work / "preview" / "output"
    root.mkdir(parents=True, exist_ok=True)
    try:  # the address first: a busy port is said in one line, before any work
        server, base = serve_at(root, args.port, start=False)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        print(
            f"port {args.port} is in use (another make serve?) — stop it, or choose another port: "
            f"make serve PORT={args.port + 1}",
            file=sys.stderr,
        )
        return 1
    workers = start_workers(args)
    if not rebuild(args, workers):
        print("The first preview build failed: fix the problems above, then save again.", flush=True)
    editor = LocalEditor(args.content, root, args.work)
    editor_off = None if args.no_editor else editor.start()
    if not args.no_editor and editor_off is None:
        editor.attach(server)  # /admin/: the web editor on the working copy (newsroom/preview/editor.py)
    start_serving(server)  # after the first build: no half-built page is ever answered
    print(f"Preview: {base}/ar/  ·  {base}/en/  ·  translation status: {base}/status/", flush=True)
    if not args.no_editor:
        print(
            f"Web editor: {base}/admin/" if editor_off is None else f"Web editor not offered: {editor_off}", flush=True
        )
    print("Saving a file rebuilds the preview; Ctrl+C stops.", flush=True)
    watched = [
        p
        for p in (args.content, args.theme, PROJECT / "newsroom", PROJECT / "plugins", PROJECT / "pelican.conf.py")
        if p.exists()
    ]
    stop = threading.Event()
    try:
        for changes in watch(*watched, stop_event=stop, debounce=50, step=20):
            if not workers.alive() or any(needs_new_workers(args, Path(path)) for _change, path in changes):
                workers.close()  # code, settings or translations changed: start afresh
                load_translations.cache_clear()
                workers = start_workers(args)
            rebuild(args, workers)
    except KeyboardInterrupt:
        pass
    finally:
        workers.close()
        editor.close()
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
