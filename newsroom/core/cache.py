"""Caches that let a rebuild skip work whose inputs did not change.

`code_digest()` names the code that produced a cached result (our plugins, the settings
file, the versions of the libraries that render), so a change of code empties every
cache. `PickleCache` is one file per language: loaded when the process starts, saved
(with only the entries used in this build) when it ends, replaced atomically.

Every cache file says whether it is intact: a pickle memo carries the digest of its bytes
(`save_memo`), and `FileStore` (the social cards, compressed copies, image variants and the
search index) records the size and digest of every file it keeps. A damaged file (cut short
by a full disk, overwritten by a tool) is never used: it is made again, and a notice says
which file it was. A file of a cache never becomes a file of the site (it is copied, or the
published file with the same bytes is linked), so damage to a cache never reaches a published
file (`FileStore` says why, with the figures).
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import pickle
import shutil
from collections.abc import Callable
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from .problems import Collector
from .walk import files_below

logger = logging.getLogger(__name__)

__all__ = [
    "FileStore",
    "PickleCache",
    "cache_notice",
    "code_digest",
    "digest",
    "file_identity",
    "load_memo",
    "read_memo",
    "save_memo",
]

_HERE = Path(__file__).resolve().parent
_LIBRARIES = ("pelican", "jinja2", "markdown", "nh3", "babel", "pillow")


def digest(*parts: str | bytes) -> str:
    """A short SHA-256 of the parts, each length-prefixed so that no two lists of parts collide."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()


@cache
def code_digest() -> str:
    """A digest of the code and the library versions a cached result depends on."""
    parts: list[str | bytes] = []
    root = _HERE.parent.parent  # the repository: the newsroom package, plugins/, pelican.conf.py
    files = [
        *sorted(root.joinpath("newsroom").rglob("*.py")),
        *sorted(root.joinpath("plugins").rglob("*.py")),
        *sorted(root.glob("pelican.conf.py")),
    ]
    for path in files:
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


# A memo file: this line, the SHA-256 of the pickle (32 bytes), the pickle.
MEMO_MAGIC = b"site-cache 1\n"
CACHE_ACTION = (
    "nothing to do: it was made again, and the site has the correct file (if this happens often, check the disk)"
)


def cache_notice(collector: Collector | None, path: Path, what: str) -> None:
    """Say that a cache file was damaged and made again (a notice: the build goes on)."""
    if collector is not None:
        collector.notice(path, f"this cache file was damaged ({what})", CACHE_ACTION)
    else:
        logger.info("cache %s not used: %s", path, what)


def read_memo(path: Path | None) -> tuple[dict[Any, Any], str | None]:
    """A dict kept in a pickle file by `save_memo`, and what is wrong with the file when it is
    there but cannot be used (None: usable, or simply not there). The pickle is read only
    when its digest is the one written with it: damaged bytes are never unpickled."""
    if path is None:
        return {}, None
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        return {}, f"it cannot be read: {exc.strerror or exc}"
    if not raw.startswith(MEMO_MAGIC):
        if raw.startswith(b"\x80"):  # a bare pickle, as an earlier version wrote it: made anew
            return {}, None
        return {}, "it is empty" if not raw else "it is not a cache file the build wrote"
    start = len(MEMO_MAGIC) + 32
    if len(raw) < start or hashlib.sha256(raw[start:]).digest() != raw[len(MEMO_MAGIC) : start]:
        return {}, "its bytes are not the ones written: cut short or overwritten"
    try:
        loaded = pickle.loads(raw[start:])
    except Exception as exc:  # noqa: BLE001 (written by another version of a library)
        return {}, f"it cannot be read back: {type(exc).__name__}"
    return (loaded, None) if isinstance(loaded, dict) else ({}, "it holds something else than a cache")


def load_memo(path: Path | None, collector: Collector | None = None) -> dict[Any, Any]:
    """A dict kept in a pickle file; empty when there is none, or a damaged one (a notice to
    `collector`: only slower)."""
    loaded, damage = read_memo(path)
    if damage is not None and path is not None:
        cache_notice(collector, path, damage)
    return loaded


