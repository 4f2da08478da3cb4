"""Make the web fonts: WOFF2 subsets of the committed TTFs (make fonts).

The TTFs in theme/fonts/ (OFL, see OFL.txt there) are the sources; social cards draw
with them. The web subsets written to theme/static/fonts/ keep only what the site
needs: Arabic letters, marks, Arabic and Latin digits and punctuation for Noto Naskh
Arabic; Basic Latin and Latin-1 for Noto Sans. The stylesheet's `unicode-range`
matches these ranges, so a browser fetches a face only when a page uses it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from fontTools import subset

THEME = Path(__file__).resolve().parent.parent / "theme"

ARABIC = [
    (0x0020, 0x0040),  # space, ASCII punctuation and digits
    (0x005B, 0x0060),
    (0x007B, 0x007E),
    (0x00A0, 0x00A0),
    (0x00AB, 0x00AB),
    (0x00BB, 0x00BB),
    (0x0600, 0x06FF),  # Arabic
    (0x0750, 0x077F),  # Arabic Supplement
    (0x200C, 0x200F),
    (0x2010, 0x2027),
    (0x2066, 0x2069),
    (0xFD3E, 0xFD3F),  # ornate parentheses
]
LATIN = [
    (0x0020, 0x007E),
    (0x00A0, 0x00FF),
    (0x0131, 0x0131),
    (0x0152, 0x0153),
    (0x2013, 0x2014),
    (0x2018, 0x201E),
    (0x2022, 0x2022),
    (0x2026, 0x2026),
    (0x20AC, 0x20AC),
]

FACES = {
    "NotoNaskhArabic-Regular": ARABIC,
    "NotoNaskhArabic-Bold": ARABIC,
    "NotoSans-Regular": LATIN,
    "NotoSans-Bold": LATIN,
}


def codepoints(ranges: list[tuple[int, int]]) -> list[int]:
    return [c for start, end in ranges for c in range(start, end + 1)]


def unicode_range(ranges: list[tuple[int, int]]) -> str:
    return ", ".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in ranges)


def main() -> None:
    target = THEME / "static" / "fonts"
    target.mkdir(parents=True, exist_ok=True)
    for name, ranges in FACES.items():
        options = subset.Options()
        options.flavor = "woff2"
        options.layout_features = ["*"]  # Arabic shaping (init, medi, fina, liga, mark …)
        options.hinting = False
        options.desubroutinize = True
        font = subset.load_font(str(THEME / "fonts" / f"{name}.ttf"), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints(ranges))
        subsetter.subset(font)
        out = target / f"{name}.woff2"
        subset.save_font(font, str(out), options)
        print(f"{out.relative_to(THEME.parent)}  {out.stat().st_size / 1024:.1f} KiB")
    shutil.copy(THEME / "fonts" / "OFL.txt", target / "OFL.txt")
    for label, ranges in (("Arabic", ARABIC), ("Latin", LATIN)):
        print(f"unicode-range ({label}): {unicode_range(ranges)}")


if __name__ == "__main__":
    main()
