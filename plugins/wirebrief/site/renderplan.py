"""Which output files a build has to render, and which files a build no longer makes.

Each output file gets a key made of the site's fingerprint (theme, settings, plugin code,
the pages linked from every footer), its path, its template and what the template reads of
the page's context, found from the template's Jinja syntax tree (template_reads.py; `Keys`
says how each kind of value counts). A briefing counts by its post file (path, size and
modification time) where it is the page's subject, and by what the theme's lists show of it
where it is listed: a new, edited or deleted post changes the keys of the pages that show
it, and a template that starts to show another field changes the keys with it. When a
file's key is the one recorded last time and the file still has the size and time it was
given, it is not rendered again and not touched.

The record lives in Pelican's cache folder, one per output folder. Files the previous build
made and this one did not (a deleted seed's page, a place nobody is in any more) are
removed at the end, so any sequence of incremental builds ends with what a cold build of
the same content gives (tests/site/test_incremental.py).
"""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import os
from pathlib import Path

from pelican.contents import Content

from ..files import write_atomically
from . import template_reads
from .template_reads import Reads, reads
from ..settings import WirebriefSettings

log = logging.getLogger(__name__)

VERSION = 3  # keys from what templates read; each file's entry one string (_entry)


def _hash(*parts) -> str:
    return hashlib.blake2b("\x1f".join(map(str, parts)).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def _entry(full_key: str | None, size: int, mtime_ns: int) -> str:
    """What the record keeps of a file: its key, size and time, as one string (a list of three
    was four objects a file: 12 MB more at 50,000 briefings, whose site has 92,000 files)."""
    return f"{full_key or '-'} {size} {mtime_ns}"


def token(article) -> str:
    """What identifies a briefing's current state: its source file as it is on disk."""
    cached = getattr(article, "_wirebrief_token", None)
    if cached is None:
        try:
            st = os.stat(article.source_path)
            cached = _hash(article.source_path, st.st_size, st.st_mtime_ns)
        except (OSError, TypeError):
            cached = _hash(id(article))  # no file: never the same twice
        article._wirebrief_token = cached
    return cached


def tokens(articles) -> str:
    """The full tokens of these briefings: for what shows them whole (feeds)."""
    parts = [token(a) for a in articles]
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


def _digest_files(digest, directory: Path) -> None:
    for path in sorted(p for p in directory.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
        digest.update(str(path.relative_to(directory)).encode())
        digest.update(path.read_bytes())


def _plain_settings(settings: dict) -> bytes:
    # values such as functions or Jinja filters have no stable form; their code is what counts
    ignored = {"LOAD_CONTENT_CACHE", "ARTICLE_ORDER_BY", *WirebriefSettings.not_for_the_build()}
    plain = {k: v for k, v in settings.items()
             if k not in ignored
             and isinstance(v, (str, int, float, bool, type(None), list, tuple, dict))}
    return json.dumps(plain, sort_keys=True, default=_stable).encode()


def _stable(value) -> str:
    """A value JSON cannot hold, by name (a repr may hold a memory address, new every run)."""
    name = getattr(value, "__qualname__", None) or type(value).__qualname__
    return f"{getattr(value, '__module__', '')}.{name}"


def code_and_settings_digest(settings: dict) -> str:
    """This plugin's code and the site's settings: what Pelican's content cache depends on."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"v{VERSION}".encode())
    _digest_files(digest, Path(__file__).parent.parent)  # the whole plugin
    digest.update(_plain_settings(settings))
    return digest.hexdigest()


def site_fingerprint(settings: dict, context: dict) -> str:
    """What every page depends on: theme files, plugin code, settings, the footer's pages."""
    digest = hashlib.blake2b(digest_size=16)
    digest.update(code_and_settings_digest(settings).encode())
    _digest_files(digest, Path(settings["THEME"]))
    for page in context.get("pages", []) + context.get("hidden_pages", []):
        digest.update(f"{page.url}\x1f{page.title}\x1f{token(page)}".encode())
    digest.update(str(context.get("CSS_URL")).encode())
    return digest.hexdigest()


class Keys:
    """Page keys, the same way for every template: the page's name, its template, and a digest
    of each context variable the template reads (template_reads.py), where
    - the page's own briefing or page (a top-level variable) counts by its source file
      (`token`) and the briefings it links to (its `related`, `translations`…) by what a
      listing shows of them;
    - a briefing in a list counts by its address and the attributes the template asks of
      that list's items (`Reads.items`);
    - a list the template only counts or tests counts by its length;
    - any other object (a facet, a month, a category, an archive's dict) counts by its name,
      address and the attributes the template asks for; one it links to (`month.previous`,
      `article.place_facet`) by its name, address and plain attributes.
    Variables of the build's context are digested once per build and template."""

    def __init__(self, env):
        self.env = env
        self._plans: dict[str, _TemplatePlan] = {}
        self._names: dict[frozenset, tuple[int, tuple[str, ...]]] = {}   # attributes listed -> (index, sorted)
        self._context: dict[tuple, tuple[tuple, str]] = {}
        self._variables: dict[tuple[str, str], tuple[object, str]] = {}
        self._listings: dict[int, list] = {}   # id(briefing) -> [briefing, digest by attribute set's index…]
        self._links: dict[int, tuple[object, str]] = {}
        self._objects: dict[tuple, tuple[object, str]] = {}

    def key(self, template, name: str, context: dict, kwargs: dict) -> str:
        p = self._plans.get(template.name)
        if p is None:
            p = self._plans[template.name] = _TemplatePlan(reads(self.env, template.name))
        # what the page is given (kwargs), then what it reads of the build's context: the
        # latter digested once for all the pages given the same values
        parts = [template.name, name, *(f"{var}={self._digest(kwargs[var], p, 0, var)}" for var in p.names if var in kwargs)]
        shared = tuple(context.get(var, _MISSING) for var in p.names if var not in kwargs)
        cache_key = (template.name, tuple(map(id, shared)))
        cached = self._context.get(cache_key)
        if cached is None or any(a is not b for a, b in zip(cached[0], shared)):
            names = [var for var in p.names if var not in kwargs]
            cached = self._context[cache_key] = (shared, _hash(*(f"{var}={self._shared(template.name, var, value, p)}"
                                                                 for var, value in zip(names, shared) if value is not _MISSING)))
        parts.append(cached[1])
        return _hash(*parts)

    def _shared(self, template_name: str, var: str, value, p: _TemplatePlan) -> str:
        """One variable of the build's context, digested once per template."""
        cached = self._variables.get((template_name, var))
        if cached is None or cached[0] is not value:
            cached = self._variables[(template_name, var)] = (value, self._digest(value, p, 0, var))
        return cached[1]

    def listing(self, article, shown: frozenset) -> str:
        """A listed briefing: its address and the attributes the template asks of the items
        of the list it is in."""
        slot = self._names.get(shown)
        if slot is None:
            slot = self._names[shown] = (len(self._names) + 1, tuple(sorted(shown)))
        index, names = slot
        # [the briefing, its digest for each set of attributes by their index]: one list a
        # briefing (a tuple and a dict keyed by the sets' ids had been 14 MB more at 50,000)
        cached = self._listings.get(id(article))
        if cached is None or cached[0] is not article:
            cached = self._listings[id(article)] = [article]
        if index < len(cached) and cached[index] is not None:
            return cached[index]
        # only the digest is kept: the text of each value (a summary, a title) would be a
        # second copy of every briefing's fields, 80 MB at 50,000 briefings
        linked = self._linked
        digest = _hash(getattr(article, "url", ""), *[repr(v) if type(v) in _SCALARS else linked(v)
                                                      for v in [getattr(article, a, None) for a in names]])
        if index >= len(cached):
            cached.extend([None] * (index + 1 - len(cached)))
        cached[index] = digest
        return digest

    def _digest(self, value, p: _TemplatePlan, depth: int, label: str | None = None, unpack: tuple = (),
                shown: frozenset | None = None) -> str:
        """`depth`: 0 for a variable of the page's context, more for what is inside it;
        `label`: the name or ".attribute" the value is reached by; `unpack`: the names of the
        parts of a tuple, where a loop gives them names; `shown`: what the template asks of
        the items of the list the value is in."""
        if value is None or isinstance(value, _PLAIN):
            return repr(value)
        if isinstance(value, Content):
            if depth:
                return self.listing(value, p.listed if shown is None else shown)
            # what the page shows of its own briefing comes from its file, but not the
            # briefings it links to, which the build works out
            own = vars(value)
            linked = [f"{attr}:{self._digest(v, p, 1, '.' + attr)}" for attr in p.asked(label)
                      if type(v := own.get(attr)) not in _SCALARS and _holds_content(v)]
            return _hash(token(value), *linked)
        if isinstance(value, (list, tuple)):
            if label in p.counted:
                return f"[{len(value)}]"
            if unpack and isinstance(value, tuple):
                return _hash("(", *(self._digest(v, p, depth + 1, part) for v, part in zip(value, unpack)))
            names, asked = p.unpacked.get(label, ()), p.items.get(label)
            shown = p.listed if asked is None else asked   # a briefing in the list: as _digest lists it
            listing = self.listing
            return _hash("[", *[listing(v, shown) if isinstance(v, Content) else self._digest(v, p, depth + 1, None, names, asked)
                                for v in value])
        if callable(value):
            return _stable(value)   # a function's code is in the site's fingerprint
        if depth > _DEEPEST:
            return self._linked(value)
        memo = (id(value), id(p), label, shown)   # a facet's months are listed on many pages
        cached = self._objects.get(memo)
        if cached is not None and cached[0] is value:
            return cached[1]
        attributes = sorted(shown) if shown is not None else p.asked(label)
        if isinstance(value, dict):
            items = [(k, value[k]) for k in attributes if k in value]
        else:
            items = [(k, v) for k in attributes if not callable(v := getattr(value, k, None))]
        digest = _hash(type(value).__qualname__, _name(value),
                       *(f"{k}:{self._digest(v, p, depth + 1, '.' + k) if isinstance(v, (list, tuple)) else self._linked(v)}"
                         for k, v in items))
        self._objects[memo] = (value, digest)
        return digest

    def _linked(self, value) -> str:
        """An object a page links to: its name, address and plain attributes."""
        if type(value) in _SCALARS or isinstance(value, _PLAIN):
            return repr(value)
        if isinstance(value, (list, tuple)):
            return "[]"
        if isinstance(value, Content):
            return repr(getattr(value, "url", None))
        cached = self._links.get(id(value))
        if cached is None or cached[0] is not value:
            items = value.items() if isinstance(value, dict) else vars(value).items()
            cached = (value, _hash(type(value).__qualname__, _name(value), getattr(value, "url", None),
                                   *(f"{k}:{v!r}" for k, v in sorted(items, key=lambda kv: str(kv[0])) if isinstance(v, _PLAIN))))
            self._links[id(value)] = cached
        return cached[1]


class _TemplatePlan:
    """A template's Reads, in the forms Keys looks things up in."""

    def __init__(self, r: Reads):
        self.names = tuple(sorted(r.names))
        self.attributes = tuple(sorted(r.attributes))
        self.listed = r.listed
        self.counted = r.counted
        self.unpacked = dict(r.unpacked)
        self.items = dict(r.items)
        self._of = {name: tuple(sorted(attrs)) for name, attrs in r.of}

    def asked(self, label: str | None) -> tuple[str, ...]:
        """What the template asks of a variable of the context; for anything else, every
        attribute it asks of anything."""
        return self._of.get(label, self.attributes)


_PLAIN = (str, int, float, bool, datetime.date, datetime.time)
_SCALARS = frozenset({str, int, float, bool, type(None)})   # exact types: tested before isinstance, which is slower
_MISSING = object()
_DEEPEST = 6  # lists of objects with lists of objects…: beyond this, by name and address


def _name(value) -> str:
    """What a page prints of an object itself: its own __str__ (a repr, such as a dataclass's,
    holds everything inside it and memory addresses)."""
    return str(value) if type(value).__str__ is not object.__str__ else ""


def _holds_content(value) -> bool:
    if isinstance(value, Content):
        return True
    return isinstance(value, (list, tuple)) and any(isinstance(v, Content) for v in value)


_RECORD_PART = 4096   # files a piece of the record's JSON


def _record(files: dict[str, str], unlisted: list[str], last: dict):
    """The record's JSON, in pieces of bytes: what json.dumps(..., sort_keys=True) gives for
    {"files", "last_build", "unlisted", "version"}, without the whole text (and its bytes)
    at once, which at 50,000 briefings (92,000 files, 12 MB) were the build's last peak."""
    yield b'{"files": {'
    names = sorted(files)
    for start in range(0, len(names), _RECORD_PART):
        part = json.dumps({name: files[name] for name in names[start:start + _RECORD_PART]})[1:-1]
        yield (", " + part if start else part).encode()
    yield (f'}}, "last_build": {json.dumps(last, sort_keys=True)}, "unlisted": {json.dumps(unlisted)}, '
           f'"version": {VERSION}}}').encode()


class RenderPlan:
    def __init__(self, output_path: str | Path, cache_path: str | Path, site: str):
        self.output = Path(output_path).resolve()
        self._output = str(self.output)
        self.site = site
        self.path = Path(cache_path) / f"wirebrief-output-{_hash(self.output)[:12]}.json"
        self.templates = Path(cache_path) / "wirebrief-templates.pickle"
        template_reads.load(self.templates)
        self.previous: dict[str, str] = {}   # path -> _entry
        self.previous_unlisted: set[str] = set()
        try:
            state = json.loads(self.path.read_text(encoding="utf-8"))
            if state.get("version") == VERSION:
                self.previous, self.previous_unlisted = state["files"], set(state.get("unlisted", []))
            elif state.get("version") == 2:
                # the record before each file's entry was one string: its keys are of other
                # code (no page is skipped on them), but what it lists is removed if not made again
                self.previous = {rel: _entry(*entry) for rel, entry in state["files"].items()}
                self.previous_unlisted = set(state.get("unlisted", []))
        except (OSError, ValueError, KeyError):
            pass
        self.current: dict[str, str] = {}
        self.unlisted: set[str] = set()  # pages whose HTML keeps them out of the sitemap (sitemaps.noindex)
        self.rendered: list[str] = []  # this build's, for the log and for tests
        self.skipped = 0
        self._keys: Keys | None = None

    def key(self, template, name: str, context: dict, kwargs: dict) -> str:
        """The key of a page rendered from `template` with this context (see Keys)."""
        if self._keys is None:
            self._keys = Keys(template.environment)
        return self._keys.key(template, name, context, kwargs)

    def forget_keys(self) -> None:
        """Every page of the build is keyed: the digests kept for keying more are let go."""
        self._keys = None

    def _rel(self, path: str | Path) -> str:
        path = str(path)
        if os.path.isabs(path):
            return os.path.relpath(path, self.output)
        rel = os.path.normpath(path)
        # the caller's string when it is already normal (a briefing's save_as): the record of
        # this build holds it, not a copy of every page's path (7 MB at 50,000 briefings)
        return path if rel == path else rel

    def is_new(self, path: str | Path) -> bool:
        """Whether no earlier build recorded this file: it renders, whatever its key."""
        return self._rel(path) not in self.previous

    def fresh(self, path: str | Path, key: str | None) -> bool:
        """True (and the file counts as made by this build) when it need not be rendered."""
        if key is None:
            return False
        rel = self._rel(path)
        entry = self.previous.get(rel)
        full_key = _hash(self.site, key)
        if isinstance(entry, str) and entry.startswith(full_key + " "):
            try:
                st = os.stat(os.path.join(self._output, rel))   # not a Path: 20,000 a build
            except OSError:
                return False
            if entry == _entry(full_key, st.st_size, st.st_mtime_ns):
                self.current[rel] = entry
                if rel in self.previous_unlisted:
                    self.unlisted.add(rel)
                self.skipped += 1
                return True
        return False

    def is_unlisted(self, path: str | Path) -> bool:
        return self._rel(path) in self.unlisted

    def made(self, path: str | Path, key: str | None = None, exists: bool = True, unlisted: bool = False) -> None:
        """Record a file this build wrote (or left unchanged because its bytes were the same);
        exists=False for one that is still to be copied (static files); unlisted for a page
        kept out of the sitemap."""
        rel = self._rel(path)
        if unlisted:
            self.unlisted.add(rel)
        if not exists:
            self.current[rel] = _entry(None, -1, -1)
            return
        try:
            st = os.stat(self.output / rel)
        except OSError:
            return
        self.current[rel] = _entry(_hash(self.site, key) if key is not None else None, st.st_size, st.st_mtime_ns)
        self.rendered.append(rel)

    def finish(self) -> list[str]:
        """Remove what the last build made and this one did not; save the record."""
        removed = []
        for rel in sorted(rel for rel in self.previous if rel not in self.current):
            target = self.output / rel
            if target.is_file():
                target.unlink()
                removed.append(rel)
                parent = target.parent
                while parent != self.output and parent.is_dir() and not any(parent.iterdir()):
                    parent.rmdir()
                    parent = parent.parent
        self.path.parent.mkdir(parents=True, exist_ok=True)
        last = {"rendered": sorted(self.rendered), "skipped": self.skipped, "removed": removed}
        template_reads.save(self.templates)
        write_atomically(self.path, _record(self.current, sorted(self.unlisted), last))
        if removed:
            log.info("wirebrief: removed %d file(s) this build no longer makes", len(removed))
        return removed
