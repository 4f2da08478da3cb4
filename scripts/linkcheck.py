"""Every internal link, image and #anchor of the built site must lead somewhere.

Runs on the staged site after both languages are built (a link from an Arabic page to an
English one is checked like any other). A broken link in an article is reported against
its Markdown file, with the line where the link is written; in a template-made page,
against that page.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bilingual.problems import Collector

__all__ = ["check_links"]

SKIP_SCHEMES = {"mailto", "tel", "javascript", "data"}


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


def _parse(path: Path, cache: dict[Path, _Page]) -> _Page:
    if path not in cache:
        page = _Page()
        page.feed(path.read_text("utf-8"))
        cache[path] = page
    return cache[path]


def _target(site: Path, path: str) -> Path | None:
    candidate = site / unquote(path).lstrip("/")
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


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


def check_links(site: Path, siteurl: str, sources: dict[str, str], project: Path, collector: Collector) -> int:
    """Report every internal link that leads nowhere; return how many links were checked."""
    cache: dict[Path, _Page] = {}
    checked = 0
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith("pagefind/"):
            continue
        page_url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        for tag, written in _parse(path, cache).links:
            address = written[len(siteurl):] or "/" if siteurl and written.startswith(siteurl) else written
            parts = urlsplit(address)
            if parts.scheme in SKIP_SCHEMES or (parts.scheme and parts.scheme not in ("http", "https")):
                continue
            if parts.netloc:
                continue  # another site: not ours to check
            checked += 1
            resolved = urlsplit(urljoin(page_url, address))
            target = path if not parts.path and not parts.query else _target(site, resolved.path)
            problem = None
            if "{filename}" in address or "{static}" in address:
                problem = f"the link '{address}' points to a file that does not exist"
            elif target is None:
                problem = f"the {'image' if tag == 'img' else 'link'} '{address}' leads to no page or file"
            elif resolved.fragment and unquote(resolved.fragment) not in _parse(target, cache).ids:
                problem = f"the link '{address}' names the anchor #{unquote(resolved.fragment)}, which does not exist"
            if problem is None:
                continue
            source = sources.get(rel)
            if source:
                collector.error(project / source, problem,
                                "correct the address (for another article, write {filename}/news/its-name.md "
                                "or its address /ar/news/its-name/; images go in content/images/)",
                                line=_line(project / source, address.split("#")[0] or address))
            else:
                collector.error(rel, problem, "fix the template that makes this page")
    return checked
