"""The rights a lead photo carries: what its resized variants keep of the original's
embedded metadata, and nothing else.

Agencies' terms (and Google Images' "Image credits") want a photo's credit line, creator,
copyright notice and usage terms to travel with the picture. They are read from the
original's IPTC IIM and XMP and written into every variant, in both (the IPTC Photo Metadata
standard's pairs: credit line = IIM 2:110 + photoshop:Credit, creator = 2:80 + dc:creator,
copyright notice = 2:116 + dc:rights, usage terms and the web statement of rights in XMP
only). XMP wins where both say it. Where the file has no credit line, the seed's extracted
credit is written in as one.

Only these fields are written: EXIF (camera make and model, serial numbers, maker notes,
GPS), the rest of the XMP (exif:GPS…, aux:SerialNumber) and JPEG comments never reach a
variant, whatever the original holds. Reading uses Pillow (the raw XMP packet and
IptcImagePlugin.getiptcinfo); the XMP packet written is built here from these fields alone
and saved by Pillow (JPEG, WebP; an iTXt chunk in PNG); the IIM is written here into a JPEG's
APP13 segment (with_iim), as UTF-8 (1:90 says so). WebP and PNG variants carry the XMP alone.
"""

from __future__ import annotations

import io
import re
import struct
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from PIL import Image, IptcImagePlugin

DEFAULT = "x-default"   # an XMP language alternative's default (xml:lang)
UTF8 = b"\x1b%G"        # IIM 1:90, coded character set: ISO 2022 escape for UTF-8
RECORD_VERSION = 4      # IIM 2:00, the version of the standard's record 2 (IIM 4)
MAX_MARKER = 65533      # a JPEG marker segment's data, after its 2-byte length

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")   # not allowed in XML 1.0


class RightsError(Exception):
    """The rights do not fit where they go (an XMP packet or APP13 segment over 64 KB)."""


@dataclass(frozen=True)
class Right:
    name: str
    iim: int | None   # the IIM record 2 dataset (None: the standard has it in XMP only)
    xmp: str          # prefix:property, prefixes from NS
    kind: str         # text, seq (a list: creators), alt (language alternatives)


RIGHTS = (
    Right("credit line", 110, "photoshop:Credit", "text"),
    Right("creator", 80, "dc:creator", "seq"),
    Right("copyright notice", 116, "dc:rights", "alt"),
    Right("usage terms", None, "xmpRights:UsageTerms", "alt"),
    Right("web statement", None, "xmpRights:WebStatement", "text"),
)
CREDIT = RIGHTS[0]


def _normal(right: Right, value) -> object:
    """A value as this module keeps it (text: str; seq: list of str; alt: {xml:lang: str}),
    or None when it says nothing."""
    if right.kind == "seq":
        items = [value] if isinstance(value, str) else list(value or [])
        items = [v.strip() for v in items if isinstance(v, str) and v.strip()]
        return items or None
    if right.kind == "alt":
        items = {DEFAULT: value} if isinstance(value, str) else dict(value or {})
        items = {k: v.strip() for k, v in items.items() if isinstance(v, str) and v.strip()}
        return items or None
    if isinstance(value, list):   # a repeated dataset or a list where one is meant: the first
        value = value[0] if value else None
    return (value.strip() or None) if isinstance(value, str) else None


def _qualified(name: str) -> str:
    prefix, local = name.split(":")
    return "{%s}%s" % (NS[prefix], local)


def _xmp_values(packet: bytes) -> dict[str, object]:
    """The rights' raw values in an XMP packet, by XMP name: an attribute of a description,
    an element's text, or a list's items (Seq, Bag: list; Alt: {xml:lang: text})."""
    if b"<!DOCTYPE" in packet or b"<!ENTITY" in packet:   # XMP has no DTD: refuse entity tricks
        return {}
    try:
        root = ET.fromstring(packet)
    except (ET.ParseError, ValueError):
        return {}
    found: dict[str, object] = {}
    for right in RIGHTS:
        tag = _qualified(right.xmp)
        for description in root.iter(_qualified("rdf:Description")):
            if description.get(tag) is not None:
                found.setdefault(right.xmp, description.get(tag))
        for element in root.iter(tag):
            items = list(element.iter(_qualified("rdf:li")))
            if right.kind == "alt" and items:
                value = {li.get(XML_LANG, DEFAULT): li.text for li in items}
            elif items:
                value = [li.text for li in items]
            else:
                value = element.text or element.get(_qualified("rdf:resource"))
            found.setdefault(right.xmp, value)
    return found


def _iim_text(value: bytes | list[bytes], utf8: bool) -> str | list[str]:
    if isinstance(value, list):
        return [_iim_text(v, utf8) for v in value]
    value = value or b""
    if not utf8:
        try:
            return value.decode()
        except UnicodeDecodeError:   # IIM written before UTF-8 without 1:90: Latin-1 reads every byte
            return value.decode("latin-1")
    return value.decode(errors="replace")


