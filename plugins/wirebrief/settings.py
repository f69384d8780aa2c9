"""Wirebrief's settings: WIREBRIEF_* names in pelicanconf.py, with these defaults."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from .extract.summary import SUMMARY_MAX_CHARS
from .extract.topics import DEFAULT_CATEGORY, DEFAULT_TOPICS
from .ingest.seeds import LEGACY_ENCODING, MAX_SEED_BYTES

DEFAULTS = {
    "WIREBRIEF_SEEDS": "seeds",             # folder of seed files, relative to the settings file
    "WIREBRIEF_POSTS_DIR": "briefings",     # folder inside PATH (content/) for generated posts
    "WIREBRIEF_INGEST": True,               # ingest seeds at the start of every Pelican build
    "WIREBRIEF_MAX_SEED_BYTES": MAX_SEED_BYTES,
    "WIREBRIEF_LEGACY_ENCODING": LEGACY_ENCODING,
    "WIREBRIEF_TOPICS": DEFAULT_TOPICS,     # category -> keywords; also gives topic tags
    "WIREBRIEF_DEFAULT_CATEGORY": DEFAULT_CATEGORY,
    "WIREBRIEF_SUMMARY_MAX_CHARS": SUMMARY_MAX_CHARS,
}


@dataclass(frozen=True)
class IngestSettings:
    seeds_dir: Path
    content_dir: Path
    posts_dir: str = "briefings"
    max_seed_bytes: int = MAX_SEED_BYTES
    legacy_encoding: str = LEGACY_ENCODING
    topics: dict = field(default_factory=lambda: dict(DEFAULT_TOPICS))
    default_category: str = DEFAULT_CATEGORY
    summary_max_chars: int = SUMMARY_MAX_CHARS
    timezone: str = "UTC"
    cache_dir: Path | None = None   # Pelican's CACHE_PATH: where ingest keeps the built gazetteer

    @property
    def root(self) -> Path:
        """What a post's `seed:` path is relative to: the folder that holds seeds/."""
        return self.seeds_dir.resolve().parent

    @classmethod
    def from_pelican(cls, settings: dict, base: Path | None = None) -> "IngestSettings":
        get = lambda key: settings.get(key, DEFAULTS[key])  # noqa: E731
        base = base or Path(settings.get("PATH", "content")).resolve().parent
        seeds = Path(get("WIREBRIEF_SEEDS"))
        return cls(
            seeds_dir=seeds if seeds.is_absolute() else base / seeds,
            content_dir=Path(settings.get("PATH", base / "content")),
            posts_dir=get("WIREBRIEF_POSTS_DIR"),
            max_seed_bytes=int(get("WIREBRIEF_MAX_SEED_BYTES")),
            legacy_encoding=get("WIREBRIEF_LEGACY_ENCODING"),
            topics={k: tuple(v) for k, v in get("WIREBRIEF_TOPICS").items()},
            default_category=get("WIREBRIEF_DEFAULT_CATEGORY"),
            summary_max_chars=int(get("WIREBRIEF_SUMMARY_MAX_CHARS")),
            timezone=settings.get("TIMEZONE") or os.environ.get("TZ") or "UTC",
            cache_dir=base / settings.get("CACHE_PATH", "cache"),
        )
