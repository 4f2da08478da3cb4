"""The Markdown reader: our strict header, one Markdown instance per process.

Pelican's reader fills a partial date in from today, lets `Lang:` through and builds
a new Markdown object for every file. This one reads the header with the content
contract (the same code `make check` runs), converts dates without guessing, gives
categories and tags their glossary slugs, and never publishes drafts or the future.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from string import Formatter
from typing import Any
from urllib.parse import urlsplit

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.urlwrappers import Category, Tag
from pelican.utils import SafeDatetime

from newsroom.core import proofread
from newsroom.core.cache import digest
from newsroom.core.contract import AWARD, NEWS, PAGE, Source, read_source, split_list
from newsroom.core.dates import PartialDate
from newsroom.core.problems import Collector
from newsroom.core.safehtml import images_without_alt, sanitize
from newsroom.core.slugs import slugify
from newsroom.core.state import state_of

logger = logging.getLogger(__name__)

__all__ = ["BilingualMarkdownReader"]

# The preview's language process: relpath -> (Source, world, published, (the reader cache's key
# and entry, content, metadata)).
_READ: dict[str, tuple[Any, ...]] = {}

# Keys handled below; every other key of the table passes through as text.
_SPECIAL = {
    "title",
    "date",
    "modified",
    "slug",
    "category",
    "tags",
    "summary",
    "status",
    "featured",
    "awards",
    "order",
    "url",
    "save_as",
}


# The Pelican settings that place each kind of file: ARTICLE_URL, PAGE_SAVE_AS, AWARD_URL...
_SETTING_PREFIX = {NEWS: "ARTICLE", PAGE: "PAGE", AWARD: "AWARD"}


def _datetime(value: PartialDate) -> SafeDatetime:
    m = value.moment
    return SafeDatetime(m.year, m.month, m.day, m.hour, m.minute, m.second, tzinfo=m.tzinfo)


_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)
# Embeddings, overrides and isolates: never in body text (LRM, RLM and ALM are fine there).
_BODY_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def line_of(text: str, needle: str, first: int) -> int | None:
    """The line number (counting from `first`) of the first line containing `needle`."""
    for number, line in enumerate(text.split("\n"), first):
        if needle and needle in line:
            return number
    return None


SUMMARY_WORDS = 40


def first_paragraph(html: str, words: int = SUMMARY_WORDS) -> str:
    """A summary when none is written: the first paragraph's text, at most `words` words
    (never a heading or a list, which Pelican's cut-off summary can carry)."""
    match = _PARAGRAPH.search(html)
    if not match:
        return ""
    text = re.sub(r"<[^>]+>", "", match.group(1)).split()
    cut = " ".join(text[:words]) + ("…" if len(text) > words else "")
    return f"<p>{cut}</p>"


_ROOT_LINK = re.compile(r'(\s(?:href|src)=")/(?!/)')


def under_site_path(html: str, siteurl: str) -> str:
    """Links the author wrote from the site's root (`/ar/news/x/`) under the site's address when
    it has a path (a project site such as https://org.github.io/news): written from SITEURL, as
    the templates write every address, since `/ar/news/x/` would leave the site."""
    path = urlsplit(siteurl).path.rstrip("/")
    if not path or '="/' not in html:
        return html
    return _ROOT_LINK.sub(lambda m: f"{m.group(1)}{siteurl.rstrip('/')}/", html)


def _own_lists(meta: dict[str, Any]) -> dict[str, Any]:
    """`meta` with lists of its own (tags, awards): what the preview keeps is never changed."""
    return {k: list(v) if isinstance(v, list) else v for k, v in meta.items()}


class BilingualMarkdownReader(MarkdownReader):
    enabled = True
    file_extensions = ["md"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        config = dict(self.settings["MARKDOWN"])
        # The header is ours: the meta extension would eat a body line like "Note: …".
        config["extensions"] = [e for e in config["extensions"] if "meta" not in str(e)]
        config["extension_configs"] = {k: v for k, v in config["extension_configs"].items() if "meta" not in k}
        self._markdown = Markdown(**config)
        self._world_digest: str | None = None

    def _convert(self, text: str) -> str:
        self._markdown.reset()
        return self._markdown.convert(text)

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        state = state_of(self.settings)
        path = Path(source_path)
        relpath = path.relative_to(state.root / state.lang).as_posix()
        source = state.own_plan.sources.get(relpath) if state.own_plan is not None else None
        if source is None:  # not read by the driver (pelican run by hand): read and check it here
            collector = Collector(state.project_root)
            source = read_source(path, state.lang, relpath, collector, state.glossary, state.timezone)
            state.collector.extend(collector.problems)
        if source is not None and not source.valid:
            # Its problems are in the report already (a draft's as notices): the file is left
            # out, and the other pages are still built, so a build reports every problem at once
            # (it publishes nothing while there is an error).
            return "", {"title": source.title or relpath, "slug": source.slug, "status": "skip"}
        if source is None or not source.valid:
            raise ValueError(f"{relpath} has errors (see the report above)")
        # The preview's process builds again after every save: a file the save did not change
        # (the same Source, kept by newsroom/core/plans.py) in the same world is not read again.
        remembered = (source, self._world(state), source.is_published(state.clock))
        kept = _READ.get(relpath) if state.config["PREVIEW"] and state.own_plan is not None else None
        if kept is not None and kept[0] is source and kept[1:3] == remembered[1:]:
            key, cached, content, meta = kept[3]
            if state.reader_cache.get(key) is None:  # kept in the reader cache for `make html`
                state.reader_cache.put(key, cached)
            self._report(source, state, cached[2])
            return content, _own_lists(meta)
        key, cached = self._body(source, state)
        content, summary, problems = cached
        self._report(source, state, problems)
        content, summary = (under_site_path(html, self.settings.get("SITEURL", "")) for html in (content, summary))
        meta = self._metadata(source, state, content, summary)
        # What the file says, for the incremental plugin: the header alone, and all of it.
        meta["header_digest"] = digest(*(f"{k}: {f.value}" for k, f in sorted(source.header.fields.items())))
        meta["text_digest"] = digest(meta["header_digest"], source.header.body)
        if state.config["PREVIEW"] and state.own_plan is not None:
            _READ[relpath] = (*remembered, (key, cached, content, meta))
        return content, _own_lists(meta)

    def _world(self, state: Any) -> str:
        """Everything but the file that what `read` makes of it depends on: the settings (the
        site's address, the URL patterns...) and the glossary (the slugs of categories and
        tags). Whether the file is published at the build's clock is kept beside it."""
        if self._world_digest is None:
            settings = sorted(
                (key, repr(value))
                for key, value in self.settings.items()
                if not key.startswith("_") and key != "INCREMENTAL"
            )
            self._world_digest = digest(repr(settings), repr(state.glossary))
        return self._world_digest

    def _body(self, source: Source, state: Any) -> tuple[str, tuple[str, str, list[Any]]]:
        """The reader cache's key, and the text as safe HTML, the summary and the text's
        problems. Cached by what they are made from (the reader cache): an unchanged file is
        not converted again, and its problems are reported again from the cache."""
        hosts = sorted(state.config["IFRAME_HOSTS"])
        key = digest(
            str(source.path),
            str(source.header.body_line),
            source.header.body,
            source.value("summary"),
            repr(hosts),
            # What the proofreading notices also depend on: the title, where the title and the
            # summary are written, and the checks the file turns off.
            source.title,
            repr((source.line("title"), source.line("summary"))),
            source.value("proofread-off"),
        )
        cached = state.reader_cache.get(key)
        if cached is None:
            problems = Collector(state.project_root)
            content = self._check_body(source, self._convert(source.header.body), frozenset(hosts), problems)
            written = source.value("summary")
            # A written summary is Markdown too: the same sanitizer and warnings as the text.
            summary = (
                self._check_html(
                    source,
                    self._convert(written),
                    frozenset(hosts),
                    problems,
                    written,
                    source.line("summary") or 1,
                    "the summary",
                )
                if written
                else first_paragraph(content)
            )
            cached = (content, summary, problems.to_json())
            state.reader_cache.put(key, cached)
        return key, cached

    @staticmethod
    def _report(source: Source, state: Any, problems_json: list[Any]) -> None:
        """The text's problems, in this build's report (a draft's never stop the build)."""
        if source.status == "draft":
            found = Collector(state.project_root)
            found.load_json(problems_json)
            found.demote_drafts({found.rel(source.path)})
            state.collector.extend(found.problems)
        else:
            state.collector.load_json(problems_json)

    def _check_body(self, source: Source, html: str, hosts: frozenset[str], collector: Collector) -> str:
        """Controls in the text, unsafe HTML, images without a description; Arabic proofreading."""
        body, first = source.header.body, source.header.body_line
        self._proofread(source, collector)
        if _BODY_CONTROLS.search(body):
            for number, line in enumerate(body.split("\n"), first):
                controls = sorted({f"U+{ord(c):04X}" for c in _BODY_CONTROLS.findall(line)})
                if controls:
                    collector.error(
                        source.path,
                        f"the text contains direction-control characters "
                        f"({', '.join(controls)}) that can reorder what readers see",
                        "retype this line (only LRM, RLM and ALM marks are allowed in text)",
                        line=number,
                    )
        return self._check_html(source, html, hosts, collector, body, first, "the article")

    @staticmethod
    def _proofread(source: Source, collector: Collector) -> None:
        """Arabic proofreading of the title, the summary and the text, as notices (they never stop
        a build); `Proofread-Off:` turns checks off for this file (its names were checked with the
        header). Here, not with the header checks, so that the notices are cached with the text's
        other problems and come once per file per build, from the language that has the file."""
        if not proofread.applies_to(source.lang):
            return
        off, _unknown = proofread.parse_off(source.value("proofread-off"))
        pieces = [(source.header.body, source.header.body_line)]
        for key in ("title", "summary"):
            line = source.line(key)
            if line is not None and source.value(key):
                pieces.append((source.value(key), line))
        for finding in proofread.check_article(pieces, off):
            collector.notice(source.path, finding.message, finding.action, line=finding.line)

    @staticmethod
    def _check_html(
        source: Source, html: str, hosts: frozenset[str], collector: Collector, text: str, first: int, where: str
    ) -> str:
        """`html` (made from `text`, which starts on line `first`) through the sanitizer: what
        was removed is a warning, an image without a description an error."""
        clean, removed = sanitize(html, hosts)
        for what, needle in removed:
            collector.warning(
                source.path,
                f"{what} was removed from {where} (unsafe HTML)",
                "write it in Markdown without scripts or event attributes; ask the developers to allow an embed",
                line=line_of(text, needle, first),
            )
        for src in images_without_alt(clean) if "<img" in clean else []:
            collector.error(
                source.path,
                f"the image '{src}' has no description (alt text)",
                "write what the picture shows between the brackets: ![description](file)",
                line=line_of(text, src, first),
            )
        return clean

    def _address(self, source: Source) -> dict[str, str]:
        """`url` and `save_as` from the URL settings when they need only the slug and the
        language: Pelican then uses them as they are instead of formatting them again on
        every use (measured: a fifth of reading an article)."""
        prefix = _SETTING_PREFIX.get(source.kind)
        found: dict[str, str] = {}
        for key in ("url", "save_as"):
            pattern = self.settings.get(f"{prefix}_{key.upper()}") if prefix else None
            if not isinstance(pattern, str) or not pattern:
                return {}
            fields = {name for _text, name, _spec, _conversion in Formatter().parse(pattern) if name is not None}
            if not fields <= {"slug", "lang"}:
                return {}
            found[key] = pattern.format(slug=source.slug, lang=source.lang)
        return found

    def _metadata(self, source: Source, state: Any, content: str, summary: str) -> dict[str, Any]:
        meta: dict[str, Any] = {
            "title": source.title,
            "slug": source.slug,
            "lang": source.lang,
            **self._address(source),
        }
        if source.date is not None and source.kind == AWARD:
            meta["when"] = source.date  # awards may know only the year: never a full date
        elif source.date is not None:
            meta["date"] = _datetime(source.date)
        if source.modified is not None:
            meta["modified"] = _datetime(source.modified)
        if source.is_published(state.clock):
            meta["status"] = "published"
        elif state.config["PREVIEW"]:  # shown everywhere in the preview, under a banner
            meta["status"] = "published"
            scheduled = source.status != "draft" and source.date is not None
            meta["preview_state"] = "scheduled" if scheduled else "draft"
        else:
            meta["status"] = "skip"  # no file at all
        if source.category:
            term = state.glossary.lookup("categories", source.lang, source.category)
            category = Category(source.category, self.settings)
            category.slug = term.slug if term else slugify(source.category)
            meta["category"] = category
        if source.tags:
            tags = []
            for name in source.tags:
                term = state.glossary.lookup("tags", source.lang, name)
                tag = Tag(name, self.settings)
                tag.slug = term.slug if term else slugify(name)
                tags.append(tag)
            meta["tags"] = tags
        meta["summary"] = summary
        meta["featured"] = source.value("featured").lower() == "yes"
        meta["awards"] = split_list(source.value("awards"))
        if source.value("order"):
            meta["order"] = int(source.value("order"))
        for key, item in source.header.fields.items():
            if key not in _SPECIAL:
                meta[key.replace("-", "_")] = item.value
        return meta
