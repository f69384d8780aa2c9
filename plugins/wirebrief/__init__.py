"""Wirebrief: a Pelican plugin that turns wire copy dropped into seeds/ into briefing posts.

The flow runs one way, and the packages are named after it:

    extract/    pure extraction: text -> metadata record (one module per field family)
    ingest/     seeds/ -> posts in content/briefings/ (seeds, received dates, photos, posts, state)
    site/       the Pelican build: hooks, reader, generator and its page families, writer, render plan
    tools/      the `wirebrief` command, the development server, precompression

beside the modules all of them use: settings.py (the WIREBRIEF_* settings), files.py (atomic
writes, one-line file faults), lock.py (one build at a time).
"""


def register() -> None:
    """Pelican's plugin entry point. Pelican is imported only here, so that the `wirebrief`
    command (ingest, extract, review) starts fast."""
    from .site.hooks import connect

    connect()
