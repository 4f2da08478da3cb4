"""The `incremental` Pelican plugin: a page is rendered again only when what it shows changed.

Every page Pelican writes gets a key: a digest of what the page is made from, namely
- the whole site's shape (the code, the templates and translations, the settings, the
  theme's file names, the pictures, the notices, and the header of every file of this
  language, so a title, date, tag or new article changes every key), and
- the full text of each file the page shows: the article, page or award itself, the
  articles of a listing page, the lead story and latest awards of the home page, the news
  of an award, every award on the achievements page, and the counterpart's title.
When the key of a page is the one it had in the previous build, the page is not rendered:
the writer hard-links the published page (no bytes read or written; in the preview, built
in place, nothing is done at all). An edit to one article's text re-renders that article and
the listing pages that show it; nothing else. Feeds are always written (they are few).

The keys are kept in `CACHE/<lang>/index.json` with the folder of the pages they describe
(`PUBLISHED`: the published release). A build writes its keys to `index.next.json`; the
build driver makes that the index once the pages are published (`commit_index`), so the
keys never describe pages that were not published. The plugin also writes the list of pages
of this build with their sitemap entries (`PAGES`), so the driver writes sitemap.xml without
re-reading them. Jinja's compiled templates are kept in `CACHE/<lang>/templates.pickle`
(newsroom/core/templatecache.py), so a build does not compile the theme again.
"""

from __future__ import annotations

import io
import json
import logging
import os
import shutil
import time
from pathlib import Path
from typing import Any

from pelican import signals
from pelican.utils import sanitised_join
from pelican.writers import Writer

from newsroom.core.assets import load_manifest
from newsroom.core.cache import CACHE_ACTION, code_digest, digest
from newsroom.core.heads import head_entry
from newsroom.core.hooks import shown_by
from newsroom.core.problems import Collector
from newsroom.core.renders import INDEX, NEXT
from newsroom.core.state import find_state
from newsroom.core.templatecache import template_cache, with_template_cache

logger = logging.getLogger(__name__)

__all__ = ["register"]

SETTING = "INCREMENTAL"
DEFAULTS: dict[str, Any] = {
    "CACHE": "",  # folder of the pages' keys; empty: every page is rendered
    "PUBLISHED": "",  # folder of the pages those keys describe (the published site)
    "PAGES": "",  # JSON file: every page written, with its sitemap entry (for the build driver)
    # Called with the pages rendered so far once the articles' own pages are written, before
    # the listings (the preview's language process: it shows the saved article first).
    "SHOWN": None,
}
_KEY = "_INCREMENTAL_STATE"
_TEMPLATES = "_INCREMENTAL_TEMPLATES"
TEMPLATE_CACHE = "templates.pickle"  # in CACHE/<lang>/: Jinja's compiled templates


def _check_config(config: dict[str, Any]) -> None:
    for name in ("CACHE", "PUBLISHED", "PAGES"):
        if not isinstance(config[name], str | os.PathLike):
            raise ValueError(f"{SETTING}['{name}'] must be a folder or file path (or empty)")
    if config["SHOWN"] is not None and not callable(config["SHOWN"]):
        raise ValueError(f"{SETTING}['SHOWN'] must be a function (or None)")


def config_of(settings: dict[str, Any]) -> dict[str, Any]:
    config = {**DEFAULTS, **settings.get(SETTING, {})}
    _check_config(config)
    return config


def _stable(value: Any) -> str:
    """A repr that is the same in every process (no memory addresses)."""
    if isinstance(value, dict):
        items = sorted(value.items(), key=lambda kv: str(kv[0]))
        return "{" + ",".join(f"{_stable(k)}:{_stable(v)}" for k, v in items) + "}"
    if isinstance(value, set | frozenset):
        return "{" + ",".join(sorted(_stable(v) for v in value)) + "}"
    if isinstance(value, list | tuple):
        return "[" + ",".join(_stable(v) for v in value) + "]"
    if value is None or isinstance(value, str | int | float | bool | Path):
        return repr(value)
    return f"<{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__qualname__)}>"


def _tree_digest(folder: Path, with_bytes: bool) -> str:
    parts: list[str | bytes] = []
    for path in sorted(folder.rglob("*")) if folder.is_dir() else []:
        if path.is_file():
            stat = path.stat()
            parts += [
                path.relative_to(folder).as_posix(),
                path.read_bytes() if with_bytes else f"{stat.st_size} {stat.st_mtime_ns}",
            ]
    return digest(*parts)


