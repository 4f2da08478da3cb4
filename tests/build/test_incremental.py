"""Incremental rebuilds: a rebuild that renders only some pages again (plugins/incremental,
the reader cache, the link and search caches) publishes exactly what a clean build of the
same content publishes, and a problem found once is found again."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sitebuild import CLOCK, Build, copy_fixture, run_build, write


def published(output: Path) -> dict[str, bytes]:
    """Every published file but Pagefind's (its output differs from run to run)."""
    return {
        p.relative_to(output).as_posix(): p.read_bytes()
        for p in sorted(output.rglob("*"))
        if p.is_file() and "pagefind" not in p.relative_to(output).parts
    }


def rendered(build: Build) -> dict[str, int]:
    """{lang: pages rendered} from the build's `pages` line."""
    return {lang: int(n) for lang, n in re.findall(r"(ar|en) (\d+) rendered", build.stdout)}


def clean_build(content: Path, root: Path) -> Build:
    """The same content built from nothing (a copy, so no cache is shared)."""
    copy = root / "clean-content"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(content, copy)
    build = run_build(copy, root / "clean")
    assert build.returncode == 0, build.text
    return build


@pytest.fixture
def site(tmp_path: Path) -> tuple[Path, Path]:
    content = copy_fixture(tmp_path / "content")
    first = run_build(content, tmp_path / "site")
    assert first.returncode == 0, first.text
    assert rendered(first)["ar"] > 10 and rendered(first)["en"] > 10
    return content, tmp_path


def edit(content: Path, rel: str, old: str, new: str) -> None:
    text = (content / rel).read_text("utf-8")
    assert old in text, f"{old!r} not in {rel}"
    write(content, rel, text.replace(old, new))


@pytest.mark.parametrize(
    ("rel", "old", "new"),
    [
        # the text only: the page, and the listings whose summary shows it
        ("ar/news/road-opening.md", "في ولاية بوشر.", "في ولاية بوشر، بطول ١٢ كيلومتراً."),
        # no Summary: header, so the first paragraph is the summary on every listing that shows it
        ("en/news/beach-cleanup.md", "\n\n", "\n\nVolunteers came from every district.\n\n"),
        # the summary shown on listings, the home page and the feed
        ("ar/news/road-opening.md", "Summary: افتتحت البلدية طريقاً جديداً.", "Summary: طريق جديد يربط الأحياء."),
        # a title: every page that names the article, in both languages (the counterpart link)
        ("en/news/road-opening.md", "Title: ", "Title: Updated: "),
        # an award: the award page, the achievements page, the news that name it
        ("ar/awards/road-safety-award.md", "Title: ", "Title: جائزة "),
    ],
)
def test_an_edit_publishes_what_a_clean_build_publishes(site: tuple[Path, Path], rel: str, old: str, new: str) -> None:
    content, root = site
    edit(content, rel, old, new)
    again = run_build(content, root / "site")
    assert again.returncode == 0, again.text
    clean = clean_build(content, root)
    assert published(again.output) == published(clean.output)
    counts = rendered(again)
    assert 0 < sum(counts.values()) < sum(rendered(clean).values())


def test_a_body_edit_renders_only_the_pages_that_show_it(site: tuple[Path, Path]) -> None:
    content, root = site
    edit(content, "en/news/beach-cleanup.md", "\n\n", "\n\nA new first line.\n\n")
    again = run_build(content, root / "site")
    assert again.returncode == 0, again.text
    counts = rendered(again)
    assert counts["ar"] == 0  # nothing in Arabic shows the English text
    # the article, the home page, the archive, its category and tag pages: a handful
    assert 1 <= counts["en"] <= 8, again.stdout


def test_a_template_edit_renders_every_page_again(site: tuple[Path, Path]) -> None:
    content, root = site
    theme = root / "theme"
    shutil.copytree(Path(__file__).resolve().parents[2] / "theme", theme)
    first = run_build(content, root / "site", "--theme", str(theme))
    assert first.returncode == 0, first.text
    footer = theme / "templates" / "partials" / "footer.html"
    footer.write_text(footer.read_text("utf-8").replace("</footer>", "<!-- edited --></footer>"), "utf-8")
    again = run_build(content, root / "site", "--theme", str(theme))
    assert again.returncode == 0, again.text
    assert rendered(again) == rendered(first)
    assert "<!-- edited -->" in (again.output / "ar" / "index.html").read_text("utf-8")


