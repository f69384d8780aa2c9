"""Wirebrief's settings: the WIREBRIEF_* names of pelicanconf.py, every default here and only here.

`WirebriefSettings.of(pelican_settings)` builds them once per build (and keeps them in the
settings dict); hooks, the generator, the CLI and the development server all use them. A
WIREBRIEF_ name this table does not know, or a value of the wrong type, is an error that
names the setting.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from .extract.summary import SUMMARY_MAX_CHARS
from .extract.topics import DEFAULT_CATEGORY, DEFAULT_SUBJECTS, DEFAULT_TOPICS
from .ingest.seeds import LEGACY_ENCODING, MAX_SEED_BYTES
from .lock import TIMEOUT_SECONDS


class SettingsError(ValueError):
    """A WIREBRIEF_ setting that is unknown or of the wrong type."""


def _apart(seeds: Path, folders: dict[str, Path]) -> None:
    """The seeds folder must be apart from the content folder and, where it is known, the
    output folder. Inside content/, a seed saved while ingest runs would be in the digest the
    up-to-date check takes of content/ after ingest, so the next build would miss it (and
    under a static path Pelican would publish the raw copy); inside output/, `make clean`
    would delete it; a seeds folder holding either would take posts, feeds and pages for seeds."""
    where = seeds.resolve()
    for name, folder in folders.items():
        folder = folder.resolve()
        if where == folder or folder in where.parents or where in folder.parents:
            raise SettingsError(f"WIREBRIEF_SEEDS ({where}) and {name} ({folder}) must be separate folders, "
                                f"neither inside the other")


def _setting(name: str, default, types: tuple[type, ...], doc: str, build: bool = True):
    """build=False: a setting the site's pages do not depend on (changing it renders nothing again)."""
    metadata = {"setting": name, "types": types, "doc": doc, "build": build}
    if isinstance(default, dict):
        return field(default_factory=lambda: dict(default), metadata=metadata)
    return field(default=default, metadata=metadata)


_STR, _INT, _BOOL, _NUM = (str,), (int,), (bool,), (int, float)


