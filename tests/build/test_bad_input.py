"""Each bad input stops the build with the file's name (and line), in Arabic and in English
content alike, and output/ stays exactly as it was (hash and mtime of every file)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from helpers import fingerprint
from sitebuild import PROJECT, run_build, write

TEXT = {"ar": ("خبر", "نص."), "en": ("News", "Text.")}


def news(lang: str, extra: str = "", title: bool = True, date: str | None = "2024-01-01", body: str = "") -> str:
    heading, text = TEXT[lang]
    lines = ([f"Title: {heading}"] if title else []) + ([f"Date: {date}"] if date else [])
    return "\n".join(lines + ([extra] if extra else [])) + f"\n\n{body or text}\n"


def other(lang: str) -> str:
    return "en" if lang == "ar" else "ar"


def pair(content: Path, lang: str, rel: str, mine: str) -> str:
    """Write `mine` in `lang` and a good counterpart; return the bad file's path."""
    write(content, f"{lang}/{rel}", mine)
    write(content, f"{other(lang)}/{rel}", news(other(lang)))
    return f"{lang}/{rel}"


@dataclass
class Case:
    make: Callable[[Path, str], str]  # writes the fault, returns the path to name
    words: str  # what the message must say
    line: int | None = None


CASES: dict[str, Case] = {
    "stray markdown": Case(
        lambda c, lang: (write(c, f"news/{lang}-x.md", news(lang)), f"news/{lang}-x.md")[1],
        "outside content/ar/ and content/en/",
    ),
    "missing title": Case(lambda c, lang: pair(c, lang, "news/t.md", news(lang, title=False)), "'Title:' is missing"),
    "missing date": Case(lambda c, lang: pair(c, lang, "news/t.md", news(lang, date=None)), "'Date:' is missing"),
    "invalid date": Case(
        lambda c, lang: pair(c, lang, "news/t.md", news(lang, date="2024-02-30")), "not a real date", 2
    ),
    "partial news date": Case(lambda c, lang: pair(c, lang, "news/t.md", news(lang, date="2019")), "incomplete", 2),
    "lang key": Case(lambda c, lang: pair(c, lang, "news/t.md", news(lang, f"Lang: {lang}")), "'Lang:' is not used", 3),
    "non-ascii file name": Case(
        lambda c, lang: pair(c, lang, "news/يوم-المدينة.md", news(lang)), "not a valid web address"
    ),
    "same output path twice": Case(
        lambda c, lang: (pair(c, lang, "news/a.md", news(lang)), pair(c, lang, "news/old/a.md", news(lang)))[1],
        "would both be published at",
    ),
    "slug differs in a pair": Case(
        lambda c, lang: (
            write(c, f"{other(lang)}/news/t.md", news(other(lang))),
            write(c, f"{lang}/news/t.md", news(lang, "Slug: another")),
            f"{lang}/news/t.md",
        )[2],
        "two different slugs",
        3,
    ),
    "category missing from glossary": Case(
        lambda c, lang: pair(c, lang, "news/t.md", news(lang, "Category: Sport")),
        "'Sport' is not in content/glossary.yml",
        3,
    ),
    "unknown key": Case(lambda c, lang: pair(c, lang, "news/t.md", news(lang, "Titel: x")), "did you mean 'Title:'", 3),
    "empty value": Case(lambda c, lang: pair(c, lang, "news/t.md", news(lang, "Summary:")), "'Summary:' is empty", 3),
    "bidi control in the title": Case(
        lambda c, lang: pair(c, lang, "news/t.md", "Title: عنوان\u202eمقلوب\nDate: 2024-01-01\n\nنص.\n"), "U+202E", 1
    ),
    "bidi control in the text": Case(
        lambda c, lang: pair(c, lang, "news/t.md", news(lang, body="سطر\n\nنص \u2067x\u2069\n")),
        "direction-control characters",
        6,
    ),
    "unknown status": Case(
        lambda c, lang: pair(c, lang, "news/t.md", news(lang, "Status: hidden")), "unknown status", 3
    ),
    "broken internal link": Case(
        lambda c, lang: pair(c, lang, "news/t.md", news(lang, body="See [this]({filename}/news/gone.md).")),
        "points to a file that does not exist",
        4,
    ),
    "link to a missing page": Case(
        lambda c, lang: pair(c, lang, "news/t.md", news(lang, body=f"[x](/{lang}/news/gone/)")),
        "leads to no page or file",
        4,
    ),
    "missing anchor": Case(
        lambda c, lang: pair(c, lang, "news/t.md", news(lang, body=f"[x](/{lang}/news/road-opening/#nowhere)")),
        "#nowhere, which does not exist",
        4,
    ),
    "missing image": Case(
        lambda c, lang: pair(c, lang, "news/t.md", news(lang, body="![a map](/images/none.png)")),
        "leads to no page or file",
        4,
    ),
    "image without a description": Case(
        lambda c, lang: pair(c, lang, "news/t.md", news(lang, body="![](/images/logo-test.png)")),
        "has no description",
        4,
    ),
    "award without a title": Case(
        lambda c, lang: pair(c, lang, "awards/a.md", "Edition: 1\n\nx\n"), "'Title:' is missing"
    ),
    "award date 2019-13": Case(
        lambda c, lang: pair(c, lang, "awards/a.md", "Title: x\nDate: 2019-13\n\ny\n"), "no month 13", 2
    ),
    "award with an unknown key": Case(
        lambda c, lang: pair(c, lang, "awards/a.md", "Title: x\nAwardr: y\n\nz\n"), "did you mean 'Awarder:'", 2
    ),
    "news names an unknown award": Case(
        lambda c, lang: pair(c, lang, "news/t.md", news(lang, "Awards: no-such-award")), "not an award", 3
    ),
}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site built once; each case starts from a copy of it."""
    root = tmp_path_factory.mktemp("published")
    shutil.copytree(PROJECT / "tests" / "fixtures" / "site", root / "content")
    write(root / "content", "awards-fixture.txt", "")  # not Markdown: ignored
    build = run_build(root / "content", root)
    assert build.returncode == 0, build.text
    return root


def fresh_copy(published: Path, tmp_path: Path) -> Path:
    root = tmp_path / "site"
    shutil.copytree(published, root, symlinks=True)
    return root


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_stops_the_build(published: Path, tmp_path: Path, case: str, lang: str) -> None:
    fault = CASES[case]
    root = fresh_copy(published, tmp_path)
    name = fault.make(root / "content", lang)
    before = fingerprint(root / "output")
    build = run_build(root / "content", root)
    assert build.returncode != 0, build.text
    assert name in build.stderr, build.stderr
    assert fault.words in build.stderr, build.stderr
    if fault.line is not None:
        assert f"{name}:{fault.line}:" in build.stderr, build.stderr
    assert "output/ is unchanged" in build.stderr
    assert fingerprint(root / "output") == before


def test_a_template_error_names_the_template_and_line(published: Path, tmp_path: Path) -> None:
    root = fresh_copy(published, tmp_path)
    theme = root / "theme"
    shutil.copytree(PROJECT / "theme", theme)
    template = theme / "templates" / "article.html"
    text = template.read_text("utf-8")
    assert "{{ article.content|safe }}" in text
    template.write_text(text.replace("{{ article.content|safe }}", "{{ article.contnet|safe }}"), "utf-8")
    before = fingerprint(root / "output")
    build = run_build(root / "content", root, "--theme", str(theme))
    assert build.returncode != 0
    assert "article.html:" in build.stderr and "contnet" in build.stderr, build.stderr
    assert "Traceback" not in build.stderr
    assert fingerprint(root / "output") == before


def test_all_problems_of_all_files_in_one_run(published: Path, tmp_path: Path) -> None:
    root = fresh_copy(published, tmp_path)
    content = root / "content"
    pair(content, "ar", "news/one.md", news("ar", title=False))
    pair(content, "en", "news/two.md", news("en", "Lang: en"))
    pair(content, "ar", "news/three.md", news("ar", "Titel: x"))
    write(content, "news/x.md", news("en"))
    build = run_build(content, root)
    assert build.returncode != 0
    for expected in (
        "ar/news/one.md",
        "'Title:' is missing",
        "en/news/two.md:3:",
        "'Lang:' is not used",
        "ar/news/three.md:3:",
        "did you mean 'Title:'",
        "content/news/x.md",
        "4 errors",
    ):
        assert expected in build.stderr, expected


def test_unsafe_html_is_removed_and_reported(published: Path, tmp_path: Path) -> None:
    root = fresh_copy(published, tmp_path)
    body = 'نص <b onclick="steal()">عريض</b>\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1))'
    name = pair(root / "content", "ar", "news/t.md", news("ar", body=body))
    relaxed = run_build(root / "content", root)
    assert relaxed.returncode == 0, relaxed.text  # a warning: the cleaned article is published
    assert f"{name}:4: warning: the attribute onclick= on <b> was removed" in relaxed.stderr
    assert f"{name}:6: warning: a <script> element was removed" in relaxed.stderr
    assert f"{name}:8: warning: a javascript: address" in relaxed.stderr
    html = (root / "output/ar/news/t/index.html").read_text("utf-8")
    assert "onclick" not in html and "alert(1)" not in html and "javascript:" not in html
    before = fingerprint(root / "output")
    write(root / "content", "ar/news/t.md", news("ar", body=body + "\n\nمحدث"))
    strict = run_build(root / "content", root, env={"STRICT": "1"})
    assert strict.returncode != 0  # CI: warnings are fatal
    assert fingerprint(root / "output") == before


def test_warnings_stop_the_build_only_when_strict(published: Path, tmp_path: Path) -> None:
    root = fresh_copy(published, tmp_path)
    pair(root / "content", "ar", "news/t.md", news("ar", "Tags: وسم جديد"))
    relaxed = run_build(root / "content", root)
    assert relaxed.returncode == 0, relaxed.text
    assert "'وسم جديد' is not in content/glossary.yml" in relaxed.stderr
    pair(root / "content", "ar", "news/u.md", news("ar", "Tags: وسم آخر"))
    before = fingerprint(root / "output")
    strict = run_build(root / "content", root, env={"STRICT": "1"})
    assert strict.returncode != 0
    assert fingerprint(root / "output") == before


def test_translation_report(published: Path, tmp_path: Path) -> None:
    root = fresh_copy(published, tmp_path)
    content = root / "content"
    build = run_build(content, root)
    assert build.returncode == 0
    assert "ar/news/market-hours.md: notice: there is no English version" in build.stderr
    assert "en/news/beach-cleanup.md: notice: there is no Arabic version" in build.stderr
    # A translation whose source changed since it was made is stale.
    write(content, "en/news/road-opening.md", news("en", "Translation-Of: 000000000000"))
    stale = run_build(content, root)
    assert stale.returncode == 0
    assert "en/news/road-opening.md:3: notice: this translation is older than its source" in stale.stderr
    required = run_build(content, root, env={"REQUIRE_TRANSLATIONS": "1"})
    assert required.returncode != 0
    assert "error: there is no English version" in required.stderr
