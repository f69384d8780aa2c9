"""Faults and attacks on the file system: paths, sizes, files still being written, a killed
ingest, two builds at once, a failed publish."""

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import wirebrief.ingest.seeds as seeds_module
from wirebrief.ingest.sync import ingest
from wirebrief.ingest.post import is_hand_edited, read_header
from wirebrief.settings import WirebriefSettings

from conftest import make_publish, make_site, pelican_build
from test_search_index import indexed_urls

GOOD = "Harbin opens ice festival\n\nHARBIN, Jan. 5 (Xinhua) -- The festival opened on Thursday.\n"


def cfg(site: Path, **kw) -> WirebriefSettings:
    return WirebriefSettings(seeds_dir=site / "seeds", content_dir=site / "content", **kw)


@pytest.fixture
def site(tmp_path):
    (tmp_path / "project" / "seeds").mkdir(parents=True)
    return tmp_path / "project"


def files_outside(site: Path) -> set[str]:
    return {str(p) for p in site.parent.rglob("*") if not p.is_relative_to(site)}


def test_hostile_paths_stay_inside_seeds_and_content(site):
    outside = site.parent / "secret.txt"
    outside.write_text("Secret headline\n\nSECRET body.\n")
    (site.parent / "etc").mkdir()
    (site / "seeds" / "passwd.txt").write_text("../../etc/passwd\n\nBody.\n")
    (site / "seeds" / "abs.txt").write_text("/etc/passwd\n\nAnother story entirely.\n")
    (site / "seeds" / "dots.txt").write_text("..\n\nBody.\n")
    os.symlink(outside, site / "seeds" / "link-out.txt")
    os.symlink(site.parent / "etc", site / "seeds" / "dir-link")
    before = files_outside(site)
    report = ingest(cfg(site))
    assert files_outside(site) == before  # nothing written outside the project
    posts = sorted(p.name for p in (site / "content" / "briefings").glob("*.md"))
    assert posts == ["dots.md", "etc-passwd-2.md", "etc-passwd.md"]  # ".." slugs to nothing: the file name serves
    assert all("SECRET" not in p.read_text() for p in (site / "content" / "briefings").glob("*.md"))
    assert {e.seed for e in report.events if e.kind == "created"} == {"seeds/abs.txt", "seeds/dots.txt", "seeds/passwd.txt"}
    (refused,) = report.errors  # the link out is reported, never read; the link to a folder has no seed's name
    assert refused.line() == "seeds/link-out.txt: skipped: a link out of the seed folder; not read"


def test_a_post_linked_elsewhere_is_never_read_or_written(site):
    target = site.parent / "elsewhere.md"
    target.write_text("title: Elsewhere\n\nNot ours.\n")
    posts = site / "content" / "briefings"
    posts.mkdir(parents=True)
    os.symlink(target, posts / "harbin-opens-ice-festival.md")
    (site / "seeds" / "a.txt").write_text(GOOD)
    ingest(cfg(site))
    assert target.read_text() == "title: Elsewhere\n\nNot ours.\n"
    assert (posts / "harbin-opens-ice-festival-2.md").exists()


def test_a_50_mb_seed_is_refused_quickly(site):
    with open(site / "seeds" / "huge.txt", "wb") as f:
        f.write(b"Title\n\n" + b"word " * (10 * 1024 * 1024))
    report = ingest(cfg(site))
    (error,) = report.errors
    assert "seeds/huge.txt: skipped:" in error.line() and "limit" in error.line()


AGENCY_FILE = ("""<?xml version="1.0"?><nitf><head><docdata><date.issue norm="20260105T080000Z"/></docdata></head>
<body><body.head><hedline><hl1>Harbin opens ice festival</hl1></hedline></body.head><body.content>
<p>HARBIN, Jan. 5 (Xinhua) -- The festival opened on Thursday.</p></body.content></body></nitf>""")


