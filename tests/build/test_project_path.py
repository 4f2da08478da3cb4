"""A site under a project path (GitHub Pages: https://org.github.io/news/): every address the
site writes stays under that path, links the authors write from the root included."""

from __future__ import annotations

import re
from pathlib import Path

from sitebuild import copy_fixture, run_build, write

SITEURL = "https://org.github.io/news"
ATTRIBUTE = re.compile(r'\s(?:href|src|srcset|action|content|data-[a-z-]+)="([^"]*)"')


def test_every_address_stays_under_the_project_path(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    write(
        content,
        "ar/news/links.md",
        "Title: روابط داخلية\nDate: 2024-01-01\n\n"
        "انظر [الخبر](/ar/news/road-opening/) و[الصفحة](/ar/about/) و[الخلاصة](/ar/feed.atom).\n\n"
        "![صورة الكورنيش](/images/corniche.jpg)\n",
    )
    build = run_build(content, tmp_path, env={"SITEURL": SITEURL, "GH_PAGES": "1"})
    assert build.returncode == 0, build.text  # the link check finds every page under the path
    page = build.page("ar/news/links/index.html")
    assert f'href="{SITEURL}/ar/news/road-opening/"' in page and f'href="{SITEURL}/ar/about/"' in page
    leaving: list[str] = []
    for path in build.output.rglob("*"):
        if path.suffix not in {".html", ".xml", ".atom"} or not path.is_file():
            continue
        for value in ATTRIBUTE.findall(path.read_text("utf-8")):
            for address in (part.strip().split(" ")[0] for part in value.split(",")):
                if address.startswith("/") and not address.startswith("//"):
                    leaving.append(f"{path.relative_to(build.output)}: {address}")
                elif address.startswith("https://org.github.io") and not address.startswith(SITEURL + "/"):
                    leaving.append(f"{path.relative_to(build.output)}: {address}")
        for loc in re.findall(r"<loc>([^<]+)</loc>", path.read_text("utf-8")):
            assert loc.startswith(SITEURL + "/"), loc
    assert not leaving, "\n".join(sorted(set(leaving))[:30])


def test_without_a_path_the_authors_links_are_as_written(tmp_path: Path) -> None:
    content = copy_fixture(tmp_path / "content")
    write(content, "ar/news/links.md", "Title: روابط\nDate: 2024-01-01\n\nانظر [الخبر](/ar/news/road-opening/).\n")
    build = run_build(content, tmp_path)
    assert build.returncode == 0, build.text
    assert 'href="/ar/news/road-opening/"' in build.page("ar/news/links/index.html")
