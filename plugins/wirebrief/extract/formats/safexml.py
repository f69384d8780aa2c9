"""XML from outside, parsed safely: defusedxml over the standard library's expat.

An entity declaration of any kind is refused (so no "billion laughs", no external entity,
file:// or http://), and a DOCTYPE's external subset is never fetched (expat reads no DTD
and opens nothing): a file is parsed from its bytes alone, without the network.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from .item import FormatError

_DECLARATION = re.compile(rb"^(\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding=[\"']([A-Za-z0-9._-]+)[\"']")
_LATIN = {b"iso-8859-1", b"latin-1", b"latin1", b"iso8859-1", b"windows-1252", b"cp1252", b"us-ascii", b"ascii"}


def _utf8_as_declared(data: bytes) -> bytes:
    """A file that declares a Latin encoding but whose bytes are UTF-8 (several agency
    systems write it so) is read as UTF-8: valid UTF-8 beyond ASCII is never Latin-1 text."""
    m = _DECLARATION.match(data)
    if not m or m.group(2).lower() not in _LATIN or data.isascii():
        return data
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    return data[:m.start(2)] + b"utf-8" + data[m.end(2):]


def parse_xml(data: bytes):
    try:
        return fromstring(_utf8_as_declared(data), forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as e:
        raise FormatError(f"unsafe XML refused: {type(e).__name__} ({e})") from None
    except ParseError as e:
        raise FormatError(f"malformed XML: {e}") from None
    except RecursionError:
        raise FormatError("malformed XML: nested too deeply") from None
    except LookupError as e:   # an encoding Python does not know, declared in the XML declaration
        raise FormatError(f"malformed XML: {e}") from None