@dataclass(frozen=True)
class WirebriefSettings:
    # where things are: made absolute by from_pelican (the settings file's folder is the base)
    seeds_dir: Path = _setting("WIREBRIEF_SEEDS", Path("seeds"), (str, Path),
                               "folder of seed files, relative to the settings file")
    posts_dir: str = _setting("WIREBRIEF_POSTS_DIR", "briefings", _STR,
                              "folder inside PATH (content/) for generated posts")
    # ingest
    ingest: bool = _setting("WIREBRIEF_INGEST", True, _BOOL, "ingest seeds at the start of every Pelican build")
    max_seed_bytes: int = _setting("WIREBRIEF_MAX_SEED_BYTES", MAX_SEED_BYTES, _INT,
                                   "larger seeds are reported and skipped")
    legacy_encoding: str = _setting("WIREBRIEF_LEGACY_ENCODING", LEGACY_ENCODING, _STR,
                                    "for seeds that are not UTF-8")
    topics: dict = _setting("WIREBRIEF_TOPICS", DEFAULT_TOPICS, (dict,),
                            "category -> keywords; the best-scoring topic is the category; also gives topic tags")
    subjects: dict = _setting("WIREBRIEF_SUBJECTS", DEFAULT_SUBJECTS, (dict,),
                              "category -> IPTC subject codes or Media Topics ('15000000', 'medtop:20000763'): "
                              "an agency file's subjects choose its category; WIREBRIEF_TOPICS when none maps")
    default_category: str = _setting("WIREBRIEF_DEFAULT_CATEGORY", DEFAULT_CATEGORY, _STR,
                                     "the category when no topic scores")
    summary_max_chars: int = _setting("WIREBRIEF_SUMMARY_MAX_CHARS", SUMMARY_MAX_CHARS, _INT,
                                      "the lede is trimmed to this, at a sentence end")
    workers: int = _setting("WIREBRIEF_WORKERS", 0, _INT,
                            "processes extracting seeds when a run has many to read (ingest/pool.py): "
                            "0, one per CPU; 1, none but the build's own", build=False)
    publish_output: str | None = _setting("WIREBRIEF_PUBLISH_OUTPUT", None, (str, Path),
                                          "the folder `make publish` swaps its build into (it builds beside "
                                          "it; publishconf.py takes it from the environment): the seeds "
                                          "folder must be apart from it too", build=False)
    lock_timeout: float = _setting("WIREBRIEF_LOCK_TIMEOUT", TIMEOUT_SECONDS, _NUM,
                                   "seconds a build or ingest waits for another one to finish")
    # the site
    public_url: str = _setting("WIREBRIEF_PUBLIC_URL", "https://briefings.example.org", _STR,
                               "the published address: canonical links, feeds, sitemaps (SITEURL wins when set)")
    review_page: bool = _setting("WIREBRIEF_REVIEW_PAGE", False, _BOOL, "write review.html (development builds)")
    show_seed_path: bool = _setting("WIREBRIEF_SHOW_SEED_PATH", False, _BOOL,
                                    "article pages name the seed file they came from (development builds)")
    incremental: bool = _setting("WIREBRIEF_INCREMENTAL", True, _BOOL,
                                 "render only the pages whose briefings changed (site/renderplan.py)")
    search: bool = _setting("WIREBRIEF_SEARCH", True, _BOOL,
                            "index the briefings for search at the end of each build, only the months that changed "
                            "(site/search.py; `make html SEARCH=no` turns it off)", build=False)
    search_bundle: str = _setting("WIREBRIEF_SEARCH_BUNDLE", "%Y-%m", _STR,
                                  "briefings are indexed in one Pagefind bundle per value of this strftime "
                                  "format of their date (a month by default): a new briefing re-indexes its month only",
                                  build=False)
    facet_latest: int = _setting("WIREBRIEF_FACET_LATEST", 30, _INT,
                                 "briefings on a place, person, country, tag or category page; older ones by month")
    sitemap_max_urls: int = _setting("WIREBRIEF_SITEMAP_MAX_URLS", 50_000, _INT,
                                     "addresses per sitemap file (the protocol's limit)")
    day_archive_save_as: str | None = _setting("WIREBRIEF_DAY_ARCHIVE_SAVE_AS", None, _STR,
                                               "day pages; default: DAY_ARCHIVE_URL")
    month_archive_save_as: str | None = _setting("WIREBRIEF_MONTH_ARCHIVE_SAVE_AS", None, _STR,
                                                 "month pages; default: MONTH_ARCHIVE_URL")
    urgent_hours: int = _setting("WIREBRIEF_URGENT_HOURS", 6, _INT,
                                 "flash, bulletin and urgent briefings lead the front page for this many hours "
                                 "after them (counted back from the newest briefing)")
    render_processes: int = _setting("WIREBRIEF_RENDER_PROCESSES", 0, _INT,
                                     "processes that read a build's posts and render its pages when there are many "
                                     "(a cold build): 0 means one per CPU, 1 does everything in the build's process "
                                     "(site/read_ahead.py, site/forked.py)", build=False)
    pause_gc: bool = _setting("WIREBRIEF_PAUSE_GC", True, _BOOL,
                              "Python's cycle collector is off while Pelican builds (site/hooks.py: start_build)")
    # the day's edition by email (`wirebrief edition --send`, tools/mail.py)
    smtp_host: str = _setting("WIREBRIEF_SMTP_HOST", "localhost", _STR, "the SMTP server editions are handed to", build=False)
    smtp_port: int = _setting("WIREBRIEF_SMTP_PORT", 25, _INT, "its port (587 for submission with STARTTLS)", build=False)
    smtp_starttls: bool = _setting("WIREBRIEF_SMTP_STARTTLS", False, _BOOL,
                                   "STARTTLS before sending, checking the server's certificate", build=False)
    smtp_user: str = _setting("WIREBRIEF_SMTP_USER", "", _STR,
                              "log in as this user, with the password in $WIREBRIEF_SMTP_PASSWORD (never in a file)", build=False)
    edition_from: str = _setting("WIREBRIEF_EDITION_FROM", "", _STR, "the From address of the day's edition", build=False)
    edition_to: tuple = _setting("WIREBRIEF_EDITION_TO", (), (list, tuple),
                                 "the addresses the day's edition is sent to", build=False)
    # from Pelican's own settings
    content_dir: Path = Path("content")   # PATH
    timezone: str = "UTC"                 # TIMEZONE, else $TZ
    cache_dir: Path | None = None         # CACHE_PATH: where ingest keeps the built gazetteer

    @classmethod
    def not_for_the_build(cls) -> frozenset[str]:
        """The settings no page depends on (sending the edition): a change to them renders nothing."""
        return frozenset(f.metadata["setting"] for f in fields(cls) if not f.metadata.get("build", True))

    @property
    def root(self) -> Path:
        """What a post's `seed:` path is relative to: the folder that holds seeds/."""
        return self.seeds_dir.resolve().parent

    @property
    def posts_path(self) -> Path:
        return self.content_dir / self.posts_dir

    @classmethod
    def from_pelican(cls, settings: dict, base: Path | None = None) -> "WirebriefSettings":
        """From Pelican's settings (or a settings file's upper-case names); `base` is the folder
        relative paths are taken from (default: the one holding PATH)."""
        known = {f.metadata["setting"]: f for f in fields(cls) if "setting" in f.metadata}
        unknown = sorted(k for k in settings if k.startswith("WIREBRIEF_") and k not in known)
        if unknown:
            raise SettingsError(f"unknown setting {', '.join(unknown)}: Wirebrief's settings are "
                                f"{', '.join(sorted(known))} (plugins/wirebrief/settings.py)")
        values = {}
        for name, f in known.items():
            if name not in settings or (settings[name] is None and f.default is None):
                continue
            value, types = settings[name], f.metadata["types"]
            if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
                wanted = " or ".join(t.__name__ for t in types)
                raise SettingsError(f"{name} must be a {wanted}, not {type(value).__name__} ({value!r})")
            values[f.name] = value
        topics = values.get("topics", DEFAULT_TOPICS)
        if not all(isinstance(k, str) and isinstance(v, (list, tuple)) for k, v in topics.items()):
            raise SettingsError("WIREBRIEF_TOPICS must map each category name to a list of keywords")
        subjects = values.get("subjects", DEFAULT_SUBJECTS)
        if not all(isinstance(k, str) and isinstance(v, (list, tuple)) and all(isinstance(c, str) for c in v)
                   for k, v in subjects.items()):
            raise SettingsError("WIREBRIEF_SUBJECTS must map each category name to a list of subject codes")
        base = base or Path(settings.get("PATH", "content")).resolve().parent
        seeds = Path(values.get("seeds_dir", cls.seeds_dir))
        seeds = seeds if seeds.is_absolute() else base / seeds
        # OUTPUT_PATH: always in a build's settings; the `wirebrief` command knows it only when
        # the settings file names it (its ingest writes no output)
        _apart(seeds, {"PATH": Path(settings.get("PATH", base / "content")),
                       **({"OUTPUT_PATH": base / settings["OUTPUT_PATH"]} if settings.get("OUTPUT_PATH") else {}),
                       **({"WIREBRIEF_PUBLISH_OUTPUT": base / values["publish_output"]}
                          if values.get("publish_output") else {})})
        return cls(**{
            **values,
            "seeds_dir": seeds,
            "topics": {k: tuple(v) for k, v in topics.items()},
            "subjects": {k: tuple(v) for k, v in subjects.items()},
            "content_dir": Path(settings.get("PATH", base / "content")),
            "timezone": settings.get("TIMEZONE") or os.environ.get("TZ") or "UTC",
            "cache_dir": base / settings.get("CACHE_PATH", "cache"),
        })

    _KEY = "wirebrief_settings"  # where of() keeps them in Pelican's settings dict

    @classmethod
    def of(cls, settings: dict) -> "WirebriefSettings":
        """The build's settings, built on first use and kept in Pelican's settings dict."""
        built = settings.get(cls._KEY)
        if not isinstance(built, cls):
            built = settings[cls._KEY] = cls.from_pelican(settings)
        return built

    @classmethod
    def from_file(cls, settings_file: Path, **overrides) -> "WirebriefSettings":
        """From a Pelican settings file, without importing Pelican (slow, and not needed to
        ingest, extract or review); upper-case `overrides` replace its names."""
        import runpy
        import sys

        settings: dict = {}
        base = settings_file.resolve().parent if settings_file.is_file() else Path.cwd()
        if settings_file.is_file():
            folder = str(base)
            sys.path.insert(0, folder)  # publishconf.py imports pelicanconf
            try:
                names = runpy.run_path(str(settings_file), run_name="wirebrief_settings")
            finally:
                sys.path.remove(folder)
            settings = {k: v for k, v in names.items() if k.isupper()}
        settings.update({k: v for k, v in overrides.items() if v is not None})
        path = Path(settings.get("PATH", "content"))
        settings["PATH"] = str(path if path.is_absolute() else base / path)
        return cls.from_pelican(settings, base)
