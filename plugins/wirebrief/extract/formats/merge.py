"""An agency item's record: what its markup states wins; text extraction, run on the item's
text as on a text seed, fills only what the markup leaves out.

Provenance: `date_source` is "markup" when the date is the item's own (first created, else
version created), else what text extraction says ("dateline", "stamp", "received"…);
`place_source` is "dateline" when the place is the dateline's (the markup's dateline element
or the copy's own), "markup" when it is the item's located place.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timezone

import pycountry

from .. import Record, extract
from .. import places as _places
from ..agencies import agency_in, agency_name
from ..lifecycle import URGENCIES
from ..summary import SUMMARY_MAX_CHARS
from ..topics import DEFAULT_CATEGORY, is_iptc_subject, subject_category
from .item import URGENCY_WORDS, Item

# What a dateline holds when it names no place: dates, times and zones ("2014-07-16 13:00:03
# GMT+00:00", "MARCH 04, 2013", "4/4/2018")
_NOT_PLACE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?|\b(?:gmt|utc|[ap]\.?m)\b"
                        r"|[\d\W_]", re.I)
# Where a dateline's places end: the agency, a dash, a date ("SYDNEY March 22 AAP -")
_DATELINE_END = re.compile(r"\(|\s[-–—_]\s|\s[-–—_]$|\d|,?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?(?=\s|$)",
                           re.I)
_DATE_WARNINGS = ("no date in the text", "dateline ")


def _names_place(dateline: str) -> bool:
    return len(_NOT_PLACE.sub("", dateline)) >= 2


def _first_word(text: str) -> str:
    m = re.search(r"[^\W\d_]+", text)
    return m.group().casefold() if m else ""


def _copy(item: Item) -> str:
    """The item as a text seed: headline (else its first paragraph, as for a flash), then
    paragraphs, the markup's dateline opening the first one when the copy does not print it."""
    paragraphs = list(item.paragraphs)
    headline = item.headline or (paragraphs.pop(0) if paragraphs else None)
    if item.dateline and paragraphs and _names_place(item.dateline) \
            and _first_word(paragraphs[0]) != _first_word(item.dateline):
        printed = item.dateline.rstrip()
        paragraphs[0] = f"{printed} {paragraphs[0]}" if printed[-1] in "-–—_:" else f"{printed} — {paragraphs[0]}"
    return "\n\n".join(([headline] if headline else []) + paragraphs)


def _dateline_places(dateline: str | None) -> tuple[str, ...]:
    """A markup dateline's place parts when text extraction did not read it ("Unnao",
    "Helsinki", "London (dpa) -"): up to its agency, without dates."""
    if not dateline or not _names_place(dateline):
        return ()
    head = _DATELINE_END.split(dateline, maxsplit=1)[0]
    return tuple(p for part in head.split(",") if (p := part.strip(" .")) and _names_place(p))


def _iso(when: datetime) -> str:
    offset = when.strftime("%z") or "+0000"
    return f"{when:%Y-%m-%dT%H:%M}{offset[:3]}:{offset[3:]}"


def _country(name: str) -> str:
    """ISO 3166 codes as agencies give them ("SWE", "CAN") as the country's name."""
    if re.fullmatch(r"[A-Z]{3}", name) and (found := pycountry.countries.get(alpha_3=name)):
        return getattr(found, "common_name", None) or found.name
    return name


def _agency(*candidates: str | None) -> str | None:
    """The agency a credit line or provider names ("REUTERS", "STT–AFP" -> AFP, "Agence
    France-Presse (AFP)" -> AFP), else the first one as printed ("Australian Associated Press"
    is not AP: an agency counts only as a word of its own)."""
    for text in candidates:
        if text and (found := agency_name(text)
                     or ((a := agency_in(text)) and re.search(rf"(?<!\w){re.escape(a)}(?!\w)", text) and a)):
            return found
    return next((c for c in candidates if c), None)


def _language(tag: str | None) -> str | None:
    return tag.replace("_", "-").split("-")[0].lower() or None if tag else None


def extract_item(item: Item, reference: date | datetime | None = None, *,
                 topics: dict[str, tuple[str, ...]] | None = None, default_category: str = DEFAULT_CATEGORY,
                 summary_max_chars: int = SUMMARY_MAX_CHARS,
                 subjects: dict[str, tuple[str, ...]] | None = None) -> Record:
    language = _language(item.language)
    record = extract(_copy(item), reference, topics=topics, default_category=default_category,
                             summary_max_chars=summary_max_chars, language=language)
    warnings = list(record.warnings)
    changes: dict = {}

    when = item.first_created or item.version_created
    if when:
        changes.update(date=_iso(when), date_source="markup")
        warnings = [w for w in warnings if not w.startswith(_DATE_WARNINGS)]

    printed = _dateline_places(item.dateline)
    if record.city:
        changes["place_source"] = "dateline"
    elif item.located or printed:
        # the dateline element's place when the gazetteer knows it, else the located place
        place = _places.resolve(printed, language or "en") if printed else None
        if place is None or not place.known:
            place = _places.resolve(tuple(_country(p) for p in item.located or printed), language or "en")
        changes.update(city=place.city, region=place.region, country=place.country, location=place.location,
                       place_source="markup")
        warnings = [w for w in warnings if not w.startswith("no location")]
        if not place.known:
            warnings.append(f"place {place.city!r} is not in the gazetteer: shown as printed")

    status = item.status if item.status != "usable" else record.wire_status
    if status == "withheld" and not (item.embargo or record.embargo):
        warnings.append("withheld by the agency with no embargo time: held until an editor releases it")
    urgencies = [u for u in (URGENCY_WORDS.get(item.urgency), record.urgency) if u]
    category = subject_category(item.subjects, subjects) or record.category
    if item.others:
        warnings.append(f"{item.others} more {'story' if item.others == 1 else 'stories'} in this file not "
                        "published: one file gives one briefing (its first story)")
    photo = item.photo
    return replace(
        record, **changes,
        lang=language or record.lang,
        source=_agency(item.credit, item.provider) or record.source,
        credit=item.credit,
        byline=item.byline or record.byline,
        photo_caption=(photo.caption if photo and photo.caption else record.photo_caption),
        photo_credit=(photo.credit if photo and photo.credit else record.photo_credit),
        wire_status=status,
        embargo=item.embargo.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%MZ") if item.embargo else record.embargo,
        urgency=min(urgencies, key=URGENCIES.index) if urgencies else None,
        version_kind=item.version_kind or record.version_kind,
        version=item.version or record.version,
        editors_note=item.ednote or record.editors_note,
        item_id=item.id,
        item_format=item.format,
        subjects=[c for c in dict.fromkeys(item.subjects) if is_iptc_subject(c)],
        renditions=list(photo.files) if photo else [],
        category=category,
        warnings=warnings,
    )
