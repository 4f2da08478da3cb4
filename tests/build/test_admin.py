"""The web editor in the production build: with `EDITOR` naming a repository, `make html` writes
/admin/ (GitHub backend, editorial workflow) with its own security policy in the host files, out
of the sitemap, search and robots' reach; no public page loads it. Without the setting nothing
changes; without the npm package the build says so (a warning: CI stops, `make html` goes on)."""

from __future__ import annotations

import copy
import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
from helpers import html_files
from sitebuild import PROJECT, Build, copy_fixture, run_build

from newsroom.core.contract import FOLDERS
from newsroom.core.problems import Collector, Severity
from newsroom.pipeline import admin
from newsroom.pipeline.headers import ADMIN_CSP, CSP, netlify_files, nginx_snippet
from newsroom.pipeline.sitemap import write_sitemap

SITEURL = "https://news.example.org"
REPO = "city-comms/news-site"
AUTH = "https://auth.example.org"


def editor_settings(folder: Path, editor: dict[str, str]) -> Path:
    """The project's settings with an EDITOR setting (a file of its own, as a site would have)."""
    path = folder / "site.conf.py"
    path.write_text(
        "import runpy\n"
        f"_BASE = runpy.run_path({str(PROJECT / 'pelican.conf.py')!r})\n"
        "globals().update({k: v for k, v in _BASE.items() if k.isupper()})\n"
        f"EDITOR = {editor!r}\n",
        "utf-8",
    )
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    missing = admin.bundle_missing()
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the web editor's build tests must run in CI: {missing}")
        pytest.skip(missing)
    root = tmp_path_factory.mktemp("admin")
    settings = editor_settings(root, {"REPO": REPO, "BRANCH": "main", "AUTH_URL": AUTH})
    build = run_build(copy_fixture(root / "content"), root, "--settings", str(settings), env={"SITEURL": SITEURL})
    assert build.returncode == 0, build.text
    assert f"editor: /admin/ for {REPO}" in build.stdout, build.text
    return build


def rules(headers: str) -> dict[str, list[str]]:
    """`_headers` as {path: its indented lines}."""
    found: dict[str, list[str]] = {}
    current = ""
    for line in headers.splitlines():
        if line and not line[0].isspace():
            current = line.strip()
            found[current] = []
        elif line.strip():
            found[current].append(line.strip())
    return found


def test_admin_page_is_written_and_never_indexed(built: Build) -> None:
    page = built.page("admin/index.html")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    assert "data-pagefind-body" not in page
    assert "<script>" not in page and "style=" not in page  # no inline code under its policy either
    for name in ("newsroom-init.js", "locale-ar.js", "newsroom-cms.js", "admin.css", "decap/decap-cms.js"):
        assert (built.output / "admin" / name).is_file(), name
    # Decap's Arabic is registered after the bundle and before newsroom-cms.js starts Decap.
    scripts = re.findall(r'<script src="([^"]+)"></script>', page)
    assert scripts == ["newsroom-init.js", "decap/decap-cms.js", "locale-ar.js", "newsroom-cms.js"], scripts


def apply(config: dict[str, Any], changes: list[list[Any]]) -> dict[str, Any]:
    """newsroom-cms.js's way of wording the configuration for an interface language."""
    config = copy.deepcopy(config)
    for path, value in changes:
        node: Any = config
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
    return config


def test_config_is_worded_for_each_interface_language(built: Build) -> None:
    """One table (admin.TEXT) gives the labels, hints and options in both interfaces: Arabic
    ones in the Arabic interface, both languages in the English one's labels."""
    data = json.loads(built.page("admin/editor.json"))
    ui = data["ui"]
    assert ui["setting"] == "auto" and ui["languages"] == ["ar", "en"]
    assert ui["names"] == {"ar": "العربية", "en": "English"} and ui["config"]["en"] == []
    english, arabic = data["config"], apply(data["config"], ui["config"]["ar"])
    assert arabic["collections"] == [
        admin.collection(folder, kind, "content", "Asia/Muscat", "ar") for folder, kind in FOLDERS.items()
    ]
    latin = re.compile(r"[A-Za-z]")
    for en_collection, ar_collection in zip(english["collections"], arabic["collections"], strict=True):
        assert not latin.search(ar_collection["label"] + ar_collection["label_singular"]), ar_collection["label"]
        for en_field, ar_field in zip(en_collection["fields"], ar_collection["fields"], strict=True):
            assert en_field["name"] == ar_field["name"] and en_field["widget"] == ar_field["widget"]
            assert not latin.search(ar_field["label"]), ar_field["label"]
            arabic_part = en_field["label"].split(" · ")[1]  # "Title · العنوان"
            assert arabic_part == ar_field["label"], en_field["label"]
            if "hint" in ar_field:
                assert re.search("[\u0600-\u06ff]", ar_field["hint"]) and ar_field["hint"] != en_field["hint"]
    news = {f["name"]: f for f in arabic["collections"][0]["fields"]}
    assert news["title"]["label"] == "العنوان" and news["address"]["label"] == "الرابط بالإنجليزية"
    assert news["status"]["options"] == [{"label": "مسودة", "value": "draft"}, {"label": "منشور", "value": "published"}]
    assert ui["messages"]["ar"]["alt"] == "صِف الصورة لمن لا يراها"


