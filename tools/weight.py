"""Page weight: what a first visit to a page downloads (HTML, CSS, fonts, images).

    python tools/weight.py            # make weight: home and article, both languages

Loads each page in Debian's Chromium (Playwright) from a local server and adds up the
uncompressed bodies of every response. The budget for an article page is 150 KB.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from newsroom.core import environment
from newsroom.preview.server import serve

# Debian's Chromium here and in .ci/run; GitHub's runners use the Chrome their image ships
# (CHROMIUM=/usr/bin/google-chrome: there `apt-get install chromium` is only a snap stub).
CHROMIUM = environment.get("CHROMIUM") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BUDGET = 150_000


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def measure(browser: Any, base: str, path: str) -> dict[str, int]:
    """Bytes per resource type for one cold page load (fonts included once loaded)."""
    context = browser.new_context(viewport={"width": 375, "height": 812})
    page = context.new_page()
    sizes: dict[str, int] = {}

    def on_response(response: Any) -> None:
        kind = response.request.resource_type
        try:
            size = len(response.body())
        except Exception:  # redirects have no body
            size = 0
        sizes[kind] = sizes.get(kind, 0) + size

    page.on("response", on_response)
    page.goto(base + path, wait_until="networkidle")
    page.evaluate("document.fonts.ready.then(() => true)")
    page.wait_for_load_state("networkidle")
    context.close()
    sizes["total"] = sum(sizes.values())
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=Path(__file__).resolve().parent.parent / "output")
    parser.add_argument(
        "pages", nargs="*", default=["/ar/", "/en/", "/ar/news/arab-city-day/", "/en/news/arab-city-day/"]
    )
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    server, base = serve(args.output)
    over = False
    with sync_playwright() as playwright:
        browser = launch(playwright)
        print(f"{'page':<28}{'html':>8}{'css':>8}{'fonts':>8}{'images':>8}{'total':>9}")
        for path in args.pages:
            s = measure(browser, base, path)
            over |= s["total"] > BUDGET
            print(
                f"{path:<28}{s.get('document', 0):>8}{s.get('stylesheet', 0):>8}"
                f"{s.get('font', 0):>8}{s.get('image', 0):>8}{s['total']:>9}"
            )
        browser.close()
    server.shutdown()
    server.server_close()
    print(f"budget: {BUDGET} bytes per page" + (" — OVER BUDGET" if over else ""))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
