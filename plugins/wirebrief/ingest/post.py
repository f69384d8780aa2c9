"""Posts: a record becomes a Markdown file in Pelican's format, and back to a header.

Seed text is untrusted. Values go into the header as HTML-escaped text (Pelican's
templates print metadata as HTML), and body paragraphs are escaped so that no
Markdown or HTML in a seed becomes markup: a `<script>` or `[x](javascript:…)`
reaches the page as the characters the seed holds.
"""

from __future__ import annotations

import hashlib
import re

from slugify import slugify

from ..extract import Record
from ..schema import BY_NAME, HEADER

DIGEST_KEY = "wirebrief_digest"
# not a header line: the metadata key in which a build says a post is not as ingest wrote it
EDITED_KEY = "wirebrief_edited"
SLUG_MAX_CHARS = 80

_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")
# Brackets make links and images (a "(" only counts after a "]"), the rest emphasis and code.
_INLINE_ESCAPED = "\\`*_{}[]"
_MD_INLINE = re.compile(f"([{re.escape(_INLINE_ESCAPED)}])")
# What escape_markdown puts a backslash before: site/reader.py undoes exactly these.
BACKSLASH_ESCAPED = frozenset(_INLINE_ESCAPED + ".)#+-")
_LINE_START = [
    (re.compile(r"^(\d+)([.)])(?=\s|$)"), r"\1\\\2"),     # "1987. The year" is not a list item
    (re.compile(r"^([#+-])"), r"\\\1"),                   # headings, list items, rules
    (re.compile(r"^="), "&#61;"), (re.compile(r"^:"), "&#58;"),
    (re.compile(r"^~"), "&#126;"), (re.compile(r"^\|"), "&#124;"),
]
# The first characters those can match besides digits (\d: any script's, as Markdown's list
# pattern); no replacement makes another. Most paragraphs start with a letter: six regular
# expressions skipped.
_LINE_START_CHARS = frozenset("#+-=:~|")


def escape_html(text: str) -> str:
    return _ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")


def escape_markdown(paragraph: str) -> str:
    """A paragraph of plain text as Markdown that renders to exactly that text."""
    text = _MD_INLINE.sub(r"\\\1", escape_html(" ".join(paragraph.split())))
    if text[:1] in _LINE_START_CHARS or text[:1].isdecimal():
        for pattern, replacement in _LINE_START:
            text = pattern.sub(replacement, text, count=1)
    return text


def slug_for(title: str, fallback: str = "briefing") -> str:
    drop_apostrophes = [["'", ""], ["’", ""]]  # "Germany's" -> "germanys", not "germany-s"
    return (slugify(title, max_length=SLUG_MAX_CHARS, word_boundary=True, replacements=drop_apostrophes)
            or slugify(fallback) or "briefing")


def _value(key: str, record: Record, slug: str, seed: str, extra: dict[str, str]) -> str | None:
    if key == "slug":
        return slug
    if key == "seed":
        return seed
    if key in extra:
        return extra[key]
    value = getattr(record, key, None)
    if not value:
        return None
    kind = BY_NAME[key].kind
    value = " ".join(kind.text(value).split())
    return escape_markdown(value) if kind.markdown else escape_html(value)


def digest(text_without_digest: str) -> str:
    return hashlib.sha256(text_without_digest.encode("utf-8")).hexdigest()[:20]


def render(record: Record, *, slug: str, seed: str, extra: dict[str, str] | None = None) -> str:
    """The post's Markdown: a Pelican metadata header, a blank line, the body paragraphs.
    The last header line is a digest of the rest, which tells a hand edit from our output.
    `extra` holds fields ingest adds beside extraction (the lead photo's)."""
    return mark(unmarked(record, slug=slug, seed=seed, extra=extra))


def unmarked(record: Record, *, slug: str, seed: str, extra: dict[str, str] | None = None) -> str:
    """The post as render writes it, without its digest line."""
    header = [f"{key}: {v}" for key in HEADER if (v := _value(key, record, slug, seed, extra or {}))]
    body = "\n\n".join(escape_markdown(p) for p in record.body)
    return "\n".join(header) + "\n\n" + body + "\n"


def mark(text: str) -> str:
    """An unmarked post with its digest line, last in the header."""
    return text.replace("\n\n", f"\n{DIGEST_KEY}: {digest(text)}\n\n", 1)


def renamed(text: str, slug: str) -> str:
    """An unmarked post with another slug. The first line that starts "slug: " is the header's
    (a header value holds no line break, and every post has a slug)."""
    start = ("\n" + text).index("\nslug: ") + len("slug: ")
    return text[:start] + slug + text[text.index("\n", start):]


_DIGEST_LINE = re.compile(rf"^{DIGEST_KEY}: *(?P<digest>\w+)\n", re.M)


def read_header(text: str) -> dict[str, str]:
    """A post's metadata header as {lower-case key: value}."""
    header = {}
    for line in text.split("\n"):
        if not line.strip():
            break
        key, sep, value = line.partition(":")
        if sep and re.fullmatch(r"[A-Za-z0-9_-]+", key.strip()):
            header[key.strip().lower()] = value.strip()
    return header


def recorded_digest(text: str) -> str | None:
    m = _DIGEST_LINE.search(text.split("\n\n", 1)[0] + "\n")
    return m.group("digest") if m else None


def is_hand_edited(text: str) -> bool:
    """True when the post is not byte for byte what ingest wrote (or carries no digest)."""
    m = _DIGEST_LINE.search(text)
    if not m:
        return True
    return digest(text[: m.start()] + text[m.end():]) != m.group("digest")
