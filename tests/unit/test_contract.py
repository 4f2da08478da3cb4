from __future__ import annotations

from pathlib import Path

import pytest

from newsroom.core.contract import check_pairs, check_plan, parse_header, read_source, scan_tree
from newsroom.core.glossary import load_glossary
from newsroom.core.problems import Collector, Severity

GLOSSARY = """categories:
  - ar: أخبار البلدية
    en: Municipality news
tags:
  - ar: المدن الذكية
    en: Smart cities
"""


def source(tmp_path: Path, header: str, rel: str = "news/item.md", lang: str = "ar"):
    path = tmp_path / lang / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(header + "\n\nالنص.\n", "utf-8")
    glossary_path = tmp_path / "glossary.yml"
    glossary_path.write_text(GLOSSARY, "utf-8")
    collector = Collector()
    glossary = load_glossary(glossary_path, collector)
    return read_source(path, lang, rel, collector, glossary), collector


def test_header_and_body_are_split() -> None:
    collector = Collector()
    header = parse_header("Title: عنوان\nDate: 2020-03-15\n\nالنص\n", Path("x.md"), collector)
    assert header.fields["title"].value == "عنوان"
    assert header.fields["date"].line == 2
    assert header.body.strip() == "النص"
    assert header.body_line == 4
    assert not collector.problems


def test_a_body_line_like_a_key_stays_in_the_body() -> None:
    collector = Collector()
    header = parse_header("Title: x\n\nNote: this is body text\n", Path("x.md"), collector)
    assert "note" not in header.fields
    assert "Note: this" in header.body


def test_good_news_file_has_no_problem(tmp_path: Path) -> None:
    src, collector = source(tmp_path, "Title: خبر\nDate: 2020-03-15\nCategory: أخبار البلدية\nTags: المدن الذكية")
    assert src is not None and src.valid
    assert not collector.problems
    assert src.slug == "item"


@pytest.mark.parametrize(
    ("header", "line", "words"),
    [
        ("Date: 2020-03-15", None, "'Title:' is missing"),
        ("Title: خبر", None, "'Date:' is missing"),
        ("Title: خبر\nDate: 2019", 2, "incomplete"),
        ("Title: خبر\nDate: 2019-13-01", 2, "no month 13"),
        ("Title: خبر\nDate: 2020-03-15\nLang: ar", 3, "'Lang:' is not used"),
        ("Titel: خبر\nDate: 2020-03-15", 1, "did you mean 'Title:'"),
        ("Title: خبر\nDate: 2020-03-15\nSummary:", 3, "'Summary:' is empty"),
        ("Title: خبر\nDate: 2020-03-15\nCategory: رياضة", 3, "not in content/glossary.yml"),
        ("Title: خبر\nDate: 2020-03-15\nSlug: يوم", 3, "not a valid web address"),
        ("Title: عنوان\u202eمقلوب\nDate: 2020-03-15", 1, "U+202E"),
        ("Title: خبر\nDate: 2020-03-15\nOrder: 2", 3, "not used in news files"),
        ("Title: خبر\nDate: 2020-03-15\nStatus: hidden", 3, "unknown status"),
        ("Title: خبر\nDate: 2020-03-15\nImage: x.jpg", 3, "'Image-Alt:'"),
        ("Title: خبر\nTitle: آخر\nDate: 2020-03-15", 2, "written twice"),
    ],
)
def test_each_fault_is_an_error_with_its_line(tmp_path: Path, header: str, line: int | None, words: str) -> None:
    src, collector = source(tmp_path, header)
    errors = [p for p in collector.problems if p.severity is Severity.ERROR]
    assert errors, header
    assert any(words in p.message + p.action for p in errors), [p.format() for p in errors]
    assert any(p.line == line for p in errors if words in p.message + p.action)
    assert src is None or not src.valid or "twice" in words


def test_tag_missing_from_glossary_is_a_warning(tmp_path: Path) -> None:
    src, collector = source(tmp_path, "Title: خبر\nDate: 2020-03-15\nTags: وسم جديد")
    assert src is not None and src.valid
    assert [p.severity for p in collector.problems] == [Severity.WARNING]


def test_non_ascii_file_name_gets_a_suggestion(tmp_path: Path) -> None:
    _, collector = source(tmp_path, "Title: خبر\nDate: 2020-03-15", rel="news/يوم-المدينة.md")
    (problem,) = collector.problems
    assert "rename it" in problem.action and ".md" in problem.action


def test_file_outside_known_folders(tmp_path: Path) -> None:
    _, collector = source(tmp_path, "Title: خبر\nDate: 2020-03-15", rel="misc/item.md")
    assert "not in a folder the site knows" in collector.problems[0].message


