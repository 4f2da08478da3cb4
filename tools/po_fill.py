"""Fill catalog entries from a table (a translator's helper; make translations first).

    python tools/po_fill.py ar 'English message=ترجمة' ...

English catalogs take the message itself. Fuzzy flags on filled entries are cleared.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOGS = Path(__file__).resolve().parent.parent / "theme" / "translations"


def fill(lang: str, table: dict[str, str]) -> list[str]:
    path = CATALOGS / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    for message in catalog:
        if not message.id or isinstance(message.id, tuple | list):
            continue
        if lang == "en":
            message.string = message.id
            message.flags.discard("fuzzy")
        elif message.id in table:
            message.string = table[message.id]
            message.flags.discard("fuzzy")
    catalog.obsolete.clear()
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0, sort_output=True, no_location=True, ignore_obsolete=True)
    return [m.id for m in catalog if m.id and (not m.string or "fuzzy" in m.flags)]


if __name__ == "__main__":
    language, *pairs = sys.argv[1:]
    missing = fill(language, dict(pair.split("=", 1) for pair in pairs))
    print("still to translate:", missing or "nothing")
