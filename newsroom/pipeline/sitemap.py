"""sitemap.xml (with the language alternates of every pair) and robots.txt.

From the built pages themselves: each page's canonical address, its `hreflang` alternates
and its dates, as the language processes read them from the pages they wrote
(`incremental.heads`); the few pages the driver writes are read here. Pages marked
`noindex` (search, 404), the root page and redirects are left out, and so are the folders
that are not the site's pages: the search index and the web editor (/admin/, which robots.txt
also asks crawlers to leave alone).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from newsroom.core.heads import head_entry
from newsroom.core.walk import files_below

__all__ = ["write_sitemap"]

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
# Folders of the built site that hold no page of the site: never listed.
NOT_PAGES = ("pagefind", "admin")
# The protocol's limit for one sitemap file (and 50 MB, far above 50,000 of our entries):
# past it, sitemap.xml is an index of sitemap-1.xml, sitemap-2.xml...
MAX_URLS = 50_000


def write_sitemap(
    site: Path, siteurl: str, known: dict[str, dict[str, Any] | None] | None = None, per_file: int = MAX_URLS
) -> int:
    """Write site/sitemap.xml (an index of parts past `per_file` addresses) and site/robots.txt;
    return the number of URLs. `known`: the entries of pages already read (output path ->
    entry, None for a page left out)."""
    known = known or {}
    entries = []
    pages = []
    pages += [rel for rel, _path in files_below(str(site), NOT_PAGES) if rel.endswith(".html")]
    for rel in sorted(pages, key=lambda rel: rel.split("/")):  # the order of Path: by parts
        head = known[rel] if rel in known else head_entry((site / rel).read_text("utf-8"))
        if head is None:
            continue
        lines = [f"  <url>\n    <loc>{escape(head['loc'])}</loc>"]
        if head["lastmod"]:
            lines.append(f"    <lastmod>{escape(head['lastmod'])}</lastmod>")
        for lang, href in sorted(head["alternates"].items()):
            lines.append(f'    <xhtml:link rel="alternate" hreflang="{escape(lang)}" href="{escape(href)}"/>')
        entries.append(("\n".join(lines) + "\n  </url>", head["lastmod"] or ""))
    parts = [entries[i : i + per_file] for i in range(0, len(entries), per_file)] or [[]]
    for stale in site.glob("sitemap-*.xml"):  # parts of an earlier, longer sitemap
        stale.unlink()
    if len(parts) == 1:
        (site / "sitemap.xml").write_text(_urlset(parts[0]), "utf-8")
    else:
        index = []
        for number, part in enumerate(parts, 1):
            (site / f"sitemap-{number}.xml").write_text(_urlset(part), "utf-8")
            newest = max((lastmod for _entry, lastmod in part), default="")
            index.append(
                f"  <sitemap>\n    <loc>{escape(siteurl)}/sitemap-{number}.xml</loc>\n"
                + (f"    <lastmod>{escape(newest)}</lastmod>\n" if newest else "")
                + "  </sitemap>"
            )
        (site / "sitemap.xml").write_text(
            f'<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{SITEMAP_NS}">\n'
            + "\n".join(index)
            + "\n</sitemapindex>\n",
            "utf-8",
        )
    # The web editor's page is `noindex` too; Disallow keeps crawlers from fetching its bundle.
    editor = "Disallow: /admin/\n" if (site / "admin" / "index.html").is_file() else ""
    (site / "robots.txt").write_text(f"User-agent: *\n{editor}Allow: /\n\nSitemap: {siteurl}/sitemap.xml\n", "utf-8")
    return len(entries)


def _urlset(entries: list[tuple[str, str]]) -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n'
        + "\n".join(entry for entry, _lastmod in entries)
        + "\n</urlset>\n"
    )
