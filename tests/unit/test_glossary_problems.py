from __future__ import annotations

import io
from pathlib import Path

import pytest

from newsroom.core.glossary import load_glossary
from newsroom.core.problems import Collector, display


def test_glossary_pairs_names_and_slugs_from_english(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text("categories:\n  - ar: أخبار البلدية\n    en: Municipality news\n", "utf-8")
    glossary = load_glossary(path, Collector())
    term = glossary.lookup("categories", "ar", "أخبارُ  البلدية")  # tashkeel and spacing ignored
    assert term is not None
    assert term.slug == "municipality-news"
    assert term.names["en"] == "Municipality news"


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("categories:\n  - ar: أخبار\n", 2, "missing en"),
        ("sections:\n  - ar: أ\n    en: A\n", 1, "unknown section"),
        ("categories:\n  - ar: أ\n    en: News\n  - ar: ب\n    en: News!\n", 4, "share the URL slug"),
        ("categories: [unclosed\n", 2, "not valid YAML"),
    ],
)
def test_glossary_errors_name_the_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text(text, "utf-8")
    collector = Collector()
    load_glossary(path, collector)
    (problem,) = collector.problems
    assert words in problem.message
    assert problem.line == line


def test_report_groups_by_file_and_counts() -> None:
    collector = Collector()
    collector.error("content/ar/news/a.md", "'Title:' is missing", "add it", line=1)
    collector.warning("content/ar/news/a.md", "tag", "add it to the glossary", line=4)
    collector.error("content/en/news/b.md", "bad date", "write 2020-03-15", line=2)
    stream = io.StringIO()
    collector.report(stream)
    lines = stream.getvalue().splitlines()
    assert lines[0] == "content/ar/news/a.md"
    assert lines[1] == "  content/ar/news/a.md:1: error: 'Title:' is missing — add it"
    assert lines[-1] == "2 errors, 1 warning, 0 notices"
    assert collector.fails() and collector.fails(strict=True)


def test_warnings_fail_only_when_strict() -> None:
    collector = Collector()
    collector.warning("x.md", "tag", "add it")
    assert not collector.fails()
    assert collector.fails(strict=True)


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_arabic_is_reordered_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BIDI", raising=False)
    text = "بلدية مسقط"
    assert display(text, io.StringIO()) == text  # a log file keeps the logical order
    shown = display(text, FakeTTY())
    assert shown != text and "\ufe8e" not in text  # reordered and shaped (presentation forms)
    assert any("\ufe70" <= c <= "\ufeff" for c in shown)
    monkeypatch.setenv("BIDI", "0")
    assert display(text, FakeTTY()) == text
