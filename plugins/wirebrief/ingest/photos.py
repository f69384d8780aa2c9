"""Lead photos: an image dropped beside its seed (same stem: .jpg, .jpeg, .png or .webp)
becomes the post's lead image, in resized variants for srcset. An agency file (.xml, .json) may
also name its photo's renditions: a rendition file beside it, under the name its href ends in,
is its lead photo (never fetched from the href).

Variants are written under content/images/briefings/ as <slug>-<width>.<ext>; an image
that does not decode is reported and never published half-way. EXIF and JPEG comments are
dropped (after turning the picture upright) so no camera or location data leaks; the
original's credit, creator, copyright notice and usage terms (IPTC and XMP) are written
into every variant (photo_rights.py). A 1200 px variant, where the original is that wide,
is the image shared (Open Graph, JSON-LD): what Google asks of news images.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, PngImagePlugin, UnidentifiedImageError

from .photo_rights import RightsError, read_rights, with_credit, with_iim, xmp_packet

EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")
WIDTHS = (480, 960, 1200, 1600)
SHARED_WIDTH = 1200   # the shared image (og:image, JSON-LD): Google wants news images at least this wide
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


class Listing:
    """The names in a seed folder, listed once, and its photos by name with the extension in
    lower case ("IMG.Jpg" under "IMG.jpg"), so each seed's photo is a look-up or two."""

    def __init__(self, names):
        self.names = set(names)
        self.photos: dict[str, list[str]] = {}
        for name in sorted(self.names):
            stem, dot, ext = name.rpartition(".")
            if dot and stem and f".{ext.lower()}" in EXTENSIONS:
                self.photos.setdefault(f"{stem}.{ext.lower()}", []).append(name)
        for spellings in self.photos.values():   # the lower-case extension first, then upper case
            spellings.sort(key=lambda n: (n.rpartition(".")[2] != n.rpartition(".")[2].lower(),
                                          n.rpartition(".")[2] != n.rpartition(".")[2].upper()))

    @classmethod
    def of(cls, folder: Path) -> Listing:
        try:
            return cls(os.listdir(folder))
        except OSError:   # gone or unreadable: no photo in it
            return cls(())


def photo_for(seed_path: Path, listing: Listing | None = None, renditions: tuple[str, ...] | list[str] = ()) -> Path | None:
    """The image beside a seed, if any: its stem's, with the extension in any case ("IMG.Jpg",
    as cameras and case-insensitive file systems give them; the first of EXTENSIONS found wins,
    its lower-case spelling first), else the first of `renditions` (file names an agency file
    gives its photo) that is there. `listing`, the seed folder's, saves listing it for each
    seed when there are many."""
    listing = listing if listing is not None else Listing.of(seed_path.parent)
    stem = seed_path.name.rsplit(".", 1)[0]
    names = [n for ext in EXTENSIONS for n in listing.photos.get(stem + ext, ())]
    names += [n for n in renditions if is_photo(n) and "/" not in n and "\\" not in n and n in listing.names]
    for name in names:
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


def variants(photo: Path, slug: str, subdir: str = "images/briefings", credit: str | None = None) -> list[Variant]:
    """Resized copies, widest last; never wider than the original. Each keeps the original's
    rights metadata; `credit` (the seed's photo credit) is the credit line where it has none."""
    if photo.stat().st_size > MAX_PHOTO_BYTES:
        raise PhotoError(f"{photo.stat().st_size:,} bytes is over the {MAX_PHOTO_BYTES:,}-byte limit")
    ext = ".jpg" if photo.suffix.lower() == ".jpeg" else photo.suffix.lower()
    try:
        original = photo.read_bytes()
        with Image.open(io.BytesIO(original)) as img:
            img.load()
            img = ImageOps.exif_transpose(img)
            if _FORMAT[ext] == "JPEG" and img.mode not in ("RGB", "L"):
                img = img.convert("RGB")
            widths = [w for w in WIDTHS if w < img.width] + [min(img.width, WIDTHS[-1])]
            rights = with_credit(read_rights(original), credit)
            options = {"optimize": True, **({"quality": 82} if ext != ".png" else {}),
                       **({"comment": b""} if ext == ".jpg" else {})}   # no JPEG comment carried over
            if packet := xmp_packet(rights):   # the rights' XMP, and no other metadata
                if ext == ".png":
                    options["pnginfo"] = PngImagePlugin.PngInfo()
                    options["pnginfo"].add_itxt("XML:com.adobe.xmp", packet.decode())
                else:
                    options["xmp"] = packet
            out = []
            for width in sorted(set(widths)):
                height = round(img.height * width / img.width)
                resized = img if width == img.width else img.resize((width, height), Image.LANCZOS)
                buffer = io.BytesIO()
                resized.save(buffer, _FORMAT[ext], **options)
                data = buffer.getvalue()
                if ext == ".jpg":   # IIM lives in a JPEG's APP13; WebP has none, PNG keeps the XMP alone
                    data = with_iim(data, rights)
                out.append(Variant(f"{subdir}/{slug}-{width}{ext}", width, height, data))
            return out
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as e:
        raise PhotoError(f"cannot decode the image: {e}") from None
    except RightsError as e:   # the rights do not fit in a variant's metadata
        raise PhotoError(f"cannot write the photo's credit into its variants: {e}") from None


def header_fields(found: list[Variant]) -> dict[str, str]:
    """The post's image fields: `image` the 960 px variant (or the widest below it),
    `image_large` the one shared (1200 px, or the widest where the original is narrower)."""
    lead = found[-1] if found[-1].width <= 960 else next(v for v in found if v.width >= 960)
    shared = next((v for v in found if v.width == SHARED_WIDTH), found[-1])
    return {
        "image": lead.path,
        "image_width": str(lead.width),
        "image_height": str(lead.height),
        "image_srcset": ", ".join(f"{v.path} {v.width}w" for v in found),
        "image_large": shared.path,
    }
