"""The web editor behind a real nginx (Debian) on 127.0.0.1 with the generated snippet: /admin/
and its files get the editor's own policy (and are never indexed), the rest of the site keeps
the site's policy exactly."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from nginxserver import Server, require_nginx, running_nginx
from sitebuild import PROJECT, copy_fixture, run_build

from newsroom.pipeline.admin import bundle_missing
from newsroom.pipeline.headers import ADMIN_CSP, ADMIN_HEADERS, CSP, HEADERS


def editor_settings(folder: Path) -> Path:
    path = folder / "site.conf.py"
    path.write_text(
        "import runpy\n"
        f"_BASE = runpy.run_path({str(PROJECT / 'pelican.conf.py')!r})\n"
        "globals().update({k: v for k, v in _BASE.items() if k.isupper()})\n"
        "EDITOR = {'REPO': 'city-comms/news-site', 'BRANCH': 'main', 'AUTH_URL': ''}\n",
        "utf-8",
    )
    return path


@pytest.fixture(scope="module")
def nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    require_nginx()
    missing = bundle_missing()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the web editor's hosting test must run in CI: {missing}")
        pytest.skip(missing)
    root = tmp_path_factory.mktemp("nginx-admin")
    settings = editor_settings(root)
    build = run_build(copy_fixture(root / "content"), root, "--settings", str(settings), env={"SITEURL": ""})
    assert build.returncode == 0, build.text
    with running_nginx(build.output.resolve(), build.work / "deploy" / "nginx-snippet.conf", root / "server") as server:
        yield server


@pytest.mark.parametrize(
    "path", ["/admin/", "/admin/index.html", "/admin/editor.json", "/admin/locale-ar.js", "/admin/decap/decap-cms.js"]
)
def test_admin_gets_the_editors_policy(nginx: Server, path: str) -> None:
    status, headers, _ = nginx.get(path)
    assert status == 200, path
    for name, value in ADMIN_HEADERS.items():
        assert headers.get(name.lower()) == value, f"{path}: {name}"
    assert headers["content-security-policy"] == ADMIN_CSP  # one policy, not the site's too
    for name, value in HEADERS.items():  # the site's other headers are kept
        if name not in ADMIN_HEADERS:
            assert headers.get(name.lower()) == value, f"{path}: {name}"


def test_admin_without_slash_leads_to_the_editor(nginx: Server) -> None:
    status, headers, _ = nginx.get("/admin")
    assert status == 301 and headers["location"].endswith("/admin/")


@pytest.mark.parametrize("path", ["/", "/ar/", "/en/news/arab-city-day/", "/robots.txt", "/ar/admin-like/"])
def test_the_site_keeps_its_policy(nginx: Server, path: str) -> None:
    status, headers, _ = nginx.get(path)
    assert status in (200, 404), path
    assert headers["content-security-policy"] == CSP, path
    assert "x-robots-tag" not in headers and headers["cross-origin-opener-policy"] == "same-origin", path


def test_robots_asks_crawlers_to_leave_admin_alone(nginx: Server) -> None:
    _, _, body = nginx.get("/robots.txt")
    assert "Disallow: /admin/" in body.decode("utf-8")
