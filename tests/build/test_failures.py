"""Failures of the machine and of the files, not only of the words: each ends in a
`path: what — what to do` line and the verdict that output/ is unchanged, never a traceback.
And nothing outside content/ and theme/ is ever read or published through a link."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import fingerprint
from sitebuild import PROJECT, copy_fixture, run_build, write

VERDICT = "The build stopped: nothing was published, output/ is unchanged."


def _published(tmp_path: Path) -> tuple[Path, dict[str, object]]:
    content = copy_fixture(tmp_path / "content")
    build = run_build(content, tmp_path)
    assert build.returncode == 0, build.text
    return content, fingerprint(build.output)


def _stopped(build_text: str) -> None:
    assert VERDICT in build_text, build_text
    assert "Traceback" not in build_text, build_text


# --- A file saved by Windows Notepad, a separator in a header ---------------------------------
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_byte_order_mark_is_not_part_of_the_first_key(tmp_path: Path, lang: str) -> None:
    content = copy_fixture(tmp_path / "content")
    title = {"ar": "خبر محفوظ في المفكرة", "en": "Saved by Notepad"}[lang]
    path = content / lang / "news" / "notepad.md"
    path.write_bytes(b"\xef\xbb\xbf" + f"Title: {title}\r\nDate: 2024-01-01\r\n\r\nنص.\r\n".encode())
    other = "en" if lang == "ar" else "ar"
    write(content, f"{other}/news/notepad.md", "Title: x\nDate: 2024-01-01\n\nx\n")
    build = run_build(content, tmp_path)
    assert build.returncode == 0, build.text
    assert f'<h1 data-pagefind-meta="title">{title}' in build.page(f"{lang}/news/notepad/index.html")


@pytest.mark.parametrize(("char", "name"), [("\u2028", "line"), ("\u2029", "paragraph")])
def test_a_separator_in_a_header_names_the_line(tmp_path: Path, char: str, name: str) -> None:
    content, before = _published(tmp_path)
    write(content, "ar/news/t.md", f"Title: عنوان{char}ثان\nDate: 2024-01-01\n\nنص.\n")
    build = run_build(content, tmp_path)
    assert build.returncode != 0
    assert "ar/news/t.md:1: error: 'Title:' contains a line or paragraph separator" in build.stderr, build.stderr
    assert "is not of the form" not in build.stderr
    _stopped(build.stderr)
    assert fingerprint(build.output) == before


# --- Links that leave the repository -------------------------------------------------------
def _outside(tmp_path: Path) -> Path:
    secret = tmp_path / "outside" / "secret.md"
    secret.parent.mkdir(parents=True)
    secret.write_text("Title: SECRET-OF-THE-RUNNER\nDate: 2024-01-01\n\nSECRET-OF-THE-RUNNER\n", "utf-8")
    return secret


LINKS = {
    "a picture to /etc/passwd": ("images/passwd.txt", lambda t: Path("/etc/passwd"), "leads outside content/"),
    "an ar article outside": ("ar/news/secret.md", _outside, "leads outside content/"),
    "an en article outside": ("en/news/secret.md", _outside, "leads outside content/"),
    "a folder outside": ("ar/news/more", lambda t: _outside(t).parent, "leads outside content/"),
    "a dangling picture": ("images/gone.png", lambda t: t / "nowhere.png", "which does not exist"),
    "a dangling article": ("ar/news/gone.md", lambda t: t / "nowhere.md", "which does not exist"),
    "the glossary outside": ("glossary.yml", _outside, "leads outside content/"),
}


@pytest.mark.parametrize("case", list(LINKS))
def test_a_link_out_of_content_stops_the_build(tmp_path: Path, case: str) -> None:
    rel, target, words = LINKS[case]
    content, before = _published(tmp_path)
    link = content / rel
    if link.exists():
        link.unlink()
    link.symlink_to(target(tmp_path))
    build = run_build(content, tmp_path)
    assert build.returncode != 0
    assert f"content/{rel}: error: this link" in build.stderr and words in build.stderr, build.stderr
    _stopped(build.stderr)
    assert fingerprint(build.output) == before
    assert not any(
        "SECRET-OF-THE-RUNNER" in p.read_text("utf-8", errors="replace")
        for p in build.work.rglob("*")
        if p.is_file() and p.suffix in (".html", ".txt", ".json")
    )


def test_a_link_out_of_the_theme_stops_the_build(tmp_path: Path) -> None:
    content, before = _published(tmp_path)
    theme = tmp_path / "theme"
    shutil.copytree(PROJECT / "theme", theme)
    (theme / "static" / "secret.txt").symlink_to("/etc/hostname")
    build = run_build(content, tmp_path, "--theme", str(theme))
    assert build.returncode != 0
    assert "theme/static/secret.txt: error: this link leads outside theme/" in build.stderr, build.stderr
    _stopped(build.stderr)
    assert fingerprint(build.output) == before


def test_a_link_inside_content_is_followed(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    (content / "images" / "alias.png").symlink_to("logo-test.png")
    build = run_build(content, tmp_path)
    assert build.returncode == 0, build.text
    assert list((build.output / "images").glob("alias*"))


# --- The disk and the cache ------------------------------------------------------------------
@contextlib.contextmanager
def _mounted(folder: Path, options: str) -> Iterator[None]:
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], capture_output=True, check=False
    )
    if done.returncode != 0:
        pytest.skip(
            "mounting a small file system needs root (CI runs as root): " + done.stderr.decode(errors="replace").strip()
        )
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_a_full_disk_stops_the_build_with_one_line(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    with _mounted(tmp_path / "work", "size=64m"):
        build = run_build(content, tmp_path)
        assert build.returncode == 0, build.text
        before = fingerprint(build.output)
        stats = os.statvfs(tmp_path / "work")
        free = stats.f_bavail * stats.f_frsize
        with (tmp_path / "work" / "filler").open("wb") as filler:  # leave almost nothing
            filler.write(b"\0" * max(0, free - 24 * 1024))
        write(
            content,
            "ar/news/road-opening.md",
            "Title: افتتاح طريق جديد\nDate: 2024-02-01\n\n" + "نص طويل جدا. " * 4000 + "\n",
        )
        full = run_build(content, tmp_path)
        assert full.returncode != 0
        assert "error: the disk is full — free some disk space" in full.stderr, full.text
        _stopped(full.stderr)
        assert fingerprint(full.output) == before


def test_a_read_only_build_folder_stops_the_build_with_one_line(tmp_path: Path) -> None:
    content, before = _published(tmp_path)
    cache = tmp_path / "work" / "cache"
    saved = tmp_path / "saved-cache"
    shutil.copytree(cache, saved)
    with _mounted(cache, "size=16m"):
        shutil.copytree(saved, cache, dirs_exist_ok=True)
        subprocess.run(["mount", "-o", "remount,ro", str(cache)], check=True)
        write(content, "ar/news/road-opening.md", "Title: افتتاح طريق\nDate: 2024-02-01\n\nنص جديد.\n")
        build = run_build(content, tmp_path)
        assert build.returncode != 0
        assert "read-only" in build.stderr, build.text
        _stopped(build.stderr)
        assert fingerprint(build.output) == before


def test_a_file_that_vanishes_before_it_is_read_is_one_error(tmp_path: Path) -> None:
    from newsroom.core.contract import read_source  # noqa: PLC0415
    from newsroom.core.problems import Collector  # noqa: PLC0415

    collector = Collector(tmp_path)
    assert read_source(tmp_path / "ar" / "news" / "gone.md", "ar", "news/gone.md", collector) is None
    assert [p.format() for p in collector.problems] == [
        "ar/news/gone.md: error: the file could not be read (No such file or directory) — "
        "check that it exists and can be read, then build again"
    ]


@pytest.mark.parametrize(("code", "words"), [(28, "the disk is full"), (30, "read-only"), (2, "disappeared")])
def test_each_failure_of_the_machine_says_what_to_do(code: int, words: str) -> None:
    from newsroom.core.problems import Collector  # noqa: PLC0415

    collector = Collector(Path("/project"))
    collector.os_error(OSError(code, os.strerror(code), "/project/.build/run/site/ar/index.html"), "content")
    line = collector.problems[0].format()
    assert line.startswith(".build/run/site/ar/index.html: error: ") and words in line and " — " in line
