"""What the sitemap needs from a page, read from its <head>: the canonical address, the
`hreflang` alternates, the newest date, and whether it is left out (noindex, a redirect).

Read from the HTML as it is written (in the language processes, or from the cache for a
page that was not rendered again), so the sitemap never re-reads thousands of files."""

from __future__ import annotations

import html
import re
from typing import Any

__all__ = ["head_entry"]

_TAG = re.compile(r"<(link|meta)\b([^>]*)>", re.I)
_ATTRIBUTE = re.compile(r'([\w:-]+)\s*=\s*"([^"]*)"')


def head_entry(page: str) -> dict[str, Any] | None:
    """{"loc", "lastmod", "alternates"} for a page the sitemap lists; None for one it leaves out."""
    end = page.find("</head>")
    head = page[: end if end >= 0 else len(page)]
    canonical, lastmod, alternates = "", "", {}
    for match in _TAG.finditer(head):
        a = {k.lower(): html.unescape(v) for k, v in _ATTRIBUTE.findall(match.group(2))}
        tag = match.group(1).lower()
        if tag == "link" and a.get("rel") == "canonical":
            canonical = a.get("href", "")
        elif tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            alternates[a["hreflang"]] = a.get("href", "")
        elif tag == "meta" and a.get("property") in ("article:published_time", "article:modified_time"):
            lastmod = max(lastmod, a.get("content", ""))
        elif tag == "meta" and a.get("name") == "robots" and "noindex" in a.get("content", ""):
            return None
        elif tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            return None
    if not canonical:
        return None
    return {"loc": canonical, "lastmod": lastmod, "alternates": dict(sorted(alternates.items()))}
