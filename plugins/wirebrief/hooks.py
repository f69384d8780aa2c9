"""The Pelican side of Wirebrief: the signals it connects to."""


from __future__ import annotations

import logging

from pelican import signals

from . import lock
from .content import enrich
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


def get_generators(pelican):
    """Take the build lock, ingest, then hand Pelican our generator (it runs after Pelican's
    own). The lock is held until the build is finalized, so two builds never interleave."""
    root = IngestSettings.from_pelican(pelican.settings).root
    lock.release_all()  # a previous build in this process that failed half-way
    lock.acquire(root, pelican.settings.get("WIREBRIEF_LOCK_TIMEOUT", lock.TIMEOUT_SECONDS))
    run_ingest(pelican)
    return BriefingGenerator


def get_writer(pelican):
    from .writer import UnchangedSkippingWriter

    return UnchangedSkippingWriter


def build_finished(pelican) -> None:
    lock.release_all()


def connect() -> None:
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(get_writer)
    signals.finalized.connect(build_finished)
    signals.content_object_init.connect(enrich)
