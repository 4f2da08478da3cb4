"""What Pagefind is given for one page: its words in the indexed form, nothing else.

Pagefind reads, for each page, a small page written here (never published) rather than the
page itself:
- the words of the page's `data-pagefind-body`, without its furniture: elements marked
  `data-pagefind-ignore`, `hidden` or `aria-hidden="true"` (labels, dates, the counterpart
  link), scripts and the like are left out, and block elements are separated, so a label is
  never glued to a value;
- each word in the indexed form (newsroom/core/searchtext.py), one for one, headings kept
  as headings (Pagefind ranks a word in a title above one in the text);
- the page's metadata, filters and sort keys as they were (filters and metadata outside the
  indexed body: their words are not searched), the title in the author's spelling, and
  `text`: the page's words as written, which the search page uses for excerpts (word n of
  Pagefind's content is word n of `text`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

from newsroom.core.searchtext import index_word

__all__ = ["IndexedPage", "read_page", "staged_page"]

_SKIPPED_TAGS = {"script", "style", "template", "svg", "noscript", "form", "button", "select", "textarea"}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
_INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i", "ins", "kbd", "mark",
    "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var",
}  # fmt: skip
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class IndexedPage:
    """A page as the search index sees it."""

    title: str = ""
    blocks: list[tuple[str, list[str]]] = field(default_factory=list)  # (tag: p or hN, words)
    meta: list[tuple[str, str]] = field(default_factory=list)
    filters: list[tuple[str, str]] = field(default_factory=list)
    sort: list[tuple[str, str]] = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        """The page's words as written, in the order Pagefind's content has them."""
        return self.title.split() + [w for _tag, words in self.blocks for w in words]


def _pairs(value: str) -> list[tuple[str, str]]:
    """`date:2024-05-02` (one pair; our templates never write several in one attribute)."""
    key, _, rest = value.partition(":")
    return [(key.strip(), rest.strip())] if key.strip() else []


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = IndexedPage()
        self.stack: list[tuple[str, bool, list[str] | None, str, str]] = []  # tag, skipped, capture, kind, key
        self.in_body = 0  # depth of the data-pagefind-body element (0: outside)
        self.skip = 0  # depth of skipped elements
        self.tag = "p"
        self.text: list[str] = []

    def _flush(self) -> None:
        words = " ".join(self.text).split()
        if words:
            self.page.blocks.append((self.tag, words))
        self.text = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        for name, target in (("data-pagefind-meta", self.page.meta), ("data-pagefind-filter", self.page.filters)):
            if name in found and ":" in found[name]:
                target.extend(_pairs(found[name]))
        if "data-pagefind-sort" in found:
            self.page.sort.extend(_pairs(found["data-pagefind-sort"]))
        if tag in _VOID:
            if tag == "br":
                self.text.append(" ")
            return
        skipped = (
            tag in _SKIPPED_TAGS
            or "data-pagefind-ignore" in found
            or "hidden" in found
            or found.get("aria-hidden") == "true"
        )
        capture: list[str] | None = None
        kind = key = ""
        for name in ("data-pagefind-meta", "data-pagefind-filter"):
            if name in found and found[name] and ":" not in found[name]:
                capture, kind, key = [], name, found[name]
        if "data-pagefind-body" in found and not self.in_body:
            self.in_body = len(self.stack) + 1
        if self.in_body and tag not in _INLINE:
            self._flush()
            if tag in _HEADINGS:
                self.tag = tag
        if kind == "data-pagefind-meta" and key == "title":
            skipped = True  # the title is said first, as the title
        self.stack.append((tag, skipped, capture, kind, key))
        self.skip += skipped

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID or not any(entry[0] == tag for entry in self.stack):
            return
        while self.stack:
            name, skipped, capture, kind, key = self.stack.pop()
            self.skip -= skipped
            if capture is not None:
                value = " ".join(" ".join(capture).split())
                if kind == "data-pagefind-meta" and key == "title":
                    self.page.title = value
                elif value:
                    (self.page.meta if kind == "data-pagefind-meta" else self.page.filters).append((key, value))
            if self.in_body and name not in _INLINE:
                self._flush()
                if name in _HEADINGS:
                    self.tag = "p"
            if self.in_body > len(self.stack):
                self.in_body = 0
            if name == tag:
                return

    def handle_data(self, data: str) -> None:
        for entry in self.stack:
            if entry[2] is not None:
                entry[2].append(data)
        if self.in_body and not self.skip:
            self.text.append(data)


def read_page(text: str) -> IndexedPage:
    """What the search index takes from a built page (see the module's text)."""
    reader = _Reader()
    reader.feed(text)
    reader.close()
    reader._flush()
    return reader.page


def staged_page(page: IndexedPage, lang: str) -> str:
    """The page Pagefind reads in place of the built one: the indexed form of its words."""

    def attribute(pairs: list[tuple[str, str]]) -> str:
        return ", ".join(f"{k}:{v}" for k, v in pairs)

    def esc(value: str) -> str:
        return html.escape(value, quote=True)

    parts = [f'<!DOCTYPE html>\n<html lang="{esc(lang)}"><head><meta charset="utf-8"><title>-</title></head><body>']
    sort = f' data-pagefind-sort="{esc(attribute(page.sort))}"' if page.sort else ""
    parts.append(f"<main data-pagefind-body{sort}>")
    if page.title:
        parts.append(f"<h1>{esc(' '.join(index_word(w) for w in page.title.split()))}</h1>")
    for tag, words in page.blocks:
        parts.append(f"<{tag}>{esc(' '.join(index_word(w) for w in words))}</{tag}>")
    parts.append("</main>\n<div>")
    meta = [("title", page.title), *page.meta, ("text", " ".join(page.words))]
    for key, value in meta:
        parts.append(f'<span data-pagefind-meta="{esc(key)}">{esc(value)}</span>')
    for key, value in page.filters:
        parts.append(f'<span data-pagefind-filter="{esc(key)}">{esc(value)}</span>')
    parts.append("</div></body></html>\n")
    return "\n".join(parts)
