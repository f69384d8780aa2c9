"""Each post's HTML kept on disk beside Pelican's content cache, not inside it.

Pelican's content cache (the generator layer) pickles every post whole, and every build
unpickles and holds all of it; at 10,000 briefings two thirds of it (32 of 49 MB) is the HTML
of the posts, of which a build after one new seed shows a few dozen (their pages, the feeds).
When Pelican writes the cache, the HTML of every post in it goes to one file beside it
(`<cache>.html-<id>`, UTF-8, one after the other), and each post keeps only where its HTML is
there; its `_content` reads it back the first time a page or a feed asks. A post read afresh
keeps its HTML for the build that read it (it is new or changed: the build shows it). A post
with no summary of its own reads its HTML whenever a listing is keyed (Pelican makes the
summary from it); ingest writes a summary into every post whose lede has a sentence.

Nothing is lost when the file is: a cached post whose HTML file is missing or shorter than it
should be is dropped from the cache before Pelican's loop, which then reads the post again.
The files are written whole (write_atomically) before the cache that points into them, and
the older ones removed only once Pelican has written the cache (it only warns when it cannot).
"""

from __future__ import annotations

import logging
import os
import uuid
from pathlib import Path

from pelican.contents import Content

from ..files import fault, one_line, write_atomically

log = logging.getLogger(__name__)

_TEXT = "_wirebrief_html"   # the HTML, while this process holds it
_AT = "_wirebrief_html_at"  # (file name, offset, length) of it in a store, -1 for None
_LINKS = "_wirebrief_static_links"  # get_static_links() of the HTML, worked out while it was held
STORE = ".html-"            # a store's name: the cache file's, this, an id


class _Html:
    """Content._content: the post's HTML, from the store when this process does not hold it."""

    def __get__(self, content, owner=None):
        if content is None:
            return self
        state = content.__dict__
        if _TEXT in state:
            return state[_TEXT]
        at = state.get(_AT)
        if at is None:
            # set by nothing (a content object made without __init__): as Pelican would fail
            raise AttributeError(f"{type(content).__name__!r} object has no attribute '_content'")
        return read(content, at)

    def __set__(self, content, value) -> None:
        content.__dict__[_TEXT] = value
        content.__dict__.pop(_AT, None)


def install() -> None:
    """Every content object's `_content` (set by Content.__init__, read by get_content) goes
    through _Html; get_static_links, which Pelican's loop asks of every post, every build,
    answers from what it found in the HTML when the HTML was stored. Idempotent."""
    if not isinstance(Content.__dict__.get("_content"), _Html):
        Content._content = _Html()
        Content.get_static_links = _static_links(Content.get_static_links)


def _static_links(get_static_links):
    def static_links(content) -> set[str]:
        state = content.__dict__
        if _TEXT not in state and _LINKS in state:
            return set(state[_LINKS])
        return get_static_links(content)
    static_links.__doc__ = get_static_links.__doc__
    return static_links


def forget(cache: Path) -> None:
    """Remove every store file in CACHE_PATH (with Pelican's content cache, when it starts afresh)."""
    for old in cache.glob(f"*{STORE}*"):
        if old.is_file():
            old.unlink()


def _store_dir(generator) -> Path:
    return Path(generator._cache_path).parent


def read(content, at: tuple) -> str | None:
    name, offset, length = at
    if length < 0:
        return None
    path = Path(content.settings["CACHE_PATH"]) / name
    try:
        with open(path, "rb") as f:
            f.seek(offset)
            data = f.read(length)
        if len(data) != length:
            raise OSError(f"the HTML of {content.source_path} is cut short")
    except OSError as error:
        # the store changed under a running build (the build lock keeps other builds out):
        # the next build finds it so before Pelican's loop and reads the posts again (drop_lost)
        raise fault(error, "read", path) from error
    return data.decode("utf-8", "surrogatepass")


