"""Reading posts on every core: the posts Pelican is about to read afresh (every one, in a cold
build) are read first, shared between this process and forked copies of it (forked.py), and put
in Pelican's content cache, from which its own loop then takes them as it takes any cached post.

A child pickles each post as soon as it has read it (so that the pickling is shared out with
the reading, not done at the end while this process waits) and sends them back at the end, with the build's settings and context by
reference: they are this process's own, which the fork copied. Pelican's loop reads for itself
whatever is not in the cache: a post that failed to read (Pelican then reports why, as it would
without this), one that is not valid or is to be skipped, and every post of a build with few to
read (under forked.FORK_FROM), one process (WIREBRIEF_RENDER_PROCESSES=1), no content cache at
the generator layer, or `--fatal warnings` (a warning must stop the build where Pelican's loop
logs it; an error is never dropped as a repeat, so `--fatal errors` still stops the build).

The signals Pelican sends while it reads a post (article_generator_preread, _context,
content_object_init) fire in the process that reads it; what they add to the post comes back
with it, what they might keep elsewhere does not (nothing in Wirebrief keeps anything).
"""

from __future__ import annotations

import io
import logging
import os
import pickle

from pelican import signals
from pelican.contents import Article
from pelican.readers import SkipStub

from ..settings import WirebriefSettings
from . import forked
from .pelican_internals import warnings_are_fatal

log = logging.getLogger(__name__)


def read_ahead(generator) -> None:
    """Fill an ArticlesGenerator's content cache with the posts it would read afresh, read on
    every core (called by pelican_internals.read_before_the_loop)."""
    settings = generator.settings
    processes = forked.process_count(WirebriefSettings.of(settings).render_processes)
    # what goes into the content cache is not read again; without that cache, nothing to do.
    # with --fatal warnings, a warning raises where it is logged: Pelican's loop must be where it does
    if (processes < 2 or not settings.get("CACHE_CONTENT") or settings.get("CONTENT_CACHING_LAYER") != "generator"
            or warnings_are_fatal()):
        return
    paths = [p for p in sorted(generator.get_files(settings["ARTICLE_PATHS"], exclude=settings["ARTICLE_EXCLUDES"]))
             if generator.get_cached_data(p, None) is None]
    if len(paths) < forked.FORK_FROM:
        return
    read: dict[str, Article] = {}
    sent: list[tuple[str, bytes]] = []   # in a child: each post pickled as soon as it is read
    parent = os.getpid()

    def read_one(path: str) -> None:
        article = _read(generator, path)
        if article is None:
            return
        if os.getpid() == parent:
            read[path] = article
        else:
            buffer = io.BytesIO()
            _Pickler(buffer, generator).dump(article)
            sent.append((path, buffer.getvalue()))

    log.info("wirebrief: %d post(s) to read, shared among %d processes", len(paths), processes)
    share = forked.start(paths, read_one, lambda: sent, processes, task="reading")
    try:
        for i in share.take():
            read_one(paths[i])
    except BaseException:
        share.abandon()
        raise
    for reply in share.collect():
        if reply is not None:
            forked.log_again(reply.records)
            posts, reply.state = reply.state, None
            while posts:   # each post's bytes let go once it is read back
                path, data = posts.pop()
                try:
                    read[path] = _Unpickler(io.BytesIO(data), generator).load()
                except Exception:   # Pelican's loop reads it
                    pass
    for path in paths:
        if path in read:
            generator.cache_data(path, read[path])


def _read(generator, path: str) -> Article | None:
    """A post as Pelican's loop reads it (ArticlesGenerator.generate_context); None for what
    the loop must read itself."""
    try:
        article = generator.readers.read_file(
            base_path=generator.path, path=path, content_class=Article, context=generator.context,
            preread_signal=signals.article_generator_preread, preread_sender=generator,
            context_signal=signals.article_generator_context, context_sender=generator)
    except Exception:   # the loop reads it again and reports why
        return None
    if isinstance(article, SkipStub):
        return None
    # is_valid logs what is wrong; the loop checks again and says it, once
    quiet = logging.getLogger("pelican.contents")
    was, quiet.disabled = quiet.disabled, True
    try:
        valid = article.is_valid()
    finally:
        quiet.disabled = was
    return article if valid else None


class _Pickler(pickle.Pickler):
    """The build's settings and context go by name: the other side has them."""

    def __init__(self, file, generator):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._shared = {id(generator.settings): "settings", id(generator.readers.settings): "settings",
                        id(generator.context): "context"}

    def persistent_id(self, obj):
        return self._shared.get(id(obj))


class _Unpickler(pickle.Unpickler):
    def __init__(self, file, generator):
        super().__init__(file)
        self._shared = {"settings": generator.settings, "context": generator.context}

    def persistent_load(self, pid):
        return self._shared[pid]
