"""The search quality table (tools/search_queries.tsv) cannot rot silently: enough queries in
both languages, every kind, each kind written as it says, and every expected address a page the
content really publishes (by pelican.conf.py's URL settings and the files' `Slug:` headers)."""

from __future__ import annotations

import re
import runpy
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from tools.search_quality import KINDS, LANGS, Query, load_queries, place, score

ROOT = Path(__file__).resolve().parents[2]
TABLE = load_queries()

TATWEEL = "\u0640"
TASHKEEL = re.compile("[\u064b-\u0652\u0670]")
ARABIC_LETTER = re.compile("[\u0621-\u064a]")
ARABIC_INDIC = re.compile("[\u0660-\u0669]")
# The issue's own examples: (search page, query).
FROM_THE_ISSUE = [
    ("ar", "التحول"),
    ("ar", "الابتكار"),
    ("ar", "التنافسية"),
    ("ar", "تخطيط"),
    ("ar", "جائزة"),
    ("en", "award"),
]


def _header(path: Path) -> dict[str, str]:
    """The file's `Key: value` header (up to the first blank line)."""
    fields = {}
    for line in path.read_text("utf-8").splitlines():
        if not line.strip():
            break
        key, _, value = line.partition(":")
        fields[key.strip().lower()] = value.strip()
    return fields


