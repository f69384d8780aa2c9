"""A build with nothing to do ends before Pelican reads anything.

Even with nothing changed, a build pays for a look at every briefing: ingest's check of every
seed, Pelican's content cache unpickled, every page's key worked out again (17 s at 50,000
briefings). What a build reads is files (seeds/, content/, the theme, this plugin, the settings)
and the clock (embargoes lift); what it makes is output/. So each build that ends records a digest
of the settings and of the path, size and modification time of every source file, the
modification time of every folder of output/ (a file written, added or removed there changes
its folder's: Wirebrief writes every file by renaming a whole one into place), and the time the
next embargo lifts. The digest of the seeds is taken before ingest reads them, that of the rest
before Pelican reads it, so a file saved while a build runs is built by the next one. A build
that finds the same before that time has nothing to do (as `make` would say): it tells again
what the last build warned about, and ends. (Like the render plan, it does not read output
files back: a file edited in place inside output/ is not noticed.)
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import stat
from datetime import datetime, timezone
from pathlib import Path

from ..files import write_atomically
from .renderplan import _stable

log = logging.getLogger(__name__)

VERSION = 1
PLUGIN = Path(__file__).resolve().parent.parent


def _walk(digest, top: Path, skip_hidden: bool, skip: frozenset[str] = frozenset()) -> None:
    """Every file under `top` (but the `skip` names at its top), in name order: its path, size
    and modification time."""
    try:
        entries = sorted(os.scandir(top), key=lambda e: e.name)
    except (FileNotFoundError, NotADirectoryError):
        digest.update(b"\x00missing")
        return
    for entry in entries:
        if skip_hidden and entry.name.startswith(".") or entry.name == "__pycache__" or entry.name in skip:
            continue
        if entry.is_dir(follow_symlinks=False):
            digest.update(f"{entry.name}/\n".encode())
            _walk(digest, Path(entry.path), skip_hidden)
        else:
            try:
                st = entry.stat()
            except OSError:   # a link to nothing (ingest reports it), a file gone since the listing
                digest.update(f"{entry.name}\x00missing\n".encode())
            else:
                digest.update(f"{entry.name}\x00{st.st_size}\x00{st.st_mtime_ns}\n".encode())
        digest.update(b"\x01")


def settings_digest(settings: dict) -> str:
    """The settings as given (every WIREBRIEF_ one too: SEARCH=no then yes must build), and the
    versions of Pelican and Pagefind (an upgrade builds again)."""
    plain = {k: v for k, v in settings.items() if isinstance(v, (str, int, float, bool, type(None), list, tuple, dict))}
    text = json.dumps([VERSION, _version("pelican"), _version("pagefind"), plain], sort_keys=True, default=_stable)
    return hashlib.blake2b(text.encode(), digest_size=16).hexdigest()


def _version(package: str) -> str:
    try:
        from importlib.metadata import version

        return version(package)
    except Exception:
        return ""


def file_state(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def inputs(settings_part: str, sources: list[Path], skip: frozenset[str] = frozenset()) -> str:
    """The settings and every source file (dot files aside: editors' swap files, the ingest
    state; and `skip`, what the build itself writes there)."""
    digest = hashlib.blake2b(settings_part.encode(), digest_size=20)
    for top in sources:
        digest.update(f"\x02{top}\n".encode())
        try:
            st = os.stat(top)
        except OSError:
            digest.update(b"\x00missing")
            continue
        if stat.S_ISDIR(st.st_mode):
            _walk(digest, top, skip_hidden=True, skip=skip)
        else:
            digest.update(f"{st.st_size}\x00{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def output_folders(output: Path) -> list[str]:
    """Every folder of the output, relative to it (the output itself is "")."""
    found, todo = [""], [""]
    while todo:
        folder = todo.pop()
        try:
            entries = os.scandir(output / folder)
        except OSError:
            continue
        with entries:   # one entry at a time: a folder of 50,000 briefing pages is not listed whole
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    found.append(os.path.join(folder, entry.name))
                    todo.append(found[-1])
    return sorted(found)


def folders_state(output: Path, folders: list[str]) -> str:
    digest = hashlib.blake2b(digest_size=20)
    for folder in folders:
        try:
            digest.update(f"{folder}\x00{os.stat(output / folder).st_mtime_ns}\n".encode())
        except OSError:
            digest.update(f"{folder}\x00missing\n".encode())
    return digest.hexdigest()


def record_path(cache: Path, output: Path) -> Path:
    return cache / f"wirebrief-uptodate-{hashlib.sha256(str(output.resolve()).encode()).hexdigest()[:12]}.json"


def load(path: Path) -> dict | None:
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return record if record.get("version") == VERSION else None


def save(path: Path, inputs_digest: str, output: Path, next_embargo: datetime | None,
         warnings: list[tuple[int, str]]) -> None:
    folders = output_folders(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, json.dumps({
        "version": VERSION, "inputs": inputs_digest, "folders": folders, "output": folders_state(output, folders),
        "next_embargo": next_embargo.isoformat() if next_embargo else None,
        "warnings": warnings[:200]}))


def nothing_to_do(record: dict | None, inputs_digest: str, output: Path, now: datetime | None = None) -> bool:
    if not record or record.get("inputs") != inputs_digest:
        return False
    if folders_state(output, record.get("folders", [""])) != record.get("output"):
        return False
    when = record.get("next_embargo")
    return not when or (now or datetime.now(timezone.utc)) < datetime.fromisoformat(when)


def forget(path: Path) -> None:
    """A build that failed half-way leaves no record: the next one builds."""
    try:
        path.unlink()
    except FileNotFoundError:
        pass


class Warnings(logging.Handler):
    """What a build warns about (a handler on the root logger), told again by a build that finds
    nothing to do."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.said: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            self.said.append((record.levelno, record.getMessage()))
        except Exception:  # a record that cannot be formatted is Pelican's to report
            pass
