"""Lead photos: an image dropped beside its seed (same stem: .jpg, .jpeg, .png or .webp)
becomes the post's lead image, in resized variants for srcset. An agency file (.xml, .json) may
also name its photo's renditions: a rendition file beside it, under the name its href ends in,
is its lead photo (never fetched from the href).

Variants are written under content/images/briefings/ as <slug>-<width>.<ext>; an image
that does not decode is reported and never published half-way; EXIF is dropped (after
turning the picture upright) so no camera or location data leaks.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError


EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
WIDTHS = (480, 960, 1600)
MAX_PHOTO_BYTES = 40 * 1024 * 1024
_FORMAT = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}


class PhotoError(Exception):
    pass


@dataclass(frozen=True)
class Variant:
    path: str      # relative to content/: images/briefings/<slug>-960.jpg
    width: int
    height: int
    data: bytes


def is_photo(name: str) -> bool:
    return not name.startswith(".") and Path(name).suffix.lower() in EXTENSIONS


def photo_for(seed_path: Path, siblings: set[str] | None = None, renditions: tuple[str, ...] | list[str] = ()) -> Path | None:
    """The image beside a seed, if any: its stem's (the first extension found wins), else the
    first of `renditions` (file names an agency file gives its photo) that is there. `siblings`,
    the names in the seed's folder, saves a look-up per name when there are many seeds."""
    stem = seed_path.name.rsplit(".", 1)[0]
    names = [n for ext in EXTENSIONS for n in (stem + ext, stem + ext.upper())]
    names += [n for n in renditions if is_photo(n) and "/" not in n and "\\" not in n]
    for name in names:
        if siblings is not None and name not in siblings:
            continue
        candidate = seed_path.with_name(name)
        if candidate.is_file() and not candidate.is_symlink():
            return candidate
    return None


def orphan_photos(seeds_dir: Path, suffixes: tuple[str, ...], claimed: set[Path] = frozenset()) -> list[Path]:
    """Images under seeds/ with no seed beside them (a file of the same stem with one of the
    seeds' `suffixes`) that no agency file `claimed` as its rendition."""
    found = []
    for dirpath, dirnames, filenames in os.walk(seeds_dir):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        stems = {stem for n in filenames for stem, dot, ext in [n.rpartition(".")] if dot and f".{ext.lower()}" in suffixes}
        for name in filenames:
            if is_photo(name) and name.rpartition(".")[0] not in stems and Path(dirpath, name) not in claimed:
                found.append(Path(dirpath, name))
    return sorted(found)


def variants(photo: Path, slug: str, subdir: str = "images/briefings") -> list[Variant]:
    """Resized copies, widest last; never wider than the original."""
    if photo.stat().st_size > MAX_PHOTO_BYTES:
        raise PhotoError(f"{photo.stat().st_size:,} bytes is over the {MAX_PHOTO_BYTES:,}-byte limit")
    ext = ".jpg" if photo.suffix.lower() == ".jpeg" else photo.suffix.lower()
    try:
        with Image.open(photo) as img:
            img.load()
            img = ImageOps.exif_transpose(img)
            if _FORMAT[ext] == "JPEG" and img.mode not in ("RGB", "L"):
                img = img.convert("RGB")
            widths = [w for w in WIDTHS if w < img.width] + [min(img.width, WIDTHS[-1])]
            out = []
            for width in sorted(set(widths)):
                height = round(img.height * width / img.width)
                resized = img if width == img.width else img.resize((width, height), Image.LANCZOS)
                buffer = io.BytesIO()
                resized.save(buffer, _FORMAT[ext], **({"quality": 82, "optimize": True} if ext != ".png" else {"optimize": True}))
                out.append(Variant(f"{subdir}/{slug}-{width}{ext}", width, height, buffer.getvalue()))
            return out
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as e:
        raise PhotoError(f"cannot decode the image: {e}") from None


def header_fields(found: list[Variant]) -> dict[str, str]:
    lead = found[-1] if found[-1].width <= 960 else next(v for v in found if v.width >= 960)
    return {
        "image": lead.path,
        "image_width": str(lead.width),
        "image_height": str(lead.height),
        "image_srcset": ", ".join(f"{v.path} {v.width}w" for v in found),
        "image_large": found[-1].path,
    }
