"""The `images` plugin: responsive images in articles, awards and pages.

Every `<img>` of a raster file in `content/images/` becomes a `<picture>` with WebP and the
original format at several widths (`srcset`, `sizes`), `width`/`height` so nothing jumps while
loading, and `loading="lazy"` below the first image. The files themselves are made once for
both languages by the build driver (`make_variants`), cached by content.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape
from pelican import signals

from newsroom.core.images import RASTER, plan_for

__all__ = ["picture", "register"]

SETTING = "IMAGES"
DEFAULTS: dict[str, Any] = {
    "ROOT": None,  # content/images
    "SIZES": "(min-width: 48rem) 46rem, 100vw",  # the article column, or the whole phone screen
}
_IMG = re.compile(r'<img\b([^>]*?)\bsrc="(?:[^"]*?)/images/([^"]+)"([^>]*)>')


def _check_config(config: dict[str, Any]) -> None:
    if not config["ROOT"]:
        raise ValueError(f"{SETTING}['ROOT'] must be the folder of the site's images (content/images)")


def config_of(settings: dict[str, Any]) -> dict[str, Any]:
    config = {**DEFAULTS, **settings.get(SETTING, {})}
    _check_config(config)
    return config


def picture(name: str, alt: str, config: dict[str, Any], siteurl: str = "", eager: bool = False) -> Markup:
    """The <picture> for images/`name`; a plain <img> for files that are not raster images."""
    root = Path(config["ROOT"])
    path = root / name
    if path.suffix.lower() not in RASTER or not path.is_file():
        return Markup('<img src="{}/images/{}" alt="{}">').format(siteurl, name, alt)
    plan = plan_for(path, root)
    loading = 'fetchpriority="high"' if eager else 'loading="lazy" decoding="async"'
    own = plan.srcset([f for _n, _w, f in plan.variants if f != "webp"][0]).replace("/images/", f"{siteurl}/images/")
    webp = plan.srcset("webp").replace("/images/", f"{siteurl}/images/")
    return Markup(
        f'<picture><source type="image/webp" srcset="{webp}" sizes="{escape(config["SIZES"])}">'
        f'<img src="{siteurl}/images/{plan.fallback}" srcset="{own}" sizes="{escape(config["SIZES"])}" '
        f'width="{plan.width}" height="{plan.height}" alt="{escape(alt)}" {loading}></picture>'
    )


def content_object_init(content: Any) -> None:
    if not getattr(content, "_content", None) or SETTING not in content.settings:
        return
    config = config_of(content.settings)
    # The first picture loads at once, unless the page already leads with its Image:.
    count = {"n": 1 if getattr(content, "image", None) else 0}

    def replace(match: re.Match[str]) -> str:
        attributes = match.group(1) + match.group(3)
        alt = re.search(r'alt="([^"]*)"', attributes)
        count["n"] += 1
        return str(
            picture(
                match.group(2),
                Markup(alt.group(1)).unescape() if alt else "",
                config,
                content.settings.get("SITEURL", ""),
                eager=count["n"] == 1,
            )
        )

    content._content = _IMG.sub(replace, content._content)


def generator_init(generator: Any) -> None:
    if SETTING not in generator.settings:
        return
    config = config_of(generator.settings)
    siteurl = generator.settings.get("SITEURL", "")
    generator.env.globals["picture"] = lambda name, alt, eager=False: picture(name, alt, config, siteurl, eager)


def register() -> None:
    signals.content_object_init.connect(content_object_init)
    signals.generator_init.connect(generator_init)
