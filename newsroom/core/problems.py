"""The severity collector: every problem in one run, reported the same way.

A problem is `path:line: what is wrong — what to do`. Errors stop a build; warnings
stop it only when strict (CI); notices never stop it (translation report).
"""

from __future__ import annotations

import errno
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO

from . import environment

__all__ = ["DRAFT_LABEL", "OS_ADVICE", "Collector", "Problem", "Severity", "display"]

# The start of every problem of a draft (a notice: a draft never stops a build).
DRAFT_LABEL = "(draft, not published) "

# A failure of the machine (not of the content), by errno: what it is, and what to do.
OS_ADVICE: dict[int, tuple[str, str]] = {
    errno.ENOSPC: (
        "the disk is full",
        "free some disk space (`make clean` removes the build folder), then build again",
    ),
    errno.EDQUOT: ("the disk quota is used up", "free some disk space, then build again"),
    errno.EROFS: (
        "this place is read-only",
        "make the folder writable, or build from a writable copy (the build writes in .build/)",
    ),
    errno.EACCES: (
        "permission denied",
        "give your user the right to read and write it, or remove it (`make clean`) and build again",
    ),
    errno.EPERM: ("the operation is not permitted here", "check the folder's permissions, then build again"),
    errno.ENOENT: (
        "the file disappeared while the site was being built",
        "build again once nothing is moving or deleting files (a sync tool, an editor saving)",
    ),
    errno.EMFILE: ("too many files are open", "close other programs and build again"),
}


class Severity(StrEnum):
    """How much a problem weighs: errors stop, warnings stop when strict, notices never."""

    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"