def test_same_slug_twice_in_one_language(tmp_path: Path) -> None:
    for rel in ("news/a.md", "news/old/a.md"):
        source(tmp_path, "Title: خبر\nDate: 2020-03-15", rel=rel)
    collector = Collector()
    plan = scan_tree(tmp_path, "ar", collector)
    check_plan(plan, collector)
    assert any("would both be published at /ar/news/a/" in p.message for p in collector.problems)


def test_pair_slugs_must_agree(tmp_path: Path) -> None:
    source(tmp_path, "Title: خبر\nDate: 2020-03-15\nSlug: one", lang="ar")
    source(tmp_path, "Title: News\nDate: 2020-03-15\nSlug: two", lang="en")
    collector = Collector()
    plans = {lang: scan_tree(tmp_path, lang, collector) for lang in ("ar", "en")}
    check_pairs(plans, collector)
    (problem,) = collector.problems
    assert "'one' (ar) and 'two' (en)" in problem.message
    assert problem.line == 3


def test_the_preview_overlay_lists_what_must_be_fixed_and_not_the_translation_report() -> None:
    from newsroom.core.problems import Collector
    from newsroom.pipeline.overlay import shown_problems

    collector = Collector()
    collector.error("content/ar/news/أ.md", "'Title:' is empty", "write a value", 1)
    collector.warning("content/en/news/a.md", "an image has no description", "add one", 7)
    collector.notice("content/en/news/b.md", "there is no Arabic version", "translate it")
    collector.notice(
        "content/ar/news/ب.md",
        "tatweel stretches the word «الشـرق»",
        "write «الشرق» (or add 'Proofread-Off: tatweel' to the header to keep it)",
        4,
    )
    collector.error("content/ar/news/مسودة.md", "the date '2026-13-01' has no month 13", "write it as YYYY-MM-DD", 2)
    collector.demote_drafts({"content/ar/news/مسودة.md"})
    listed, others = shown_problems(collector)
    assert others == 1  # the translation notice: in the terminal only
    assert [(p["path"], p["severity"], p["draft"]) for p in listed] == [
        ("content/ar/news/أ.md", "error", False),
        ("content/ar/news/ب.md", "notice", False),  # proofreading: the text being written
        ("content/ar/news/مسودة.md", "notice", True),
        ("content/en/news/a.md", "warning", False),
    ]
    assert listed[2]["message"] == "the date '2026-13-01' has no month 13"  # the label is the overlay's own words


