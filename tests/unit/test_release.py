from __future__ import annotations

import os
from pathlib import Path

from newsroom.pipeline.release import files_of, publish


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {rel: (p.read_bytes(), p.stat().st_mtime_ns) for rel, p in files_of(root).items()}


def make_site(root: Path, files: dict[str, str]) -> Path:
    if root.exists():
        import shutil

        shutil.rmtree(root)
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, "utf-8")
    return root


def test_first_publish_then_nothing_changed(tmp_path: Path) -> None:
    output, releases = tmp_path / "output", tmp_path / "releases"
    site = make_site(tmp_path / "site", {"ar/index.html": "أ", "en/index.html": "a"})
    first = publish(site, output, releases)
    assert output.is_symlink() and first.release is not None
    assert (output / "ar/index.html").read_text("utf-8") == "أ"
    before = snapshot(output)
    site = make_site(tmp_path / "site", {"ar/index.html": "أ", "en/index.html": "a"})
    assert publish(site, output, releases).release is None
    assert snapshot(output) == before


def test_only_changed_files_are_new(tmp_path: Path) -> None:
    output, releases = tmp_path / "output", tmp_path / "releases"
    publish(make_site(tmp_path / "site", {"a.html": "1", "b.html": "2", "c.html": "3"}), output, releases)
    old = snapshot(output)
    old_release = output.resolve()
    result = publish(make_site(tmp_path / "site", {"a.html": "1", "b.html": "changed"}), output, releases)
    assert result.changed == ["b.html"] and result.removed == ["c.html"]
    new = snapshot(output)
    assert new["a.html"] == old["a.html"]  # bytes and mtime kept
    assert new["b.html"][0] == b"changed" and "c.html" not in new
    assert (old_release / "b.html").read_text() == "2"  # the previous release is intact
    assert os.stat(output / "a.html").st_ino == os.stat(old_release / "a.html").st_ino


def test_a_plain_output_folder_is_replaced_in_one_step(tmp_path: Path) -> None:
    output, releases = tmp_path / "output", tmp_path / "releases"
    make_site(output, {"old.html": "old"})
    publish(make_site(tmp_path / "site", {"new.html": "new"}), output, releases)
    assert output.is_symlink() and sorted(files_of(output)) == ["new.html"]


def test_old_releases_are_pruned(tmp_path: Path) -> None:
    output, releases = tmp_path / "output", tmp_path / "releases"
    for n in range(6):
        publish(make_site(tmp_path / "site", {"i.html": str(n)}), output, releases, keep=3)
    assert len([p for p in releases.iterdir() if p.name.isdigit()]) == 3
    assert (output / "i.html").read_text() == "5"
