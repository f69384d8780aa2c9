"""Dates never move: a briefing's date, once given, is its date, whoever builds the site and when.

Copy with no year or no date is dated against the time its seed was received, which is fixed at
the first ingest in seeds/received.tsv; a seed that has no entry yet takes the time git first
committed it (a checkout's file times are the checkout's), else its file time."""

import os
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

from conftest import ROOT, make_site, pelican_build
from test_search_index import indexed_urls
from wirebrief.ingest.post import read_header
from wirebrief.ingest.received import LEDGER_NAME, Ledger

COMMITTED = "2024-11-28T10:00:00+00:00"
UNDATED = "Harbour reopens\n\nThe harbour reopened on Tuesday after storm repairs, the port authority said.\n"
YEARLESS = "Heavy rain in Oslo\n\nOSLO, Nov. 27 (NTB) -- Heavy rain closed roads across the capital.\n"


def git(cwd: Path, *args: str, env: dict | None = None) -> str:
    base = {**os.environ, "GIT_AUTHOR_NAME": "Desk", "GIT_AUTHOR_EMAIL": "desk@example.org",
            "GIT_COMMITTER_NAME": "Desk", "GIT_COMMITTER_EMAIL": "desk@example.org", **(env or {})}
    return subprocess.run(["git", *args], cwd=cwd, env=base, check=True, capture_output=True, text=True).stdout


def newsroom_repository(tmp_path: Path) -> Path:
    """The sample site in a git repository, plus two seeds that the ledger does not know yet."""
    site = make_site(tmp_path)
    (site / "plugins").unlink()
    shutil.copytree(ROOT / "plugins", site / "plugins",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    (site / "seeds" / "harbour.txt").write_text(UNDATED)
    (site / "seeds" / "oslo-rain.txt").write_text(YEARLESS)
    shutil.copy(ROOT / ".gitignore", site / ".gitignore")
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "-A")
    git(site, "commit", "-qm", "Samples and two new seeds", env={"GIT_AUTHOR_DATE": COMMITTED, "GIT_COMMITTER_DATE": COMMITTED})
    return site


def clone_and_build(origin: Path, where: Path, file_time: datetime) -> Path:
    git(where.parent, "clone", "-q", str(origin), str(where))
    for path in (where / "seeds").iterdir():   # as if checked out on another day
        os.utime(path, (file_time.timestamp(), file_time.timestamp()))
    pelican_build(where)
    return where


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def post_for(site: Path, seed: str) -> dict[str, str]:
    for path in (site / "content" / "briefings").glob("*.md"):
        header = read_header(path.read_text(encoding="utf-8"))
        if header.get("seed") == f"seeds/{seed}":
            return header
    raise AssertionError(f"no post for {seed}")


def test_two_fresh_clones_built_on_different_days_give_the_same_bytes(tmp_path):
    origin = newsroom_repository(tmp_path)
    a = clone_and_build(origin, tmp_path / "a", datetime(2027, 3, 1, tzinfo=timezone.utc))
    b = clone_and_build(origin, tmp_path / "b", datetime(2031, 8, 9, tzinfo=timezone.utc))
    posts_a, posts_b = tree(a / "content" / "briefings"), tree(b / "content" / "briefings")
    posts_a.pop(".wirebrief-state.json"), posts_b.pop(".wirebrief-state.json")   # holds inodes and file times
    assert posts_a == posts_b and len(posts_a) == 25
    # Pagefind's bytes vary from run to run: its index is compared by the pages each bundle holds
    assert indexed_urls(a / "output") == indexed_urls(b / "output")
    assert ({k: v for k, v in tree(a / "output").items() if not k.startswith("pagefind/")}
            == {k: v for k, v in tree(b / "output").items() if not k.startswith("pagefind/")})
    # the dates are the copy's, or the commit's where the copy has none; never the checkout's
    assert post_for(a, "harbour.txt")["date"] == "2024-11-28T10:00+00:00"
    assert post_for(a, "harbour.txt")["date_source"] == "received"
    assert post_for(a, "oslo-rain.txt")["date"] == "2024-11-27"
    assert post_for(a, "tass-moscow-metro-line.txt")["date"] == "2023-01-21"
    # the first ingest recorded what it chose, beside the seeds, for the desk to commit
    ledger = Ledger(a / "seeds")
    assert ledger.entries["harbour.txt"][0] == "2024-11-28T10:00:00Z"
    assert (a / "seeds" / LEDGER_NAME).read_bytes() == (b / "seeds" / LEDGER_NAME).read_bytes()


def test_a_recorded_time_stands_and_a_new_seed_outside_git_takes_its_file_time(tmp_path):
    site = make_site(tmp_path)   # not a git repository
    seed = site / "seeds" / "harbour.txt"
    seed.write_text(UNDATED)
    dropped = datetime(2025, 6, 3, 8, 15, tzinfo=timezone.utc).timestamp()
    os.utime(seed, (dropped, dropped))
    pelican_build(site)
    assert post_for(site, "harbour.txt")["date"] == "2025-06-03T08:15+00:00"
    # touched, copied about, moved: the date stays
    os.utime(seed, (dropped + 9 * 86400, dropped + 9 * 86400))
    seed.rename(site / "seeds" / "harbour-reopens.txt")
    pelican_build(site)
    assert post_for(site, "harbour-reopens.txt")["date"] == "2025-06-03T08:15+00:00"
    assert "harbour.txt" not in Ledger(site / "seeds").entries


