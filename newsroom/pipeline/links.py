"""Every internal link, image and #anchor of the built site must lead somewhere.

Runs on the staged site after both languages are built (a link from an Arabic page to an
English one is checked like any other). A broken link in an article is reported against
its Markdown file, with the line where the link is written; in a template-made page,
against that page.

Every link of every page is counted in every build, but work done before is not done again
(`_Memo`): a page is parsed only when its bytes are new (what it links to and its anchors
are cached by the file's identity, then by a digest of its bytes: pages reused by the render
cache are the same file, so they are not even read); where an address leads is worked out
once; and while the site has the same files, a page that had no broken link and is the same
file has none now, but for its #anchors in other pages, which are looked up again.
"""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from newsroom.core.cache import code_digest, digest, file_identity, load_memo, save_memo
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
    """Every file and folder of the site, as paths below it ("ar/index.html", "ar"). A folder
    counts when it holds a file: a build's tree made from an old release's folders has empty
    ones until it is published (release.take_spare), which a fresh tree does not."""
    files, folders = set(), {""}
    # The search index is being written meanwhile (driver.py): not a page's target.
    for rel, _path, is_folder in entries_below(str(site), (SEARCH,)):
        if not is_folder:
            files.add(rel)
    for rel in files:
        folder = rel.rpartition("/")[0]
        while folder not in folders:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
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
    `cache`: a file keeping, between builds, what each page links to, where each address
    leads, and which pages had no broken link (see `_Memo`)."""
    files, folders = _walk(site)
    before = _Memo.load(cache, siteurl, files, folders)
    memo = _Memo(before.layout)
    pages: dict[str, Parsed] = {}
    identities: dict[str, Any] = {}
    for rel in sorted(files):
        if rel.endswith(".html") and not rel.startswith("pagefind/"):
            identity = file_identity(site / rel)
            parsed = before.parsed.get(identity)
            if parsed is None:  # a new file: maybe the same bytes as a page already parsed
                data = (site / rel).read_bytes()
                digest = hashlib.sha256(data).hexdigest()
                parsed = before.parsed.get(digest) or _parse_text(data.decode("utf-8"))
                memo.parsed[digest] = parsed
            pages[rel] = memo.parsed[identity] = parsed
            identities[rel] = identity
    checked = 0
    for rel, (links, _ids) in list(pages.items()):
        verdict = before.sound.get((rel, identities[rel]))
        if verdict is not None and all(fragment in _anchors(site, target, pages) for target, fragment in verdict[1]):
            checked += verdict[0]  # the same page, the same files around it: the same links, all sound
            memo.sound[(rel, identities[rel])] = verdict
            continue
        count, anchors, problems = _check_page(rel, links, siteurl, site, files, folders, pages, before, memo)
        checked += count
        if not problems:
            memo.sound[(rel, identities[rel])] = (count, anchors)
        for address, problem in problems:
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
    memo.save(cache)
    return checked


class _Memo:
    """What the link check keeps between builds (in `cache`, checked by its digest):
    - `parsed`: what a page links to and its anchors, by the file's identity and by a digest
      of its bytes (a page reused by the render cache is the same file: not even read);
    - `resolved`: where an address written on a page of a folder leads (URL arithmetic alone,
      whatever files there are: 22,000 addresses at 2,000 pairs, a third of the check);
    - `sound`: the pages with no broken link, by their identity, with how many links they
      have and the #anchors they name in other pages. Valid only while the site has the
      same files and folders, the same SITEURL and code (`layout`); the anchors are looked
      up again in every build, since the page they are in may have changed."""

    def __init__(self, layout: str) -> None:
        self.layout = layout
        self.parsed: dict[Any, Parsed] = {}
        self.resolved: dict[tuple[str, str], tuple[str, str, str | None]] = {}
        self.sound: dict[tuple[str, Any], tuple[int, tuple[tuple[str, str], ...]]] = {}

    @classmethod
    def load(cls, cache: Path | None, siteurl: str, files: set[str], folders: set[str]) -> _Memo:
        layout = digest(code_digest(), siteurl, "\0".join(sorted(files)), "\0".join(sorted(folders)))
        memo = cls(layout)
        kept = load_memo(cache)
        if kept.get("version") == 2:
            memo.parsed, memo.resolved = kept["parsed"], kept["resolved"]
            if kept["layout"] == layout:
                memo.sound = kept["sound"]
        return memo

    def save(self, cache: Path | None) -> None:
        save_memo(
            cache,
            {
                "version": 2,
                "layout": self.layout,
                "parsed": self.parsed,
                "resolved": self.resolved,
                "sound": self.sound,
            },
        )


def _check_page(
    rel: str,
    links: list[tuple[str, str]],
    siteurl: str,
    site: Path,
    files: set[str],
    folders: set[str],
    pages: dict[str, Parsed],
    before: _Memo,
    memo: _Memo,
) -> tuple[int, tuple[tuple[str, str], ...], list[tuple[str, str]]]:
    """How many links of the page were checked, the (page, #anchor) pairs they name, and the
    problems: (the address as written, what is wrong)."""
    folder = rel.rsplit("/", 1)[0] + "/" if "/" in rel else ""
    checked = 0
    anchors: list[tuple[str, str]] = []
    problems: list[tuple[str, str]] = []
    for tag, written in links:
        address = written[len(siteurl) :] or "/" if siteurl and written.startswith(siteurl) else written
        # An absolute address resolves the same from every page: worked out once.
        key = ("", address) if address.startswith("/") else (folder, address)
        found = memo.resolved.get(key)
        if found is None:
            found = memo.resolved[key] = before.resolved.get(key) or _resolve(rel, address)
        kind, fragment, path = found
        if kind == "skip":
            continue
        checked += 1
        target = rel if kind == "self" else _target(files, folders, path or "")
        problem = None
        if "{filename}" in address or "{static}" in address:
            problem = f"the link '{address}' points to a file that does not exist"
        elif target is None:
            problem = f"the {'image' if tag == 'img' else 'link'} '{address}' leads to no page or file"
        elif fragment:
            anchors.append((target, fragment))
            if fragment not in _anchors(site, target, pages):
                problem = f"the link '{address}' names the anchor #{fragment}, which does not exist"
        if problem is not None:
            problems.append((address, problem))
    return checked, tuple(anchors), problems


def _resolve(rel: str, address: str) -> tuple[str, str, str | None]:
    """("skip" | "self" | "", the #anchor, the path it leads to) for an address on page `rel`."""
    parts = urlsplit(address)
    if parts.scheme in SKIP_SCHEMES or (parts.scheme and parts.scheme not in ("http", "https")) or parts.netloc:
        return ("skip", "", None)  # another site: not ours to check
    page_url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    resolved = urlsplit(urljoin(page_url, address))
    if resolved.path.startswith(f"/{SEARCH}/"):
        return ("skip", "", None)  # the search index's files: made by the search stage, at the same time
    if not parts.path and not parts.query:
        return ("self", unquote(resolved.fragment), None)
    return ("", unquote(resolved.fragment), resolved.path)


def _anchors(site: Path, target: str, pages: dict[str, Parsed]) -> frozenset[str]:
    if target not in pages:  # not a page parsed above (e.g. an SVG): read it now
        pages[target] = _parse(site / target) if target.endswith((".html", ".svg")) else ([], frozenset())
    return pages[target][1]