def read_rights(data: bytes) -> dict[str, object]:
    """The rights an image file holds, by name (RIGHTS); XMP wins over IIM where both say it.
    Metadata that cannot be read counts as none (the picture itself decoded)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            packet = image.info.get("xmp")
            try:
                iptc = IptcImagePlugin.getiptcinfo(image) or {}
            except (OSError, SyntaxError, ValueError, struct.error):   # a damaged IIM block
                iptc = {}
    except (OSError, ValueError, Image.DecompressionBombError):
        return {}
    xmp = _xmp_values(packet.encode() if isinstance(packet, str) else packet) if packet else {}
    utf8 = iptc.get((1, 90)) == UTF8
    found: dict[str, object] = {}
    for right in RIGHTS:
        value = _normal(right, xmp.get(right.xmp))
        if value is None and right.iim and (2, right.iim) in iptc:
            value = _normal(right, _iim_text(iptc[(2, right.iim)], utf8))
        if value is not None:
            found[right.name] = value
    return found


def with_credit(rights: dict[str, object], credit: str | None) -> dict[str, object]:
    """The seed's extracted credit as the credit line, where the file has none."""
    if credit and credit.strip() and CREDIT.name not in rights:
        return {**rights, CREDIT.name: credit.strip()}
    return rights


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("", value))


def xmp_packet(rights: dict[str, object]) -> bytes | None:
    """A minimal XMP packet holding these rights and nothing else (None: no rights)."""
    properties = []
    for right in RIGHTS:
        value = rights.get(right.name)
        if value is None:
            continue
        if right.kind == "seq":
            body = "<rdf:Seq>" + "".join(f"<rdf:li>{_text(v)}</rdf:li>" for v in value) + "</rdf:Seq>"
        elif right.kind == "alt":   # x-default first, as XMP asks
            langs = sorted(value, key=lambda lang: (lang != DEFAULT, lang))
            body = "<rdf:Alt>" + "".join(
                f"<rdf:li xml:lang={quoteattr(_NOT_XML.sub('', lang))}>{_text(value[lang])}</rdf:li>"
                for lang in langs) + "</rdf:Alt>"
        else:
            body = _text(value)
        properties.append(f"<{right.xmp}>{body}</{right.xmp}>")
    if not properties:
        return None
    xmlns = " ".join(f"xmlns:{p}={quoteattr(NS[p])}" for p in ("dc", "photoshop", "xmpRights"))
    packet = ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
              f'<x:xmpmeta xmlns:x="{NS["x"]}"><rdf:RDF xmlns:rdf="{NS["rdf"]}">'
              f'<rdf:Description rdf:about="" {xmlns}>' + "".join(properties) +
              '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode()
    if len(packet) > MAX_MARKER - 29:   # 29: the APP1 segment's XMP namespace and NUL
        raise RightsError(f"the XMP rights are {len(packet):,} bytes, over a JPEG segment's limit")
    return packet


def _dataset(record: int, number: int, data: bytes) -> bytes:
    """One IIM dataset, standard form: tag marker 0x1C, record, dataset number, 2-byte
    big-endian length (under 32768; the extended form is not needed here), data."""
    if len(data) > 0x7FFF:
        raise RightsError(f"IIM {record}:{number:02d} is {len(data):,} bytes, over 32,767")
    return bytes((0x1C, record, number)) + len(data).to_bytes(2, "big") + data


def iim_block(rights: dict[str, object]) -> bytes:
    """These rights as IPTC IIM (IIM 4.2): 1:90 coded character set (ESC % G, UTF-8),
    2:00 record version (binary 4), then 2:110 credit, 2:80 by-line (one per creator) and
    2:116 copyright notice (the x-default text). Empty bytes: nothing IIM holds."""
    fields = []
    for right in RIGHTS:
        value = rights.get(right.name)
        if value is None or right.iim is None:
            continue
        if right.kind == "alt":
            value = value.get(DEFAULT) or next(iter(value.values()))
        for text in [value] if isinstance(value, str) else value:
            fields.append(_dataset(2, right.iim, text.encode()))
    if not fields:
        return b""
    return (_dataset(1, 90, UTF8) + _dataset(2, 0, RECORD_VERSION.to_bytes(2, "big"))
            + b"".join(fields))


def with_iim(jpeg: bytes, rights: dict[str, object]) -> bytes:
    """A JPEG with these rights' IIM in an APP13 segment, as Photoshop and agencies write it:
    marker FF ED, 2-byte length, "Photoshop 3.0\\0", then one image resource block: "8BIM",
    resource ID 0x0404 (IPTC-NAA), its name as an empty Pascal string padded to even length
    (00 00), 4-byte big-endian data size, the IIM datasets, a pad byte to even length.
    The segment goes after SOI and the APPn segments the encoder wrote (JFIF APP0, XMP APP1).
    The JPEG is returned as is when there is no IIM to write."""
    block = iim_block(rights)
    if not block:
        return jpeg
    if jpeg[:2] != b"\xff\xd8":
        raise ValueError("not a JPEG: no SOI marker")
    resource = b"8BIM" + (0x0404).to_bytes(2, "big") + b"\x00\x00" + len(block).to_bytes(4, "big") + block
    payload = b"Photoshop 3.0\x00" + resource + b"\x00" * (len(block) % 2)
    if len(payload) > MAX_MARKER:
        raise RightsError(f"the IIM rights are {len(payload):,} bytes, over a JPEG segment's limit")
    at = 2
    while jpeg[at:at + 1] == b"\xff" and 0xE0 <= jpeg[at + 1] <= 0xEF:   # APP0…APP15
        at += 2 + int.from_bytes(jpeg[at + 2:at + 4], "big")
    return jpeg[:at] + b"\xff\xed" + (len(payload) + 2).to_bytes(2, "big") + payload + jpeg[at:]
