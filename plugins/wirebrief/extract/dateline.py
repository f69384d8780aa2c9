"""Datelines: the place, date and agency that open a wire story.

    BEIJING, Nov. 29 (Xinhua) --        AUSTIN, Texas (AP) —
    LONDON, Jan 5 (Reuters) -           MOSCOW, January 21. /TASS/.
    New Delhi, Jan 10 (PTI) The …       Madrid, May 2 (EFE).-
    TOKYO, March 22 Kyodo -             SALVADOR, Feb 26 -   (Reuters, 1987)
    By Kim Soo-yeon SEOUL, Nov. 1 (Yonhap) --   (a byline first is not part of it)
    STOCKHOLM, Dec 6, 2005 -            TOKYO, Dec 3, 2005   (on a line of its own)
    WASHINGTON —   MIAMI _              (a bare dash after a place the gazetteer knows)
    SEATTLE/WASHINGTON (Reuters) -      (several places: the first is the story's)
    (ANSA) - ROME, JUL 11 -             (Reuters) - U.S. President …   (the agency first)
    SEOUL. April 11, 1997 (AFP)         omaha, april 7 -   (slips of punctuation and case)

and, in copy whose language is one of locales.LANGUAGES, each agency's own form:

    BEYROUTH, 20 mars 2017 (AFP) -      BAIDOA (Somalie), 20 mars 2017 (AFP) -
    Madrid, 3 dic (EFE).-               Miami (EE.UU.), 2 mar (EFE).-      Berlin (dpa) -
    Lisboa, 03 dez 2025 (Lusa) -        (ANSA) - ROMA, 11 LUG -            باريس (أ ف ب) -
    МОСКВА, 21 января. /ТАСС/.          ВАШИНГТОН, 5 марта. /Корр. ТАСС Иван Лебедев/.
    新华社北京11月29日电（记者 张三）      Publicado em 05/03/2026 - 18:40 Por NAME - Repórter da Agência Brasil - Brasília
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from . import gazetteer as gz
from . import locales
from .agencies import agency_name, dateline_agency
from .dates import month_day, weekday

HEAD_MAX_CHARS = 90

_BYLINE_PREFIX = re.compile(r"^By\s+(?P<name>(?:[A-Z][a-z][\w'’.-]*\s+){1,4}?)(?=[A-Z][A-Z .'’-]+(?:,|\s\())")

# What ends a dateline: an agency in brackets, TASS's slashes, Kyodo's bare name, or a dash.
_END = re.compile(
    r"""\s*(?:
        \((?P<agency>[^()]{2,40})\)(?:\s*\.?\s*(?:--|—|–|-|:)(?=\s|$)|\.-|\.(?=\s))?
      | /(?P<tass>TASS|Tass|(?:Корр\.\s*)?ТАСС(?P<correspondent>\s+[^/\d]{2,40})?)/\.?
      | \s(?P<bare>Kyodo|KYODO)\s*(?:--|—|–|-)(?=\s)
      | (?P<dash>--|—|–|\.-|\s[-_](?=\s|$)|(?<=\d)-(?=\s|$))
      | (?P<alone>\.?$)   # a dateline on a line of its own ("TOKYO, Dec 3, 2005")
    )\s*""",
    re.X,
)
_AGENCY_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}(?:/[A-Z][A-Z0-9&]{1,7})?")   # NTB, LPC/IFR
# The agency before the place, or with no place at all: "(ANSA) - ROME, JUL 11 -", "(Reuters) - U.S. …"
_AGENCY_FIRST = re.compile(r"^\((?P<agency>[^()]{2,40})\)\s*(?:--|—|–|-|_|:)\s+")
_TRAILING_DASH = re.compile(r"\s*(?:--|—|–|\.-|-|_|:)\s*$")
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
    places: tuple[str, ...]          # ("AUSTIN", "Texas"), as printed; () when only an agency opens the story
    month: int | None = None
    day: int | None = None
    year: int | None = None
    agency: str | None = None        # canonical agency name
    byline: str | None = None
    also: tuple[str, ...] = ()       # the other cities of "GAZA/RAMALLAH": ("RAMALLAH",)
    weekday: int | None = None       # "MOSCOW, Monday (Reuters)": 0 = Monday


def _is_place(part: str, strict: bool) -> bool:
    words = part.split()
    if not words or len(words) > 5 or len(part) > 40:
        return False
    if not all(_PLACE_WORD.match(w) for w in words):
        return False
    if words[0] == "the" and len(words) > 1:   # "GRONINGEN, the Netherlands, March 31 -"
        words = words[1:]
    # teleprinter copy lower-cases words ("La paz", "omaha, april 7 -"); only a date makes that safe
    # (Arabic and Chinese letters have no case: neither upper nor lower)
    if words[0][0].islower() and strict:
        return False
    return not strict or all(not w[0].islower() or w.lower() in _CONNECTORS for w in words)


def _is_caps(part: str) -> bool:
    letters = [c for c in part if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


# A place in capitals before a bare dash is a dateline only when it is a city this large:
# "EU - China summit" and "NATO - …" are not datelines, though small towns bear those names.
BARE_DATELINE_MIN_POPULATION = 100_000


def _known_city(printed: str) -> bool:
    city = gz.find_city(printed)
    return city is not None and city.population >= BARE_DATELINE_MIN_POPULATION


def parse_dateline(paragraph: str, lang: str = "en") -> tuple[Dateline, str] | None:
    """The dateline that opens a paragraph and the text after it; None when there is none.
    `lang`, the copy's language, lets another language's months, places and forms be read."""
    text = paragraph.lstrip()
    if lang == "zh" and (xinhua := _XINHUA_ZH.match(text)):
        return _chinese(xinhua), text[xinhua.end():].strip()
    if lang not in locales.LANGUAGES:
        lang = "en"
    byline = None
    b = _BYLINE_PREFIX.match(text)
    if b:
        byline = b.group("name").strip()
        text = text[b.end():]
    first = _AGENCY_FIRST.match(text)
    if first and (agency := dateline_agency(first.group("agency")) or _acronym(first.group("agency"))):
        rest = text[first.end():]
        found = _parse(rest, byline, lang)
        if found and found[0].agency is not None:
            return found   # "(URGENT) - SEOUL, Nov. 1 (Yonhap) --": a desk mark, then the dateline
        if found:   # "(ANSA) - ROME, JUL 11 - …"
            dateline, remainder = found
            return replace(dateline, printed=f"{text[:first.end()].strip()} {dateline.printed}", agency=agency), remainder
        if dateline_agency(first.group("agency")):
            # "(Reuters) - U.S. President …": the source is known, the place is not invented
            return Dateline(_TRAILING_DASH.sub("", text[:first.end()]).strip(), (), agency=agency, byline=byline), rest.strip()
    found = _parse(text, byline, lang)
    if found is None and (dot := re.match(r"^([A-Z][A-Z .'’-]*[A-Z])\.\s+(?=\w)", text)):
        found = _parse(f"{dot.group(1)}, {text[dot.end():]}", byline, lang)   # "SEOUL. April 11, 1997 (AFP)"
        if found:
            dateline, remainder = found
            return replace(dateline, printed=_TRAILING_DASH.sub("", text[: len(text) - len(remainder)]).strip()), remainder
    return found


def _acronym(printed: str) -> str | None:
    return printed.strip() if _AGENCY_ACRONYM.fullmatch(printed.strip()) else None


def _parse(text: str, byline: str | None, lang: str = "en") -> tuple[Dateline, str] | None:
    unlisted = False
    end = _END.search(text, 0, HEAD_MAX_CHARS + 50)
    # a country or region in brackets: "BAIDOA (Somalie), 20 mars 2017 (AFP) -", "Halle (Saale) (dpa) -"
    while lang != "en" and end and end.group("agency") and text.startswith((",", "("), end.end()):
        end = _END.search(text, end.end(), HEAD_MAX_CHARS + 50)
    if not end or end.start() == 0 or end.start() > HEAD_MAX_CHARS:
        return None
    lead = re.match(r"^[^\w(]+", text[: end.start()])  # "****SANTO DOMINGO": teleprinter noise before the city
    if lead:
        text = text[lead.end():]
        end = _END.search(text, 0, HEAD_MAX_CHARS + 50)
    head = text[: end.start()].strip().rstrip(",")
    agency = None
    if end.group("agency"):
        agency = dateline_agency(end.group("agency"))
        if agency is None:
            # an agency we do not list ("(NTB)", "(LPC/IFR)"): taken as printed when it looks like
            # one and what comes before is a dated or capitalised place (checked below)
            if not (agency := _acronym(end.group("agency"))):
                return None
            unlisted = True
    elif end.group("tass"):
        agency = "TASS"
        byline = byline or (end.group("correspondent") or "").strip() or None
    elif end.group("bare"):
        agency = "Kyodo"

    if lang == "ar":
        head = head.replace("،", ",")   # the Arabic comma
    parts = [p.strip() for p in head.split(",")]
    if lang != "en" and (qualified := _QUALIFIED.match(parts[0])):
        parts[:1] = [qualified.group(1), qualified.group(2)]   # "Miami (EE.UU.)", "BAIDOA (Somalie)"
    if len(parts) > 1 and agency is None and agency_name(parts[-1]):
        agency = agency_name(parts.pop())  # "WASHINGTON, March 12, Reuter -"
    if (split := _PLACE_THEN_DATE.match(parts[-1])) and month_day(split.group("date")):
        parts[-1:] = [split.group("place"), split.group("date")]
    when = None
    # the date is the last part, or the last two ("Nov 29, 2022")
    for n in (2, 1):
        if len(parts) > n and (md := month_day(", ".join(parts[-n:]))
                               or (lang != "en" and locales.month_day(", ".join(parts[-n:]), lang))):
            when, parts = md, parts[:-n]
            break
    named_day = weekday(parts[-1]) if len(parts) > 1 else None
    if named_day is not None:   # "MOSCOW, Monday (Reuters)": a place in capitals, or an agency
        parts = parts[:-1]
        if not (_is_caps(parts[0]) or agency):
            return None
    dated = when is not None
    if not dated and len(parts) > 1 and _GARBLED_DATE.match(parts[-1]):
        parts, dated = parts[:-1], True
    if not parts or len(parts) > 3 or not all(_is_place(p, strict=not dated) for p in parts):
        return None
    if any(weekday(w) is not None for p in parts for w in p.split()):
        return None   # "Monday, March 4, 2024", "Updated Monday, March 4": a date line, not a place
    dated = dated or named_day is not None
    if end.group("alone") and not dated and agency is None:
        return None   # a short line of capitalised words is a dateline only with a date
    cities = parts[0].split("/")
    if (agency is None or unlisted) and not (dated or (_is_caps(parts[0]) and len(parts) > 1)):
        # a bare dash ends a dateline only in wire style: a place, then a date (or a region), or
        # a place in capitals that the gazetteer knows ("WASHINGTON —", "MIAMI _")
        if not ((end.group("dash") or unlisted) and len(parts) == 1 and _is_caps(parts[0])
                and "." not in parts[0] and all(map(_known_city, cities))):
            return None
    if any(not c.strip() for c in cities):
        return None
    printed = _TRAILING_DASH.sub("", text[: end.end()]).strip()
    month, day, year = when if when else (None, None, None)
    places = (cities[0].strip(), *parts[1:])
    return (Dateline(printed, places, month, day, year, agency, byline, tuple(c.strip() for c in cities[1:]), named_day),
            text[end.end():].strip())


_QUALIFIED = re.compile(r"^(.+?)\s*\(([^()]{2,30})\)$")

# Xinhua's Chinese dateline: agency, place, date and "电" in one run, the reporters in brackets.
_XINHUA_ZH = re.compile(
    r"^(?P<agency>新华社|中新社)(?P<place>[^\d\s（(，,]{1,12}?)(?P<date>(?:\d{4}年)?\d{1,2}月\d{1,2}日)电"
    r"\s*(?:[（(](?:记者)?\s*(?P<byline>[^（）()]{1,40}?)\s*[）)])?")


def _chinese(m: re.Match) -> Dateline:
    month, day, year = locales.month_day(m.group("date"), "zh") or (None, None, None)
    printed = m.group().strip()
    return Dateline(printed, (m.group("place"),), month, day, year, agency_name(m.group("agency")),
                    m.group("byline"))


# Agência Brasil's header: "Publicado em 05/03/2026 - 18:40 Por NAME - Repórter da Agência Brasil - Brasília"
_AGENCIA_BRASIL = re.compile(
    r"^(?P<stamp>Publicado em .{6,30}?)\s+Por\s+(?P<byline>[^—–-]{3,60}?)\s*[—–-]\s*"
    r"(?:Repórter|Enviad[oa] especial|Correspondente)\s+da\s+(?P<agency>Agência Brasil)\s*[—–-]\s*(?P<place>[^—–-]{2,40})$")


def header_dateline(paragraph: str, lang: str) -> tuple[str, Dateline] | None:
    """A header line that states the story's place (Agência Brasil's): (its stamp, the place as a dateline)."""
    if lang != "pt" or not (m := _AGENCIA_BRASIL.match(paragraph.strip())):
        return None
    place = m.group("place").strip()
    return m.group("stamp"), Dateline(place, (place,), agency=agency_name(m.group("agency")), byline=m.group("byline").strip())
