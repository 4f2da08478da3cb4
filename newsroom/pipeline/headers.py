"""One security and caching policy, written for every kind of host.

`_headers` (Netlify, Cloudflare Pages), an nginx snippet, and for GitHub Pages (no custom
headers) the Content-Security-Policy as a <meta>. The policy forbids inline code
everywhere; only Pagefind's WebAssembly needs `'wasm-unsafe-eval'`.

The redirects (`Redirect-From:`) are content: before any of them reaches `_redirects`, the
nginx snippet or a redirect page, `check_redirects` makes sure both addresses are paths of
safe characters (`check_site_path`) and that the old one is not a file the build writes.
The writers check again and refuse (`UnsafeRedirect`) rather than write a bad value, and
quote what they write.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from newsroom.core import languages
from newsroom.core.problems import Collector
from newsroom.core.slugs import find_invisible
from newsroom.core.urls import check_site_path

__all__ = [
    "ADMIN_CSP",
    "ADMIN_HEADERS",
    "ADMIN_PATH",
    "CSP",
    "CSP_META",
    "HEADERS",
    "Redirect",
    "UnsafeRedirect",
    "admin_rule",
    "cache_control",
    "check_redirects",
    "netlify_files",
    "nginx_snippet",
    "redirect_file",
    "report_redirect_problems",
    "write_host_files",
]

CSP_DIRECTIVES = [
    "default-src 'none'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self'",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "upgrade-insecure-requests",
]
CSP = "; ".join(CSP_DIRECTIVES)
# In a <meta>, frame-ancestors is ignored (and reported): leave it out there.
CSP_META = "; ".join(d for d in CSP_DIRECTIVES if not d.startswith("frame-ancestors"))

# The web editor at /admin/ (Decap CMS, editor/ and newsroom/pipeline/admin.py) has its own
# policy, looser than the site's in what the editor needs and nothing else; no public page
# loads its scripts. Why each source:
# - style-src 'unsafe-inline': Decap's interface is styled by CSS-in-JS (emotion), which
#   inserts <style> elements; scripts stay without 'unsafe-inline'.
# - img-src blob: data:: pictures chosen for upload are shown before they are saved.
# - connect-src https://api.github.com: the GitHub backend (reading files, pull requests);
#   blob:: Decap keeps an unsaved entry's pictures in the browser as blob: addresses.
# - frame-src 'self': the preview pane is an iframe of this page.
# - script-src 'unsafe-eval': Decap checks its configuration with Ajv, which compiles the
#   schema with `new Function` (found by running the editor under this policy); still no
#   inline scripts and no script from another origin. 'wasm-unsafe-eval': Decap's WebAssembly.
ADMIN_CSP_DIRECTIVES = [
    "default-src 'none'",
    "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self' blob: https://api.github.com",
    "frame-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
]
ADMIN_CSP = "; ".join(ADMIN_CSP_DIRECTIVES)
# What /admin/ answers differ in: its policy, never indexed, and the sign-in window. GitHub
# sign-in opens the OAuth service (EDITOR's AUTH_URL) in a pop-up that hands the token back to
# its opener; the site's `Cross-Origin-Opener-Policy: same-origin` would cut that link, so the
# editor's page allows the pop-ups it opens (and nothing else).
ADMIN_HEADERS = {
    "Content-Security-Policy": ADMIN_CSP,
    "X-Robots-Tag": "noindex, nofollow",
    "Cross-Origin-Opener-Policy": "same-origin-allow-popups",
}
ADMIN_PATH = "/admin/"  # where the build writes the editor (newsroom/pipeline/admin.py)

HEADERS = {
    "Content-Security-Policy": CSP,
    "Strict-Transport-Security": "max-age=63072000; includeSubDomains; preload",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
IMMUTABLE = "public, max-age=31536000, immutable"
HTML_CACHE = "public, max-age=300, must-revalidate"
OTHER_CACHE = "public, max-age=3600"


def cache_control(path: str) -> str:
    """The Cache-Control for a path of the site ("/theme/css/site.0123456789.css")."""
    from .assets import HASH_IN_NAME  # noqa: PLC0415

    if path.startswith("/theme/") and HASH_IN_NAME.search(path):
        return IMMUTABLE
    if path.endswith((".html", "/")) or path.endswith((".xml", ".atom", ".txt")):
        return HTML_CACHE
    return OTHER_CACHE


# -- Redirects ---------------------------------------------------------------------------------

# What the build writes at the root of the site: no old address may be one of these, or under one.
BUILD_FILES = frozenset(
    {"_headers", "_redirects", "index.html", "404.html", "robots.txt", "sitemap.xml", "__build.txt"}
)
BUILD_FOLDERS = frozenset({"theme", "images", "pagefind", "status"})
COMPRESSED = (".br", ".gz")  # the copies the build writes beside each text file
_NGINX_PLAIN = re.compile(r"[A-Za-z0-9/._~-]+")
# As a browser sends them: every character check_site_path allows (its %XX kept), the rest encoded.
_URI_SAFE = "/-._~()+,=@!*%"
_MAX_NAME_BYTES = 255  # a file name on Linux
EXAMPLE = "/ar/2019/old-name/"


class UnsafeRedirect(ValueError):
    """A redirect a host file may not hold: refused rather than written."""


@dataclass(frozen=True)
class Redirect:
    """An old address (`Redirect-From:`) that leads to an article's address."""

    old: str
    new: str
    source: str = ""  # the Markdown file that asks for it
    line: int | None = None  # its `Redirect-From:` line

    @classmethod
    def of(cls, item: Redirect | Sequence[Any]) -> Redirect:
        """From a language report: `[old, new]` or `[old, new, source, line]`."""
        if isinstance(item, Redirect):
            return item
        old, new, *rest = item
        source = str(rest[0]) if rest and rest[0] else ""
        line = int(rest[1]) if len(rest) > 1 and rest[1] else None
        return cls(str(old), str(new), source, line)

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line else (self.source or "an article")


