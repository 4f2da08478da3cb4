"""What a built site may contain, whatever its content says: the scanner the hostile-input
tests run over every page and feed of a build.

It knows nothing of individual templates: a page made by a template added later is scanned
the same way. It fails on any `<script>` that is not ours or JSON-LD, any `on…=` handler,
any `javascript:`/`data:`/`vbscript:` address, and any element that neither the theme's
templates nor the sanitizer's allow-list can produce.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

from newsroom.core.safehtml import ALLOWED_TAGS

PROJECT = Path(__file__).resolve().parent.parent
_TAG = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b")
BAD_SCHEMES = ("javascript:", "data:", "vbscript:", "file:")
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "srcset", "poster", "data", "cite", "background"}


def theme_elements(theme: Path = PROJECT / "theme") -> set[str]:
    """Every element name written in the theme's templates."""
    found: set[str] = set()
    for template in (theme / "templates").rglob("*.html"):
        found |= {name.lower() for name in _TAG.findall(template.read_text("utf-8"))}
    return found


# Elements the images plugin writes in place of <img>.
GENERATED = {"picture", "source"}


class _Scanner(HTMLParser):
    def __init__(self, allowed: set[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed = allowed
        self.found: list[str] = []
        self.script: dict[str, str] | None = None
        self.script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k.lower(): (v or "") for k, v in attrs}
        if tag not in self.allowed:
            self.found.append(f"unexpected element <{tag}>")
        for name, value in values.items():
            if name.startswith("on"):
                self.found.append(f"event handler {name}= on <{tag}>")
            plain = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if name in URL_ATTRIBUTES and any(scheme in plain for scheme in BAD_SCHEMES):
                self.found.append(f"script address in {name}= on <{tag}>: {value[:60]}")
            if name == "style":
                self.found.append(f"style= attribute on <{tag}>")
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            target = values.get("content", "").split("url=", 1)[-1].strip().lower()
            if any(target.startswith(scheme) for scheme in BAD_SCHEMES) or "evil" in target:
                self.found.append(f"refresh to {target}")
        if tag == "base":
            self.found.append("a <base> element")
        if tag == "script":
            if values.get("type") == "application/ld+json":
                self.script, self.script_text = values, []
            elif "src" not in values or "/theme/" not in values["src"] and "pagefind" not in values["src"]:
                self.found.append(f"a script that is not the theme's: {values}")
            else:
                self.script, self.script_text = values, []

    def handle_data(self, data: str) -> None:
        if self.script is not None:
            self.script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self.script is not None:
            text = "".join(self.script_text).strip()
            if self.script.get("type") == "application/ld+json":
                try:
                    json.loads(text)
                except ValueError:
                    self.found.append(f"JSON-LD that is not JSON (broken out of?): {text[:80]}")
            elif text:
                self.found.append(f"inline script text: {text[:80]}")
            self.script = None


def scan_html(html: str, allowed: set[str]) -> list[str]:
    scanner = _Scanner(allowed)
    scanner.feed(html)
    scanner.close()
    return scanner.found


def scan_site(output: Path, theme: Path = PROJECT / "theme") -> list[str]:
    """Everything unsafe in the built site's pages and feeds, as `file: what` lines."""
    allowed = theme_elements(theme) | set(ALLOWED_TAGS) | GENERATED
    problems: list[str] = []
    for path in sorted(output.rglob("*.html")):
        rel = path.relative_to(output).as_posix()
        problems += [f"{rel}: {p}" for p in scan_html(path.read_text("utf-8"), allowed)]
    for path in sorted(output.rglob("*.atom")):
        rel = path.relative_to(output).as_posix()
        for element in ET.fromstring(path.read_bytes()).iter():
            if element.get("type") == "html" and element.text:
                problems += [f"{rel}: {p}" for p in scan_html(element.text, set(ALLOWED_TAGS) | GENERATED)]
    return problems
