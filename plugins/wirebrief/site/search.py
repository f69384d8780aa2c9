"""The search index, made at the end of every build: Pagefind, one bundle per month of briefings.

Pagefind cannot add a page to a bundle it has written, and indexing the whole site after every
build took 21 s and 1.3 GB at 10,000 briefings (96 s and 6 GB at 50,000). So the briefings
are split by the month of their first publication (WIREBRIEF_SEARCH_BUNDLE, a strftime format
of the date, which never moves) into bundles under output/pagefind/<month>/, and a bundle is
indexed again only when one of its pages was written, added or removed since it was made:
a new briefing re-indexes its month, and memory is what one month needs. The search page
merges the bundles (Pagefind's mergeIndex) that output/pagefind/bundles.json lists.

Each bundle is made by Pagefind's own command on a folder of links to that month's pages (its
Python API answers one request a tenth of a second, too slow for thousands of pages), into a
new folder swapped in only when Pagefind succeeded: a failed bundle keeps the last good one and
is tried again by the next build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..files import printable, write_if_changed

log = logging.getLogger(__name__)

VERSION = 2
LIST = "bundles.json"                           # what the search page merges
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")  # the search page's widget, the same in every bundle: kept once, in pagefind/
# Pagefind's other widgets, in every bundle and read by no page here: 280 KB a month of the site
UNUSED = ("pagefind-component-ui.css", "pagefind-component-ui.js", "pagefind-highlight.js",
          "pagefind-modular-ui.css", "pagefind-modular-ui.js")
_NAME = re.compile(r"[^A-Za-z0-9_-]+")
_UI_LOCK = threading.Lock()


def bundle_name(date, fmt: str) -> str:
    """The bundle a briefing belongs to: its date through the format, made safe as a folder name."""
    return _NAME.sub("-", date.strftime(fmt)).strip("-") or "all"


def group(pages: list[tuple[str, str]]) -> dict[str, list[str]]:
    """(bundle, page path in the output) pairs → each bundle's sorted pages."""
    bundles: dict[str, list[str]] = {}
    for bundle, path in pages:
        bundles.setdefault(bundle, []).append(path)
    return {name: sorted(paths) for name, paths in sorted(bundles.items())}


def stale(bundles: dict[str, dict[str, list[int]]], previous: dict[str, dict[str, list[int]]],
          present: set[str]) -> list[str]:
    """The bundles to index again: their pages (each page's size and time) are not what they
    were when the bundle was made, or the bundle is not in the output folder."""
    return [name for name, pages in bundles.items() if name not in present or previous.get(name) != pages]


def merge_list(entries: dict[str, dict], page_language: str) -> dict:
    """What the search page loads: a primary bundle, and every (bundle, language) index besides
    the one Pagefind picks for the primary. Pagefind picks the primary's index by the search
    page's language, else by the first part of it, else the language with the most pages
    (pagefind.js findIndex): the same rule here, so no index is searched twice or left out."""
    def languages(name: str) -> dict[str, dict]:
        return entries[name].get("languages", {})

    def picks(name: str) -> str | None:
        langs = languages(name)
        for wanted in (page_language, page_language.split("-")[0]):
            if wanted in langs:
                return wanted
        return max(langs, key=lambda k: langs[k].get("page_count", 0), default=None)

    names = sorted(entries)
    if not names:
        return {"primary": None, "merge": []}
    primary = next((n for n in names if picks(n) in (page_language, page_language.split("-")[0])), names[0])
    chosen = picks(primary)
    # pagefind.js skips a merged index whose path the primary's starts with: the primary's other
    # languages are merged through the same folder spelt with "./"
    merge = [{"path": f"{name}/./" if name == primary else f"{name}/", "language": lang}
             for name in names for lang in sorted(languages(name)) if (name, lang) != (primary, chosen)]
    return {"primary": {"path": f"{primary}/", "language": chosen}, "merge": merge}


def _pagefind() -> list[str]:
    try:
        from pagefind.service import get_executable

        binary = get_executable()
        if binary:
            return [str(binary)]
    except ImportError:  # pragma: no cover - pagefind is a dependency
        pass
    return [sys.executable, "-m", "pagefind"]


