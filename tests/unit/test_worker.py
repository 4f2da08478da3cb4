"""The language processes load Pelican and the plugins while the content is checked, at low
priority; a language whose reader cache did not change does not write it again; a build that
ends leaves Python at once with everything said."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from newsroom.pipeline.worker import in_background

PROJECT = Path(__file__).resolve().parents[2]


def _python(code: str, cwd: Path = PROJECT) -> subprocess.CompletedProcess[str]:
    """`code` in a fresh interpreter (nothing imported yet), as a worker starts."""
    return subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, "PYTHONPATH": str(PROJECT), "SITE_LANG": "ar"},
        check=False,
        timeout=120,
    )


def test_the_warm_up_loads_the_plugins_by_pelicans_names_and_registers_nothing() -> None:
    result = _python(
        "import json, sys\n"
        "from newsroom.pipeline.worker import warm_up\n"
        "warm_up('pelican.conf.py')\n"
        "from pelican import signals\n"
        "names = ('bilingual', 'incremental', 'social_cards', 'pelican.generators')\n"
        "loaded = sorted(m for m in names if m in sys.modules)\n"
        "print(json.dumps({'modules': loaded, 'receivers': len(signals.initialized.receivers)}))\n"
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    # loaded where Pelican looks for them (so a build finds them imported), connected by nobody
    assert found == {"modules": ["bilingual", "incremental", "pelican.generators", "social_cards"], "receivers": 0}
    assert result.stderr == ""


def test_a_broken_settings_file_is_left_for_the_build_to_report(tmp_path: Path) -> None:
    settings = tmp_path / "pelican.conf.py"
    settings.write_text("SITENAME = 'بلدية\n", "utf-8")  # an unclosed string
    result = _python(f"from newsroom.pipeline.worker import warm_up\nwarm_up({str(settings)!r})\nprint('بعد')\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "بعد"
    assert result.stderr == ""  # said once, by the build, with the file's name


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="each thread has its own niceness on Linux only")
def test_the_warm_up_runs_at_low_priority_and_the_build_does_not() -> None:
    seen: dict[str, int] = {}

    def work() -> None:
        seen["warm-up"] = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    in_background(work).join()
    assert seen["warm-up"] == os.getpriority(os.PRIO_PROCESS, 0) + 10 or seen["warm-up"] == 19
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == os.getpriority(os.PRIO_PROCESS, 0)


def test_the_program_says_everything_before_it_leaves(tmp_path: Path) -> None:
    """`newsroom` leaves without Python's slow shutdown: what it printed last is still said,
    and its exit status is the command's. (A content folder that is not there: said in words.)"""
    result = subprocess.run(
        [sys.executable, "-m", "newsroom", "build", "--content", str(tmp_path / "لا-يوجد")],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
        check=False,
        timeout=120,
    )
    assert result.returncode == 1
    assert "there is no content folder here" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.rstrip().endswith("output/ is unchanged."), result.stderr


def test_a_reader_cache_used_whole_and_unchanged_is_not_written_again(tmp_path: Path) -> None:
    from newsroom.core.cache import PickleCache

    path = tmp_path / "ar.pickle"
    first = PickleCache(path)
    first.put("مفتاح", ("<p>نص الخبر</p>", "ملخص", []))
    first.save()
    written = path.stat().st_mtime_ns, path.stat().st_ino

    same = PickleCache(path)
    assert same.get("مفتاح") is not None
    same.save()
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == written

    more = PickleCache(path)
    more.get("مفتاح")
    assert more.get("مفتاح آخر") is None
    more.put("مفتاح آخر", ("<p>خبر جديد</p>", "", []))
    more.save()
    assert (path.stat().st_mtime_ns, path.stat().st_ino) != written
    assert PickleCache(path).get("مفتاح آخر") is not None

    fewer = PickleCache(path)  # an article removed: its entry is dropped from the file
    fewer.get("مفتاح")
    fewer.save()
    assert PickleCache(path).get("مفتاح آخر") is None


def test_a_language_process_forgets_each_builds_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pelican keeps every content object's HTML in one dict per method for the life of the
    process: the preview's language process empties them after each build (it grew by 10-20 MB
    a save), whether the build passed or failed."""
    import pelican
    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG

    from newsroom.pipeline import worker

    made: list[Article] = []

    class Build:
        def __init__(self, settings: dict) -> None:
            self.settings = settings

        def run(self) -> None:
            article = Article("<p>افتتحت البلدية الطريق الساحلي.</p>", {"title": "افتتاح الطريق"}, DEFAULT_CONFIG)
            made.append(article)
            assert "الساحلي" in article.content and article.summary
            assert Article.get_content.cache and Article.get_summary.cache
            if len(made) == 2:
                raise RuntimeError("a template failed halfway")

    monkeypatch.setattr(pelican, "Pelican", Build)
    settings = tmp_path / "conf.py"
    settings.write_text("SITENAME = 'x'\n", "utf-8")
    for code in (0, 1):
        assert worker.build(str(settings), str(tmp_path), str(tmp_path / "out"), str(tmp_path / "log")) == code
        assert not Article.get_content.cache and not Article.get_summary.cache
