"""Addresses written in headers: an allow-list of schemes and of path characters.

Every URL-valued key (`Link:`, `Image:`, `Redirect-From:` and any later one) is checked here
before it reaches a page, a feed, `_headers`, `_redirects` or the nginx snippet. Each check
returns `None` when the value is fine, or the reason (plain words) when it is not.

Allowed path characters: ASCII letters and digits, `- . _ ~ / ( ) + , = @ ! *`, `%XX` escapes,
and letters, marks and digits of any script (an Arabic page name is a real address). Nothing
else: no spaces, quotes, angle or curly brackets, backslashes, `;`, `$`, `#` or `?` in a path,
and no invisible or format character.
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from .slugs import find_invisible

__all__ = [
    "LINK_SCHEMES",
    "check_image_name",
    "check_link",
    "check_site_path",
    "unsafe_path_characters",
]

LINK_SCHEMES = ("https", "http")
_ASCII_PATH = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/()+,=@!*%")
# In a query string (after `?` of an external link) these are fine too.
_ASCII_QUERY = _ASCII_PATH | frozenset("&?:;")
_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_HOST = re.compile(
    r"^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)*[A-Za-z0-9]"
    r"(?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?::[0-9]{1,5})?$"
)


def _describe(char: str) -> str:
    name = unicodedata.name(char, "")
    shown = f"'{char}' " if char.isprintable() and not char.isspace() else ""
    return f"{shown}(U+{ord(char):04X}{' ' + name if name else ''})"


def unsafe_path_characters(text: str, allowed: frozenset[str] = _ASCII_PATH) -> list[str]:
    """The characters of `text` that may not stand in an address, described for a message."""
    bad: list[str] = []
    for char in text:
        if char in allowed:
            continue
        if ord(char) > 127 and unicodedata.category(char)[0] in "LMN" and not find_invisible(char):
            continue
        described = _describe(char)
        if described not in bad:
            bad.append(described)
    if _PERCENT.search(text):
        bad.append("'%' not followed by two hexadecimal digits")
    return bad


def _segments_problem(path: str) -> str | None:
    segments = path.split("/")
    if any(segment in (".", "..") for segment in segments):
        return "it contains '.' or '..' (a step out of a folder)"
    return None


def check_site_path(value: str) -> str | None:
    """An address on this site, from its root: `/ar/2019/old-name/`."""
    if not value.startswith("/"):
        return "it does not start with '/' (an address on this site, from its root)"
    if value.startswith("//"):
        return "it starts with '//', which browsers read as another site"
    bad = unsafe_path_characters(value)
    if bad:
        return f"it contains characters that may not stand in an address: {', '.join(bad)}"
    return _segments_problem(value)


def check_link(value: str) -> str | None:
    """An external `https:`/`http:` address, or an address on this site (`/ar/about/`)."""
    if value.startswith("/"):
        if value.startswith("//"):
            return "it starts with '//', which browsers read as another site"
        path, _, query = value.partition("?")
        path, _, fragment = path.partition("#")
        bad = unsafe_path_characters(path) + unsafe_path_characters(query + fragment, _ASCII_QUERY)
        if bad:
            return f"it contains characters that may not stand in an address: {', '.join(dict.fromkeys(bad))}"
        return _segments_problem(path)
    scheme, sep, _rest = value.partition(":")
    if not sep or scheme.lower() not in LINK_SCHEMES:
        shown = f"'{scheme}:' " if sep and scheme.isascii() and scheme.isalnum() else ""
        return f"the address {shown}is not an https:// or http:// address, nor a path on this site"
    try:
        parts = urlsplit(value)
    except ValueError:
        return "it is not a well-formed address"
    if parts.scheme != scheme.lower() or not value[len(scheme) + 1 :].startswith("//"):
        return "it is not of the form https://host/path"
    if parts.username is not None or parts.password is not None:
        return "it carries a user name or password ('user@host')"
    if not _HOST.match(parts.netloc):
        return f"the host '{parts.netloc}' is not a valid host name"
    bad = unsafe_path_characters(parts.path) + unsafe_path_characters(parts.query + parts.fragment, _ASCII_QUERY)
    if bad:
        return f"it contains characters that may not stand in an address: {', '.join(dict.fromkeys(bad))}"
    return None


def check_image_name(value: str) -> str | None:
    """A picture in content/images/: `corniche.jpg` or `2020/corniche.jpg`."""
    if ":" in value:
        return "it is not a file name in content/images/ (it looks like an address with a scheme)"
    if value.startswith("/"):
        return "it starts with '/': write the file name as it is in content/images/, e.g. corniche.jpg"
    bad = unsafe_path_characters(value)
    if bad:
        return f"it contains characters that may not stand in a file name: {', '.join(bad)}"
    return _segments_problem(value)
