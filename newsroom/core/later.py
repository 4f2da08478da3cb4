"""Work a preview's language process does after it has answered the build driver.

The preview shows a save's pages as soon as its language processes answer (newsroom/pipeline/
worker.py). Writing the reader cache for the next `make html` (14 MB for the Arabic process at
2,000 pairs: 0.05-0.08 s at every save) need not come first: it is deferred here and done
while the preview waits for the next save, at low priority, before the next build starts
(the worker waits for it, and `run_pending` is called again before the cache is opened).
`make html` does it at once: there the links and the search index follow on both cores, and
the same work moved after the answer made an edit slower (docs/performance.md, fourth round).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

__all__ = ["defer", "run_pending"]

log = logging.getLogger(__name__)

_PENDING: list[Callable[[], None]] = []


def defer(work: Callable[[], None]) -> None:
    """Do `work` after the answer (`run_pending`)."""
    _PENDING.append(work)


def run_pending() -> None:
    """Everything deferred, in order. A failure (a full disk) is said in the process's log and
    costs nothing but the cache it would have written."""
    while _PENDING:
        work = _PENDING.pop(0)
        try:
            work()
        except OSError as exc:
            log.error("could not write a cache after the build: %s", exc)
