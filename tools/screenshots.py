"""Screenshots of the main pages, both languages, phone and desktop widths, light and dark.

    python tools/screenshots.py                  # make screenshots: into docs/screenshots/
    python tools/screenshots.py --site output    # pictures of a site already built

Without --site, the real content (content/) is built into a temporary folder first (pages
only, at a pinned clock, so the pictures change only when the site does). Each page is
loaded in Debian's Chromium (Playwright) from a local server and saved as
`<page>-<lang>-<width>[-dark].png`: the whole page at 375 px, the first screen at 1280 px.
The PNGs are reduced to a 256-colour palette (Pillow), which keeps them small in git.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from PIL import Image

from newsroom.preview.server import serve
from tools.weight import launch

ROOT = Path(__file__).resolve().parent.parent
# name -> path below /<lang>/
PAGES = {
    "home": "",
    "article": "news/arab-city-day/",
    "achievements": "achievements/",
    "award": "awards/gcc-municipal-work-award/",
    "archive": "archive/",
    "about": "about/",
}
WIDTHS = (375, 1280)
DARK = ("home", "article")  # also shown in the dark scheme
CLOCK = "2026-06-01T12:00:00"


def build(content: Path, folder: Path) -> Path:
    """Build `content` (pages only) into `folder`/output; returns the output folder."""
    output = folder / "output"
    env = {k: v for k, v in os.environ.items() if k != "SITEURL"}
    env.update({"SITE_CLOCK": env.get("SITE_CLOCK", CLOCK), "PAGES_ONLY": "1", "STRICT": "0"})
    command = [sys.executable, "-m", "newsroom", "build", "--content", str(content)]
    command += ["--output", str(output), "--work", str(folder / "work")]
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=folder, check=False)
    if result.returncode:
        raise SystemExit(f"the build failed:\n{result.stdout}{result.stderr}")
    return output


def shoot(browser: Any, url: str, target: Path, width: int, dark: bool) -> None:
    context = browser.new_context(
        viewport={"width": width, "height": 812 if width < 800 else 900},
        color_scheme="dark" if dark else "light",
        device_scale_factor=1,
    )
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.screenshot(path=str(target), full_page=width < 800)
    context.close()
    with Image.open(target) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(target, optimize=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build content/ first)")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("pages", nargs="*", default=list(PAGES), help=f"among {', '.join(PAGES)}")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    with tempfile.TemporaryDirectory(prefix="screenshots-") as temp:
        site = args.site or build(args.content.resolve(), Path(temp))
        server, base = serve(site)
        args.out.mkdir(parents=True, exist_ok=True)
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright)
                for name in args.pages:
                    for lang in ("ar", "en"):
                        for width in WIDTHS:
                            for dark in (False, True) if name in DARK else (False,):
                                target = args.out / f"{name}-{lang}-{width}{'-dark' if dark else ''}.png"
                                shoot(browser, f"{base}/{lang}/{PAGES[name]}", target, width, dark)
                                print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
