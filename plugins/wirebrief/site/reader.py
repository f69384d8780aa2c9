"""Pelican's Markdown reader, with a short cut for posts exactly as ingest wrote them.

Such a post is a metadata header and paragraphs of escaped plain text (post.escape_markdown),
so its HTML is known without running Python-Markdown: undo the backslash escapes, escape
bare ampersands, wrap each paragraph in <p>. That is what Markdown gives for that text
(tests/site/test_reader.py checks it against Markdown on the samples and on generated text) at a
tenth of the cost. A post an editor changed (its digest no longer matches) is read by
Markdown itself, as is anything the short cut does not claim to handle.
"""

from __future__ import annotations

import re

from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime

from ..ingest.post import BACKSLASH_ESCAPED, EDITED_KEY, is_hand_edited
from ..schema import READERS
from .pelican_internals import share_slugs

_META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_BACKSLASH_ESCAPE = re.compile(r"\\(.)")
# Python-Markdown keeps these entities as they are and escapes any other "&"
_BARE_AMPERSAND = re.compile(r"&(?!#[0-9]+;|#[xX][0-9a-fA-F]+;|[a-zA-Z0-9]+;)")
# Python-Markdown uses STX/ETX as placeholders internally; leave such text to it
_UNUSUAL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# most dates ingest writes (a dateline's day); anything else, a time zone included, goes to
# Pelican's dateutil parser (whose tzinfo for "+00:00" depends on the machine's own zone)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?")
_URL_WRAPPERS = ("tags", "category", "author", "authors")


def iso_date(value: str) -> SafeDatetime | None:
    """What Pelican's date processor (dateutil's parser) makes of an ISO date without a time
    zone, at a tenth of the cost: the same naive SafeDatetime. None for anything else."""
    if not _ISO_DATE.fullmatch(value):
        return None
    try:
        return SafeDatetime.fromisoformat(value)
    except ValueError:   # 2025-02-30: Pelican's parser says why
        return None


def paragraph_html(escaped: str) -> str | None:
    """The HTML Markdown makes of one paragraph that post.escape_markdown wrote; None when
    the paragraph is not in that form (then Markdown must read it)."""
    if "\n" in escaped or _UNUSUAL.search(escaped) or escaped != escaped.strip() or not escaped:
        return None
    if any(m.group(1) not in BACKSLASH_ESCAPED for m in _BACKSLASH_ESCAPE.finditer(escaped)):
        return None
    text = _BACKSLASH_ESCAPE.sub(r"\1", escaped)
    return f"<p>{_BARE_AMPERSAND.sub('&amp;', text)}</p>"


class BriefingReader(MarkdownReader):
    """Registered for .md (hooks.readers_init); reads pages and edited posts as Markdown does.
    Either way a briefing's list fields are typed as they are read (schema.READERS: people as
    Person objects, countries as a list…), as Pelican's METADATA_PROCESSORS type dates and tags."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._slugs: dict = {}

    def process_metadata(self, name, value):
        if isinstance(value, str):
            if name in READERS:
                return READERS[name](value)
            if name in ("date", "modified") and (date := iso_date(value.replace("_", " ") if name == "date" else value)):
                return date
        processed = super().process_metadata(name, value)
        if name in _URL_WRAPPERS:
            # ten tags a briefing, each slugified once per name rather than once per briefing
            share_slugs(processed, self._slugs)
        return processed

    def read(self, source_path):
        with open(source_path, encoding="utf-8") as f:
            raw = f.read()
        # judged on the file as ingest reads it: a byte-order mark an editor's tool added is an
        # edit there (the post is never overwritten), so it is one here; then read as
        # pelican_open gives it, without the mark
        edited = is_hand_edited(raw)
        text = raw.removeprefix("\ufeff")
        fast = None if edited else self._read_generated(text)
        content, metadata = super().read(source_path) if fast is None else fast
        metadata[EDITED_KEY] = edited   # for the review page, which would open the file again
        return content, metadata

    def _read_generated(self, text: str):
        header, _, body = text.partition("\n\n")
        paragraphs = [paragraph_html(p) for p in body.strip("\n").split("\n\n")] if body.strip() else []
        if None in paragraphs:
            return None
        metadata = {}
        formatted = self.settings["FORMATTED_FIELDS"]
        for line in header.split("\n"):
            m = _META_LINE.match(line)
            if not m:
                return None
            name, value = m.group("key").lower(), m.group("value").strip()
            if name in metadata:
                return None
            if name in formatted:
                html = paragraph_html(value) if value else ""
                if html is None:
                    return None
                value = html
            metadata[name] = self.process_metadata(name, value)
        return "\n".join(paragraphs), metadata
