"""Responsive image variants: which files exist for an image, and making them.

For `content/images/road.jpg` (2400×1600) the site gets road-480.jpg, road-960.jpg,
road-1600.jpg and the same widths in WebP, never wider than the original, plus road.jpg
itself re-encoded. Every published file is re-encoded from the pixels, so EXIF (camera,
GPS location) never reaches readers; the photo is turned upright first (EXIF orientation).
The files made are kept in a `FileStore` (newsroom/core/cache.py) by the picture's hash:
a damaged one is made again (with a notice) and never published.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps

from .cache import FileStore

__all__ = ["RASTER", "ImagePlan", "make_variants", "plan_for"]

RASTER = {".jpg", ".jpeg", ".png", ".webp"}
WIDTHS = (480, 960, 1600)
VERSION = "1"


@dataclass(frozen=True)
class ImagePlan:
    """The responsive files of one picture: its size, the variants and the fallback."""

    name: str  # path below images/, e.g. "road.jpg"
    width: int
    height: int
    variants: list[tuple[str, int, str]] = field(default_factory=list)  # (file, width, format)

    def srcset(self, fmt: str) -> str:
        """The `srcset` attribute for the variants in format `fmt`."""
        return ", ".join(f"/images/{f} {w}w" for f, w, kind in self.variants if kind == fmt)

    @property
    def fallback(self) -> str:
        """The middle-sized file in the original format (for browsers without srcset)."""
        own = [f for f, _w, kind in self.variants if kind != "webp"]
        return own[min(1, len(own) - 1)]


def _format(suffix: str) -> str:
    return {".jpg": "jpeg", ".jpeg": "jpeg", ".png": "png", ".webp": "webp"}[suffix.lower()]


def plan_for(path: Path, root: Path, widths: tuple[int, ...] = WIDTHS) -> ImagePlan:
    """What will be published for `path` (reads only the header for the size)."""
    with Image.open(path) as image:
        width, height = ImageOps.exif_transpose(image).size if _rotated(image) else image.size
    name = path.relative_to(root).as_posix()
    stem, suffix = name.rsplit(".", 1)
    sizes = [w for w in widths if w < width] + [width]
    variants = []
    for fmt in (_format("." + suffix), "webp"):
        extension = "webp" if fmt == "webp" else suffix
        for w in sizes:
            variants.append((f"{stem}-{w}.{extension}", w, fmt))
    return ImagePlan(name, width, height, variants)


def _rotated(image: Image.Image) -> bool:
    return image.getexif().get(0x0112, 1) in (5, 6, 7, 8)


def _encode(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "jpeg":
        image.convert("RGB").save(buffer, "JPEG", quality=82, optimize=True, progressive=True)
    elif fmt == "webp":
        image.save(buffer, "WEBP", quality=80, method=4)
    else:
        image.save(buffer, "PNG")
    return buffer.getvalue()


class _Upright:
    """The picture's pixels, turned upright, decoded when first needed (not when every file
    comes from the cache)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._image: Image.Image | None = None

    def at(self, width: int) -> Image.Image:
        if self._image is None:
            with Image.open(self.path) as opened:
                image = ImageOps.exif_transpose(opened)
                image.load()
            self._image = image
        image = self._image
        return (
            image
            if width == image.width
            else image.resize((width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
        )


def make_variants(
    path: Path, root: Path, site_images: Path, store: FileStore, published: Path | None = None
) -> tuple[ImagePlan, int]:
    """Write the original (without metadata) and every variant; return the plan and how many
    files were made now (the rest came from the cache, or are the files published at the
    same address, `published`: output/images)."""
    plan = plan_for(path, root)
    key = hashlib.sha256(path.read_bytes() + VERSION.encode()).hexdigest()[:20]
    made = 0
    upright = _Upright(path)
    outputs = [(plan.name, plan.width, _format(Path(plan.name).suffix))] + plan.variants
    for name, width, fmt in outputs:
        made += store.place(
            f"{key}-{width}.{fmt}",
            lambda width=width, fmt=fmt: _encode(upright.at(width), fmt),
            site_images / name,
            published / name if published is not None else None,
        )
    return plan, made
