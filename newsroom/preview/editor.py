"""The web editor in the preview (make serve): /admin/ against the working copy, no account.

Decap's local backend is `decap-server` (npm), started here on 127.0.0.1 only, writing files
straight into the working copy (its "fs" mode: no commits). The preview server answers
/admin/ itself and passes the editor's requests (/admin/api/v1) on to decap-server, so the
page needs no other origin and its Content-Security-Policy stays `connect-src 'self'`. A
request from another origin, or not JSON, is refused before it reaches decap-server.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsroom.pipeline.admin import DECAP_SERVER, editor_data, unavailable, write_admin
from newsroom.pipeline.headers import ADMIN_HEADERS

__all__ = ["LocalEditor"]

log = logging.getLogger(__name__)

API = "/admin/api/v1"
MAX_BODY = 60 * 1024 * 1024  # decap-server's own limit is 50 MB of JSON


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _is_admin(path: str) -> bool:
    route = urlsplit(path).path
    return route == "/admin" or route.startswith("/admin/")


class LocalEditor:
    """decap-server for `content` (its parent folder is the repository it writes in) and
    the /admin/ answers of the preview server."""

    def __init__(self, content: Path, site: Path, work: Path) -> None:
        self.content = content.resolve()
        self.site = site
        self.work = work / "editor"
        self.process: subprocess.Popen[bytes] | None = None
        self.port = 0

    def start(self) -> str | None:
        """Start decap-server and write the editor's page; None, or why it is not offered."""
        reason = unavailable()
        if reason:
            return reason
        shutil.rmtree(self.work, ignore_errors=True)
        self.work.mkdir(parents=True)
        write_admin(self.work, editor_data(self.content, "local", site=self.site))
        self.port = _free_port()
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "PORT": str(self.port),
            "BIND_HOST": "127.0.0.1",
            "MODE": "fs",
            "GIT_REPO_DIRECTORY": str(self.content.parent),
            "LOG_LEVEL": "warn",
        }
        node = shutil.which("node") or "node"
        # cwd: a folder of our own, so that decap-server reads no stray .env file.
        # In the preview's process group: Ctrl+C (and the tests' killpg) stop it with the preview.
        self.process = subprocess.Popen([node, str(DECAP_SERVER)], env=env, cwd=self.work)  # noqa: S603
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                return f"decap-server stopped at once (exit {self.process.returncode})"
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return None
            except OSError:
                time.sleep(0.1)
        self.close()
        return "decap-server did not start within 20 s"

    def close(self) -> None:
        """Stop decap-server (started by this object only)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def data(self) -> bytes:
        """editor.json, made anew for every load (the glossary may have changed)."""
        data = editor_data(self.content, "local", site=self.site)
        return (json.dumps(data, ensure_ascii=False) + "\n").encode("utf-8")

    def forward(self, body: bytes) -> tuple[int, bytes]:
        """One request of the editor to decap-server; (status, JSON answer)."""
        request = urllib.request.Request(  # noqa: S310 (127.0.0.1, our own process)
            f"http://127.0.0.1:{self.port}/api/v1",
            data=body,
            headers={"Content-Type": "application/json; charset=utf-8"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def attach(self, server: ThreadingHTTPServer) -> None:
        """Make `server` (the preview's) answer /admin/ from the editor."""
        factory = server.RequestHandlerClass
        base = factory.func if isinstance(factory, functools.partial) else factory
        keywords = factory.keywords if isinstance(factory, functools.partial) else {}
        handler = type("EditorHandler", (_EditorHandler, base), {"editor": self})
        server.RequestHandlerClass = functools.partial(handler, **keywords)  # type: ignore[assignment]


class _EditorHandler(SimpleHTTPRequestHandler):
    editor: LocalEditor

    def translate_path(self, path: str) -> str:
        if not _is_admin(path):
            return super().translate_path(path)
        saved = self.directory
        self.directory = str(self.editor.work)
        try:
            return super().translate_path(path)
        finally:
            self.directory = saved

    def end_headers(self) -> None:
        if _is_admin(self.path):
            for name, value in ADMIN_HEADERS.items():
                self.send_header(name, value)
            self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self) -> None:
        if urlsplit(self.path).path == "/admin/editor.json":
            self._answer(200, self.editor.data())
            return
        super().do_GET()

    def do_POST(self) -> None:
        if urlsplit(self.path).path != API:
            self._answer(404, b'{"error": "not found"}')
            return
        host = self.headers.get("Host", "")
        origin = self.headers.get("Origin")
        own = {f"http://{host}"}
        if host.split(":")[0] not in ("127.0.0.1", "localhost") or (origin is not None and origin not in own):
            self._answer(403, b'{"error": "the editor answers its own page only"}')
            return
        if not self.headers.get("Content-Type", "").startswith("application/json"):
            self._answer(415, b'{"error": "JSON only"}')
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._answer(413, b'{"error": "too large"}')
            return
        status, answer = self.editor.forward(self.rfile.read(length))
        self._answer(status, answer)

    def _answer(self, status: int, body: bytes, kind: str = "application/json; charset=utf-8") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass
