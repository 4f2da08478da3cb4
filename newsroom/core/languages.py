"""The language table: the one place that knows what "ar" and "en" mean.

Every other module (plugins, build driver, tests) imports from here; nothing else
hard-codes a direction, a locale or the list of languages.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LANGUAGES", "DEFAULT_LANG", "Language", "other", "get"]


@dataclass(frozen=True)
class Language:
    """One language of the site: code, direction, names, locales."""

    code: str  # "ar": folder name, URL prefix, <html lang>
    dir: str  # "rtl" or "ltr": <html dir>
    name: str  # the language's own name, for the switcher
    locale: str  # Babel locale for dates and numbers
    og_locale: str  # Open Graph locale


LANGUAGES: dict[str, Language] = {
    "ar": Language(code="ar", dir="rtl", name="العربية", locale="ar_OM", og_locale="ar_OM"),
    "en": Language(code="en", dir="ltr", name="English", locale="en_GB", og_locale="en_GB"),
}

# The language readers land on from "/" and the target of hreflang="x-default".
DEFAULT_LANG = "ar"


def get(code: str) -> Language:
    """The language for `code`; a clear error for anything else."""
    try:
        return LANGUAGES[code]
    except KeyError:
        known = ", ".join(LANGUAGES)
        raise ValueError(f"unknown language {code!r}: use one of {known}") from None


def other(code: str) -> str:
    """The counterpart language of `code` (the site has exactly two)."""
    get(code)
    (result,) = (c for c in LANGUAGES if c != code)
    return result
