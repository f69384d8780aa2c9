"""A cold build renders its pages in forked processes (site/forked.py, site/writer.py): the
same files, byte for byte, as one process renders, with the same render record and sitemaps;
a page that fails, whichever process takes it, fails the build with its own error; a build
with few pages to render (one new seed) renders them in the build's process."""

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, make_site

GENERATED = 150   # seeds: some 1,000 pages, more than forked.FORK_FROM
NEW_SEED = ("Floods close roads in Oslo\n\nOSLO, Nov. 27 (NTB) -- Heavy rain closed roads across Norway on Friday, "
            "Mayor Anne Lindboe said.\n")


def generate(tmp_path_factory, n: int) -> Path:
    """n seeds from the benchmark's generator."""
    seeds = tmp_path_factory.mktemp("generated") / "seeds"
    subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(seeds), "--n", str(n)],
                   check=True, capture_output=True)
    return seeds


@pytest.fixture(scope="module")
def generated_seeds(tmp_path_factory) -> Path:
    return generate(tmp_path_factory, GENERATED)


def build(site: Path, processes: int, *settings: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pelican", str(site / "content"), "-o", str(site / "output"), "-s", str(site / "pelicanconf.py"),
         "--verbose", "-e", f"WIREBRIEF_RENDER_PROCESSES={processes}", "WIREBRIEF_SEARCH=false", *settings],
        cwd=site, capture_output=True, text=True, timeout=300, env={**os.environ, "COLUMNS": "1000"})  # lines unwrapped


def output_files(output: Path) -> dict[str, bytes]:
    return {str(p.relative_to(output)): p.read_bytes() for p in output.rglob("*") if p.is_file()}


def record(site: Path) -> dict:
    (path,) = (site / "cache").glob("wirebrief-output-*.json")
    return json.loads(path.read_text())


def shared_among(result: subprocess.CompletedProcess, what: str = "page(s) to render") -> int:
    """The processes the build said it rendered in, or did `what` in (1 when it did not say)."""
    said = re.search(re.escape(what) + r", shared among (\d+) processes", " ".join(result.stdout.split()))
    return int(said.group(1)) if said else 1


def built_on_one_and_two(tmp_path: Path, seeds: Path):
    """Two sites of the same seeds, built cold on one process and on two: the same files, byte
    for byte (returned too)."""
    sites = []
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        sites.append(make_site(tmp_path / name, seeds))
    single, split = build(sites[0], 1), build(sites[1], 2)
    assert single.returncode == 0, single.stdout + single.stderr
    assert split.returncode == 0, split.stdout + split.stderr
    files_one, files_two = output_files(sites[0] / "output"), output_files(sites[1] / "output")
    assert len(files_one) > 500
    assert sorted(files_two) == sorted(files_one)
    assert [name for name in files_one if files_one[name] != files_two[name]] == []
    return *sites, single, split, files_two


def test_pages_rendered_in_two_processes_are_the_files_one_process_renders(tmp_path, generated_seeds):
    one, two, single, split, files_two = built_on_one_and_two(tmp_path, generated_seeds)
    assert shared_among(single) == 1
    assert shared_among(split) == 2, "the cold build did not fork: the test no longer tests forking"
    # the parent's record of what was made (each file's size and time) covers every page
    # the children wrote, and the pages kept out of the sitemap are the same
    made_one, made_two = record(one), record(two)
    assert sorted(made_two["files"]) == sorted(made_one["files"])
    assert made_two["unlisted"] == made_one["unlisted"]
    assert sorted(made_two["last_build"]["rendered"]) == sorted(made_one["last_build"]["rendered"])
    for name, entry in made_two["files"].items():
        _, size, mtime = entry.split(" ")
        size, mtime = int(size), int(mtime)
        if size >= 0:
            stat = (two / "output" / name).stat()
            assert (stat.st_size, stat.st_mtime_ns) == (size, mtime), name

    # and the next build, with nothing changed, renders nothing
    again = build(two, 2)
    assert again.returncode == 0, again.stdout + again.stderr
    assert output_files(two / "output") == files_two
    # nor, with one new seed, any page that does not show it: the keys a cold build records
    # (worked out while the forked processes render, writer.py) are those a build works out
    rendered = []
    for site in (one, two):
        (site / "seeds" / "new.txt").write_text(NEW_SEED)
        result = build(site, 2)
        assert result.returncode == 0, result.stdout + result.stderr
        rendered.append(sorted(record(site)["last_build"]["rendered"]))
    assert rendered[0] == rendered[1]
    assert 0 < len(rendered[1]) < 80 and any("floods-close-roads-in-oslo" in name for name in rendered[1]), rendered[1]

    # without the render plan (WIREBRIEF_INCREMENTAL = False) too
    (tmp_path / "three").mkdir()
    three = make_site(tmp_path / "three", generated_seeds)
    whole = build(three, 2, "WIREBRIEF_INCREMENTAL=false")
    assert whole.returncode == 0, whole.stdout + whole.stderr
    assert shared_among(whole) == 2
    assert output_files(three / "output") == files_two


def test_one_new_seed_renders_in_the_builds_process(tmp_path, generated_seeds):
    site = make_site(tmp_path, generated_seeds)
    assert build(site, 2).returncode == 0
    (site / "seeds" / "new.txt").write_text(NEW_SEED)
    result = build(site, 2)
    assert result.returncode == 0, result.stdout + result.stderr
    assert shared_among(result) == 1
    assert "Floods close roads in Oslo" in next((site / "output").rglob("floods-close-roads-in-oslo*.html")).read_text()


@pytest.mark.parametrize("which", ["first", "last"])
def test_a_page_that_fails_fails_the_build_with_its_own_error(tmp_path, generated_seeds, which):
    """The first page is taken by the build's process, the last most likely by the other: either
    way the build fails, naming the template's error, and no half-written page is left."""
    site = make_site(tmp_path, generated_seeds)
    assert build(site, 1).returncode == 0
    posts = sorted(p.name for p in (site / "content" / "briefings").glob("*.md"))
    doomed = posts[0] if which == "first" else posts[-1]
    template = site / "theme" / "templates" / "article.html"
    template.write_text(template.read_text().replace(
        "{% block content %}",
        "{% block content %}{% if article.source_path.endswith('/" + doomed + "') %}{{ raise_on_purpose() }}{% endif %}", 1))
    shutil.rmtree(site / "output")
    result = build(site, 2)
    assert result.returncode != 0
    assert "raise_on_purpose" in result.stdout + result.stderr
    assert not list((site / "output").rglob("*.tmp*"))