def _index_bundle(output: Path, root: Path, name: str, pages: list[str], scratch: Path) -> str | None:
    """Index one bundle; its folder is replaced only when Pagefind succeeded. The error, or None."""
    stage = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=scratch))
    try:
        for page in pages:
            link = stage / page
            link.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(output / page, link)
        fresh = root / f".{name}.new"
        shutil.rmtree(fresh, ignore_errors=True)
        result = subprocess.run([*_pagefind(), "--site", str(stage), "--output-path", str(fresh), "--silent"],
                                capture_output=True, text=True)
        if result.returncode != 0 or not (fresh / "pagefind-entry.json").exists():
            shutil.rmtree(fresh, ignore_errors=True)
            said = " ".join((result.stderr or result.stdout or "").split())
            return printable(said[:500] or f"Pagefind stopped with exit status {result.returncode}")
        try:
            with _UI_LOCK:   # bundles are indexed on threads; one writes the widget at a time
                for ui in UI_FILES:
                    if (fresh / ui).exists():
                        write_if_changed(root / ui, (fresh / ui).read_bytes())
            for extra in (*UI_FILES, *UNUSED):
                (fresh / extra).unlink(missing_ok=True)
        except OSError:   # a full disk: the build fails, leaving no half-made bundle behind
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        old = root / f".{name}.old"
        shutil.rmtree(old, ignore_errors=True)
        if (root / name).exists():
            os.replace(root / name, old)
        os.replace(fresh, root / name)
        shutil.rmtree(old, ignore_errors=True)
        return None
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _pagefind_version() -> str:
    try:
        from importlib.metadata import version

        return version("pagefind")
    except Exception:  # pragma: no cover
        return "?"


def update(output: Path, pages: list[tuple[str, str]], state_dir: Path, page_language: str,
           workers: int | None = None) -> dict:
    """Bring output/pagefind/ up to date with the briefing pages, `(bundle, path)` pairs with
    paths relative to `output`. Returns what it did: bundles indexed, removed, failed."""
    output = Path(output).resolve()
    root = output / "pagefind"
    root.mkdir(parents=True, exist_ok=True)
    state_path = Path(state_dir) / f"wirebrief-search-{hashlib.sha256(str(output).encode()).hexdigest()[:12]}.json"
    previous: dict = {}
    try:
        saved = json.loads(state_path.read_text(encoding="utf-8"))
        if saved.get("version") == [VERSION, _pagefind_version()]:
            previous = saved["bundles"]
    except (OSError, ValueError, KeyError):
        pass

    bundles: dict[str, dict[str, list[int]]] = {}
    for name, paths in group(pages).items():
        stats = {}
        for path in paths:
            try:
                st = os.stat(output / path)
            except FileNotFoundError:
                continue
            stats[path] = [st.st_mtime_ns, st.st_size]
        if stats:
            bundles[name] = stats
    present = {p.name for p in root.iterdir() if p.is_dir() and (p / "pagefind-entry.json").exists()}
    todo = stale(bundles, previous, present)

    failed: dict[str, str] = {}
    if bundles:
        scratch = Path(tempfile.mkdtemp(prefix="wirebrief-search-"))
        try:
            with ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
                for name, error in zip(todo, pool.map(lambda n: _index_bundle(output, root, n, sorted(bundles[n]), scratch), todo)):
                    if error:
                        failed[name] = error
                        log.error("search index: the bundle for %s failed, the last one is kept: %s", name, error)
            # the widget went missing (or never came: every bundle failed): any bundle Pagefind
            # makes brings it, so the months are tried one by one until one does
            for name in bundles:
                if all((root / ui).exists() for ui in UI_FILES):
                    break
                if name in failed:
                    continue
                error = _index_bundle(output, root, name, sorted(bundles[name]), scratch)
                if error:
                    failed[name] = error
                elif name not in todo:
                    todo.append(name)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    # what is not a current bundle, the list or the widget goes: months no briefing is in any
    # more, and the single index of earlier versions
    keep = set(bundles) | {LIST, *UI_FILES}
    removed = []
    for entry in root.iterdir():
        if entry.name not in keep:
            removed.append(entry.name)
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()

    entries = {}
    for name in bundles:
        try:
            entries[name] = json.loads((root / name / "pagefind-entry.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            pass  # failed before it was ever made: nothing to search there yet
    write_if_changed(root / LIST, json.dumps(merge_list(entries, page_language), indent=1).encode())

    made = {name: stats for name, stats in bundles.items() if name not in failed}
    state_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = state_path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"version": [VERSION, _pagefind_version()], "bundles": made}), encoding="utf-8")
    os.replace(tmp, state_path)
    return {"indexed": [n for n in todo if n not in failed], "removed": removed, "failed": failed,
            "bundles": len(bundles), "widget_missing": bool(bundles) and not all((root / ui).exists() for ui in UI_FILES)}
