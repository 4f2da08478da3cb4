"""The built site behind a real nginx (Debian) on 127.0.0.1, over HTTPS, with the generated
snippet: every page answers, the policy headers are there, Brotli is served, hashed assets are
immutable, HTTP redirects to HTTPS, and a Mozilla-Observatory-style score is at least 100."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers import html_files
from nginxserver import Server, require_nginx, running_nginx
from sitebuild import copy_fixture, run_build


@pytest.fixture(scope="module")
def nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    require_nginx()
    root = tmp_path_factory.mktemp("nginx")
    build = run_build(copy_fixture(root / "content"), root, env={"SITEURL": ""})
    assert build.returncode == 0, build.text
    with running_nginx(build.output.resolve(), build.work / "deploy" / "nginx-snippet.conf", root / "server") as server:
        yield server


def test_every_page_answers(nginx: Server) -> None:
    pages = [p for p in html_files(nginx.root) if p.name != "404.html"]
    assert len(pages) > 30
    for page in pages:
        rel = page.relative_to(nginx.root).as_posix()
        url = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        status, headers, _ = nginx.get(url)
        assert status == 200, url
        for name in (
            "content-security-policy",
            "strict-transport-security",
            "x-content-type-options",
            "referrer-policy",
            "cache-control",
        ):
            assert name in headers, (url, name)


def test_brotli_and_gzip_are_served_precompressed(nginx: Server) -> None:
    status, headers, body = nginx.get("/ar/news/arab-city-day/", {"Accept-Encoding": "br"})
    assert status == 200 and headers.get("content-encoding") == "br"
    assert (nginx.root / "ar/news/arab-city-day/index.html.br").read_bytes() == body
    status, headers, _ = nginx.get("/ar/news/arab-city-day/", {"Accept-Encoding": "gzip"})
    assert headers.get("content-encoding") == "gzip"


def test_hashed_assets_are_immutable_and_html_is_short_lived(nginx: Server) -> None:
    (css,) = (nginx.root / "theme/css").glob("site.*.css")
    _, headers, _ = nginx.get("/theme/css/" + css.name)
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert headers["content-type"].startswith("text/css")
    _, headers, _ = nginx.get("/en/")
    assert "max-age=300" in headers["cache-control"]


def test_http_redirects_to_https(nginx: Server) -> None:
    status, headers, _ = nginx.get("/ar/news/arab-city-day/", tls=False)
    assert status == 301
    assert headers["location"] == f"https://127.0.0.1:{nginx.https}/ar/news/arab-city-day/"


@pytest.mark.parametrize(
    ("path", "words"), [("/ar/no-such-page/", "الصفحة غير موجودة"), ("/en/no-such-page/", "Page not found")]
)
def test_each_language_has_its_404(nginx: Server, path: str, words: str) -> None:
    status, _, body = nginx.get(path)
    assert status == 404 and words in body.decode("utf-8")


def observatory_score(headers: dict[str, str], redirects_to_https: bool) -> tuple[int, list[str]]:
    """The Mozilla Observatory's published scoring (developer.mozilla.org/en-US/observatory/docs/
    tests_and_scoring): start at 100, apply each test's modifier."""
    score, notes = 100, []

    def modify(points: int, why: str) -> None:
        nonlocal score
        score += points
        notes.append(f"{points:+d} {why}")

    csp = {d.split()[0]: d.split()[1:] for d in headers.get("content-security-policy", "").split(";") if d.strip()}
    unsafe = any("'unsafe-inline'" in v or "'unsafe-eval'" in v for v in csp.values())
    if not csp:
        modify(-25, "no Content-Security-Policy")
    elif unsafe:
        modify(-20, "CSP allows unsafe-inline or unsafe-eval")
    elif csp.get("default-src") == ["'none'"]:
        modify(10, "CSP with default-src 'none' and nothing unsafe")
    max_age = next(
        (
            int(p.split("=")[1])
            for p in headers.get("strict-transport-security", "").split(";")
            if p.strip().startswith("max-age")
        ),
        0,
    )
    if max_age == 0:
        modify(-20, "no HSTS")
    elif max_age < 15768000:
        modify(-10, "HSTS shorter than six months")
    if headers.get("x-content-type-options", "").lower() != "nosniff":
        modify(-5, "no X-Content-Type-Options: nosniff")
    if csp.get("frame-ancestors"):
        modify(5, "framing controlled by CSP frame-ancestors")
    elif headers.get("x-frame-options", "").upper() not in ("DENY", "SAMEORIGIN"):
        modify(-20, "no X-Frame-Options")
    referrer = headers.get("referrer-policy", "").lower()
    if referrer in ("no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"):
        modify(5, "private Referrer-Policy")
    elif referrer in ("unsafe-url", "no-referrer-when-downgrade"):
        modify(-5, "unsafe Referrer-Policy")
    if not redirects_to_https:
        modify(-20, "HTTP does not redirect to HTTPS")
    if "set-cookie" in headers:
        modify(-10, "cookies (none expected)")
    return score, notes


@pytest.mark.parametrize("path", ["/ar/", "/en/news/arab-city-day/", "/ar/search/"])
def test_observatory_score_is_at_least_100(nginx: Server, path: str) -> None:
    _, headers, _ = nginx.get(path)
    status, redirect, _ = nginx.get(path, tls=False)
    score, notes = observatory_score(headers, status == 301 and redirect["location"].startswith("https://"))
    print(f"\n{path}: score {score}: " + "; ".join(notes))
    assert score >= 100, notes


@pytest.mark.parametrize("path", ["/ar/", "/en/news/arab-city-day/", "/theme/css/", "/ar/404.html"])
def test_every_policy_header_has_its_value(nginx: Server, path: str) -> None:
    """Not only there: each security header carries exactly the policy the build wrote."""
    from newsroom.pipeline.headers import HEADERS  # noqa: PLC0415

    if path == "/theme/css/":
        (css,) = (nginx.root / "theme/css").glob("site.*.css")
        path += css.name
    _, headers, _ = nginx.get(path)
    for name, value in HEADERS.items():
        assert headers.get(name.lower()) == value, f"{path}: {name}"
    assert "'unsafe-inline'" not in headers["content-security-policy"]
