"""The Pelican side of Wirebrief: the signals it connects to."""


from __future__ import annotations

import logging
import re
from pathlib import Path

from pelican import signals

from . import lock
from .content import enrich
from .files import write_atomically
from .renderplan import code_and_settings_digest
from .generator import BriefingGenerator
from .ingest import ingest
from .settings import IngestSettings

log = logging.getLogger(__name__)


def run_ingest(pelican) -> None:
    """Before the generators read content/ (on every build, autoreload included)."""
    if not pelican.settings.get("WIREBRIEF_INGEST", True):
        return
    report = ingest(IngestSettings.from_pelican(pelican.settings))
    for event in report.events:
        if event.kind.endswith("error") or event.kind.startswith("kept"):
            log.warning("wirebrief: %s", event.line())
        elif event.kind != "unchanged":
            log.info("wirebrief: %s", event.line())
    log.info("wirebrief: ingest: %s", report.summary())


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


def get_generators(pelican):
    """Take the build lock, ingest, then hand Pelican our generator (it runs after Pelican's
    own). The lock is held until the build is finalized, so two builds never interleave."""
    root = IngestSettings.from_pelican(pelican.settings).root
    lock.release_all()  # a previous build in this process that failed half-way
    lock.acquire(root, pelican.settings.get("WIREBRIEF_LOCK_TIMEOUT", lock.TIMEOUT_SECONDS))
    if pelican.settings.get("ARTICLE_ORDER_BY") == "reversed-date":
        pelican.settings["ARTICLE_ORDER_BY"] = newest_first
    content_cache(pelican.settings)
    run_ingest(pelican)
    return BriefingGenerator


def get_writer(pelican):
    from .writer import UnchangedSkippingWriter

    return UnchangedSkippingWriter


def readers_init(readers) -> None:
    """Posts exactly as ingest wrote them are read without running Markdown (reader.py)."""
    from .reader import BriefingReader

    for ext in BriefingReader.file_extensions:
        if ext in readers.reader_classes:
            readers.reader_classes[ext] = BriefingReader


class Listing(list):
    """A list of articles whose `in` is a set look-up. Pelican's tag and category pages test
    every article of the site against the page's list, which grows with the square of the
    site; with this, linearly."""

    def __init__(self, items):
        super().__init__(items)
        self._ids = {id(a) for a in self}

    def __contains__(self, item) -> bool:
        return id(item) in self._ids


def fast_listings(generator) -> None:
    """article_generator_finalized: Pelican's tag and category lists, as Listings."""
    generator.tags = {tag: Listing(items) for tag, items in generator.tags.items()}
    generator.categories = [(category, Listing(items)) for category, items in generator.categories]
    generator.context["tags"] = list(generator.tags.items())
    generator.context["categories"] = generator.categories


def build_finished(pelican) -> None:
    lock.release_all()


def connect() -> None:
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(get_writer)
    signals.readers_init.connect(readers_init)
    signals.article_generator_finalized.connect(fast_listings)
    signals.finalized.connect(build_finished)
    signals.content_object_init.connect(enrich)
