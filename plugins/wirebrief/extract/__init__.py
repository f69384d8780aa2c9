"""Extraction: from a seed's decoded text to a metadata record. Pure functions, no I/O.

    extract(text, reference) -> Record

Each field family has its own module: layout (headline, paragraphs, trailers),
dateline, dates, credits (caption and credit), places and gazetteer, countries,
people, summary, topics (category and topic words), agencies (source); teletype reads the
envelope of ANPA-1312 and IPTC 7901 files, whose facts win over what the copy suggests.
"""

from __future__ import annotations

from dataclasses import field, make_dataclass
from datetime import date, datetime, timedelta, timezone

from . import locales
from . import places as _places
from .agencies import agency_in, agency_name, agency_of_trailer
from .countries import find_countries
from .credits import parse_caption
from .dateline import Dateline, header_dateline, parse_dateline
from .dates import When, as_date, find_dates, nearest_weekday, parse_stamp, resolve_year
from .language import SAMPLE_CHARS, detect
from .layout import HEADLINE_MAX_CHARS, byline_name, is_trailer, normalize, split_paragraphs
from .lifecycle import read_lifecycle
from .people import Person, find_people
from .summary import SUMMARY_MAX_CHARS, summarize
from .teletype import Envelope, read_envelope
from .topics import DEFAULT_CATEGORY, DEFAULT_TOPICS, classify
from ..schema import EXTRACTED

__all__ = ["ExtractionError", "Record", "extract", "Person"]


class ExtractionError(ValueError):
    """The text cannot become a post (no headline); the message says why."""


def _record_fields() -> list:
    fields = []
    for f in EXTRACTED:
        if f.name == "title":
            fields.append((f.name, "str"))
        elif f.name == "body":
            fields.append((f.name, f.kind.python_type))
        elif f.kind.many:
            fields.append((f.name, f.kind.python_type, field(default_factory=list)))
        else:
            fields.append((f.name, f.kind.python_type, field(default=None)))
    return fields


# What extraction finds in a seed: the extracted fields of the briefing schema (schema.py), in
# its order; title and body always, lists empty and the rest None when not found.
Record = make_dataclass("Record", _record_fields())
Record.__module__ = __name__


# People and countries are looked for in the first this-many characters of the body: a wire
# story is 150 to 800 words, and a runaway file must not cost more than a long story.
SCAN_MAX_CHARS = 20_000


def _scan_window(body: list[str]) -> list[str]:
    out, total = [], 0
    for paragraph in body:
        if total >= SCAN_MAX_CHARS:
            break
        out.append(paragraph[: SCAN_MAX_CHARS - total])
        total += len(out[-1])
    return out


def _stamp(paragraph: str, lang: str) -> When | None:
    """A stamp line in English, or in the copy's language ("Mittwoch, 3. Dezember 2025")."""
    return parse_stamp(paragraph) or (locales.parse_stamp(paragraph, lang) if lang in locales.LANGUAGES else None)


def _front_matter(paragraph: str, lang: str) -> tuple[When | None, str | None, str | None] | None:
    """A stamp line, alone or with a byline and a publication between "|" bars:
    "By Zhang Wei | China Daily | Updated: 2023-04-12 09:12". (stamp, byline, publication) or None."""
    stamp = byline = publication = None
    for part in (p.strip() for p in paragraph.split("|")):
        if not part:
            continue
        if (w := _stamp(part, lang)) and not stamp:
            stamp = w
        elif (b := byline_name(part)) and not byline:
            byline = b
        elif agency_name(part) and not publication:
            publication = agency_name(part)
        else:
            return None
    return (stamp, byline, publication) if (stamp or byline) else None


def _filed(envelope: Envelope | None) -> When | None:
    """The filing time a teletype envelope prints, in UTC."""
    if envelope is None or envelope.filed is None:
        return None
    filed = envelope.filed.astimezone(timezone.utc)
    return When(filed.date(), filed.time(), "+00:00")


