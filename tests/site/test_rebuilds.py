"""Rebuilds write only what changed: a file whose new bytes equal its old bytes is left
alone (same time stamp), so a deploy ships only what changed."""

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest

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



BUILDS_IN_ONE_PROCESS = """
import json, sys, weakref
from pathlib import Path
from pelican import Pelican, signals
from pelican.settings import read_settings
from wirebrief.extract import gazetteer
from wirebrief.site.hooks import keep_between_builds
from wirebrief.tools.devserver import build_and_tidy

mode, pause = sys.argv[1], sys.argv[2] == "pause"
template = Path("theme/templates/article.html").read_text()
builds, held, tables = [], [], []
if mode == "devserver":
    keep_between_builds()   # as the devserver does
signals.article_generator_finalized.connect(lambda g: builds[-1].extend(map(weakref.ref, g.articles)), weak=False)
for i in range(3):
    (Path("seeds") / f"drop-{i}.txt").write_text(f"Drop number {i} reaches the desk\\n\\nOSLO, Nov. 27 (NTB) -- Item {i}.\\n")
    fail = i == 1   # a build that fails while it renders, the briefings read and summarised
    broken = template.replace("{% block meta %}", "{% block meta %}{{ article.no_such_field.at_all }}", 1)
    Path("theme/templates/article.html").write_text(broken if fail else template)
    builds.append([])
    if mode == "devserver":
        built = build_and_tidy(Path("pelicanconf.py"), Path("output"), search=False)
        held.append(sum(r() is not None for r in builds[-1]))        # this build's, once it has ended
    else:   # as `pelican -r` builds again: Pelican's own run, nothing done between builds
        settings = read_settings("pelicanconf.py", override={"OUTPUT_PATH": "output", "WIREBRIEF_SEARCH": False,
                                                             "WIREBRIEF_PAUSE_GC": pause})
        try:
            Pelican(settings).run()
            built = True
        except Exception:
            built = False
        held.append(sum(r() is not None for r in builds[-2]) if i else 0)   # the previous build's
    assert built is not fail and builds[-1], (i, built, len(builds[-1]))
    tables.append(bool(gazetteer._RESTORED) or any(t.build.cache_info().currsize for t in gazetteer._TABLES))
print(json.dumps([held, tables]))
"""


@pytest.mark.parametrize("mode,pause", [("devserver", "pause"), ("pelican -r", "pause"), ("pelican -r", "no-pause")])
def test_what_a_process_that_builds_again_holds_between_builds(tmp_path, mode, pause):
    # `make devserver` builds in one process all day: a build's briefings must be freed, after
    # a build that failed while rendering too (Pelican memoizes every briefing's content and
    # summary in one dict of its Content class, which kept every build alive: +160 MB a
    # rebuild at 10,000 briefings). The devserver frees them while it waits; a process that
    # just builds again (`pelican -r`), when the next build starts, with the collector paused
    # during builds (WIREBRIEF_PAUSE_GC) or not. Ingest's gazetteer (43 MB) is let go once
    # ingest is done, but for the devserver, which keeps it for its next build.
    site = make_site(tmp_path)
    result = subprocess.run([sys.executable, "-c", BUILDS_IN_ONE_PROCESS, mode, pause], cwd=site,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    held, tables = json.loads(result.stdout.strip().splitlines()[-1])
    assert held == [0, 0, 0]
    assert tables == [mode == "devserver"] * 3
