"""Shared fixtures: paths, the shared corpus, and a real Pelican build in a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"
USER_SEED = SEEDS / "000_41dbb3fc443c69a3.txt"


def requires_shared(path: Path):
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is absent: it comes with ../shared beside the checkout (CI has it)")


def make_site(tmp_path: Path, seeds: Path | None = None) -> Path:
    """A copy of the project's site (settings, theme, pages) in tmp_path, with the given seeds."""
    site = tmp_path / "site"
    site.mkdir()
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, site / name)
    shutil.copytree(ROOT / "theme", site / "theme")
    shutil.copytree(ROOT / "content" / "pages", site / "content" / "pages")
    (site / "plugins").symlink_to(ROOT / "plugins")
    if seeds is None:
        shutil.copytree(SEEDS, site / "seeds")
    else:
        shutil.copytree(seeds, site / "seeds")
    return site


def pelican_build(site: Path, settings: str = "pelicanconf.py", extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the real `pelican` on a site folder, as `make html` does."""
    env = {**os.environ, **(extra_env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(site / "content"), "-o", str(site / "output"), "-s", str(site / settings)],
        cwd=site, capture_output=True, text=True, env=env, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def wirebrief(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wirebrief.cli", *args], cwd=cwd, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def built_sample_site(tmp_path_factory) -> Path:
    """The sample site (seeds/ as committed) built once by real Pelican."""
    site = make_site(tmp_path_factory.mktemp("sample"))
    pelican_build(site)
    return site
