"""Our metadata on Pelican's content objects, for the theme (the reader has typed it: schema.py)."""

from __future__ import annotations

from pelican.contents import Article
from pelican.urlwrappers import URLWrapper

from ..extract.people import Person
from ..schema import OPTIONAL
from .pelican_internals import freeze_urls

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
        freeze_urls(content)  # url and save_as worked out once (pelican_internals.py)
    meta = getattr(content, "metadata", {})
    for key in OPTIONAL:  # None rather than missing (schema.OPTIONAL)
        if key not in content.__dict__:
            setattr(content, key, None)
    content.people_list = meta.get("people") or []
    content.countries_list = meta.get("countries") or []
    content.other_places_list = meta.get("other_places") or []
    content.warnings_list = meta.get("warnings") or []
    content.image_candidates = meta.get("image_srcset") or []
    content.image_small = content.image_candidates[0][0] if content.image_candidates else None
    source = meta.get("date_source")
    content.date_source_text = DATE_SOURCES.get(source, f"from the {source}") if source else None
    if getattr(content, "date", None) is not None:
        content.day = content.date.date()
        # date-only datelines become midnight in Pelican; say just the day in <time datetime>
        d = content.date
        content.iso_date = d.date().isoformat() if (d.hour, d.minute, d.second) == (0, 0, 0) else d.isoformat()


# What a briefing holds that many briefings hold the same of: tags, category and author
# (Pelican's URLWrapper, made afresh for each post it reads), people and place names.
_SHARED_FIELDS = ("tags", "category", "author", "authors", "people", "countries", "other_places")
_ARTICLE_LISTS = ("articles", "hidden_articles", "drafts", "translations", "hidden_translations", "drafts_translations")
# Longer strings (titles, summaries, a post's HTML) are each post's own: not worth hashing.
_SHORT = 100


def share_equal_values(generator) -> None:
    """article_generator_pretaxonomy: every briefing read afresh that names the same tag
    (category, author, person, country) holds one object for it, not its own copy, and so for
    every short text it holds (a status, a language, a city, a date's format) and the names of
    its metadata. At 10,000 briefings the copies were a quarter, then (the texts and names) a
    further third, of the memory the briefings take; the content cache, pickled with the
    objects shared, is smaller and unpickles them shared. Posts from that cache are therefore
    left as they are (a pass over them cost 0.1 s a build at 10,000). Only immutable values
    are shared (a URLWrapper's name and slug do not change in a build): lists are changed in
    place, so a field and its metadata entry stay one list."""
    known: dict = {}

    def shared(value):
        if isinstance(value, URLWrapper):
            return known.setdefault((type(value), value.name), value)
        if isinstance(value, Person) or type(value) is str:   # not Markup: escaping is its type
            return known.setdefault(value, value)
        return value

    fresh = getattr(generator, "wirebrief_fresh_posts", None)   # pelican_internals.count_fresh_reads
    posts = fresh if fresh is not None else (a for name in _ARTICLE_LISTS for a in getattr(generator, name, []))
    for article in posts:
        fields, meta = article.__dict__, article.metadata
        for field in _SHARED_FIELDS:
            for holder in (fields, meta):
                value = holder.get(field)
                if isinstance(value, list):
                    value[:] = map(shared, value)
                elif value is not None:
                    holder[field] = shared(value)
        for holder in (fields, meta):
            for key, value in holder.items():   # values replaced, none added: the dict may be iterated
                if type(value) is str and len(value) <= _SHORT:
                    holder[key] = known.setdefault(value, value)
        # the reader's names are its own strings (attribute names are interned by setattr);
        # the same dict, in the same order
        items = list(meta.items())
        meta.clear()
        meta.update((known.setdefault(key, key), value) for key, value in items)
