"""When each seed was received: the reference date of its story, fixed once.

Copy that prints no year or no date is dated from a reference: "now", for the desk that
received it. That reference is taken once, at the seed's first ingest, and kept in a ledger
beside the seeds (`seeds/received.tsv`: seed path, time, content digest), so that a fresh
clone, a CI deploy or a rebuild next year dates the story exactly as the first build did.
Where a seed has no entry yet:

- in a git work tree with its history, the time of the commit that first added it under
  its name (a checkout sets every file's time to the time of the checkout, so file times say
  nothing there; a shallow clone has no history to ask, so it is not asked);
- otherwise, the file's modification time.

A seed renamed or moved keeps its entry (found by its digest) once the ledger holds it. Editors
may correct a time by hand, even while a build runs; the seed is then extracted again. Seeds
whose names hold control characters are never read (seeds.py), so a name in the ledger holds no
tab or newline.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from datetime import datetime, timezone
from pathlib import Path

from ..files import write_if_changed

LEDGER_NAME = "received.tsv"
_HEADER = "# seed\treceived (UTC)\tsha256 of the seed, first 16 hex digits. Kept by wirebrief ingest; commit it with the seeds.\n"


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _utc(moment: datetime) -> str:
    """UTC, to the second, or to the microsecond when a file's time has them: versions of a
    story are told apart by the order they came in, and files copied in together differ by less."""
    moment = moment.astimezone(timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ" if moment.microsecond else "%Y-%m-%dT%H:%M:%SZ")


class Ledger:
    """The ledger of one seeds folder; paths are relative to it, with "/" separators."""

    def __init__(self, seeds_dir: Path):
        self.seeds_dir = seeds_dir
        self.path = seeds_dir / LEDGER_NAME
        self._prefix = os.path.join(os.fspath(seeds_dir), "")
        self.entries: dict[str, tuple[str, str]] = {}   # path -> (time, digest)
        self._git: dict[str, str] | None = None
        self._by_digest: dict[str, str] | None = None   # digest -> first path, built when a seed has no entry
        self.seen = _stat(self.path)   # the file as read, then as written: what this run's dates stand on
        self._as_read = _read_entries(self.path)
        self.entries.update(self._as_read)

    def key(self, seed_path: Path) -> str:
        text = os.fspath(seed_path)
        rest = text[len(self._prefix):] if text.startswith(self._prefix) else ""
        # a plain path under the folder, as find_seeds gives them: sliced (relpath took a second
        # for every 40,000 seeds)
        if rest and f"{os.sep}." not in os.sep + rest:
            return rest.replace(os.sep, "/")
        return os.path.relpath(seed_path, self.seeds_dir).replace(os.sep, "/")

    def recorded(self, seed_path: Path) -> str | None:
        """The time recorded for a seed, as written in the ledger; None if it has no entry."""
        found = self.entries.get(self.key(seed_path))
        return found[0] if found else None

    def when(self, seed_path: Path) -> datetime | None:
        """The time recorded for a seed, as a time."""
        recorded = self.recorded(seed_path)
        return _parse(recorded) if recorded else None

    def received(self, seed_path: Path, data: bytes, mtime: float) -> datetime:
        """The seed's reference time: recorded, else first committed, else its file time; recorded now."""
        key, sha = self.key(seed_path), digest(data)
        found = self.entries.get(key)
        if found is None:
            # a renamed or moved seed: the same bytes under another name whose file is gone
            if self._by_digest is None:
                self._by_digest = {}
                for k, (_, d) in sorted(self.entries.items()):
                    self._by_digest.setdefault(d, k)
            old = self._by_digest.get(sha)
            if old is not None and not (self.seeds_dir / old).exists():
                found = self.entries[old]
        if found is None:
            when = self._first_commits().get(key) or _utc(datetime.fromtimestamp(mtime, timezone.utc))
            found = (when, sha)
        self.entries[key] = (found[0], sha)
        return _parse(found[0])

    def save(self, current: set[str]) -> None:
        """Write the entries of the seeds that are there (when they changed)."""
        if _stat(self.path) != self.seen:
            self._take_edits_made_meanwhile()
        keep = sorted((k, v) for k, v in self.entries.items() if k in current)
        if not keep and not self.path.exists():
            return
        text = _HEADER + "".join(f"{k}\t{t}\t{d}\n" for k, (t, d) in keep)
        if write_if_changed(self.path, text.encode("utf-8")) and self.seen is not _EDITED_MEANWHILE:
            self.seen = _stat(self.path)

    def _take_edits_made_meanwhile(self) -> None:
        """The ledger was saved by someone else (an editor correcting a time) after this run read
        it: each entry added, changed or removed there since wins over this run's. This run dated
        its seeds by the ledger as it read it, so `seen` then matches no file and the next build
        runs (and extracts a corrected seed again)."""
        theirs = _read_entries(self.path)
        for key in self._as_read.keys() | theirs.keys():
            if theirs.get(key) != self._as_read.get(key):
                if key in theirs:
                    self.entries[key] = theirs[key]
                else:
                    self.entries.pop(key, None)
        self._as_read, self._by_digest = theirs, None
        self.seen = _EDITED_MEANWHILE

    def _first_commits(self) -> dict[str, str]:
        """Seed path -> time of the commit that first added it; empty outside a git work tree."""
        if self._git is None:
            self._git = _first_commits(self.seeds_dir)
        return self._git


_EDITED_MEANWHILE = (-1, -1)   # a state no file has


def _read_entries(path: Path) -> dict[str, tuple[str, str]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return {}
    entries = {}
    for line in lines:
        parts = line.split("\t")
        if len(parts) == 3 and not line.startswith("#") and _parse(parts[1]):
            entries[parts[0]] = (parts[1], parts[2])
    return entries


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def _parse(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _first_commits(folder: Path) -> dict[str, str]:
    def git(*args: str) -> str:
        return subprocess.run(["git", "-c", "core.quotepath=off", *args], cwd=folder, capture_output=True,
                              timeout=60, check=True).stdout.decode("utf-8", "replace")
    try:
        if git("rev-parse", "--is-shallow-repository").strip() != "false":
            return {}   # a shallow clone: every file looks added by its newest commit
        out = git("log", "--diff-filter=A", "--no-renames", "--relative", "--format=%x00commit %aI", "--name-only", "-z", "--", ".")
    except (OSError, subprocess.SubprocessError):
        return {}   # no git, not a work tree, or a broken one: file times it is
    first: dict[str, str] = {}
    when = None
    # fields: "commit <time>", then its file names ("\n" before the first), NUL-separated
    for field in out.split("\x00"):
        if field.startswith("commit "):
            moment = _parse(field[7:].strip())
            when = _utc(moment) if moment else None
        elif field and when:
            first[field[1:] if field.startswith("\n") else field] = when   # newest first: the last seen is the first added
    return first
