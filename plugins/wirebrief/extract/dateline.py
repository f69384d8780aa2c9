"""Datelines: the place, date and agency that open a wire story.

    BEIJING, Nov. 29 (Xinhua) --        AUSTIN, Texas (AP) —
    LONDON, Jan 5 (Reuters) -           MOSCOW, January 21. /TASS/.
    New Delhi, Jan 10 (PTI) The …       Madrid, May 2 (EFE).-
    TOKYO, March 22 Kyodo -             SALVADOR, Feb 26 -   (Reuters, 1987)
    By Kim Soo-yeon SEOUL, Nov. 1 (Yonhap) --   (a byline first is not part of it)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .agencies import agency_name
from .dates import month_day

HEAD_MAX_CHARS = 90

_BYLINE_PREFIX = re.compile(r"^By\s+(?P<name>(?:[A-Z][a-z][\w'’.-]*\s+){1,4}?)(?=[A-Z][A-Z .'’-]+(?:,|\s\())")

# What ends a dateline: an agency in brackets, TASS's slashes, Kyodo's bare name, or a dash.
_END = re.compile(
    r"""\s*(?:
        \((?P<agency>[^()]{2,40})\)(?:\s*\.?\s*(?:--|—|–|-|:)(?=\s|$)|\.-|\.(?=\s))?
      | /(?P<tass>TASS|Tass)/\.?
      | \s(?P<bare>Kyodo|KYODO)\s*(?:--|—|–|-)(?=\s)
      | (?P<dash>--|—|–|\.-|\s-(?=\s|$)|(?<=\d)-(?=\s|$))
    )\s*""",
    re.X,
)
_AGENCY_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}")
_TRAILING_DASH = re.compile(r"\s*(?:--|—|–|\.-|-|:)\s*$")
_CONNECTORS = {"de", "del", "da", "do", "dos", "das", "di", "of", "la", "le", "les", "al", "el", "upon",
               "on", "sur", "am", "an", "der", "es", "y", "and", "the", "in", "au", "aux", "en"}
_PLACE_WORD = re.compile(r"^[^\W\d_][\w.'’/-]*$")
# A date part that is garbled ("Mach 4", "Narch 2"): a word and a day number. The place stands.
_GARBLED_DATE = re.compile(r"^[A-Za-z]{3,9}\.?\s+(?=\w{0,3}\d)\w{1,4}\.?$")
# "RICHMOND, Va. Feb 26": a region and a date with no comma between them.
_PLACE_THEN_DATE = re.compile(r"^(?P<place>.+?)\s+(?P<date>[A-Za-z]{3,9}\.?\s+\d{1,2}\.?)$")


@dataclass(frozen=True)
class Dateline:
    printed: str                     # as printed, without the dash that ends it
    places: tuple[str, ...]          # ("AUSTIN", "Texas"), as printed
    month: int | None = None
    day: int | None = None
    year: int | None = None
    agency: str | None = None        # canonical agency name
    byline: str | None = None


def _is_place(part: str, strict: bool) -> bool:
    words = part.split()
    if not words or len(words) > 5 or len(part) > 40:
        return False
    if not all(_PLACE_WORD.match(w) for w in words):
        return False
    if not words[0][0].isupper():
        return False
    # teleprinter copy lower-cases later words ("La paz", "Mexico city"); only a date makes that safe
    return not strict or all(w[0].isupper() or w.lower() in _CONNECTORS for w in words)


def _is_caps(part: str) -> bool:
    letters = [c for c in part if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def parse_dateline(paragraph: str) -> tuple[Dateline, str] | None:
    """The dateline that opens a paragraph and the text after it; None when there is none."""
    text = paragraph.lstrip()
    byline = None
    unlisted = False
    b = _BYLINE_PREFIX.match(text)
    if b:
        byline = b.group("name").strip()
        text = text[b.end():]
    end = _END.search(text, 0, HEAD_MAX_CHARS + 50)
    if not end or end.start() == 0 or end.start() > HEAD_MAX_CHARS:
        return None
    head = text[: end.start()].strip().rstrip(",")
    lead = re.match(r"^[^\w]+", head)  # "****SANTO DOMINGO": teleprinter noise before the city
    if lead:
        head, text = head[lead.end():], text[lead.end():]
    agency = None
    if end.group("agency"):
        agency = agency_name(end.group("agency"))
        if agency is None:
            # an agency we do not list ("(NTB)", "(UPI)"): taken as printed when it looks like one
            # and what comes before is a dated or capitalised place (checked below)
            if not _AGENCY_ACRONYM.fullmatch(end.group("agency").strip()):
                return None
            agency = end.group("agency").strip()
            unlisted = True
    elif end.group("tass"):
        agency = "TASS"
    elif end.group("bare"):
        agency = "Kyodo"

    parts = [p.strip() for p in head.split(",")]
    if len(parts) > 1 and agency is None and agency_name(parts[-1]):
        agency = agency_name(parts.pop())  # "WASHINGTON, March 12, Reuter -"
    if (split := _PLACE_THEN_DATE.match(parts[-1])) and month_day(split.group("date")):
        parts[-1:] = [split.group("place"), split.group("date")]
    when = None
    # the date is the last part, or the last two ("Nov 29, 2022")
    for n in (2, 1):
        if len(parts) > n and (md := month_day(", ".join(parts[-n:]))):
            when, parts = md, parts[:-n]
            break
    dated = when is not None
    if not dated and len(parts) > 1 and _GARBLED_DATE.match(parts[-1]):
        parts, dated = parts[:-1], True
    if not parts or len(parts) > 3 or not all(_is_place(p, strict=not dated) for p in parts):
        return None
    if (agency is None or unlisted) and not (dated or (_is_caps(parts[0]) and len(parts) > 1)):
        # a bare dash ends a dateline only in wire style: a place, then a date (or a region)
        return None
    printed = _TRAILING_DASH.sub("", text[: end.end()]).strip()
    month, day, year = when if when else (None, None, None)
    return Dateline(printed, tuple(parts), month, day, year, agency, byline), text[end.end():].strip()
