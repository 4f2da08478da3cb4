"""Jinja's compiled templates, kept between builds (Jinja's own "bytecode cache").

Each language process builds its pages with a few Jinja environments (one per Pelican
generator), and each compiles every template it uses: about 30 compilations per process,
on every build, for the same few template files. This cache keeps the compiled code in one
memo file per language (`save_memo`: the digest of its bytes is checked before anything is
unpickled), so a rebuild loads it instead.

What keeps a stale entry out:
- Jinja itself stores the SHA-1 of a template's source with its code and compiles again
  when the source differs (an edited template);
- the file records `code_digest()` (our code, the settings file, the library versions,
  Jinja's among them): other code, other environment options or filters, an empty cache;
- Jinja's own header names its bytecode format and the Python version.

In the preview the language process keeps the cache in memory between saves (one per file).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from jinja2.bccache import Bucket, BytecodeCache

from .cache import code_digest, load_memo, save_memo
from .problems import Collector

logger = logging.getLogger(__name__)

__all__ = ["TemplateCodeCache", "template_cache"]

_OPEN: dict[Path, TemplateCodeCache] = {}  # the preview's language process: one per file, kept


class TemplateCodeCache(BytecodeCache):
    """Compiled templates in one memo file: {"code": code_digest(), "templates": {key: bytes}}."""

    def __init__(self, path: Path, collector: Collector | None = None) -> None:
        self.path = path
        memo = load_memo(path, collector)
        templates = memo.get("templates") if memo.get("code") == code_digest() else None
        self.templates: dict[str, bytes] = templates if isinstance(templates, dict) else {}
        self.changed = not self.templates and path.exists()  # written anew: another code, damaged
        self.loaded = self.compiled = 0

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill `bucket` with the kept code, if any (Jinja resets it if stale)."""
        data = self.templates.get(bucket.key)
        if isinstance(data, bytes):
            bucket.bytecode_from_string(data)  # Jinja checks its header and the source's checksum
            if bucket.code is not None:
                self.loaded += 1

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code Jinja compiled now."""
        self.compiled += 1
        self.templates[bucket.key] = bucket.bytecode_to_string()
        self.changed = True

    def clear(self) -> None:
        """Forget every compiled template."""
        self.templates.clear()
        self.changed = True

    def save(self) -> None:
        """Write the file when a template was compiled in this build. Entries are not dropped
        when a build does not use them (a build of the preview may load only some templates):
        a template renamed leaves one entry behind, until the code changes (an empty cache)."""
        if self.changed:
            save_memo(self.path, {"code": code_digest(), "templates": self.templates})
            self.changed = False


def template_cache(path: Path, collector: Collector | None = None) -> TemplateCodeCache:
    """The cache of `path`: the one this process loaded already (the preview), else read now."""
    cache = _OPEN.get(path)
    if cache is None or not path.exists():
        cache = _OPEN[path] = TemplateCodeCache(path, collector)
    return cache


def with_template_cache(jinja_environment: dict[str, Any], cache: TemplateCodeCache) -> dict[str, Any]:
    """Pelican's JINJA_ENVIRONMENT setting with the cache: every generator's environment uses it."""
    return {**jinja_environment, "bytecode_cache": cache}
