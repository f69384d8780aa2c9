"""The editors' tools around a build.

    cli.py         the `wirebrief` command (ingest, extract, review, new, devserver, precompress)
    devserver.py   build, serve and rebuild on every change
    precompress.py .gz and .br copies of a built site
"""
