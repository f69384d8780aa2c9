"""Ingest: idempotence, the editor wins, no clobbering, bad input reported and left alone."""

import itertools
import json
import os
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wirebrief.ingest import sync
from wirebrief.ingest.sync import _FreeSlugs, ingest
from wirebrief.ingest.post import read_header
from wirebrief.settings import WirebriefSettings

from conftest import SEEDS

GOOD = "Harbin opens ice festival\n\nHARBIN, Jan. 5 (Xinhua) -- The festival opened on Thursday.\n\nEnditem\n"


@pytest.fixture
def site(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "content").mkdir()
    return tmp_path


def cfg(site: Path) -> WirebriefSettings:
    return WirebriefSettings(seeds_dir=site / "seeds", content_dir=site / "content")


def posts(site: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted((site / "content" / "briefings").glob("*.md"))}


def test_each_seed_becomes_one_post_and_a_second_run_writes_nothing(site):
    for seed in SEEDS.glob("*.txt"):
        (site / "seeds" / seed.name).write_bytes(seed.read_bytes())
    first = ingest(cfg(site))
    assert len(first.of("created")) == len(list(SEEDS.glob("*.txt"))) and not first.errors
    stats = {p: p.stat().st_mtime_ns for p in (site / "content" / "briefings").glob("*.md")}
    time.sleep(0.01)
    second = ingest(cfg(site))
    assert len(second.of("unchanged")) == len(stats) and len(second.events) == len(stats)
    assert {p: p.stat().st_mtime_ns for p in (site / "content" / "briefings").glob("*.md")} == stats
    assert not list((site / "content" / "briefings").glob(".*.tmp"))  # no temporary files left


def test_changed_seed_updates_its_post(site):
    seed = site / "seeds" / "harbin.txt"
    seed.write_text(GOOD)
    ingest(cfg(site))
    seed.write_text(GOOD.replace("The festival opened", "The big festival opened"))
    report = ingest(cfg(site))
    assert [e.kind for e in report.events] == ["updated"]
    assert "The big festival opened" in posts(site)["harbin-opens-ice-festival.md"]


def test_hand_edited_post_wins_and_ingest_says_so(site):
    seed = site / "seeds" / "harbin.txt"
    seed.write_text(GOOD)
    ingest(cfg(site))
    post = site / "content" / "briefings" / "harbin-opens-ice-festival.md"
    edited = post.read_text().replace("country: China", "country: People's Republic of China")
    post.write_text(edited)
    # the seed changes: the edit is kept, and the report names both files
    seed.write_text(GOOD.replace("opened on Thursday", "opened on Friday"))
    report = ingest(cfg(site))
    assert post.read_text() == edited
    (event,) = report.events
    assert event.kind == "kept-edit"
    assert "content/briefings/harbin-opens-ice-festival.md" in event.line() and "seeds/harbin.txt" in event.line()
    # the seed is deleted: the edited post stays
    seed.unlink()
    report = ingest(cfg(site))
    assert post.read_text() == edited and [e.kind for e in report.events] == ["kept-orphan"]


def test_kept_edits_come_from_what_ingest_wrote_and_are_read_again_when_the_state_changes(site, monkeypatch):
    seed = site / "seeds" / "harbin.txt"
    seed.write_text(GOOD)
    ingest(cfg(site))
    posts_dir = site / "content" / "briefings"
    post = posts_dir / "harbin-opens-ice-festival.md"
    post.write_text(post.read_text().replace("country: China", "country: People's Republic of China"))
    seed.write_text(GOOD.replace("opened on Thursday", "opened on Friday"))
    ingest(cfg(site))
    state = posts_dir / sync.STATE_NAME
    kept = sync._kept_in(json.loads(state.read_text(encoding="utf-8"))["seeds"])
    assert [(seed, stem) for seed, stem, _ in kept] == [("seeds/harbin.txt", "harbin-opens-ice-festival")]

    # the build make html runs next, in the same process, does not parse the state again
    class NoParsing:
        def loads(*_):
            raise AssertionError("the state was parsed again")
    monkeypatch.setattr(sync, "json", NoParsing)
    assert sync.kept_edits(posts_dir) == kept
    # nor after an ingest that found nothing changed (the state is not written again)
    monkeypatch.undo()
    ingest(cfg(site))
    monkeypatch.setattr(sync, "json", NoParsing)
    assert sync.kept_edits(posts_dir) == kept
    monkeypatch.undo()
    # but a state written since (by another process) is read
    written = json.loads(state.read_text(encoding="utf-8"))
    written["seeds"] = {}
    state.write_text(json.dumps(written), encoding="utf-8")
    assert sync.kept_edits(posts_dir) == []