def test_config_names_the_repository_with_the_editorial_workflow(built: Build) -> None:
    data = json.loads(built.page("admin/editor.json"))
    config = data["config"]
    assert config["backend"] == {"name": "newsroom-github", "repo": REPO, "branch": "main", "base_url": AUTH}
    assert config["publish_mode"] == "editorial_workflow"
    assert config["media_folder"] == "content/images"
    assert {c["folder"] for c in config["collections"]} >= {"content/news", "content/awards", "content/pages"}
    stylesheet = data["previewStyle"]
    assert re.fullmatch(r"/theme/css/site\.[0-9a-f]{10}\.css", stylesheet) and (built.output / stylesheet[1:]).is_file()


def test_no_public_page_loads_the_editor(built: Build) -> None:
    public = [p for p in html_files(built.output) if "admin" not in p.relative_to(built.output).parts]
    assert len(public) > 30
    for page in public:
        text = page.read_text("utf-8")
        for word in ("decap", "newsroom-cms", "/admin/", "editor.json"):
            assert word not in text, (page, word)


def test_robots_sitemap_and_search_leave_it_out(built: Build) -> None:
    robots = built.page("robots.txt")
    assert robots.splitlines()[:3] == ["User-agent: *", "Disallow: /admin/", "Allow: /"]
    sitemap = built.page("sitemap.xml")
    assert "<loc>" in sitemap and "/admin" not in sitemap
    index = built.output / "pagefind"
    assert not any("admin" in p.name for p in index.rglob("*")), "search indexes nothing of /admin/"


def test_host_files_give_admin_its_own_policy_and_only_there(built: Build) -> None:
    found = rules(built.page("_headers"))
    assert f"Content-Security-Policy: {CSP}" in found["/*"]
    editor = found["/admin/*"]
    # Cloudflare Pages joins the values of matching rules: the site's policy is detached first.
    assert editor.index("! Content-Security-Policy") < editor.index(f"Content-Security-Policy: {ADMIN_CSP}")
    assert "X-Robots-Tag: noindex, nofollow" in editor
    assert sum(ADMIN_CSP in line for lines in found.values() for line in lines) == 1

    snippet = (built.work / "deploy" / "nginx-snippet.conf").read_text("utf-8")
    blocks = re.findall(r"^location (.+?) \{\n(.*?)^\}", snippet, re.M | re.S)
    policies = {where: re.findall(r'add_header Content-Security-Policy "([^"]*)"', body) for where, body in blocks}
    assert policies.pop("^~ /admin/") == [ADMIN_CSP]
    assert policies and all(found == [CSP] for found in policies.values()), policies


def test_without_the_setting_nothing_changes(tmp_path: Path) -> None:
    """The default settings name no repository: no rule, no Disallow (unit: the writers)."""
    assert (
        admin.publish_admin(
            tmp_path, tmp_path, tmp_path / "pelican.conf.py", {"EDITOR": {"REPO": ""}}, Collector(tmp_path)
        )
        == ""
    )
    assert not (tmp_path / "admin").exists()
    write_sitemap(tmp_path, SITEURL)
    assert "admin" not in (tmp_path / "robots.txt").read_text("utf-8")
    headers, _ = netlify_files([])
    assert "/admin/" not in headers and ADMIN_CSP not in headers
    assert "/admin/" not in nginx_snippet([]) and ADMIN_CSP not in nginx_snippet([])
    from newsroom.core.settings import load_settings  # noqa: PLC0415

    assert load_settings(PROJECT / "pelican.conf.py", "ar")["EDITOR"]["REPO"] == ""


def test_missing_bundle_is_one_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`make html` goes on without /admin/; STRICT=1 (CI, make publish) stops on the warning."""
    monkeypatch.setattr(admin, "DECAP_DIST", tmp_path / "node_modules" / "decap-cms" / "dist")
    collector = Collector(tmp_path)
    settings = tmp_path / "pelican.conf.py"
    done = admin.publish_admin(tmp_path, tmp_path, settings, {"EDITOR": {"REPO": REPO}}, collector)
    assert done == "not written (npm package missing)" and not (tmp_path / "admin").exists()
    (problem,) = collector.problems
    assert problem.severity == Severity.WARNING
    line = problem.format()
    assert line.startswith("pelican.conf.py: warning: EDITOR names the repository city-comms/news-site"), line
    assert "npm ci" in line and "\n" not in line
    assert not collector.fails(strict=False) and collector.fails(strict=True)


@pytest.mark.parametrize(
    ("editor", "words"),
    [
        ({"REPO": "news-site"}, "EDITOR['REPO'] is 'news-site', not a GitHub repository written as owner/name"),
        ({"REPO": REPO, "AUTH_URL": "http://auth.example.org"}, "EDITOR['AUTH_URL'] is 'http://auth.example.org'"),
        ({"REPO": REPO, "BRANCH": "main\nx"}, "EDITOR['BRANCH'] is 'main\\nx', not a branch name"),
        ({"REPO": REPO, "UI_LOCALE": "fr"}, "EDITOR['UI_LOCALE'] is 'fr', not one of 'auto', 'ar', 'en'"),
    ],
)
def test_a_wrong_setting_is_an_error_on_the_settings_file(tmp_path: Path, editor: dict[str, str], words: str) -> None:
    collector = Collector(tmp_path)
    admin.publish_admin(tmp_path, tmp_path, tmp_path / "pelican.conf.py", {"EDITOR": editor}, collector)
    (problem,) = collector.problems
    assert problem.severity == Severity.ERROR and not (tmp_path / "admin").exists()
    assert problem.format().startswith(f"pelican.conf.py: error: {words}"), problem.format()
    assert "correct the EDITOR setting" in problem.format()
