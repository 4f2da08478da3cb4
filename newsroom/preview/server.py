"""A static server for the built site on 127.0.0.1, as a real host would answer:
`/ar/…` pages that do not exist get /ar/404.html with status 404 (likewise /en/).

Used by the browser tests and `make weight`; binds to loopback only.
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

__all__ = ["serve"]


class _Handler(SimpleHTTPRequestHandler):
    extra_headers: dict[str, str] = {}

    def log_message(self, format: str, *args: Any) -> None:  # quiet in tests
        pass

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        lang = self.path.lstrip("/").split("/", 1)[0]
        page = Path(self.directory) / lang / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


def serve(root: Path, headers: dict[str, str] | None = None) -> tuple[ThreadingHTTPServer, str]:
    """Start serving `root` in a background thread (sending `headers` with every answer);
    returns (server, base URL)."""
    return serve_at(root.resolve(), 0, headers)


def serve_at(
    root: Path, port: int, headers: dict[str, str] | None = None, start: bool = True
) -> tuple[ThreadingHTTPServer, str]:
    """Serve `root` on 127.0.0.1:`port` (0: any free port). `root` may be a link that is
    switched to a new folder: every request follows it again (the preview relies on it).
    `start=False`: the address is taken now, answering starts with `start_serving(server)`."""
    handler_class = type("Handler", (_Handler,), {"extra_headers": dict(headers or {})})
    handler = functools.partial(handler_class, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    if start:
        start_serving(server)
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def start_serving(server: ThreadingHTTPServer) -> None:
    """Answer requests (queued since the address was taken) in a background thread."""
    threading.Thread(target=server.serve_forever, daemon=True).start()
