"""Teletype envelopes: ANPA-1312 and IPTC 7901, the wire formats of the printer age. Pure, no I/O.

Both wrap a story in transmission control characters and a coded header:

    ANPA-1312 (AP and others)
        SYN SYN SOH  service level, message number  US  selector code
        priority SP category  format (DC3 text, DC4 table)  DC1/DC2  SP slug  take  MM-DD  word count
        STX  ^BC-US--Slug Words, 1st Ld-Writethru,1140<     the keyword line (slug, version, words)
             ^Headline<   ^AP Photo …<   ^Eds: …<   ^By NAME=   ^Associated Press=
             TAB paragraph …    BS table row (DLE a space band, US/RS column stops)
        ETX  AP-WF-11-13-13 1509GMT<     the filing time (MM-DD-YY HHMM, GMT)   FF EOT

    IPTC 7901 (dpa, KNA and other European agencies)
        SOH  source and number SP priority SP category SP word count SP optional fields
        keyword/slug line(s) ending in "/"
        STX  version marks (REFILE, 1ST LEAD), headline, byline, the last ending in "="
             paragraphs …   # Notebook (notes to editors; "not for publication" after * * * *)
        ETX  DDHHMM GMT Mon YY   (the filing time)   DEL … EOT

`read_envelope(text)` recognises either in decoded text and returns the envelope's facts and
the story as a plain seed (headline line, then paragraphs): no control character, no header,
keyword, trailer or desk line is left in it. Text without an envelope gives None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from .agencies import agency_name
from .dateline import parse_dateline

# Priorities that mean urgency (the rest are routine): ANPA-1312's letters; IPTC 7901's
# digits, 1 (flash, dpa's "Blitz") and 2 (urgent, "Eil") of its 1-most to 6-least scale.
ANPA_URGENCY = {"f": "flash", "b": "bulletin", "u": "urgent"}
IPTC7901_URGENCY = {"1": "flash", "2": "urgent"}

# Category codes that name a topic of the site (WIREBRIEF_TOPICS), as the agencies send them:
# ANPA-1312's one letter, IPTC 7901's desk codes (German agencies' two letters) and the IIM's
# three-letter categories. A code not here, or naming a topic the site has not, leaves the
# category to the topic classification of the copy.
CATEGORY_CODES = {
    "anpa": {"s": "Sport", "q": "Sport", "f": "Economy", "e": "Culture", "p": "Politics"},
    "iptc7901": {"s": "Sport", "sp": "Sport", "pl": "Politics", "wi": "Economy", "ku": "Culture",
                 "spo": "Sport", "pol": "Politics", "eco": "Economy", "fin": "Economy", "ace": "Culture",
                 "wea": "Weather", "lab": "Labour"},
}

_MONTHS = {"jan": 1, "feb": 2, "mar": 3, "mär": 3, "mrz": 3, "apr": 4, "may": 5, "mai": 5, "jun": 6,
           "jul": 7, "aug": 8, "sep": 9, "oct": 10, "okt": 10, "nov": 11, "dec": 12, "dez": 12}
# Control characters that are the envelope's, or the format's codes inside the copy
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Header and keyword lines are short; a longer line is copy (or hostile) and is not parsed as one.
LINE_MAX_CHARS = 300


@dataclass(frozen=True)
class Envelope:
    format: str                       # "ANPA-1312" | "IPTC 7901"
    copy: str                         # the story as a plain seed: the headline line, then paragraphs
    priority: str | None = None       # the code as sent: "f", "r"; "1" to "6"
    urgency: str | None = None        # flash | bulletin | urgent, from the priority; None: routine
    category_code: str | None = None  # as sent: "i", "s", "pl"
    slug: str | None = None           # the story's key: "BC-US--Ethanol-Losing Grassland", "Germany-politics"
    kind: str | None = None           # update | refile | correction, from the take or version marks
    version: int | None = None        # 1 for "1st Ld-Writethru" or "1ST LEAD"
    word_count: int | None = None     # as the sender counted it
    filed: datetime | None = None     # the filing time (UTC) the trailer prints
    byline: str | None = None
    source: str | None = None         # the agency the envelope names
    notes: tuple[str, ...] = field(default_factory=tuple)   # notes to editors, as printed

    @property
    def desk_slug(self) -> str | None:
        """The slug that names one story, whose versions share it: ANPA's (AP's "BC-US--…").
        IPTC 7901's keyword line names a subject ("Germany-politics"), shared by other stories
        of the day: it gives tags, never a story's key (a wrong merge is worse than a missed one)."""
        return self.slug if self.format == "ANPA-1312" else None

    @property
    def keywords(self) -> list[str]:
        """IPTC 7901's keywords ("Germany-football/Munich/Mueller"), as tags."""
        if self.format == "ANPA-1312" or not self.slug:
            return []
        return [k for part in self.slug.split("/") if (k := part.strip().replace(",", ""))]

    def category(self, topics) -> str | None:
        """The site's category for the envelope's code, if the code names one of `topics`."""
        if not self.category_code:
            return None
        table = CATEGORY_CODES["anpa" if self.format == "ANPA-1312" else "iptc7901"]
        name = table.get(self.category_code.lower())
        return name if name and name in topics else None