def shown(value: str) -> str:
    """A value in a message: characters that cannot be seen (or that move the line) as U+XXXX."""
    return "".join(
        c if c.isprintable() and (c == " " or not c.isspace()) and not find_invisible(c) else f"<U+{ord(c):04X}>"
        for c in value
    )


def served_path(value: str) -> str:
    """The path a server compares and a static host looks up: the %XX codes decoded."""
    return unquote(value, errors="strict")


def redirect_file(old: str) -> str:
    """Where the redirect page of `old` is written, under the site: `ar/2019/old-name/index.html`."""
    path = served_path(old).lstrip("/")
    last = path.rsplit("/", 1)[-1]
    return f"{path}index.html" if not last else (path if "." in last else f"{path}/index.html")


def uri_form(value: str) -> str:
    """`value` as a browser sends it (Arabic letters as %XX): ASCII only, for host files."""
    return quote(value, safe=_URI_SAFE)


def _syntax_problem(value: str) -> str | None:
    """Why a path cannot be written into a host file or be a file's name, or None."""
    problem = check_site_path(value)
    if problem:
        return problem
    if "*" in value:
        return "it contains '*', which hosts read as 'any address'"
    if "//" in value:
        return "it contains '//' (an empty folder name)"
    try:
        path = served_path(value)
    except UnicodeDecodeError:
        return "its %-codes are not UTF-8 text"
    bad = [
        f"U+{ord(c):04X}" for c in dict.fromkeys(path) if c == "\\" or (unicodedata.category(c)[0] in "CZ" and c != " ")
    ]
    bad += [name for name in find_invisible(path) if name not in bad]  # Hangul fillers and the like
    if bad:
        return "it contains characters that may not stand in an address: " + ", ".join(bad)
    segments = path.split("/")
    if any(segment in (".", "..") for segment in segments) or "//" in path:
        return "its %-codes stand for '.', '..' or '/' in a way that leaves a folder"
    if any(len(segment.encode("utf-8")) > _MAX_NAME_BYTES for segment in segments):
        return f"a folder or file name in it is longer than {_MAX_NAME_BYTES} bytes"
    return None


