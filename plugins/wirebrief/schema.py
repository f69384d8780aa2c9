"""A briefing's fields, written once: everything else that lists them is derived from here.

Each field says where its value comes from (extraction, the lead photo, ingest itself), how
it is written in a post's header (as text, a summary in Markdown, or a list joined by "; "
or ", "), how it is read back (`read`, applied when Pelican reads the post, in the manner
of Pelican's METADATA_PROCESSORS), whether listings show it and whether review checks it.
From these come:

- `extract.Record` (the `extracted` fields, in this order),
- the post's header and its key order (`HEADER`, ingest/post.py),
- the keys of `wirebrief extract --json` (`JSON_KEYS`, tools/cli.py),
- the typing of read posts (`READERS`, site/reader.py) and the fields a post may leave out
  (`OPTIONAL`, None on the article; site/content.py),
- what review reads (`CHECKED`, ingest/review.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable


def parse_people(value: str) -> list:
    """"Li Keqiang (Premier); Alikhan Smailov (Prime Minister)" -> [Person, Person]."""
    from .extract.people import Person  # here: extract builds its Record from this module

    people = []
    for part in (p.strip() for p in value.split(";")):
        m = re.fullmatch(r"(?P<name>[^()]+?)\s*(?:\((?P<role>[^()]*)\))?", part)
        if m and m.group("name"):
            people.append(Person(m.group("name"), m.group("role") or None))
    return people


def parse_list(value: str) -> list[str]:
    return [p.strip() for p in value.split(";") if p.strip()]


def parse_srcset(value: str) -> list[tuple[str, str]]:
    """"a-480.jpg 480w, a-960.jpg 960w" -> [("a-480.jpg", "480w"), ("a-960.jpg", "960w")]."""
    return [tuple(part.rsplit(" ", 1)) for part in value.split(", ") if " " in part]


@dataclass(frozen=True)
class Kind:
    """How a field's value is written as header text, and read back from it."""

    python_type: str                       # the type on the extraction record
    many: bool = False                     # a list (empty, not None, when there is nothing)
    join: str | None = None                # a list's separator in the header
    read: Callable[[str], object] | None = None   # header text -> value; None: Pelican's own reading
    markdown: bool = False                 # escaped as a Markdown paragraph, not as HTML text

    def text(self, value) -> str:
        """The value as the header's (unescaped) text."""
        if self.many:
            return self.join.join(str(v) for v in value)
        return str(value)


TEXT = Kind("str | None")
SUMMARY = Kind("str | None", markdown=True)         # a Pelican formatted field: Markdown in the header
PEOPLE = Kind("list[Person]", many=True, join="; ", read=parse_people)
NAMES = Kind("list[str]", many=True, join="; ", read=parse_list)
TAGS = Kind("list[str]", many=True, join=", ")     # Pelican reads tags itself
SRCSET = Kind("str | None", read=parse_srcset)     # written by ingest as Pelican's srcset text
BODY = Kind("list[str]", many=True)                # the post's paragraphs, not a header line


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind = TEXT
    origin: str = "extract"    # extract (on the Record), photo (the lead photo's), ingest (slug, seed)
    json: bool = False         # in `wirebrief extract --json`
    checked: bool = False      # `wirebrief review` and the review page read it
    pelican: bool = False      # Pelican gives every article this attribute itself

    @property
    def extracted(self) -> bool:
        return self.origin == "extract"

    @property
    def in_header(self) -> bool:
        return self.kind is not BODY


# In header order: what an editor looks for first comes first (the body is not a header line).
FIELDS = (
    Field("title", json=True, pelican=True),
    Field("body", BODY),
    Field("lang", json=True, pelican=True),   # BCP 47 ("fr", "zh"): the copy's own, never translated
    Field("date", json=True, checked=True, pelican=True),
    Field("modified", origin="ingest", pelican=True),   # a later version's time (a story's post)
    Field("date_source", json=True, checked=True),
    Field("dateline", json=True),
    Field("city", json=True),
    Field("region", json=True),
    Field("country", json=True),
    Field("location", json=True, checked=True),
    Field("place_source", json=True),          # where the place came from: dateline, markup (an agency file's), caption
    Field("other_places", NAMES, json=True),   # the other cities of "GAZA/RAMALLAH", as locations
    Field("source", json=True, checked=True),
    Field("credit", json=True),                # an agency file's credit line ("dpa", "STT–AFP"), as printed
    Field("byline"),
    Field("photo_caption", json=True, checked=True),
    Field("photo_credit", json=True, checked=True),
    Field("image", origin="photo"),
    Field("image_width", origin="photo"),
    Field("image_height", origin="photo"),
    Field("image_srcset", SRCSET, origin="photo"),   # a listing shows its smallest
    Field("image_large", origin="photo"),
    Field("people", PEOPLE, json=True),
    Field("countries", NAMES, json=True),
    Field("summary", SUMMARY, json=True, pelican=True),
    Field("tags", TAGS, json=True, pelican=True),
    Field("category", json=True, pelican=True),
    Field("subjects", NAMES, json=True),       # an agency file's IPTC codes: "medtop:04000000; subj:15000000"
    Field("slug", origin="ingest", json=True, pelican=True),
    Field("trailer"),
    # The story's life on the wire (extract/lifecycle.py, ingest/stories.py)
    Field("wire_status", json=True, checked=True),   # withheld (embargoed) or canceled; absent: usable
    Field("urgency", json=True),                     # flash, bulletin, urgent, alert
    Field("version_kind", json=True),                             # update, correction, refile, repeat
    Field("version", json=True),                                  # 2 for "UPDATE 1-", "(2nd LD)"…
    Field("editors_note", json=True),                             # "Updates with minister's comments"
    Field("embargo", json=True, checked=True),                    # ISO time in UTC until which it waits
    Field("desk_slug", json=True),                                # AP's "BC-US--Budget Fight": one story's versions share it
    Field("word_count", json=True),                               # the sender's count, from a teletype envelope (extract/teletype.py)
    Field("item_id", json=True),                                  # an agency file's guid: its versions share it
    Field("item_format", json=True),                              # "NewsML-G2 2.14", "NITF 3.4", "ninjs 3.x"…; absent: text
    Field("renditions", NAMES),                                   # its photo's file names: one beside it in seeds/ is the lead photo
    Field("correction", origin="ingest"),                         # the note of the story's latest correction
    Field("versions", NAMES, origin="ingest"),                    # "2026-12-02T08:00Z seeds/a.txt (update: …)"
    Field("warnings", NAMES, json=True, checked=True),
    Field("seed", origin="ingest", json=True),
)

BY_NAME = {f.name: f for f in FIELDS}
HEADER = tuple(f.name for f in FIELDS if f.in_header)
EXTRACTED = tuple(f for f in FIELDS if f.extracted)
# `wirebrief extract --json`: in header order, but what went wrong closes each record
JSON_KEYS = tuple(sorted((f.name for f in FIELDS if f.json), key=lambda name: name == "warnings"))
CHECKED = tuple(f.name for f in FIELDS if f.checked)
READERS = {f.name: f.kind.read for f in FIELDS if f.kind.read is not None}
# Fields a post may leave out, None on the article rather than missing: a template that asks
# for a missing attribute costs Jinja an exception, thousands of times per build.
OPTIONAL = tuple(f.name for f in FIELDS if f.kind is TEXT and not f.pelican)


def typed(header: dict[str, str]) -> dict[str, object]:
    """A post's header as read by read_header (text), typed as a build reads it."""
    return {k: READERS[k](v) if k in READERS else v for k, v in header.items()}
