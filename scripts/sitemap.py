"""sitemap.xml (with the language alternates of every pair) and robots.txt.

Read from the built pages themselves, after both languages are built: each page's
canonical address, its `hreflang` alternates and its dates. Pages marked `noindex`
(search, 404) and the root redirect are left out.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from xml.sax.saxutils import escape

__all__ = ["write_sitemap"]

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.canonical = ""
        self.alternates: dict[str, str] = {}
        self.lastmod = ""
        self.noindex = False
        self.refresh = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical = a.get("href", "")
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a.get("href", "")
        elif tag == "meta" and a.get("property") in ("article:published_time", "article:modified_time"):
            self.lastmod = max(self.lastmod, a.get("content", ""))
        elif tag == "meta" and a.get("name") == "robots" and "noindex" in a.get("content", ""):
            self.noindex = True
        elif tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self.refresh = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "head":
            raise StopIteration


def _head(path: Path) -> _Head:
    parser = _Head()
    try:
        parser.feed(path.read_text("utf-8"))
    except StopIteration:
        pass
    return parser


def write_sitemap(site: Path, siteurl: str) -> int:
    """Write site/sitemap.xml and site/robots.txt; return the number of URLs."""
    entries = []
    for path in sorted(site.rglob("*.html")):
        if "pagefind" in path.relative_to(site).parts:
            continue
        head = _head(path)
        if head.noindex or head.refresh or not head.canonical:
            continue
        lines = [f"  <url>\n    <loc>{escape(head.canonical)}</loc>"]
        if head.lastmod:
            lines.append(f"    <lastmod>{escape(head.lastmod)}</lastmod>")
        for lang, href in sorted(head.alternates.items()):
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{escape(lang)}" href="{escape(href)}"/>')
        entries.append("\n".join(lines) + "\n  </url>")
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n'
           + "\n".join(entries) + "\n</urlset>\n")
    (site / "sitemap.xml").write_text(xml, "utf-8")
    (site / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {siteurl}/sitemap.xml\n", "utf-8")
    return len(entries)
