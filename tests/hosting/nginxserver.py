"""A real nginx (Debian) on 127.0.0.1 over HTTPS, with the build's generated snippet."""

from __future__ import annotations

import http.client
import os
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sitebuild import run_build

from newsroom.pipeline.headers import nginx_site

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


# One page of each type of the fixture site, below /ar/ and /en/ (Lighthouse, layout shift).
PAGE_TYPES = {
    "home": "",
    "article": "news/arab-city-day/",
    "award": "awards/smart-city-prize/",
    "achievements": "achievements/",
    "archive": "archive/",
    "category": "category/municipality-news/",
    "tag": "tag/smart-cities/",
    "page": "about/",
    "search": "search/",
    "404": "404.html",
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def require_nginx() -> None:
    missing = [
        what
        for what, ok in (
            ("nginx", Path(NGINX).exists()),
            ("openssl", shutil.which("openssl")),
            ("the brotli_static module", BROTLI_MODULE.exists()),
        )
        if not ok
    ]
    if missing:
        reason = f"{', '.join(missing)} not installed (apt-get install nginx libnginx-mod-http-brotli-static openssl)"
        if os.environ.get("CI") == "true":
            pytest.fail(f"the hosting tests must run in CI: {reason}")
        pytest.skip(reason)


class Server:
    def __init__(self, root: Path, https: int, http: int, cert: Path) -> None:
        self.root, self.https, self.http = root, https, http
        self.context = ssl.create_default_context(cafile=str(cert))

    def get(
        self, path: str, headers: dict[str, str] | None = None, tls: bool = True
    ) -> tuple[int, dict[str, str], bytes]:
        if tls:
            conn: http.client.HTTPConnection = http.client.HTTPSConnection(
                "127.0.0.1", self.https, context=self.context, timeout=10
            )
        else:
            conn = http.client.HTTPConnection("127.0.0.1", self.http, timeout=10)
        conn.request("GET", path, headers=headers or {})
        response = conn.getresponse()
        body = response.read()
        result = response.status, {k.lower(): v for k, v in response.getheaders()}, body
        conn.close()
        return result


@contextmanager
def running_nginx(root: Path, snippet: Path, folder: Path, https_port: int | None = None) -> Iterator[Server]:
    """nginx serving `root` (a folder or a link to one) with `snippet`, until the block ends;
    over HTTPS on `https_port` (a free one by default)."""
    require_nginx()
    folder.mkdir(parents=True, exist_ok=True)
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
        ],
        check=True,
        capture_output=True,
    )
    https, http_port = https_port or free_port(), free_port()
    site = nginx_site(
        str(root), str(snippet), str(cert), str(key), listen="127.0.0.1:", http_port=http_port, https_port=https
    )
    temp = folder / "nginx-temp"
    temp.mkdir(exist_ok=True)
    conf = folder / "nginx.conf"
    conf.write_text(
        f"load_module {BROTLI_MODULE};\n{'user root;' if os.geteuid() == 0 else ''}\n"
        f"worker_processes 1;\ndaemon off;\npid {folder}/nginx.pid;\n"
        f"error_log {folder}/error.log;\nevents {{}}\nhttp {{\n    include /etc/nginx/mime.types;\n"
        f"    access_log off;\n    client_body_temp_path {temp}/body;\n    proxy_temp_path {temp}/proxy;\n"
        f"    fastcgi_temp_path {temp}/fastcgi;\n    uwsgi_temp_path {temp}/uwsgi;\n    scgi_temp_path {temp}/scgi;\n"
        f"{site}}}\n",
        "utf-8",
    )
    process = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(folder)], stderr=subprocess.DEVNULL)
    server = Server(root, https, http_port, cert)
    try:
        for _ in range(100):
            try:
                server.get("/")
                break
            except OSError:
                time.sleep(0.05)
        else:
            log = (folder / "error.log").read_text() if (folder / "error.log").exists() else ""
            pytest.fail(f"nginx did not start: {log}")
        yield server
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def production_site(content: Path, root: Path) -> Iterator[str]:
    """The production build of `content` (`--production`, absolute https:// addresses) behind
    the build's own nginx snippet over HTTPS, on the port its addresses name; yields the base
    address (https://127.0.0.1:<port>) until the block ends."""
    require_nginx()
    port = free_port()
    base = f"https://127.0.0.1:{port}"
    build = run_build(content, root, "--production", env={"SITEURL": base})
    assert build.returncode == 0, build.text
    snippet = build.work / "deploy" / "nginx-snippet.conf"
    with running_nginx(build.output.resolve(), snippet, root / "server", https_port=port):
        yield base