def drop_lost(generator) -> None:
    """article_generator_init: a cached post whose HTML is not where the cache says (the file
    removed, or shorter) is read again by Pelican's loop: its entry is dropped."""
    cache = getattr(generator, "_cache", None)
    if not cache:
        return
    sizes: dict[str, int] = {}
    lost = []
    for path, entry in cache.items():
        at = getattr(entry[1], "__dict__", {}).get(_AT) if isinstance(entry, tuple) and len(entry) == 2 else None
        if at is None or at[2] < 0:
            continue
        name, offset, length = at
        if name not in sizes:
            try:
                sizes[name] = os.stat(_store_dir(generator) / name).st_size
            except OSError:
                sizes[name] = -1
        if offset + length > sizes[name]:
            lost.append(path)
    for path in lost:
        del cache[path]
    generator.wirebrief_lost = len(lost)   # the cache is then written anew (skip_unchanged_cache)
    if lost:
        log.warning("wirebrief: the HTML of %d cached post(s) is not in %s any more: reading them again",
                    len(lost), _store_dir(generator))


def write_with_cache(generator) -> None:
    """article_generator_init: when Pelican writes its content cache, the posts' HTML goes to
    a new store file first, and the cache holds where it is. A post read afresh keeps its HTML
    in this process (it is new or changed: this build shows it); the others read it back when
    shown. Store files the cache no longer points into are removed after it is written."""
    save_cache = generator.save_cache

    def saving():
        if not generator._cache_data_policy:
            return save_cache()
        directory = _store_dir(generator)
        prefix = Path(generator._cache_path).name + STORE
        name = f"{prefix}{uuid.uuid4().hex[:12]}"
        places: list[tuple[Content, tuple]] = []
        try:
            directory.mkdir(parents=True, exist_ok=True)
            for stale in directory.glob(f".{prefix}*.tmp"):   # an earlier build's, stopped while it wrote
                stale.unlink()
            # written as it is gathered: a list of it, then one bytes of it, were each a copy of
            # every post's HTML (160 MB at 50,000) at the top of a cold build's memory
            write_atomically(directory / name, _gather(generator._cache.values(), directory, name, places))
        except OSError as error:
            # as Pelican does when it cannot write its cache: say so and build on; the cache on
            # disk still points into the store it was written with, and every post here keeps its HTML
            log.warning("wirebrief: could not save Pelican's content cache: %s", one_line(error, "write"))
            return None
        held = []
        for content, at in places:
            state = content.__dict__
            if _TEXT in state:
                held.append((content, state.pop(_TEXT)))
            state[_AT] = at
        before = _stamp(generator._cache_path)
        try:
            save_cache()
        finally:
            for content, text in held:
                content.__dict__[_TEXT] = text
        if _stamp(generator._cache_path) == before:
            # Pelican could not write its cache (it warns and goes on): the one on disk still
            # points into the older stores, which stay; this build's is removed by a later one
            return None
        for old in directory.glob(prefix + "*"):
            if old.name != name and old.is_file():
                old.unlink()

    generator.save_cache = saving


def _stamp(path) -> tuple | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_ino, st.st_size, st.st_mtime_ns


def _gather(entries, directory: Path, name: str, places: list):
    """The HTML of each cached post, in order, as bytes; where each will be in the store `name`
    goes into `places`."""
    old_stores: dict[str, int] = {}   # a post not read afresh: its bytes from the last store, as they are
    offset = 0
    try:
        for entry in entries:
            if not (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[1], Content)):
                continue
            content = entry[1]
            state = content.__dict__
            if _TEXT in state:
                text = state[_TEXT]
                data = None if text is None else str(text).encode("utf-8", "surrogatepass")
                # a tuple: the empty one, the usual, unpickles as the one object (an empty set: 216 bytes a post)
                state[_LINKS] = tuple(sorted(content.get_static_links())) if text else ()
            elif _AT in state:
                was, at, length = state[_AT]
                if length < 0:
                    data = None
                else:
                    try:
                        if was not in old_stores:
                            old_stores[was] = os.open(directory / was, os.O_RDONLY)
                        data = os.pread(old_stores[was], length, at)
                        if len(data) != length:
                            raise OSError(f"the HTML of {content.source_path} is cut short")
                    except OSError as error:
                        raise fault(error, "read", directory / was) from error
            else:
                continue
            if data is None:
                places.append((content, (name, 0, -1)))
                continue
            yield data
            places.append((content, (name, offset, len(data))))
            offset += len(data)
    finally:
        for fd in old_stores.values():
            os.close(fd)
