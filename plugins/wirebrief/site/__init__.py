"""The Pelican side: the plugin's signals, reading posts, the site's pages and writing them.

    hooks.py       the Pelican signals: lock, ingest, our generator, reader and writer
    reader.py      posts as ingest wrote them, read without running Markdown
    read_ahead.py  the posts Pelican would read afresh, read on every core before its loop
    content.py     metadata on Pelican's articles for the theme
    content_store.py  each post's HTML on disk beside Pelican's content cache, read when shown
    generator.py   the briefing site's own pages, calling the modules of each page family
    renderplan.py  which output files a build has to render, and which it no longer makes
    writer.py      render a page only when what it shows changed; write only changed bytes
    forked.py      share work out between the build's process and forked copies of it
    feeds.py       Atom and RSS with full text
    edition.py     the day's edition for email, and the editions feed
    pelican_internals.py  every use of Pelican's internals, and the Pelican versions they were checked on
"""
