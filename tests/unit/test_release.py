from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from newsroom.pipeline import release as release_module
from newsroom.pipeline.release import TRASH, files_of, publish


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


def test_a_new_file_is_changed_and_the_first_release_is_number_one(tmp_path: Path) -> None:
    output, releases = tmp_path / "output", tmp_path / "releases"
    first = publish(make_site(tmp_path / "site", {"a.html": "1"}), output, releases)
    assert first.release == releases / "000001" and first.changed == ["a.html"]
    second = publish(make_site(tmp_path / "site", {"a.html": "1", "ب.html": "٢"}), output, releases)
    assert second.release == releases / "000002" and second.changed == ["ب.html"] and second.removed == []


def test_equal_bytes_are_compared_not_sizes_and_times(tmp_path: Path) -> None:
    output, releases = tmp_path / "output", tmp_path / "releases"
    publish(make_site(tmp_path / "site", {"a.html": "1111"}), output, releases)
    published = os.stat(output / "a.html")
    site = make_site(tmp_path / "site", {"a.html": "2222", "b.html": "x"})
    os.utime(site / "a.html", ns=(published.st_atime_ns, published.st_mtime_ns))  # same size, same time
    result = publish(site, output, releases)
    assert "a.html" in result.changed and (output / "a.html").read_text() == "2222"
    # equal bytes in a new file: the published file itself (same inode), not listed as changed
    site = make_site(tmp_path / "site", {"a.html": "2222", "b.html": "x"})
    before = os.stat(output / "b.html").st_ino
    result = publish(site, output, releases)
    assert result.release is None or "b.html" not in result.changed
    assert os.stat(output / "b.html").st_ino == before


def test_the_named_stop_points_come_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsroom.pipeline import release

    seen: list[str] = []
    monkeypatch.setattr(release, "stop_at", seen.append)
    output, releases = tmp_path / "output", tmp_path / "releases"
    for n in range(3):
        publish(make_site(tmp_path / "site", {"ar/i.html": str(n)}), output, releases, keep=2)
    assert seen == ["release-made", "switched"] * 2 + ["release-made", "switched", "pruning"]
    kept = sorted(p.name for p in releases.iterdir() if p.name[:1].isdigit())
    assert kept == ["000002", "000003"]


def wait_until(done: Callable[[], bool], seconds: float = 20.0) -> bool:
    """Whether `done()` comes true within `seconds` (work left to the background)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if done():
            return True
        time.sleep(0.05)
    return False


def wait_until_gone(folder: Path) -> bool:
    return wait_until(lambda: not any(p.name.startswith(TRASH) for p in folder.iterdir()))


def test_old_releases_are_moved_away_at_once_and_removed_in_the_background(tmp_path: Path) -> None:
    output, releases = tmp_path / "output", tmp_path / "releases"
    for n in range(3):
        publish(make_site(tmp_path / "site", {"ar/i.html": str(n), "en/i.html": "same"}), output, releases, keep=2)
    assert not (releases / "000001").exists()  # out of the numbered releases at once
    assert sorted(p.name for p in releases.iterdir() if p.name[:1].isdigit()) == ["000002", "000003"]
    assert wait_until_gone(releases)  # then removed, the build not waiting for it
    assert (output / "en" / "i.html").read_text() == "same"  # shared files of kept releases stay


def test_a_release_left_moved_away_is_removed_by_the_next_publish(tmp_path: Path) -> None:
    output, releases = tmp_path / "output", tmp_path / "releases"
    publish(make_site(tmp_path / "site", {"i.html": "1"}), output, releases)
    left = releases / f"{TRASH}000000-000001"  # a build killed before it removed this one
    (left / "ar").mkdir(parents=True)
    (left / "ar" / "page.html").write_text("old", "utf-8")
    publish(make_site(tmp_path / "site", {"i.html": "2"}), output, releases)
    assert wait_until_gone(releases)


def test_without_a_shell_old_releases_are_removed_at_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsroom.pipeline import release

    def no_shell(*args: object, **kwargs: object) -> None:
        raise FileNotFoundError("sh")

    monkeypatch.setattr(release.subprocess, "run", no_shell)
    output, releases = tmp_path / "output", tmp_path / "releases"
    for n in range(3):
        publish(make_site(tmp_path / "site", {"i.html": str(n)}), output, releases, keep=2)
    assert sorted(p.name for p in releases.iterdir()) == ["000002", "000003"]  # and no spare kept


def test_another_filesystem_copies_file_by_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    output, releases = tmp_path / "output", tmp_path / "releases"
    site = make_site(tmp_path / "site", {"ar/news/x/index.html": "أ", "en/index.html": "a"})
    os.utime(site / "en/index.html", ns=(1_000_000_000, 1_000_000_000))
    real_rename = Path.rename
    copied: list[str] = []
    real_copy = shutil.copy2

    def rename(self: Path, target: Path) -> Path:
        if self == site:
            raise OSError(18, "Invalid cross-device link")
        return real_rename(self, target)

    def no_link(*_args: object) -> None:
        raise OSError(18, "Invalid cross-device link")

    def copy(source: Path, target: Path) -> object:
        copied.append(Path(target).name)
        return real_copy(source, target)

    monkeypatch.setattr(Path, "rename", rename)
    monkeypatch.setattr(os, "link", no_link)
    monkeypatch.setattr(shutil, "copy2", copy)
    result = publish(site, output, releases)
    assert result.release is not None and sorted(copied) == ["index.html", "index.html"]
    assert {rel: p.read_text("utf-8") for rel, p in files_of(output).items()} == {
        "ar/news/x/index.html": "أ",
        "en/index.html": "a",
    }
    assert os.stat(output / "en/index.html").st_mtime_ns == 1_000_000_000  # copied with its time


def test_a_failure_while_making_the_release_leaves_nothing_half_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    output, releases = tmp_path / "output", tmp_path / "releases"
    publish(make_site(tmp_path / "site", {"a.html": "1", "b.html": "2"}), output, releases)
    before = snapshot(output)

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "link", full)
    monkeypatch.setattr(shutil, "copy2", full)
    with pytest.raises(OSError):  # b.html has the published bytes: linking it fails
        publish(make_site(tmp_path / "site", {"a.html": "new", "b.html": "2"}), output, releases)
    assert snapshot(output) == before
    assert not [p for p in releases.iterdir() if p.name.startswith(".incoming")]


def test_a_switch_link_left_by_a_crash_is_replaced(tmp_path: Path) -> None:
    output, releases = tmp_path / "output", tmp_path / "releases"
    publish(make_site(tmp_path / "site", {"a.html": "1"}), output, releases)
    (tmp_path / ".output.switch").symlink_to(tmp_path / "gone")  # dangling, as a kill leaves it
    publish(make_site(tmp_path / "site", {"a.html": "2"}), output, releases)
    assert (output / "a.html").read_text() == "2"


def walks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders `publish` walks."""
    seen: list[str] = []
    original = release_module._scan

    def counting(root: Path | None, prune: bool = False) -> dict[str, tuple[str, int]]:
        seen.append(root.name if root is not None else "")
        return original(root, prune)

    monkeypatch.setattr(release_module, "_scan", counting)
    return seen