def test_deleted_seed_removes_its_unedited_post(site):
    seed = site / "seeds" / "harbin.txt"
    seed.write_text(GOOD)
    ingest(cfg(site))
    seed.unlink()
    report = ingest(cfg(site))
    assert [e.kind for e in report.events] == ["removed"] and posts(site) == {}


def test_same_headline_gives_two_posts_and_none_is_overwritten(site):
    # two stories under one headline (two cities' festivals): not versions of one story
    (site / "seeds" / "a.txt").write_text(GOOD)
    (site / "seeds" / "b.txt").write_text(GOOD.replace("HARBIN", "JILIN").replace("The festival opened", "Crowds queued for the ice slides"))
    handwritten = site / "content" / "briefings" / "harbin-opens-ice-festival-2.md"
    handwritten.parent.mkdir(parents=True)
    handwritten.write_text("title: Written by an editor\ndate: 2023-01-01\n\nBody.\n")
    ingest(cfg(site))
    found = posts(site)
    assert set(found) == {"harbin-opens-ice-festival.md", "harbin-opens-ice-festival-2.md", "harbin-opens-ice-festival-3.md"}
    assert found["harbin-opens-ice-festival-2.md"] == "title: Written by an editor\ndate: 2023-01-01\n\nBody.\n"
    assert read_header(found["harbin-opens-ice-festival.md"])["seed"] == "seeds/a.txt"
    assert read_header(found["harbin-opens-ice-festival-3.md"])["seed"] == "seeds/b.txt"
    # stable: a third seed with the same headline, added later, does not move the others
    (site / "seeds" / "0.txt").write_text(GOOD)
    ingest(cfg(site))
    assert read_header(posts(site)["harbin-opens-ice-festival.md"])["seed"] == "seeds/a.txt"


@given(st.sets(st.sampled_from(["a", "a-2", "a-3", "a-5", "a-2-2", "b", "b-3"])),
       st.lists(st.sampled_from(["a", "b", "a-2", "c"]), max_size=12))
def test_a_post_takes_the_first_free_name_of_its_headlines_series(taken, wanted):
    # the first of wanted, wanted-2, wanted-3… that no post (or earlier seed of the run) has
    slugs, used = _FreeSlugs(taken), set(taken)
    for w in wanted:
        first_free = next(s for s in itertools.chain([w], (f"{w}-{n}" for n in itertools.count(2))) if s not in used)
        assert slugs.take(w) == first_free
        used.add(first_free)


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", b"", "empty file"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
    ("undecodable.txt", b"T\n\n\x81\x8d\x8f\x90\x9d" * 3, "undecodable"),
    ("noheadline.txt", b"x" * 400 + b"\n\nbody", "no headline"),
    ("huge.txt", b"Title\n\n" + b"word " * 500_000, "over the"),
])
def test_bad_seed_is_reported_by_name_and_the_rest_go_on(site, name, data, reason):
    (site / "seeds" / name).write_bytes(data)
    (site / "seeds" / "good.txt").write_text(GOOD)
    report = ingest(cfg(site))
    (error,) = report.errors
    assert error.line().startswith(f"seeds/{name}: skipped: ") and reason in error.line()
    assert (site / "seeds" / name).read_bytes() == data  # the bad seed is left untouched
    assert list(posts(site)) == ["harbin-opens-ice-festival.md"]


def test_a_seed_turning_bad_keeps_its_post(site):
    seed = site / "seeds" / "harbin.txt"
    seed.write_text(GOOD)
    ingest(cfg(site))
    before = posts(site)
    seed.write_bytes(b"")
    report = ingest(cfg(site))
    assert [e.kind for e in report.events] == ["error"] and posts(site) == before


