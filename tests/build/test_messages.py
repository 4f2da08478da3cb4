"""Messages whose advice leads somewhere (issue 15), and `make check` giving CI's verdict in words."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import FIXTURE_SITE, copy_fixture, run_build, write

from newsroom.core.contract import read_source, scan_tree
from newsroom.core.glossary import load_glossary
from newsroom.core.problems import Collector


def _problems(tmp_path: Path, lang: str, text: str, rel: str = "news/x.md") -> list[str]:
    path = tmp_path / lang / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    collector = Collector(tmp_path)
    glossary = load_glossary(FIXTURE_SITE / "glossary.yml", Collector())
    read_source(path, lang, rel, collector, glossary)
    return [p.format() for p in collector.problems]


@pytest.mark.parametrize(
    ("line", "english"),
    [
        ("العنوان: افتتاح طريق", "Title"),
        ("التاريخ: 2024-01-01", "Date"),
        ("التصنيف: الطرق", "Category"),
        ("الوسوم: النقل", "Tags"),
        ("الملخص: جملة", "Summary"),
    ],
)
def test_an_arabic_key_gets_its_english_name(tmp_path: Path, line: str, english: str) -> None:
    text = (
        f"Title: عنوان\nDate: 2024-01-01\n{line}\n\nنص.\n" if english not in ("Title", "Date") else f"{line}\n\nنص.\n"
    )
    found = [p for p in _problems(tmp_path, "ar", text) if "written in Arabic" in p]
    assert found and f"did you mean '{english}:'?" in found[0], _problems(tmp_path, "ar", text)
    assert ":1:" in found[0] or ":3:" in found[0]


def test_an_english_category_in_an_arabic_file_says_so(tmp_path: Path) -> None:
    found = _problems(tmp_path, "ar", "Title: عنوان\nDate: 2024-01-01\nCategory: Roads\n\nنص.\n")
    assert any(
        "'Roads' is the category's name in the other language" in p and "'Category: الطرق'" in p for p in found
    ), found


def test_an_empty_required_key_is_not_told_to_go(tmp_path: Path) -> None:
    """'remove the line' would lead to another error ('Title:' is missing)."""
    found = _problems(tmp_path, "en", "Title:\nDate: 2024-01-01\n\nText.\n")
    assert found == ["en/news/x.md:1: error: 'Title:' is empty — write a value (this key is required)"]
    optional = _problems(tmp_path, "en", "Title: t\nDate: 2024-01-01\nSummary:\n\nText.\n")
    assert optional == ["en/news/x.md:3: error: 'Summary:' is empty — write a value, or remove the line"]


def test_a_mistyped_award_gets_did_you_mean(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    write(content, "ar/news/t.md", "Title: خبر\nDate: 2024-01-01\nAwards: green-awrd\n\nنص.\n")
    write(content, "en/news/t.md", "Title: News\nDate: 2024-01-01\n\nText.\n")
    build = run_build(content, tmp_path)
    assert build.returncode != 0
    assert "ar/news/t.md:3: error: 'Awards:' names 'green-awrd'" in build.stderr
    assert "did you mean 'green-award'?" in build.stderr


@pytest.mark.parametrize(
    ("kind", "target"),
    [("news", "make new SLUG="), ("award", "make new-award SLUG="), ("notice", "make new-notice SLUG=")],
)
def test_make_new_without_a_name_names_its_own_target(tmp_path: Path, kind: str, target: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "newsroom", "new", kind, "", "--content", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1 and target in result.stderr, result.stderr


def test_make_check_gives_the_verdict_ci_will_give(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    write(content, "ar/news/t.md", "Title: خبر\nDate: 2024-01-01\nTags: وسم جديد\n\nنص.\n")
    write(content, "en/news/t.md", "Title: News\nDate: 2024-01-01\n\nText.\n")
    check = run_build(content, tmp_path, "--check")
    assert check.returncode == 0, check.text
    assert "CI will stop: 1 warning above" in check.stdout and "STRICT=1" in check.stdout
    ci = run_build(content, tmp_path, "--check", env={"STRICT": "1"})
    assert ci.returncode != 0 and "warning: the tag 'وسم جديد' is not in content/glossary.yml" in ci.stderr
    write(content, "ar/news/t.md", "Title: خبر\nDate: 2024-01-01\n\nنص.\n")
    clean = run_build(content, tmp_path, "--check")
    assert "CI will publish this: no errors, no warnings" in clean.stdout, clean.text


def test_scan_tree_reports_every_files_header_in_one_run(tmp_path: Path) -> None:
    """Header problems of all files come together (not one file, then the next round)."""
    for n in range(3):
        write(tmp_path, f"ar/news/bad-{n}.md", "Titel: x\n\nنص.\n")
    collector = Collector(tmp_path)
    scan_tree(tmp_path, "ar", collector)
    assert {p.path for p in collector.problems} == {f"ar/news/bad-{n}.md" for n in range(3)}


def test_a_second_preview_on_a_busy_port_says_so_in_one_line(tmp_path: Path) -> None:
    import socket  # noqa: PLC0415

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "newsroom",
                "serve",
                "--port",
                str(port),
                "--content",
                str(tmp_path / "c"),
                "--work",
                str(tmp_path / "w"),
            ],
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"port {port} is in use (another make serve?) — stop it, or choose another port: make serve PORT={port + 1}"
    ]


@pytest.mark.parametrize("mode", [(), ("--check",)])
def test_header_text_and_link_problems_come_in_one_run(tmp_path: Path, mode: tuple[str, ...]) -> None:
    """Not header errors first, then missing descriptions, then broken links in later rounds."""
    content = copy_fixture(tmp_path / "content")
    write(content, "ar/news/header.md", "Titel: خبر\nDate: 2024-01-01\n\nنص.\n")
    write(content, "ar/news/text.md", "Title: خبر\nDate: 2024-01-01\n\n![](/images/logo-test.png)\n")
    write(content, "en/news/link.md", "Title: News\nDate: 2024-01-01\n\n[gone](/en/news/nowhere/)\n")
    build = run_build(content, tmp_path, *mode)
    assert build.returncode != 0
    for expected in (
        "ar/news/header.md:1: error: unknown key 'titel'",
        "ar/news/text.md:4: error: the image '/images/logo-test.png' has no description",
        "en/news/link.md:4: error:",
    ):
        assert expected in build.stderr, f"{expected!r} not in one run:\n{build.stderr}"
    assert "Traceback" not in build.text and "Could not process" not in build.text
    assert not (tmp_path / "output").exists()  # nothing published


TODO = "write a value (this key is required)"


def test_on_github_actions_problems_are_annotations_on_their_lines(tmp_path: Path) -> None:
    import json

    content = copy_fixture(tmp_path / "content")
    path = content / "ar/news/road-opening.md"
    path.write_text(path.read_text("utf-8").replace("Title: افتتاح طريق جديد في بوشر", "Title:", 1), "utf-8")
    report = tmp_path / "report.json"
    build = run_build(content, tmp_path, "--check", "--report", str(report), env={"GITHUB_ACTIONS": "true"})
    assert build.returncode == 1
    annotations = [line for line in build.stdout.splitlines() if line.startswith("::error ")]
    assert any(
        "ar/news/road-opening.md,line=1," in line and line.endswith("::'Title:' is empty — " + TODO)
        for line in annotations
    ), build.stdout
    data = json.loads(report.read_text("utf-8"))
    assert data["status"] == 1 and data["verdict"].startswith("The build stopped")
    assert data["counts"]["error"] >= 1
    assert any(p["line"] == 1 and p["message"] == "'Title:' is empty" for p in data["problems"])
    # without GitHub Actions: no workflow commands in the output
    plain = run_build(content, tmp_path / "plain", "--check")
    assert "::error" not in plain.stdout + plain.stderr


def test_a_clean_check_reports_ci_s_verdict_as_json(tmp_path: Path) -> None:
    import json

    report = tmp_path / "report.json"
    build = run_build(copy_fixture(tmp_path / "content"), tmp_path, "--check", "--report", str(report))
    assert build.returncode == 0, build.text
    data = json.loads(report.read_text("utf-8"))
    assert data["status"] == 0 and data["verdict"].startswith("CI will")
