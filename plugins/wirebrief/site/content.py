"""Our metadata on Pelican's content objects, parsed for the theme: people and countries as lists."""

from __future__ import annotations

import re

from pelican.contents import Article

from ..extract.people import Person


def parse_people(value: str) -> list[Person]:
    """"Li Keqiang (Premier); Alikhan Smailov (Prime Minister)" -> [Person, Person]."""
    people = []
    for part in (p.strip() for p in value.split(";")):
        m = re.fullmatch(r"(?P<name>[^()]+?)\s*(?:\((?P<role>[^()]*)\))?", part)
        if m and m.group("name"):
            people.append(Person(m.group("name"), m.group("role") or None))
    return people


def parse_list(value: str) -> list[str]:
    return [p.strip() for p in value.split(";") if p.strip()]


OPTIONAL_FIELDS = ("source", "location", "photo_caption", "photo_credit", "image", "image_large", "image_width",
                   "image_height", "country", "city", "region", "trailer", "seed", "byline", "dateline", "date_source")

# How the article page says where a date came from.
DATE_SOURCES = {
    "dateline": "from the dateline",
    "stamp": "from the time stamp",
    "caption": "from the photo caption",
    "received": "no date in the copy: the day it was received",
}


def enrich(content) -> None:
    """content_object_init: give every article `people_list`, `countries_list`, and `day`
    (the calendar date, for grouping briefings by day)."""
    if isinstance(content, Article):
        # Pelican formats url and save_as from the metadata on every access (tens of thousands
        # of times in a build: listings, feeds, related briefings); they cannot change once the
        # article exists, so they are worked out once, as Pelican's own override_* values.
        # (Pelican then lets the article's file replace another page's of the same name; ingest
        # gives every post a slug of its own, and two articles of one slug still fail the build.)
        content.override_url = content.url
        content.override_save_as = content.save_as
    meta = getattr(content, "metadata", {})
    # Fields a post may leave out are None rather than missing: a template that asks for a
    # missing attribute costs Jinja an exception, thousands of times per build.
    for key in OPTIONAL_FIELDS:
        if key not in content.__dict__:
            setattr(content, key, None)
    content.people_list = parse_people(meta.get("people", "") or "")
    content.countries_list = parse_list(meta.get("countries", "") or "")
    content.other_places_list = parse_list(meta.get("other_places", "") or "")
    content.warnings_list = parse_list(meta.get("warnings", "") or "")
    srcset = meta.get("image_srcset") or ""
    content.image_candidates = [tuple(part.rsplit(" ", 1)) for part in srcset.split(", ") if " " in part]
    content.image_small = content.image_candidates[0][0] if content.image_candidates else None
    source = meta.get("date_source")
    content.date_source_text = DATE_SOURCES.get(source, f"from the {source}") if source else None
    if getattr(content, "date", None) is not None:
        content.day = content.date.date()
        # date-only datelines become midnight in Pelican; say just the day in <time datetime>
        d = content.date
        content.iso_date = d.date().isoformat() if (d.hour, d.minute, d.second) == (0, 0, 0) else d.isoformat()
