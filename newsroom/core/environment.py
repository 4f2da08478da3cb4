"""Every environment variable the project reads, in one table: only what a person sets.

What the build driver tells a language process (where to write its report, its caches, the
preview mode…) is not here: it travels as Pelican settings (`read_settings(…, override=…)`,
see `newsroom/pipeline/worker.py`). Deploy credentials are read by `newsroom.pipeline.deploy`.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["VARIABLES", "flag", "get"]

VARIABLES: dict[str, str] = {
    "SITE_LANG": "the language a Pelican run builds, ar or en (the build sets it for each language)",
    "SITE_CONTENT": "the folder holding content/ar and content/en (default: content/)",
    "SITE_THEME": "the theme folder (default: theme/)",
    "SITEURL": "the published site's address, https://… (empty: root-relative links, for previewing)",
    "STRICT": "1: warnings stop the build too (CI, make publish)",
    "REQUIRE_TRANSLATIONS": "1: a missing or stale translation is an error",
    "PAGES_ONLY": "1: pages, listings and feeds only (benchmarks)",
    "GH_PAGES": "1: for GitHub Pages (the security policy as a <meta>)",
    "SITE_CLOCK": "the build's 'now', ISO 8601 in the site's time zone (reproducible builds, tests)",
    "SOURCE_DATE_EPOCH": "the build's 'now' in seconds since 1970 (reproducible builds)",
    "SITE_DIGITS_AR": "digits on Arabic pages: latn (0123) or arab (٠١٢٣)",
    "SITE_HIJRI_ADJUST": "-1, 0 or 1: move the Hijri date by a day to follow the official sighting",
    "SITE_ANALYTICS_SCRIPT": "a self-hosted statistics script on this site, e.g. /stats/count.js",
    "GITHUB_ACTIONS": "set to true by GitHub Actions: problems are also written as annotations on the lines",
    "GITHUB_OUTPUT": "set by GitHub Actions: where a step writes its outputs (newsroom due writes due=…)",
    "NEWSROOM_STOP_AT": "for tests: stop the build at a named point as a kill would (newsroom/core/faults.py)",
    "CHROMIUM": "the browser tests' browser (default: Debian's /usr/bin/chromium; GitHub's runners: google-chrome)",
    "BIDI": "0: never reorder Arabic in terminal messages (for terminals that do bidi themselves)",
}


def get(name: str, default: str = "", environ: Mapping[str, str] | None = None) -> str:
    """The variable's value; a name not in the table is a programming error."""
    if name not in VARIABLES:
        raise KeyError(f"{name} is not a documented environment variable (newsroom/core/environment.py)")
    return (os.environ if environ is None else environ).get(name, default)


def flag(name: str, environ: Mapping[str, str] | None = None) -> bool:
    """A yes/no variable: set to 1."""
    return get(name, "", environ) == "1"
