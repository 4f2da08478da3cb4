"""Hostile values in every header key, in both languages: nothing of them runs in a reader's
browser. Text keys are escaped wherever a template prints them (pages, menus, feeds, social
tags, JSON-LD); address keys with a scheme or characters that are not allowed stop the build
with `path:line`; invisible and format characters in any key stop it too. Every page of the
build is scanned (tests/hostile.py), so pages of templates added later are covered as well."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import fingerprint
from hostile import scan_html, scan_site, theme_elements
from sitebuild import copy_fixture, run_build, write

# Payloads for text keys: each tries another way out of the place it is printed in.
PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=/images/logo-test.png alt=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</title><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    '<a href="javascript:alert(1)">x</a>',
    '<iframe src="https://evil.example/"></iframe>',
    "<style>body{display:none}</style>",
    '<base href="https://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "&lt;img src=x onerror=alert(1)&gt;",
    "<details open ontoggle=alert(1)>",
    "{{ 7*7 }}{% raw %}<script>alert(1)</script>",
    '<img alt=x src="data:image/svg+xml,<svg onload=alert(1)>">',
]
WORDS = {"ar": "خبر عن", "en": "News about"}


def _news(lang: str, n: int, payload: str) -> str:
    return (
        f"Title: {WORDS[lang]} {payload}\nDate: 2024-01-{n + 1:02d}\nCategory: {CATEGORY[lang]}\n"
        f"Tags: {payload}، {WORDS[lang]}\nSummary: {payload} **{WORDS[lang]}**\n"
        f"Image: logo-test.png\nImage-Alt: {payload}\nImage-Credit: {payload}\nFeatured: {'yes' if n == 0 else 'no'}\n"
        f"Awards: hostile-{n}\n\n{WORDS[lang]} {payload}\n"
    )


def _award(lang: str, n: int, payload: str) -> str:
    return (
        f"Title: {payload} {WORDS[lang]}\nDate: 2019\nAwarder: {payload}\nEdition: {payload}\n"
        f"Project: {payload}\nRank: {payload}\nLink: https://example.org/award?id={n}&lang={lang}\n"
        f"Summary: {payload}\n\n{payload}\n"
    )


def _page(lang: str, n: int, payload: str) -> str:
    return f"Title: {payload}\nOrder: {n + 1}\nSummary: {payload}\n\n{payload}\n"


CATEGORY = {"ar": "<script>alert(1)</script> فئة", "en": '"><img src=x onerror=alert(1)> Category'}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("hostile")
    content = copy_fixture(root / "content")
    glossary = content / "glossary.yml"  # a hostile category and tag, in both languages
    text = glossary.read_text("utf-8").replace(
        "categories:\n", f"categories:\n  - ar: {json.dumps(CATEGORY['ar'])}\n    en: {json.dumps(CATEGORY['en'])}\n", 1
    )
    text = text.replace(
        "tags:\n", f"tags:\n  - ar: {json.dumps(PAYLOADS[0] + ' وسم')}\n    en: {json.dumps(PAYLOADS[1] + ' tag')}\n", 1
    )
    glossary.write_text(text, "utf-8")
    for lang in ("ar", "en"):
        for n, payload in enumerate(PAYLOADS):
            write(content, f"{lang}/news/hostile-{n}.md", _news(lang, n, payload))
            write(content, f"{lang}/awards/hostile-{n}.md", _award(lang, n, payload))
            if n < 5:
                write(content, f"{lang}/pages/hostile-{n}.md", _page(lang, n, payload))
        write(
            content,
            f"{lang}/notices/hostile.md",
            f"Title: {PAYLOADS[1]}\nExpires: 2030-01-01\n\n{PAYLOADS[0]} {PAYLOADS[2]}\n",
        )
    build = run_build(content, root)
    assert build.returncode == 0, build.text
    return root, build.output


def test_no_hostile_markup_anywhere_in_the_site(hostile_site: tuple[Path, Path]) -> None:
    _root, output = hostile_site
    problems = scan_site(output)
    assert not problems, "\n".join(problems[:40])


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_hostile_titles_are_shown_as_text(hostile_site: tuple[Path, Path], lang: str) -> None:
    """Escaped, not dropped: the reader sees what the author typed."""
    _root, output = hostile_site
    page = (output / lang / "news" / "hostile-0" / "index.html").read_text("utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<title>" in page and "&lt;script&gt;" in page.split("<title>", 1)[1].split("</title>")[0]
    assert 'content="&lt;script&gt;' in page or 'content="' + WORDS[lang] in page  # og:title, escaped
    menu = (output / lang / "index.html").read_text("utf-8")
    assert "&lt;/title&gt;&lt;script&gt;" in menu  # a page's title in the menu of every page
    award = (output / lang / "awards" / "hostile-1" / "index.html").read_text("utf-8")
    assert "&gt;&lt;img src=/images/logo-test.png alt=x onerror=alert(1)&gt;" in award  # Awarder, escaped


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_summary_goes_through_the_sanitizer(hostile_site: tuple[Path, Path], lang: str) -> None:
    _root, output = hostile_site
    home = (output / lang / "index.html").read_text("utf-8")
    assert "<strong>" in home  # Markdown in the summary still works
    assert "<script>alert" not in home


def test_the_summary_sanitizer_warns_and_strict_stops(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    path = write(
        content, "ar/news/t.md", "Title: خبر\nDate: 2024-01-01\nSummary: ملخص <script>alert(1)</script>\n\nنص.\n"
    )
    write(content, "en/news/t.md", "Title: News\nDate: 2024-01-01\n\nText.\n")
    loose = run_build(content, tmp_path / "a")
    assert loose.returncode == 0, loose.text
    assert "ar/news/t.md:3: warning: a <script> element was removed from the summary" in loose.text, loose.text
    strict = run_build(content, tmp_path / "b", env={"STRICT": "1"})
    assert strict.returncode != 0 and "ar/news/t.md:3" in strict.text
    assert path.exists()


def test_strict_build_never_publishes_a_raw_tag(hostile_site: tuple[Path, Path], tmp_path: Path) -> None:
    """Under STRICT=1 the hostile site does not publish at all (the sanitizer's warnings)."""
    root, _output = hostile_site
    build = run_build(root / "content", tmp_path, env={"STRICT": "1"})
    assert build.returncode != 0
    assert not (tmp_path / "output").exists()


def test_the_scanner_itself_catches_what_it_must() -> None:
    """The scanner is the judge of the tests above: it must see each way in."""
    allowed = theme_elements() | {"p"}
    for html in [
        '<p onclick="x">',
        '<a href=" javascript:alert(1)">',
        "<script>alert(1)</script>",
        '<script type="application/ld+json">{"a": "</script><script>x</script>',
        "<object data=x>",
        '<base href="https://evil.example/">',
        '<img src="data:text/html,x">',
        '<p style="color:red">',
    ]:
        assert scan_html(html, allowed), html
    assert not scan_html('<p dir="auto">&lt;script&gt;</p>', allowed)


# --- Address keys: an allow-list of schemes and characters ------------------------------------
BAD_LINKS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    "file:///etc/passwd",
    "//evil.example/",
    'https://evil.example/"onmouseover=alert(1)',
    "https://evil.example/<script>",
    "ftp://example.org/x",
    "https://user:pass@example.org/",
    "https:/example.org",
    "https://exa mple.org/",
    "/ar/../../etc/passwd",
    "mailto:x@example.org",
]
BAD_IMAGES = [
    "javascript:alert(1)",
    "https://evil.example/x.png",
    "../../../etc/passwd",
    "/etc/passwd",
    'x.png" onerror="alert(1)',
    "x<y>.png",
]
BAD_REDIRECTS = [
    "javascript:alert(1)",
    "/old/x{#",
    "/x;}",
    "old/no-slash",
    "/ar/../x",
    "//evil.example/",
    "/a b/",
    '/قديم"/',
]


