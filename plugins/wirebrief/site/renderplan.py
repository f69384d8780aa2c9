"""Which output files a build has to render, and which files a build no longer makes.

Wirebrief knows its theme, so it knows what each page shows: a briefing page shows its post
and its related briefings, a day or place page the briefings it lists, the front page the
latest days. Each output file gets a key made of its template, its path, the site's
fingerprint (theme, settings, plugin code, the pages linked from every footer) and a token
for every briefing it shows (the post file's path, size and modification time: a new,
edited or deleted post changes exactly the keys of the pages that show it). When a file's
key is the one recorded last time and the file still has the size and time it was given,
it is not rendered again and not touched.

The record lives in Pelican's cache folder, one per output folder. Files the previous build
made and this one did not (a deleted seed's page, a place nobody is in any more) are
removed at the end, so any sequence of incremental builds ends with what a cold build of
the same content gives (tests/test_incremental.py).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from ..files import write_atomically
from ..schema import LISTED as LISTED_FIELDS
from ..settings import WirebriefSettings

log = logging.getLogger(__name__)

VERSION = 1
ALWAYS = None  # a key that never matches: render every time


def _hash(*parts) -> str:
    return hashlib.blake2b("\x1f".join(map(str, parts)).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


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
    parts = [a._wirebrief_token or token(a) for a in articles]
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=16).hexdigest()


# What a listing shows of a briefing (its address and the fields schema.py marks `listed`):
# a correction to the body changes the briefing's own page and the feeds, not every list.
LISTED = ("url", *LISTED_FIELDS)


def listing_token(article) -> str:
    cached = getattr(article, "_wirebrief_listing", None)
    if cached is None:
        cached = _hash(*(getattr(article, name, None) for name in LISTED))
        article._wirebrief_listing = cached
    return cached


def listed(articles) -> str:
    """The listing tokens of these briefings, in order: for pages that list them."""
    parts = [a._wirebrief_listing or listing_token(a) for a in articles]
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


def page_key(template_name: str | None, name: str, context: dict, kwargs: dict) -> str | None:
    """The key of one page Pelican or Wirebrief renders, from what its template shows;
    ALWAYS for a template this theme does not describe (it is then rendered every time)."""
    def listing(articles) -> str:
        return listed(articles)

    if template_name is None:  # Pelican names no template for articles and pages
        template_name = "article" if "article" in kwargs else "page" if "page" in kwargs else None
    match template_name:
        case "article":
            article = kwargs["article"]
            return _hash("article", name, token(article), listed(getattr(article, "related", [])))
        case "page":
            return _hash("page", name, token(kwargs["page"]))
        case "period_archives":
            nav = context.get("period_nav", {}).get(name, {})
            return _hash("period", name, context.get("period"), listing(kwargs.get("articles", [])),
                         (nav.get("previous") or {}).get("url"), (nav.get("next") or {}).get("url"))
        case "category" | "tag" | "place" | "person" | "country":
            label = kwargs.get("facet") or kwargs.get(template_name)
            return _hash(template_name, name, str(label), getattr(label, "url", ""), listing(kwargs.get("articles", [])),
                         kwargs.get("total"), *((m.url, len(m.articles)) for m in kwargs.get("months", [])))
        case "facet_month":
            month = kwargs["month"]
            return _hash("facet_month", name, str(month.owner), month.owner.url, month.kind_label, month.label,
                         listing(month.articles), *(m.url if m else None for m in (month.previous, month.next)))
        case "places" | "people" | "countries":
            return _hash(template_name, name, *((f.url, f.name, len(f.articles)) for f in context.get(template_name, [])))
        case "tags" | "categories":
            return _hash(template_name, name, *((str(label), label.url, len(items)) for label, items in context.get(template_name, [])))
        case "archives":
            return _hash("archives", name, *(a.day for a in context.get("articles", [])))
        case "index":
            return _hash("index", name, *((day, listed(items)) for day, items in context.get("front_days", [])),
                         *((day, len(items)) for day, items in context.get("earlier_days", [])))
        case "search":
            return _hash("search", name)
    return ALWAYS


class RenderPlan:
    def __init__(self, output_path: str | Path, cache_path: str | Path, site: str):
        self.output = Path(output_path).resolve()
        self.site = site
        self.path = Path(cache_path) / f"wirebrief-output-{_hash(self.output)[:12]}.json"
        self.previous: dict[str, list] = {}
        self.previous_unlisted: set[str] = set()
        try:
            state = json.loads(self.path.read_text(encoding="utf-8"))
            if state.get("version") == VERSION:
                self.previous, self.previous_unlisted = state["files"], set(state.get("unlisted", []))
        except (OSError, ValueError, KeyError):
            pass
        self.current: dict[str, list] = {}
        self.unlisted: set[str] = set()  # pages whose HTML keeps them out of the sitemap (sitemaps.noindex)
        self.rendered: list[str] = []  # this build's, for the log and for tests
        self.skipped = 0

    def _rel(self, path: str | Path) -> str:
        path = str(path)
        if os.path.isabs(path):
            return os.path.relpath(path, self.output)
        return os.path.normpath(path)

    def fresh(self, path: str | Path, key: str | None) -> bool:
        """True (and the file counts as made by this build) when it need not be rendered."""
        if key is None:
            return False
        rel = self._rel(path)
        entry = self.previous.get(rel)
        full_key = _hash(self.site, key)
        if entry and entry[0] == full_key:
            try:
                st = os.stat(self.output / rel)
            except OSError:
                return False
            if [st.st_size, st.st_mtime_ns] == entry[1:]:
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
            self.current[rel] = [None, -1, -1]
            return
        try:
            st = os.stat(self.output / rel)
        except OSError:
            return
        self.current[rel] = [_hash(self.site, key) if key is not None else None, st.st_size, st.st_mtime_ns]
        self.rendered.append(rel)

    def finish(self) -> list[str]:
        """Remove what the last build made and this one did not; save the record."""
        removed = []
        for rel in sorted(set(self.previous) - set(self.current)):
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
        write_atomically(self.path, json.dumps({"version": VERSION, "files": self.current, "unlisted": sorted(self.unlisted),
                                                "last_build": last}, sort_keys=True))
        if removed:
            log.info("wirebrief: removed %d file(s) this build no longer makes", len(removed))
        return removed
