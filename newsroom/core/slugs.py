"""One slug function for files, categories, tags and heading anchors.

`slugify` keeps Arabic letters (an Arabic heading gets a readable id, not `_1`),
removes what must never reach a URL (tashkeel, tatweel, invisible and bidi control
characters) and folds Persian look-alike letters onto their Arabic forms, so two
spellings that look the same give the same slug.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "ASCII_SLUG",
    "INVISIBLE",
    "find_invisible",
    "is_ascii_slug",
    "normalize_arabic",
    "slugify",
    "suggest_ascii_slug",
    "toc_slugify",
]

# What a file name (without .md) or a `Slug:` value must look like.
ASCII_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# Arabic vowel marks and other combining signs (tashkeel), and the tatweel.
_TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
_TATWEEL = "\u0640"

# Invisible and bidi control characters: never allowed in titles, slugs, file names
# or metadata (issue 7); LRM/RLM/ALM are allowed in body text only.
INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")

# Persian / Urdu letters that look like Arabic ones.
_LOOKALIKES = str.maketrans(
    {
        "\u06cc": "\u064a",  # Farsi yeh -> yeh
        "\u06d2": "\u064a",  # yeh barree -> yeh
        "\u06a9": "\u0643",  # keheh -> kaf
        "\u06d5": "\u0647",  # ae -> heh
        "\u06c1": "\u0647",  # heh goal -> heh
        "\u06be": "\u0647",  # heh doachashmee -> heh
        "\u0660": "0",
        "\u0661": "1",
        "\u0662": "2",
        "\u0663": "3",
        "\u0664": "4",
        "\u0665": "5",
        "\u0666": "6",
        "\u0667": "7",
        "\u0668": "8",
        "\u0669": "9",
        "\u06f0": "0",
        "\u06f1": "1",
        "\u06f2": "2",
        "\u06f3": "3",
        "\u06f4": "4",
        "\u06f5": "5",
        "\u06f6": "6",
        "\u06f7": "7",
        "\u06f8": "8",
        "\u06f9": "9",
    }
)

_NON_WORD = re.compile(r"[^\w]+")


# Characters that show nothing (or a blank) although they are not spaces: Hangul fillers,
# the combining grapheme joiner, Khmer inherent vowels, Mongolian and other variation selectors.
_IGNORABLE = frozenset({0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x2800, 0x3164, 0xFFA0}) | frozenset(
    [*range(0x180B, 0x1810), *range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0)]
)
# Format characters (Cf: bidi controls, zero-width characters, soft hyphen, tag characters
# U+E0000-E007F, ...), line and paragraph separators, and control characters other than tab.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Zl", "Zp", "Cc"})


def _ranges(codes: frozenset[int]) -> str:
    """A regex character class of `codes`, as ranges (a class of 270 single characters is
    looked through one by one: 10 µs for a title, against 0.3 µs)."""
    runs: list[list[int]] = []
    for code in sorted(codes):
        if runs and code == runs[-1][1] + 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return "[" + "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in runs) + "]"


_IGNORABLE_CHAR = re.compile(_ranges(_IGNORABLE))


def find_invisible(text: str) -> list[str]:
    """The invisible, format, separator or control characters in `text`, as `U+XXXX` names
    (each once, in order of appearance). Never allowed in metadata or file names."""
    if text.isprintable() and not _IGNORABLE_CHAR.search(text):
        # The common case (a title, a tag), decided in C: `isprintable` is false for every Cc,
        # Cf, Zl and Zp character (Python's "Other" and "Separator" categories but the space).
        return []
    found: list[str] = []
    for char in text:
        code = ord(char)
        if code < 0x7F and char != "\x7f" and (char == "\t" or code >= 0x20):
            continue  # plain ASCII: the common case, decided without a table
        if code in _IGNORABLE or unicodedata.category(char) in _INVISIBLE_CATEGORIES:
            name = f"U+{code:04X}"
            if name not in found:
                found.append(name)
    return found


def normalize_arabic(text: str) -> str:
    """NFKC, without tashkeel and tatweel, look-alike letters and digits folded."""
    text = unicodedata.normalize("NFKC", text)
    text = INVISIBLE.sub("", text)
    text = _TASHKEEL.sub("", text).replace(_TATWEEL, "")
    return text.translate(_LOOKALIKES)


def slugify(text: str, separator: str = "-") -> str:
    """A lower-case slug of `text`; Arabic letters are kept, never transliterated.

    >>> slugify("Arab City Day")
    'arab-city-day'
    >>> slugify("مُنجزات عديدة")
    'منجزات-عديدة'
    """
    text = normalize_arabic(text).casefold()
    text = _NON_WORD.sub(" ", text).replace("_", " ")
    return separator.join(text.split())


def toc_slugify(value: str, separator: str) -> str:
    """Python-Markdown's `toc` extension calls this for heading ids."""
    return slugify(value, separator) or "section"


def is_ascii_slug(value: str) -> bool:
    """Whether `value` is a valid file name stem or `Slug:` (a-z, 0-9, hyphens)."""
    return bool(ASCII_SLUG.match(value))


def suggest_ascii_slug(*candidates: str) -> str:
    """A valid ASCII slug made from the first candidate that gives one.

    Arabic never becomes a slug (the design forbids it): a candidate written in
    Arabic letters gives nothing, and the generic suggestion is returned.
    """
    for candidate in candidates:
        slug = slugify(candidate)
        ascii_only = re.sub(r"[^a-z0-9-]", "", slug)
        ascii_only = re.sub(r"-{2,}", "-", ascii_only).strip("-")
        if ascii_only and ascii_only == slug:
            return ascii_only
    return "short-english-words-with-hyphens"
