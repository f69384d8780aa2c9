"""When each seed was received: the reference date of its story, fixed once.

Copy that prints no year or no date is dated from a reference: "now", for the desk that
received it. That reference is taken once, at the seed's first ingest, and kept in a ledger
beside the seeds (`seeds/received.tsv`: seed path, time, content digest), so that a fresh
clone, a CI deploy or a rebuild next year dates the story exactly as the first build did.
Where a seed has no entry yet:

- in a git work tree, the time of the commit that first added it (a checkout sets every
  file's modification time to the time of the checkout, so file times say nothing there);
- otherwise, the file's modification time.

A seed renamed or moved keeps its entry (found by its digest). Editors may correct a time
by hand; the seed is then extracted again.
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
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Ledger:
    """The ledger of one seeds folder; paths are relative to it, with "/" separators."""

    def __init__(self, seeds_dir: Path):
        self.seeds_dir = seeds_dir
        self.path = seeds_dir / LEDGER_NAME
        self.entries: dict[str, tuple[str, str]] = {}   # path -> (time, digest)
        self._git: dict[str, str] | None = None
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            lines = []
        for line in lines:
            parts = line.split("\t")
            if len(parts) == 3 and not line.startswith("#") and _parse(parts[1]):
                self.entries[parts[0]] = (parts[1], parts[2])

    def key(self, seed_path: Path) -> str:
        return os.path.relpath(seed_path, self.seeds_dir).replace(os.sep, "/")

    def recorded(self, seed_path: Path) -> str | None:
        """The time recorded for a seed, as written in the ledger; None if it has no entry."""
        found = self.entries.get(self.key(seed_path))
        return found[0] if found else None

    def received(self, seed_path: Path, data: bytes, mtime: float) -> datetime:
        """The seed's reference time: recorded, else first committed, else its file time; recorded now."""
        key, sha = self.key(seed_path), digest(data)
        found = self.entries.get(key)
        if found is None:
            # a renamed or moved seed: the same bytes under another name whose file is gone
            found = next((v for k, v in sorted(self.entries.items())
                          if v[1] == sha and not (self.seeds_dir / k).exists()), None)
        if found is None:
            when = self._first_commits().get(key) or _utc(datetime.fromtimestamp(mtime, timezone.utc))
            found = (when, sha)
        self.entries[key] = (found[0], sha)
        return _parse(found[0])

    def save(self, current: set[str]) -> None:
        """Write the entries of the seeds that are there (when they changed)."""
        keep = sorted((k, v) for k, v in self.entries.items() if k in current)
        if not keep and not self.path.exists():
            return
        text = _HEADER + "".join(f"{k}\t{t}\t{d}\n" for k, (t, d) in keep)
        write_if_changed(self.path, text.encode("utf-8"))

    def _first_commits(self) -> dict[str, str]:
        """Seed path -> time of the commit that first added it; empty outside a git work tree."""
        if self._git is None:
            self._git = _first_commits(self.seeds_dir)
        return self._git


def _parse(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _first_commits(folder: Path) -> dict[str, str]:
    try:
        out = subprocess.run(
            ["git", "-c", "core.quotepath=off", "log", "--diff-filter=A", "--no-renames", "--relative",
             "--format=%x00%aI", "--name-only", "-z", "--", "."],
            cwd=folder, capture_output=True, timeout=60, check=True).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return {}   # no git, not a work tree, or a broken one: file times it is
    first: dict[str, str] = {}
    when = None
    for field in out.split("\x00"):
        field = field.strip("\n")
        if not field:
            continue
        if (moment := _parse(field)) is not None and "\n" not in field and field[:4].isdigit():
            when = _utc(moment)
        elif when:
            for name in field.split("\n"):
                first[name] = when   # newest first in the log: the last one seen is the first added
    return first
