"""Rebuilds write only what changed: a file whose new bytes equal its old bytes is left
alone (same time stamp), so a deploy ships only what changed."""

import json
import subprocess
import sys
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


BUILDS_IN_ONE_PROCESS = """
import gc, json, sys, weakref
from pathlib import Path
from pelican.contents import Article
from wirebrief.tools.devserver import build
from wirebrief.site.hooks import collect_garbage

earlier, alive = [], []
for i in range(3):
    (Path("seeds") / f"drop-{i}.txt").write_text(f"Drop number {i} reaches the desk\\n\\nOSLO, Nov. 27 (NTB) -- Item {i}.\\n")
    fail = i == 1   # a build that fails while it renders, the briefings read and summarised
    broken = template.replace("{% block meta %}", "{% block meta %}{{ article.no_such_field.at_all }}", 1)
    Path("theme/templates/article.html").write_text(broken if fail else template)
    assert build(Path("pelicanconf.py"), Path("output"), search=False) is not fail
    collect_garbage()
    now = [o for o in gc.get_objects() if isinstance(o, Article)]
    alive.append([len(now), sum(r() is not None for r in earlier)])
    earlier = [weakref.ref(o) for o in now]
    del now
print(json.dumps(alive))
"""


def test_a_process_that_builds_again_holds_no_earlier_build(tmp_path):
    # `make devserver` builds in one process all day: a build's briefings must go once the
    # next build has started, whatever became of it (Pelican memoizes every briefing's
    # content and summary in one dict of its Content class, which kept every build alive)
    site = make_site(tmp_path)
    template = (site / "theme" / "templates" / "article.html").read_text()
    result = subprocess.run([sys.executable, "-c", f"template = {template!r}\n" + BUILDS_IN_ONE_PROCESS], cwd=site,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    alive = json.loads(result.stdout.strip().splitlines()[-1])
    assert alive[0][0] == 0, "after a build and a collection, none of its briefings is held"
    assert alive[1][0] == 0, "nor after a build that failed while it rendered"
    assert alive[2] == [0, 0]