def _reserved_problem(old: str) -> str | None:
    """Why `old` is an address the build writes itself (checked without the built site)."""
    path = served_path(old)
    if path == "/":
        return "it is the site's root"
    for suffix in ("", *COMPRESSED):
        if suffix and not path.endswith(suffix):
            continue
        stem = path.removesuffix(suffix) if suffix else path
        first, _, rest = stem.lstrip("/").partition("/")
        copy = " (a compressed copy)" if suffix else ""
        if first in BUILD_FILES:
            return f"it is the file /{first}{copy}, which the build writes itself"
        if first in BUILD_FOLDERS:
            return f"it is under /{first}/{copy}, which the build writes itself"
        if first in languages.LANGUAGES and rest in ("", "index.html"):
            return f"it is the home page of /{first}/{copy}"
    return None


def _built_problem(old: str, site: Path, redirect_pages: bool) -> str | None:
    """Why `old` is a file of the built site (a page, a picture, a feed…), or under one.
    `redirect_pages`: a redirect page already there is not a problem (written by this build)."""
    rel = redirect_file(old)
    for suffix in ("", *COMPRESSED):
        if suffix and not rel.endswith(suffix):
            continue
        target = site / rel.removesuffix(suffix) if suffix else site / rel
        if target.is_dir() or (target.is_file() and not (redirect_pages and _is_redirect_page(target))):
            return f"it is a page or file of the site ({shown(served_path(old))})"
        for parent in target.parents:
            if parent == site or site not in parent.parents:
                break
            if parent.is_file():
                return f"it is under /{parent.relative_to(site).as_posix()}, a file of the site"
    return None


def _is_redirect_page(path: Path) -> bool:
    try:
        return path.stat().st_size < 4096 and 'http-equiv="refresh"' in path.read_text("utf-8", errors="replace")
    except OSError:
        return False


@dataclass(frozen=True)
class RedirectProblem:
    redirect: Redirect
    message: str  # what is wrong
    action: str  # what to do


