"""Where one build's time and memory go: the profile behind benchmarks/README.md's "gaps".

    python benchmarks/profile_build.py SITE [--cold] [--runs 3] [--search]

SITE is a Wirebrief site that `run.py` or `generate.py` and a first build made (seeds/,
content/, pelicanconf.py, plugins/). Each run is a fresh process that builds as `make html`
does (`pelican content -o output -s pelicanconf.py -q`, with `-e WIREBRIEF_SEARCH=false`
unless --search): after one new seed dropped into seeds/, or, with --cold, with the site's
posts, cache and output moved aside into SITE/.profile-aside/ (kept: deleting many files just
before a build slows the disk, see run.py's clean(); delete the folder when nothing is being
timed). In that process the functions listed in
FUNCTIONS are wrapped with `time.perf_counter` (no profiler: cProfile doubles the time of the
small functions called 200,000 times a build), and the resident memory (VmRSS, and the peak
so far, VmHWM) is read at the end of each phase that `pelican -v` logs. Work done in forked
processes (a cold build's extraction, reading and rendering on both cores) is not timed
function by function: its phase's time and the children's largest resident size say it.
The import floor is a fresh `python -c` that imports what a build imports (this checkout's
plugin), timed whole.

Prints Markdown tables: medians over the runs (min–max).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

# (module that defines it, attribute path, what it is): a function is wrapped there and in every
# module that imported its name; nested ones count in their callers too
FUNCTIONS = [
    ("wirebrief.ingest.sync", "_read_many", "ingest: reading and extracting the new or changed seeds"),
    ("wirebrief.ingest.sync", "_load_gazetteer", "ingest: loading the gazetteer (inside the line above)"),
    ("wirebrief.ingest.seeds", "find_seeds", "ingest: listing the seeds"),
    ("wirebrief.ingest.sync", "_scan_posts", "ingest: listing the posts"),
    ("wirebrief.ingest.sync", "_load_state", "ingest: reading its state"),
    ("wirebrief.ingest.sync", "_save_state", "ingest: writing its state"),
    ("wirebrief.ingest.stories", "group", "ingest: grouping versions into stories"),
    ("wirebrief.ingest.review", "review_articles", "review: the briefings to check"),
    ("pelican.cache", "FileDataCacher.__init__", "Pelican: loading its content cache"),
    ("wirebrief.site.uptodate", "inputs", "up-to-date check: digest of every source file"),
    ("wirebrief.site.uptodate", "output_folders", "up-to-date check: output folders"),
    ("wirebrief.site.facets", "file_under_facets", "facets: places, people, countries"),
    ("wirebrief.site.facets", "related", "related briefings (once a briefing)"),
    ("wirebrief.site.renderplan", "site_fingerprint", "render plan: the site's fingerprint"),
    ("wirebrief.site.renderplan", "RenderPlan.__init__", "render plan: reading the last build's record"),
    ("wirebrief.site.renderplan", "Keys.key", "render plan: each page's key"),
    ("wirebrief.site.renderplan", "RenderPlan.fresh", "render plan: each page's file against the record"),
    ("wirebrief.site.renderplan", "RenderPlan.finish", "render plan: removals and the record written"),
    ("jinja2.environment", "Template.render", "Jinja: rendering (in this process)"),
    ("jinja2.environment", "Environment._load_template", "Jinja: loading templates"),
    ("wirebrief.site.generator", "BriefingGenerator._write_review", "review page"),
    ("wirebrief.site.sitemaps", "write_sitemaps", "sitemaps"),
    ("wirebrief.site.edition", "write_editions", "email editions"),
    ("wirebrief.site.feeds", "write_feeds", "feeds"),
]


def _child(args) -> None:
    """One build in this process, as `make html` runs it; prints one JSON line."""
    import importlib

    timings: dict[str, list[float]] = {}

    def wrap(module: str, path: str) -> None:
        owner = importlib.import_module(module)
        *outer, name = path.split(".")
        for part in outer:
            owner = getattr(owner, part)
        original = getattr(owner, name)
        slot = timings.setdefault(f"{module}.{path}", [0.0, 0])

        def timed(*a, **k):
            start = time.perf_counter()
            try:
                return original(*a, **k)
            finally:
                slot[0] += time.perf_counter() - start
                slot[1] += 1
        setattr(owner, name, timed)
        if not outer:   # and wherever `from … import` copied the name
            for loaded in list(sys.modules.values()):
                if getattr(loaded, "__name__", "").startswith(("wirebrief.", "pelican")) and vars(loaded).get(name) is original:
                    setattr(loaded, name, timed)

    sys.path.insert(0, str(Path.cwd() / "plugins"))
    for module in ("wirebrief.site.hooks", "wirebrief.ingest.sync", "wirebrief.site.generator"):
        importlib.import_module(module)   # every module that imports a listed name, before it is wrapped
    for module, path, _ in FUNCTIONS:
        wrap(module, path)

    memory = []
    from wirebrief.site import phases

    mark = phases.Phases.mark

    def marked(self, name):
        status = dict(line.split(":", 1) for line in open("/proc/self/status"))
        memory.append((name, int(status["VmRSS"].split()[0]) // 1024, int(status["VmHWM"].split()[0]) // 1024))
        mark(self, name)
    phases.Phases.mark = marked
    seen = []
    line = phases.Phases.line

    def logged(self):   # the build empties the marks once it has logged them
        seen[:] = _phase_times(self)
        return line(self)
    phases.Phases.line = logged

    from pelican import main

    sys.argv = ["pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"]
    if not args.search:
        sys.argv += ["-e", "WIREBRIEF_SEARCH=false"]
    start = time.perf_counter()
    try:
        main()
    except SystemExit as e:
        if e.code:
            raise
    elapsed = time.perf_counter() - start
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    print(json.dumps({"elapsed": elapsed, "timings": timings, "memory": memory, "children_mb": children.ru_maxrss // 1024,
                      "cpu": cpu,
                      "phases": [(n, round(t, 3)) for n, t in seen]}))


def _phase_times(p):
    return [(name, end - start) for (_, start), (name, end) in zip(p.marks, p.marks[1:])]


def _aside(site: Path) -> None:
    aside = site / ".profile-aside"
    aside.mkdir(exist_ok=True)
    for state in ("content/briefings", "cache", "output"):
        if (site / state).exists():
            (site / state).rename(aside / f"{len(list(aside.iterdir()))}")


def _run_one(site: Path, args) -> dict:
    if args.cold:
        _aside(site)
    else:
        i = random.randrange(10 ** 9)
        (site / "seeds" / f"profile-{i}.txt").write_text(
            f"New briefing number {i} for the profile\n\nOSLO, Nov. 27 (NTB) -- A new item from Norway.\n")
    command = [sys.executable, str(Path(__file__).resolve()), str(site), "--child"] + (["--search"] if args.search else [])
    start = time.perf_counter()
    done = subprocess.run(command, cwd=site, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"profile_build: the build in {site} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall"] = wall
    return result


def _import_floor() -> float:
    code = ("import pelican, pelican.generators, pelican.readers, wirebrief.site.hooks, "
            "wirebrief.ingest.sync, wirebrief.extract")
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ, "PYTHONPATH": str(ROOT / "plugins")})
    return time.perf_counter() - start


def _spread(values: list[float], digits: int = 2) -> str:
    median = statistics.median(values)
    if len(values) == 1:
        return f"{median:.{digits}f}"
    return f"{median:.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", type=Path)
    parser.add_argument("--cold", action="store_true", help="a cold build (posts, cache, output moved aside)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--search", action="store_true", help="index for search too (`make html`, not SEARCH=no)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    site = args.site.resolve()
    if args.child:
        _child(args)
        return 0
    if not (site / "pelicanconf.py").exists() or not (site / "seeds").is_dir():
        parser.error(f"{site} is not a Wirebrief site (no pelicanconf.py or seeds/)")
    results = [_run_one(site, args) for _ in range(args.runs)]
    floors = [_import_floor() for _ in range(args.runs)]
    count = len(list((site / "content" / "briefings").glob("*.md")))
    kind = "cold" if args.cold else "one new seed"
    runs = f"{args.runs} runs (medians, min–max)" if args.runs > 1 else "1 run"
    print(f"{kind}, {count:,} posts, {'search included' if args.search else 'SEARCH=no'}, {runs}\n")
    print(f"| measure | s |\n|---|---|")
    print(f"| the whole process (start, imports and exit included) | {_spread([r['wall'] for r in results])} |")
    print(f"| Pelican's main() | {_spread([r['elapsed'] for r in results])} |")
    print(f"| importing what a build imports (a fresh `python -c`) | {_spread(floors)} |")
    print(f"| CPU time, user and system, the build's process and its children | {_spread([r['cpu'] for r in results])} |")
    print(f"| cores busy on average (CPU time ÷ the whole process's time) | "
          f"{_spread([r['cpu'] / r['wall'] for r in results])} |\n")
    print("| function | s | calls |\n|---|---|---|")
    for module, path, what in FUNCTIONS:
        key = f"{module}.{path}"
        seconds = [r["timings"][key][0] for r in results]
        calls = [r["timings"][key][1] for r in results]
        print(f"| {what} (`{path}`) | {_spread(seconds)} | {int(statistics.median(calls)):,} |")
    print("\n| phase | s | resident MB at its end | peak MB so far |\n|---|---|---|---|")
    for i, (name, _) in enumerate(min((r["phases"] for r in results), key=len)):
        seconds = [r["phases"][i][1] for r in results]
        rss = [r["memory"][i][1] for r in results]
        peak = [r["memory"][i][2] for r in results]
        print(f"| {name} | {_spread(seconds)} | {_spread(rss, 0)} | {_spread(peak, 0)} |")
    if args.cold:   # (a one-new-seed build forks only to run commands, whose ru_maxrss counts the build's pages)
        print(f"\nLargest forked process (readers, renderers, extraction workers; `ru_maxrss`): "
              f"{_spread([r['children_mb'] for r in results], 0)} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
