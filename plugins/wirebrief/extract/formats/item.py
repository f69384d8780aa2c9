"""What an agency format states about a story, as one structure whatever the format.

Each reader (newsmlg2, nitf, newsml1, asrael, ritzau, wenn, ninjs) turns a parsed document into an `Item`;
extract/formats/merge.py makes the briefing's record of it. Pure: no I/O anywhere here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from html.parser import HTMLParser


class FormatError(ValueError):
    """A file in an agency format that gives no story: malformed, or not a story at all.
    The message is the reason, for one line of report."""


def not_a_story(what: str) -> FormatError:
    return FormatError(f"not a story ({what})")


@dataclass(frozen=True)
class Photo:
    caption: str | None = None
    credit: str | None = None
    files: tuple[str, ...] = ()     # the renditions' file names (never fetched): one beside the item is its photo


@dataclass
class Item:
    format: str                               # "NewsML-G2 2.14", "NITF 3.4", "ninjs 3.0"…
    headline: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    dateline: str | None = None               # as printed ("STOCKHOLM, Aug 29, 2014 (AFP) -")
    located: tuple[str, ...] = ()             # where it happened, most precise first: ("Berlin", "Germany")
    byline: str | None = None
    credit: str | None = None                 # the credit line ("dpa", "REUTERS", "STT–AFP")
    provider: str | None = None               # provider, copyright holder, distributor
    first_created: datetime | None = None
    version_created: datetime | None = None
    status: str = "usable"                    # usable, withheld, canceled
    embargo: datetime | None = None
    urgency: int | None = None                # 1 (most urgent) to 9
    version_kind: str | None = None           # update, correction (signals, edStat)
    id: str | None = None                     # guid, uri, doc-id
    version: str | None = None
    subjects: list[str] = field(default_factory=list)   # "medtop:04000000", "subj:15000000"
    language: str | None = None
    ednote: str | None = None
    photo: Photo | None = None
    others: int = 0                           # further stories in the same file, not read


# The IPTC urgency scale (1 to 9) as the lifecycle's words. Only 1 and 2 are labelled: agencies
# file routine copy at 3 to 5 (STT, TT and Reuters results tables at 3), so 3 is no "urgent".
URGENCY_WORDS = {1: "flash", 2: "bulletin"}

# Item classes and types that are not a story's text
NOT_TEXT = {"picture": "a picture item", "photo": "a picture item", "graphic": "a graphic item",
            "video": "a video item", "audio": "an audio item", "composite": "a package of other items",
            "package": "a package of other items", "event": "an event", "planning": "a planning item",
            "concept": "a concept item"}


def clean(text: str | None) -> str | None:
    """Whitespace folded; None for nothing (and for the "null" some feeds print)."""
    if text is None:
        return None
    text = " ".join(text.split())
    return text if text and text.lower() != "null" else None


_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$")


def parse_time(text: str | None, zone: timezone | None = timezone.utc) -> datetime | None:
    """An ISO 8601 time, extended ("2014-07-16T15:53:10.000Z") or basic ("20140829T134951+0000"),
    as an aware datetime; one without an offset is taken in `zone`. None when it is not one."""
    text = clean(text)
    if not text:
        return None
    if m := _COMPACT.match(text):
        y, mo, d, h, mi, s, off = m.groups()
        text = f"{y}-{mo}-{d}T{h}:{mi}:{s or '00'}{off or ''}"
    if re.fullmatch(r"\d{8}", text):
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    try:
        when = datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return None
    if when.tzinfo is None and zone is not None:
        when = when.replace(tzinfo=zone)
    return when


def urgency_of(value) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 1 <= number <= 9 else None


def status_of(value: str | None) -> str:
    """pubStatus (stat:usable, withheld, canceled), NewsML 1.2 Status, NITF management-status."""
    word = (value or "").rsplit(":", 1)[-1].strip().lower()
    if word in ("canceled", "cancelled", "killed", "kill", "withdrawn"):
        return "canceled"
    if word in ("withheld", "embargoed", "embargo"):
        return "withheld"
    return "usable"


def paragraphs_of_text(text: str | None) -> list[str]:
    """Plain text: a paragraph per line (agencies send one line per paragraph, or blank-line separated)."""
    return [p for line in (text or "").splitlines() if (p := clean(line))]


_BLOCKS = frozenset("p div section article h1 h2 h3 h4 h5 h6 li blockquote pre tr table ul ol br hl1 hl2 "
                    "block body.content caption figcaption dd dt".split())
# Not copy: scripts, styles, a document's head, pictures, and an XHTML body's header (dpa's
# topline, keywords and repeated headline), navigation and asides
_SKIPPED = frozenset("script style head title figure media header footer nav aside".split())


class _Paragraphs(HTMLParser):
    """HTML as paragraphs of text: each block element ends one; scripts and styles are dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def _end(self) -> None:
        if text := clean("".join(self.current)):
            self.out.append(text)
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS:
            self._end()

    def handle_endtag(self, tag):
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self._end()

    def handle_data(self, data):
        if not self.skipping:
            self.current.append(data)


def paragraphs_of_html(html: str | None) -> list[str]:
    parser = _Paragraphs()
    parser.feed(html or "")
    parser.close()
    parser._end()
    return parser.out


def local(tag) -> str:
    """An element's name without its namespace."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def paragraphs_of_element(element) -> list[str]:
    """The text of an XML body (XHTML, NITF body.content) as paragraphs, block by block."""
    out: list[str] = []
    current: list[str] = []

    def end() -> None:
        if text := clean("".join(current)):
            out.append(text)
        current.clear()

    # an explicit stack: a hostile body nested thousands deep costs no recursion
    stack: list[tuple[object, bool]] = [(element, False)]
    while stack:
        node, closing = stack.pop()
        name = local(node.tag)
        if closing:
            if name in _BLOCKS:
                end()
            if node.tail:
                current.append(node.tail)
            continue
        if name in _SKIPPED and node is not element:
            if node.tail:
                current.append(node.tail)
            continue
        if name in _BLOCKS:
            end()
        if node.text:
            current.append(node.text)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node)))
    end()
    return out


def file_name(href: str | None) -> str | None:
    """The file name at the end of a rendition's href ("http://x/y/pic.jpg?w=1" -> "pic.jpg")."""
    if not href:
        return None
    name = href.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return name or None

