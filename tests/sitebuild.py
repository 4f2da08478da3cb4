"""Shared helpers: build fixture content in a temp dir, never the real output/."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parent.parent
FIXTURE_SITE = PROJECT / "tests" / "fixtures" / "site"
# Every build test runs at this moment (Muscat time) unless it says otherwise.
CLOCK = "2026-06-01T12:00:00"


@dataclass
class Build:
    returncode: int
    stdout: str
    stderr: str
    content: Path
    output: Path
    work: Path

    @property
    def text(self) -> str:
        return self.stdout + self.stderr

    def page(self, rel: str) -> str:
        return (self.output / rel).read_text("utf-8")


def run_build(content: Path, root: Path, *args: str, env: dict[str, str] | None = None) -> Build:
    """Run the real build driver (newsroom build) on `content`, into `root`."""
    output, work = root / "output", root / "work"
    root.mkdir(parents=True, exist_ok=True)
    # Not the runner's own: SITEURL, and GitHub Actions (builds would print annotations)
    full_env = {k: v for k, v in os.environ.items() if k not in ("SITEURL", "GITHUB_ACTIONS")}
    full_env.update({"SITE_CLOCK": CLOCK, "STRICT": "0", **(env or {})})
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "newsroom",
            "build",
            "--content",
            str(content),
            "--output",
            str(output),
            "--work",
            str(work),
            *args,
        ],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=root,
        check=False,
    )
    return Build(result.returncode, result.stdout, result.stderr, content, output, work)


def make_new(content: Path, kind: str, slug: str) -> subprocess.CompletedProcess[str]:
    """`make new` (newsroom new KIND SLUG) on `content`, as an officer runs it."""
    return subprocess.run(
        [sys.executable, "-m", "newsroom", "new", kind, slug, "--content", str(content)],
        capture_output=True,
        text=True,
        check=False,
    )


def copy_fixture(target: Path, source: Path = FIXTURE_SITE) -> Path:
    shutil.copytree(source, target)
    return target


def write(content: Path, rel: str, text: str) -> Path:
    path = content / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return path


def build_fixture(factory: Any, name: str, *args: str, env: dict[str, str] | None = None) -> Build:
    """Build a fresh copy of the fixture content once (for a module's tests); it must pass."""
    root = factory.mktemp(name)
    build = run_build(copy_fixture(root / "content"), root, *args, env=env)
    assert build.returncode == 0, build.text
    return build


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (127.0.0.1 only)
        return response.read().decode("utf-8")


@contextmanager
def preview(content: Path, work: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """`make serve` on `content` (the real preview server, on a free port of 127.0.0.1), up
    once its first build is served; yields its base URL and stops it afterwards."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "newsroom",
            "serve",
            "--content",
            str(content),
            "--work",
            str(work),
            "--port",
            str(port),
        ],
        env={**os.environ, "SITE_CLOCK": CLOCK, "STRICT": "0", **(env or {})},
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                fetch(f"{base}/__build.txt")
                break
            except OSError:
                assert server.poll() is None, (
                    f"the preview server ended: {server.stdout.read() if server.stdout else ''}"
                )
                assert time.monotonic() < deadline, "the preview server did not start"
                time.sleep(0.2)
        yield base
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        if server.stdout:
            server.stdout.close()
