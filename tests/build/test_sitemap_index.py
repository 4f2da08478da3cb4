"""Past the protocol's 50,000 addresses a sitemap is an index of parts: shown here with parts
of five addresses on the fixture site (the rule is the same, the number smaller)."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sitebuild import build_fixture

from newsroom.pipeline.sitemap import MAX_URLS, write_sitemap

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITEURL = "https://news.example.om"


def locs(path: Path) -> list[str]:
    return [e.text or "" for e in ET.parse(path).getroot().findall("s:url/s:loc", NS)]


def test_a_long_sitemap_becomes_an_index_of_parts(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> None:
    built = build_fixture(tmp_path_factory, "sitemap-index")
    site = tmp_path / "site"
    shutil.copytree(built.output, site, symlinks=False)
    whole = write_sitemap(site, SITEURL)
    assert MAX_URLS == 50_000 and ET.parse(site / "sitemap.xml").getroot().tag.endswith("urlset")
    everything = locs(site / "sitemap.xml")
    assert whole == len(everything) > 10
    count = write_sitemap(site, SITEURL, per_file=5)
    root = ET.parse(site / "sitemap.xml").getroot()
    assert count == whole and root.tag == f"{{{NS['s']}}}sitemapindex"
    parts = [e.text or "" for e in root.findall("s:sitemap/s:loc", NS)]
    assert parts == [f"{SITEURL}/sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
    assert len(parts) == -(-whole // 5)
    found = [loc for n in range(1, len(parts) + 1) for loc in locs(site / f"sitemap-{n}.xml")]
    assert found == everything and all(len(locs(site / f"sitemap-{n}.xml")) <= 5 for n in range(1, len(parts) + 1))
    assert "Sitemap: https://news.example.om/sitemap.xml" in (site / "robots.txt").read_text("utf-8")
    # shorter again: one file, and the parts are gone
    write_sitemap(site, SITEURL)
    assert not list(site.glob("sitemap-*.xml")) and locs(site / "sitemap.xml") == everything
