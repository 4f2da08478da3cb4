"""Named points where a test stops the build as abruptly as a kill (`NEWSROOM_STOP_AT=name`).

Killing a build on a timer lands wherever the machine happens to be; these points make the
interesting moments deterministic: after the pages are built, before publishing, between making
the new release and switching `output` to it, just after the switch, and while old releases are
pruned. `os._exit` runs no cleanup (no `finally`, no `atexit`), as with SIGKILL.
"""

from __future__ import annotations

import os

from . import environment

__all__ = ["POINTS", "stop_at"]

POINTS = ("pages-built", "before-publish", "release-made", "switched", "pruning")
KILLED = 86  # the exit status at a stop point


def stop_at(name: str) -> None:
    """Stop here, at once, when the environment names this point."""
    if environment.get("NEWSROOM_STOP_AT") == name:
        os._exit(KILLED)
