"""Caches that let a rebuild skip work whose inputs did not change.

`code_digest()` names the code that produced a cached result (our plugins, the settings
file, the versions of the libraries that render), so a change of code empties every
cache. `PickleCache` is one file per language: loaded when the process starts, saved
(with only the entries used in this build) when it ends, replaced atomically.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

__all__ = ["PickleCache", "code_digest", "digest"]

_HERE = Path(__file__).resolve().parent
_LIBRARIES = ("pelican", "jinja2", "markdown", "nh3", "babel", "pillow")


def digest(*parts: str | bytes) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


@cache
def code_digest() -> str:
    parts: list[str | bytes] = []
    for path in sorted(_HERE.parent.rglob("*.py")) + sorted(_HERE.parent.parent.glob("pelican.conf.py")):
        parts += [path.name, path.read_bytes()]
    for name in _LIBRARIES:
        try:
            parts.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            parts.append(f"{name} -")
    return digest(*parts)


# What a process that builds many times (the preview's workers) saved last: path -> (time, entries).
_SAVED: dict[Path, tuple[int, dict[str, Any]]] = {}


class PickleCache:
    """{key: value} kept in one pickle file; entries not used in a build are dropped."""

    def __init__(self, path: str | Path | None) -> None:
        self.path = Path(path) if path else None
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        self.hits = self.misses = 0
        saved = _SAVED.get(self.path) if self.path is not None else None
        if saved is not None and self.path is not None and self.path.is_file() \
                and self.path.stat().st_mtime_ns == saved[0]:
            self.old = saved[1]  # this process wrote the file: no need to read it back
        elif self.path is not None and self.path.is_file():
            try:
                with self.path.open("rb") as handle:
                    loaded = pickle.load(handle)
                if isinstance(loaded, dict) and loaded.get("code") == code_digest():
                    self.old = loaded["entries"]
            except Exception as exc:  # noqa: BLE001 (a damaged cache is only slower)
                logger.info("cache %s not used: %s", self.path, exc)

    def get(self, key: str) -> Any:
        if key in self.new:
            return self.new[key]
        value = self.old.get(key)
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        self.new[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self.new[key] = value

    def save(self) -> None:
        if self.path is None:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}")
        with temporary.open("wb") as handle:
            pickle.dump({"code": code_digest(), "entries": self.new}, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, self.path)
        _SAVED[self.path] = (self.path.stat().st_mtime_ns, self.new)