@pytest.fixture
def published(monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Address -> source file of every published page, as pelican.conf.py places it."""
    pages: dict[str, Path] = {}
    monkeypatch.setenv("SITE_CONTENT", str(ROOT / "content"))
    for lang in LANGS:
        monkeypatch.setenv("SITE_LANG", lang)
        settings = runpy.run_path(str(ROOT / "pelican.conf.py"))
        kinds = [(folder, settings["ARTICLE_URL"]) for folder in settings["ARTICLE_PATHS"]]
        kinds += [(folder, settings["PAGE_URL"]) for folder in settings["PAGE_PATHS"]]
        kinds.append((settings["ACHIEVEMENTS"]["PATH"], settings["AWARD_URL"]))
        for folder, pattern in kinds:
            for path in sorted((Path(settings["PATH"]) / folder).glob("*.md")):
                header = _header(path)
                if header.get("status") == "draft":
                    continue
                pages["/" + pattern.format(slug=header.get("slug") or path.stem)] = path
    return pages


def test_the_table_is_large_enough_and_mostly_arabic() -> None:
    languages = Counter(query.lang for query in TABLE)
    assert len(TABLE) >= 60
    assert set(languages) == set(LANGS)
    assert languages["ar"] >= 0.6 * len(TABLE)


@pytest.mark.parametrize("lang", LANGS)
def test_every_kind_is_there(lang: str) -> None:
    assert {query.kind for query in TABLE if query.lang == lang} == set(KINDS[lang])


def test_no_query_twice_on_one_page() -> None:
    twice = [key for key, n in Counter((q.lang, q.text) for q in TABLE).items() if n > 1]
    assert not twice


@pytest.mark.parametrize(("lang", "text"), FROM_THE_ISSUE)
def test_the_issue_queries_are_there(lang: str, text: str) -> None:
    assert any(query.lang == lang and query.text == text for query in TABLE)


def test_every_expected_page_is_published(published: dict[str, Path]) -> None:
    missing = [f"line {q.line}: {q.text} -> {url}" for q in TABLE for url in q.expected if url not in published]
    assert not missing, "\n".join(missing)


def test_plain_queries_are_written_in_their_pages(published: dict[str, Path]) -> None:
    """A plain query's words are in every expected page's file, as typed."""
    absent = [
        f"line {q.line}: {word!r} not in {url}"
        for q in TABLE
        if q.kind == "plain"
        for url in q.expected
        if url in published
        for word in q.text.split()
        if word.casefold() not in published[url].read_text("utf-8").casefold()
    ]
    assert not absent, "\n".join(absent)


@pytest.mark.parametrize(
    ("kind", "holds"),
    [
        ("stretched", lambda text: TATWEEL in text),
        ("voweled", lambda text: TASHKEEL.search(text) is not None),
        ("digits", lambda text: ARABIC_INDIC.search(text) is not None),
        ("latin", lambda text: ARABIC_LETTER.search(text) is None),
        ("arabic", lambda text: ARABIC_LETTER.search(text) is not None),
        ("bare", lambda text: TATWEEL not in text and TASHKEEL.search(text) is None),
    ],
)
def test_each_kind_is_written_as_it_says(kind: str, holds: Callable[[str], bool]) -> None:
    wrong = [q.text for q in TABLE if q.kind == kind and not holds(q.text)]
    assert not wrong


@pytest.mark.parametrize(
    ("expected", "urls", "p1", "r5"),
    [
        (["/ar/news/arab-city-day/"], ["/ar/news/arab-city-day/"], 1.0, 1.0),
        (["/ar/news/arab-city-day/"], [], 0.0, 0.0),
        (["/ar/a/", "/ar/b/"], ["/ar/c/", "/ar/b/"], 0.0, 0.5),
        (["/ar/a/", "/ar/b/"], ["/ar/b/", "/ar/a/"], 1.0, 1.0),
        (["/ar/a/"], ["/ar/b/", "/ar/c/", "/ar/d/", "/ar/e/", "/ar/f/", "/ar/a/"], 0.0, 0.0),  # sixth: too late
        ([f"/ar/{n}/" for n in range(7)], [f"/ar/{n}/" for n in range(5)], 1.0, 1.0),  # 7 expected: 5 of 5
        ([f"/ar/{n}/" for n in range(7)], ["/ar/x/", "/ar/0/", "/ar/1/"], 0.0, 0.4),
    ],
)
def test_score(expected: list[str], urls: list[str], p1: float, r5: float) -> None:
    assert score(expected, urls) == (p1, r5)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("ar\tplain\tجائزة\t\t", "at least one expected page"),
        ("ar\tstemmed\tجائزة\t/ar/awards/x/\t", "unknown language or kind"),
        ("fr\tplain\tprix\t/fr/x/\t", "unknown language or kind"),
        ("ar plain جائزة /ar/awards/x/", "tab-separated"),
    ],
)
def test_a_bad_row_is_refused_with_its_line(tmp_path: Path, row: str, message: str) -> None:
    table = tmp_path / "queries.tsv"
    table.write_text("# تعليق\nlang\tkind\tquery\texpected\tnote\n" + row + "\n", "utf-8")
    with pytest.raises(ValueError, match=message) as error:
        load_queries(table)
    assert ":3:" in str(error.value)


def test_a_row_without_a_note_is_read(tmp_path: Path) -> None:
    table = tmp_path / "queries.tsv"
    table.write_text("lang\tkind\tquery\texpected\tnote\nar\tvoweled\tالجَائِزَة\t/ar/a/ /ar/b/\n", "utf-8")
    assert load_queries(table) == [Query("ar", "voweled", "الجَائِزَة", ("/ar/a/", "/ar/b/"), "", 2)]


def test_a_section_is_replaced_and_the_rest_kept(tmp_path: Path) -> None:
    doc = tmp_path / "search.md"
    doc.write_text("# البحث\n\nمقدمة.\n", "utf-8")
    place("## Before\n\nold\n", "before", doc)
    place("## After\n\nfirst\n", "after", doc)
    place("## After\n\nsecond\n", "after", doc)
    text = doc.read_text("utf-8")
    assert text.startswith("# البحث\n\nمقدمة.\n\n<!-- search-quality: before -->\n## Before\n\nold\n")
    assert "second" in text and "first" not in text
    assert text.count("<!-- search-quality: after -->") == 1
    assert text.index("search-quality: before") < text.index("search-quality: after")
