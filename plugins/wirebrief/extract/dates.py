"""Dates in wire copy: dateline dates, full dates in captions, time stamps, weekdays.

Wire formats are few and fixed, so strict patterns beat a general date parser
here: they never read "may" as a month or "Nov. 29" as just "Nov", and they
run at many thousand paragraphs a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)
MONTHS: dict[str, int] = {}
for _i, _name in enumerate(_MONTH_NAMES, 1):
    MONTHS[_name.lower()] = _i
    MONTHS[_name[:3].lower()] = _i
MONTHS["sept"] = 9

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# A month name or AP abbreviation, optionally with a period; capitalised, as wire copy prints it.
MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
    r"|JAN(?:UARY)?|FEB(?:RUARY)?|MAR(?:CH)?|APR(?:IL)?|MAY|JUNE?|JULY?|AUG(?:UST)?"
    r"|SEPT?(?:EMBER)?|OCT(?:OBER)?|NOV(?:EMBER)?|DEC(?:EMBER)?)\.?"
)
DAY = r"(?:[12][0-9]|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR = r"(?:19|20)[0-9]{2}"

# "Nov. 29", "January 21.", "2 March", "Feb 26, 1987": a dateline's date part, whole.
# Case-insensitive: teleprinter copy prints "FEb 26" and "march 2".
_MONTH_DAY = re.compile(
    rf"^(?:(?P<m1>{MONTH})\s+(?P<d1>{DAY})|(?P<d2>{DAY})\s+(?P<m2>{MONTH}))\.?(?:,?\s+(?P<y>{YEAR}))?\.?$",
    re.I,
)

# Full dates with a year, anywhere in a text.
_FULL_DATES = re.compile(
    rf"\b(?:(?P<m1>{MONTH})\s+(?P<d1>{DAY}),?\s+(?P<y1>{YEAR})"
    rf"|(?P<d2>{DAY})\s+(?P<m2>{MONTH}),?\s+(?P<y2>{YEAR})"
    rf"|(?P<y3>{YEAR})[-/](?P<n3>[01]?[0-9])[-/](?P<d3>[0-3]?[0-9])"
    rf"|(?P<d4>[0-3]?[0-9])\.(?P<n4>[01]?[0-9])\.(?P<y4>{YEAR}))(?![\w/.-]?\d)"
)

_TIME = re.compile(
    r"(?<![\d:])(?P<h>[01]?[0-9]|2[0-3]):(?P<mi>[0-5][0-9])(?::[0-5][0-9])?"
    r"(?:\s*(?P<ampm>[ap]\.?m\.?))?"
    r"(?:\s*(?P<tz>[A-Z]{2,4}\b|(?:UTC|GMT)?\s?[+-][01][0-9]:?[0-5][0-9]))?"
)

# Time zones wire services print after a stamp's time (a style table, not a tz database).
TZ_OFFSETS = {
    "UTC": "+00:00", "GMT": "+00:00", "BST": "+01:00", "CET": "+01:00", "CEST": "+02:00",
    "EET": "+02:00", "EEST": "+03:00", "MSK": "+03:00", "IST": "+05:30", "PKT": "+05:00",
    "ICT": "+07:00", "WIB": "+07:00", "BJT": "+08:00", "HKT": "+08:00", "SGT": "+08:00",
    "MYT": "+08:00", "PHT": "+08:00", "AWST": "+08:00", "KST": "+09:00", "JST": "+09:00",
    "AEST": "+10:00", "AEDT": "+11:00", "NZST": "+12:00", "NZDT": "+13:00",
    "EST": "-05:00", "EDT": "-04:00", "CDT": "-05:00", "MST": "-07:00", "MDT": "-06:00",
    "PST": "-08:00", "PDT": "-07:00",
}

# A stamp paragraph: a label, a date, perhaps a time; short, and nothing like a sentence.
_STAMP_LABEL = re.compile(
    r"^(?:(?:Last\s+)?(?:Updated|Published|Posted|Released|Modified|Date|Issued)(?:\s+on)?\s*:?\s*)",
    re.I,
)
STAMP_MAX_CHARS = 100


_WEEKDAY_WORDS = re.compile(r"\b(?:" + "|".join(WEEKDAYS) + r")\b", re.I)


@dataclass(frozen=True)
class When:
    """A calendar date with an optional time of day and UTC offset."""

    day: date
    clock: time | None = None
    offset: str | None = None

    def iso(self) -> str:
        if self.clock is None:
            return self.day.isoformat()
        text = f"{self.day.isoformat()}T{self.clock.strftime('%H:%M')}"
        return text + (self.offset or "")


def _month(text: str) -> int:
    key = text.rstrip(".").lower()
    return MONTHS.get(key) or MONTHS[key[:3]]


def _day(text: str) -> int:
    return int(re.match(r"\d+", text).group())


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def month_day(text: str) -> tuple[int, int, int | None] | None:
    """Read a dateline's date part ("Nov. 29", "2 March", "January 21.") as (month, day, year)."""
    m = _MONTH_DAY.match(text.strip())
    if not m:
        return None
    month = _month(m.group("m1") or m.group("m2"))
    day = _day(m.group("d1") or m.group("d2"))
    year = int(m.group("y")) if m.group("y") else None
    if _safe_date(year or 2000, month, day) is None:  # 2000 is a leap year: Feb 29 passes
        return None
    return month, day, year


