"""The Pelican side of Wirebrief: the signals it connects to."""


from __future__ import annotations

import functools
import gc
import logging
import os
import re
from pathlib import Path

from markupsafe import Markup
from pelican import signals

from .. import lock
from .content import enrich
from ..files import fault, one_line, write_atomically
from .renderplan import code_and_settings_digest
from .generator import BriefingGenerator
from .phases import PHASES
from ..ingest.sync import ingest
from ..settings import WirebriefSettings

log = logging.getLogger(__name__)


class IngestFailed(Exception):
    """Ingest could not write (or read) some files: the build stops, with one line."""


class OneLineFaults(logging.Filter):
    """Pelican logs the exception that ends a build with its whole traceback (its main()). A
    full disk, a read-only folder or a failed ingest is no bug in the code: one line says it."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, (OSError, IngestFailed)):
            record.msg, record.args, record.exc_info = one_line(error), (), None
        return True


_ONE_LINE_FAULTS = OneLineFaults()


def run_ingest(pelican) -> None:
    """Before the generators read content/ (on every build, autoreload included)."""
    cfg = WirebriefSettings.of(pelican.settings)
    if not cfg.ingest:
        return
    report = ingest(cfg)
    for event in report.events:
        if event.kind.endswith("error") or event.kind.startswith("kept"):
            log.warning("wirebrief: %s", event.line())
        elif event.kind != "unchanged":
            log.info("wirebrief: %s", event.line())
    log.info("wirebrief: ingest: %s", report.summary())
    if report.failures:
        raise IngestFailed(f"{len(report.failures)} file(s) could not be written or read, as said above; the posts "
                           "written are whole, and the next build completes the work")


def newest_first(article):
    """Pelican's default order ("reversed-date") leaves briefings of the same time in the order
    the file system listed them, which changes from build to build; the slug settles it, so
    listings (and the pages skipped because their listing did not change) are reproducible."""
    return (-article.date.timestamp(), article.slug)


def content_cache(settings: dict) -> None:
    """Pelican's content cache (pelicanconf.py turns it on) keeps the articles it read, but does
    not notice a change of settings or of this plugin's code: start it afresh when they change."""
    if not (settings.get("CACHE_CONTENT") and settings.get("LOAD_CONTENT_CACHE")):
        return
    cache = Path(settings.get("CACHE_PATH", "cache"))
    marker = cache / "wirebrief-content-cache"
    fingerprint = code_and_settings_digest(settings)
    try:
        if marker.read_text() == fingerprint:
            return
    except OSError:
        pass
    for old in cache.glob("*Generator*"):  # Pelican's cache files: ArticlesGenerator, …-Readers
        if re.fullmatch(r"[A-Za-z]+Generator(-Readers)?", old.name) and old.is_file():
            old.unlink()
    settings["LOAD_CONTENT_CACHE"] = False
    cache.mkdir(parents=True, exist_ok=True)
    write_atomically(marker, fingerprint)


@functools.lru_cache(maxsize=1 << 16)
def _striptags(value: str) -> Markup:
    return Markup(value).striptags()


def striptags(value) -> Markup:
    """Jinja's striptags, remembered: a title or summary is stripped on every page that lists it."""
    return _striptags(str(value))


_BUILDS_IN_PROCESS = 0


def pause_gc() -> None:
    """Python's cycle collector walks every live object each time it runs; a build holds
    millions (every briefing, read or unpickled from the content cache) and creates few
    cycles, so the collector is off while Pelican builds (a third of a no-change rebuild's
    time at 10,000 briefings). A process that builds again (devserver, pelican -r) collects
    first, so nothing accumulates."""
    global _BUILDS_IN_PROCESS
    if _BUILDS_IN_PROCESS:
        gc.unfreeze()
        gc.enable()
        gc.collect()
    _BUILDS_IN_PROCESS += 1
    gc.disable()


def resume_gc() -> None:
    """At the end of a build: collector on again, and what the build holds is set aside
    (gc.freeze), so neither later collections nor the interpreter's exit walk it again."""
    gc.enable()
    gc.freeze()


def get_generators(pelican):
    """Take the build lock, ingest, then hand Pelican our generator (it runs after Pelican's
    own). The lock is held until the build is finalized, so two builds never interleave."""
    pelican.settings.pop(WirebriefSettings._KEY, None)  # built afresh for each build
    cfg = WirebriefSettings.of(pelican.settings)
    lock.release_all()  # a previous build in this process that failed half-way
    lock.acquire(cfg.root, cfg.lock_timeout)
    pelican.settings["JINJA_FILTERS"] = {"striptags": striptags, **pelican.settings.get("JINJA_FILTERS", {})}
    if pelican.settings.get("ARTICLE_ORDER_BY") == "reversed-date":
        pelican.settings["ARTICLE_ORDER_BY"] = newest_first
    content_cache(pelican.settings)
    if cfg.pause_gc:  # WIREBRIEF_PAUSE_GC
        pause_gc()
    PHASES.start()
    run_ingest(pelican)
    PHASES.mark("ingest")
    return BriefingGenerator


