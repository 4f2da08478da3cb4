"""Atomic and incremental at once: unchanged files are never rewritten, and a build
that does not finish leaves output/ as it was."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from helpers import fingerprint
from sitebuild import CLOCK, copy_fixture, run_build, write


def changed(before: dict[str, object], after: dict[str, object]) -> set[str]:
    keys = (set(before) | set(after)) - {"@link"}
    return {k for k in keys if before.get(k) != after.get(k)}


def test_an_unchanged_rebuild_rewrites_no_file(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    assert run_build(content, tmp_path).returncode == 0
    before = fingerprint(tmp_path / "output")
    again = run_build(content, tmp_path)
    assert again.returncode == 0, again.text
    assert "nothing changed" in again.stdout
    assert fingerprint(tmp_path / "output") == before


def test_a_full_rebuild_of_the_same_inputs_rewrites_no_file_either(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    assert run_build(content, tmp_path).returncode == 0
    before = fingerprint(tmp_path / "output")
    (tmp_path / "work" / "last-build.json").unlink()  # no shortcut: render, index, compress again
    again = run_build(content, tmp_path)
    assert again.returncode == 0, again.text
    assert "pages" in again.stdout and "nothing changed: output/ untouched" in again.stdout
    assert fingerprint(tmp_path / "output") == before


def test_the_clock_passing_a_date_is_a_change(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    assert run_build(content, tmp_path, env={"SITE_CLOCK": "2026-12-31T23:00:00"}).returncode == 0
    same_day = run_build(content, tmp_path, env={"SITE_CLOCK": "2026-12-31T23:30:00"})
    assert same_day.returncode == 0 and "same inputs" in same_day.stdout, same_day.text
    new_year = run_build(content, tmp_path, env={"SITE_CLOCK": "2027-01-01T00:10:00"})
    assert new_year.returncode == 0 and "same inputs" not in new_year.stdout
    assert (tmp_path / "output/ar/news/next-year/index.html").exists()


def test_one_article_edit_rewrites_only_what_shows_it(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    assert run_build(content, tmp_path).returncode == 0
    before = fingerprint(tmp_path / "output")
    article = content / "en/news/road-opening.md"
    text = article.read_text("utf-8").replace("Wilayat of Bausher", "Wilayat of Bausher, by the sea")
    article.write_text(text, "utf-8")  # the body only: listings show the summary
    assert run_build(content, tmp_path).returncode == 0
    rewritten = changed(before, fingerprint(tmp_path / "output"))
    assert {p for p in rewritten if p.startswith("pagefind/")}  # the search index follows the edit
    assert {p.removesuffix(".br").removesuffix(".gz") for p in rewritten if not p.startswith("pagefind/")} == {
        "en/news/road-opening/index.html",  # the page
        "en/feed.atom",  # feeds carry the full text
        "en/category/roads/feed.atom",
    }  # each with its precompressed .br and .gz


def test_a_removed_article_disappears(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    assert run_build(content, tmp_path).returncode == 0
    (content / "en/news/beach-cleanup.md").unlink()
    assert run_build(content, tmp_path).returncode == 0
    assert not (tmp_path / "output/en/news/beach-cleanup").exists()


def test_a_killed_build_leaves_output_as_it_was(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    for n in range(60):
        write(
            content,
            f"ar/news/bulk-{n:02d}.md",
            f"Title: خبر {n}\nDate: 2023-02-{n % 28 + 1:02d}\n\n" + "نص طويل. " * 200 + "\n",
        )
    assert run_build(content, tmp_path).returncode == 0
    write(content, "ar/news/bulk-00.md", "Title: خبر معدل\nDate: 2023-02-01\n\nنص جديد.\n")
    before = fingerprint(tmp_path / "output")
    for delay in (0.2, 0.5, 0.8):
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "newsroom",
                "build",
                "--content",
                str(content),
                "--output",
                str(tmp_path / "output"),
                "--work",
                str(tmp_path / "work"),
            ],
            env={**os.environ, "SITE_CLOCK": CLOCK},
            start_new_session=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        finished = process.poll() is not None
        if not finished:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        after = fingerprint(tmp_path / "output")
        if after != before:  # it got to the switch: the whole new site, never a mix
            assert "ar/news/bulk-00/index.html" in changed(before, after), f"after {delay} s"
            pages = lambda files: {f for f in files if f != "@link" and not f.startswith("pagefind/")}  # noqa: E731
            assert pages(after) == pages(before)
            break
        assert not finished, "a finished build must have published the edit"
    build = run_build(content, tmp_path)  # the next build recovers
    assert build.returncode == 0, build.text
    assert "خبر معدل" in (tmp_path / "output/ar/news/bulk-00/index.html").read_text("utf-8")


def tree(root: Path) -> dict[str, bytes | None]:
    """Every folder (None) and file (its bytes) below `root`, but the search index (Pagefind's
    files differ from run to run for the same pages)."""
    real = root.resolve()
    return {
        p.relative_to(real).as_posix(): p.read_bytes() if p.is_file() else None
        for p in real.rglob("*")
        if not p.relative_to(real).as_posix().startswith("pagefind")
    }


def test_a_build_in_an_old_releases_folders_publishes_what_a_clean_build_does(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    article = content / "en/news/road-opening.md"
    for n in range(4):  # four releases: the first is pruned, its folders are kept for the next build
        article.write_text(article.read_text("utf-8") + f"\nUpdate {n}.\n", "utf-8")
        assert run_build(content, tmp_path).returncode == 0
    spare = tmp_path / "work/releases/.spare"
    deadline = time.monotonic() + 30
    while not spare.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert spare.is_dir() and not [p for p in spare.rglob("*") if not p.is_dir()]
    folder = os.stat(spare / "en/news").st_ino
    assert (spare / "en/news/beach-cleanup").is_dir() and (spare / "en/news/arab-city-day").is_dir()
    (content / "en/news/beach-cleanup.md").unlink()  # its folder is not used any more
    (content / "en/news/arab-city-day.md").unlink()  # its old address leads to another article
    article.write_text(article.read_text("utf-8").replace("\n\n", "\nRedirect-From: /en/news/arab-city-day/\n\n", 1))
    build = run_build(content, tmp_path)
    assert build.returncode == 0, build.text
    assert os.stat(tmp_path / "output/en/news").st_ino == folder  # built in the spare folders
    assert not (tmp_path / "output/en/news/beach-cleanup").exists()
    clean = run_build(content, tmp_path / "clean")
    assert clean.returncode == 0, clean.text
    assert tree(tmp_path / "output") == tree(tmp_path / "clean/output")
