"""Our metadata on Pelican's content objects, parsed for the theme: people and countries as lists."""

from __future__ import annotations

import re

from pelican.contents import Article

from .extract.people import Person


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


# How the article page says where a date came from.
DATE_SOURCES = {
    "dateline": "from the dateline",
    "stamp": "from the time stamp",
    "caption": "from the photo caption",
    "weekday": "from the weekday the story names",
    "file-mtime": "no date in the text: the file's time",
}


def enrich(content) -> None:
    """content_object_init: give every article `people_list`, `countries_list`, and `day`
    (the calendar date, for grouping briefings by day)."""
    if isinstance(content, Article):
        # Pelican formats the url from the metadata on every access (tens of thousands of
        # times in a build: listings, feeds, related briefings); it cannot change once the
        # article exists, so it is worked out once, as Pelican's own override_url.
        # (Not override_save_as: Pelican reads that as "may overwrite another file".)
        content.override_url = content.url
    meta = getattr(content, "metadata", {})
    content.people_list = parse_people(meta.get("people", "") or "")
    content.countries_list = parse_list(meta.get("countries", "") or "")
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
