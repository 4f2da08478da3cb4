"""`_headers` as Cloudflare Pages applies it: every matching rule, in order, a value of a header
named twice joined with a comma, `! Name` detaching the value from earlier rules. Each path
must get exactly one Cache-Control and one Content-Security-Policy, the right ones."""

from __future__ import annotations

import re

import pytest

from newsroom.pipeline.headers import HTML_CACHE, IMMUTABLE, OTHER_CACHE, netlify_files


def cloudflare(headers_file: str, path: str) -> dict[str, list[str]]:
    sent: dict[str, list[str]] = {}
    rule: str | None = None
    for line in headers_file.splitlines():
        if not line.strip():
            continue
        if not line.startswith(" "):
            rule = line.strip()
            continue
        assert rule is not None
        pattern = "^" + re.escape(rule).replace(r"\*", ".*") + "$"
        if not re.match(pattern, path):
            continue
        entry = line.strip()
        if entry.startswith("!"):
            sent.pop(entry[1:].strip().lower(), None)
        else:
            name, value = entry.split(":", 1)
            sent.setdefault(name.strip().lower(), []).append(value.strip())
    return sent


@pytest.mark.parametrize(
    ("path", "cache"),
    [
        ("/", HTML_CACHE),
        ("/ar/", HTML_CACHE),
        ("/ar/news/road-opening/", HTML_CACHE),
        ("/ar/404.html", HTML_CACHE),
        ("/theme/css/site.0123456789.css", IMMUTABLE),
        ("/images/corniche-960.jpg", OTHER_CACHE),
        ("/sitemap.xml", OTHER_CACHE),
        ("/pagefind/ar/pagefind.js", OTHER_CACHE),
    ],
)
def test_one_cache_control_per_path(path: str, cache: str) -> None:
    headers, _redirects = netlify_files([], admin=True)
    sent = cloudflare(headers, path)
    assert sent["cache-control"] == [cache]
    assert len(sent["content-security-policy"]) == 1


def test_the_editor_gets_its_own_policy_only() -> None:
    headers, _redirects = netlify_files([], admin=True)
    site = cloudflare(headers, "/ar/")["content-security-policy"]
    admin = cloudflare(headers, "/admin/")["content-security-policy"]
    assert len(admin) == 1 and admin != site