def _choose_date(dateline: Dateline | None, stamp: When | None, caption: str | None,
                 reference: date | datetime | None, warnings: list[str], lang: str) -> tuple[When | None, str | None]:
    """The story's date from what the copy prints: the dateline's day (its year from the copy's
    stamp or caption, else the reference date), a stamp, a caption's date. Nothing weaker ever
    sets a date: without these the date is the reference (the day the seed was received), and
    the post says so. A weekday in the lede names the event's day, not the filing day."""
    caption_dates = find_dates(caption) if caption else []
    if caption and not caption_dates and lang in locales.LANGUAGES:
        caption_dates = locales.find_dates(caption, lang)
    if dateline and dateline.weekday is not None and not dateline.month:
        # "MOSCOW, Monday (Reuters)": the weekday nearest the reference, a day's grace either side
        if reference and (day := nearest_weekday(dateline.weekday, as_date(reference))):
            return When(day), "dateline"
        warnings.append(f"dateline {dateline.printed!r} names a weekday far from the day received; the date is that day")
    if dateline and dateline.month:
        if dateline.year:
            day = date(dateline.year, dateline.month, dateline.day)
        else:
            # no year in a dateline: the most recent such day on or before a dated stamp or
            # caption, else the reference date, with a day's grace: a Sydney dateline is
            # a day ahead of a London clock
            full = stamp.day if stamp else (caption_dates[0] if caption_dates else None)
            anchor = full or (as_date(reference) if reference else None)
            anchor = anchor + timedelta(days=1) if anchor else None
            day = resolve_year(dateline.month, dateline.day, anchor) if anchor else None
        if day:
            if stamp and stamp.day == day:
                return When(day, stamp.clock, stamp.offset), "dateline"
            return When(day), "dateline"
        warnings.append(f"dateline {dateline.printed!r} has no year and there is no reference date")
    if stamp:
        return stamp, "stamp"
    if caption_dates:
        return When(caption_dates[0]), "caption"
    if reference:
        if not any("weekday" in w for w in warnings):
            warnings.append("no date in the text: dated by the day the seed was received")
        if isinstance(reference, datetime):
            ref = reference.replace(second=0, microsecond=0)
            offset = ref.strftime("%z")
            return When(ref.date(), ref.time(), f"{offset[:3]}:{offset[3:]}" if offset else None), "received"
        return When(reference), "received"
    return None, None