def check_redirects(
    redirects: Iterable[Redirect | Sequence[Any]], site: Path | None = None, redirect_pages: bool = False
) -> tuple[list[Redirect], list[RedirectProblem]]:
    """The redirects that may be written, and the problems of the others.

    Both addresses: paths of safe characters. The old one: not the site's root, not a file or
    folder the build writes (`/_headers`, `/theme/…`), not a page of the built `site` (when
    given), and claimed by one article only. `redirect_pages`: pages at old addresses are
    this build's redirect pages (the host files are written after them)."""
    accepted: dict[str, Redirect] = {}  # file of the redirect page -> the first to claim it
    problems: list[RedirectProblem] = []
    seen: set[Redirect] = set()
    clashed: set[str] = set()
    for redirect in map(Redirect.of, redirects):
        if redirect in seen:  # the same line read twice (or the same value twice in it)
            continue
        seen.add(redirect)
        old, new = redirect.old, redirect.new
        what = f"the old address '{shown(old)}' in 'Redirect-From:'"
        problem = _syntax_problem(old)
        if problem:
            problems.append(
                RedirectProblem(
                    redirect,
                    f"{what} cannot be used: {problem}",
                    f"write it as an address on this site, e.g. {EXAMPLE}",
                )
            )
            continue
        problem = _reserved_problem(old) or (_built_problem(old, site, redirect_pages) if site else None)
        if problem:
            problems.append(
                RedirectProblem(
                    redirect,
                    f"{what} cannot be used: {problem}",
                    "remove it from 'Redirect-From:' (a redirect there would replace that page or file)",
                )
            )
            continue
        problem = _syntax_problem(new) or ("it is the site's root" if served_path(new) == "/" else None)
        action = "report it to the developers (the build makes the article's address from its file name)"
        if problem is None and site is not None and not (site / _page_file(new)).is_file():
            problem = "no page was written there"
            action = "publish the article (not a draft, not dated later), or remove 'Redirect-From:' until it is"
        if problem:
            problems.append(
                RedirectProblem(
                    redirect,
                    f"the article's own address '{shown(new)}', where "
                    f"'{shown(old)}' should lead, cannot be used: {problem}",
                    action,
                )
            )
            continue
        key = redirect_file(old)
        first = accepted.get(key)
        if first is None:
            clash = next((k for k in accepted if key.startswith(k + "/") or k.startswith(key + "/")), None)
            if clash is None:
                accepted[key] = redirect
                continue
            first = accepted[clash]
        elif first.new == new:  # the same page from two spellings of one address: one page, two rules
            accepted[f"{key}\0{old}"] = redirect
            continue
        clashed.add(key)
        for one, two in ((redirect, first), (first, redirect)):
            problems.append(
                RedirectProblem(
                    one,
                    f"the old address '{shown(one.old)}' in 'Redirect-From:' is also claimed by "
                    f"{two.where} ('{shown(two.old)}', which leads to {shown(two.new)})",
                    "keep it in only one of the two articles",
                )
            )
    refused = {p.redirect for p in problems}
    good = [r for k, r in accepted.items() if k.split("\0", 1)[0] not in clashed and r not in refused]
    return good, problems


def _page_file(url: str) -> str:
    path = served_path(url).lstrip("/")
    return path + "index.html" if path.endswith("/") or not path else path


def report_redirect_problems(problems: Iterable[RedirectProblem], collector: Collector) -> None:
    """Each problem as `path:line: what is wrong — what to do`, on the article's file."""
    for problem in problems:
        redirect = problem.redirect
        collector.error(redirect.source or "content", problem.message, problem.action, line=redirect.line)


def _checked(redirects: Iterable[Redirect | Sequence[Any]]) -> list[Redirect]:
    """The redirects (each once), or UnsafeRedirect for the first that may not be written."""
    good, problems = check_redirects(redirects)
    if problems:
        problem = problems[0]
        raise UnsafeRedirect(f"{problem.redirect.where}: {problem.message} — {problem.action}")
    return good


