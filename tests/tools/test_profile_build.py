"""benchmarks/profile_build.py, the profile behind benchmarks/README.md's gaps: it times each
function it lists, so a function renamed, or called through a name imported elsewhere (which
its wrapper would not see), must show, not read as a cost of zero."""

import re
import subprocess
import sys

from conftest import ROOT, make_site, pelican_build

sys.path.insert(0, str(ROOT / "benchmarks"))
import profile_build  # noqa: E402


def _rows(text: str, header: str) -> dict[str, list[str]]:
    table = text.split(header, 1)[1].split("\n\n", 1)[0]
    return {cells[0]: cells[1:] for line in table.splitlines()[2:]
            if (cells := [c.strip() for c in line.strip("|").split("|")])}


def test_a_one_new_seed_build_calls_every_function_the_profile_lists(tmp_path):
    site = make_site(tmp_path)
    pelican_build(site, extra_args=["-e", "WIREBRIEF_SEARCH=false"])
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "profile_build.py"), str(site), "--runs", "1"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    functions = _rows(done.stdout, "| function | s | calls |")
    assert len(functions) == len(profile_build.FUNCTIONS)
    for name, (seconds, calls) in functions.items():
        assert int(calls.replace(",", "")) >= 1, f"{name}: never called, so never timed"
    phases = _rows(done.stdout, "| phase | s | resident MB at its end | peak MB so far |")
    assert {"ingest", "reading posts (Pelican)", "day, month, tag, category, facet pages, feeds"} <= set(phases)
    for seconds, resident, peak in phases.values():
        assert 0 < int(resident) <= int(peak)
    # the build it profiled was a real one: the new seed is a page of the site
    new = next((site / "seeds").glob("profile-*.txt"))
    number = re.search(r"number (\d+)", new.read_text()).group(1)
    assert list((site / "output" / "briefings").glob(f"new-briefing-number-{number}-*.html"))