def extract(text: str, reference: date | datetime | None = None, *,
            topics: dict[str, tuple[str, ...]] | None = None, default_category: str = DEFAULT_CATEGORY,
            summary_max_chars: int = SUMMARY_MAX_CHARS, language: str | None = None) -> Record:
    """The metadata record of one seed's text.

    `reference` stands for "now" when the text gives a month and day but no year, or no
    date at all: ingest passes the time the seed was first received (see received.py).
    A teletype file's envelope (ANPA-1312, IPTC 7901) is read first and never becomes copy.
    `language` is the copy's language when markup states it (else it is detected).
    """
    envelope = read_envelope(text)
    if envelope is not None:
        text = envelope.copy
    paragraphs = split_paragraphs(normalize(text))
    if not paragraphs:
        raise ExtractionError("no text")
    # Markers of the story's life on the wire are metadata: off the headline and the copy
    life, title, rest = read_lifecycle(paragraphs[0], paragraphs[1:], reference)
    if not title:
        raise ExtractionError("no headline")
    if len(title) > HEADLINE_MAX_CHARS:
        raise ExtractionError(f"no headline: the first line is {len(title)} characters long "
                              f"(a headline has at most {HEADLINE_MAX_CHARS})")
    warnings: list[str] = []
    if life.status == "withheld" and life.embargo is None:
        warnings.append(f"embargoed ({life.embargo_text!r}) with no time that can be read: held until an editor releases it")
    # The copy's language decides which agencies' forms, month and place names are read below.
    language = language or detect("\n".join(p[:SAMPLE_CHARS] for p in paragraphs[:8]))

    # Desk lines at the end: trailers, and a stamp line ("Published: 21 January 2023, 14:05").
    trailers: list[str] = []
    end_stamp = None
    while rest and len(rest) > 1:
        if is_trailer(rest[-1]):
            trailers.insert(0, rest.pop())
        elif end_stamp is None and (end_stamp := _stamp(rest[-1], language)):
            rest.pop()
        else:
            break

    # Lines before the story: stamps, bylines, a publication.
    stamp = byline = publication = None
    while rest and (front := _front_matter(rest[0], language)):
        stamp = stamp or front[0]
        byline = byline or front[1]
        publication = publication or front[2]
        rest.pop(0)

    # The caption: the first paragraph that ends in a photo credit.
    caption = None
    for i, paragraph in enumerate(rest):
        if found := parse_caption(paragraph, language):
            caption = found
            del rest[i]
            break

    # The dateline opens the first paragraph left (a lone dateline line is a paragraph of its own).
    dateline = None
    if rest and (header := header_dateline(rest[0], language)):   # Agência Brasil's "Publicado em … - Brasília"
        stamp, dateline = stamp or _stamp(header[0], language), header[1]
        rest.pop(0)
    elif rest and (parsed := parse_dateline(rest[0], language)):
        dateline, remainder = parsed
        if remainder:
            rest[0] = remainder
        else:
            rest.pop(0)
    byline = (envelope and envelope.byline) or byline or (dateline.byline if dateline else None)
    stamp = _filed(envelope) or stamp or end_stamp   # the envelope's time, then a stamp at the top, at the foot
    body = rest
    if not body:
        warnings.append("no body text after the headline")

    place = None
    other_places: list[str] = []
    if dateline and dateline.places:
        place = _places.resolve(dateline.places, language)
        for city in dateline.also:   # "GAZA/RAMALLAH": the others share the first one's qualifiers
            other = _places.resolve((city, *dateline.places[1:]), language)
            if language in locales.LANGUAGES and not other.known:
                continue   # dpa's "Frankfurt/Main", "Frankfurt/Oder": a river, not a second place
            if other.location and other.location != place.location and other.location not in other_places:
                other_places.append(other.location)
        if caption and place.region is None and (stated := _places.from_caption(caption.caption)):
            if (stated.city, stated.country) == (place.city, place.country):
                place = stated  # the caption names the region the dateline leaves out
    elif caption and caption.caption:
        place = _places.from_caption(caption.caption)
    if place is None or place.city is None:
        warnings.append("no location: no dateline, and no caption that names a place")
    elif not place.known:
        warnings.append(f"place {place.city!r} is not in the gazetteer: shown as printed")

    when, date_source = _choose_date(dateline, stamp, caption.caption if caption else None, reference, warnings,
                                     language)

    source = (envelope and envelope.source) or (dateline.agency if dateline else None) \
        or (agency_in(caption.credit) if caption else None) \
        or next((a for t in trailers if (a := agency_of_trailer(t))), None) \
        or publication

    texts = [title, *([caption.caption] if caption else []), *_scan_window(body)]
    journalists = {byline} if byline else set()
    if caption:
        journalists.update(part.strip() for part in caption.credit.replace(" via ", "/").split("/"))
    people = find_people(texts, journalists)
    countries = find_countries("\n".join(texts))
    category, topic_words = classify(title, "\n".join(body), topics, default_category)
    if envelope and (coded := envelope.category(DEFAULT_TOPICS if topics is None else topics)):
        category = coded
    keywords = envelope.keywords if envelope else []

    tags: list[str] = []
    for tag in [p.name for p in people] + countries + topic_words + keywords:
        if tag.casefold() not in {t.casefold() for t in tags}:
            tags.append(tag.replace(",", ""))

    return Record(
        title=title,
        body=body,
        date=when.iso() if when else None,
        date_source=date_source,
        dateline=dateline.printed if dateline else None,
        city=place.city if place else None,
        region=place.region if place else None,
        country=place.country if place else None,
        location=place.location if place else None,
        other_places=other_places,
        wire_status=None if life.status == "usable" else life.status,
        urgency=(envelope and envelope.urgency) or life.urgency,
        version_kind=(envelope and envelope.kind) or life.kind,
        version=str(v) if (v := (envelope and envelope.version) or life.version) else None,
        editors_note=("; ".join(envelope.notes) if envelope and envelope.notes else None) or life.note,
        embargo=life.embargo.strftime("%Y-%m-%dT%H:%MZ") if life.embargo else None,
        desk_slug=(envelope and envelope.desk_slug) or life.slug,
        word_count=str(envelope.word_count) if envelope and envelope.word_count is not None else None,
        source=source,
        photo_caption=(caption.caption or None) if caption else None,
        photo_credit=caption.credit if caption else None,
        people=people,
        countries=countries,
        summary=summarize(body[0], summary_max_chars) if body else None,
        tags=tags,
        category=category,
        byline=byline,
        trailer=" / ".join(trailers) or None,
        warnings=warnings,
        lang=language,
    )