def resolve_year(month: int, day: int, anchor: date) -> date | None:
    """The most recent month/day on or before the anchor (wire datelines print no year)."""
    for year in range(anchor.year, anchor.year - 9, -1):
        found = _safe_date(year, month, day)
        if found and found <= anchor:
            return found
    return None


def find_dates(text: str) -> list[date]:
    """Every full date with a year that a text prints, in order."""
    found = []
    for m in _FULL_DATES.finditer(text):
        g = m.groupdict()
        if g["y1"]:
            d = _safe_date(int(g["y1"]), _month(g["m1"]), _day(g["d1"]))
        elif g["y2"]:
            d = _safe_date(int(g["y2"]), _month(g["m2"]), _day(g["d2"]))
        elif g["y3"]:
            d = _safe_date(int(g["y3"]), int(g["n3"]), int(g["d3"]))
        else:  # 03.04.2023: day.month.year, as German and most European copy prints it
            d = _safe_date(int(g["y4"]), int(g["n4"]), int(g["d4"]))
        if d:
            found.append(d)
    return found


def parse_stamp(text: str) -> When | None:
    """Read a time-stamp paragraph ("Updated: 2023-04-12 09:12", "2022/11/01 09:15 KST",
    "Published: 21 January 2023", "03.04.2023"); None when the paragraph is not one."""
    text = text.strip()
    if len(text) > STAMP_MAX_CHARS:
        return None
    rest = _STAMP_LABEL.sub("", text)
    m = _FULL_DATES.search(rest)
    if not m:
        return None
    # Nothing but the date, a time and a zone may stand in a stamp.
    leftover = _TIME.sub("", rest[: m.start()] + " " + rest[m.end():])
    leftover = _WEEKDAY_WORDS.sub("", leftover)   # "Monday, March 4, 2024"
    if re.search(r"[A-Za-z]{3,}", leftover.replace("|", " ")):
        return None
    day = find_dates(m.group())
    if not day:
        return None
    t = _TIME.search(rest, m.end())
    if not t:
        return When(day[0])
    hour = int(t.group("h"))
    ampm = (t.group("ampm") or "").replace(".", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    offset = None
    tz = (t.group("tz") or "").strip()
    if tz in TZ_OFFSETS:
        offset = TZ_OFFSETS[tz]
    elif tz:
        digits = re.search(r"([+-])([01][0-9]):?([0-5][0-9])", tz)
        offset = f"{digits.group(1)}{digits.group(2)}:{digits.group(3)}" if digits else None
    return When(day[0], time(hour, int(t.group("mi"))), offset)


def weekday(text: str) -> int | None:
    """A weekday's name ("Monday", "MONDAY") as 0 = Monday; None for anything else."""
    return _WEEKDAY_INDEX.get(text.strip().rstrip(".").lower())


_WEEKDAY_INDEX = {name.lower(): i for i, name in enumerate(WEEKDAYS)}


def nearest_weekday(day_of_week: int, anchor: date) -> date | None:
    """The day of that weekday within one day of the anchor (a dateline's weekday is the filing
    day, which a time zone may put a day either side of the reference); None if none is."""
    for shift in (0, -1, 1):
        if (anchor + timedelta(days=shift)).weekday() == day_of_week:
            return anchor + timedelta(days=shift)
    return None


def as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value
