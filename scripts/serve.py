"""The preview (make serve): build with drafts and scheduled articles, serve on 127.0.0.1,
rebuild on every save, and reload the open pages.

    make serve            # http://127.0.0.1:8000/ar/  ·  /en/  ·  /status/
    make serve PORT=8010

A save that breaks the build prints the problem and keeps serving the last good preview.
"""

from __future__ import annotations

import argparse
import sys
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import build  # noqa: E402
from localserver import serve_at  # noqa: E402

WATCHED = ("content", "theme", "plugins", "pelican.conf.py")


def rebuild(args: argparse.Namespace) -> bool:
    started = time.perf_counter()
    code = build.main(["--preview", "--content", str(args.content), "--work", str(args.work),
                       "--theme", str(args.theme)])
    print(f"{'rebuilt' if code == 0 else 'NOT rebuilt (see above)'} in {time.perf_counter() - started:.1f} s",
          flush=True)
    return code == 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, default=PROJECT / "content")
    parser.add_argument("--work", type=Path, default=PROJECT / ".build")
    parser.add_argument("--theme", type=Path, default=PROJECT / "theme")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    from watchfiles import watch  # noqa: PLC0415 (Pelican's own dependency)

    if not rebuild(args):
        print("The first preview build failed: fix the problems above, then save again.", flush=True)
    root = args.work / "preview" / "output"
    server, base = serve_at(root, args.port)
    print(f"Preview: {base}/ar/  ·  {base}/en/  ·  translation status: {base}/status/", flush=True)
    print("Saving a file rebuilds the preview; Ctrl+C stops.", flush=True)
    watched = [p for p in (args.content, args.theme, PROJECT / "plugins", PROJECT / "pelican.conf.py") if p.exists()]
    stop = threading.Event()
    try:
        for _changes in watch(*watched, stop_event=stop, debounce=200, step=50):
            rebuild(args)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