def get_writer(pelican):
    from .writer import UnchangedSkippingWriter

    collect_while_rendering()
    return UnchangedSkippingWriter


def collect_while_rendering() -> None:
    """Pelican asks for its writer once every generator has its context, right before pages
    are rendered. What the build has read is set aside (gc.freeze) and the collector runs
    again: rendering makes short-lived cycles (template contexts), which a cold build of
    18,000 pages left lying until its end (+90 MB at 10,000 briefings), and young
    collections of them are cheap once the millions of read objects are not walked."""
    gc.freeze()
    gc.enable()


def readers_init(readers) -> None:
    """Posts exactly as ingest wrote them are read without running Markdown (reader.py)."""
    from .reader import BriefingReader

    for ext in BriefingReader.file_extensions:
        if ext in readers.reader_classes:
            readers.reader_classes[ext] = BriefingReader


def count_fresh_reads(generator) -> None:
    """article_generator_init: count the posts Pelican reads afresh (not from its cache)."""
    generator.wirebrief_fresh = 0
    cache_data = generator.cache_data

    def counting(*args, **kwargs):
        generator.wirebrief_fresh += 1
        return cache_data(*args, **kwargs)

    generator.cache_data = counting


REPICKLE_AFTER = 100  # posts read afresh since the cache was last written


def skip_unchanged_cache(generator) -> None:
    """article_generator_pretaxonomy: Pelican pickles its whole content cache (half a second
    at 10,000 briefings) after every build. When few posts were read afresh it is left as it
    is: Pelican checks each file's time against its entry, so those few are read again next
    time (a millisecond each), until there are enough of them to write the cache anew."""
    if getattr(generator, "wirebrief_fresh", REPICKLE_AFTER) < REPICKLE_AFTER:
        generator._cache_data_policy = False


def take_over_listings(generator) -> None:
    PHASES.mark("reading posts (Pelican)")
    _take_over_listings(generator)


def _take_over_listings(generator) -> None:
    """article_generator_finalized: Wirebrief writes the tag and category pages itself
    (generator.py). Pelican's own loops test every article of the site against each tag's,
    category's and author's list, which grows with the square of the site; with these emptied
    they do nothing. The context keeps the listings for the templates."""
    generator.context["tags"] = sorted(generator.tags.items())
    generator.context["categories"] = list(generator.categories)
    generator.tags, generator.categories, generator.authors = {}, [], []


def uncached_pages(generator) -> None:
    """page_generator_init: Pelican's content cache pickles each content object with the
    build's whole context, so a cache of the two or three pages would hold a second copy of
    every briefing. Pages are few: they are read afresh each build instead."""
    generator._cache, generator._cache_data_policy = {}, False
    stale = Path(generator._cache_path)
    if stale.is_file():
        stale.unlink()


def whole_static_copies(generator) -> None:
    """static_generator_init: Pelican copies static files (the lead photos) in place, and only
    warns when a copy fails, leaving a partial file newer than its source that it never copies
    again. Here each copy is whole or absent, and a failure ends the build."""
    if generator.settings.get("STATIC_CREATE_LINKS"):
        return

    def copy_whole(static) -> None:
        source = Path(generator.path, static.source_path)
        try:
            data = source.read_bytes()
        except OSError as e:
            raise fault(e, "read", source) from e
        target = Path(generator.output_path, static.save_as)
        generator._mkdir(os.fspath(target.parent))
        write_atomically(target, data)

    generator._copy_staticfile = copy_whole


def build_finished(pelican) -> None:
    lock.release_all()
    resume_gc()
    if len(PHASES.marks) > 1:
        PHASES.mark("writing (Pelican's static files)")
        log.info("wirebrief: phases: %s", PHASES.line())
        PHASES.marks = []


def connect() -> None:
    if _ONE_LINE_FAULTS not in logging.getLogger("pelican").filters:
        logging.getLogger("pelican").addFilter(_ONE_LINE_FAULTS)
    signals.static_generator_init.connect(whole_static_copies)
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(get_writer)
    signals.readers_init.connect(readers_init)
    signals.article_generator_finalized.connect(take_over_listings)
    signals.article_generator_init.connect(count_fresh_reads)
    signals.article_generator_pretaxonomy.connect(skip_unchanged_cache)
    signals.page_generator_init.connect(uncached_pages)
    signals.finalized.connect(build_finished)
    signals.content_object_init.connect(enrich)