def test_hostile_agency_files_give_one_line_each_and_the_others_publish(site):
    from test_agency_formats import BILLION_LAUGHS, external_entity

    seeds = site / "seeds"
    (seeds / "good.xml").write_text(AGENCY_FILE)
    (seeds / "good.txt").write_text("Ferry resumes in Dalian\n\nDALIAN, Jan. 5 (Xinhua) -- The ferry ran again.\n")
    (seeds / "laughs.xml").write_bytes(BILLION_LAUGHS)
    (seeds / "entity-file.xml").write_bytes(external_entity("file:///etc/passwd"))
    (seeds / "entity-http.xml").write_bytes(external_entity("http://127.0.0.1:9/x"))
    (seeds / "truncated.xml").write_text(AGENCY_FILE[:150])
    (seeds / "malformed.json").write_text('{"type": "text", "headline": "Half')
    (seeds / "nested.json").write_text("[" * 50_000 + "]" * 50_000)
    with open(seeds / "huge.xml", "wb") as f:
        f.write(b"<nitf>" + b"<p>word</p>" * (300 * 1024) + b"</nitf>")
    report = ingest(cfg(site))
    lines = {e.seed: e.line() for e in report.errors}
    assert sorted(lines) == sorted(f"seeds/{n}" for n in ("laughs.xml", "entity-file.xml", "entity-http.xml",
                                                          "truncated.xml", "malformed.json", "nested.json", "huge.xml"))
    assert all("\n" not in line and ": skipped: " in line for line in lines.values()), lines
    assert "unsafe XML refused" in lines["seeds/laughs.xml"] and "unsafe XML refused" in lines["seeds/entity-file.xml"]
    assert "malformed XML" in lines["seeds/truncated.xml"] and "malformed JSON" in lines["seeds/malformed.json"]
    assert "nested more than" in lines["seeds/nested.json"] and "limit" in lines["seeds/huge.xml"]
    posts = sorted(p.name for p in (site / "content" / "briefings").glob("*.md"))
    assert posts == ["ferry-resumes-in-dalian.md", "harbin-opens-ice-festival.md"]
    assert "root:" not in "".join(p.read_text() for p in (site / "content" / "briefings").glob("*.md"))


