"""What one language process knows: its language, the counterpart tree, the clock.

Built once when Pelican starts (the bilingual plugin's `initialized` signal) and kept in the
settings under `STATE_KEY`, so the reader, the templates, the other plugins and the report
share it. This is the public face of a language process for plugins: `state_of(settings)`
(or `find_state`, for a plugin that also runs without the bilingual plugin).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsroom.core.cache import PickleCache
from newsroom.core.contract import TreePlan
from newsroom.core.glossary import Glossary
from newsroom.core.problems import Collector

__all__ = ["DEFAULTS", "SETTING", "STATE_KEY", "State", "attach", "find_state", "state_of"]

SETTING = "BILINGUAL"
STATE_KEY = "_BILINGUAL_STATE"

# Defaults of the BILINGUAL setting (documented in plugins/bilingual/README.md).
DEFAULTS: dict[str, Any] = {
    "LANG": None,
    "CONTENT": None,
    "GLOSSARY": None,
    "DIGITS": {"ar": "latn", "en": "latn"},
    "HIJRI": {"ar": True, "en": False},
    "HIJRI_ADJUST": 0,
    "TRANSLATIONS": None,
    "PREVIEW": False,
    "IFRAME_HOSTS": [],  # hosts whose <iframe> embeds articles may use (none by default)
    "REPORT": None,
    # The theme files' hashed names (JSON written by the build driver); empty: plain names.
    "ASSETS": "",
    # A folder for the reader cache (converted text of unchanged files); empty: no cache.
    "READER_CACHE": "",
    # Both trees' headers and text as the build driver read them (a pickle); empty: read here.
    "PLANS": "",
    # The repository, for messages that name files relative to it (the build sets it).
    "PROJECT": "",
}


@dataclass
class State:
    """What one language process knows and shares with the plugins."""

    lang: str
    root: Path  # the content folder that holds ar/ and en/
    project_root: Path
    config: dict[str, Any]
    clock: dt.datetime
    glossary: Glossary
    other_plan: TreePlan
    collector: Collector
    # path under the other language's folder (e.g. "news/x/index.html") -> title
    other_outputs: dict[str, str] = field(default_factory=dict)
    pid: int = field(default_factory=os.getpid)
    # Stage figures other plugins report to the build driver, e.g. {"cards": {"seconds": …}}.
    stages: dict[str, dict[str, Any]] = field(default_factory=dict)
    # output path (e.g. "ar/news/x/index.html") -> the Markdown file it was made from
    sources: dict[str, str] = field(default_factory=dict)
    # (old address, new address) from `Redirect-From:`
    redirects: list[tuple[str, str, str, int | None]] = field(default_factory=list)  # (old, new, source, line)
    notices: list[Any] = field(default_factory=list)  # active urgent notices of this language
    own_plan: TreePlan | None = None  # this tree, as the driver read it (None: read by the reader)
    reader_cache: PickleCache = field(default_factory=lambda: PickleCache(None))
    # The counterpart of the page written to an output file (None: there is none); set by the
    # bilingual plugin, asked by any plugin that depends on it (the render cache's keys).
    counterpart_of: Callable[[str], Any] = field(default=lambda _output_file: None)
    timezone: str = "UTC"  # the site's (TIMEZONE): dates without an offset are in it


def state_of(settings: dict[str, Any]) -> State:
    """The language process's state (the bilingual plugin must be loaded)."""
    return settings[STATE_KEY]


def find_state(settings: dict[str, Any]) -> State | None:
    """The language process's state, or None when Pelican runs without the bilingual plugin."""
    return settings.get(STATE_KEY)


def attach(settings: dict[str, Any], state: State) -> None:
    """Keep `state` in Pelican's settings (the bilingual plugin does this once)."""
    settings[STATE_KEY] = state
