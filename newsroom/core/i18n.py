"""Interface strings: gettext catalogs (.po), compiled by Babel when the build runs."""

from __future__ import annotations

import functools
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

__all__ = ["load_translations"]


@functools.cache
def load_translations(folder: str, lang: str) -> NullTranslations:
    """The catalog `folder/<lang>/LC_MESSAGES/messages.po`, compiled in memory.

    Fuzzy entries are left out, as `msgfmt` does; a missing catalog falls back to the
    message ids (English)."""
    po = Path(folder) / lang / "LC_MESSAGES" / "messages.po"
    if not po.exists():
        return NullTranslations()
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer, domain="messages")