def is_envelope(text: str) -> bool:
    """Whether the text opens with an ANPA-1312 or IPTC 7901 header."""
    return bool(_ANPA_HEAD.match(text) or _IPTC_HEAD.match(text))


def read_envelope(text: str) -> Envelope | None:
    if _ANPA_HEAD.match(text):
        return _anpa(text)
    if _IPTC_HEAD.match(text):
        return _iptc7901(text)
    return None


# ANPA's codes for what its 7-bit set lacks: "_" between spaces is a dash, `` and '' are
# opening and closing quotes, "{" a half in agate ("7{" games behind).
_ANPA_TYPOGRAPHY = (
    (re.compile(r"(?<=\s)_(?=\s)|^_(?=\s)"), "—"),
    (re.compile(r"``"), "“"),
    (re.compile(r"''"), "”"),
    (re.compile(r"(?<=\d)\{|(?<=[\s;])\{(?=[\s;]|$)"), "½"),
)


def _typeset(line: str) -> str:
    for pattern, replacement in _ANPA_TYPOGRAPHY:
        line = pattern.sub(replacement, line)
    return line


def _clean(line: str) -> str:
    """A line of copy without the format's codes: control characters become spaces, runs of
    spaces one."""
    return " ".join(_CONTROLS.sub(" ", line).split())


def _year(two: str) -> int:
    return 2000 + int(two) if int(two) < 70 else 1900 + int(two)


def _utc(year: int, month: int, day: int, hour: int, minute: int) -> datetime | None:
    try:
        return datetime(year, month, day, hour, minute, tzinfo=timezone.utc)
    except ValueError:
        return None


def _paragraph_text(lines: list[str]) -> str:
    return " ".join(_clean(line) for line in lines if _clean(line))


# --- ANPA-1312 ---------------------------------------------------------------------------

_ANPA_HEAD = re.compile(r"\x16{0,4}\x01(?P<level>[A-Za-z])(?P<number>\d{4})\x1f?(?P<selector>[^\r\n]*)\r?\n")
_ANPA_SERVICE = re.compile(
    r"(?P<priority>[A-Za-z]) (?P<category>[A-Za-z])(?P<format>[\x13\x14])[\x11\x12] "
    r"(?P<slug>\S+)(?P<take>[^\r\n]*?)\s+(?P<month>\d{1,2})-(?P<day>\d{1,2})(?:\s+(?P<words>\d{1,5}))?\s*\r?$",
    re.M)
