"""Property-based: whatever folder of seeds arrives, and whatever editors do between runs,
every seed ends as exactly one post, one later version of a story's post, or one reported
error; no post is overwritten by another seed, and no hand-edited (or hand-written) post is
ever touched."""

import contextlib
import os
import shutil
import signal
import socket
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirebrief.ingest.sync import ingest
from wirebrief.ingest.post import is_hand_edited, read_header
from wirebrief.settings import WirebriefSettings

HEADLINES = ["Harbin opens ice festival", "Harbin opens ice festival!", "HARBIN OPENS ICE FESTIVAL", "!!!", "北京 新政策",
             "../../etc/passwd", "/etc/passwd", "Title: injected", "<script>alert(1)</script>", "  ", "x" * 400]
BODIES = ["HARBIN, Jan. 5 (Xinhua) -- The festival opened on Thursday.", "LONDON, Jan 5 (Reuters) - Strikes.",
          "Li Keqiang said on Tuesday.", "", "date: 1999-01-01", "[x](javascript:alert(1))"]

text = st.one_of(st.sampled_from(HEADLINES), st.text(max_size=80))
paragraph = st.one_of(st.sampled_from(BODIES), st.text(max_size=200), st.just("word " * 2000))


@st.composite
def seed_bytes(draw) -> bytes:
    lines = [draw(text), *draw(st.lists(paragraph, max_size=4))]
    newline = draw(st.sampled_from(["\n\n", "\r\n\r\n", "\r\r", "\n"]))
    body = newline.join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    data = body.encode(encoding, errors="replace")
    if draw(st.booleans()) and draw(st.booleans()):
        position = draw(st.integers(0, len(data)))
        data = data[:position] + draw(st.sampled_from([b"\x00", b"\x81\x8d", b"\xff\xfe", b"\x00" * 8])) + data[position:]
    return data


names = st.sampled_from(["a.txt", "b.txt", "c.txt", "desk/d.txt", "desk/e.txt", "f.TXT"])
folders = st.dictionaries(names, seed_bytes(), min_size=1, max_size=6)


@st.composite
def edits(draw):
    """What editors do between two runs."""
    return draw(st.lists(st.one_of(
        st.tuples(st.just("rewrite"), names, seed_bytes()),
        st.tuples(st.just("delete"), names, st.none()),
        st.tuples(st.just("rename"), names, names),
        st.tuples(st.just("edit-post"), st.integers(0, 10), st.none()),
    ), max_size=5))


