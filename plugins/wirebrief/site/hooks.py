"""The Pelican side of Wirebrief: the signals it connects to."""


from __future__ import annotations

import functools
import gc
import hashlib
import logging
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup
from pelican import signals

from .. import lock
from .content import enrich, share_equal_values
from ..files import one_line, write_atomically
from .renderplan import _stable, code_and_settings_digest
from .generator import BriefingGenerator
from . import content_store, pelican_internals
from .pelican_internals import (count_fresh_reads, forget_memoized_contents, skip_unchanged_cache, source_paths_shared,
                                uncached_pages, whole_static_copies)
from .lifecycle import hold_back, hold_back_photos, next_embargo
from . import uptodate
from .phases import PHASES
from .read_ahead import read_ahead
from ..ingest.received import LEDGER_NAME
from ..ingest.sync import ingest, release_gazetteer
from ..settings import SettingsError, WirebriefSettings

log = logging.getLogger(__name__)


class IngestFailed(Exception):
    """Ingest could not write (or read) some files: the build stops, with one line."""


class OneLineFaults(logging.Filter):
    """Pelican logs the exception that ends a build with its whole traceback (its main()). A
    full disk, a read-only folder, a failed ingest or a wrong setting is no bug in the code: one
    line says it."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, (OSError, IngestFailed, SettingsError)):
            record.msg, record.args, record.exc_info = one_line(error), (), None
        return True


_ONE_LINE_FAULTS = OneLineFaults()


_KEEP_BETWEEN_BUILDS = False


def keep_between_builds() -> None:
    """For a process that builds on every change (`make devserver`): what ingest loads (the
    gazetteer) stays loaded for the next build, which then need not load it again (0.25 s)."""
    global _KEEP_BETWEEN_BUILDS
    _KEEP_BETWEEN_BUILDS = True


def run_ingest(pelican):
    """Before the generators read content/ (on every build, autoreload included). Its report."""
    cfg = WirebriefSettings.of(pelican.settings)
    if not cfg.ingest:
        return None
    report = ingest(cfg)
    if not _KEEP_BETWEEN_BUILDS:
        release_gazetteer()   # lowers a one-new-seed build's peak by a tenth at 10,000 briefings
    for event in report.events:
        if event.kind.endswith("error") or event.kind.startswith("kept"):
            log.warning("wirebrief: %s", event.line())
        elif event.kind != "unchanged":
            log.info("wirebrief: %s", event.line())
    log.info("wirebrief: ingest: %s", report.summary())
    if report.failures:
        raise IngestFailed(f"{len(report.failures)} file(s) could not be written or read, as said above; the posts "
                           "written are whole, and the next build completes the work")
    return report


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
    pelican_internals.forget_content_cache(cache)
    content_store.forget(cache)
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
_COLLECTED = False   # collect_garbage has run since this process's last build


def start_build(pause_gc: bool) -> None:
    """A process that builds again (devserver, pelican -r) first frees what its earlier builds
    left, unless `make devserver` did while it waited. Then, with WIREBRIEF_PAUSE_GC, the cycle
    collector is off while Pelican builds: it walks every live object each time it runs; a
    build holds millions (every briefing, read or unpickled from the content cache) and creates
    few cycles (a third of a no-change rebuild's time at 10,000 briefings)."""
    global _BUILDS_IN_PROCESS, _COLLECTED
    if _BUILDS_IN_PROCESS and not _COLLECTED:
        collect_garbage()
    _BUILDS_IN_PROCESS += 1
    _COLLECTED = False
    if pause_gc:
        gc.disable()


def collect_garbage() -> None:
    """What earlier builds of this process left (their briefings, contexts, pages), freed: at
    the next build's start, or by `make devserver` while it waits for a change."""
    global _COLLECTED
    forget_memoized_contents()   # a build that failed half-way did not
    gc.unfreeze()   # what the last build set aside (resume_gc, collect_while_rendering)
    gc.enable()
    gc.collect()
    _COLLECTED = True


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
    start_build(cfg.pause_gc)  # WIREBRIEF_PAUSE_GC
    PHASES.start()
    report = run_ingest(pelican)
    PHASES.mark("ingest")
    note_inputs(report)
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


class CompiledTemplates(FileSystemBytecodeCache):
    """Jinja's compiled templates, kept in the cache folder between builds.

    Jinja keys each by the template's name and path and checks its source's checksum and
    Python's version; but the code it compiles also depends on the environment, which Jinja's
    key leaves out: its options (trim_blocks, the delimiters, whether this template is
    autoescaped), its extensions, Jinja's own version, and its filters, tests and finalize
    (how each is called, and the value of a filter applied to constants, which the optimizer
    works out when it compiles). So those are part of the key here (compiled_for): a site whose
    JINJA_ENVIRONMENT or filters change gets templates compiled for them, never code compiled
    for the settings before. A cache folder that cannot be written, or a cached file that cannot
    be read back, costs a compile, never the build."""

    def get_bucket(self, environment, name, filename, source):
        return super().get_bucket(environment, name, f"{filename}\x00{compiled_for(environment, name)}", source)

    def load_bytecode(self, bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:   # cut short by a crash or a disk fault: compiled again
            bucket.reset()

    def dump_bytecode(self, bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass   # read-only or full: compiled again next build, as without the cache


_ENVIRONMENT_OPTIONS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
                        "comment_start_string", "comment_end_string", "line_statement_prefix", "line_comment_prefix",
                        "trim_blocks", "lstrip_blocks", "newline_sequence", "keep_trailing_newline", "optimized",
                        "undefined", "is_async")


def _function(value) -> str:
    """A filter, test or finalize as the compiler sees it: how it is called, and what it is,
    down to its code (two lambdas share a name) and, for a partial, its arguments."""
    if isinstance(value, functools.partial):
        return f"partial({_function(value.func)}, {value.args!r}, {sorted(value.keywords.items())!r})"
    code = getattr(value, "__code__", None)
    body = hashlib.blake2b(_code(code).encode("utf-8", "surrogatepass"), digest_size=8).hexdigest() if code else ""
    return f"{_stable(value)}:{getattr(value, 'jinja_pass_arg', None)}:{body}"


def _code(code) -> str:
    """A code object's bytecode and constants, the same in every process (the repr of a nested
    code object holds its address, and a frozenset's order follows the process's string hashes)."""
    def const(c):
        if hasattr(c, "co_code"):
            return _code(c)
        if isinstance(c, (frozenset, set)):
            return "{" + ",".join(sorted(map(const, c))) + "}"
        if isinstance(c, tuple):
            return "(" + ",".join(map(const, c)) + ")"
        return repr(c)
    return code.co_code.hex() + ":" + ",".join(map(const, code.co_consts))


def compiled_for(environment, name: str | None = None) -> str:
    """What of a Jinja environment the compiled code of template `name` depends on, as a digest."""
    import jinja2

    def plain(value):
        return value if isinstance(value, (str, int, float, bool, type(None))) else _stable(value)

    autoescape = environment.autoescape(name) if callable(environment.autoescape) else environment.autoescape
    parts = [jinja2.__version__, *(f"{o}={plain(getattr(environment, o, None))}" for o in _ENVIRONMENT_OPTIONS),
             f"autoescape={autoescape!r}", f"finalize={_function(environment.finalize) if environment.finalize else None}",
             *sorted(environment.extensions), repr(sorted(environment.policies.items(), key=lambda kv: kv[0])),
             *sorted(f"filter {n}={_function(f)}" for n, f in environment.filters.items()),
             *sorted(f"test {n}={_function(f)}" for n, f in environment.tests.items())]
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


def compiled_templates(generator) -> None:
    """generator_init: each generator compiles the theme's templates in its own Jinja
    environment, every build (59 loads, 0.13 s at 10,000 briefings after one new seed): their
    compiled code is kept in the cache folder (CompiledTemplates)."""
    folder = Path(generator.settings["CACHE_PATH"]) / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for left in folder.glob("*.tmp"):   # a build killed while it wrote one (builds hold the lock)
            left.unlink(missing_ok=True)
    except OSError:
        return   # compiled every build, as before
    generator.env.bytecode_cache = CompiledTemplates(str(folder))


def readers_init(readers) -> None:
    """Posts exactly as ingest wrote them are read without running Markdown (reader.py)."""
    from .reader import BriefingReader

    for ext in BriefingReader.file_extensions:
        if ext in readers.reader_classes:
            readers.reader_classes[ext] = BriefingReader


def read_posts_ahead(generator) -> None:
    """The posts Pelican would read afresh are read on every core first (read_ahead.py)."""
    pelican_internals.read_before_the_loop(generator, read_ahead)


def take_over_listings(generator) -> None:
    PHASES.mark("reading posts (Pelican)")
    pelican_internals.take_over_listings(generator)


_BUILD: dict = {}   # this build's up-to-date check (uptodate.py), from `initialized` to `finalized`


def _sources(settings: dict, cfg: WirebriefSettings) -> tuple[list[Path], list[Path]]:
    """What ingest reads and the plugin (already imported), then what Pelican reads (ingest
    writes there). The seeds' ledger of arrival times apart: ingest writes it too."""
    return [cfg.seeds_dir, uptodate.PLUGIN], [Path(settings["PATH"]), Path(settings["THEME"])]


def _digest(before_ingest: str, ledger: tuple[int, int] | None, read: list[Path]) -> str:
    return uptodate.inputs(f"{before_ingest}\x00ledger={ledger}", read)


def skip_if_up_to_date(pelican) -> None:
    """initialized: when the files, settings and output are what the last build left, and no
    embargo has lifted since, this build's run() only says so (uptodate.py)."""
    if _BUILD.get("warnings"):   # a build in this process that failed half-way (devserver)
        logging.getLogger().removeHandler(_BUILD["warnings"])
    _BUILD.clear()
    settings = pelican.settings
    cfg = WirebriefSettings.from_pelican(settings)
    if not cfg.incremental:
        return
    cache, output = Path(settings.get("CACHE_PATH", "cache")), Path(settings["OUTPUT_PATH"])
    seeds, read = _sources(settings, cfg)
    # each part is taken before it is read: a file saved while the build reads makes the next
    # build differ, however late in this one it was saved
    before_ingest = uptodate.inputs(uptodate.settings_digest(settings), seeds, skip=frozenset({LEDGER_NAME}))
    ledger = cfg.seeds_dir / LEDGER_NAME
    path = uptodate.record_path(cache, output)
    record = uptodate.load(path)
    if uptodate.nothing_to_do(record, _digest(before_ingest, uptodate.file_state(ledger), read), output):
        def nothing_changed():
            del pelican.run   # a later run (pelican -r) builds as usual
            for level, message in record["warnings"]:
                log.log(level, "%s", message)
            from pelican.log import console

            console.print(f"Done: nothing changed since the last build; {output} is up to date.")
        pelican.run = nothing_changed
        return
    uptodate.forget(path)
    warnings = uptodate.Warnings()
    logging.getLogger().addHandler(warnings)
    _BUILD.update(before_ingest=before_ingest, ledger=ledger, read=read, inputs=None, path=path, output=output,
                  warnings=warnings, next_embargo=None)


def note_inputs(report) -> None:
    """After ingest wrote content/, before Pelican reads it: the digest this build records,
    with the ledger as ingest read it (or wrote it): a correction saved since is built next."""
    if _BUILD:
        ledger = report.ledger_seen if report is not None else uptodate.file_state(_BUILD["ledger"])
        _BUILD["inputs"] = _digest(_BUILD["before_ingest"], ledger, _BUILD["read"])


def build_incomplete() -> None:
    """Some work failed without failing the build (a search bundle): no record, the next
    build tries again."""
    if _BUILD:
        _BUILD["inputs"] = None


def note_embargoes(generator) -> None:
    if _BUILD:
        _BUILD["next_embargo"] = next_embargo(generator.context.get("held_articles", []))


def record_build() -> None:
    if not _BUILD:
        return
    logging.getLogger().removeHandler(_BUILD["warnings"])
    if _BUILD.get("inputs"):
        uptodate.save(_BUILD["path"], _BUILD["inputs"], _BUILD["output"], _BUILD["next_embargo"], _BUILD["warnings"].said)
    _BUILD.clear()


def build_finished(pelican) -> None:
    record_build()
    lock.release_all()
    forget_memoized_contents()
    resume_gc()
    if len(PHASES.marks) > 1:
        PHASES.mark("writing (Pelican's static files)")
        log.info("wirebrief: phases: %s", PHASES.line())
        PHASES.marks = []


def connect() -> None:
    if _ONE_LINE_FAULTS not in logging.getLogger("pelican").filters:
        logging.getLogger("pelican").addFilter(_ONE_LINE_FAULTS)
    signals.static_generator_init.connect(whole_static_copies)
    signals.static_generator_finalized.connect(hold_back_photos)
    signals.initialized.connect(skip_if_up_to_date)
    signals.get_generators.connect(get_generators)
    signals.get_writer.connect(get_writer)
    signals.generator_init.connect(compiled_templates)
    signals.readers_init.connect(readers_init)
    signals.article_generator_finalized.connect(take_over_listings)
    signals.article_generator_finalized.connect(note_embargoes)
    content_store.install()
    signals.article_generator_init.connect(content_store.drop_lost)
    signals.article_generator_init.connect(content_store.write_with_cache)
    signals.article_generator_init.connect(count_fresh_reads)
    signals.article_generator_init.connect(source_paths_shared)
    signals.article_generator_init.connect(read_posts_ahead)
    signals.article_generator_pretaxonomy.connect(share_equal_values)
    signals.article_generator_pretaxonomy.connect(hold_back)
    signals.article_generator_pretaxonomy.connect(skip_unchanged_cache)
    signals.page_generator_init.connect(uncached_pages)
    signals.finalized.connect(build_finished)
    signals.content_object_init.connect(enrich)
