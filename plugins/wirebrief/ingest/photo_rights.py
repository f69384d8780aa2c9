"""The rights a lead photo carries: what its resized variants keep of the original's
embedded metadata, and nothing else.

Agencies' terms (and Google Images' "Image credits") want a photo's credit line, creator,
copyright notice and usage terms to travel with the picture. They are read from the
original's IPTC IIM and XMP and written into every variant, in both (the IPTC Photo Metadata
standard's pairs: credit line = IIM 2:110 + photoshop:Credit, creator = 2:80 + dc:creator,
copyright notice = 2:116 + dc:rights, usage terms and the web statement of rights in XMP
only). Where the file has no credit line, the seed's extracted credit is written in as one.

Only these fields are written: EXIF (camera make and model, serial numbers, maker notes,
GPS), the rest of the XMP (exif:GPS…, aux:SerialNumber) and JPEG comments never reach a
variant, whatever the original holds. IIM text is written as UTF-8 (1:90 says so); WebP has
no IIM, so a WebP variant carries the XMP alone. Reading and writing use pyexiv2 (libexiv2).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyexiv2

pyexiv2.set_log_level(4)  # libexiv2's own warnings stay quiet: a failure raises, and is handled here

DEFAULT = 'lang="x-default"'   # pyexiv2's key for an XMP language alternative's default
UTF8 = "\x1b%G"                # IIM 1:90, coded character set: UTF-8


@dataclass(frozen=True)
class Right:
    name: str
    iptc: str | None   # the IIM dataset (None: the standard has it in XMP only)
    xmp: str
    kind: str          # text, seq (a list: creators), alt (language alternatives)


RIGHTS = (
    Right("credit line", "Iptc.Application2.Credit", "Xmp.photoshop.Credit", "text"),
    Right("creator", "Iptc.Application2.Byline", "Xmp.dc.creator", "seq"),
    Right("copyright notice", "Iptc.Application2.Copyright", "Xmp.dc.rights", "alt"),
    Right("usage terms", None, "Xmp.xmpRights.UsageTerms", "alt"),
    Right("web statement", None, "Xmp.xmpRights.WebStatement", "text"),
)
CREDIT = RIGHTS[0]


def _iptc(image: pyexiv2.ImageData) -> dict:
    try:
        return image.read_iptc()
    except UnicodeDecodeError:   # IIM written before UTF-8 without 1:90: Latin-1 reads every byte
        return image.read_iptc(encoding="latin-1")


def _normal(right: Right, value) -> object:
    """A value as this module keeps it (text: str; seq: list of str; alt: {lang key: str}),
    or None when it says nothing."""
    if right.kind == "seq":
        items = [value] if isinstance(value, str) else list(value or [])
        items = [v.strip() for v in items if isinstance(v, str) and v.strip()]
        return items or None
    if right.kind == "alt":
        items = {DEFAULT: value} if isinstance(value, str) else dict(value or {})
        items = {k: v.strip() for k, v in items.items() if isinstance(v, str) and v.strip()}
        return items or None
    if isinstance(value, list):   # a repeated dataset where one is meant: the first
        value = value[0] if value else None
    return (value.strip() or None) if isinstance(value, str) else None


def read_rights(data: bytes) -> dict[str, object]:
    """The rights an image file holds, by name (RIGHTS); XMP wins over IIM where both say it.
    Metadata that cannot be read counts as none (the picture itself decoded)."""
    found: dict[str, object] = {}
    try:
        with pyexiv2.ImageData(data) as image:
            try:
                xmp = image.read_xmp()
            except (RuntimeError, ValueError, UnicodeDecodeError):
                xmp = {}
            try:
                iptc = _iptc(image)
            except (RuntimeError, ValueError):
                iptc = {}
    except (RuntimeError, ValueError):
        return found
    for right in RIGHTS:
        value = _normal(right, xmp.get(right.xmp))
        if value is None and right.iptc:
            value = _normal(right, iptc.get(right.iptc))
        if value is not None:
            found[right.name] = value
    return found


def with_credit(rights: dict[str, object], credit: str | None) -> dict[str, object]:
    """The seed's extracted credit as the credit line, where the file has none."""
    if credit and credit.strip() and CREDIT.name not in rights:
        return {**rights, CREDIT.name: credit.strip()}
    return rights


def write_rights(data: bytes, rights: dict[str, object], iim: bool = True) -> bytes:
    """An encoded image (no metadata of its own) with these rights in XMP and, where `iim`,
    in IPTC IIM too."""
    if not rights:
        return data
    xmp, iptc = {}, {}
    for right in RIGHTS:
        value = rights.get(right.name)
        if value is None:
            continue
        xmp[right.xmp] = value
        if right.iptc:
            if right.kind == "alt":
                value = value.get(DEFAULT) or next(iter(value.values()))
            iptc[right.iptc] = value
    with pyexiv2.ImageData(data) as image:
        image.modify_xmp(xmp)
        if iim and iptc:
            image.modify_iptc({"Iptc.Envelope.CharacterSet": UTF8, **iptc})
        return image.get_bytes()
