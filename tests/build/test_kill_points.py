"""A build killed at each named point (newsroom/core/faults.py) leaves output/ one whole release:
the old one before the switch, the new one after it; never a mix. The next build heals."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers import fingerprint
from sitebuild import copy_fixture, run_build, write

KILLED = 86


def digests(root: Path) -> dict[str, object]:
    """What readers get from output/: every file's bytes (Pagefind's own files differ run to run)."""
    return {k: v[0] for k, v in fingerprint(root).items() if k != "@link" and not k.startswith("pagefind/")}


def _edit(content: Path, n: int) -> None:
    write(content, "en/news/road-opening.md", f"Title: Road opening {n}\nDate: 2024-01-02\n\nEdition {n}.\n")


@pytest.mark.parametrize(
    ("point", "builds_before", "shows"),
    [
        ("pages-built", 1, "old"),
        ("before-publish", 1, "old"),
        ("release-made", 1, "old"),
        ("switched", 1, "new"),
        ("pruning", 3, "new"),  # pruning starts once there are more releases than are kept
    ],
)
def test_a_build_killed_at_each_point_leaves_one_whole_release(
    tmp_path: Path, point: str, builds_before: int, shows: str
) -> None:
    content = copy_fixture(tmp_path / "content")
    for n in range(builds_before):
        _edit(content, n)
        assert run_build(content, tmp_path).returncode == 0
    old = digests(tmp_path / "output")
    _edit(content, 99)
    killed = run_build(content, tmp_path, env={"NEWSROOM_STOP_AT": point})
    assert killed.returncode == KILLED, killed.text
    after_kill = digests(tmp_path / "output")
    healed = run_build(content, tmp_path)  # the next build finishes the job
    assert healed.returncode == 0, healed.text
    new = digests(tmp_path / "output")
    assert old != new
    assert after_kill == (old if shows == "old" else new), f"killed at {point}: output/ is not one whole release"
    assert (tmp_path / "output").is_symlink() and (tmp_path / "output").resolve().is_dir()
