from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from social_cards import draw as module
from social_cards.draw import COLOURS, Card, card_key, card_png, draw_card, has_raqm, wrap

FONTS = Path(__file__).resolve().parents[2] / "theme" / "fonts"
TITLE = "بلدية مسقط تحتفي بيوم المدينة العربية"


def differing(a: Image.Image, b: Image.Image) -> int:
    """How many pixels differ visibly between two renders."""
    difference = ImageChops.difference(a.convert("L"), b.convert("L")).point(lambda v: 255 if v > 64 else 0)
    return difference.histogram()[255]


def naive(card: Card) -> Image.Image:
    """What a renderer without shaping or bidi would draw: letters isolated, left to right."""
    from social_cards import draw as module

    original = module._visual
    module._visual = lambda text, lang, engine: text
    try:
        return draw_card(card, FONTS, "basic")
    finally:
        module._visual = original


def test_arabic_is_shaped_and_in_visual_order() -> None:
    if not has_raqm():
        if os.environ.get("CI") == "true":
            pytest.fail("the shaping test must run in CI: this Pillow has no raqm layout (libraqm, libfribidi)")
        pytest.skip("this Pillow has no raqm layout")
    card = Card("تحتفي بيوم المدينة العربية", "بلدية مسقط", "15 مارس 2020", "ar")  # one line in both paths
    raqm, fallback, unshaped = draw_card(card, FONTS, "raqm"), draw_card(card, FONTS, "basic"), naive(card)
    assert raqm.size == (1200, 630)
    # The two correct paths (raqm; python-bidi + arabic-reshaper) agree closely, and both
    # differ far more from text drawn without shaping and ordering.
    close, far = differing(raqm, fallback), differing(raqm, unshaped)
    assert close * 4 < far, (close, far)


def test_the_fallback_uses_joined_letter_forms() -> None:
    from social_cards.draw import _visual

    shown = _visual(TITLE, "ar", "basic")
    assert any("\ufe70" <= c <= "\ufeff" for c in shown)  # presentation forms: joined letters
    assert shown[0] != TITLE[0]  # visual order: the first word is drawn at the right


def test_titles_wrap_to_three_lines_with_an_ellipsis() -> None:
    words = ("كلمة " * 60).strip()
    lines = wrap(words, lambda text: len(text) <= 40)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(len(line) <= 40 for line in lines)
    assert wrap("قصير", lambda text: True) == ["قصير"]


def test_cache_key_changes_with_what_the_card_shows() -> None:
    card = Card(TITLE, "بلدية مسقط", "15 مارس 2020", "ar")
    assert card_key(card, FONTS, "raqm") == card_key(Card(TITLE, "بلدية مسقط", "15 مارس 2020", "ar"), FONTS, "raqm")
    assert card_key(card, FONTS, "raqm") != card_key(
        Card(TITLE + "!", "بلدية مسقط", "15 مارس 2020", "ar"), FONTS, "raqm"
    )


@pytest.mark.parametrize(
    "card",
    [
        Card(TITLE + " وتكرّم الفائزين بجائزة المدينة الذكية لعام ٢٠٢٦", "بلدية مسقط", "١٥ مارس ٢٠٢٦", "ar"),
        Card("Muscat celebrates Arab City Day and honours the smart city prize winners", "Muscat", "15 March", "en"),
    ],
)
def test_a_card_is_its_own_colours_and_close_to_the_full_colour_drawing(card: Card) -> None:
    """The PNG holds the card's colours only (the background, and each text colour with its
    anti-aliased edges), each pixel at most 9 of 255 on a channel from the full-colour
    drawing (a reduction to 64 colours chosen per card was up to 14 away)."""
    engine = "raqm" if has_raqm() else "basic"
    png = Image.open(io.BytesIO(card_png(card, FONTS, engine)))
    assert png.format == "PNG" and png.mode == "P" and png.size == (1200, 630)
    shown = png.convert("RGB")
    assert {colour for _count, colour in shown.getcolors(256)} <= set(COLOURS)
    full = draw_card(card, FONTS, engine)
    assert max(high for _low, high in ImageChops.difference(full, shown).getextrema()) <= 9
    assert differing(full, shown) == 0


def test_the_part_every_card_shares_is_drawn_once_and_the_card_is_the_same() -> None:
    """The background, band and site name are drawn once per language: a card drawn after
    others is the one drawn alone, pixel for pixel."""
    first = Card(TITLE, "بلدية مسقط", "١٥ مارس ٢٠٢٦", "ar")
    later = Card("افتتاح طريق الواجهة البحرية", "بلدية مسقط", "١ يونيو ٢٠٢٦", "ar")
    module._background.cache_clear()
    alone = draw_card(later, FONTS, "basic").tobytes()
    module._background.cache_clear()
    draw_card(first, FONTS, "basic")
    assert draw_card(later, FONTS, "basic").tobytes() == alone
    assert module._background.cache_info().hits >= 1
    other_site = draw_card(Card(later.title, "بلدية صحار", later.date_text, "ar"), FONTS, "basic")
    assert other_site.tobytes() != alone  # the site's name is part of what is kept