def _table(content: Path, lang: str) -> dict[str, int]:
    """One file per bad value (a news article or award with the value on line 3); returns
    {path: line} of every problem the build must report."""
    expected: dict[str, int] = {}
    for n, link in enumerate(BAD_LINKS):
        rel = f"{lang}/awards/bad-link-{n}.md"
        write(content, rel, f"Title: جائزة {n}\nDate: 2020\nLink: {link}\n\nنص.\n")
        expected[rel] = 3
    for n, image in enumerate(BAD_IMAGES):
        rel = f"{lang}/news/bad-image-{n}.md"
        write(content, rel, f"Title: خبر {n}\nDate: 2024-01-01\nImage: {image}\nImage-Alt: صورة\n\nنص.\n")
        expected[rel] = 3
    for n, old in enumerate(BAD_REDIRECTS):
        rel = f"{lang}/news/bad-redirect-{n}.md"
        write(content, rel, f"Title: خبر {n}\nDate: 2024-01-01\nRedirect-From: {old}\n\nنص.\n")
        expected[rel] = 3
    return expected


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_addresses_with_a_bad_scheme_or_character_stop_the_build(tmp_path: Path, lang: str) -> None:
    content = copy_fixture(tmp_path / "content")
    good = run_build(content, tmp_path)
    assert good.returncode == 0, good.text
    before = fingerprint(good.output)
    expected = _table(content, lang)
    build = run_build(content, tmp_path)
    assert build.returncode != 0
    for rel, line in expected.items():
        assert f"{rel}:{line}: error:" in build.stderr, f"{rel} not reported:\n{build.stderr}"
    assert "Traceback" not in build.text
    assert fingerprint(build.output) == before


