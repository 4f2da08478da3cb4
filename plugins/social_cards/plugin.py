"""The `social_cards` plugin: a 1200×630 PNG for every article and award (and one per
language for the other pages), drawn at build time with the theme's committed fonts.

Cards are cached by a hash of what they show (title, site name, date, fonts, drawing
version), so an unchanged article is never redrawn: in `CACHE/<lang>/`, a `FileStore`
(newsroom/core/cache.py), so a damaged card is drawn again (with a notice) and never
published. Each card is written beside its page (`/ar/news/<slug>/card.png`): the card
already published there when it has the same bytes, else a copy of the cached one (never a
hard link to the cache). Its address, size and description are given to the templates
(`article.card`, `SITE_CARD`) and the feeds.
"""

from __future__ import annotations

import logging
import os
import posixpath
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican import signals

from newsroom.core import dates, languages
from newsroom.core.cache import FileStore
from newsroom.core.state import state_of

from .draw import HEIGHT, WIDTH, Card, card_key, card_png, has_raqm

logger = logging.getLogger(__name__)

__all__ = ["CardInfo", "register"]

SETTING = "SOCIAL_CARDS"
DEFAULTS: dict[str, Any] = {
    "ENABLED": True,
    "FONTS": None,  # folder with the TTFs (theme/fonts)
    "CACHE": None,  # folder for drawn cards, kept between builds
    "NAME": "card.png",  # file name beside each page
}


@dataclass(frozen=True)
class CardInfo:
    url: str
    path: str  # below the output folder
    width: int
    height: int
    alt: str


def _check_config(config: dict[str, Any]) -> None:
    if config["ENABLED"] and (not config["FONTS"] or not Path(config["FONTS"]).is_dir()):
        raise ValueError(f"{SETTING}['FONTS'] must be the folder with the card fonts (theme/fonts)")
    if config["ENABLED"] and not config["CACHE"]:
        raise ValueError(f"{SETTING}['CACHE'] must name a folder to keep drawn cards in")


def config_of(settings: dict[str, Any]) -> dict[str, Any]:
    config = {**DEFAULTS, **settings.get(SETTING, {})}
    _check_config(config)
    return config


def _place(
    card: Card, path: str, output: str | Path, published: str | Path | None, fonts: Path, store: FileStore, engine: str
) -> bool:
    """Put the card at `output/path`, drawing it first if it is not cached (or is damaged);
    True if drawn."""
    return store.place(
        f"{card_key(card, fonts, engine)}.png",
        lambda: card_png(card, fonts, engine),
        os.path.join(output, path),
        os.path.join(published, path) if published is not None else None,
    )


def _published(settings: dict[str, Any]) -> Path | None:
    """The published site (its cards are linked when unchanged): the render cache's."""
    folder = settings.get("INCREMENTAL", {}).get("PUBLISHED", "")
    return Path(folder).resolve() if folder else None


def all_generators_finalized(generators: list[Any]) -> None:
    settings = generators[0].settings
    config = config_of(settings)
    if not config["ENABLED"]:
        return
    started = time.perf_counter()
    state = state_of(settings)
    lang = languages.get(state.lang)
    digits = state.config["DIGITS"][state.lang]
    fonts, cache = Path(config["FONTS"]), Path(config["CACHE"])
    for old in cache.glob("*.png"):  # cards of an earlier layout (one folder for both languages)
        old.unlink(missing_ok=True)
    store = FileStore(cache / lang.code, state.collector)
    output, published = Path(generators[0].output_path), _published(settings)
    engine = "raqm" if has_raqm() else "basic"
    drawn = placed = 0
    items: list[tuple[Any, str]] = []
    shown: dict[tuple[Any, str], str] = {}  # date -> as the card writes it (many articles share a day)
    for generator in generators:
        for content in getattr(generator, "articles", []) + getattr(generator, "awards", []):
            when = getattr(content, "when", None) or getattr(content, "date", None)
            # by its text too: two times of the same instant in other offsets are equal in Python
            key = (when, str(when))
            if when and key not in shown:
                shown[key] = dates.format_date(when, lang.locale, digits)
            items.append((content, shown[key] if when else ""))
    for content, date_text in items:
        path = posixpath.join(posixpath.dirname(content.save_as), config["NAME"])
        card = Card(title=content.title, site_name=settings["SITENAME"], date_text=date_text, lang=lang.code)
        drawn += _place(card, path, output, published, fonts, store, engine)
        placed += 1
        content.card = CardInfo(f"{settings['SITEURL']}/{path}", path, WIDTH, HEIGHT, content.title)
    site_path = f"{lang.code}/{config['NAME']}"
    site_card = Card(title=settings["SITENAME"], site_name=settings["SITENAME"], date_text="", lang=lang.code)
    drawn += _place(site_card, site_path, output, published, fonts, store, engine)
    store.save()
    info = CardInfo(f"{settings['SITEURL']}/{site_path}", site_path, WIDTH, HEIGHT, settings["SITENAME"])
    for generator in generators:
        generator.context["SITE_CARD"] = info
        generator.context["_SOCIAL_CARDS_SETTINGS"] = settings
        generator.env.globals["SITE_CARD"] = info
    state.stages["cards"] = {
        "seconds": time.perf_counter() - started,
        "cards": placed + 1,
        "drawn": drawn,
        "engine": engine,
    }


def feed_generated(context: dict[str, Any], feed: Any) -> None:
    """Each feed entry carries its card, as an Atom enclosure link."""
    from feedgenerator import Enclosure

    settings = context.get("_SOCIAL_CARDS_SETTINGS")
    if not settings:
        return
    output = Path(settings["OUTPUT_PATH"])
    cards = {item.url: item.card for item in context.get("articles", []) if hasattr(item, "card")}
    for entry in feed.items:
        link = entry["link"]
        relative = link[len(settings["SITEURL"]) :].lstrip("/") if link.startswith(settings["SITEURL"]) else link
        card = cards.get(relative.lstrip("/"))
        if card is not None and (output / card.path).exists():
            entry["enclosures"] = [Enclosure(card.url, str((output / card.path).stat().st_size), "image/png")]


def register() -> None:
    signals.all_generators_finalized.connect(all_generators_finalized)
    signals.feed_generated.connect(feed_generated)
