"""Start a new pair: the Arabic and the English file, with every key ready to fill.

    make new SLUG=road-opening          content/{ar,en}/news/road-opening.md
    make new-award SLUG=smart-prize     content/{ar,en}/awards/smart-prize.md
    make new-notice SLUG=road-closure   content/{ar,en}/notices/road-closure.md

The date is now, in the site's time zone (TIMEZONE in the settings). Empty values (`Title:`)
are reported by `make check` until they are filled in; lines starting with # are hints and can
stay or go. An existing file is never overwritten, and the name must be a valid web address.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from newsroom import PROJECT
from newsroom.core.contract import RESERVED_SLUGS, content_hash, read_source
from newsroom.core.dates import DEFAULT_TZ, build_clock
from newsroom.core.problems import Collector
from newsroom.core.settings import site_timezone
from newsroom.core.slugs import is_ascii_slug, suggest_ascii_slug

FOLDERS = {"news": "news", "award": "awards", "notice": "notices"}
HINTS = {
    "ar": {
        "category": "تصنيف من content/glossary.yml",
        "tags": "وسوم مفصولة بفواصل",
        "summary": "جملة أو جملتان للقوائم والمشاركة",
        "image": "اسم صورة في content/images/ مع وصفها",
        "body": "اكتب نص الخبر هنا.",
        "award": "اكتب وصف الجائزة هنا.",
        "notice": "اكتب نص التنبيه هنا.",
    },
    "en": {
        "category": "a category from content/glossary.yml",
        "tags": "comma-separated tags",
        "summary": "a sentence or two for listings and sharing",
        "image": "a picture in content/images/ and its description",
        "body": "Write the article here.",
        "award": "Describe the award here.",
        "notice": "Write the notice here.",
    },
}


def header(kind: str, lang: str, now: dt.datetime) -> str:
    hint = HINTS[lang]
    if kind == "news":
        return (
            f"Title:\nDate: {now:%Y-%m-%d %H:%M}\n# Category: ({hint['category']})\n# Tags: ({hint['tags']})\n"
            f"# Summary: ({hint['summary']})\n# Image: ({hint['image']})\n# Image-Alt:\n# Image-Credit:\n"
            f"# Awards:\nStatus: draft\n\n{hint['body']}\n"
        )
    if kind == "award":
        return (
            f"Title:\n# Date: (YYYY, YYYY-MM or YYYY-MM-DD — only what is known)\n# Awarder:\n# Edition:\n"
            f"# Project:\n# Rank:\n# Link:\n# Summary: ({hint['summary']})\n# Image: ({hint['image']})\n"
            f"# Image-Alt:\n# Image-Credit:\nStatus: draft\n\n{hint['award']}\n"
        )
    return f"Title:\nExpires: {now + dt.timedelta(days=1):%Y-%m-%d %H:%M}\n\n{hint['notice']}\n"


def create(kind: str, slug: str, content: Path, now: dt.datetime | None = None, tz: str = DEFAULT_TZ) -> list[Path]:
    if not is_ascii_slug(slug) or slug in RESERVED_SLUGS:
        raise ValueError(
            f"'{slug}' cannot be a web address: use lower-case English letters, digits and hyphens, "
            f"e.g. SLUG={suggest_ascii_slug(slug)}"
        )
    paths = [content / lang / FOLDERS[kind] / f"{slug}.md" for lang in ("ar", "en")]
    existing = [p for p in paths if p.exists()]
    if existing:
        raise ValueError(f"{existing[0]} already exists: choose another SLUG (nothing was changed)")
    moment = now or build_clock(tz=tz)
    for path, lang in zip(paths, ("ar", "en"), strict=True):
        path.parent.mkdir(parents=True, exist_ok=True)
        text = header(kind, lang, moment)
        if lang == "en" and kind != "notice":
            # The English file is the translation of the Arabic one, as it is now (empty): once
            # the Arabic is written, `make status` and the build say the translation is behind.
            source = read_source(paths[0], "ar", f"{FOLDERS[kind]}/{slug}.md", Collector(), tz=tz)
            if source is not None:
                text = text.replace("Status: draft\n", f"Status: draft\nTranslation-Of: {content_hash(source)}\n", 1)
        with path.open("x", encoding="utf-8") as handle:  # "x": never overwrite, even in a race
            handle.write(text)
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("kind", choices=sorted(FOLDERS))
    parser.add_argument("slug")
    parser.add_argument("--content", type=Path, default=PROJECT / "content")
    parser.add_argument("--settings", type=Path, default=PROJECT / "pelican.conf.py")
    args = parser.parse_args(argv)
    if not args.slug:
        target = {"news": "new", "award": "new-award", "notice": "new-notice"}[args.kind]
        example = {"news": "road-opening", "award": "smart-city-prize", "notice": "road-closure"}[args.kind]
        print(f"Give the new file a name (its web address): make {target} SLUG={example}", file=sys.stderr)
        return 1
    try:
        paths = create(args.kind, args.slug, args.content, tz=site_timezone(args.settings))
    except ValueError as exc:
        print(f"Not created: {exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(f"created {path.relative_to(args.content.parent) if path.is_relative_to(args.content.parent) else path}")
    print("Fill in the Title (and the rest), remove 'Status: draft' when it is ready, then: make serve")
    return 0


if __name__ == "__main__":
    sys.exit(main())