# The keyword line: "BC-US--Ethanol-Losing Grassland, 1st Ld-Writethru,1140" (the slug, its
# version, the word count); AP's digests open with a code first ("*9006< ^AP-Top-…,0176").
_ANPA_KEYWORD = re.compile(
    r"(?:^|[<\s^])(?P<slug>(?:BC|AP|AM|PM)-[^,<]*?[^,<\s])\s*(?:,\s*(?P<take>[^,<]*?[^,<\s\d][^,<]*?))?"
    r"\s*(?:,\s*(?P<words>\d*))?\s*<?\s*$")
_TAKE = re.compile(r"(?P<n>\d{1,2})(?:st|nd|rd|th)\s*Ld", re.I)
_ANPA_TRAILER = re.compile(r"(?P<agency>[A-Za-z]{2,6})-[A-Za-z]{1,4}-(?P<m>\d{2})-(?P<d>\d{2})-(?P<y>\d{2})\s+"
                           r"(?P<hh>\d{2})(?P<mm>\d{2})\s*GMT")
_PHOTO_REF = re.compile(r"^AP (?:Photos?|Video|Graphics?|Audio|Interactive)\b")
_EDS = re.compile(r"^\(?\s*Eds?:\s*(?P<note>.+?)\s*\)?$")
_EDITORS_NOTE = re.compile(r"^EDITOR'?S NOTE\s*[_:—-]+\s*(?P<note>.+)$", re.I)
_BY = re.compile(r"^By\s+(?P<name>\S.*)$")
_BYLINE_TITLE = re.compile(r"\b(?:Writer|Correspondent|Editor|Reporter|Columnist|Critic)s?$")
_ALERT_KEYWORDS = {"apnewsalert", "newsalert", "bulletin", "urgent", "flash"}


def _anpa_trailer(t: re.Match | None) -> tuple[datetime | None, str | None]:
    """The filing time (UTC) and the agency of a trailer: "AP-WF-11-13-13 1509GMT"."""
    if t is None:
        return None, None
    filed = _utc(_year(t.group("y")), int(t.group("m")), int(t.group("d")), int(t.group("hh")), int(t.group("mm")))
    return filed, agency_name(t.group("agency"))


def _line(raw: str) -> str:
    """A line of ANPA copy without its codes, and without the end-of-line quad code ("<" flush
    left, "=" centred) that closes it."""
    line = _clean(raw)
    return line[:-1].rstrip() if line.endswith(("<", "=")) else line


