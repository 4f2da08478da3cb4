"""Reading the built site in tests: pages, their attributes, their links."""

from __future__ import annotations

import hashlib
from html.parser import HTMLParser
from pathlib import Path


class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def tags(html: str, name: str, **match: str) -> list[dict[str, str]]:
    parser = Tags()
    parser.feed(html)
    return [a for t, a in parser.tags if t == name and all(a.get(k) == v for k, v in match.items())]


def html_files(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def file_for(output: Path, url: str) -> Path:
    """The file a root-relative URL like /ar/news/x/ is served from."""
    path = output / url.lstrip("/")
    return path / "index.html" if url.endswith("/") else path


def url_of(output: Path, path: Path) -> str:
    rel = path.relative_to(output).as_posix()
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def fingerprint(root: Path) -> dict[str, object]:
    """Hash and mtime of every file under `root`, and where the `output` link points."""
    if not root.exists():
        return {}
    real = root.resolve()
    result: dict[str, object] = {"@link": str(real)}
    for path in sorted(real.rglob("*")):
        if path.is_file():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
            result[path.relative_to(real).as_posix()] = (digest, path.stat().st_mtime_ns)
    return result