def test_a_problem_in_the_text_is_reported_again_from_the_cache(site: tuple[Path, Path]) -> None:
    content, root = site
    edit(content, "ar/news/road-opening.md", "في ولاية بوشر.", "في ولاية \u202eبوشر.")
    converted = []
    for _attempt in range(2):  # the second time the text comes from the reader cache
        failed = run_build(content, root / "site")
        assert failed.returncode != 0
        assert "road-opening.md" in failed.text and "U+202E" in failed.text
        report = json.loads((failed.work / "run" / "reports" / "ar.json").read_text("utf-8"))
        converted.append(report["stages"]["reader"]["converted"])
    assert converted[0] >= 1 and converted[1] == 0, converted  # really reused, and still reported


def test_a_removed_page_is_not_linked_from_the_cache(site: tuple[Path, Path]) -> None:
    content, root = site
    (content / "en" / "news" / "beach-cleanup.md").unlink()
    again = run_build(content, root / "site")
    assert again.returncode == 0, again.text
    assert not (again.output / "en" / "news" / "beach-cleanup").exists()
    assert published(again.output) == published(clean_build(content, root).output)


# -- the preview (make serve) is built in place: a save rewrites only what it changes ----------


def preview(content: Path, root: Path) -> Build:
    return run_build(content, root, "--preview")


def test_the_preview_rewrites_only_the_pages_a_save_changes(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    first = preview(content, tmp_path)
    assert first.returncode == 0, first.text
    live = tmp_path / "work" / "preview" / "output"
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in live.rglob("*.html")}
    edit(content, "en/news/beach-cleanup.md", "\n\n", "\n\nVolunteers came from every district.\n\n")
    again = preview(content, tmp_path)
    assert again.returncode == 0, again.text
    assert "Volunteers came from every district." in (live / "en/news/beach-cleanup/index.html").read_text("utf-8")
    replaced = {
        p.relative_to(live).as_posix() for p, seen in before.items() if (p.stat().st_ino, p.stat().st_mtime_ns) != seen
    }
    assert "en/news/beach-cleanup/index.html" in replaced
    assert not {p for p in replaced if p.startswith("ar/")}  # Arabic pages untouched
    assert len(replaced) <= 10, replaced
    assert "visible" in again.stdout  # the time until the preview shows the save


