"""The steps of the preview's builds (newsroom/pipeline/reload.py): what each one wrote anew,
as addresses an open page compares with its own."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest

from newsroom.pipeline.reload import EVERYTHING, KEPT, NAMED, STAMP, address_of, write_step

CLOCK = "2026-06-01T12:00:00+04:00"


@pytest.mark.parametrize(
    ("path", "address"),
    [
        ("ar/news/road-opening/index.html", "/ar/news/road-opening/"),
        ("ar/index.html", "/ar/"),
        ("index.html", "/"),
        ("en/feeds/all.atom.xml", "/en/feeds/all.atom.xml"),
        ("ar/أخبار/افتتاح الطريق/index.html", "/ar/أخبار/افتتاح الطريق/"),
    ],
)
def test_a_page_is_named_by_the_address_a_reader_has_open(path: str, address: str) -> None:
    named = address_of(path)
    assert " " not in named and unquote(named) == address


def steps(site: Path) -> list[list[str]]:
    return [line.split(" ") for line in (site / STAMP).read_text("utf-8").splitlines()[1:]]


def test_each_step_is_a_line_after_a_first_line_new_at_every_build(tmp_path: Path) -> None:
    write_step(tmp_path, CLOCK, ["ar/news/road-opening/index.html"])
    first = (tmp_path / STAMP).read_text("utf-8").splitlines()[0]
    write_step(tmp_path, CLOCK, ["ar/index.html", "ar/category/projects/index.html", "ar/index.html"])
    assert (tmp_path / STAMP).read_text("utf-8").splitlines()[0] != first
    (one, two) = steps(tmp_path)
    assert one[1:] == ["/ar/news/road-opening/"]
    assert two[1:] == ["/ar/", "/ar/category/projects/"]  # each once
    assert int(one[0]) <= int(two[0])


def test_every_page_when_a_step_names_too_many(tmp_path: Path) -> None:
    write_step(tmp_path, CLOCK, [f"ar/news/khabar-{n}/index.html" for n in range(NAMED + 1)])
    write_step(tmp_path, CLOCK, ["ar/index.html", EVERYTHING])
    assert [step[1:] for step in steps(tmp_path)] == [[EVERYTHING], [EVERYTHING]]


def test_only_the_last_steps_are_kept_and_a_damaged_file_is_replaced(tmp_path: Path) -> None:
    for n in range(KEPT + 5):
        write_step(tmp_path, CLOCK, [f"ar/news/khabar-{n}/index.html"])
    kept = steps(tmp_path)
    assert len(kept) == KEPT and kept[-1][1:] == [f"/ar/news/khabar-{KEPT + 4}/"]
    (tmp_path / STAMP).write_bytes(b"\xff\xfe not text")
    write_step(tmp_path, CLOCK, ["ar/index.html"])
    assert [step[1:] for step in steps(tmp_path)] == [["/ar/"]]
