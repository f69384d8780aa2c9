"""A story's place in its life on the wire: version, update, correction, kill, embargo, urgency.

Agencies send a story several times and say so in the copy, each in its own way:

    Reuters   UPDATE 2-Oil rises…   REFILE-…   CORRECTED-…   RPT-…   BRIEF-…
              (Updates with minister's comments)   (Corrects paragraph 3)   WITHDRAWN-…
    AP        BC-US--Budget Fight,1st Ld-Writethru   Eds: UPDATES with …   Eds: CORRECTS …
              URGENT   BULLETIN   FLASH   APNewsAlert   KILL   ELIMINATION
    AFP       URGENT   FLASH   ALERTE   CORRECTION   CANCELLATION   ATTENTION - ADDS quotes ///
    Xinhua    (1st LD)   (2nd LD-Writethru)   (Update)   URGENT:   (Correction)
    any       EMBARGOED UNTIL 0001 GMT DEC 4   Embargoed to 2200 GMT Tuesday   HOLD FOR RELEASE …

These are metadata, never text: read_lifecycle takes them off the headline and the top of
the copy and says what they mean. Pure functions, no I/O.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone

from .dates import MONTH, TZ_OFFSETS, WEEKDAYS, _month

URGENCIES = ("flash", "bulletin", "urgent", "alert")   # most urgent first


@dataclass(frozen=True)
class Lifecycle:
    status: str = "usable"            # usable | withheld (under embargo) | canceled (killed, withdrawn)
    kind: str | None = None           # update | correction | refile | repeat | None (a first version)
    version: int | None = None        # 1 for a first lead, 2 for "UPDATE 1-" or "(2nd LD)"…; None if unsaid
    urgency: str | None = None        # one of URGENCIES
    note: str | None = None           # the desk's note as printed: "Updates with minister's comments"
    embargo: datetime | None = None   # when the copy may be published (UTC); None: at once
    embargo_text: str | None = None   # the embargo line as printed
    slug: str | None = None           # the desk's key of the story: AP's "BC-US--Budget Fight"


_ORDINAL = r"(?P<n>\d{1,2})(?:st|nd|rd|th)"
# Headline prefixes ("UPDATE 2-", "REFILE-", "URGENT:") and suffixes ("(2nd LD-Writethru)").
_PREFIX = re.compile(
    r"""^(?:
        (?P<update>UPDATE|WRAPUP)\s+(?P<un>\d{1,2})\s*[-:]
      | (?P<word>REFILE|CORRECTED|CORRECTION|RPT|REPEAT|WITHDRAWN|KILL|ELIMINATION|CANCELLATION|CANCEL
                 |URGENT|FLASH|BULLETIN|ALERTE|ALERT|APNewsAlert|BRIEF)\s*(?:[-:]|\s(?=\S))
    )\s*""",
    re.X,
)
_SUFFIX = re.compile(
    rf"""\s*\((?:
        {_ORDINAL}\s+(?:LD|Ld|lead|Lead)(?:[-\s]?(?:Writethru|WRITETHRU|writethru))?
      | (?P<xword>Update|UPDATE|Correction|CORRECTION|Corrected|Refile)
    )\)\s*$""",
    re.X,
)
_WORD_KIND = {"REFILE": "refile", "CORRECTED": "correction", "CORRECTION": "correction", "RPT": "repeat",
              "REPEAT": "repeat", "UPDATE": "update", "Update": "update", "Correction": "correction",
              "Corrected": "correction", "Refile": "refile"}
_KILL_WORDS = {"WITHDRAWN", "KILL", "ELIMINATION", "CANCELLATION", "CANCEL"}
_URGENCY_WORDS = {"URGENT": "urgent", "FLASH": "flash", "BULLETIN": "bulletin", "ALERTE": "alert",
                  "ALERT": "alert", "APNewsAlert": "alert"}

# Lines before the story that belong to the desk.
_AP_SLUG = re.compile(r"^(?P<key>BC-[\w-]+--[^,\n]{1,80})(?:,\s*(?P<rest>.{0,80}))?$")
_AP_LD = re.compile(rf"{_ORDINAL}\s+Ld(?:-Writethru)?", re.I)
_EDS = re.compile(r"^Eds?:\s*(?P<note>.{3,400})$")
_NOTE = re.compile(r"^\((?P<note>(?:Updates|Adds|Corrects|Recasts|Refiles|Repeats|Changes|Removes|Fixes|Deletes|Inserts)\b[^()]{0,400})\)\s*(?P<rest>.*)$", re.S)
_AFP_ATTENTION = re.compile(r"^(?:=\s*)?ATTENTION\s*-\s*(?P<note>.{3,300}?)\s*(?:/{2,}|=)?\s*$")
_KILL_LINE = re.compile(r"^(?:KILL|ELIMINATION|WITHDRAWAL|STORY WITHDRAWN|CANCELLATION|CANCEL|MANDATORY KILL)\b.{0,300}$", re.I)
_URGENCY_LINE = re.compile(r"^(?:URGENT|FLASH|BULLETIN|ALERTE|APNewsAlert)$")

# Embargo lines: "EMBARGOED UNTIL 0001 GMT DEC 4", "Embargoed to 2200 GMT Tuesday",
# "HOLD FOR RELEASE UNTIL 10 A.M. EDT, Tuesday, June 4", "STRICTLY EMBARGOED until 12:00 GMT".
_EMBARGO = re.compile(
    r"^(?:STRICTLY\s+)?(?:EMBARGOED|Embargoed|EMBARGO|Embargo|HOLD\s+FOR\s+RELEASE|Hold\s+for\s+release)"
    r"(?:\s+(?:FOR\s+RELEASE\s+)?(?:UNTIL|until|TO|to|TILL|till|:))?\s*(?P<when>.{0,80}?)\s*[.\-–—]*\s*$"
)
_CLOCK = re.compile(
    r"(?<![\d:])(?:(?P<hhmm>[012]\d[0-5]\d)|(?P<h>[01]?\d|2[0-3])(?::(?P<m>[0-5]\d))?\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?))"
    r"|(?<![\d:])(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)"
)
_ZONE = re.compile(r"\b(?P<zone>" + "|".join(sorted(TZ_OFFSETS, key=len, reverse=True)) + r")\b")
_ON_DAY = re.compile(rf"(?P<month>{MONTH})\s+(?P<day>[0-3]?\d)\b|\b(?P<day2>[0-3]?\d)\s+(?P<month2>{MONTH})", re.I)
_WEEKDAY = re.compile(r"\b(?P<weekday>" + "|".join(WEEKDAYS) + r")\b", re.I)


def _offset(zone: str | None) -> timedelta:
    text = TZ_OFFSETS.get(zone or "UTC", "+00:00")
    sign = -1 if text[0] == "-" else 1
    return sign * timedelta(hours=int(text[1:3]), minutes=int(text[4:6]))


def embargo_time(text: str, reference: date | datetime) -> datetime | None:
    """When an embargo line's time falls, in UTC: for a date, that date from the day before the
    reference on (a time zone's grace); for a weekday or a time alone, the next such moment.
    None if the line gives no time."""
    clock = _CLOCK.search(text)
    if not clock:
        return None
    if clock.group("hhmm"):
        hour, minute = int(clock.group("hhmm")[:2]), int(clock.group("hhmm")[2:])
    elif clock.group("h24"):
        hour, minute = int(clock.group("h24")), int(clock.group("m24"))
    else:
        hour, minute = int(clock.group("h")) % 12, int(clock.group("m") or 0)
        hour += 12 if clock.group("ampm")[0] in "Pp" else 0
    if hour > 23 or minute > 59:
        return None
    zone = (m.group("zone") if (m := _ZONE.search(text)) else None)
    tz = timezone(_offset(zone))
    ref = reference if isinstance(reference, datetime) else datetime.combine(reference, time(), timezone.utc)
    ref = ref if ref.tzinfo else ref.replace(tzinfo=timezone.utc)
    start = ref.astimezone(tz).date() - timedelta(days=1)
    if (on := _ON_DAY.search(text)) is not None:
        month = _month(on.group("month") or on.group("month2"))
        day = int(on.group("day") or on.group("day2"))
        for year in (start.year, start.year + 1):
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if candidate >= start:
                return datetime.combine(candidate, time(hour, minute), tz).astimezone(timezone.utc)
        return None
    if (wd := _WEEKDAY.search(text)) is not None:
        # the first such weekday and time from half a day before the reference on: a weekday
        # says "this week", and copy comes in ahead of its embargo, not a week after it
        target = WEEKDAYS.index(wd.group("weekday").capitalize())
        day = start + timedelta(days=(target - start.weekday()) % 7)
        moment = datetime.combine(day, time(hour, minute), tz)
        if moment < ref - timedelta(hours=12):
            moment += timedelta(days=7)
        return moment.astimezone(timezone.utc)
    # a time alone: the next such time from the reference on
    moment = datetime.combine(ref.astimezone(tz).date(), time(hour, minute), tz)
    return (moment if moment >= ref - timedelta(hours=1) else moment + timedelta(days=1)).astimezone(timezone.utc)


def _more_urgent(a: str | None, b: str | None) -> str | None:
    found = [u for u in (a, b) if u]
    return min(found, key=URGENCIES.index) if found else None


def read_lifecycle(title: str, paragraphs: list[str], reference: date | datetime | None) -> tuple[Lifecycle, str, list[str]]:
    """The lifecycle the headline and the first lines of the copy state, the headline without its
    markers and the paragraphs without the desk's lines (the rest of the copy is left as it is)."""
    kind = version = urgency = note = embargo = embargo_text = slug = None
    status = "usable"
    rest = list(paragraphs)
    # an embargo line above the headline: the headline is the next line
    if (emb := _EMBARGO.match(title)) is not None and rest and len(title) <= 120:
        embargo_text, status = title, "withheld"
        embargo = embargo_time(emb.group("when"), reference) if reference else None
        title = rest.pop(0)
    # headline prefixes, any number of them ("URGENT: UPDATE 1-…"), then a suffix
    while (m := _PREFIX.match(title)) and len(title) > m.end():
        if m.group("update"):
            kind, version = "update", int(m.group("un")) + 1
        else:
            word = m.group("word")
            if word in _KILL_WORDS:
                status = "canceled"
            elif word in _URGENCY_WORDS:
                urgency = _more_urgent(urgency, _URGENCY_WORDS[word])
            elif word != "BRIEF":
                kind = kind or _WORD_KIND[word]
        title = title[m.end():]
    if (m := _SUFFIX.search(title)) and m.start() > 0:
        if m.group("n"):
            kind, version = kind or "update", int(m.group("n"))
        else:
            kind = kind or _WORD_KIND[m.group("xword")]
        title = title[: m.start()]
    # desk lines before the story: slugs, editor's notes, urgency words, embargoes, kill notices
    while rest:
        line = rest[0].strip()
        if (desk := _AP_SLUG.match(line)) is not None:
            slug = " ".join(desk.group("key").split())
            if (ld := _AP_LD.search(desk.group("rest") or "")) is not None:
                kind, version = kind or "update", int(ld.group("n"))
        elif (eds := _EDS.match(line)) is not None:
            note = note or eds.group("note").strip()
            upper = note.upper()
            if upper.startswith(("CORRECTS", "CORRECTION")):
                kind = "correction"
            elif upper.startswith(("UPDATES", "ADDS", "RECASTS", "SUBS", "WITH")):
                kind = kind or "update"
            if "WITHDRAW" in upper or upper.startswith(("KILL", "ELIMINATION")):
                status = "canceled"
        elif (att := _AFP_ATTENTION.match(line)) is not None:
            note = note or att.group("note").strip()
            kind = kind or ("correction" if "CORRECT" in note.upper() else "update")
        elif _KILL_LINE.match(line):
            status, note = "canceled", note or line
        elif _URGENCY_LINE.match(line):
            urgency = _more_urgent(urgency, _URGENCY_WORDS[line])
        elif (emb := _EMBARGO.match(line)) is not None and len(line) <= 120:
            embargo_text = line
            embargo = embargo_time(emb.group("when"), reference) if reference else None
            status = "withheld" if status == "usable" else status
        elif (desk := _NOTE.match(line)) is not None:
            # "(Updates with …)" may stand alone or open the first paragraph
            note = note or desk.group("note").strip()
            kind = "correction" if desk.group("note").startswith(("Corrects", "Fixes")) else (
                "refile" if desk.group("note").startswith(("Refiles", "Repeats")) else kind or "update")
            if desk.group("rest").strip():
                rest[0] = desk.group("rest").strip()
                break
        else:
            break
        rest.pop(0)
    return (Lifecycle(status, kind, version, urgency, note, embargo, embargo_text, slug), title.strip(), rest)
