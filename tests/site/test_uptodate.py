"""A build with nothing to do ends before Pelican reads anything (site/uptodate.py), and any
change of a seed, a post, the settings or the output makes it build again."""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from conftest import make_site, pelican_build
from wirebrief.site import uptodate

SAID = "nothing changed since the last build"


def output_files(site: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in (site / "output").rglob("*") if p.is_file()}


def test_nothing_changed_is_nothing_to_do_and_every_change_builds(tmp_path):
    site = make_site(tmp_path)
    (site / "seeds" / "empty.txt").write_text("")           # a bad seed: its warning is told every time
    (site / "seeds" / "gone.txt").symlink_to(site / "nowhere.txt")   # and a link to nothing
    first = pelican_build(site)
    assert "empty.txt" in first.stdout + first.stderr
    before = output_files(site)
    again = pelican_build(site)
    assert SAID in again.stdout and "empty.txt" in again.stdout + again.stderr
    assert output_files(site) == before

    post = sorted((site / "content" / "briefings").glob("*.md"))[0]
    post.write_text(post.read_text(encoding="utf-8").replace("title: ", "title: Edited: ", 1), encoding="utf-8")
    edited = pelican_build(site)                              # an edit in place: built
    assert SAID not in edited.stdout
    page = next(p for p in (site / "output" / "briefings").glob("*.html") if "Edited: " in p.read_text(encoding="utf-8"))

    page.unlink()                                             # an output file gone: built again
    assert SAID not in pelican_build(site).stdout and page.exists()
    assert SAID in pelican_build(site).stdout

    no_search = pelican_build(site, extra_args=["-e", "WIREBRIEF_SEARCH=false"])   # other settings: built
    assert SAID not in no_search.stdout
    assert SAID not in pelican_build(site).stdout            # and back
    assert SAID in pelican_build(site).stdout

    (site / "seeds" / "dropped.txt").write_text("Floods close roads in Oslo\n\nOSLO, Nov. 27 (NTB) -- Heavy rain.\n")
    assert SAID not in pelican_build(site).stdout            # a new seed: built (its arrival noted in received.tsv)
    assert SAID in pelican_build(site).stdout                # and then nothing to do


def test_an_embargo_lifting_is_something_to_do():
    record = {"inputs": "x", "output": None, "folders": [], "next_embargo": None}
    lifts = datetime(2026, 12, 4, 12, tzinfo=timezone.utc)
    record["output"] = uptodate.folders_state(Path("/nonexistent"), [])
    assert uptodate.nothing_to_do(record, "x", Path("/nonexistent"), now=lifts)
    record["next_embargo"] = lifts.isoformat()
    assert uptodate.nothing_to_do(record, "x", Path("/nonexistent"), now=lifts - timedelta(minutes=1))
    assert not uptodate.nothing_to_do(record, "x", Path("/nonexistent"), now=lifts)
    assert not uptodate.nothing_to_do(record, "y", Path("/nonexistent"), now=lifts - timedelta(minutes=1))


# an editor saving a file while a build runs: for a post, a hook on a signal that fires after
# the posts were read; for the seeds' ledger, right after ingest wrote it (ingest's own save,
# followed by the editor's)
SAVED_MID_BUILD = """
import sys as _sys
from pathlib import Path as _Path
from pelican import signals as _signals

_SITE = _Path(__file__).parent
_sys.path.insert(0, str(_SITE / "plugins"))
from wirebrief.ingest import received as _received


def _flag(what):
    flag = _SITE / "save-now"
    if flag.exists() and flag.read_text() == what:
        flag.unlink()
        return True
    return False


def _editor_saves_a_post(generator):
    if _flag("post"):
        post = sorted((_SITE / "content" / "briefings").glob("*.md"))[0]
        post.write_text(post.read_text(encoding="utf-8").replace("title: ", "title: Saved mid-build: ", 1), encoding="utf-8")


_ingest_saves = _received.Ledger.save


def _editor_saves_the_ledger(self, current):
    _ingest_saves(self, current)
    if _flag("ledger"):
        self.path.write_text(self.path.read_text(encoding="utf-8") + "# checked by the desk\\n", encoding="utf-8")


_received.Ledger.save = _editor_saves_the_ledger
_signals.article_generator_finalized.connect(_editor_saves_a_post, weak=False)
"""


@pytest.mark.parametrize("what", ["post", "ledger"])
def test_a_file_saved_while_a_build_runs_is_built_by_the_next(tmp_path, what):
    site = make_site(tmp_path)
    with (site / "pelicanconf.py").open("a") as conf:
        conf.write(SAVED_MID_BUILD)
    pelican_build(site)
    assert (site / "seeds" / "received.tsv").exists()
    (site / "save-now").write_text(what)
    # something for this build to do (a new seed: ingest writes the ledger)
    (site / "seeds" / "dropped.txt").write_text("Floods close roads in Oslo\n\nOSLO, Nov. 27 (NTB) -- Heavy rain.\n")
    pelican_build(site)                                   # the save lands while this build runs
    assert not (site / "save-now").exists()
    after = pelican_build(site)
    assert SAID not in after.stdout
    if what == "post":
        assert any("Saved mid-build: " in p.read_text(encoding="utf-8") for p in (site / "output" / "briefings").glob("*.html"))
    assert SAID in pelican_build(site).stdout