def save_memo(path: Path | None, memo: dict[Any, Any]) -> None:
    """Write `memo` to `path` with the digest of its bytes, replacing the file in one step."""
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    data = pickle.dumps(memo, protocol=pickle.HIGHEST_PROTOCOL)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_bytes(MEMO_MAGIC + hashlib.sha256(data).digest() + data)
    os.replace(temporary, path)


Identity = tuple[int, int, int, int]  # file_identity(): device, inode, size, modification time
Record = tuple[int, str, int, int]  # a kept file: size, SHA-256, and the inode and time it had then


class Remake(Exception):  # noqa: N818 (not an error: the caller makes the entry again)
    """Raised by a `make` that cannot make one entry alone (the search index: all or nothing)."""


class FileStore:
    """A cache folder of files made once and reused by later builds: social cards, compressed
    copies, image variants, the search index.

    `folder/files/<name>` holds the entries, `folder/index.pickle` their records (size and
    SHA-256, taken from the bytes when the entry was written), so a later build knows an entry
    is whole before it uses it. An entry whose file changed since its record (its size, inode
    or time; then its digest), with no record, or missing, is dropped and made again, with a
    notice. Entries are written under a temporary name and renamed: a file of the cache is
    never opened for writing.

    What the site gets (`place`):
    - the file already published at that address, hard-linked, when its bytes are the entry's
      (known by its identity, read once): a release is never written in place, so sharing its
      inode is safe, and publishing then finds the same file and compares nothing;
    - otherwise a copy of the entry, whose digest is checked as it is copied.
    An entry is never hard-linked into the site. Hard links from the cache (what the build did
    before) made a published file and a cache file one file: damage to the cache (a disk
    that fills while a tool writes, a tool rewriting a file) changed output/ at once. Entries
    that the build never rewrites (temporary name and rename) are not enough: the damage does
    not come from the build.
    Measured (2 cores, ext4), before choosing: 17,000 files of 6 KB (the cards and compressed
    copies of 2,000 pairs) take 0.17 s to hard-link and 1.35 s to copy, and publishing then
    compares each copy with the published file (0.38 s more); a stat per file is 0.07 s. So
    only what changed is copied. At 500 pairs (1,570 pages, 3,140 compressed copies, 1,022
    cards, 1,087 files of search index), medians of 8 alternating runs: a full rebuild of the
    same inputs 1.91 s before, 2.00 s now (compression 0.095 -> 0.110 s, cards 0.25 -> 0.28 s,
    search 0.05 -> 0.07 s); one article edited 2.43 s before, 2.46 s now. Copying every file
    instead: the search index alone took 0.41 s in place of 0.07 s.
    """

    INDEX = "index.pickle"
    FILES = "files"

    def __init__(self, folder: Path, collector: Collector | None = None) -> None:
        self.folder, self.collector = folder, collector
        self.files = folder / self.FILES
        self.index = folder / self.INDEX
        self._files = str(self.files)  # the paths of entries are made often: as strings
        folder.mkdir(parents=True, exist_ok=True)
        for other in folder.iterdir():  # an earlier layout, a temporary file left by a crash
            if other.name not in (self.INDEX, self.FILES):
                _remove(other)
        loaded, damage = read_memo(self.index)
        if damage is None and not loaded and self.files.is_dir() and any(self.files.iterdir()):
            damage = "it is missing, so the files kept beside it cannot be checked"
        if damage is not None:
            cache_notice(collector, self.index, f"{damage}; every file it describes was made again")
            shutil.rmtree(self.files, ignore_errors=True)
            loaded = {}
        self.records: dict[str, Record] = loaded.get("records", {})
        self.meta: dict[str, Any] = loaded.get("meta", {})
        self._known: dict[Identity, str] = loaded.get("published", {})  # published file -> SHA-256
        self._seen: dict[Identity, str] = {}  # the same, for the files of this build
        self._checked: set[str] = set()

    # -- entries ---------------------------------------------------------------------------
    def size(self, name: str) -> int:
        """The recorded size of the entry `name`."""
        return self.records[name][0]

    def _drop(self, name: str, what: str) -> None:
        cache_notice(self.collector, self.files / name, what)
        self.records.pop(name, None)
        self._checked.discard(name)
        _remove(self.files / name)

    def check(self, name: str) -> bool:
        """Whether the entry is there, whole: the file its record describes (same size, inode
        and time; if only the inode or time changed, the same digest). A damaged entry is
        dropped, with a notice."""
        if name in self._checked:
            return True
        record = self.records.get(name)
        path = os.path.join(self._files, name)
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            if record is not None:
                self._drop(name, "it is missing")
            return False
        if record is None:
            self._drop(name, "there is no record of it in the cache's index")
            return False
        size, sha, inode, mtime = record
        if stat.st_size != size:
            self._drop(name, f"it has {stat.st_size} bytes, {size} were written")
            return False
        if (stat.st_ino, stat.st_mtime_ns) != (inode, mtime):
            if _sha256(path) != sha:
                self._drop(name, "its bytes are not the ones written")
                return False
            self.records[name] = (size, sha, stat.st_ino, stat.st_mtime_ns)
        self._checked.add(name)
        return True

    def read(self, name: str) -> bytes | None:
        """The entry's bytes, when they are the ones recorded (else dropped, with a notice)."""
        if not self.check(name):
            return None
        data = (self.files / name).read_bytes()
        if hashlib.sha256(data).hexdigest() != self.records[name][1]:
            self._drop(name, "its bytes are not the ones written")
            return None
        return data

    def put(self, name: str, data: bytes) -> None:
        """Keep `data` as the entry `name` (a new file, renamed into place)."""
        target = self.files / name
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.folder / f".put-{os.getpid()}.tmp"
        temporary.write_bytes(data)
        os.replace(temporary, target)
        stat = target.stat()
        self.records[name] = (len(data), hashlib.sha256(data).hexdigest(), stat.st_ino, stat.st_mtime_ns)
        self._checked.add(name)

    def keep_only(self, names: set[str]) -> None:
        """Remove every entry but `names`."""
        for name in [n for n in self.records if n not in names]:
            del self.records[name]
            _remove(self.files / name)
        for rel, path in files_below(self._files):  # files without a record (left by a crash)
            if rel not in self.records:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(path)

    def clear(self) -> None:
        """Forget every entry and remove its files."""
        shutil.rmtree(self.files, ignore_errors=True)
        self.records, self._checked = {}, set()

    # -- the site --------------------------------------------------------------------------
    def place(
        self, name: str, make: Callable[[], bytes], target: str | Path, published: str | Path | None = None
    ) -> bool:
        """Put the entry `name` in the site at `target`, making it first (`make`) if it is not
        in the cache or is damaged; `published`: the file now published at that address.
        Returns whether the entry was made now."""
        made = False
        data: bytes | None = None
        if not self.check(name):
            data = make()
            self.put(name, data)
            made = True
        size, sha = self.records[name][:2]
        if published is not None and self._published_is(published, size, sha):
            _link(published, target)
            return made
        if data is None:
            data = self.read(name)
        if data is None:  # changed without changing its size or time: found by its digest
            data = make()
            self.put(name, data)
            made = True
        _write(target, data)
        self._seen[file_identity(target)] = sha
        return made

    def _published_is(self, published: str | Path, size: int, sha: str) -> bool:
        """Whether the published file has the entry's bytes (by its identity; read once)."""
        try:
            identity = file_identity(published)
        except OSError:
            return False
        if identity[2] != size:
            return False
        known = self._known.get(identity) or self._seen.get(identity)
        if known is None:
            known = _sha256(published)
        self._seen[identity] = known
        return known == sha

    def save(self) -> None:
        """Write the index (the records, and the published files seen in this build)."""
        save_memo(self.index, {"records": self.records, "meta": self.meta, "published": self._seen})


