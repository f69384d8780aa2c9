"""A build with nothing to do ends before Pelican reads anything (site/uptodate.py), and any
change of a seed, a post, the settings or the output makes it build again."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from conftest import make_site, pelican_build
from wirebrief.site import uptodate

SAID = "nothing changed since the last build"


def output_files(site: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in (site / "output").rglob("*") if p.is_file()}


def test_nothing_changed_is_nothing_to_do_and_every_change_builds(tmp_path):
    site = make_site(tmp_path)
    (site / "seeds" / "empty.txt").write_text("")           # a bad seed: its warning is told every time
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


def test_an_embargo_lifting_is_something_to_do():
    record = {"inputs": "x", "output": None, "folders": [], "next_embargo": None}
    lifts = datetime(2026, 12, 4, 12, tzinfo=timezone.utc)
    record["output"] = uptodate.folders_state(Path("/nonexistent"), [])
    assert uptodate.nothing_to_do(record, "x", Path("/nonexistent"), now=lifts)
    record["next_embargo"] = lifts.isoformat()
    assert uptodate.nothing_to_do(record, "x", Path("/nonexistent"), now=lifts - timedelta(minutes=1))
    assert not uptodate.nothing_to_do(record, "x", Path("/nonexistent"), now=lifts)
    assert not uptodate.nothing_to_do(record, "y", Path("/nonexistent"), now=lifts - timedelta(minutes=1))
