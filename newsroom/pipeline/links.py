"""Every internal link, image and #anchor of the built site must lead somewhere.

Runs on the staged site after both languages are built (a link from an Arabic page to an
English one is checked like any other). A broken link in an article is reported against
its Markdown file, with the line where the link is written; in a template-made page,
against that page.

Every link of every page is checked in every build, but a page is parsed only when its
bytes are new: what a page links to and the anchors it has are cached by the file's identity
(device, inode, size, modification time) and by a digest of its bytes. Pages reused by the
render cache are the same file, so they are not even read; a page rendered again with the
same bytes (after a template change that changes nothing) is read but not parsed.
"""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from newsroom.core.cache import file_identity, load_memo, save_memo
from newsroom.core.problems import Collector
from newsroom.core.walk import entries_below

__all__ = ["check_links"]

SKIP_SCHEMES = {"mailto", "tel", "javascript", "data"}
SEARCH = "pagefind"  # the search index's folder


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []  # (tag, address)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.ids.add(values["name"])
        for attribute in ("href", "src"):
            if attribute in values and tag in ("a", "img", "link", "script", "iframe", "source"):
                if tag == "link" and values.get("rel") in ("canonical", "alternate") and values.get("hreflang"):
                    continue  # checked by the hreflang tests; absolute in production
                self.links.append((tag, values[attribute]))


Parsed = tuple[list[tuple[str, str]], frozenset[str]]  # (links, ids)


def _parse(path: Path) -> Parsed:
    return _parse_text(path.read_text("utf-8"))


def _parse_text(text: str) -> Parsed:
    page = _Page()
    page.feed(text)
    return page.links, frozenset(page.ids)


def _walk(site: Path) -> tuple[set[str], set[str]]:
    """Every file and folder of the site, as paths below it ("ar/index.html", "ar")."""
    files, folders = set(), {""}
    # The search index is being written meanwhile (driver.py): not a page's target.
    for rel, _path, is_folder in entries_below(str(site), (SEARCH,)):
        (folders if is_folder else files).add(rel)
    return files, folders


def _target(files: set[str], folders: set[str], path: str) -> str | None:
    candidate = unquote(path).strip("/")
    if path.endswith("/") or candidate in folders:
        candidate = f"{candidate}/index.html".lstrip("/")
    return candidate if candidate in files else None


def _line(source: Path, address: str) -> int | None:
    try:
        lines = source.read_text("utf-8").splitlines()
    except OSError:
        return None
    wanted = [address, unquote(address), urlsplit(address).path]
    for number, line in enumerate(lines, 1):
        if any(w and w in line for w in wanted):
            return number
    return None


def check_links(
    site: Path, siteurl: str, sources: dict[str, str], project: Path, collector: Collector, cache: Path | None = None
) -> int:
    """Report every internal link that leads nowhere; return how many links were checked.
    `cache`: a file keeping what each page links to, between builds."""
    files, folders = _walk(site)
    known = load_memo(cache)  # file identity or content digest -> what the page links to
    pages: dict[str, Parsed] = {}
    used: dict[Any, Parsed] = {}
    for rel in sorted(files):
        if rel.endswith(".html") and not rel.startswith("pagefind/"):
            identity = file_identity(site / rel)
            parsed = known.get(identity)
            if parsed is None:  # a new file: maybe the same bytes as a page already parsed
                data = (site / rel).read_bytes()
                digest = hashlib.sha256(data).hexdigest()
                parsed = known.get(digest) or _parse_text(data.decode("utf-8"))
                used[digest] = parsed
            pages[rel] = used[identity] = parsed
    save_memo(cache, used)
    # An absolute address resolves the same from every page: worked out once.
    resolved: dict[tuple[str, str], tuple[str, str, str | None]] = {}
    checked = 0
    for rel, (links, _ids) in list(pages.items()):
        folder = rel.rsplit("/", 1)[0] + "/" if "/" in rel else ""
        for tag, written in links:
            address = written[len(siteurl) :] or "/" if siteurl and written.startswith(siteurl) else written
            memo = ("", address) if address.startswith("/") else (folder, address)
            if memo not in resolved:
                resolved[memo] = _resolve(rel, address, files, folders)
            kind, fragment, target = resolved[memo]
            if kind == "skip":
                continue
            checked += 1
            target = rel if kind == "self" else target
            problem = None
            if "{filename}" in address or "{static}" in address:
                problem = f"the link '{address}' points to a file that does not exist"
            elif target is None:
                problem = f"the {'image' if tag == 'img' else 'link'} '{address}' leads to no page or file"
            elif fragment and fragment not in _anchors(site, target, pages):
                problem = f"the link '{address}' names the anchor #{fragment}, which does not exist"
            if problem is None:
                continue
            source = sources.get(rel)
            if source:
                collector.error(
                    project / source,
                    problem,
                    "correct the address (for another article, write {filename}/news/its-name.md "
                    "or its address /ar/news/its-name/; images go in content/images/)",
                    line=_line(project / source, address.split("#")[0] or address),
                )
            else:
                collector.error(rel, problem, "fix the template that makes this page")
    return checked


def _resolve(rel: str, address: str, files: set[str], folders: set[str]) -> tuple[str, str, str | None]:
    """("skip" | "self" | "", the #anchor, the file it leads to) for an address on page `rel`."""
    parts = urlsplit(address)
    if parts.scheme in SKIP_SCHEMES or (parts.scheme and parts.scheme not in ("http", "https")) or parts.netloc:
        return ("skip", "", None)  # another site: not ours to check
    page_url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    resolved = urlsplit(urljoin(page_url, address))
    if resolved.path.startswith(f"/{SEARCH}/"):
        return ("skip", "", None)  # the search index's files: made by the search stage, at the same time
    if not parts.path and not parts.query:
        return ("self", unquote(resolved.fragment), rel)
    return ("", unquote(resolved.fragment), _target(files, folders, resolved.path))


def _anchors(site: Path, target: str, pages: dict[str, Parsed]) -> frozenset[str]:
    if target not in pages:  # not a page parsed above (e.g. an SVG): read it now
        pages[target] = _parse(site / target) if target.endswith((".html", ".svg")) else ([], frozenset())
    return pages[target][1]
