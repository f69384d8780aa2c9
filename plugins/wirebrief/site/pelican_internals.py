"""Every use Wirebrief makes of Pelican's internals: private attributes, private methods and
behaviour Pelican does not document. Nothing else in the plugin touches them.

Each was read from Pelican 4.12 and is held to it by a test in tests/site/test_pelican_internals.py
that fails if Pelican stops behaving as relied on here. Importing this module with a Pelican
outside SUPPORTED stops the build with a line naming both versions: check each use (and its
test) against the new Pelican, then widen SUPPORTED.
"""

from __future__ import annotations

import io
import logging
import os
import re
from pathlib import Path

import pelican
from pelican.urlwrappers import URLWrapper
from pelican.writers import FileOverwriteFailedError, Writer

from ..files import fault, write_atomically, write_if_changed

SUPPORTED = ((4, 12, 0), (4, 13, 0))  # at least the first, below the second (pyproject pins 4.12.0)


class UnsupportedPelican(RuntimeError):
    """The installed Pelican is not one these uses were checked against."""


def _release(version: str) -> tuple[int, ...] | None:
    match = re.match(r"(\d+)\.(\d+)(?:\.(\d+))?", version or "")
    return tuple(int(part or 0) for part in match.groups()) if match else None


def check_version(version: str) -> None:
    low, high = SUPPORTED
    release = _release(version)
    if release is None or not low <= release < high:
        raise UnsupportedPelican(
            f"wirebrief: Pelican {version} is installed; Wirebrief uses Pelican internals checked only for "
            f"Pelican >={'.'.join(map(str, low))},<{'.'.join(map(str, high))} "
            "(plugins/wirebrief/site/pelican_internals.py); install the version pyproject.toml pins")


check_version(pelican.__version__)


# --- the content cache (pelican.cache.FileDataCacher, which the generators inherit) ---------

def forget_content_cache(cache: Path) -> None:
    """Delete Pelican's content cache files: Pelican names them after the generator class
    ("ArticlesGenerator") and its readers' cache "<class>-Readers", in CACHE_PATH."""
    for old in cache.glob("*Generator*"):
        if re.fullmatch(r"[A-Za-z]+Generator(-Readers)?", old.name) and old.is_file():
            old.unlink()


def source_paths_shared(generator) -> None:
    """article_generator_init: Pelican's loop records each post in the context's
    generated_content under its path relative to the content folder, worked out anew for each
    post on each build (Generator.add_source_path): a second copy of every post's
    relative_source_path, which Content.__init__ worked out the same way (5 MB at 50,000
    briefings). The post's own string is used."""
    def add_source_path(content, static=False):
        location = getattr(content, "relative_source_path", None) or content.get_relative_source_path()
        generator.context["static_content" if static else "generated_content"][location] = content

    generator.add_source_path = add_source_path


def count_fresh_reads(generator) -> None:
    """article_generator_init: count the posts Pelican reads afresh (not from its cache), and
    keep them (content.share_equal_values): Pelican calls generator.cache_data(path, article)
    for each, and only for those."""
    generator.wirebrief_fresh = 0
    generator.wirebrief_fresh_posts = []
    cache_data = generator.cache_data

    def counting(filename, data, *args, **kwargs):
        generator.wirebrief_fresh += 1
        generator.wirebrief_fresh_posts.append(data)
        return cache_data(filename, data, *args, **kwargs)

    generator.cache_data = counting


REPICKLE_AFTER = 100  # posts read afresh since the cache was last written


def skip_unchanged_cache(generator) -> None:
    """article_generator_pretaxonomy: Pelican pickles its whole content cache (half a second
    at 10,000 briefings) after every build. When few posts were read afresh it is left as it
    is: Pelican checks each file's time against its entry, so those few are read again next
    time (a millisecond each), until there are enough of them to write the cache anew.
    (save_cache writes nothing while _cache_data_policy is false.) A cache some of whose posts
    had to be dropped (content_store.drop_lost) is written anew at once."""
    if getattr(generator, "wirebrief_fresh", REPICKLE_AFTER) < REPICKLE_AFTER and not getattr(generator, "wirebrief_lost", 0):
        generator._cache_data_policy = False


def uncached_pages(generator) -> None:
    """page_generator_init: Pelican's content cache pickles each content object with the
    build's whole context, so a cache of the two or three pages would hold a second copy of
    every briefing. Pages are few: they are read afresh each build instead (an empty _cache,
    nothing cached or saved, and the file at _cache_path gone)."""
    generator._cache, generator._cache_data_policy = {}, False
    stale = Path(generator._cache_path)
    if stale.is_file():
        stale.unlink()


# --- static files (StaticGenerator) ----------------------------------------------------------

def whole_static_copies(generator) -> None:
    """static_generator_init: Pelican copies static files (the lead photos) in place, and only
    warns when a copy fails, leaving a partial file newer than its source that it never copies
    again. Here each copy is whole or absent, and a failure ends the build. (StaticGenerator
    copies each file through self._copy_staticfile(static), unless STATIC_CREATE_LINKS.)"""
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


# --- articles (ArticlesGenerator, contents.Content) -----------------------------------------