@dataclass(frozen=True)
class Problem:
    """One problem, where it is, what is wrong and what to do."""

    severity: Severity
    path: str  # shown as given (relative to the project where possible)
    line: int | None
    message: str  # what is wrong
    action: str  # what to do

    def format(self) -> str:
        """`path:line: severity: what is wrong — what to do`."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.severity.value}: {self.message} — {self.action}"

    def annotation(self) -> str:
        """The problem as a GitHub Actions workflow command, shown on the file's line in a pull
        request: `::error file=…,line=…,title=…::what is wrong — what to do`."""

        def value(text: str) -> str:
            return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def prop(text: str) -> str:
            return value(text).replace(":", "%3A").replace(",", "%2C")

        where = f"file={prop(self.path)}" + (f",line={self.line}" if self.line else "")
        title = prop(f"{self.severity.value}: {self.path}")
        return f"::{self.severity.value} {where},title={title}::{value(f'{self.message} — {self.action}')}"


def display(text: str, stream: IO[str]) -> str:
    """Arabic in visual order on a terminal that needs it; untouched otherwise.

    Only on a TTY, and never with BIDI=0 (for terminals that do bidi themselves).
    CI logs are not TTYs and get the logical order, which is what they store.
    """
    if environment.get("BIDI", "1") == "0" or not getattr(stream, "isatty", lambda: False)():
        return text
    if not any("\u0600" <= c <= "\u06ff" for c in text):
        return text
    import arabic_reshaper  # noqa: PLC0415 (only needed on a terminal)
    from bidi import get_display  # noqa: PLC0415

    return "\n".join(get_display(arabic_reshaper.reshape(line)) for line in text.split("\n"))


class Collector:
    """Collects problems from every stage and reports them together."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root
        self.problems: list[Problem] = []

    def _rel(self, path: str | Path) -> str:
        path = Path(path)
        if self.root is not None and path.is_absolute():
            try:
                return path.relative_to(self.root).as_posix()
            except ValueError:
                pass
        return path.as_posix()

    def add(
        self,
        severity: Severity,
        path: str | Path,
        message: str,
        action: str,
        line: int | None = None,
    ) -> None:
        """Record a problem of the given severity."""
        self.problems.append(Problem(Severity(severity), self._rel(path), line, message, action))

    def error(self, path: str | Path, message: str, action: str, line: int | None = None) -> None:
        """Record an error: it stops the build."""
        self.add(Severity.ERROR, path, message, action, line)

    def warning(self, path: str | Path, message: str, action: str, line: int | None = None) -> None:
        """Record a warning: it stops the build when strict (CI)."""
        self.add(Severity.WARNING, path, message, action, line)

    def notice(self, path: str | Path, message: str, action: str, line: int | None = None) -> None:
        """Record a notice: reported, never stops the build."""
        self.add(Severity.NOTICE, path, message, action, line)

    def rel(self, path: str | Path) -> str:
        """`path` as problems name it (relative to the project where possible)."""
        return self._rel(path)

    def demote_drafts(self, drafts: set[str]) -> None:
        """Problems of files marked `Status: draft` never stop a build (nothing of a draft is
        published): its errors and warnings become notices, labelled as the draft's (its notices
        stay as they are). `drafts`: paths as `rel` names them."""
        self.problems = [
            Problem(Severity.NOTICE, p.path, p.line, DRAFT_LABEL + p.message, p.action)
            if p.path in drafts and p.severity != Severity.NOTICE and not p.message.startswith(DRAFT_LABEL)
            else p
            for p in self.problems
        ]

    def os_error(self, exc: OSError, fallback: str | Path) -> None:
        """A failure of the machine (disk full, read-only, vanished file) as one error."""
        what, todo = OS_ADVICE.get(exc.errno or 0, (exc.strerror or str(exc), "fix the cause, then build again"))
        self.error(exc.filename or fallback, what, todo)

    def extend(self, problems: Iterable[Problem]) -> None:
        """Add problems found elsewhere (another collector, a cache)."""
        self.problems.extend(problems)

    def counts(self) -> Counter[Severity]:
        """How many problems of each severity."""
        return Counter(p.severity for p in self.problems)

    def fails(self, strict: bool = False) -> bool:
        """Whether the build must stop: errors always, warnings when strict."""
        counts = self.counts()
        return bool(counts[Severity.ERROR] or (strict and counts[Severity.WARNING]))

    # -- exchange between the language processes and the driver -------------
    def to_json(self) -> list[dict[str, object]]:
        """The problems as JSON-ready dicts (for the build driver)."""
        return [{**asdict(p), "severity": p.severity.value} for p in self.problems]

    def load_json(self, items: list[dict[str, object]]) -> None:
        """Add the problems a language process reported (`to_json`)."""
        for item in items:
            self.problems.append(
                Problem(
                    Severity(str(item["severity"])),
                    str(item["path"]),
                    int(item["line"]) if item.get("line") else None,  # type: ignore[arg-type]
                    str(item["message"]),
                    str(item["action"]),
                )
            )

    def save(self, path: Path) -> None:
        """Write the problems as JSON to `path`."""
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1), "utf-8")

    # -- the report -----------------------------------------------------------
    def report(self, stream: IO[str] = sys.stderr) -> None:
        """Problems grouped by file (stable order), then a count per severity."""
        if not self.problems:
            return
        unique = sorted(set(self.problems), key=lambda p: (p.path, p.line or 0, p.message))
        current = None
        for problem in unique:
            if problem.path != current:
                current = problem.path
                print(display(problem.path, stream), file=stream)
            print("  " + display(problem.format(), stream), file=stream)
        counts = Counter(p.severity for p in unique)
        summary = ", ".join(f"{counts[s]} {s.value}{'' if counts[s] == 1 else 's'}" for s in Severity)
        print(summary, file=stream)
        if environment.get("GITHUB_ACTIONS") == "true":  # on the pull request's lines too
            for problem in unique:  # workflow commands are read from the standard output
                print(problem.annotation(), file=sys.stdout)

    def write_report(self, path: Path, verdict: str, status: int) -> None:
        """Every problem and the build's verdict as JSON, for any CI (`--report FILE.json`)."""
        unique = sorted(set(self.problems), key=lambda p: (p.path, p.line or 0, p.message))
        counts = Counter(p.severity for p in unique)
        data = {
            "status": status,
            "verdict": verdict,
            "counts": {s.value: counts[s] for s in Severity},
            "problems": [{**asdict(p), "severity": p.severity.value} for p in unique],
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", "utf-8")
