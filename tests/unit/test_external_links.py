"""The scheduled check of links to other sites, against a server on 127.0.0.1 (no network)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from newsroom.commands import external


class _Site(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass

    def do_HEAD(self) -> None:
        if self.path == "/no-head":
            self.send_response(405)
        else:
            self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()

    def do_GET(self) -> None:
        self.send_response(200 if self.path in ("/ok", "/no-head") else 404)
        self.end_headers()


@pytest.fixture
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_broken_links_are_reported_with_file_and_line(base: str, tmp_path: Path) -> None:
    content = tmp_path / "content"
    (content / "ar" / "awards").mkdir(parents=True)
    (content / "ar" / "awards" / "prize.md").write_text(
        f"Title: جائزة\nLink: {base}/gone\n\nانظر [الموقع]({base}/ok)، و{base}/no-head.\n", "utf-8"
    )
    (content / "en").mkdir()
    (content / "en" / "page.md").write_text(f"Title: A\n\nSee <{base}/gone>.\n", "utf-8")
    links = external.find_links(content)
    assert sorted(links) == [f"{base}/gone", f"{base}/no-head", f"{base}/ok"]  # «،» and «.» are not part of it
    assert links[f"{base}/gone"] == [("content/ar/awards/prize.md", 2), ("content/en/page.md", 3)]
    report = tmp_path / "links.md"
    assert external.main(["--content", str(content), "--report", str(report), "--timeout", "5"]) == 0
    text = report.read_text("utf-8")
    assert "3 addresses checked, **1 broken**" in text
    assert f"`content/ar/awards/prize.md:2`<br>`content/en/page.md:3` | {base}/gone | 404" in text
    assert external.main(["--content", str(content), "--strict", "--timeout", "5"]) == 1


def test_no_answer_is_broken_too() -> None:
    answer = external.ask("http://127.0.0.1:9/", timeout=2)  # the discard port: nothing listens
    assert answer.broken and answer.status is None and answer.detail.startswith("no answer")
