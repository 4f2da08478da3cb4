"""Lighthouse (npm lighthouse, pinned in package.json) on every page type in both languages:
the production build (absolute https:// addresses) behind the project's own nginx snippet over
HTTPS, Debian's Chromium, mobile with simulated throttling. One node process runs all the pages
(tests/js/lighthouse.mjs). Budgets: performance 98, accessibility 100, best practices 100,
SEO 100 (the search page and the "page not found" page are noindex on purpose: there only the
crawlability audit may fail), cumulative layout shift 0.02. Scores: test-artifacts/lighthouse.json
and docs/performance.md ("Lighthouse").

Performance is the one figure the machine's load moves (total blocking time is measured on a
shared CPU): a page below its performance budget, or whose run failed, is measured once more and
the better run counts.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from nginxserver import PAGE_TYPES as PAGES
from nginxserver import production_site, require_nginx
from sitebuild import PROJECT, copy_fixture

from tools.weight import CHROMIUM

RUNNER = PROJECT / "tests" / "js" / "lighthouse.mjs"
LIGHTHOUSE = PROJECT / "node_modules" / "lighthouse" / "package.json"
ARTIFACT = PROJECT / "test-artifacts" / "lighthouse.json"
NOINDEX = {"search", "404"}
BUDGET = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
MAX_CLS = 0.02
CASES = [(lang, kind) for lang in ("ar", "en") for kind in PAGES]


def _require_lighthouse() -> str:
    node = shutil.which("node")
    missing = (
        "node (apt-get install npm)"
        if not node
        else "node_modules/lighthouse (make test runs npm ci)"
        if not LIGHTHOUSE.exists()
        else f"a browser at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)"
        if not Path(CHROMIUM).exists()
        else ""
    )
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the Lighthouse test must run in CI: no {missing}")
        pytest.skip(f"no {missing}")
    assert node
    return node


def _lighthouse(node: str, urls: list[str]) -> dict[str, Any]:
    result = subprocess.run(
        [node, str(RUNNER), CHROMIUM, "mobile", *urls],
        capture_output=True,
        text=True,
        timeout=60 * len(urls) + 60,
        check=False,
        cwd=PROJECT,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def _performance(report: dict[str, Any]) -> int:
    """The performance score; -1 when the run failed (Lighthouse's runtime error, the page not
    measured), which is then retried like a slow run."""
    return -1 if report["runtimeError"] else report["scores"]["performance"] or 0


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[tuple[str, str], dict[str, Any]]]:
    node = _require_lighthouse()
    require_nginx()
    root = tmp_path_factory.mktemp("lighthouse")
    with production_site(copy_fixture(root / "content"), root) as base:
        urls = {f"{base}/{lang}/{PAGES[kind]}": (lang, kind) for lang, kind in CASES}
        found = _lighthouse(node, list(urls))
        again = [url for url, r in found.items() if _performance(r) < BUDGET["performance"]]
        if again:
            for url, second in _lighthouse(node, again).items():
                if _performance(second) > _performance(found[url]):
                    found[url] = {**second, "first_performance": _performance(found[url])}
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(json.dumps({urls[u][0] + " " + urls[u][1]: r for u, r in found.items()}, indent=1), "utf-8")
    yield {urls[url]: report for url, report in found.items()}


@pytest.mark.parametrize(("lang", "kind"), CASES)
def test_lighthouse_budgets(reports: dict[tuple[str, str], dict[str, Any]], lang: str, kind: str) -> None:
    report = reports[(lang, kind)]
    assert report["runtimeError"] is None, report["runtimeError"]
    scores = report["scores"]
    print(f"\n{lang} {kind}: {scores}, CLS {report['cls']:.3f}")
    below = {
        name: scores[name]
        for name, budget in BUDGET.items()
        if scores[name] < budget and not (name == "seo" and kind in NOINDEX)
    }
    assert not below, f"below budget: {below}; failing audits: {report['failing']}"
    if kind in NOINDEX:
        seo_failing = [a for a in report["failing"] if a.startswith("seo:")]
        assert seo_failing == ["seo:is-crawlable=0"], seo_failing
    assert report["cls"] <= MAX_CLS, report["shifts"]
