"""Ingest: seeds/ in, posts in content/briefings/ out (no Pelican here).

    seeds.py     finding, checking and decoding seed files (the drop-folder rules)
    received.py  when each seed was received (seeds/received.tsv), what undated copy is dated by
    photos.py    a seed's lead photo, resized for the site
    photo_rights.py  the credit, creator, copyright and usage terms its variants keep (IPTC, XMP)
    post.py      record -> Markdown post (escaping, slugs, edit digest) and back to a header
    sync.py      seeds/ -> content/briefings/ (idempotent, atomic, the editor wins; its state file)
    pool.py      a run's extraction on several processes (WIREBRIEF_WORKERS), same output as one
    review.py    what an editor should check in the posts
"""