def test_markdown_outside_the_language_trees_is_found_at_any_depth(tmp_path: Path) -> None:
    from newsroom.core.contract import find_stray_markdown

    for rel in ("ar/news/خبر.md", "en/news/x.md", "top.md", "news/old/khabar.md", "images/notes.md", "ar.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("Title: خبر\n\nنص.\n", "utf-8")
    (tmp_path / "images" / "map.png").write_bytes(b"\x89PNG")
    collector = Collector(tmp_path)
    find_stray_markdown(tmp_path, collector)
    assert [p.path for p in collector.problems] == ["ar.md", "images/notes.md", "news/old/khabar.md", "top.md"]


def test_the_previews_memo_of_headers_keeps_only_the_files_of_the_last_scan(tmp_path: Path) -> None:
    """A long preview session saves the same files again and again: each save's older version
    of the header is dropped, and so is a removed file's."""
    from newsroom.pipeline import driver

    (tmp_path / "glossary.yml").write_text(GLOSSARY, "utf-8")
    files = {
        "ar/news/road.md": "Title: افتتاح الطريق\nDate: 2024-05-02",
        "en/news/road.md": "Title: Road\nDate: 2024-05-02",
    }
    for rel, header in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(header + "\n\nالنص.\n", "utf-8")
    for n in range(5):
        (tmp_path / "ar/news/road.md").write_text(files["ar/news/road.md"] + "\n\n" + "نص " * (n + 1) + "\n", "utf-8")
        plans = driver.check_content(tmp_path, Collector(tmp_path))
        assert plans["ar"].sources["news/road.md"].header.body.count("نص") == n + 1
    (memo,) = driver._SCANNED.values()
    assert len(memo) == 2
    (tmp_path / "en/news/road.md").unlink()
    driver.check_content(tmp_path, Collector(tmp_path))
    assert len(memo) == 1


def test_the_input_fingerprint_follows_every_byte_of_the_content(tmp_path: Path) -> None:
    """`make html` skips a build whose inputs are those of the published site: the Markdown
    files count by the bytes the check read (not read a second time), every other file by its
    own bytes. A file that only changed its line ends is a change."""
    import argparse
    import datetime as dt

    from newsroom.pipeline import driver

    content, theme = tmp_path / "content", tmp_path / "theme"
    (content / "images").mkdir(parents=True)
    theme.mkdir()
    settings = tmp_path / "settings.py"
    settings.write_text("SITENAME = 'x'\n", "utf-8")
    (content / "glossary.yml").write_text(GLOSSARY, "utf-8")
    article = content / "ar/news/road.md"
    for rel, title in (("ar/news/road.md", "افتتاح الطريق"), ("en/news/road.md", "Road")):
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(f"Title: {title}\nDate: 2024-05-02\n\nالنص.\n", "utf-8")
    args = argparse.Namespace(content=content, theme=theme, settings=settings)
    clock = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    before = dict(driver._SCANNED)

    def fingerprint() -> str:
        plans = driver.check_content(content, Collector(tmp_path), remember=False)
        assert plans["ar"].sources["news/road.md"].digest
        return driver.input_fingerprint(args, plans, clock)

    seen = [fingerprint()]
    assert fingerprint() == seen[0]
    changes = [
        lambda: article.write_bytes(article.read_bytes().replace(b"\n", b"\r\n")),  # line ends only
        lambda: article.write_text(article.read_text("utf-8").replace("النص", "النصّ"), "utf-8"),
        lambda: (content / "images/map.svg").write_text("<svg/>", "utf-8"),
        lambda: (content / "images/map.svg").write_text("<svg></svg>", "utf-8"),
        lambda: (theme / "base.html").write_text("x", "utf-8"),
    ]
    for change in changes:
        change()
        seen.append(fingerprint())
        assert seen[-1] not in seen[:-1]
    assert driver._SCANNED == before  # make html keeps no memo of headers


def test_the_previews_world_follows_everything_around_the_trees(tmp_path: Path) -> None:
    """driver.preview_world: what a preview's language process builds from besides its plans.
    The text of an article is not part of it (the plans are); the theme, the settings, the
    pictures, the glossary, the theme's hashed names and the clock's decisions are."""
    import argparse

    from newsroom.pipeline import driver

    content, theme = tmp_path / "content", tmp_path / "theme"
    (content / "images").mkdir(parents=True)
    (theme / "templates").mkdir(parents=True)
    settings = tmp_path / "settings.py"
    settings.write_text("SITENAME = 'x'\n", "utf-8")
    (content / "glossary.yml").write_text(GLOSSARY, "utf-8")
    (theme / "templates/base.html").write_text("<html>", "utf-8")
    for rel, text in (
        ("ar/news/road.md", "Title: افتتاح الطريق\nDate: 2024-05-02\n\nالنص.\n"),
        ("en/news/road.md", "Title: Road\nDate: 2024-05-02\n\nText.\n"),
        ("en/news/later.md", "Title: Later\nDate: 2026-07-01\n\nSoon.\n"),
    ):
        (content / rel).parent.mkdir(parents=True, exist_ok=True)
        (content / rel).write_text(text, "utf-8")
    args = argparse.Namespace(content=content, theme=theme, settings=settings)

    def world(clock: str = "2026-06-01T12:00:00+04:00", hashed: dict[str, str] | None = None) -> str:
        plans = driver.check_content(content, Collector(tmp_path), remember=False)
        return driver.preview_world(args, plans, clock, hashed or {"css/site.css": "theme/css/site.1.css"})

    first = world()
    (content / "ar/news/road.md").write_text("Title: افتتاح الطريق\nDate: 2024-05-02\n\nنص آخر.\n", "utf-8")
    assert world() == first  # the text travels in the plans
    assert world("2026-06-02T12:00:00+04:00") == first  # a day later, nothing new is out
    seen = {first}
    for change in (
        lambda: world("2026-07-02T12:00:00+04:00"),  # later.md is out
        lambda: world("2027-06-01T12:00:00+04:00"),  # and the footer's year changed
        lambda: world(hashed={"css/site.css": "theme/css/site.2.css"}),
        lambda: ((theme / "templates/base.html").write_text("<html lang>", "utf-8"), world())[1],
        lambda: ((content / "images/map.svg").write_text("<svg/>", "utf-8"), world())[1],
        lambda: ((content / "glossary.yml").write_text(GLOSSARY + "\n", "utf-8"), world())[1],
        lambda: (settings.write_text("SITENAME = 'y'\n", "utf-8"), world())[1],
    ):
        key = change()
        assert key not in seen
        seen.add(key)
