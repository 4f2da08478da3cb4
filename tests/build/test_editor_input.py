"""Hostile values typed into the web editor go through the same checks as hand-written files.

The editor's own format code (`toFile` of editor/newsroom-cms.js, run by node through
tests/js/editor-format.mjs) writes each entry; the same values are also written by hand into a
file beside it; `newsroom build --check` must report the same problems for both, and a value
typed over several lines cannot start a header line of its own (it stays a continuation line).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from hostile import scan_site
from sitebuild import PROJECT, copy_fixture, run_build, write

from newsroom.pipeline.admin import editor_data

NODE = shutil.which("node")
HARNESS = PROJECT / "tests" / "js" / "editor-format.mjs"
SCRIPT = PROJECT / "editor" / "newsroom-cms.js"

# case -> {lang: the values typed in that language's pane}; the rest of each entry is ordinary.
CASES: dict[str, dict[str, dict[str, Any]]] = {
    "bidi-title": {
        "ar": {"title": "خبر \u202eعن الطريق"},
        "en": {"title": "News \u202eabout the road"},
    },
    "unknown-category": {
        "ar": {"category": "فئة لا توجد"},
        "en": {"category": "No such category"},
    },
    "script-alt": {
        "ar": {"image": "corniche.jpg", "image_alt": "<script>alert(1)</script> صورة"},
        "en": {"image": "corniche.jpg", "image_alt": '"><script>alert(1)</script> picture'},
    },
}
INJECTED = {"ar": "ملخص قصير\nStatus: published\nRedirect-From: /ar/", "en": "Short\nStatus: published\r\nSlug: x"}
BASE = {
    "ar": {"title": "خبر عادي", "date": "2024-01-05 10:00", "category": "الطرق", "body": "نص الخبر.\n"},
    "en": {"title": "An ordinary story", "date": "2024-01-05 10:00", "category": "Roads", "body": "The story.\n"},
}
SPELLING = {"title": "Title", "date": "Date", "category": "Category", "image": "Image", "image_alt": "Image-Alt",
            "summary": "Summary", "status": "Status"}  # fmt: skip


def by_hand(values: dict[str, Any]) -> str:
    """What an officer would type in a text editor: the contract's order, one line per key."""
    lines = [f"{SPELLING[key]}: {values[key]}" for key in SPELLING if key in values]
    return "\n".join(lines) + "\n\n" + values["body"]


def to_files(entries: list[dict[str, Any]], data_file: Path) -> list[str]:
    result = subprocess.run(  # noqa: S603
        [str(NODE), str(HARNESS), str(SCRIPT), str(data_file)],
        input=json.dumps(entries),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    if NODE is None:
        if os.environ.get("CI") == "true":
            pytest.fail("the editor's format tests must run in CI: Node.js is not installed")
        pytest.skip("Node.js is not installed (apt-get install nodejs)")
    root = tmp_path_factory.mktemp("editor-input")
    content = copy_fixture(root / "content")
    data_file = root / "editor.json"
    data_file.write_text(json.dumps(editor_data(content, "local", repo=root)), "utf-8")
    entries, names = [], []
    for case, langs in CASES.items():
        for lang, values in langs.items():
            entries.append({**BASE[lang], **values})
            names.append(f"{lang}/news/ed-{case}.md")
            write(content, f"{lang}/news/hand-{case}.md", by_hand({**BASE[lang], **values}))
    for lang, summary in INJECTED.items():
        entries.append({**BASE[lang], "summary": summary, "status": "draft"})
        names.append(f"{lang}/news/ed-injected.md")
    files = dict(zip(names, to_files(entries, data_file), strict=True))
    for rel, text in files.items():
        write(content, rel, text)
    return content, files


def problems(text: str, prefix: str) -> dict[str, list[str]]:
    """Problem lines of files named `<prefix><case>.md`, by case, with the file's name left out."""
    found: dict[str, list[str]] = {}
    for line in text.splitlines():
        match = re.search(rf"/(ar|en)/news/{prefix}([a-z-]+)\.md(:\d+)?: (.*)$", line)
        if match:
            found.setdefault(match.group(2), []).append(
                f"{match.group(1)}{match.group(3) or ''}: {match.group(4).replace('ed-', 'X-').replace('hand-', 'X-')}"
            )
    return {case: sorted(lines) for case, lines in found.items()}


def test_check_reports_the_same_problems_as_for_hand_written_files(
    written: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    content, _ = written
    check = run_build(content, tmp_path, "--check")
    assert check.returncode != 0, check.text
    editor, hand = problems(check.stderr, "ed-"), problems(check.stderr, "hand-")
    for case in ("bidi-title", "unknown-category"):
        assert editor.get(case), (case, check.stderr)
        assert any("error" in line for line in editor[case]), editor[case]
    assert {c: editor.get(c) for c in CASES} == {c: hand.get(c) for c in CASES}
    assert any("202E" in line or "invisible" in line or "direction" in line for line in editor["bidi-title"])
    assert any("glossary" in line for line in editor["unknown-category"])


def test_a_typed_line_break_cannot_start_a_header_line(written: tuple[Path, dict[str, str]]) -> None:
    _, files = written
    for lang in ("ar", "en"):
        text = files[f"{lang}/news/ed-injected.md"]
        header = text.split("\n\n", 1)[0].split("\n")
        keys = [line.split(":", 1)[0] for line in header if line and not line[0].isspace()]
        assert keys == ["Title", "Date", "Category", "Summary", "Status"], text
        assert "Status: draft" in header and "\r" not in text
        assert all(
            line.startswith("  ")
            for line in header[header.index(next(h for h in header if h.startswith("Summary"))) + 1 :][:-1]
        )


def test_the_injected_status_does_not_publish_the_draft(written: tuple[Path, dict[str, str]], tmp_path: Path) -> None:
    """Built with everything else removed: the draft stays a draft; the alt text is escaped."""
    content = Path(shutil.copytree(written[0], tmp_path / "content"))
    for path in content.glob("*/news/*-*.md"):
        if path.stem.startswith(("ed-bidi", "hand-bidi", "ed-unknown", "hand-unknown")):
            path.unlink()
    build = run_build(content, tmp_path / "site")
    assert build.returncode == 0, build.text
    for lang in ("ar", "en"):
        assert not (build.output / lang / "news" / "ed-injected").exists()
        assert (build.output / lang / "news" / "ed-script-alt" / "index.html").is_file()
    assert scan_site(build.output) == []
