"""Extraction on several processes (ingest/pool.py): the same posts, ledger and report lines
as on one, failures included; a worker killed by the system loses nothing."""

import json
import os
import shutil
import subprocess
import sys
from functools import partial
from pathlib import Path

from wirebrief.ingest import pool, sync
from wirebrief.ingest.sync import ingest
from wirebrief.settings import WirebriefSettings

from conftest import ROOT, SEEDS
from test_agency_formats import BILLION_LAUGHS, NINJS, NITF, g2
from test_photos import SEED as PHOTO_SEED, photo

DAY = 1_767_225_600   # 2026-01-01T00:00Z: the time of the seeds written here (generated ones carry their own)


def drop_folder(tmp_path: Path) -> Path:
    """The sample seeds, 120 generated ones, agency files, a photo and seeds that fail: in
    the parent (a hostile agency file, an empty file) and in the extractor (no headline)."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(seeds / "generated"), "--n", "120"],
                   check=True, timeout=120)
    files = {
        "agency/oil.xml": g2(), "agency/update.xml": g2(version=2), "agency/nitf.xml": NITF.encode("iso-8859-1"),
        "agency/typhoon.json": json.dumps(NINJS["1.x"]).encode(), "agency/laughs.xml": BILLION_LAUGHS,
        "harbin.txt": PHOTO_SEED.encode(), "empty.txt": b"", "noheadline.txt": b"x" * 400 + b"\n\nbody",
    }
    for name, data in files.items():
        (seeds / name).parent.mkdir(exist_ok=True)
        (seeds / name).write_bytes(data)
    photo(seeds / "harbin.jpg", size=(1300, 866))
    for name in [*files, "harbin.jpg"]:
        os.utime(seeds / name, (DAY, DAY))
    return seeds


def run(seeds: Path, site: Path, workers: int) -> tuple[list[str], dict[str, bytes]]:
    """A real ingest of a copy of the drop folder: its report lines, and every file it wrote
    but its state file (which holds the copy's inode numbers and file times)."""
    shutil.copytree(seeds, site / "seeds", copy_function=shutil.copy2)
    report = ingest(WirebriefSettings(seeds_dir=site / "seeds", content_dir=site / "content", workers=workers))
    written = {str(p.relative_to(site)): p.read_bytes() for p in sorted((site / "content").rglob("*"))
               if p.is_file() and p.name != sync.STATE_NAME}
    written["seeds/received.tsv"] = (site / "seeds" / "received.tsv").read_bytes()
    return [e.line() for e in report.events], written


def test_two_workers_write_what_one_writes(tmp_path, monkeypatch):
    seeds = drop_folder(tmp_path)
    pids = tmp_path / "pids"
    real = sync._extract

    def extract_noting_the_process(*args):   # forked workers inherit the patch, and say who they are
        with open(pids, "a") as f:
            f.write(f"{os.getpid()}\n")
        return real(*args)

    monkeypatch.setattr(sync, "_extract", extract_noting_the_process)
    serial = run(seeds, tmp_path / "serial", workers=1)
    assert set(pids.read_text().split()) == {str(os.getpid())}
    pids.unlink()
    parallel = run(seeds, tmp_path / "parallel", workers=2)
    workers = set(pids.read_text().split())
    assert workers and str(os.getpid()) not in workers   # extraction ran in the pool's processes

    assert parallel[0] == serial[0]
    assert parallel[1].keys() == serial[1].keys()
    assert [k for k in serial[1] if parallel[1][k] != serial[1][k]] == []
    lines = serial[0]
    assert "seeds/noheadline.txt: skipped: ExtractionError: no headline: the first line is 400 characters long " \
           "(a headline has at most 300)" in lines
    assert "seeds/empty.txt: skipped: empty file" in lines
    assert any(line.startswith("seeds/agency/laughs.xml: skipped: unsafe XML refused") for line in lines)
    assert sum(": created from seeds/generated/" in line for line in lines) >= 100
    for post in ("oil-jumps-as-opec-agrees-deeper-cuts.md", "typhoon-nears-okinawa.md", "harbin-opens-ice-festival.md"):
        assert f"content/briefings/{post}" in serial[1]
    assert any(name.startswith("content/images/briefings/harbin-opens-ice-festival-") for name in serial[1])


def _dies_in_a_worker(parent: int, said: Path, job: int) -> int:
    if job == 70 and os.getpid() != parent:
        said.write_text("died")
        os._exit(1)   # as the kernel's OOM killer would end it
    return job * job


def test_a_killed_worker_loses_no_job(tmp_path):
    jobs, said = range(200), tmp_path / "said"
    fn = partial(_dies_in_a_worker, os.getpid(), said)
    assert pool.map_in_order(fn, iter(jobs), len(jobs), 2) == [j * j for j in jobs]
    assert said.read_text() == "died"   # the pool did break


_EXTRACT_AND_DRAFT = sync._extract_and_draft


def _without_draft(job, options):
    answer = _EXTRACT_AND_DRAFT(job, options)
    return answer if isinstance(answer, str) else (answer[0], None)


def test_posts_drafted_in_the_workers_are_the_posts_the_build_would_render(tmp_path, monkeypatch):
    """Workers draft each seed's post as a story of its own, without a photo (sync.py); the
    build's process uses a draft only where that is what it would render. The drop folder holds
    the cases where it is not: a later version, a photo, a correction (a field beside the record)
    and headlines that two seeds share (the second takes another name)."""
    seeds = drop_folder(tmp_path)
    for name, place in (("same-1.txt", "ATHENS"), ("same-2.txt", "LISBON")):   # two stories, one headline
        (seeds / name).write_text(f"Ferry strike halts island traffic\n\n{place}, Jan. 1 (Xinhua) -- Ferries stayed in "
                                  "port on Thursday as crews walked out.\n")
    (seeds / "corrected.txt").write_text("CORRECTED-Oil rises on supply worries\n\n(Corrects day of the week in paragraph 1)"
                                         "\n\nLONDON, Jan. 1 (Reuters) - Oil prices rose on Thursday on supply worries.\n")
    for name in ("same-1.txt", "same-2.txt", "corrected.txt"):
        os.utime(seeds / name, (DAY, DAY))
    parent, rendered = os.getpid(), []
    real = sync.posts.render

    def render_noting_the_process(*args, **kwargs):
        if os.getpid() == parent:
            rendered.append(kwargs["slug"])
        return real(*args, **kwargs)

    monkeypatch.setattr(sync.posts, "render", render_noting_the_process)
    drafted = run(seeds, tmp_path / "drafted", workers=2)
    rendered_with_drafts = sorted(rendered)
    rendered.clear()
    monkeypatch.setattr(sync, "_extract_and_draft", _without_draft)
    plain = run(seeds, tmp_path / "plain", workers=2)

    assert drafted[0] == plain[0]
    assert drafted[1].keys() == plain[1].keys()
    assert [k for k in plain[1] if drafted[1][k] != plain[1][k]] == []
    posts = [k for k in plain[1] if k.startswith("content/briefings/")]
    assert len(rendered) == len(posts) > 120   # without drafts, the build's process renders every post
    assert "ferry-strike-halts-island-traffic-2" in plain[1]["content/briefings/ferry-strike-halts-island-traffic-2.md"].decode()
    # with them, only those a draft is not: the photo, the two versions, the correction
    assert set(rendered_with_drafts) == {"harbin-opens-ice-festival", "oil-jumps-as-opec-agrees-deeper-cuts",
                                         "oil-rises-on-supply-worries"}, rendered_with_drafts