def _nginx_string(value: str) -> str:
    """`value` as one nginx argument: plain when it is only safe characters, else in double
    quotes with `\\` and `"` escaped (nginx reads nothing else specially in a quoted string)."""
    if _NGINX_PLAIN.fullmatch(value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _line_safe(text: str) -> str:
    """A value for a line-based host file: refused if it could start another line or field."""
    if any(c.isspace() or unicodedata.category(c)[0] == "C" for c in text):
        raise UnsafeRedirect(f"'{shown(text)}' contains a space or an invisible character")
    return text


def _check_headers() -> None:
    """The policy is constant, but a line break would start a new rule in `_headers`, and a
    quote, backslash or `$` would change the nginx directive it is written into."""
    for name, value in (*HEADERS.items(), *ADMIN_HEADERS.items()):
        if not re.fullmatch(r"[A-Za-z0-9-]+", name) or any(
            c in '"\\$' or unicodedata.category(c)[0] == "C" for c in value
        ):
            raise UnsafeRedirect(f"the header {shown(name)} cannot be written into _headers or the nginx snippet")


def admin_rule() -> str:
    """The `_headers` rule of /admin/ (the web editor): its own policy instead of the site's.

    Every rule that matches a path applies. Cloudflare Pages joins the values of a header named
    by two matching rules with a comma, which for a Content-Security-Policy means both policies,
    each enforced: the editor would break. So the rule first detaches (`! Name`) the site's value
    of each header it replaces, then gives its own. Netlify does not document `!`; its own local
    emulator (netlify-cli) gives a path the value of the last matching rule (this one, written
    after `/*`). Check what the live host sends (`curl -sI https://…/admin/`) after the first
    deploy; the hosting test checks nginx."""
    lines = [f"{ADMIN_PATH}*"]
    for name, value in ADMIN_HEADERS.items():
        if name in HEADERS:
            lines.append(f"  ! {name}")
        lines.append(f"  {name}: {value}")
    return "\n".join(lines) + "\n"


def netlify_files(redirects: Iterable[Redirect | Sequence[Any]], admin: bool = False) -> tuple[str, str]:
    """The `_headers` and `_redirects` files (Netlify and Cloudflare Pages syntax); `admin`:
    with the web editor's rule (its own policy at /admin/).
    Raises UnsafeRedirect rather than write a redirect that fails `check_redirects`."""
    _check_headers()
    common = "".join(f"  {k}: {v}\n" for k, v in HEADERS.items())
    # Every matching rule applies, and Cloudflare Pages joins two values of one header with a
    # comma: a more specific rule first detaches (`! Cache-Control`) the value of `/*`.
    replace = "  ! Cache-Control\n"
    headers = (
        f"/*\n{common}  Cache-Control: {OTHER_CACHE}\n"
        f"/*.html\n{replace}  Cache-Control: {HTML_CACHE}\n"
        f"/*/\n{replace}  Cache-Control: {HTML_CACHE}\n"
        f"/\n{replace}  Cache-Control: {HTML_CACHE}\n"
        f"/theme/*\n{replace}  Cache-Control: {IMMUTABLE}\n"
    ) + (admin_rule() if admin else "")
    lines = [f"{_line_safe(uri_form(r.old))} {_line_safe(uri_form(r.new))} 301" for r in _checked(redirects)]
    lines += ["/en/* /en/404.html 404", "/* /ar/404.html 404"]
    return headers, "\n".join(lines) + "\n"


def nginx_snippet(redirects: Iterable[Redirect | Sequence[Any]], admin: bool = False) -> str:
    """Directives for an nginx `server { … }` whose root is the built site; `admin`: with the
    web editor's location (its own policy at /admin/: nginx's `add_header` in a location
    replaces every inherited one, so the block repeats the site's headers with the editor's).
    Raises UnsafeRedirect rather than write a redirect that fails `check_redirects`."""
    checked = _checked(redirects)
    _check_headers()
    add = "".join(f'    add_header {k} "{v}" always;\n' for k, v in HEADERS.items())
    out = [
        "# Generated by the build (newsroom/pipeline/headers.py): include it inside your HTTPS server block,",
        "# with `root` set to the built site. Precompressed files need gzip_static and brotli_static",
        "# (Debian: libnginx-mod-http-brotli-static).",
        "index index.html;",
        "gzip_static on;",
        "brotli_static on;",
        "charset utf-8;",
        "charset_types text/css application/javascript image/svg+xml application/atom+xml application/xml text/plain;",
        "error_page 404 /ar/404.html;",
        "location ^~ /en/ {",
        "    error_page 404 /en/404.html;",
        f'    add_header Cache-Control "{HTML_CACHE}" always;',
        add.rstrip("\n"),
        "    try_files $uri $uri/ =404;",
        "}",
        'location ~ "^/theme/.+\\.[0-9a-f]{10}\\.(css|js|woff2|svg)$" {',
        f'    add_header Cache-Control "{IMMUTABLE}" always;',
        add.rstrip("\n"),
        "}",
        "location ~ \\.(html|xml|atom|txt)$ {",
        f'    add_header Cache-Control "{HTML_CACHE}" always;',
        add.rstrip("\n"),
        "}",
        "location / {",
        f'    add_header Cache-Control "{HTML_CACHE}" always;',
        add.rstrip("\n"),
        "    try_files $uri $uri/ =404;",
        "}",
        "location ^~ /pagefind/ {",
        f'    add_header Cache-Control "{OTHER_CACHE}" always;',
        add.rstrip("\n"),
        "}",
        "location ~ \\.(png|jpe?g|webp|gif|ico)$ {",
        f'    add_header Cache-Control "{OTHER_CACHE}" always;',
        add.rstrip("\n"),
        "}",
        "location ^~ /images/ {",
        f'    add_header Cache-Control "{OTHER_CACHE}" always;',
        add.rstrip("\n"),
        "}",
    ]
    if admin:
        editor = {**HEADERS, **ADMIN_HEADERS}
        out += [
            f"location ^~ {ADMIN_PATH} {{",
            f'    add_header Cache-Control "{HTML_CACHE}" always;',
            *(f'    add_header {k} "{v}" always;' for k, v in editor.items()),
            "    try_files $uri $uri/ =404;",
            "}",
        ]
    # Exact matches, on the path nginx compares (its %XX decoded): two spellings of one
    # address (`/a(b)/`, `/a%28b%29/`) are one location.
    locations: dict[str, str] = {}
    for r in checked:
        locations.setdefault(served_path(r.old), r.new)
    for old, new in locations.items():
        out.append(f"location = {_nginx_string(old)} {{ return 301 {_nginx_string(uri_form(new))}; }}")
    return "\n".join(out) + "\n"


def nginx_site(
    root: str,
    snippet: str,
    certificate: str,
    key: str,
    server_name: str = "_",
    listen: str = "",
    http_port: int = 80,
    https_port: int = 443,
) -> str:
    """A whole nginx site: HTTP only redirects to HTTPS; HTTPS serves the site with the snippet."""
    https_host = "$host" if https_port == 443 else f"$host:{https_port}"
    return (
        f"server {{\n    listen {listen}{http_port};\n    server_name {server_name};\n"
        f"    return 301 https://{https_host}$request_uri;\n}}\n"
        f"server {{\n    listen {listen}{https_port} ssl http2;\n    server_name {server_name};\n"
        f"    ssl_certificate {certificate};\n    ssl_certificate_key {key};\n"
        f"    ssl_protocols TLSv1.2 TLSv1.3;\n    root {root};\n    include {snippet};\n}}\n"
    )


def write_host_files(
    site: Path, work: Path, redirects: Iterable[Redirect | Sequence[Any]], collector: Collector | None = None
) -> Path | None:
    """`_headers`, `_redirects` in the site; the nginx snippet (and an example site using
    it) in the work folder's deploy/. A redirect that fails `check_redirects` (against the
    built site) is reported to `collector` and nothing is written (None); without a
    collector, UnsafeRedirect."""
    good, problems = check_redirects(redirects, site, redirect_pages=True)
    if problems:
        if collector is None:
            problem = problems[0]
            raise UnsafeRedirect(f"{problem.redirect.where}: {problem.message} — {problem.action}")
        report_redirect_problems(problems, collector)
        return None
    admin = (site / ADMIN_PATH.strip("/") / "index.html").is_file()  # the web editor was written
    headers, redirect_lines = netlify_files(good, admin)
    snippet_text = nginx_snippet(good, admin)
    (site / "_headers").write_text(headers, "utf-8")
    (site / "_redirects").write_text(redirect_lines, "utf-8")
    deploy = work / "deploy"
    deploy.mkdir(parents=True, exist_ok=True)
    snippet = deploy / "nginx-snippet.conf"
    snippet.write_text(snippet_text, "utf-8")
    (deploy / "nginx-site.example.conf").write_text(
        nginx_site(
            "/srv/news/current",
            str(snippet),
            "/etc/ssl/news/fullchain.pem",
            "/etc/ssl/news/privkey.pem",
            "news.example.om",
        ),
        "utf-8",
    )
    return snippet