def test_an_agency_file_copied_in_half_way_is_read_once_whole(site):
    seed = site / "seeds" / "story.xml"
    seed.write_text(AGENCY_FILE[: len(AGENCY_FILE) // 2])   # the transfer is not done
    (error,) = ingest(cfg(site)).errors
    assert "seeds/story.xml: skipped: malformed XML" in error.line()
    seed.write_text(AGENCY_FILE)
    report = ingest(cfg(site))
    assert [e.kind for e in report.events] == ["created"]


def test_a_seed_with_a_one_megabyte_line_becomes_a_post(site):
    (site / "seeds" / "long.txt").write_text("A headline\n\nLONDON (Reuters) - " + "Li Keqiang said the U.S. Nov. 29. " * 30_000 + "\n")
    report = ingest(cfg(site))
    assert [e.kind for e in report.events] == ["created"]


def test_twenty_thousand_seeds_in_bounded_time_and_memory(tmp_path):
    """A folder of 20,000 seeds ingests in one run, in a child process whose peak memory is read back."""
    site = tmp_path / "big"
    (site / "seeds").mkdir(parents=True)
    for i in range(20_000):
        (site / "seeds" / f"{i:05}.txt").write_text(f"Briefing number {i}\n\nLONDON, Jan 5 (Reuters) - Item {i} said on Monday.\n")
    result = subprocess.run([sys.executable, "-m", "wirebrief.tools.cli", "ingest", "--quiet", "--strict"], cwd=site,
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "20000 created" in result.stderr
    assert len(list((site / "content" / "briefings").glob("*.md"))) == 20_000
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < 500, f"peak memory {peak_mb:.0f} MB"


def test_a_seed_still_being_written_is_not_read_half_way(site, monkeypatch):
    seed = site / "seeds" / "growing.txt"
    seed.write_text(GOOD)
    real_open = open

    def open_while_copying(path, mode="r", *args, **kwargs):
        f = real_open(path, mode, *args, **kwargs)
        if str(path) == str(seed) and "b" in mode:
            with real_open(path, "ab") as writer:  # the copy goes on while we read
                writer.write(b"\nMore of the story arrives.\n")
        return f

    monkeypatch.setattr(seeds_module, "open", open_while_copying, raising=False)
    report = ingest(cfg(site))
    (error,) = report.errors
    assert "changed while it was read" in error.line()
    assert not list((site / "content" / "briefings").glob("*.md"))
    monkeypatch.undo()
    report = ingest(cfg(site))  # the next run reads the whole file
    assert [e.kind for e in report.events] == ["created"]
    (post,) = (site / "content" / "briefings").glob("*.md")
    assert "More of the story arrives." in post.read_text()


def test_a_seed_replaced_while_read_is_not_mixed(site, monkeypatch):
    seed = site / "seeds" / "replaced.txt"
    seed.write_text(GOOD)
    real_stat = Path.stat
    calls = {"n": 0}

    def stat_then_replace(self, *args, **kwargs):
        result = real_stat(self, *args, **kwargs)
        if self == seed and calls["n"] == 0 and sys._getframe(1).f_code.co_name == "read_seed":
            calls["n"] += 1
            replacement = seed.with_name(".replacement.tmp")
            replacement.write_text(GOOD.replace("Thursday", "Friday"))
            os.replace(replacement, seed)  # an editor saves a new version by rename
        return result

    monkeypatch.setattr(Path, "stat", stat_then_replace)
    report = ingest(cfg(site))
    assert [e.kind for e in report.events] == ["error"]


def test_killed_ingest_leaves_whole_posts_and_the_next_run_completes(tmp_path):
    site = tmp_path / "kill"
    (site / "seeds").mkdir(parents=True)
    for i in range(3000):
        (site / "seeds" / f"{i:04}.txt").write_text(f"Briefing {i}\n\nLONDON, Jan 5 (Reuters) - Item {i}.\n" + "Words. " * 300)
    process = subprocess.Popen([sys.executable, "-m", "wirebrief.tools.cli", "ingest", "--quiet"], cwd=site,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    posts = site / "content" / "briefings"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(posts.glob("*.md")) if posts.exists() else []) < 200:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    written = list(posts.glob("*.md"))
    assert 0 < len(written) < 3000, "kill the run in the middle"
    for post in written:
        assert not is_hand_edited(post.read_text(encoding="utf-8")), f"{post.name} is not whole"
    result = subprocess.run([sys.executable, "-m", "wirebrief.tools.cli", "ingest", "--quiet"], cwd=site,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0
    assert len(list(posts.glob("*.md"))) == 3000 and not list(posts.glob(".*.tmp"))


def test_two_ingests_at_once_do_not_corrupt_content(tmp_path):
    site = tmp_path / "twice"
    (site / "seeds").mkdir(parents=True)
    for i in range(500):
        (site / "seeds" / f"{i:03}.txt").write_text(f"Same headline\n\nLONDON, Jan 5 (Reuters) - Item {i}.\n")
    command = [sys.executable, "-m", "wirebrief.tools.cli", "ingest", "--quiet"]
    runs = [subprocess.Popen(command, cwd=site, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=600) for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    posts = list((site / "content" / "briefings").glob("*.md"))
    assert len(posts) == 500  # one post a seed: neither run gave a seed a second post
    assert len({read_header(p.read_text())["seed"] for p in posts}) == 500


def test_two_builds_at_once_give_the_output_of_one(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    reference = make_site(tmp_path / "one")
    pelican_build(reference)
    site = make_site(tmp_path / "two")
    command = [sys.executable, "-m", "pelican", str(site / "content"), "-o", str(site / "output"), "-s", str(site / "pelicanconf.py")]
    runs = [subprocess.Popen(command, cwd=site, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) for _ in range(2)]
    outputs = [run.communicate(timeout=600)[0] for run in runs]
    assert all(run.returncode == 0 for run in runs), outputs
    assert any("another build" in out for out in outputs)  # one waited for the other
    # Pagefind's files are not the same bytes from one run to the next (its hashes vary): the
    # search index is compared by the pages each month's bundle holds
    assert indexed_urls(site / "output") == indexed_urls(reference / "output")
    ours = {p.relative_to(site / "output"): p.read_bytes() for p in (site / "output").rglob("*")
            if p.is_file() and "pagefind" not in p.parts}
    theirs = {p.relative_to(reference / "output"): p.read_bytes() for p in (reference / "output").rglob("*")
              if p.is_file() and "pagefind" not in p.parts}
    assert ours.keys() == theirs.keys()
    differ = [str(k) for k in ours if ours[k] != theirs[k]]
    assert differ == []


def test_failed_publish_leaves_the_last_good_site(tmp_path):
    site = make_site(tmp_path)
    first = make_publish(site)
    assert first.returncode == 0, first.stderr
    before = {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()}
    assert before
    (site / "theme" / "templates" / "article.html").write_text("{% extends 'base.html' %}{% block content %}{{ broken( }}{% endblock %}")
    (site / "seeds" / "new.txt").write_text(GOOD)
    second = make_publish(site)
    assert second.returncode != 0
    after = {p: p.read_bytes() for p in (site / "output").rglob("*") if p.is_file()}
    assert after == before
