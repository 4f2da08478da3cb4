"""Safe HTML: what Markdown may produce, enforced with nh3 (Ammonia).

Markdown lets authors write raw HTML, and Pelican passes `<script>`, `on*` attributes and
`javascript:` links straight through. Article HTML is cleaned with an allow-list; what
was removed is returned so the build can say where, as a warning (fatal under STRICT=1).
"""

from __future__ import annotations

from functools import lru_cache
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

__all__ = ["ALLOWED_TAGS", "find_unsafe", "images_without_alt", "sanitize"]

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
}
COMMON = {"id", "class", "dir", "lang", "title"}
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {
    "*": COMMON,
    "a": COMMON | {"href", "hreflang", "rel"},
    "img": COMMON | {"src", "alt", "width", "height", "loading"},
    "td": COMMON | {"colspan", "rowspan", "align"},
    "th": COMMON | {"colspan", "rowspan", "align", "scope"},
    "time": COMMON | {"datetime"},
    "ol": COMMON | {"start", "reversed"},
    "iframe": {"src", "title", "width", "height", "allow", "allowfullscreen", "loading"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {"href", "src"}


class _Scan(HTMLParser):
    def __init__(self, iframe_hosts: frozenset[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.iframe_hosts = iframe_hosts
        self.found: list[tuple[str, str]] = []  # (what, a piece of the source to find it by)
        self.no_alt: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "iframe":
            host = urlsplit(values.get("src", "")).hostname or ""
            if host not in self.iframe_hosts:
                self.found.append((f"an <iframe> from '{host or 'nowhere'}'", "<iframe"))
                return
        elif tag not in ALLOWED_TAGS:
            self.found.append((f"a <{tag}> element", f"<{tag}"))
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, COMMON)
        for name, value in values.items():
            if name not in allowed:
                self.found.append((f"the attribute {name}= on <{tag}>", f"{name}="))
            elif name in URL_ATTRIBUTES:
                scheme = urlsplit(value.strip()).scheme.lower()
                if scheme and scheme not in URL_SCHEMES:
                    self.found.append((f"a {scheme}: address on <{tag}>", f"{scheme}:"))
        if tag == "img" and not values.get("alt", "").strip():
            self.no_alt.append(values.get("src", ""))


def _scan(html: str, iframe_hosts: frozenset[str]) -> _Scan:
    scan = _Scan(iframe_hosts)
    scan.feed(html)
    scan.close()
    return scan


def find_unsafe(html: str, iframe_hosts: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """What `sanitize` would remove: (description, text to find it by in the source)."""
    return _scan(html, iframe_hosts).found


def images_without_alt(html: str) -> list[str]:
    """The `src` of every image with no (or an empty) description."""
    return _scan(html, frozenset()).no_alt


@lru_cache(maxsize=8)
def _cleaner(iframe_hosts: frozenset[str]) -> nh3.Cleaner:
    """The sanitizer for one set of iframe hosts, made once: `nh3.clean` builds it from its
    options on every call, a third of the time it takes with an article."""
    tags = set(ALLOWED_TAGS) | ({"iframe"} if iframe_hosts else set())

    def keep_iframe_src(tag: str, attribute: str, value: str) -> str | None:
        if tag == "iframe" and attribute == "src":
            return value if (urlsplit(value).hostname or "") in iframe_hosts else None
        return value

    return nh3.Cleaner(
        tags=tags,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=keep_iframe_src,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def sanitize(html: str, iframe_hosts: frozenset[str] = frozenset()) -> tuple[str, list[tuple[str, str]]]:
    """The cleaned HTML and what was removed."""
    removed = find_unsafe(html, iframe_hosts)
    return _cleaner(frozenset(iframe_hosts)).clean(html), removed