def _anpa(text: str) -> Envelope:
    head = _ANPA_HEAD.match(text)
    rest = text[head.end():]
    first_line = rest[: rest.find("\n") + 1 or len(rest)]
    service = _ANPA_SERVICE.match(first_line) if len(first_line) <= LINE_MAX_CHARS else None
    priority = category = None
    words = None
    slug = take = None
    if service:
        priority, category = service.group("priority").lower(), service.group("category").lower()
        words = int(service.group("words")) if service.group("words") else None
        slug, take = service.group("slug"), service.group("take").strip() or None
    start = rest.find("\x02")
    end = rest.rfind("\x03")
    body = rest[start + 1: end if end > start else len(rest)] if start >= 0 else rest[service.end() if service else 0:]
    trailer = rest[end + 1:] if end > start >= 0 else ""
    filed, source = _anpa_trailer(_ANPA_TRAILER.search(trailer))

    lines = [line.rstrip("\r") for line in body.lstrip("\x02").split("\n")]
    headline = byline = keyword = None
    notes: list[str] = []
    abstracts: list[str] = []   # header lines between headline and byline: the desk's abstract
    paragraphs: list[str] = []
    in_header, after_byline, title_next = True, False, False
    for raw in lines:
        if in_header and raw.startswith("^") and not raw.startswith("^\t"):
            line = _line(raw[1:])
            if not line:
                continue
            title_line, title_next = title_next, False
            if keyword is None and len(line) <= LINE_MAX_CHARS and (k := _ANPA_KEYWORD.search(line)) is not None:
                keyword = k
                continue
            if _PHOTO_REF.match(line):
                continue
            if (eds := _EDS.match(line)) is not None:
                notes.append(eds.group("note"))
            elif (ed := _EDITORS_NOTE.match(line)) is not None:
                notes.append(ed.group("note"))
            elif (by := _BY.match(line)) is not None and byline is None:
                byline, after_byline, title_next = by.group("name"), True, True
            elif title_line and (agency_name(line) or _BYLINE_TITLE.search(line)):
                continue   # the byline's second line: "Associated Press", "AP Sports Writer"
            elif headline is None:
                headline = line
            elif after_byline:
                paragraphs.append(line)
            else:
                abstracts.append(line)
            continue
        if raw.startswith(("\t", "\x08", "^\t")):
            in_header = False
            if line := _line(raw.lstrip("^\x08")).lstrip("^ "):
                paragraphs.append(line)
        elif raw.startswith("^"):   # a heading inside a table ("^AMERICAN LEAGUE="), an end mark
            line = _line(raw[1:])
            if line and line != "END":
                paragraphs.append(line)
        elif line := _clean(raw):
            # a line of no code: it continues the paragraph above it
            if paragraphs:
                paragraphs[-1] += " " + line
            else:
                paragraphs.append(line)
    # a file cut before its ETX: the trailer is the last line of the copy
    if paragraphs and filed is None and (t := _ANPA_TRAILER.fullmatch(paragraphs[-1].rstrip("<").strip())):
        filed, source = _anpa_trailer(t)
        paragraphs.pop()
    # header lines before the byline that are not an abstract of the story are its copy
    # (a digest's list of headlines); a long one is the abstract the lede repeats or sums up
    if byline is None or not paragraphs:
        paragraphs = abstracts + paragraphs
    else:
        paragraphs = [a for a in abstracts if len(a) < 80] + paragraphs

    kind = version = None
    if keyword is not None:
        slug = " ".join(keyword.group("slug").split())
        take = keyword.group("take") or take
        if keyword.group("words"):
            words = int(keyword.group("words"))
    if take and (ld := _TAKE.search(take)) is not None:
        kind, version = "update", int(ld.group("n"))
    if headline is None:
        headline = _headline_from(slug, paragraphs)
    copy = "\n\n".join(_typeset(p) for p in [headline or "", *paragraphs])
    return Envelope("ANPA-1312", copy, priority, ANPA_URGENCY.get(priority or ""), category, slug, kind, version,
                    words, filed, byline, source, tuple(notes))


def _headline_from(slug: str | None, paragraphs: list[str]) -> str | None:
    """A story sent without a headline line: the words of its slug ("BC-WEA--Global Weather-
    Fahrenheit" -> "Global Weather-Fahrenheit"); an alert's slug says only "alert", so its
    headline is the alert itself, the lede without its dateline."""
    words = slug.split("--", 1)[-1] if slug else None
    if words and words.replace(" ", "").lower() not in _ALERT_KEYWORDS:
        return words
    if paragraphs:
        lede = paragraphs[0]
        if (parsed := parse_dateline(lede, "en")) is not None and parsed[1]:
            lede = parsed[1].lstrip("_—–- ")   # AP's dateline dash: "HONOLULU (AP) _ …"
        return lede.removesuffix(".")
    return words


# --- IPTC 7901 ---------------------------------------------------------------------------

_IPTC_HEAD = re.compile(r"\x01(?P<source>[A-Za-z]{1,8})(?P<number>\d{1,6}) (?P<priority>\d) (?P<category>[A-Za-z]{1,3}) "
                        r"+(?P<words>\d{1,6})(?P<optional>[^\r\n\x02]*)\r?\n")