def test_hostile_seed_text_stays_text_in_the_post(site):
    (site / "seeds" / "x.txt").write_text(
        "Title: <script>alert(1)</script>\n\nstatus: draft\nslug: ../../evil\n\n[x](javascript:alert(1)) <b>bold</b>\n")
    ingest(cfg(site))
    (text,) = posts(site).values()
    header = read_header(text)
    assert header["title"] == "Title: &lt;script&gt;alert(1)&lt;/script&gt;"
    assert "status" not in header and header["slug"] == "title-script-alert-1-script"
    assert "\\[x\\](javascript:alert(1)) &lt;b&gt;bold&lt;/b&gt;" in text


def test_unchanged_seeds_are_not_read_again_but_every_change_is_seen(site, monkeypatch):
    from wirebrief.ingest import sync as ingest_module

    for i in range(3):
        (site / "seeds" / f"s{i}.txt").write_text(GOOD.replace("festival", f"festival {i}"))
    ingest(cfg(site))
    calls = []
    real = ingest_module._prepare   # every read of a seed starts there
    monkeypatch.setattr(ingest_module, "_prepare", lambda path, *a, **k: calls.append(path.name) or real(path, *a, **k))
    assert {e.kind for e in ingest(cfg(site)).events} == {"unchanged"} and calls == []
    # a changed seed is read again; the others are not
    (site / "seeds" / "s1.txt").write_text(GOOD.replace("festival", "festival one"))
    report = ingest(cfg(site))
    assert calls == ["s1.txt"] and sorted(e.kind for e in report.events) == ["unchanged", "unchanged", "updated"]
    # an edited post is noticed even though its seed did not move
    calls.clear()
    post = next(p for p in (site / "content" / "briefings").glob("*.md") if "festival-0" in p.name)
    post.write_text(post.read_text() + "\nAn editor's line.\n")
    (site / "seeds" / "s0.txt").write_text(GOOD.replace("festival", "festival 0") + "\nMore.\n")
    report = ingest(cfg(site))
    assert [e.kind for e in report.events if e.seed == "seeds/s0.txt"] == ["kept-edit"]
    assert post.read_text().endswith("An editor's line.\n")
    # other settings: everything is extracted again
    calls.clear()
    ingest(WirebriefSettings(seeds_dir=site / "seeds", content_dir=site / "content", default_category="Elsewhere"))
    assert len(calls) == 3


def test_a_seed_added_is_grouped_with_the_stories_the_last_run_recorded(site, tmp_path, monkeypatch):
    """After one new seed, ingest does not group every seed again: the last run's stories come
    from its state (a kill notice that matched nothing among them), and only the new seed is
    compared with them (it had been 0.3 s of each build at 10,000 seeds). A later version still
    joins its story, and the posts are what an ingest of the same seeds from nothing writes."""
    import shutil

    from wirebrief.ingest import stories

    for seed in SEEDS.glob("*.txt"):
        (site / "seeds" / seed.name).write_bytes(seed.read_bytes())
    (site / "seeds" / "harbin.txt").write_text(GOOD)
    # the same headline and place a day later: a look-alike, compared with the first when grouped
    (site / "seeds" / "harbin-b.txt").write_text(GOOD.replace("Jan. 5", "Jan. 6").replace(
        "The festival opened on Thursday.", "Sculptors from 30 countries began carving on Friday."))
    # a kill notice for a story this desk never had: grouped, reported, never saved as a post
    (site / "seeds" / "kill.txt").write_text("WITHDRAWN-Bank cuts rates\n\nELIMINATION: Reuters is withdrawing this story.\n")
    first = ingest(cfg(site))
    assert [e.kind for e in first.events if e.seed == "seeds/kill.txt"] == ["error"]
    compared = []
    real = stories.same_story
    monkeypatch.setattr(stories, "same_story", lambda story, version: compared.append(version.key) or real(story, version))
    (site / "seeds" / "harbin-2.txt").write_text(GOOD.replace("Harbin opens", "UPDATE 1-Harbin opens")
                                                 .replace("opened on Thursday.", "opened on Thursday with 2,000 sculptures."))
    report = ingest(cfg(site))
    assert set(compared) == {"seeds/harbin-2.txt"}
    assert [e.kind for e in report.events if e.seed == "seeds/harbin-2.txt"] == ["version"]
    cold = tmp_path / "cold"
    (cold / "content").mkdir(parents=True)
    shutil.copytree(site / "seeds", cold / "seeds")   # with the ledger of when each seed came in
    ingest(cfg(cold))
    assert posts(cold) == posts(site)