def test_a_save_with_an_error_keeps_the_last_good_preview(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    assert preview(content, tmp_path).returncode == 0
    live = tmp_path / "work" / "preview" / "output"
    page = live / "ar/news/road-opening/index.html"
    shown = page.read_bytes()
    edit(content, "ar/news/road-opening.md", "في ولاية بوشر.", "في ولاية \u202eبوشر.")
    failed = preview(content, tmp_path)
    assert failed.returncode != 0 and "U+202E" in failed.text
    assert "the preview keeps its pages as they were" in failed.text
    assert page.read_bytes() == shown  # the article is still there, as it was


def test_a_removed_article_leaves_the_preview(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    assert preview(content, tmp_path).returncode == 0
    live = tmp_path / "work" / "preview" / "output"
    assert (live / "en/news/beach-cleanup/index.html").exists()
    (content / "en/news/beach-cleanup.md").unlink()
    again = preview(content, tmp_path)
    assert again.returncode == 0, again.text
    assert not (live / "en/news/beach-cleanup/index.html").exists()
    assert not (live / "en/news/beach-cleanup/card.png").exists()


@dataclass
class Session:
    """A preview session (make serve): its content, its language processes, its live folder."""

    content: Path
    argv: list[str]
    workers: Any
    live: Path
    work: Path

    def save(self) -> int:
        """One build of the session, as after a save."""
        from newsroom.pipeline import driver

        return driver.main(self.argv, self.workers)


@pytest.fixture
def session(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Session]:
    from newsroom.pipeline import driver

    monkeypatch.setenv("SITE_CLOCK", CLOCK)
    monkeypatch.setenv("STRICT", "0")
    monkeypatch.delenv("SITEURL", raising=False)
    content = copy_fixture(tmp_path / "content")
    work = tmp_path / "work"
    argv = ["--preview", "--content", str(content), "--work", str(work)]
    options = driver.parse_args(argv)
    workers = driver.Workers(options, driver.live_preview(options))
    try:
        yield Session(content, argv, workers, work / "preview" / "output", work)
    finally:
        workers.close()


def test_the_preview_workers_build_save_after_save(session: Session, capsys: pytest.CaptureFixture[str]) -> None:
    """make serve keeps one language process per language (newsroom/pipeline/worker.py) between saves."""
    content, workers = session.content, session.workers
    page = session.live / "en/news/beach-cleanup/index.html"
    assert session.save() == 0, capsys.readouterr().err
    pids = {lang: p.pid for lang, p in workers.processes.items()}
    edit(content, "en/news/beach-cleanup.md", "\n\n", "\n\nVolunteers came from every district.\n\n")
    assert session.save() == 0, capsys.readouterr().err
    assert "Volunteers came from every district." in page.read_text("utf-8")
    assert re.search(r"ar 0 rendered", capsys.readouterr().out)
    shown = page.read_bytes()
    edit(content, "en/news/beach-cleanup.md", "Volunteers came", "\u202eVolunteers came")
    assert session.save() == 1  # an error: said, and the last good preview stays
    assert "U+202E" in capsys.readouterr().err and page.read_bytes() == shown
    edit(content, "en/news/beach-cleanup.md", "\u202eVolunteers came", "Volunteers from far came")
    assert session.save() == 0, capsys.readouterr().err
    assert "Volunteers from far came" in page.read_text("utf-8")
    assert workers.alive() and {lang: p.pid for lang, p in workers.processes.items()} == pids


def _preview_pages(live: Path) -> dict[str, bytes]:
    return {
        p.relative_to(live).as_posix(): p.read_bytes() for p in sorted(live.rglob("*.html")) if "status" not in p.parts
    }


def test_the_preview_workers_are_sent_only_what_changed_and_build_what_a_new_preview_builds(
    session: Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """After its first build, a preview's language process is sent only the files that changed
    (newsroom/core/plans.py), and a session of edits, a new article and a removed one ends with
    the pages a preview started afresh on the same content writes."""
    from newsroom.pipeline import driver

    content = session.content
    plans_ar = session.work / "run" / "plans-ar.pickle"
    assert session.save() == 0, capsys.readouterr().err
    whole = plans_ar.stat().st_size
    edit(content, "ar/news/road-opening.md", "في ولاية بوشر.", "في ولاية بوشر، بطول ١٢ كيلومتراً.")
    assert session.save() == 0, capsys.readouterr().err
    assert plans_ar.stat().st_size < whole / 3
    text = (content / "ar/news/market-hours.md").read_text("utf-8")
    write(content, "ar/news/market-hours-2.md", text.replace("market-hours", "market-hours-2"))
    assert session.save() == 0, capsys.readouterr().err
    (content / "en/news/beach-cleanup.md").unlink()
    (content / "ar/news/market-hours.md").unlink()
    assert session.save() == 0, capsys.readouterr().err
    assert plans_ar.stat().st_size < whole / 3
    live = _preview_pages(session.live)
    assert "ar/news/market-hours-2/index.html" in live and "en/news/beach-cleanup/index.html" not in live
    fresh = tmp_path / "fresh"
    assert driver.main(["--preview", "--content", str(content), "--work", str(fresh)]) == 0, capsys.readouterr().err
    assert live == _preview_pages(fresh / "preview" / "output")


def test_a_save_shows_the_articles_page_first_then_what_lists_it(
    session: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    """The preview's steps (__build.txt, newsroom/pipeline/reload.py): the saved article's page
    is named as soon as it is written, then the listings that show it; nothing the save did
    not change is named, so no other open page reloads."""
    from newsroom.pipeline.reload import STAMP

    def steps() -> list[list[str]]:
        return [line.split(" ")[1:] for line in (session.live / STAMP).read_text("utf-8").splitlines()[1:]]

    assert session.save() == 0, capsys.readouterr().err
    assert steps()[-2:] == [["*"], ["/status/"]]  # the first build: every page
    before = len(steps())
    edit(session.content, "ar/news/road-opening.md", "في ولاية بوشر.", "في ولاية بوشر، بطول ١٢ كيلومتراً.")
    assert session.save() == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    first, rest, status = steps()[before:]
    assert first == ["/ar/news/road-opening/"]  # the article's own page, before its listings
    assert "/ar/" in rest and "/ar/news/road-opening/" not in rest
    assert not [address for address in first + rest if address.startswith("/en/")]
    assert status == ["/status/"]
    shown = re.search(r"^shown\s+([\d.]+) s", out, re.M)
    visible = re.search(r"^visible\s+([\d.]+) s", out, re.M)
    assert shown and visible and float(shown.group(1)) <= float(visible.group(1))


def test_the_preview_reads_again_what_a_save_changed_and_only_that(
    session: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    """A preview's language process keeps what it read of each file (plugins/bilingual/reader.py)
    while the file and the world around it are the same: a category renamed in the glossary
    reaches an unchanged article's page; an unchanged file's problems are still reported; the
    reader cache still holds every file for the next `make html`."""
    from newsroom.core.cache import read_memo

    content, live = session.content, session.live
    text = (content / "ar/news/market-hours.md").read_text("utf-8")
    write(content, "ar/news/market-hours.md", text + '\n<span onclick="alert(1)">انقر هنا</span>\n')
    reader_cache = session.work / "cache" / "reader" / "ar.pickle"

    def entries() -> int:
        return len(read_memo(reader_cache)[0]["entries"])

    assert session.save() == 0, capsys.readouterr().err
    assert "/ar/category/roads/" in (live / "ar/news/road-opening/index.html").read_text("utf-8")
    kept = entries()
    edit(content, "glossary.yml", "en: Roads", "en: Streets")
    edit(content, "en/news/road-opening.md", "Category: Roads", "Category: Streets")
    assert session.save() == 0, capsys.readouterr().err
    page = (live / "ar/news/road-opening/index.html").read_text("utf-8")
    assert "/ar/category/streets/" in page and "/ar/category/roads/" not in page
    edit(content, "ar/news/road-opening.md", "في ولاية بوشر.", "في ولاية بوشر، بطول ١٢ كيلومتراً.")
    assert session.save() == 0, capsys.readouterr().err  # the other files: as kept
    problems = (live / "__problems.json").read_text("utf-8")
    assert "ar/news/market-hours.md" in problems and "unsafe HTML" in problems
    assert entries() == kept


def test_a_language_process_that_dies_is_reported(tmp_path: Path) -> None:
    """A settings file that fails in the language processes: the build says so, with their words."""
    content = copy_fixture(tmp_path / "content")
    settings = tmp_path / "broken.conf.py"
    settings.write_text("raise SystemExit('the settings file is broken here')\n", "utf-8")
    failed = run_build(content, tmp_path, "--settings", str(settings))
    assert failed.returncode != 0
    assert "the ar build stopped unexpectedly" in failed.text and "the settings file is broken here" in failed.text
    assert not (tmp_path / "output").exists()


def test_a_save_that_reaches_nothing_of_a_language_does_not_build_it(
    session: Session, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The preview builds a language only when the save reaches it (driver.preview_world and
    plans.unchanged): the Arabic text of an article reaches no English page; its title does
    (the English page links to its counterpart by title); so does the clock bringing a
    scheduled article out. Each time the pages are those a fresh preview writes."""
    from newsroom.pipeline import driver

    content, live = session.content, session.live
    english = live / "en/news/road-opening/index.html"
    not_built = "not built: the save reached none of its pages"

    def pages_line() -> str:
        return next(line for line in capsys.readouterr().out.splitlines() if line.startswith("pages"))

    assert session.save() == 0, capsys.readouterr().err
    capsys.readouterr()
    edit(content, "ar/news/road-opening.md", "في ولاية بوشر.", "في ولاية بوشر، بطول ١٢ كيلومتراً.")
    before = english.stat().st_mtime_ns
    assert session.save() == 0
    line = pages_line()
    assert re.search(rf"en 0 rendered, \d+ unchanged \(pid \d+, {not_built}\)", line), line
    assert re.search(r"ar [1-9]\d* rendered", line), line
    assert english.stat().st_mtime_ns == before and "بطول ١٢ كيلومتراً" in (
        live / "ar/news/road-opening/index.html"
    ).read_text("utf-8")

    edit(content, "ar/news/road-opening.md", "Title: افتتاح طريق جديد في بوشر", "Title: افتتاح طريق بوشر الجديد")
    assert session.save() == 0
    assert not_built not in pages_line()
    assert "افتتاح طريق بوشر الجديد" in english.read_text("utf-8")  # the counterpart's title

    monkeypatch.setenv("SITE_CLOCK", "2027-01-01T00:10:00")  # next-year.md comes out, in both languages
    edit(content, "ar/news/road-opening.md", "بطول ١٢ كيلومتراً", "بطول ١٣ كيلومتراً")
    assert session.save() == 0
    assert not_built not in pages_line()
    assert (live / "en/news/next-year/index.html").exists()
    fresh = session.work.parent / "fresh"
    assert driver.main(["--preview", "--content", str(content), "--work", str(fresh)]) == 0, capsys.readouterr().err
    assert _preview_pages(live) == _preview_pages(fresh / "preview" / "output")


def test_the_preview_writes_its_reader_cache_after_it_shows_the_save(
    session: Session, capsys: pytest.CaptureFixture[str]
) -> None:
    """newsroom/core/later.py: the reader cache (for the next `make html`) is written once the
    language process has answered, and before its next build."""
    from newsroom.core.cache import read_memo

    reader_cache = session.work / "cache" / "reader" / "ar.pickle"
    assert session.save() == 0, capsys.readouterr().err
    assert session.save() == 0, capsys.readouterr().err  # (the last build's cache is written first)
    before = set(read_memo(reader_cache)[0]["entries"])
    edit(session.content, "ar/news/road-opening.md", "في ولاية بوشر.", "في ولاية بوشر، بطول ١٢ كيلومتراً.")
    assert session.save() == 0, capsys.readouterr().err
    assert session.save() == 0, capsys.readouterr().err
    after = set(read_memo(reader_cache)[0]["entries"])
    assert len(after) == len(before) and len(after - before) == 1
