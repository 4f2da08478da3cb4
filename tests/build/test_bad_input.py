"""Each bad input stops the build with the file's name, and output/ stays as it was."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import fingerprint
from sitebuild import PROJECT, copy_fixture, run_build, write

GOOD_AR = "Title: خبر\nDate: 2024-01-01\n\nنص.\n"
GOOD_EN = "Title: News\nDate: 2024-01-01\n\nText.\n"


def pair(content: Path, rel: str, ar: str = GOOD_AR, en: str = GOOD_EN) -> None:
    write(content, f"ar/{rel}", ar)
    write(content, f"en/{rel}", en)


def break_template(content: Path, theme: Path) -> None:
    page = theme / "templates" / "article.html"
    text = page.read_text("utf-8")
    assert "{{ article.content }}" in text
    page.write_text(text.replace("{{ article.content }}", "{{ article.contnet }}"), "utf-8")


# name -> (change to the content, the file the message must name, words it must say, line)
CASES: dict[str, tuple[Callable[[Path], None], str, str, int | None]] = {
    "stray markdown": (lambda c: write(c, "news/x.md", GOOD_EN), "news/x.md",
                       "outside content/ar/ and content/en/", None),
    "stray language folder": (lambda c: write(c, "fr/news/x.md", GOOD_EN), "fr/news/x.md",
                              "outside content/ar/", None),
    "missing title (ar)": (lambda c: pair(c, "news/t.md", ar="Date: 2024-01-01\n\nنص.\n"),
                           "ar/news/t.md", "'Title:' is missing", None),
    "missing date (en)": (lambda c: pair(c, "news/t.md", en="Title: News\n\nText.\n"),
                          "en/news/t.md", "'Date:' is missing", None),
    "invalid date": (lambda c: pair(c, "news/t.md", ar="Title: خبر\nDate: 2024-02-30\n\nنص.\n"),
                     "ar/news/t.md", "not a real date", 2),
    "partial news date": (lambda c: pair(c, "news/t.md", en="Title: News\nDate: 2019\n\nText.\n"),
                          "en/news/t.md", "incomplete", 2),
    "lang key": (lambda c: pair(c, "news/t.md", ar="Title: خبر\nDate: 2024-01-01\nLang: ar\n\nنص.\n"),
                 "ar/news/t.md", "'Lang:' is not used", 3),
    "non-ascii file name": (lambda c: pair(c, "news/يوم-المدينة.md"), "ar/news/يوم-المدينة.md",
                            "not a valid web address", None),
    "same output path twice": (
        lambda c: (pair(c, "news/a.md"), pair(c, "news/old/a.md")), "news/old/a.md",
        "would both be published at /ar/news/a/", None),
    "slug differs in a pair": (
        lambda c: pair(c, "news/t.md", ar="Title: خبر\nDate: 2024-01-01\nSlug: one\n\nنص.\n",
                       en="Title: News\nDate: 2024-01-01\nSlug: two\n\nText.\n"),
        "news/t.md", "two different slugs", 3),
    "category missing from glossary": (
        lambda c: pair(c, "news/t.md", ar="Title: خبر\nDate: 2024-01-01\nCategory: رياضة\n\nنص.\n"),
        "ar/news/t.md", "'رياضة' is not in content/glossary.yml", 3),
    "award without a title": (
        lambda c: pair(c, "awards/a.md", ar="Edition: الأولى\n\nنص.\n", en="Title: An award\n\nText.\n"),
        "ar/awards/a.md", "'Title:' is missing", None),
    "award date 2019-13": (
        lambda c: pair(c, "awards/a.md", en="Title: An award\nDate: 2019-13\n\nText.\n",
                       ar="Title: جائزة\n\nنص.\n"),
        "en/awards/a.md", "no month 13", 2),
    "award with an unknown key": (
        lambda c: pair(c, "awards/a.md", ar="Title: جائزة\nAwardr: جهة\n\nنص.\n",
                       en="Title: An award\n\nText.\n"),
        "ar/awards/a.md", "did you mean 'Awarder:'", 2),
    "news names an unknown award": (
        lambda c: pair(c, "news/t.md", en="Title: News\nDate: 2024-01-01\nAwards: no-such-award\n\nx\n"),
        "en/news/t.md", "not an award", 3),
    "unknown key": (lambda c: pair(c, "news/t.md", en="Titel: News\nTitle: News\nDate: 2024-01-01\n\nx\n"),
                    "en/news/t.md", "unknown key 'titel'", 1),
}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site built once; each case starts from a copy of it."""
    root = tmp_path_factory.mktemp("published")
    build = run_build(copy_fixture(root / "content"), root)
    assert build.returncode == 0, build.text
    return root


def fresh_copy(published: Path, tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(published, root, symlinks=True)
    return root


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_stops_the_build(published: Path, tmp_path: Path, case: str) -> None:
    change, name, words, line = CASES[case]
    root = fresh_copy(published, tmp_path)
    change(root / "content")
    before = fingerprint(root / "output")
    build = run_build(root / "content", root)
    assert build.returncode != 0
    assert name in build.stderr, build.stderr
    assert words in build.stderr, build.stderr
    if line is not None:
        assert f"{name}:{line}:" in build.stderr, build.stderr
    assert "output/ is unchanged" in build.stderr
    assert fingerprint(root / "output") == before


def test_a_template_error_names_the_template_and_line(published: Path, tmp_path: Path) -> None:
    root = fresh_copy(published, tmp_path)
    theme = root / "theme"
    shutil.copytree(PROJECT / "theme", theme)
    break_template(root / "content", theme)
    before = fingerprint(root / "output")
    build = run_build(root / "content", root, "--theme", str(theme))
    assert build.returncode != 0
    assert "article.html:" in build.stderr and "contnet" in build.stderr, build.stderr
    assert "Traceback" not in build.stderr
    assert fingerprint(root / "output") == before


def test_all_problems_of_all_files_in_one_run(published: Path, tmp_path: Path) -> None:
    root = fresh_copy(published, tmp_path)
    content = root / "content"
    pair(content, "news/one.md", ar="Date: 2024-01-01\n\nنص.\n")
    pair(content, "news/two.md", en="Title: News\nDate: 2024-01-01\nLang: en\n\nText.\n")
    pair(content, "news/three.md", ar="Titel: خبر\nTitle: خبر\nDate: 2024-01-01\n\nنص.\n")
    write(content, "news/x.md", GOOD_EN)
    build = run_build(content, root)
    assert build.returncode != 0
    for expected in ("ar/news/one.md", "'Title:' is missing", "en/news/two.md:3:", "'Lang:' is not used",
                     "ar/news/three.md:1:", "did you mean 'Title:'", "content/news/x.md",
                     "4 errors"):
        assert expected in build.stderr, expected


def test_warnings_stop_the_build_only_when_strict(published: Path, tmp_path: Path) -> None:
    root = fresh_copy(published, tmp_path)
    pair(root / "content", "news/t.md", ar="Title: خبر\nDate: 2024-01-01\nTags: وسم جديد\n\nنص.\n")
    relaxed = run_build(root / "content", root)
    assert relaxed.returncode == 0, relaxed.text
    assert "'وسم جديد' is not in content/glossary.yml" in relaxed.stderr
    pair(root / "content", "news/u.md", ar="Title: خبر\nDate: 2024-01-02\nTags: وسم آخر\n\nنص.\n")
    before = fingerprint(root / "output")
    strict = run_build(root / "content", root, env={"STRICT": "1"})
    assert strict.returncode != 0
    assert fingerprint(root / "output") == before
