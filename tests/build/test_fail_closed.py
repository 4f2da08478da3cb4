"""Fail closed: a build that fails at any stage leaves output/ as it was; two clean builds
of the same content are byte-identical (outside Pagefind's own files)."""

from __future__ import annotations

import errno
import hashlib
import json
from pathlib import Path

import pytest
from helpers import fingerprint
from sitebuild import CLOCK, copy_fixture, run_build, write

from newsroom.pipeline import driver, release


def run_in_process(content: Path, root: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("SITE_CLOCK", CLOCK)
    monkeypatch.delenv("SITEURL", raising=False)
    monkeypatch.delenv("STRICT", raising=False)
    return driver.main(["--content", str(content), "--output", str(root / "output"), "--work", str(root / "work")])


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path]:
    content = copy_fixture(tmp_path / "content")
    assert run_build(content, tmp_path).returncode == 0
    write(
        content,
        "ar/news/road-opening.md",
        (content / "ar/news/road-opening.md").read_text("utf-8").replace("بوشر", "السيب"),
    )
    return content, tmp_path


def test_a_full_disk_while_publishing(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content, root = built
    before = fingerprint(root / "output")
    calls = {"n": 0}
    real_link = release._link

    def failing_link(source: Path, target: Path) -> None:  # the disk fills after five files
        calls["n"] += 1
        if calls["n"] > 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_link(source, target)

    monkeypatch.setattr(release, "_link", failing_link)
    assert run_in_process(content, root, monkeypatch) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert fingerprint(root / "output") == before
    assert not list((root / "work/releases").glob(".incoming-*"))  # nothing half-made left behind


def test_a_failing_post_processing_stage(
    built: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content, root = built
    before = fingerprint(root / "output")

    broken = root / "pagefind"  # Pagefind's program, crashing (the article edited: its shard is indexed)
    broken.write_text("#!/bin/sh\necho 'pagefind crashed' >&2\nexit 1\n", "utf-8")
    broken.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(broken))
    assert run_in_process(content, root, monkeypatch) == 1
    assert "the search index could not be built: pagefind crashed" in capsys.readouterr().err
    assert fingerprint(root / "output") == before


def digests(root: Path) -> dict[str, str]:
    real = root.resolve()
    return {
        p.relative_to(real).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(real.rglob("*"))
        if p.is_file() and "pagefind" not in p.relative_to(real).parts
    }


def test_two_clean_builds_are_byte_identical(tmp_path: Path) -> None:
    one = run_build(
        copy_fixture(tmp_path / "a" / "content"),
        tmp_path / "a",
        env={"SITE_CLOCK": "", "SOURCE_DATE_EPOCH": "1780000000"},
    )
    two = run_build(
        copy_fixture(tmp_path / "b" / "content"),
        tmp_path / "b",
        env={"SITE_CLOCK": "", "SOURCE_DATE_EPOCH": "1780000000"},
    )
    assert one.returncode == two.returncode == 0, one.text + two.text
    first, second = digests(one.output), digests(two.output)
    assert len(first) > 60
    assert first == second, {k for k in first.keys() | second.keys() if first.get(k) != second.get(k)}
    # Pagefind's files differ run to run: check what it answers instead (same pages indexed).
    assert page_counts(one.output)
    assert page_counts(one.output) == page_counts(two.output)


def page_counts(output: Path) -> dict[str, dict[str, int]]:
    """{shard: {language: pages}} of the Arabic search index (a shard per year)."""
    folder = output / "pagefind" / "ar"
    shards = json.loads((folder / "shards.json").read_text("utf-8"))["shards"]
    entries = {s: json.loads((folder / s / "pagefind-entry.json").read_text("utf-8")) for s in shards}
    return {s: {k: v["page_count"] for k, v in e["languages"].items()} for s, e in entries.items()}