def test_git_history_is_read_whole_and_a_shallow_clone_is_not_asked(tmp_path):
    origin = newsroom_repository(tmp_path)
    odd = origin / "seeds" / "2021-05-05"   # a name that looks like a commit's time
    odd.write_text(UNDATED)
    (origin / "seeds" / "later.txt").write_text(YEARLESS)
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "More", env={"GIT_AUTHOR_DATE": "2025-02-03T04:05:06+02:00"})
    first = Ledger(origin / "seeds")._first_commits()
    assert first["harbour.txt"] == "2024-11-28T10:00:00Z"
    assert first["2021-05-05"] == first["later.txt"] == "2025-02-03T02:05:06Z"
    shallow = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(shallow))
    assert Ledger(shallow / "seeds")._first_commits() == {}   # every file would look added by the tip


def test_an_editor_corrects_the_received_time_and_the_story_is_dated_again(tmp_path):
    site = make_site(tmp_path)
    (site / "seeds" / "harbour.txt").write_text(UNDATED)
    pelican_build(site)
    ledger = site / "seeds" / LEDGER_NAME
    lines = [line if not line.startswith("harbour.txt\t") else
             "harbour.txt\t2025-01-02T07:00:00Z\t" + line.split("\t")[2] for line in ledger.read_text().splitlines()]
    ledger.write_text("\n".join(lines) + "\n")
    pelican_build(site)
    assert post_for(site, "harbour.txt")["date"] == "2025-01-02T07:00+00:00"


# the desk saves a corrected time into the ledger while ingest runs: after ingest read the
# ledger, before it writes it back with the new seed's entry
CORRECTED_DURING_INGEST = """
import sys as _sys
from pathlib import Path as _Path
_sys.path.insert(0, str(_Path(__file__).parent / "plugins"))
from wirebrief.ingest import received as _received

_ingest_saves = _received.Ledger.save


def _desk_corrects_then_ingest_saves(self, current):
    flag = self.seeds_dir.parent / "correct-now"
    if flag.exists():
        flag.unlink()
        lines = [line if not line.startswith("harbour.txt\\t") else
                 "harbour.txt\\t2025-01-02T07:00:00Z\\t" + line.split("\\t")[2]
                 for line in self.path.read_text().splitlines()]
        self.path.write_text("\\n".join(lines) + "\\n")
    _ingest_saves(self, current)


_received.Ledger.save = _desk_corrects_then_ingest_saves
"""


def test_a_time_corrected_while_ingest_runs_is_kept_and_dates_the_story_next_build(tmp_path):
    site = make_site(tmp_path)
    with (site / "pelicanconf.py").open("a") as conf:
        conf.write(CORRECTED_DURING_INGEST)
    (site / "seeds" / "harbour.txt").write_text(UNDATED)
    pelican_build(site)
    (site / "correct-now").touch()
    (site / "seeds" / "oslo-rain.txt").write_text(YEARLESS)   # ingest has an entry to add
    pelican_build(site)
    assert not (site / "correct-now").exists()
    entries = Ledger(site / "seeds").entries
    assert entries["harbour.txt"][0] == "2025-01-02T07:00:00Z"   # the desk's time, not overwritten
    assert "oslo-rain.txt" in entries                           # and ingest's new entry too
    pelican_build(site)                                         # not "nothing changed": dated again
    assert post_for(site, "harbour.txt")["date"] == "2025-01-02T07:00+00:00"


def test_posts_are_the_record_an_edit_committed_is_live_from_a_fresh_clone(tmp_path):
    origin = newsroom_repository(tmp_path)
    pelican_build(origin)   # the desk's machine: seeds become posts, then the desk commits them
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "Posts")
    post = origin / "content" / "briefings" / "moscow-opens-new-section-of-its-big-circle-metro-line.md"
    post.write_text(post.read_text().replace("Moscow opened", "Moscow proudly opened", 1))
    git(origin, "commit", "-qam", "Desk: correct the lede")
    fresh = clone_and_build(origin, tmp_path / "deploy", datetime(2030, 1, 1, tzinfo=timezone.utc))
    page = (fresh / "output" / "briefings" / "moscow-opens-new-section-of-its-big-circle-metro-line.html").read_text()
    assert "Moscow proudly opened" in page
    assert git(fresh, "status", "--porcelain") == ""   # the build made nothing the repository lacks


def test_the_sample_posts_committed_here_are_what_ingest_makes(tmp_path):
    # the repository's own record: seeds, their received times and their posts agree
    root = ROOT
    site = make_site(tmp_path)
    shutil.copytree(root / "content" / "briefings", site / "content" / "briefings",
                    ignore=shutil.ignore_patterns(".wirebrief-state.json"))
    committed = tree(site / "content" / "briefings")
    report = subprocess.run([sys.executable, "-m", "wirebrief.tools.cli", "ingest"], cwd=site, capture_output=True, text=True)
    assert report.returncode == 0, report.stderr
    after = tree(site / "content" / "briefings")
    after.pop(".wirebrief-state.json")
    assert after == committed, "run `make html` and commit content/briefings/"