def warnings_are_fatal() -> bool:
    """`pelican --fatal warnings`: Pelican's FatalLogger raises RuntimeError from the logging
    call itself, wherever it is made (pelican/log.py: FatalLogger.fatal_lvl); its LimitFilter
    drops a repeated warning, which then raises nothing."""
    from pelican.log import FatalLogger

    return FatalLogger.fatal_lvl <= logging.WARNING


def read_before_the_loop(generator, read) -> None:
    """article_generator_init: `read(generator)` runs as generate_context starts, before
    Pelican's loop over the posts, which takes each post from get_cached_data(path) when it is
    there and reads only the others: what `read` puts there with cache_data(path, article)
    counts as read (site/read_ahead.py). Pelican calls generate_context on the instance, so an
    attribute of the instance stands in for the method."""
    loop = generator.generate_context

    def generate_context():
        read(generator)
        return loop()

    generator.generate_context = generate_context


def forget_memoized_contents() -> None:
    """Content.get_content and Content.get_summary are `pelican.utils.memoized`: one dict for
    the class, keyed by (content object, siteurl), never emptied. A process that builds more
    than once (`make devserver`, `pelican -r`) kept every build's briefings alive through it:
    160 MB more at 10,000 briefings after every rebuild. Emptied after each build (and before
    the next, after a build that failed half-way); a build asks for each value anew anyway,
    since its content objects are new."""
    from pelican.contents import Content

    for name in ("get_content", "get_summary"):
        Content.__dict__[name].cache.clear()


def take_over_listings(generator) -> None:
    """article_generator_finalized: Wirebrief writes the tag and category pages itself
    (generator.py). Pelican's own loops in generate_output test every article of the site
    against each tag's, category's and author's list, which grows with the square of the site;
    with generator.tags, .categories and .authors emptied they do nothing. The context keeps
    the listings for the templates."""
    generator.context["tags"] = sorted(generator.tags.items())
    generator.context["categories"] = list(generator.categories)
    generator.tags, generator.categories, generator.authors = {}, [], []


def freeze_urls(article) -> None:
    """Pelican formats url and save_as from the metadata on every access (tens of thousands
    of times in a build: listings, feeds, related briefings); they cannot change once the
    article exists, so they are worked out once, as Pelican's own override_* values (which
    Content.get_url_setting returns as they are). Pelican then lets the article's file replace
    another page's of the same name; ingest gives every post a slug of its own, and two
    articles of one slug still fail the build. Where the two are the same text (this site's
    settings), they are one string (5 MB at 50,000 briefings)."""
    url, save_as = article.url, article.save_as
    article.override_url = url
    article.override_save_as = url if save_as == url else save_as


def share_slugs(processed, slugs: dict) -> None:
    """Tags, categories and authors (URLWrapper) work out their slug on first use, and each
    briefing has its own: 90,000 slugify calls for 10,000 briefings. Each wrapper here takes
    the slug worked out for the first of its class and name, as its own cached `_slug`
    (Pelican sets `_slug` None in __init__ and fills it in the `slug` property)."""
    for wrapper in processed if isinstance(processed, list) else [processed]:
        if isinstance(wrapper, URLWrapper) and wrapper._slug is None:
            key = (type(wrapper), wrapper.name)
            known = slugs.get(key)
            if known is None:
                known = slugs[key] = wrapper.slug
            wrapper._slug = known


# --- the writer (pelican.writers.Writer) -----------------------------------------------------

class _PendingFile(io.StringIO):
    """What Pelican writes into; on close, it goes to disk only if it changed."""

    def __init__(self, path: str, encoding: str, writer: PendingFileWriter):
        super().__init__()
        self._path, self._encoding, self._writer = path, encoding, writer

    def close(self) -> None:
        if not self.closed:
            text = self.getvalue()
            write_if_changed(self._path, text.encode(self._encoding))
            self._writer.wrote(self._path, text)
        super().close()


class PendingFileWriter(Writer):
    """Pelican's Writer whose files are written only when their bytes changed. Writer.write_file
    and write_feed open every file through self._open_w(path, encoding, override); this is a
    copy of Pelican 4.12's, with its bookkeeping of written files, returning a pending file."""

    def _open_w(self, filename, encoding, override=False):
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time (was previously overwritten)')
            return open(os.devnull, "w", encoding=encoding)
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it previously '
                "(set `override=True` if intended)")
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _PendingFile(filename, encoding, self)

    def wrote(self, path: str, text: str) -> None:
        """Called with each file's text once it is on disk (or found unchanged there)."""

    def count_as_written(self, path: str) -> None:
        """A file left as it is counts as written by this build: a second write to it fails as
        in Pelican (which keeps the full paths it wrote in _written_files)."""
        self._written_files.add(path)

    def files_made(self) -> list[str]:
        """Every file this writer wrote, found unchanged or counted as written in this build,
        relative to the output folder: Pelican's own record of them, _written_files."""
        prefix = os.path.join(os.path.abspath(self.output_path), "")  # as sanitised_join makes each path
        return sorted(path[len(prefix):] if path.startswith(prefix) else os.path.relpath(path, self.output_path)
                      for path in self._written_files if path != os.devnull)
