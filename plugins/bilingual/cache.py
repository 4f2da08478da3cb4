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

__all__ = ["PickleCache", "code_digest", "digest", "file_identity", "load_memo", "save_memo"]

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


def file_identity(path: str | Path) -> tuple[int, int, int, int]:
    """(device, inode, size, modification time). The build replaces files and never writes
    into one, so the same identity is the same bytes: a page reused from the last build (a
    hard link to the published file) is known without reading it."""
    stat = os.stat(path)
    return (stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns)


def load_memo(path: Path | None) -> dict[Any, Any]:
    """A dict kept in a pickle file; empty when there is none (or a damaged one: only slower)."""
    if path is None or not path.is_file():
        return {}
    try:
        with path.open("rb") as handle:
            loaded = pickle.load(handle)
    except Exception as exc:  # noqa: BLE001
        logger.info("cache %s not used: %s", path, exc)
        return {}
    return loaded if isinstance(loaded, dict) else {}


def save_memo(path: Path | None, memo: dict[Any, Any]) -> None:
    """Write `memo` to `path`, replacing the file in one step."""
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    with temporary.open("wb") as handle:
        pickle.dump(memo, handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(temporary, path)


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
        else:
            loaded = load_memo(self.path)
            if loaded.get("code") == code_digest():
                self.old = loaded["entries"]

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
        save_memo(self.path, {"code": code_digest(), "entries": self.new})
        _SAVED[self.path] = (self.path.stat().st_mtime_ns, self.new)
