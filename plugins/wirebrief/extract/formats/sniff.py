"""Which agency format a file is, told by its root element and namespace (XML) or its keys
(JSON), parsed safely; then the format's reader makes an Item of it.

XML is parsed safely (safexml.py). Nothing here opens a file or
the network: it gets bytes and returns an Item or raises FormatError with a one-line reason.
"""

from __future__ import annotations

import json
import re

from . import asrael, newsml1, newsmlg2, ninjs, nitf, ritzau, wenn
from .item import FormatError, Item, local
from .safexml import parse_xml

SUFFIXES = (".xml", ".json")
# JSON deeper than this is no agency item (ninjs nests four or five levels); refused before parsing
MAX_JSON_DEPTH = 64


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")


def _json_depth_ok(text: str) -> bool:
    depth = 0
    for m in _BRACKET.finditer(_STRING.sub("", text)):
        depth += 1 if m.group() in "[{" else -1
        if depth > MAX_JSON_DEPTH:
            return False
    return True


def parse_json(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else None
        except UnicodeDecodeError:
            text = None
        if text is None:
            raise FormatError("malformed JSON: not UTF-8") from None
    if not _json_depth_ok(text):
        raise FormatError(f"malformed JSON: nested more than {MAX_JSON_DEPTH} levels deep")
    try:
        return json.loads(text)
    except ValueError as e:
        raise FormatError(f"malformed JSON: {e}") from None
    except RecursionError:
        raise FormatError("malformed JSON: nested too deeply") from None


def read_item(data: bytes, suffix: str) -> Item:
    """The story of an agency file (`suffix` ".xml" or ".json"); FormatError when there is none."""
    if not data.strip():
        raise FormatError("empty file")
    item = _read(data, suffix)
    if item.status != "canceled" and not any(c.isalpha() for p in item.paragraphs for c in p):
        raise FormatError("not a story (no words in its text)")   # a fragment's "…" placeholder
    return item


def _read(data: bytes, suffix: str) -> Item:
    try:
        if suffix.lower() == ".json":
            return ninjs.read(parse_json(data))
        root = parse_xml(data)
        name, namespace = local(root.tag), root.tag[1:].split("}", 1)[0] if root.tag.startswith("{") else ""
        if namespace.startswith("http://iptc.org/std/nar/") or name in (*newsmlg2.ITEMS, "newsMessage"):
            return newsmlg2.read(root)
        if name == "nitf":
            return nitf.read(root)
        if name == "NewsML":
            return newsml1.read(root)
        if name == "article" and root.find("headers") is not None:
            return asrael.read(root)
        if name in ("RBNews", "ListOfRBNews", "XMLNewsQueuedResponse"):
            return ritzau.read(root)
        if name == "feed" and namespace == "http://www.w3.org/2005/Atom" and wenn.is_wenn(root):
            return wenn.read(root)
        raise FormatError(f"not a format Wirebrief reads: root element <{name}>"
                          f"{f' in namespace {namespace}' if namespace else ''} (it reads NewsML-G2, "
                          "NITF, NewsML 1.2, AFP's ASRAEL XML, Ritzau RBNews, WENN Atom and ninjs)")
    except RecursionError:
        raise FormatError("nested too deeply") from None
