"""A language process kept running for the preview (make serve).

`make html` starts one Pelican process per language for each build. The preview server
instead keeps one of these per language: Python, Pelican, the plugins, the templates'
code and the caches stay loaded, so a save costs only the work the save causes.

Protocol: one JSON line on stdin per build, {"env": {...}, "settings": {...}, "log": "path",
"shown": whether to say which pages are shown before the answer};
the worker sets those environment variables (what a person could set: the language, the
clock), reads the settings file with the driver's `settings` merged over it (Pelican's
`read_settings(…, override=…)`; a dict setting such as BILINGUAL is merged key by key), builds
its language into the output folder, writes Pelican's messages to `log`, and answers one JSON
line on stdout: {"code": 0 or 1, "seconds": ..., "plans": the name of the plans it holds}
(newsroom/core/plans.py: the next build sends only what changed since). Before that line, once
the articles' own pages are written, when asked: {"shown": [the pages rendered anew so far]},
so the preview shows the saved article before its listings are written.

    python -m newsroom.pipeline.worker SETTINGS CONTENT_OF_ONE_LANGUAGE OUTPUT
"""

from __future__ import annotations

import gc
import importlib
import json
import logging
import os
import sys
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from newsroom.core import later, plans
from newsroom.core.heap import tune


def merged(file_settings: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """`override` over the settings file's values; dict settings are merged key by key."""
    return {
        key: {**file_settings[key], **value}
        if isinstance(value, dict) and isinstance(file_settings.get(key), dict)
        else value
        for key, value in override.items()
    }


def build(
    settings_file: str,
    path: str,
    output: str,
    log: str,
    override: dict[str, Any] | None = None,
    shown: Callable[[list[str]], None] | None = None,
) -> int:
    """One build of the language; `shown` is told the pages rendered anew once the articles'
    own pages are written (plugins/incremental: INCREMENTAL["SHOWN"])."""
    from pelican import Pelican  # noqa: PLC0415 (after the environment is set)
    from pelican.settings import get_settings_from_file, read_settings  # noqa: PLC0415

    handler = logging.FileHandler(log, encoding="utf-8")
    handler.setLevel(logging.ERROR)  # what `pelican -q` showed; warnings such as "feeds without SITEURL" are noise here
    handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        override = dict(override or {})
        if shown is not None:
            override["INCREMENTAL"] = {**override.get("INCREMENTAL", {}), "SHOWN": shown}
        given = merged(get_settings_from_file(settings_file), override)
        settings = read_settings(settings_file, override={**given, "PATH": path, "OUTPUT_PATH": output})
        profile = os.environ.get("NEWSROOM_PROFILE")  # a folder: each language's CPU profile of its build
        if profile:
            import cProfile  # noqa: PLC0415

            profiler = cProfile.Profile(time.process_time)
            profiler.runcall(lambda: Pelican(settings).run())
            profiler.dump_stats(os.path.join(profile, f"{os.environ.get('SITE_LANG', 'lang')}.prof"))
        else:
            Pelican(settings).run()
        return 0
    except Exception as exc:  # noqa: BLE001 (reported, and the worker stays for the next save)
        logging.getLogger("pelican").critical("%s: %s", type(exc).__name__, exc, exc_info=exc)
        with open(log, "a", encoding="utf-8") as stream:
            traceback.print_exception(exc, file=stream)
        return 1
    finally:
        forget_contents()
        root.removeHandler(handler)
        handler.close()


def forget_contents() -> None:
    """Pelican keeps every content object's HTML and summary in one dict per method, for the
    life of the process (`pelican.utils.memoized`, keyed by the object): a process that builds
    again would keep every build's 2,000 articles and grow by 10-20 MB a save (measured)."""
    from pelican.contents import Content  # noqa: PLC0415

    for method in (Content.get_content, Content.get_summary):
        method.cache.clear()


def in_background(work: Callable[[], None]) -> threading.Thread:
    """`work` in a thread of low priority (Linux gives each thread its own niceness), so it
    takes only CPU time nobody else wants: the build driver checks the content meanwhile."""

    def run() -> None:
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except (OSError, AttributeError):  # not Linux: the same work at the usual priority
            pass
        work()

    thread = threading.Thread(target=run, name="warm-up", daemon=True)
    thread.start()
    return thread


def warm_up(settings_file: str) -> None:
    """Load Pelican, the plugins and what they use before the first build is asked for: a
    build starts its workers first, so this happens while the driver checks the content
    (measured at 2,000 pairs: 0.2 s of every language process's build before). Nothing is
    registered or built here; a failure is left for the build to find and report."""
    try:
        import pelican.generators  # noqa: F401, PLC0415
        import pelican.writers  # noqa: F401, PLC0415
        from pelican.plugins._utils import load_plugins  # noqa: PLC0415
        from pelican.settings import read_settings  # noqa: PLC0415

        logging.disable(logging.CRITICAL)  # what goes wrong is said by the build
        try:
            load_plugins(read_settings(settings_file))  # imported by the names Pelican gives them
        finally:
            logging.disable(logging.NOTSET)
    except Exception:  # noqa: BLE001, S110 (the build says what is wrong, with the file's name)
        pass


def _die_with_parent() -> None:
    """A worker never outlives the build that started it (Linux: PR_SET_PDEATHSIG), so a
    killed build leaves no process writing into the next build's folder."""
    parent = os.getppid()
    try:
        import ctypes  # noqa: PLC0415
        import signal  # noqa: PLC0415

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the closed pipe ends the worker instead
        pass
    if os.getppid() != parent:  # the parent died before that
        sys.exit(0)


def ready() -> None:
    """The search process (driver.py), started: it dies with the build, and loads the search
    code (at low priority, beside the content check) before the build needs it."""
    _die_with_parent()
    tune()
    in_background(lambda: importlib.import_module("newsroom.pipeline.search"))


def main(argv: list[str]) -> int:
    _die_with_parent()
    tune()
    settings_file, path, output = argv
    logging.getLogger().setLevel(logging.WARNING)
    protocol = sys.stdout
    sys.stdout = sys.stderr  # anything printed by Pelican or a plugin stays off the protocol
    warming = in_background(lambda: warm_up(settings_file))

    def say(pages: list[str]) -> None:  # before the answer: the pages that can be shown already
        protocol.write(json.dumps({"shown": pages}) + "\n")
        protocol.flush()

    for line in sys.stdin:
        request = json.loads(line)
        warming.join()  # the loading, or the last build's garbage being collected
        os.environ.update(request["env"])
        started = time.perf_counter()
        shown = say if request.get("shown") else None
        code = build(settings_file, path, output, request["log"], request.get("settings"), shown)
        answer = {"code": code, "seconds": time.perf_counter() - started, "plans": plans.held()}
        protocol.write(json.dumps(answer) + "\n")
        protocol.flush()
        # What the build deferred (the preview's reader cache: newsroom/core/later.py), then its
        # garbage, while the preview waits for the next save (at low priority: the links and the
        # search index are made meanwhile). The collector's setting (newsroom/core/heap.py)
        # leaves most of the garbage for later: the heap grew by 5-10 MB a save.
        warming = in_background(lambda: (later.run_pending(), gc.collect()))
    if warming.is_alive():  # what the last build deferred is written before the process ends
        warming.join()
    sys.stderr.flush()
    os._exit(0)  # everything is written and closed: skip freeing a large heap one object at a time


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
