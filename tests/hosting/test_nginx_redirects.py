"""Redirects (`Redirect-From:`) behind a real nginx: good but unusual old addresses (Arabic,
brackets, %-codes, `+`, `=`, `@`) pass `nginx -t` and answer 301 to the article; a hostile
value handed straight to the writers (`nginx_snippet`, `netlify_files`, `write_host_files`)
is refused, never written. The nginx tests skip when nginx is not installed, except in CI."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, unquote

import pytest
from nginxserver import BROTLI_MODULE, NGINX, Server, require_nginx, running_nginx
from sitebuild import copy_fixture, run_build

from newsroom.core.problems import Collector
from newsroom.pipeline import headers
from newsroom.pipeline.headers import (
    Redirect,
    UnsafeRedirect,
    check_redirects,
    netlify_files,
    nginx_snippet,
    write_host_files,
)

# Old address (as written in `Redirect-From:`) -> the request a browser sends for it.
GOOD: dict[str, dict[str, str]] = {
    "ar": {
        "/ar/أخبار-قديمة/": quote("/ar/أخبار-قديمة/"),
        "/ar/%D9%82%D8%AF%D9%8A%D9%85/": "/ar/%D9%82%D8%AF%D9%8A%D9%85/",  # قديم, written %-encoded
        "/ar/2019/(طريق)/": quote("/ar/2019/(طريق)/", safe="/()"),
    },
    "en": {
        "/en/old/(2019)/": "/en/old/(2019)/",
        "/en/old/%282019%29/": "/en/old/%282019%29/",  # the same address: one nginx location
        "/en/a+b/": "/en/a+b/",
        "/en/x=y/": "/en/x=y/",
        "/en/@team/": "/en/@team/",
        "/en/old/100%25-done/": "/en/old/100%25-done/",
        "/en/old/space%20name/": "/en/old/space%20name/",
        "/en/old/%22quoted%22/": "/en/old/%22quoted%22/",  # a quote once decoded: escaped in the snippet
        "/en/old/%7B%3B%7D/": "/en/old/%7B%3B%7D/",  # {;} once decoded
        "/en/old/%24uri/": "/en/old/%24uri/",  # $uri once decoded: not a variable in `location`
        "/en/~user/old.html": "/en/~user/old.html",
    },
}
NEW = {"ar": "/ar/news/road-opening/", "en": "/en/news/road-opening/"}

# Values no host file may hold: their syntax, or a file the build writes.
HOSTILE = [
    "/old/x{#",
    "/x;}",
    "/x; } location / { return 200 owned; } #",
    '/ar/قديم"/',
    "/أخبار قديمة/",
    "/قديم\u2028/",
    "/قديم\u3164/",
    "/x%E3%85%A4/",
    "/old\nx/",
    "/$uri",
    "/old\\x/",
    "//evil.example/",
    "/a/../b",
    "/a/%2E%2E/b",
    "javascript:x",
    "/old/*",
    "/old%0Ax/",
    "/old%22x/%5C",
    "/",
    "/_headers",
    "/%5Fheaders",
    "/_redirects",
    "/index.html",
    "/404.html",
    "/robots.txt",
    "/sitemap.xml",
    "/sitemap.xml.br",
    "/theme/x.css",
    "/images/x.png",
    "/pagefind/pagefind.js",
    "/ar/",
    "/en/index.html",
]
SOURCE = "content/ar/news/moved.md"


# --- the writers, without nginx -----------------------------------------------------------------
@pytest.mark.parametrize("old", HOSTILE)
def test_the_writers_refuse_a_hostile_old_address(old: str) -> None:
    redirects = [("/ar/قديم/", NEW["ar"], "content/ar/news/fine.md", 3), (old, NEW["ar"], SOURCE, 3)]
    with pytest.raises(UnsafeRedirect, match=f"{SOURCE}:3: .* — "):
        nginx_snippet(redirects)
    with pytest.raises(UnsafeRedirect, match=f"{SOURCE}:3: "):
        netlify_files(redirects)


@pytest.mark.parametrize("new", ["/ar/news/x/; return 200 owned", '/ar/"x"/', "https://evil.example/", "/", "/ar/$uri"])
def test_the_writers_refuse_a_hostile_new_address(new: str) -> None:
    with pytest.raises(UnsafeRedirect, match="the article's own address"):
        nginx_snippet([("/ar/قديم/", new)])
    with pytest.raises(UnsafeRedirect):
        netlify_files([("/ar/قديم/", new)])


def test_write_host_files_reports_and_writes_nothing(tmp_path: Path) -> None:
    site, work = tmp_path / "site", tmp_path / "work"
    (site / "ar" / "news" / "x").mkdir(parents=True)
    (site / "ar" / "news" / "x" / "index.html").write_text("<p>خبر</p>", "utf-8")
    collector = Collector()
    snippet = write_host_files(
        site, work, [("/ar/news/x/", "/ar/news/x/", SOURCE, 4), ("/x;}", "/ar/news/x/", SOURCE, 5)], collector
    )
    assert snippet is None
    found = {(p.path, p.line) for p in collector.problems}
    assert found == {(SOURCE, 4), (SOURCE, 5)}, collector.problems
    assert all(" — " in p.format() for p in collector.problems)
    assert not (site / "_headers").exists() and not (site / "_redirects").exists() and not work.exists()
    with pytest.raises(UnsafeRedirect):  # without a collector: refused all the same
        write_host_files(site, work, [("/_headers", "/ar/news/x/")])


def test_two_articles_claiming_one_old_address_are_both_named() -> None:
    one = Redirect("/ar/أخبار-قديمة/", "/ar/news/a/", "content/ar/news/a.md", 3)
    two = Redirect(
        "/ar/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1-%D9%82%D8%AF%D9%8A%D9%85%D8%A9/", "/en/news/b/", "content/en/news/b.md", 4
    )  # the same address, %-encoded
    good, problems = check_redirects([one, two, ("/ar/قديم/", "/ar/news/a/", "content/ar/news/a.md", 3)])
    assert [r.old for r in good] == ["/ar/قديم/"]
    messages = {p.redirect.source: p.message for p in problems}
    assert "content/en/news/b.md:4" in messages["content/ar/news/a.md"]
    assert "content/ar/news/a.md:3" in messages["content/en/news/b.md"]


def test_the_snippet_quotes_what_it_must() -> None:
    snippet = nginx_snippet([(old, NEW[lang]) for lang, olds in GOOD.items() for old in olds])
    assert 'location = "/ar/أخبار-قديمة/" { return 301 /ar/news/road-opening/; }' in snippet
    assert 'location = "/en/old/\\"quoted\\"/" {' in snippet
    assert 'location = "/en/old/{;}/" {' in snippet
    assert "location = /en/~user/old.html {" in snippet
    assert snippet.count('location = "/en/old/(2019)/"') == 1  # two spellings, one location
    _headers, redirects = netlify_files([("/ar/أخبار-قديمة/", NEW["ar"])])
    assert redirects.startswith(f"{quote('/ar/أخبار-قديمة/')} /ar/news/road-opening/ 301\n")


@pytest.mark.parametrize("value", ['x"; add_header X-Owned "$uri', "x\nX-Owned: 1", "x\\"])
def test_a_header_that_would_break_its_line_is_refused(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setitem(headers.HEADERS, "Referrer-Policy", value)
    with pytest.raises(UnsafeRedirect, match="Referrer-Policy"):
        nginx_snippet([])
    with pytest.raises(UnsafeRedirect, match="Referrer-Policy"):
        netlify_files([])


def nginx_test(snippet: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    """`nginx -t` of a server whose root is `folder`, with `snippet` included."""
    conf = folder / "nginx-test.conf"
    conf.write_text(
        f"load_module {BROTLI_MODULE};\npid {folder}/nginx-test.pid;\nerror_log {folder}/error-test.log;\n"
        f"events {{}}\nhttp {{\n    include /etc/nginx/mime.types;\n    server {{\n        listen 127.0.0.1:8;\n"
        f"        root {folder};\n        include {snippet};\n    }}\n}}\n",
        "utf-8",
    )
    return subprocess.run(
        [NGINX, "-t", "-c", str(conf), "-p", str(folder)], capture_output=True, text=True, check=False
    )


def test_nginx_accepts_a_snippet_of_unusual_addresses(tmp_path: Path) -> None:
    require_nginx()
    snippet = tmp_path / "snippet.conf"
    snippet.write_text(nginx_snippet([(old, NEW[lang]) for lang, olds in GOOD.items() for old in olds]), "utf-8")
    result = nginx_test(snippet, tmp_path)
    assert result.returncode == 0, result.stderr


# --- the built site, behind nginx ---------------------------------------------------------------
@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture site with every GOOD old address on its road-opening articles: (site, snippet)."""
    require_nginx()
    root = tmp_path_factory.mktemp("nginx-redirects")
    content = copy_fixture(root / "content")
    for lang, olds in GOOD.items():
        article = content / lang / "news" / "road-opening.md"
        title, rest = article.read_text("utf-8").split("\n", 1)
        article.write_text(f"{title}\nRedirect-From: {', '.join(olds)}\n{rest}", "utf-8")
    build = run_build(content, root, env={"SITEURL": ""})
    assert build.returncode == 0, build.text
    return build.output.resolve(), build.work / "deploy" / "nginx-snippet.conf"