def test_good_addresses_pass(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    write(content, "ar/awards/good-link.md", "Title: جائزة\nLink: https://ar.wikipedia.org/wiki/مسقط\n\nنص.\n")
    write(content, "en/awards/good-link.md", "Title: Award\nLink: /en/about/\n\nText.\n")
    build = run_build(content, tmp_path)
    assert build.returncode == 0, build.text
    page = build.page("ar/awards/good-link/index.html")
    assert 'href="https://ar.wikipedia.org/wiki/مسقط"' in page


# --- Invisible and format characters in any key ------------------------------------------------
INVISIBLE = {
    "soft hyphen": "\u00ad",
    "tag character": "\U000e0041",
    "Hangul filler": "\u3164",
    "zero-width space": "\u200b",
    "word joiner": "\u2060",
    "Arabic letter mark": "\u061c",
    "right-to-left override": "\u202e",
    "first strong isolate": "\u2068",
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "next line": "\u0085",
    "byte order mark inside": "\ufeff",
    "variation selector": "\ufe0f",
    "Mongolian vowel separator": "\u180e",
    "bell": "\u0007",
    "interlinear annotation": "\ufff9",
}
KEYS_WITH_TEXT = ["Title", "Summary", "Tags", "Image-Credit"]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_invisible_characters_in_any_key_stop_the_build(tmp_path: Path, lang: str) -> None:
    content = copy_fixture(tmp_path / "content")
    expected: dict[str, tuple[int, str]] = {}
    for n, char in enumerate(INVISIBLE.values()):
        key = KEYS_WITH_TEXT[n % len(KEYS_WITH_TEXT)]
        rel = f"{lang}/news/invisible-{n}.md"
        title = "" if key == "Title" else "Title: عنوان\n"
        extra = "Image: logo-test.png\nImage-Alt: شعار\n" if key == "Image-Credit" else ""
        write(
            content,
            rel,
            f"{title}Date: 2024-01-01\n{extra}{key}: قبل{char}بعد\n" + ("" if key != "Title" else "") + "\nنص.\n",
        )
        line = (2 if key == "Title" else 3) + (2 if extra else 0)
        expected[rel] = (line, f"U+{ord(char):04X}")
    build = run_build(content, tmp_path)
    assert build.returncode != 0
    for rel, (line, code) in expected.items():
        reported = [row for row in build.stderr.splitlines() if f"{rel}:{line}: error:" in row]
        assert reported and code in reported[0], f"{rel}: {code} on line {line} not reported:\n{build.stderr}"
    assert "Traceback" not in build.text


def test_invisible_characters_in_the_glossary_stop_the_build(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    glossary = content / "glossary.yml"
    glossary.write_text(glossary.read_text("utf-8").replace("en: Roads", "en: Ro\u00adads"), "utf-8")
    build = run_build(content, tmp_path)
    assert build.returncode != 0
    assert "glossary.yml:" in build.stderr and "U+00AD" in build.stderr