SITE = {"ar/index.html": "الرئيسية", "ar/news/yawm/index.html": "يوم المدينة", "en/index.html": "Home"}


def test_the_published_release_is_not_walked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    output, releases = tmp_path / "output", tmp_path / "releases"
    publish(make_site(tmp_path / "site", SITE), output, releases)
    seen = walks(monkeypatch)
    result = publish(make_site(tmp_path / "site", {**SITE, "ar/index.html": "الرئيسية الجديدة"}), output, releases)
    assert seen == ["site"]  # the release output/ shows: from the list its publish wrote
    assert result.changed == ["ar/index.html"] and result.removed == []
    unchanged = publish(make_site(tmp_path / "site", {**SITE, "ar/index.html": "الرئيسية الجديدة"}), output, releases)
    assert unchanged.release is None


@pytest.mark.parametrize("damage", ["cut short", "another folder with the same name", "no list"])
def test_without_a_usable_list_the_release_is_walked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    output, releases = tmp_path / "output", tmp_path / "releases"
    publish(make_site(tmp_path / "site", SITE), output, releases)
    current = output.resolve()
    manifest = tmp_path / release_module.MANIFESTS / current.name
    if damage == "cut short":
        manifest.write_bytes(manifest.read_bytes()[:-10])
    elif damage == "no list":
        manifest.unlink()
    else:  # the release replaced by hand by a copy without one page
        copy = current.with_name("copy")
        make_site(copy, {k: v for k, v in SITE.items() if k != "en/index.html"})
        current.rename(current.with_name("gone"))
        copy.rename(current)
    seen = walks(monkeypatch)
    result = publish(make_site(tmp_path / "site", SITE), output, releases)
    assert seen == ["site", current.name]
    expected = ["en/index.html"] if damage == "another folder with the same name" else []
    assert (result.changed, result.removed) == (expected, [])


def test_the_lists_of_pruned_releases_go_with_them(tmp_path: Path) -> None:
    output, releases = tmp_path / "output", tmp_path / "releases"
    for number in range(5):
        publish(make_site(tmp_path / "site", {"ar/index.html": f"نسخة {number}"}), output, releases, keep=2)
    kept = sorted(p.name for p in releases.iterdir() if p.name[:1].isdigit())
    assert sorted(p.name for p in (tmp_path / release_module.MANIFESTS).iterdir()) == kept == ["000004", "000005"]


def test_a_pruned_release_leaves_its_folders_without_a_file_for_the_next_build(tmp_path: Path) -> None:
    output, releases = tmp_path / "output", tmp_path / "releases"
    for n in range(3):
        files = {"ar/أخبار/خبر/index.html": f"نسخة {n}", "en/news/x/index.html": "same", "pagefind/ar/1/f": "i"}
        publish(make_site(tmp_path / "site", files), output, releases, keep=2)
    spare = releases / release_module.SPARE
    assert wait_until(spare.exists)
    kept = [p.relative_to(spare).as_posix() for p in spare.rglob("*")]
    assert sorted(kept) == ["ar", "ar/أخبار", "ar/أخبار/خبر", "en", "en/news", "en/news/x"]  # no file, no index
    assert (output / "en/news/x/index.html").read_text() == "same"  # the files it shared stay published
    site = tmp_path / "next"
    assert release_module.take_spare(releases, site) and not spare.exists()
    (site / "en/news/x/index.html").write_text("new", "utf-8")  # a build writes into the folders
    result = publish(site, output, releases, keep=2)
    assert result.changed == ["en/news/x/index.html"]
    assert sorted(result.removed) == ["ar/أخبار/خبر/index.html", "pagefind/ar/1/f"]
    assert sorted(p.relative_to(output.resolve()).as_posix() for p in output.resolve().rglob("*")) == [
        "en",
        "en/news",
        "en/news/x",
        "en/news/x/index.html",
    ]  # the folders it did not use are not published
    assert not release_module.take_spare(tmp_path / "none", tmp_path / "other")
