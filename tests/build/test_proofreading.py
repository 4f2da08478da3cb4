"""Arabic proofreading notices in the build report (issue 17, part 3): each with the file, the
line and what to write; never an error or a warning, so even a strict build (CI) publishes;
`Proofread-Off:` silences exactly the checks it names, and a name that is no check is a header
error with did-you-mean. The real content's lead article is built once: its known slips are
each reported."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sitebuild import PROJECT, copy_fixture, run_build, write

STRICT = {"STRICT": "1"}
REL = "ar/news/proofread.md"
KEEP = "(or add 'Proofread-Off: {check}' to the header to keep it)"


def _article(off: str | None = None) -> str:
    header = ["Title: جائزة الشـرق الأوسط", "Date: 2024-05-01", "Summary: فازت البلدية بالجائزة."]
    if off is not None:
        header.append(f"Proofread-Off: {off}")
    body = ["نص الخبر عن جائزة الشـرق الأوسط.", "", "شاركت في نظم المعلومات(النظم والبرمجيات) و البلدية."]
    return "\n".join([*header, "", *body]) + "\n"


def _notice(line: int, check: str, what: str, todo: str) -> str:
    return f"{REL}:{line}: notice: {what} — {todo} {KEEP.format(check=check)}"


def _ours(stderr: str) -> list[str]:
    """The proofreading notices of the article, from its path on (the report names it in full)."""
    return [row[row.index(REL) :] for row in stderr.splitlines() if f"{REL}:" in row and "Proofread-Off" in row]


def test_notices_come_with_file_and_line_and_a_strict_build_still_publishes(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    write(content, REL, _article())
    # An English file is not proofread, even where it quotes Arabic.
    write(content, "en/news/proofread.md", "Title: Middle East award\nDate: 2024-05-01\n\nThey wrote «الشـرق».\n")
    build = run_build(content, tmp_path, env=STRICT)
    assert build.returncode == 0, build.text
    stretched = ("tatweel", "tatweel stretches the word «الشـرق»", "write «الشرق»")
    assert _ours(build.stderr) == [
        _notice(1, *stretched),  # the title
        _notice(5, *stretched),
        _notice(
            7,
            "spacing",
            "no space before the bracket in «المعلومات(النظم»",
            "write «المعلومات (النظم»",
        ),
        _notice(7, "stray-waw", "the conjunction «و» stands apart from «البلدية.»", "join it to the word: «والبلدية.»"),
    ]
    assert "0 errors, 0 warnings" in build.stderr
    assert (build.output / "ar" / "news" / "proofread" / "index.html").exists()
    assert "en/news/proofread.md:" not in build.stderr

    # `make check` again: the text comes from the reader cache, and its notices with it.
    again = run_build(content, tmp_path, "--check", env=STRICT)
    assert again.returncode == 0, again.text
    assert _ours(again.stderr) == _ours(build.stderr)
    report = json.loads((again.work / "run" / "reports" / "ar.json").read_text("utf-8"))
    assert report["stages"]["reader"]["converted"] == 0


def test_proofread_off_silences_exactly_the_named_checks(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    write(content, REL, _article(off="tatweel"))
    build = run_build(content, tmp_path, env=STRICT)
    assert build.returncode == 0, build.text
    found = _ours(build.stderr)
    assert not [row for row in found if "tatweel" in row], found
    assert [row.split(": notice: ")[0] for row in found] == [f"{REL}:8", f"{REL}:8"]  # spacing, stray-waw
    assert any("'Proofread-Off: spacing'" in row for row in found)
    assert any("'Proofread-Off: stray-waw'" in row for row in found)

    write(content, REL, _article(off="Tatweel, spacing، stray-waw"))
    quiet = run_build(content, tmp_path, env=STRICT)
    assert quiet.returncode == 0, quiet.text
    assert _ours(quiet.stderr) == []


def test_an_unknown_check_name_is_a_header_error_with_did_you_mean(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    write(content, REL, _article(off="tatweal, spacing"))
    build = run_build(content, tmp_path)
    assert build.returncode != 0
    assert (
        f"{REL}:4: error: 'Proofread-Off:' names 'tatweal', which is not a proofreading check — "
        "did you mean 'tatweel'? the checks are tatweel, spacing, latin-punctuation, double-space, "
        "mixed-spelling, hamza, stray-waw, or all (docs/proofreading.md)"
    ) in build.stderr
    assert not (build.output / "ar" / "news" / "proofread").exists()


def test_the_lead_articles_known_slips_are_each_reported(tmp_path: Path) -> None:
    """content/ as the team wrote it: the notices never stop it, and each slip is named."""
    content = tmp_path / "content"
    shutil.copytree(PROJECT / "content", content)
    build = run_build(content, tmp_path, env=STRICT)
    assert build.returncode == 0, build.text
    seed = "ar/news/arab-city-day.md"
    for line, check, what in [
        (22, "tatweel", "tatweel stretches the word «الشـرق» (2 times on this line) — write «الشرق»"),
        (
            24,
            "mixed-spelling",
            "«الالكترونية» (lines 16, 20) and «الإلكترونية» (line 24) are one word spelt two ways in this "
            "article — choose one spelling and use it throughout",
        ),
        (16, "hamza", "«والإبتكار» has a hamza (إ) on an alef that is hamzat al-wasl — write «والابتكار»"),
        (22, "spacing", "no space before the bracket in «المعلومات(النظم» — write «المعلومات (النظم»"),
        (
            14,
            "stray-waw",
            "«و» in «تخدم والبلدية» joins nothing: the verb «تخدم» comes right before it — write «تخدم البلدية», "
            "unless a word is missing before «و»",
        ),
    ]:
        assert f"{seed}:{line}: notice: {what} {KEEP.format(check=check)}" in build.stderr, build.stderr
    # The published wording is kept: the page is there, with the article's text as written.
    assert "الشـرق" in (build.output / "ar" / "news" / "arab-city-day" / "index.html").read_text("utf-8")