def check(site: Path, report, protected: dict[Path, bytes]) -> dict[str, str]:
    """The invariant; returns seed -> post file name."""
    seeds = sorted(str(p.relative_to(site)).replace("\\", "/") for p in (site / "seeds").rglob("*")
                   if p.is_file() and p.suffix.lower() == ".txt")
    events = {}
    for event in report.events:
        if event.kind in ("removed", "kept-orphan", "photo-error"):
            continue
        assert event.seed not in events, f"two events for {event.seed}"
        events[event.seed] = event
    assert sorted(events) == seeds  # every seed: one post, one version of a post, or one error, and nothing else
    posts = {}
    for path in (site / "content" / "briefings").iterdir():
        assert not path.name.endswith(".tmp"), "a temporary file was left behind"
        if path.name == ".wirebrief-state.json":
            continue
        header = read_header(path.read_text(encoding="utf-8"))
        if path in protected:
            assert path.read_bytes() == protected[path], f"{path.name} was edited by hand and then overwritten"
            continue
        assert not is_hand_edited(path.read_text(encoding="utf-8")), path.name
        assert header["seed"] not in posts, f"two posts for {header['seed']}"
        posts[header["seed"]] = path.name
    for seed, event in events.items():
        if event.kind == "version":   # a later version of a story: its post is the story's
            story = site / event.post
            assert story.exists() and seed not in posts
            assert story in protected or seed in read_header(story.read_text(encoding="utf-8")).get("versions", "")
        elif event.kind != "error":
            assert seed in posts or event.kind == "kept-edit" or any(
                read_header(p.read_text(encoding="utf-8")).get("seed") == seed for p in protected)
    return posts


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(folders, edits())
def test_ingest_invariants(folder, editor_actions):
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        for name, data in folder.items():
            (site / "seeds" / name).parent.mkdir(parents=True, exist_ok=True)
            (site / "seeds" / name).write_bytes(data)
        posts_dir = site / "content" / "briefings"
        posts_dir.mkdir(parents=True)
        handwritten = posts_dir / "harbin-opens-ice-festival.md"
        handwritten.write_text("title: Written by hand\ndate: 2023-01-01\n\nBody.\n")
        protected = {handwritten: handwritten.read_bytes()}
        cfg = WirebriefSettings(seeds_dir=site / "seeds", content_dir=site / "content")

        first = check(site, ingest(cfg), protected)
        second_report = ingest(cfg)
        assert {e.kind for e in second_report.events} <= {"unchanged", "version", "error"}  # idempotent
        assert check(site, second_report, protected) == first

        for action, a, b in editor_actions:
            seed = site / "seeds" / a if isinstance(a, str) else None
            if action == "rewrite":
                seed.parent.mkdir(parents=True, exist_ok=True)
                seed.write_bytes(b)
            elif action == "delete" and seed.exists():
                seed.unlink()
            elif action == "rename" and seed.exists():
                (site / "seeds" / b).parent.mkdir(parents=True, exist_ok=True)
                shutil.move(seed, site / "seeds" / b)
            elif action == "edit-post":
                candidates = sorted(p for p in posts_dir.glob("*.md") if p not in protected)
                if candidates:
                    post = candidates[a % len(candidates)]
                    post.write_text(post.read_text(encoding="utf-8") + "\nAn editor's note.\n", encoding="utf-8")
                    protected[post] = post.read_bytes()
        after = check(site, ingest(cfg), protected)
        # a seed that kept its name kept its post's file name
        for seed, post in after.items():
            if seed in first and (site / seed).exists():
                assert post == first[seed] or not (posts_dir / first[seed]).exists() or posts_dir / first[seed] in protected


# What a shared drop folder holds besides seeds: each is reported exactly once, never read,
# and never keeps a good seed from its post.
def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _socket(path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(path))  # the socket file stays after close


BAD = {
    "fifo": _fifo,
    "socket": _socket,
    "dangling link": lambda path: os.symlink("nowhere.txt", path),
    "link out": lambda path: os.symlink(path.parents[2] / "outside.txt", path),
    "folder": lambda path: path.mkdir(),
    "second name": lambda path: os.symlink(path.parent / "good-0.txt", path),
}
@contextlib.contextmanager
def no_hang(seconds: int = 60):
    """A regression that opens a FIFO would block for ever: it fails instead."""
    def stop(*_):
        raise TimeoutError("ingest blocked (opening a FIFO?)")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


hostile = st.lists(st.tuples(st.sampled_from(sorted(BAD)), st.sampled_from(["bad", "bad\nline", "bad\x1b[31m", "bad\r"])),
                   max_size=6, unique=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(1, 4), hostile, st.booleans())
def test_a_drop_folder_of_fifos_links_and_hostile_names(good, bad, in_subfolder):
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        folder = site / "seeds" / ("desk" if in_subfolder else "")
        folder.mkdir(parents=True)
        (Path(tmp) / "outside.txt").write_text("Secret\n\nSECRET body.\n")
        for i in range(good):
            (folder / f"good-{i}.txt").write_text(f"Briefing {i}\n\nLONDON, Jan 5 (Reuters) - Item {i}.\n")
        bad_names = set()
        for n, (kind, stem) in enumerate(bad):
            path = folder / f"{stem}-{n}.txt"
            BAD[kind](path)
            bad_names.add(str(path.relative_to(site)))
        cfg = WirebriefSettings(seeds_dir=site / "seeds", content_dir=site / "content")
        for _ in range(2):  # and again, with the state of the first run
            with no_hang():
                report = ingest(cfg)
            errors = [e.seed for e in report.events if e.kind == "error"]
            assert sorted(errors) == sorted(bad_names)  # each bad one exactly once
            assert all("\n" not in e.line() and "\x1b" not in e.line() and "\r" not in e.line() for e in report.events)
            written = {read_header(p.read_text())["seed"] for p in (site / "content" / "briefings").glob("*.md")}
            assert written == {str((folder / f"good-{i}.txt").relative_to(site)) for i in range(good)}
            assert not report.failures