class RenderCache:
    def __init__(self, settings: dict[str, Any]) -> None:
        config = config_of(settings)
        self.settings = settings
        self.output_path = settings.get("OUTPUT_PATH", "")
        self.lang = settings.get("DEFAULT_LANG", "")
        self.folder = Path(config["CACHE"]) / self.lang if config["CACHE"] else None
        self.published = os.path.realpath(config["PUBLISHED"]) if config["PUBLISHED"] else ""
        # Built in place (the preview): the published pages are the pages being written.
        self.in_place = bool(self.published) and self.published == os.path.realpath(self.output_path)
        self.pages_file = config["PAGES"]
        self.previous: dict[str, list[Any]] = {}
        index = self.folder / INDEX if self.folder is not None else None
        if index is not None and index.is_file() and self.published:
            self.previous = self._load(index)
        self._index = index
        self.pages: dict[str, list[Any]] = {}  # output path -> [key, sitemap entry]
        self.rendered = self.reused = 0
        self.fresh: list[str] = []  # the pages rendered, in order (not linked from the last build)
        self.render_seconds = 0.0  # in Jinja, for the benchmark
        self._shape: str | None = None
        self._texts: dict[tuple[str, str], str] = {}
        self.reuse_next: dict[str, str] = {}  # output file -> the published page to link there

    def _load(self, index: Path) -> dict[str, list[Any]]:
        """The keys of the published pages; none (every page rendered) if the index is damaged,
        with a notice: it is written anew, whole, once this build's pages are published."""
        try:
            data = json.loads(index.read_bytes().decode("utf-8"))
            pages = data["pages"]
            if not isinstance(pages, dict) or not all(isinstance(v, list) and v for v in pages.values()):
                raise ValueError("the pages are not a table of keys")
        except (OSError, ValueError, KeyError, TypeError) as exc:
            reason = (
                "it is empty"
                if isinstance(exc, ValueError) and index.stat().st_size == 0
                else f"it cannot be read: {type(exc).__name__}"
            )
            collector = _collector(self.settings)
            if collector is not None:
                collector.notice(
                    index, f"this cache file was damaged ({reason}); every page was rendered again", CACHE_ACTION
                )
            else:
                logger.info("render cache not used: %s", exc)
            return {}
        if data.get("code") == code_digest() and data.get("published") == self.published:
            return pages
        return {}

    # -- keys -------------------------------------------------------------------------
    def text_of(self, item: Any, part: str = "text") -> str:
        """A digest of the whole source file of an article, page or award (or of its header).
        Our reader gives it; for content from another reader the file is read again."""
        given = getattr(item, f"{part}_digest", None)
        if given:
            return given
        path = getattr(item, "source_path", None)
        if not path:
            return _stable(getattr(item, "title", ""))
        if (path, part) not in self._texts:
            raw = Path(path).read_bytes()
            self._texts[(path, part)] = digest(raw.split(b"\n\n", 1)[0] if part == "header" else raw)
        return self._texts[(path, part)]

    def shape(self, context: dict[str, Any]) -> str:
        """Everything that can change every page of this language."""
        if self._shape is None:
            settings = self.settings
            theme = Path(settings["THEME"])
            bilingual = find_state(settings)
            headers: list[str] = []
            for name in ("articles", "drafts", "pages", "hidden_pages", "draft_pages", "awards"):
                for item in context.get(name, []) or []:
                    headers.append(f"{name}:{getattr(item, 'source_path', '')}:{self.text_of(item, 'header')}")
            self._shape = digest(
                code_digest(),
                _tree_digest(theme / "templates", True),
                _tree_digest(theme / "translations", True),
                _stable({k: v for k, v in settings.items() if not k.startswith("_") and k != SETTING}),
                _stable(load_manifest(settings.get("BILINGUAL", {}).get("ASSETS", ""))),
                _tree_digest(Path(settings.get("IMAGES", {}).get("ROOT", "") or "/nonexistent"), False),
                repr(bilingual.notices) if bilingual else "",
                _stable(sorted(bilingual.other_outputs)) if bilingual else "",
                *sorted(headers),
            )
        return self._shape

    def key(self, template: Any, output_file: str, context: dict[str, Any]) -> str:
        shown: list[Any] = []
        for name in ("article", "page", "award"):
            item = context.get(name)
            if item is not None:
                shown.append(item)
                shown += getattr(item, "news", []) or []  # an award's news
                shown += getattr(item, "award_list", []) or []  # an article's awards
        for name in ("articles_page", "dates_page"):
            page = context.get(name)
            if page is not None:
                shown += list(page.object_list)
        shown += shown_by(context, template.name)  # what other plugins declare the page shows
        state = find_state(self.settings)
        counterpart = state.counterpart_of(output_file) if state is not None else None
        return digest(
            self.shape(context), template.name, output_file, repr(counterpart), *(self.text_of(item) for item in shown)
        )

    # -- pages ------------------------------------------------------------------------
    def render(self, template: Any, context: dict[str, Any]) -> str:
        output_file = context["output_file"]
        key = self.key(template, output_file, context)
        before = self.previous.get(output_file)
        if before is not None and before[0] == key:
            published = os.path.join(self.published, output_file)
            if os.path.isfile(published):  # the writer links it in place of writing the page
                self.reused += 1
                self.pages[output_file] = before
                self.reuse_next[sanitised_join(self.output_path, output_file)] = published
                return ""
        if self.in_place and self._index is not None:
            # the first page rewritten in place: from here on a build that crashes leaves no index
            self._index.unlink(missing_ok=True)
            self._index = None
        started = time.perf_counter()
        html = template.render(context)
        self.render_seconds += time.perf_counter() - started
        self.rendered += 1
        self.fresh.append(output_file)
        self.pages[output_file] = [key, head_entry(html)]
        return html

    def save(self) -> None:
        if self.pages_file:
            Path(self.pages_file).write_text(
                json.dumps(
                    {
                        "rendered": self.rendered,
                        "reused": self.reused,
                        "render_seconds": round(self.render_seconds, 3),
                        "fresh": self.fresh,
                        "pages": {path: entry[1] for path, entry in self.pages.items()},
                    },
                    ensure_ascii=False,
                ),
                "utf-8",
            )
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        # In place, the pages are published already; otherwise the driver makes this the
        # index once the pages are published (commit_index), or drops it.
        name = INDEX if self.in_place else NEXT
        temporary = self.folder / f".{name}.{os.getpid()}"
        temporary.write_text(
            json.dumps({"code": code_digest(), "published": self.published, "pages": self.pages}, ensure_ascii=False),
            "utf-8",
        )
        os.replace(temporary, self.folder / name)


