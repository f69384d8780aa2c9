"""Rebuilds write only what changed: a file whose new bytes equal its old bytes is left
alone (same time stamp), so a deploy ships only what changed."""

import time
from pathlib import Path

from conftest import make_site, pelican_build


def snapshot(output: Path) -> dict[Path, tuple[int, bytes]]:
    return {p.relative_to(output): (p.stat().st_mtime_ns, p.read_bytes()) for p in output.rglob("*")
            if p.is_file() and "pagefind" not in p.parts}


def test_a_rebuild_with_nothing_changed_writes_nothing(tmp_path):
    site = make_site(tmp_path)
    pelican_build(site)
    before = snapshot(site / "output")
    time.sleep(0.05)
    pelican_build(site)
    assert snapshot(site / "output") == before


def test_after_a_new_seed_only_changed_files_are_written(tmp_path):
    site = make_site(tmp_path)
    pelican_build(site)
    before = snapshot(site / "output")
    time.sleep(0.05)
    (site / "seeds" / "new.txt").write_text("Floods close roads in Oslo\n\nOSLO, Nov. 27 (NTB) -- Heavy rain on Friday.\n")
    pelican_build(site)
    after = snapshot(site / "output")
    assert Path("briefings/floods-close-roads-in-oslo.html") in set(after) - set(before)
    rewritten = [p for p in before if after[p][0] != before[p][0]]
    assert rewritten, "the front page at least shows the new briefing"
    for path in before:
        if after[path][1] == before[path][1]:
            assert after[path][0] == before[path][0], f"{path} was rewritten with the same bytes"
        else:
            assert after[path][0] != before[path][0]
    untouched = [p for p in before if after[p][0] == before[p][0]]
    assert len(untouched) > len(before) / 2  # most of the site did not change
