"""What one language process knows: its language, the counterpart tree, the clock.

Built once when Pelican starts (the `initialized` signal) and kept in the settings
under a private key, so the reader, the templates and the report share it.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .cache import PickleCache
from .contract import TreePlan
from .glossary import Glossary
from .problems import Collector

__all__ = ["DEFAULTS", "SETTING", "State", "state_of"]

SETTING = "BILINGUAL"
_KEY = "_BILINGUAL_STATE"

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
}


@dataclass
class State:
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


def state_of(settings: dict[str, Any]) -> State:
    return settings[_KEY]


def attach(settings: dict[str, Any], state: State) -> None:
    settings[_KEY] = state