def _sha256(path: str | Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _beside(target: str | Path) -> str:
    """A fresh temporary name beside `target`, renamed over it once written."""
    temporary = os.path.join(os.path.dirname(target), f".{os.path.basename(target)}.new")
    if os.path.lexists(temporary):
        os.unlink(temporary)
    return temporary


def _write(target: str | Path, data: bytes) -> None:
    """A new file at `target` (an existing file, perhaps a published one, is never written
    into: replaced by a file written beside it)."""
    try:
        handle = open(target, "xb")  # noqa: SIM115 (nothing there, as in a site being built)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(target), exist_ok=True)
        handle = open(target, "xb")  # noqa: SIM115
    except FileExistsError:
        temporary = _beside(target)
        with open(temporary, "xb") as new:
            new.write(data)
        os.replace(temporary, target)
        return
    with handle:
        handle.write(data)


def _link(source: str | Path, target: str | Path) -> None:
    """`target` becomes the file `source` (a hard link; a copy across file systems)."""
    try:
        os.link(source, target)  # nothing there (a site being built)
        return
    except FileNotFoundError as missing:
        folder = os.path.dirname(target)
        try:
            os.mkdir(folder)  # its folder, new in this build (the usual case: its parent is there)
        except FileNotFoundError:
            os.makedirs(folder, exist_ok=True)
        except FileExistsError:
            raise missing from None  # the folder is there: `source` is gone
        _link(source, target)
        return
    except FileExistsError:
        if os.path.samefile(source, target):
            return
    except OSError:  # another file system
        with open(source, "rb") as handle:
            _write(target, handle.read())
        return
    temporary = _beside(target)
    try:
        os.link(source, temporary)
    except OSError:
        with open(source, "rb") as handle, open(temporary, "xb") as new:
            new.write(handle.read())
    os.replace(temporary, target)


# What a process that builds many times (the preview's workers) saved last: path -> (time, entries).
_SAVED: dict[Path, tuple[int, dict[str, Any]]] = {}


class PickleCache:
    """{key: value} kept in one pickle file; entries not used in a build are dropped."""

    def __init__(self, path: str | Path | None) -> None:
        self.path = Path(path) if path else None
        self.old: dict[str, Any] = {}
        self.new: dict[str, Any] = {}
        self.hits = self.misses = 0
        self.damage: str | None = None  # what was wrong with the file, if it could not be used
        saved = _SAVED.get(self.path) if self.path is not None else None
        if (
            saved is not None
            and self.path is not None
            and self.path.is_file()
            and self.path.stat().st_mtime_ns == saved[0]
        ):
            self.old = saved[1]  # this process wrote the file: no need to read it back
        else:
            loaded, self.damage = read_memo(self.path)
            if loaded.get("code") == code_digest() and isinstance(loaded.get("entries"), dict):
                self.old = loaded["entries"]

    def report_damage(self, collector: Collector) -> None:
        """A notice if the file was damaged (it is written anew, whole, when the build ends)."""
        if self.damage is not None and self.path is not None:
            cache_notice(collector, self.path, self.damage)
            self.damage = None

    def get(self, key: str) -> Any:
        """The value kept for `key`, or None."""
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
        """Keep `value` for `key` (written by `save`)."""
        self.new[key] = value

    def save(self) -> None:
        """Write the entries used in this build (with their digest: a damaged file is never
        unpickled); not when they are the ones the file holds already."""
        if self.path is None:
            return
        if self.damage is None and not self.misses and self.new.keys() == self.old.keys() and self.path.is_file():
            return  # every entry read from the file and used, none added: the same file
        save_memo(self.path, {"code": code_digest(), "entries": self.new})
        _SAVED[self.path] = (self.path.stat().st_mtime_ns, self.new)
