"""`make devserver`: build, serve on 127.0.0.1, and rebuild whenever seeds/, content/,
theme/, plugins/ or the settings change. Pelican's own autoreload watches only content/,
the theme and the settings, so a seed dropped into seeds/ would wait for the next edit.

Builds run in this process (the gazetteer stays loaded: a rebuild of the sample site takes
well under a second); a change under plugins/ restarts the process to load the new code.
What a build leaves is freed while the server waits for the next change, not when it comes.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from pathlib import Path

import watchfiles

from ..files import one_line, printable
from ..settings import WirebriefSettings
from ..site.hooks import collect_garbage, keep_between_builds

log = logging.getLogger("wirebrief.tools.devserver")


def build(settings_file: Path, output: Path, search: bool) -> bool:
    from pelican import Pelican
    from pelican.settings import read_settings

    started = time.monotonic()
    try:
        # the build indexes the pages it changed for search itself (site/search.py)
        settings = read_settings(str(settings_file), override={"OUTPUT_PATH": str(output), "WIREBRIEF_SEARCH": search})
        Pelican(settings).run()
    except Exception as e:  # the server goes on serving the last good build
        log.error("build failed: %s; still serving the last build's files", one_line(e))
        return False
    finally:
        from .. import lock

        lock.release_all()  # a failed build must not keep an editor's `make html` waiting
    log.warning("built %s in %.2f s", output, time.monotonic() - started)
    return True


def build_and_tidy(settings_file: Path, output: Path, search: bool) -> bool:
    """A build, then what it leaves (its briefings, its pages) freed while the server waits
    for the next change, not when it comes."""
    try:
        return build(settings_file, output, search)
    finally:
        collect_garbage()


def serve(output: Path, host: str, port: int) -> threading.Thread:
    from pelican.server import ComplexHTTPRequestHandler, RootedHTTPServer

    class Handler(ComplexHTTPRequestHandler):
        def log_message(self, *args):  # one line per build is enough
            pass

    server = RootedHTTPServer(str(output), (host, port), Handler)  # it sets Handler.base_path
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    log.warning("serving %s on http://%s:%d/", output, host, port)
    return thread


def watched(root: Path, settings_file: Path) -> list[Path]:
    """The seed and content folders the settings name, the theme, the plugins and the settings."""
    cfg = WirebriefSettings.from_file(settings_file)
    return [p for p in (cfg.seeds_dir, cfg.content_dir, root / "theme", root / "plugins", settings_file) if p.exists()]


def run(settings_file: Path, output: Path, host: str = "127.0.0.1", port: int = 8000, search: bool = True) -> None:
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(message)s", datefmt="%H:%M:%S")
    root = settings_file.resolve().parent
    output.mkdir(parents=True, exist_ok=True)
    keep_between_builds()
    build_and_tidy(settings_file, output, search)
    serve(output, host, port)
    plugins = (root / "plugins").resolve()
    for changes in watchfiles.watch(*watched(root, settings_file), debounce=400, step=50,
                                    watch_filter=lambda change, path: not Path(path).name.startswith(".")):
        paths = {Path(p) for _, p in changes}
        if any(p.resolve().is_relative_to(plugins) and p.suffix == ".py" for p in paths):
            log.warning("plugin code changed: restarting")
            os.execv(sys.executable, [sys.executable, "-m", "wirebrief.tools.cli", *sys.argv[1:]])
        log.warning("changed: %s", printable(", ".join(sorted(str(p.relative_to(root)) if p.is_relative_to(root) else str(p) for p in paths))))
        build_and_tidy(settings_file, output, search)
