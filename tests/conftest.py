"""Shared fixtures: paths, the shared corpus, and a real Pelican build in a temporary folder."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
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


def pelican_build(site: Path, settings: str = "pelicanconf.py", extra_env: dict | None = None,
                  extra_args: list[str] | None = None) -> subprocess.CompletedProcess:
    """Run the real `pelican` on a site folder, as `make html` does."""
    env = {**os.environ, **(extra_env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "pelican", str(site / "content"), "-o", str(site / "output"), "-s", str(site / settings),
         *(extra_args or [])],
        cwd=site, capture_output=True, text=True, env=env, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def pagefind(output: Path, subdir: str = "pagefind") -> None:
    """One search index of the whole site by Pagefind's own command (the build makes one a month)."""
    result = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(output), "--output-subdir", subdir, "--silent"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr


def make_publish(site: Path, output: Path | None = None) -> subprocess.CompletedProcess:
    """`make publish` of a site folder into `output` (default: its output/)."""
    return subprocess.run(
        ["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), "publish", f"VENV={ROOT / '.venv'}",
         f"INPUTDIR={site / 'content'}", f"OUTPUTDIR={output or site / 'output'}", f"PUBLISHCONF={site / 'publishconf.py'}"],
        cwd=site, capture_output=True, text=True, timeout=600, env={**os.environ, "SITEURL": "https://news.example.org"})


def wirebrief(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "wirebrief.tools.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300, env={**os.environ, **(env or {})})


@pytest.fixture(scope="session")
def built_sample_site(tmp_path_factory) -> Path:
    """The sample site (seeds/ as committed) built once by real Pelican."""
    site = make_site(tmp_path_factory.mktemp("sample"))
    pelican_build(site)   # the search index included (site/search.py)
    return site


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextlib.contextmanager
def serve(directory: Path):
    """A static server on 127.0.0.1 (any free port) for a folder, like any static host."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def sample_url(built_sample_site):
    with serve(built_sample_site / "output") as url:
        yield url


CHROMIUM = Path("/usr/bin/chromium")
# No network but loopback here: Chromium's own background connections are switched off.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()
