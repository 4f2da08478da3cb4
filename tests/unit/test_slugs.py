from __future__ import annotations

import unicodedata

import pytest

from newsroom.core import slugs
from newsroom.core.slugs import find_invisible, is_ascii_slug, slugify, suggest_ascii_slug, toc_slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Arab City Day", "arab-city-day"),
        ("  Municipality   news ", "municipality-news"),
        ("مُنجزات عديدة", "منجزات-عديدة"),  # tashkeel removed, Arabic kept
        ("الشـرق الأوسـط", "الشرق-الأوسط"),  # tatweel removed
        ("الذكيّة", "الذكية"),  # shadda removed
        ("کتاب یوم", "كتاب-يوم"),  # Persian kaf / yeh folded onto Arabic
        ("عام ١٩٧١م", "عام-1971م"),  # Arabic-Indic digits become Latin
        ("يوم\u200fالمدينة", "يومالمدينة"),  # invisible marks never reach a slug
        ("Road (Phase 2): open!", "road-phase-2-open"),
        ("ＦＵＬＬ width", "full-width"),  # NFKC
        ("", ""),
    ],
)
def test_slugify(text: str, slug: str) -> None:
    assert slugify(text) == slug


def test_toc_slugify_gives_arabic_headings_readable_ids() -> None:
    assert toc_slugify("مُنجزات عديدة", "-") == "منجزات-عديدة"
    assert toc_slugify("؟؟", "-") == "section"


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        ("arab-city-day", True),
        ("road-2024", True),
        ("Arab-City", False),
        ("يوم-المدينة", False),
        ("double--hyphen", False),
        ("-start", False),
        ("under_score", False),
        ("", False),
    ],
)
def test_is_ascii_slug(value: str, ok: bool) -> None:
    assert is_ascii_slug(value) is ok


def test_suggestion_never_transliterates_arabic() -> None:
    assert suggest_ascii_slug("يوم المدينة", "Arab City Day") == "arab-city-day"
    assert suggest_ascii_slug("يوم المدينة") == "short-english-words-with-hyphens"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("عنوان\u202eمقلوب", ["U+202E"]),
        ("a\u200bb", ["U+200B"]),
        ("\u2066x\u2069", ["U+2066", "U+2069"]),
        ("نص عادي", []),
    ],
)
def test_find_invisible(text: str, found: list[str]) -> None:
    assert find_invisible(text) == found


@pytest.mark.parametrize(
    ("lang", "text", "html"),
    [
        ("ar", "تطبيق Baladiyati للهواتف", "تطبيق <bdi>Baladiyati</bdi> للهواتف"),
        ("ar", "جائزة WCAG 2.2 & AA", "جائزة <bdi>WCAG 2.2 &amp; AA</bdi>"),
        ("ar", "بلدية مسقط", "بلدية مسقط"),
        ("en", "The «بلديتي» app", "The «<bdi>بلديتي</bdi>» app"),
        ("en", "a <b> & y", "a &lt;b&gt; &amp; y"),  # titles are text: escaped
    ],
)
def test_isolate_wraps_runs_of_the_other_script(lang: str, text: str, html: str) -> None:
    from bilingual.plugin import isolate

    assert str(isolate(text, lang)) == html


def test_summary_is_the_first_paragraph_only() -> None:
    from bilingual.reader import first_paragraph

    html = "<h2>عنوان</h2><p>الفقرة <em>الأولى</em>.</p><h2>قسم</h2><p>الثانية</p>"
    assert first_paragraph(html) == "<p>الفقرة الأولى.</p>"
    assert first_paragraph("<p>" + "كلمة " * 50 + "</p>", 3) == "<p>كلمة كلمة كلمة…</p>"


def test_invisible_characters_are_found_in_arabic_text_whatever_the_character() -> None:
    """Every code point, alone in an Arabic title: found exactly when it is a format, control,
    line or paragraph separator or ignorable character (the fast path for text without any
    must never hide one)."""
    missed = []
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:  # surrogates: never in decoded text
            continue
        char = chr(code)
        invisible = (code < 0x20 and char != "\t") or code == 0x7F
        invisible = invisible or (
            code >= 0x80 and (code in slugs._IGNORABLE or unicodedata.category(char) in slugs._INVISIBLE_CATEGORIES)
        )
        found = find_invisible(f"عنوان {char} الخبر")
        if found != ([f"U+{code:04X}"] if invisible else []):
            missed.append(f"U+{code:04X}")
    assert missed == []