@pytest.fixture(scope="module")
def nginx(built: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    site, snippet = built
    with running_nginx(site, snippet, tmp_path_factory.mktemp("nginx-redirects-server")) as server:
        yield server


def test_nginx_accepts_the_built_snippet(built: tuple[Path, Path], tmp_path: Path) -> None:
    _site, snippet = built
    assert "location = " in snippet.read_text("utf-8")
    result = nginx_test(snippet, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


@pytest.mark.parametrize(("lang", "old"), [(lang, old) for lang, olds in GOOD.items() for old in olds])
def test_an_unusual_old_address_answers_301(nginx: Server, lang: str, old: str) -> None:
    status, headers, _ = nginx.get(GOOD[lang][old])
    assert status == 301, (old, status)
    assert headers["location"] == f"https://127.0.0.1:{nginx.https}{NEW[lang]}"
    status, _, body = nginx.get(NEW[lang])
    assert status == 200 and b"<html" in body


@pytest.mark.parametrize(("lang", "old"), [(lang, old) for lang, olds in GOOD.items() for old in olds])
def test_the_redirect_page_is_where_a_static_host_looks(built: tuple[Path, Path], lang: str, old: str) -> None:
    """For hosts without server redirects: the page at the old address, its %-codes decoded."""
    site, _snippet = built
    rel = Path(unquote(old).lstrip("/"))
    page = site / rel if rel.suffix else site / rel / "index.html"
    assert f"url={NEW[lang]}" in page.read_text("utf-8")
