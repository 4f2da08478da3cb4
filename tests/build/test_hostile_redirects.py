"""Hostile `Redirect-From:` values, in Arabic and in English content: none of them reaches
`_redirects`, `_headers`, the nginx snippet or a redirect page. Each stops the build with the
article's file and its `Redirect-From:` line, and output/ stays exactly as it was (hash and
mtime of every file). An Arabic old address is a good one and works."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from helpers import fingerprint, tags
from sitebuild import CLOCK, copy_fixture, run_build, write

from newsroom.core import contract
from newsroom.core.slugs import find_invisible
from newsroom.pipeline import driver

TEXT = {"ar": ("خبر نُقل إلى عنوان جديد", "نص الخبر."), "en": ("A news item that moved", "The text.")}
REL = "news/moved.md"  # the article that asks for the redirect; `Redirect-From:` is its line 3


def moved(lang: str, old: str, name: str = REL) -> tuple[str, str]:
    """An article of `lang` with `Redirect-From: old` on line 3: (its path, its text)."""
    title, text = TEXT[lang]
    return f"{lang}/{name}", f"Title: {title}\nDate: 2024-01-01\nRedirect-From: {old}\n\n{text}\n"


@dataclass
class Case:
    value: str  # `{lang}` is replaced by the article's language
    words: str = "Redirect-From"  # what the message must say besides the file and line


CASES: dict[str, Case] = {
    "curly bracket and hash": Case("/old/x{#", "'{'"),
    "semicolon and closing bracket": Case("/x;}", "';'"),
    "the _headers file": Case("/_headers", "/_headers, which the build writes itself"),
    "the _redirects file": Case("/_redirects", "/_redirects, which the build writes itself"),
    "the root page": Case("/index.html", "/index.html, which the build writes itself"),
    "the site's root": Case("/", "the site's root"),
    "the sitemap": Case("/sitemap.xml", "/sitemap.xml, which the build writes itself"),
    "robots.txt": Case("/robots.txt", "/robots.txt, which the build writes itself"),
    "the 404 page": Case("/404.html", "/404.html, which the build writes itself"),
    "a compressed copy": Case("/sitemap.xml.gz", "a compressed copy"),
    "a stylesheet": Case("/theme/x.css", "under /theme/, which the build writes itself"),
    "a picture": Case("/images/corniche.jpg", "under /images/, which the build writes itself"),
    "the search index": Case("/pagefind/pagefind.js", "under /pagefind/, which the build writes itself"),
    "a language's home page": Case("/{lang}/", "home page"),
    "an article of the site": Case("/{lang}/news/arab-city-day/", "a page or file of the site"),
    "a file of the site": Case("/{lang}/feed.atom", "a page or file of the site"),
    "under a page": Case("/{lang}/news/arab-city-day/index.html/x", "a file of the site"),
    "an encoded _headers": Case("/%5Fheaders", "/_headers, which the build writes itself"),
    "a quote": Case('/ar/قديم"/', "'\"'"),
    "a space": Case("/أخبار قديمة/", "U+0020"),
    "a line separator": Case("/قديم\u2028/", "U+2028"),
    "a Hangul filler": Case("/قديم\u3164/", "U+3164"),
    "an encoded line break": Case("/old%0Ax/", "U+000A"),
    "an nginx variable": Case("/$uri", "'$'"),
    "a backslash": Case("/old\\x/", "'\\'"),
    "another site": Case("//evil.example/", "'//'"),
    "a step out of a folder": Case("/a/../b", "'..'"),
    "an encoded step out": Case("/a/%2E%2E/b", "'..'"),
    "a script address": Case("javascript:x", "'/'"),
    "a wildcard": Case("/old/*", "'*'"),
}
GOOD = "/{lang}/أخبار-قديمة/"


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


def error_lines(stderr: str, where: str) -> list[str]:
    return [line for line in stderr.splitlines() if f"{where}: error:" in line]


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("case", list(CASES))
def test_a_hostile_redirect_stops_the_build(published: Path, tmp_path: Path, case: str, lang: str) -> None:
    root = fresh_copy(published, tmp_path)
    name, text = moved(lang, CASES[case].value.replace("{lang}", lang))
    write(root / "content", name, text)
    before = fingerprint(root / "output")
    build = run_build(root / "content", root)
    assert build.returncode != 0, build.text
    lines = error_lines(build.stderr, f"{name}:3")
    assert lines, build.stderr
    assert any(CASES[case].words in line and " — " in line for line in lines), build.stderr
    assert "Traceback" not in build.text
    assert "output/ is unchanged" in build.stderr
    assert fingerprint(root / "output") == before


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_two_articles_claiming_one_old_address(published: Path, tmp_path: Path, lang: str) -> None:
    root = fresh_copy(published, tmp_path)
    old = f"/{lang}/أخبار-قديمة/"
    first, text = moved(lang, old)
    write(root / "content", first, text)
    other = "en" if lang == "ar" else "ar"
    second, text = moved(other, old, "news/moved-too.md")  # the other language claims it too
    write(root / "content", second, text)
    before = fingerprint(root / "output")
    build = run_build(root / "content", root)
    assert build.returncode != 0, build.text
    for one, two in ((first, second), (second, first)):
        lines = error_lines(build.stderr, f"{one}:3")
        assert any(f"{two}:3" in line and "only one of the two articles" in line for line in lines), build.stderr
    assert "Traceback" not in build.text
    assert fingerprint(root / "output") == before


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_an_arabic_old_address_works(published: Path, tmp_path: Path, lang: str) -> None:
    root = fresh_copy(published, tmp_path)
    old = GOOD.replace("{lang}", lang)
    name, text = moved(lang, old)
    write(root / "content", name, text)
    build = run_build(root / "content", root)
    assert build.returncode == 0, build.text
    new = f"/{lang}/news/moved/"
    page = build.page(f"{lang}/أخبار-قديمة/index.html")
    (refresh,) = tags(page, "meta", **{"http-equiv": "refresh"})
    assert refresh["content"].endswith(f"url={new}")
    assert f"{quote(old)} {new} 301\n" in (build.output / "_redirects").read_text("utf-8")
    snippet = (build.work / "deploy" / "nginx-snippet.conf").read_text("utf-8")
    assert f'location = "{old}" {{ return 301 {new}; }}' in snippet


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_writers_refuse_what_the_header_check_lets_through(
    published: Path, tmp_path: Path, lang: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Defence in depth: with the header check of `Redirect-From:` switched off, every hostile
    value still stops the build, on its article's line, before anything is written."""
    root = fresh_copy(published, tmp_path)
    names = []
    # (an invisible character is refused by the header check whatever the key: left out here)
    for n, case in enumerate(c for c in CASES.values() if not find_invisible(c.value)):
        name, text = moved(lang, case.value.replace("{lang}", lang), f"news/moved-{n}.md")
        names.append(write(root / "content", name, text) and name)
    monkeypatch.delitem(contract.URL_KEYS, "redirect-from")
    monkeypatch.setenv("SITE_CLOCK", CLOCK)
    monkeypatch.delenv("SITEURL", raising=False)
    monkeypatch.setenv("STRICT", "0")
    before = fingerprint(root / "output")
    code = driver.main(
        ["--content", str(root / "content"), "--output", str(root / "output"), "--work", str(root / "work")]
    )
    stderr = capsys.readouterr().err
    assert code == 1, stderr
    for name in names:
        assert error_lines(stderr, f"{name}:3"), f"{name} not reported:\n{stderr}"
    assert "Traceback" not in stderr
    assert fingerprint(root / "output") == before
