"""Wirebrief: a Pelican plugin that turns wire copy dropped into seeds/ into briefing posts.

    seeds.py    finding and decoding seed files
    extract/    pure extraction: text -> metadata record (one module per field family)
    post.py     record -> Markdown post (escaping, slugs, edit digest)
    ingest.py   seeds/ -> content/briefings/ (idempotent, atomic, the editor wins)
    cli.py      the `wirebrief` command
    hooks.py    the Pelican signals: lock, ingest, our generator
    content.py  metadata on Pelican articles for the theme
    generator.py  place, person and country pages, related briefings, feeds, sitemaps
    feeds.py    Atom and RSS with full text
"""


def register() -> None:
    """Pelican's plugin entry point. Pelican is imported only here, so that the `wirebrief`
    command (ingest, extract, review) starts fast."""
    from .hooks import connect

    connect()
