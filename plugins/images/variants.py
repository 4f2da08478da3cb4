"""Responsive image variants: which files exist for an image, and making them.

For `content/images/road.jpg` (2400×1600) the site gets road-480.jpg, road-960.jpg,
road-1600.jpg and the same widths in WebP, never wider than the original, plus road.jpg
itself re-encoded. Every published file is re-encoded from the pixels, so EXIF (camera,
GPS location) never reaches readers; the photo is turned upright first (EXIF orientation).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image, ImageOps

__all__ = ["RASTER", "ImagePlan", "make_variants", "plan_for"]

RASTER = {".jpg", ".jpeg", ".png", ".webp"}
WIDTHS = (480, 960, 1600)
VERSION = "1"


@dataclass(frozen=True)
class ImagePlan:
    name: str  # path below images/, e.g. "road.jpg"
    width: int
    height: int
    variants: list[tuple[str, int, str]] = field(default_factory=list)  # (file, width, format)

    def srcset(self, fmt: str) -> str:
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


def _save(image: Image.Image, target: Path, fmt: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "jpeg":
        image.convert("RGB").save(target, "JPEG", quality=82, optimize=True, progressive=True)
    elif fmt == "webp":
        image.save(target, "WEBP", quality=80, method=4)
    else:
        image.save(target, "PNG")


def make_variants(path: Path, root: Path, site_images: Path, cache: Path) -> tuple[ImagePlan, int]:
    """Write the original (without metadata) and every variant; return the plan and how many
    files were made now (the rest came from the cache)."""
    plan = plan_for(path, root)
    data = path.read_bytes()
    key = hashlib.sha256(data + VERSION.encode()).hexdigest()[:20]
    made = 0
    with Image.open(path) as opened:
        image = ImageOps.exif_transpose(opened)
        image.load()
    outputs = [(plan.name, plan.width, _format(Path(plan.name).suffix))] + plan.variants
    for name, width, fmt in outputs:
        cached = cache / f"{key}-{width}.{fmt}"
        if not cached.exists():
            resized = image if width == image.width else image.resize(
                (width, round(image.height * width / image.width)), Image.Resampling.LANCZOS)
            partial = cached.with_suffix(".tmp")
            _save(resized, partial, fmt)
            partial.replace(cached)
            made += 1
        target = site_images / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(cached.read_bytes())
    return plan, made