class _Template:
    """What Pelican's writer calls `render` on: the published page if its key is unchanged,
    else the template."""

    def __init__(self, template: Any, cache: RenderCache) -> None:
        self.template, self.cache = template, cache
        self.name = template.name

    def render(self, context: dict[str, Any]) -> str:
        return self.cache.render(self.template, context)


class _Replacing(io.TextIOWrapper):
    """A page written beside `filename` and renamed over it once whole (when closed); if the
    writing fails, the old page stays and the new one is removed."""

    def __init__(self, filename: str, encoding: str) -> None:
        self._target = filename
        self._temporary = os.path.join(os.path.dirname(filename), f".{os.path.basename(filename)}.new")
        self._failed = False
        super().__init__(open(self._temporary, "wb"), encoding=encoding)  # noqa: SIM115 (closed by close())

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> None:
        self._failed = kind is not None
        super().__exit__(kind, value, traceback)

    def close(self) -> None:
        if self.closed:
            return
        super().close()
        if self._failed:
            os.unlink(self._temporary)
        else:
            os.replace(self._temporary, self._target)


class IncrementalWriter(Writer):
    def _open_w(self, filename: str, encoding: str, override: bool = False) -> Any:
        """A page unchanged since it was published is a hard link to the published file: no
        bytes are read or written."""
        cache: RenderCache | None = self.settings.get(_KEY)
        cached = cache.reuse_next.pop(filename, None) if cache is not None else None
        if cached is None or filename in self._written_files or filename in self._overridden_files:
            writes = filename not in self._overridden_files and (override or filename not in self._written_files)
            if writes and os.path.lexists(filename):
                # A file there already (the preview's folder, kept between builds; a page written
                # twice, the second time with `override`) may be a hard link to a published
                # page: never written through, replaced; and the preview is being served, so the
                # new page is written beside it and renamed over it (removed first, a reader
                # of the page could find it missing or half written). Pelican's own bookkeeping,
                # as its `_open_w` keeps it (it writes /dev/null in place of a file overridden
                # already, and refuses a second write without `override`).
                if override:
                    self._overridden_files.add(filename)
                self._written_files.add(filename)
                return _Replacing(filename, encoding)
            return super()._open_w(filename, encoding, override)
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        if cache is not None and cache.in_place:  # the preview, built in place: the page is there already
            return open(os.devnull, "w", encoding=encoding)  # noqa: SIM115 (closed by Pelican's writer)
        try:
            os.link(cached, filename)  # a build's new folder: nothing there yet (one call, not four)
        except FileExistsError:
            if not os.path.samefile(cached, filename):  # the same file: an output folder kept between builds
                os.unlink(filename)
                self._place(cached, filename)
        except OSError:  # another filesystem: a copy, a new file
            shutil.copyfile(cached, filename)
        return open(os.devnull, "w", encoding=encoding)  # noqa: SIM115 (closed by Pelican's writer)

    @staticmethod
    def _place(cached: str, filename: str) -> None:
        try:
            os.link(cached, filename)
        except OSError:  # another filesystem: a copy, a new file
            shutil.copyfile(cached, filename)

    def write_file(self, name: Any, template: Any, context: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        cache: RenderCache | None = self.settings.get(_KEY)
        if cache is not None and hasattr(template, "render"):
            template = _Template(template, cache)
        return super().write_file(name, template, context, *args, **kwargs)


def _collector(settings: dict[str, Any]) -> Collector | None:
    """The language process's collector (the bilingual plugin's), whose problems the build reports."""
    return getattr(find_state(settings), "collector", None)


def initialized(pelican: Any) -> None:
    cache = pelican.settings[_KEY] = RenderCache(pelican.settings)
    if cache.folder is not None:
        # The generators are made after this signal: each one's Jinja environment loads the
        # compiled templates instead of compiling them again.
        templates = template_cache(cache.folder / TEMPLATE_CACHE, _collector(pelican.settings))
        pelican.settings[_TEMPLATES] = templates
        pelican.settings["JINJA_ENVIRONMENT"] = with_template_cache(pelican.settings["JINJA_ENVIRONMENT"], templates)
    # The reader cache is loaded by the bilingual plugin (before this), which has no collector
    # then: its damage, if any, is said here with the render cache's.
    state = find_state(pelican.settings)
    collector = _collector(pelican.settings)
    if state is not None and collector is not None and hasattr(state, "reader_cache"):
        state.reader_cache.report_damage(collector)


def get_writer(pelican: Any) -> type[Writer]:
    return IncrementalWriter


def _not_cached(filename: str, default: Any = None) -> Any:
    return default


def _not_kept(filename: str, data: Any) -> None:
    return None


def generator_init(generator: Any) -> None:
    """With Pelican's content cache off (CACHE_CONTENT, LOAD_CONTENT_CACHE: the reader cache
    of plugins/bilingual keeps what it would), its bookkeeping still stats every file four
    times (3% of an edit's language process, py-spy): skipped."""
    settings = generator.settings
    if settings.get("CACHE_CONTENT") or settings.get("LOAD_CONTENT_CACHE"):
        return
    for cacher in (generator, getattr(generator, "readers", None)):
        if hasattr(cacher, "get_cached_data") and hasattr(cacher, "cache_data"):
            cacher.get_cached_data, cacher.cache_data = _not_cached, _not_kept


class Members(list):  # type: ignore[type-arg]
    """The articles of one tag, category or author, with `in` by identity in constant time.

    Pelican writes each of those pages with `[a for a in dates if a in articles]`: a search of
    the list for every article of the site, so the time grows with articles × pages (at 2,000
    pairs, a tenth of an edit's language process, measured with py-spy). Articles have no
    `__eq__`, so `in` was by identity already: the answer is the same."""

    _ids: frozenset[int] = frozenset()
    _counted = -1

    def __contains__(self, item: object) -> bool:
        if self._counted != len(self):  # filled since last asked (Pelican adds, never replaces)
            self._ids, self._counted = frozenset(map(id, self)), len(self)
        return id(item) in self._ids


def article_generator_finalized(generator: Any) -> None:
    """Tag, category and author pages in time proportional to their articles (`Members`);
    with SHOWN, the articles' pages are announced as soon as they are written."""
    shown = config_of(generator.settings)["SHOWN"]
    cache: RenderCache | None = generator.settings.get(_KEY)
    if shown is not None and cache is not None:
        write_articles = generator.generate_articles

        def generate_articles(write: Any) -> None:  # Pelican writes the articles' pages first
            write_articles(write)
            shown(list(cache.fresh))

        generator.generate_articles = generate_articles
    tags = getattr(generator, "tags", None)
    if isinstance(tags, dict):
        for tag, articles in tags.items():
            tags[tag] = Members(articles)
    for name in ("categories", "authors"):
        pairs = getattr(generator, name, None)
        if isinstance(pairs, list):
            setattr(generator, name, [(term, Members(articles)) for term, articles in pairs])


def finalized(pelican: Any) -> None:
    cache: RenderCache | None = pelican.settings.get(_KEY)
    if cache is None:
        return
    cache.save()
    templates = pelican.settings.get(_TEMPLATES)
    if templates is not None:
        templates.save()


def register() -> None:
    signals.initialized.connect(initialized)
    signals.get_writer.connect(get_writer)
    signals.article_generator_finalized.connect(article_generator_finalized)
    signals.generator_init.connect(generator_init)
    signals.finalized.connect(finalized)
