"""Drawing a 1200×630 social card: the title in its language, shaped and in order.

Arabic needs two things a plain text renderer lacks: shaping (the joined letter forms)
and bidi ordering. Pillow's raqm layout does both; where Pillow has no raqm, python-bidi
orders the text and arabic-reshaper picks the letter forms (python-bidi does not shape).
"""

from __future__ import annotations

import functools
import hashlib
import io
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

__all__ = ["Card", "card_key", "card_png", "draw_card", "has_raqm", "wrap"]

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
GREEN, GOLD, CREAM, WHITE = (11, 107, 83), (233, 196, 106), (244, 241, 232), (255, 255, 255)
FACES = {
    "ar": ("NotoNaskhArabic-Bold.ttf", "NotoNaskhArabic-Regular.ttf"),
    "en": ("NotoSans-Bold.ttf", "NotoSans-Regular.ttf"),
}
VERSION = "3"  # bump when the drawing changes, so cached cards are redrawn (3: the card's own 63 colours)


def _ramp(start: tuple[int, int, int], end: tuple[int, int, int], steps: int) -> list[tuple[int, int, int]]:
    return [
        tuple(round(a + (b - a) * step / (steps - 1)) for a, b in zip(start, end, strict=True)) for step in range(steps)
    ]


# The card's colours: the background, and each colour drawn on it with its anti-aliased edges
# (the steps from the background to it). Every pixel is mapped to the nearest of these: the
# picture differs from the full-colour drawing by at most 9 of 255 on a channel, 0.04 on
# average (a reduction to 64 colours chosen per card: up to 14, 0.11 on average, and it took
# 6.3 ms a card against 0.8 ms).
COLOURS = _ramp(GREEN, GOLD, 21) + _ramp(GREEN, WHITE, 22)[1:] + _ramp(GREEN, CREAM, 22)[1:]


@dataclass(frozen=True)
class Card:
    title: str
    site_name: str
    date_text: str
    lang: str


def has_raqm() -> bool:
    return bool(features.check("raqm"))


def card_key(card: Card, fonts: Path, engine: str) -> str:
    """A hash of everything the card shows and draws with."""
    digest = hashlib.sha256(
        f"{VERSION}\0{engine}\0{card.lang}\0{card.title}\0{card.site_name}\0{card.date_text}".encode()
    )
    digest.update(_faces_hash(fonts, card.lang).encode())
    return digest.hexdigest()[:32]


@functools.cache
def _faces_hash(fonts: Path, lang: str) -> str:
    """The digests of the language's font files, one after the other (read once a process)."""
    return "".join(hashlib.sha256((fonts / name).read_bytes()).hexdigest() for name in FACES[lang])


@functools.cache
def _font(path: Path, size: int, engine: str) -> ImageFont.FreeTypeFont:
    layout = ImageFont.Layout.RAQM if engine == "raqm" else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(path), size, layout_engine=layout)


def _visual(text: str, lang: str, engine: str) -> str:
    """What to hand Pillow: the logical text for raqm, shaped visual text otherwise."""
    if engine == "raqm" or lang != "ar":
        return text
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text), base_dir="R")


def _width(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, lang: str, engine: str) -> float:
    if engine == "raqm":
        return draw.textlength(text, font=font, direction="rtl" if lang == "ar" else "ltr", language=lang)
    return draw.textlength(_visual(text, lang, engine), font=font)


def wrap(text: str, fits: callable, max_lines: int = 3) -> list[str]:  # type: ignore[valid-type]
    """Greedy word wrap into at most `max_lines`; the last line ends with … if cut."""
    words, lines, current = text.split(), [], ""
    for index, word in enumerate(words):
        trial = f"{current} {word}".strip()
        if fits(trial) or not current:
            current = trial
            continue
        lines.append(current)
        current = word
        if len(lines) == max_lines:
            current = ""
            rest = words[index:]
            break
    else:
        rest = []
    if current:
        lines.append(current)
    if len(lines) > max_lines or rest:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and not fits(last + "…"):
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = last + "…"
    return lines


@functools.cache
def _palette() -> Image.Image:
    palette = Image.new("P", (1, 1))
    palette.putpalette([channel for colour in COLOURS for channel in colour])
    return palette


def card_png(card: Card, fonts: Path, engine: str | None = None) -> bytes:
    """The card as a PNG of the card's own colours (about 18 KB)."""
    image = draw_card(card, fonts, engine).quantize(palette=_palette(), dither=Image.Dither.NONE)
    buffer = io.BytesIO()
    # zlib's run-length strategy: the card is runs of one colour. 1.7 ms against 4.2 ms for
    # the default strategy; 17.6 against 13.7 KiB on average over the bench corpus's titles
    # (5% on a long one); optimize=True: 3x slower.
    image.save(buffer, "PNG", compress_type=zlib.Z_RLE)
    return buffer.getvalue()


def _writer(
    draw: ImageDraw.ImageDraw, lang: str, engine: str
) -> Callable[[tuple[float, float], str, ImageFont.FreeTypeFont, tuple[int, ...]], None]:
    rtl = lang == "ar"
    anchor = "ra" if rtl else "la"
    direction = "rtl" if rtl else "ltr"

    def text(xy: tuple[float, float], value: str, font: ImageFont.FreeTypeFont, fill: tuple[int, ...]) -> None:
        if engine == "raqm":
            draw.text(xy, value, font=font, fill=fill, anchor=anchor, direction=direction, language=lang)
        else:
            draw.text(xy, _visual(value, lang, engine), font=font, fill=fill, anchor=anchor)

    return text


@functools.lru_cache(maxsize=8)
def _background(site_name: str, lang: str, fonts: Path, engine: str) -> Image.Image:
    """What every card of a language shows alike (the colours, the band, the site's name):
    drawn once per process (a build's language), not once per card."""
    image = Image.new("RGB", (WIDTH, HEIGHT), GREEN)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, HEIGHT - 24, WIDTH, HEIGHT), fill=GOLD)
    start = WIDTH - MARGIN if lang == "ar" else MARGIN
    _writer(draw, lang, engine)((start, 64), site_name, _font(fonts / FACES[lang][0], 40, engine), GOLD)
    return image


def draw_card(card: Card, fonts: Path, engine: str | None = None) -> Image.Image:
    engine = engine or ("raqm" if has_raqm() else "basic")
    bold_name, regular_name = FACES[card.lang]
    image = _background(card.site_name, card.lang, fonts, engine).copy()
    draw = ImageDraw.Draw(image)
    rtl = card.lang == "ar"
    start = WIDTH - MARGIN if rtl else MARGIN
    text = _writer(draw, card.lang, engine)
    usable = WIDTH - 2 * MARGIN
    for size in (72, 64, 56):
        font = _font(fonts / bold_name, size, engine)
        lines = wrap(card.title, lambda t, f=font: _width(draw, t, f, card.lang, engine) <= usable)
        if len(lines) <= 3 and not lines[-1].endswith("…"):
            break
    line_height = int(size * (1.55 if rtl else 1.3))
    top = 170 + (3 - len(lines)) * line_height // 2
    for number, line in enumerate(lines):
        text((start, top + number * line_height), line, font, WHITE)
    if card.date_text:
        text((start, HEIGHT - 110), card.date_text, _font(fonts / regular_name, 36, engine), CREAM)
    return image