_IPTC_STAMP = re.compile(r"(?P<d>\d{2})(?P<hh>\d{2})(?P<mm>\d{2})\s+(?:GMT\s+|UTC\s+)?(?P<month>[A-Za-zä]{3})\w{0,6}\s+(?P<y>\d{2})\b")
_VERSION_MARK = re.compile(r"^(?:(?P<refile>REFILE)|(?P<n>\d{1,2})(?:ST|ND|RD|TH)\s+LEAD|(?P<corr>CORRECTION|KORREKTUR)"
                           r"|EXTRA|\(?ACHTUNG\)?|\(?ATTENTION\)?)$", re.I)
_NOTEBOOK = re.compile(r"^#\s+(?:\w+\s+)?notebook\s*$", re.I)
_NOT_FOR_PUBLICATION = re.compile(r"not (?:intended )?for publication", re.I)
_DESK_INITIALS = re.compile(r"^[a-z]{2,5}(?:-[a-z]{2,5})?(?:\s+[a-z]{2,4}){1,8}$")


def _iptc7901(text: str) -> Envelope:
    head = _IPTC_HEAD.match(text)
    rest = text[head.end():]
    start = rest.find("\x02")
    end = rest.rfind("\x03")
    keyword_part = rest[:start] if start >= 0 else ""
    body = rest[start + 1: end if end > start else len(rest)] if start >= 0 else rest
    trailer = rest[end + 1:] if end > start >= 0 else ""
    slug = "/".join(part for line in keyword_part.splitlines() if (part := _clean(line).strip("/ "))) or None
    filed = None
    if (t := _IPTC_STAMP.search(_clean(trailer))) is not None and (month := _MONTHS.get(t.group("month").lower())):
        filed = _utc(_year(t.group("y")), month, int(t.group("d")), int(t.group("hh")), int(t.group("mm")))
    source = next((a for token in re.split(r"[\s/-]+", head.group("optional")) if token and (a := agency_name(token))), None)

    lines = [_clean(line) for line in body.replace("\r", "").split("\n")]
    # the head block: version marks, headline, byline; it closes with the line ending in "="
    head_end = next((i for i, line in enumerate(lines[:8]) if line.endswith("=")), None)
    if head_end is None:
        head_end = next((i for i, line in enumerate(lines) if not line), len(lines)) - 1
    kind = version = byline = None
    headline_parts: list[str] = []
    for line in lines[: head_end + 1]:
        line = line.rstrip("= ").strip()
        if not line:
            continue
        if (mark := _VERSION_MARK.match(line)) is not None:
            if mark.group("refile"):
                kind = kind or "refile"
            elif mark.group("n"):
                kind, version = kind or "update", int(mark.group("n"))
            elif mark.group("corr"):
                kind = "correction"
        elif (by := _BY.match(line)) is not None:
            byline = by.group("name").split(",")[0].strip()
        else:
            headline_parts.append(line)

    paragraphs: list[str] = []
    notes: list[str] = []
    current: list[str] = []
    in_notebook = False
    section = ""
    for line in lines[head_end + 1:]:
        if in_notebook:
            if _NOT_FOR_PUBLICATION.search(line):
                break
            if line.startswith("#"):
                section = line.lstrip("# ").lower()
                kind = kind or ("refile" if section == "refile" else None)
            elif line.startswith("- ") and "note" in section:
                notes.append(line[2:].strip())
            continue
        if _NOTEBOOK.match(line) or _NOT_FOR_PUBLICATION.search(line):
            in_notebook = True
            continue
        if line:
            current.append(line)
        elif current:
            paragraphs.append(_paragraph_text(current))
            current = []
    if current:
        paragraphs.append(_paragraph_text(current))
    while paragraphs and (_DESK_INITIALS.match(paragraphs[-1]) or paragraphs[-1] in {"* * * *", "***"}):
        paragraphs.pop()

    copy = "\n\n".join([" ".join(headline_parts), *paragraphs])
    priority = head.group("priority")
    return Envelope("IPTC 7901", copy, priority, IPTC7901_URGENCY.get(priority), head.group("category").lower(),
                    slug, kind, version, int(head.group("words")), filed, byline, source, tuple(notes))
