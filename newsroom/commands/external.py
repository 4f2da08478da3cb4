"""Links to other sites, checked (`newsroom external`, `make external-links`): never part of a
build (they need the network, and another site being down must not stop publishing), run by a
scheduled workflow whose report a person reads.

    newsroom external                          # a table of the broken links, on the terminal
    newsroom external --report links.md        # the same, as a Markdown file (the workflow's artifact)

Every `http(s)://` address in the content is asked once (HEAD, then GET where HEAD is refused):
award `Link:` fields, links and pictures in the text, `Image:`… in both languages. The answer
is written beside each file and line that uses the address. The exit status is 0 whatever the
links say (`--strict`: 1 when one is broken).
"""

from __future__ import annotations

import argparse
import re
import sys
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from newsroom import PROJECT

__all__ = ["Answer", "ask", "find_links", "main", "report"]

_ADDRESS = re.compile(r"https?://[^\s<>()\"'\]]+")
_TRAILING = ".,;:!?»«،؛"
AGENT = "newsroom-link-check/1 (+the site's own scheduled check)"


@dataclass(frozen=True)
class Answer:
    """What an address answered: a status, or why there was none."""

    url: str
    status: int | None
    detail: str

    @property
    def broken(self) -> bool:
        return self.status is None or self.status >= 400


def find_links(content: Path) -> dict[str, list[tuple[str, int]]]:
    """{address: [(file, line), …]} of every outside address in the Markdown of `content`."""
    found: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for path in sorted(content.rglob("*.md")):
        rel = path.relative_to(content.parent).as_posix()
        for number, line in enumerate(path.read_text("utf-8", errors="replace").splitlines(), 1):
            for match in _ADDRESS.finditer(line):
                found[match.group().rstrip(_TRAILING)].append((rel, number))
    return dict(found)


def ask(url: str, timeout: float = 15.0) -> Answer:
    """One address: HEAD first, GET when the server refuses HEAD."""
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (http(s) only)
                return Answer(url, response.status, response.reason or "")
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue
            return Answer(url, exc.code, str(exc.reason))
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            return Answer(url, None, f"no answer: {reason}")
    return Answer(url, None, "no answer")


def report(links: dict[str, list[tuple[str, int]]], answers: list[Answer]) -> str:
    """The Markdown report: the broken links first, with where they are written."""
    broken = [a for a in answers if a.broken]
    lines = [
        "# Links to other sites",
        "",
        f"{len(answers)} addresses checked, **{len(broken)} broken**. A broken link is not an error of the"
        " build: correct or remove it in the file named, or leave it if the other site is only down for now.",
        "",
    ]
    if broken:
        lines += ["| file:line | address | answer |", "|---|---|---|"]
        for answer in sorted(broken, key=lambda a: links[a.url][0]):
            where = "<br>".join(f"`{file}:{line}`" for file, line in links[answer.url])
            said = f"{answer.status} {answer.detail}".strip() if answer.status else answer.detail
            lines.append(f"| {where} | {answer.url} | {said} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsroom external", description=__doc__.split("\n\n")[0])
    parser.add_argument("--content", type=Path, default=PROJECT / "content")
    parser.add_argument("--report", type=Path, help="also write the report to this Markdown file")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a link is broken")
    parser.add_argument("--timeout", type=float, default=15.0)
    args = parser.parse_args(argv)
    links = find_links(args.content)
    with ThreadPoolExecutor(max_workers=8) as pool:
        answers = list(pool.map(lambda url: ask(url, args.timeout), sorted(links)))
    text = report(links, answers)
    print(text)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(text, "utf-8")
    return 1 if args.strict and any(a.broken for a in answers) else 0


if __name__ == "__main__":
    sys.exit(main())
