"""Build speed and memory at newsroom scale, side by side in one run on the same N:
Wirebrief, plain Pelican 4.12 (default theme, tag and category pages, feeds; once with
Pelican's default `DEFAULT_PAGINATION = False`, once with the `10` that pelican-quickstart
writes) and Hugo (minimal theme: an article page each, tag and category pages, feeds).

    python benchmarks/run.py --n 1000 [--runs 3] [--baseline-max-n 10000] [--write benchmarks/README.md]

Every Wirebrief build is a fresh `pelican` process, the command `make html` runs: with
`-e WIREBRIEF_SEARCH=false` for `make html SEARCH=no`, without it (the search index built
in the build) for everything else. Every figure is a median of --runs runs (min–max beside
it), with the peak memory of the whole build (the summed resident memory of the build
process and all its children, read every 25 ms with psutil, new children looked for every
0.2 s; pages shared between processes count once per process, so this is an upper bound;
never below the largest process) and of its largest single process (`ru_maxrss`), the
pages and bytes in the output, the files a rebuild wrote,
created or removed, and the cost per briefing. After each "one new seed" build the run
checks that the new briefing's URL is in a Pagefind fragment under output/pagefind/.

The phase table comes from two more builds per N that are not timed (a cold one and one
after a new seed), run with `pelican -v` so that the build logs its "wirebrief: phases:"
line; they are kept apart because -v also logs every file written, which would slow the
timed builds. Plain Pelican takes half a minute or more a build at 10,000, four builds per
run: above --baseline-max-n, plain Pelican and Hugo are not run, and the output says so.
"""

from __future__ import annotations

import argparse
import gzip
import html
from datetime import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent


SAMPLE_EVERY = 0.025  # seconds between two readings of the process tree's memory
RESCAN_EVERY = 8  # readings between two looks for new child processes (the costly part)


class TreeMemory(threading.Thread):
    """Peak summed RSS of a process and all its descendants, polled until stop().

    Reading each known process's RSS is one small /proc read; finding the children
    reads every process on the machine, so it is done every RESCAN_EVERY readings only.
    `cpu` is this thread's own CPU time, to show that sampling stays cheap."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.root, self.peak, self.cpu, self.done = psutil.Process(pid), 0, 0.0, threading.Event()

    def run(self) -> None:
        began, processes, reading = time.thread_time(), [self.root], 0
        while not self.done.wait(SAMPLE_EVERY):
            if reading % RESCAN_EVERY == 0:
                try:
                    processes = [self.root, *self.root.children(recursive=True)]
                except psutil.Error:  # the build has just ended
                    pass
            total = 0
            for process in processes:
                try:
                    total += process.memory_info().rss
                except psutil.Error:  # ended between two looks
                    pass
            self.peak, reading = max(self.peak, total), reading + 1
        self.cpu = time.thread_time() - began

    def stop(self) -> None:
        self.done.set()
        self.join()


class Result:
    """One command's wall time (s), peak memory of its whole process tree and of its
    largest process (MB), and the CPU time the memory sampler took (s)."""

    def __init__(self, seconds: float, tree_mb: float, largest_mb: float, sampler_cpu: float):
        self.seconds, self.tree_mb, self.largest_mb, self.sampler_cpu = seconds, tree_mb, largest_mb, sampler_cpu


def run(cmd: list[str], cwd: Path, log_name: str = "bench.log") -> Result:
    """Runs one command, its output into cwd/log_name; fails loudly if it fails."""
    log = cwd / log_name
    with open(log, "w") as out:
        started = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        sampler = TreeMemory(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        sampler.stop()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{log.read_text()[-3000:]}")
    largest = usage.ru_maxrss / 1024
    return Result(elapsed, max(sampler.peak / 2**20, largest), largest, sampler.cpu)


def written(output: Path) -> tuple[int, int]:
    files = [p for p in output.rglob("*") if p.is_file()]
    return sum(1 for p in files if p.suffix in (".html", ".xml")), sum(p.stat().st_size for p in files)


class Row:
    def __init__(self, name: str, n: int):
        self.name, self.n, self.results, self.pages, self.bytes = name, n, [], 0, 0
        self.touched: list[int] = []
        self.skipped = "not run"

    def add(self, result: Result, output: Path | None = None) -> None:
        self.results.append(result)
        if output is not None and output.exists():
            self.pages, self.bytes = written(output)

    @property
    def median(self) -> float:
        return statistics.median(r.seconds for r in self.results)

    def line(self) -> str:
        if not self.results:
            return f"| {self.name} | {self.skipped} | | | | | | | |"
        times = [r.seconds for r in self.results]
        pages = f"{self.pages:,}" if self.pages else "–"
        size = f"{self.bytes / 1e6:,.0f}" if self.bytes else "–"
        touched = f"{statistics.median(self.touched):,.0f}" if self.touched else "–"
        return (f"| {self.name} | {self.median:.2f} | {min(times):.2f}–{max(times):.2f} | "
                f"{max(r.tree_mb for r in self.results):,.0f} | {max(r.largest_mb for r in self.results):,.0f} | "
                f"{pages} | {size} | {touched} | {1000 * self.median / self.n:.2f} |")


def wirebrief_site(work: Path, seeds: Path) -> Path:
    site = work / "wirebrief"
    site.mkdir()
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy(ROOT / name, site / name)
    shutil.copytree(ROOT / "theme", site / "theme")
    shutil.copytree(ROOT / "content" / "pages", site / "content" / "pages")
    (site / "plugins").symlink_to(ROOT / "plugins")
    shutil.copytree(seeds, site / "seeds")  # copy2 keeps the modification times (the seeds' dates)
    return site


PELICAN_CONF = """
AUTHOR = "Desk"
SITENAME = "Plain Pelican"
SITEURL = ""
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
FEED_ALL_ATOM = "feeds/all.atom.xml"
CATEGORY_FEED_ATOM = "feeds/{slug}.atom.xml"
DEFAULT_PAGINATION = {pagination}
LOAD_CONTENT_CACHE = CACHE = {cache}
CACHE_CONTENT = CACHE
"""


def plain_pelican_site(work: Path, posts: Path, cache: bool, pagination: int | bool) -> Path:
    site = work / f"pelican-{pagination}{'-cached' if cache else ''}"
    (site / "content").mkdir(parents=True)
    for post in posts.glob("*.md"):
        shutil.copy(post, site / "content" / post.name)
    (site / "pelicanconf.py").write_text(PELICAN_CONF.replace("{cache}", str(cache)).replace("{pagination}", str(pagination)))
    return site


HUGO_LAYOUT = {
    "baseof.html": "<!doctype html><html lang=en><head><meta charset=utf-8><title>{{ .Title }}</title></head>"
                   "<body><nav><a href=\"{{ .Site.Home.RelPermalink }}\">Home</a></nav>{{ block \"main\" . }}{{ end }}</body></html>",
    "single.html": "{{ define \"main\" }}<article><h1>{{ .Title }}</h1><time>{{ .Date.Format \"2006-01-02\" }}</time>"
                   "{{ .Content }}<ul>{{ range .Params.tags }}<li>{{ . }}</li>{{ end }}</ul></article>{{ end }}",
    "list.html": "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ range .Pages }}<h2><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></h2>"
                 "<p>{{ .Summary }}</p>{{ end }}{{ end }}",
}


def hugo_site(work: Path, posts: Path) -> Path:
    site = work / "hugo"
    content = site / "content" / "posts"
    content.mkdir(parents=True)
    for post in posts.glob("*.md"):
        text = post.read_text(encoding="utf-8")
        header, _, body = text.partition("\n\n")
        meta = dict(line.split(": ", 1) for line in header.splitlines() if ": " in line)
        tags = [t.strip() for t in meta.get("tags", "").split(",") if t.strip()]
        # JSON is YAML: every string quoted safely
        front = ["---", f"title: {json.dumps(html.unescape(meta.get('title', post.stem)))}",
                 f"date: {datetime.fromisoformat(meta.get('date', '2024-01-01')).isoformat()}", f"categories: {json.dumps([meta.get('category', 'World')])}",
                 f"tags: {json.dumps(tags)}", "---"]
        (content / post.name).write_text("\n".join(front) + "\n\n" + body, encoding="utf-8")
    (site / "hugo.toml").write_text('baseURL = "https://example.org/"\ntitle = "Hugo"\n'
                                    '[taxonomies]\n  tag = "tags"\n  category = "categories"\n')
    layouts = site / "layouts" / "_default"
    layouts.mkdir(parents=True)
    for name, text in HUGO_LAYOUT.items():
        (layouts / name).write_text(text)
    return site


def mtimes(output: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in output.rglob("*") if p.is_file()}


def touched(output: Path, before: dict[Path, int]) -> int:
    """Files an incremental build wrote, created or removed (what a deploy would ship)."""
    after = mtimes(output)
    return sum(1 for p in set(before) | set(after) if before.get(p) != after.get(p))


def findable(output: Path, url: str) -> bool:
    """Whether a Pagefind fragment under output/pagefind/ (gzip: "pagefind_dcd", then JSON)
    has this page's URL; the newest fragments are looked at first."""
    fragments = sorted((output / "pagefind").rglob("*.pf_fragment"), key=lambda p: -p.stat().st_mtime_ns)
    for fragment in fragments:
        data = gzip.decompress(fragment.read_bytes())
        if data.startswith(b"pagefind_dcd"):
            page = json.loads(data[len(b"pagefind_dcd"):]).get("url", "")
            if page == url or page.endswith("/" + url):
                return True
    return False


def new_urls(posts: Path, before: set[Path]) -> list[str]:
    """The URLs (ARTICLE_URL, briefings/{slug}.html) of the posts not in `before`."""
    urls = []
    for post in sorted(set(posts.glob("*.md")) - before):
        slug = next((line[6:].strip() for line in post.read_text(encoding="utf-8").splitlines()
                     if line.startswith("slug: ")), post.stem)
        urls.append(f"briefings/{slug}.html")
    return urls


def phases(log: Path) -> dict[str, float]:
    """The "wirebrief: phases: name 1.23 s, ..." line a `pelican -v` build logs, as a dict."""
    lines = [line for line in log.read_text(encoding="utf-8", errors="replace").splitlines()
             if "wirebrief: phases: " in line]
    if not lines:
        return {}
    # names may hold commas: "facets, related, render plan 0.03 s, ..."
    found = re.findall(r"(.+?) (\d+\.\d+) s(?:, |$)", lines[-1].split("wirebrief: phases: ", 1)[1].strip())
    return {name: float(seconds) for name, seconds in found}


# `pelican -v` with one log record a line: Pelican's rich handler wraps at 80 columns (or pads
# every line to $COLUMNS), and its "plain" choice installs no handler at all, so one is set up first
PLAIN_LOG_PELICAN = ("import logging, sys; logging.basicConfig(level=logging.INFO, format='%(levelname)s %(message)s'); "
                     "from pelican import main; sys.argv[0] = 'pelican'; sys.exit(main())")

PELICAN_BASELINES = [(False, "Pelican's default"), (10, "pelican-quickstart's")]


def bench(n: int, runs: int, baseline_runs: int, leftovers: list[Path],
          why_no_baselines: str = "not run") -> tuple[list[Row], dict[str, float], dict]:
    """The rows, ratios and notes at N = n; its work folder is added to `leftovers`, for the
    caller to delete once nothing is timed any more (see clean())."""
    work = Path(tempfile.mkdtemp(prefix=f"wirebrief-bench-{n}-"))
    leftovers.append(work)
    seeds = work / "seeds"
    # in a child process: this one must stay small, since a child's peak memory counts what
    # it inherited at fork time
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(seeds), "--n", str(n)], check=True)
    site = wirebrief_site(work, seeds)
    posts = site / "content" / "briefings"
    py = str(BIN / "python")
    pelican = [py, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"]  # `make html`
    no_search = pelican + ["-e", "WIREBRIEF_SEARCH=false"]  # `make html SEARCH=no`
    ingest = [py, "-m", "wirebrief.tools.cli", "ingest", "--quiet"]
    names = [
        ("ingest", "Wirebrief ingest, cold"), ("ingest2", "Wirebrief ingest, nothing changed"),
        ("cold-nosearch", "Wirebrief full build, cold, `make html SEARCH=no` (ingest included)"),
        ("cold", "Wirebrief full build, cold, `make html` (ingest and search index included)"),
        ("noop", "`make html`, nothing changed"),
        ("drop", "`make html` after dropping one new seed"), ("edit", "`make html` after editing one post"),
        ("delete", "`make html` after deleting one seed")]
    for pagination, whose in PELICAN_BASELINES:
        names += [(f"pelican-{pagination}", f"Plain Pelican 4.12, DEFAULT_PAGINATION = {pagination} ({whose}), cold"),
                  (f"pelican-{pagination}-cached",
                   f"Plain Pelican 4.12, DEFAULT_PAGINATION = {pagination}, cached, one article added")]
    names.append(("hugo", "Hugo, cold"))
    rows = {k: Row(v, n) for k, v in names}
    for key in rows:
        if key.startswith(("pelican", "hugo")):
            rows[key].skipped = why_no_baselines
    rates, found, sampler_cpu, build_time = [], [], 0.0, 0.0

    trash = work / "trash"

    def clean() -> None:
        # Moved aside, deleted when the whole benchmark ends: on ext4 without a journal (this
        # VM's disk), a file created within minutes of deleting many makes the kernel skip
        # the recently freed inodes one by one (perf: ext4's recently_deleted() under every
        # openat; 0.45 ms a new file instead of 0.05). That put about 5 s into a cold build at
        # 10,000 which a site's first build does not pay, nor the baselines' fresh folders.
        for state in ("content/briefings", "cache", "output"):
            if (site / state).exists():
                trash.mkdir(exist_ok=True)
                (site / state).rename(trash / f"{len(list(trash.iterdir()))}")

    def drop(i: int) -> None:
        (site / "seeds" / f"new-{i}.txt").write_text(
            f"New briefing number {i} for the benchmark\n\nOSLO, Nov. 27 (NTB) -- A new item from Norway.\n")

    def timed(key: str, command: list[str], directory: Path, output: Path | None = None) -> Result:
        nonlocal sampler_cpu, build_time
        result = run(command, directory)
        rows[key].add(result, output)
        sampler_cpu, build_time = sampler_cpu + result.sampler_cpu, build_time + result.seconds
        return result

    # Every cold run first, then every change: a cold build then never follows the deletions
    # a rebuild makes (files replaced, a month's search bundle made again); see clean()
    verbose = [py, "-c", PLAIN_LOG_PELICAN, *pelican[3:-1], "-v", "--log-handler", "plain"]
    for i in range(runs):
        rates.append(float(subprocess.run([py, str(HERE / "extract_rate.py"), str(site / "seeds")], check=True,
                                          capture_output=True, text=True).stdout))
        clean()
        timed("ingest", ingest, site)
        timed("ingest2", ingest, site)
        clean()
        timed("cold-nosearch", no_search, site, site / "output")
        clean()
        timed("cold", pelican, site, site / "output")
    # where the time goes: untimed builds with -v, which logs the phases (and every file
    # written); the cold one is also the site the changes below start from
    clean()
    run(verbose, site, "phases-cold.log")
    changes = {
        "noop": lambda i: None,
        "drop": drop,
        "edit": lambda i: (post := sorted(posts.glob("*.md"))[i]).write_text(
            post.read_text() + "\nAn editor's added sentence.\n"),
        "delete": lambda i: sorted((site / "seeds").glob("0*.txt"))[-1 - i].unlink(),
    }
    for i in range(runs):
        for key, change in changes.items():
            before, before_posts = mtimes(site / "output"), set(posts.glob("*.md"))
            change(i)
            timed(key, pelican, site, site / "output")
            rows[key].touched.append(touched(site / "output", before))
            if key == "drop":
                urls = new_urls(posts, before_posts)
                found.append((urls, bool(urls) and all(findable(site / "output", url) for url in urls),
                              (site / "output" / "pagefind").is_dir()))
    drop(runs)
    run(verbose, site, "phases-drop.log")
    phase_table = {"cold": phases(site / "phases-cold.log"), "one new seed": phases(site / "phases-drop.log")}
    for i in range(baseline_runs):
        for pagination, _ in PELICAN_BASELINES:
            for cached in (False, True):
                plain = plain_pelican_site(work / f"p{i}", posts, cached, pagination)
                command = [py, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"]
                if cached:
                    run(command, plain)  # fill the cache
                    shutil.copy(next(posts.glob("*.md")), plain / "content" / "added-article.md")
                    text = (plain / "content" / "added-article.md").read_text().replace("slug: ", "slug: added-")
                    (plain / "content" / "added-article.md").write_text(text)
                timed(f"pelican-{pagination}{'-cached' if cached else ''}", command, plain, plain / "output")
        hugo = hugo_site(work / f"h{i}", posts)
        timed("hugo", [str(BIN / "hugo"), "-d", "public", "-s", str(hugo)], hugo, hugo / "public")
    ratios = {}
    if baseline_runs:
        cold, drop_median, hugo_cold = rows["cold-nosearch"].median, rows["drop"].median, rows["hugo"].median
        for pagination, _ in PELICAN_BASELINES:
            ratios[f"Wirebrief cold (`SEARCH=no`) ÷ Pelican cold, pagination {pagination}"] = \
                cold / rows[f"pelican-{pagination}"].median
        ratios["Wirebrief cold (`SEARCH=no`) ÷ Hugo cold"] = cold / hugo_cold
        for pagination, _ in PELICAN_BASELINES:
            ratios[f"Wirebrief one new seed (`make html`) ÷ Pelican cached, pagination {pagination}"] = \
                drop_median / rows[f"pelican-{pagination}-cached"].median
        ratios["Wirebrief one new seed (`make html`) ÷ Hugo cold"] = drop_median / hugo_cold
    notes = {"rate": statistics.median(rates), "found": found, "phases": phase_table,
             "sampler": sampler_cpu / build_time if build_time else 0.0}
    return list(rows.values()), ratios, notes


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.machine()}, CPython {platform.python_version()}"


def phase_lines(table: dict[str, dict[str, float]]) -> list[str]:
    """Phase × build table: the phases in the order the builds logged them."""
    names = list(dict.fromkeys(name for phases in table.values() for name in phases))
    if not names:
        return ["No build logged a `wirebrief: phases:` line (pelican -v)."]
    cell = lambda phases, name: f"{phases[name]:.2f}" if name in phases else "–"
    return ["| phase (untimed build, pelican -v) | " + " | ".join(f"{build} s" for build in table) + " |",
            "|---|" + "---|" * len(table),
            *[f"| {name} | " + " | ".join(cell(phases, name) for phases in table.values()) + " |" for name in names],
            "| total | " + " | ".join(f"{sum(phases.values()):.2f}" for phases in table.values()) + " |"]


def findable_line(found: list[tuple[list[str], bool, bool]]) -> str:
    urls = sorted({url for urls, _, _ in found for url in urls})
    yes = sum(1 for _, ok, _ in found if ok)
    missing = sum(1 for _, _, bundle in found if not bundle)
    why = f" There was no output/pagefind/ after {missing} of them." if missing else ""
    return (f"New briefing findable in the search index after \"one new seed\": **{'yes' if yes == len(found) else 'no'}** "
            f"(its URL, {', '.join(urls) or 'no new post'}, was in a Pagefind fragment under output/pagefind/ "
            f"after {yes} of {len(found)} runs).{why}")


def bench_block(n: int, args: argparse.Namespace, baseline: int, leftovers: list[Path]) -> list[str]:
    """The Markdown lines of one N's tables."""
    skipped = args.baseline_max_n is not None and n > args.baseline_max_n
    rows, ratios, notes = bench(n, args.runs, 0 if skipped else baseline, leftovers,
                                f"not run above N = {args.baseline_max_n:,}" if skipped else "not run")
    return [f"\n### N = {n:,} briefings\n",
            "| measurement | median s | min–max s | peak RSS MB (whole build) | peak RSS MB (largest process) "
            "| pages in output | MB in output | files written | ms per briefing |",
            "|---|---|---|---|---|---|---|---|---|", *[r.line() for r in rows], "",
            findable_line(notes["found"]), "",
            f"Extraction alone: {notes['rate']:,.0f} seeds per second on one core (median of {args.runs}). "
            f"The memory sampler took {100 * notes['sampler']:.1f}% of one core over the timed commands.", "",
            *(["| ratio | value |", "|---|---|", *[f"| {k} | {v:.2f} |" for k, v in ratios.items()]] if ratios else
              [f"Plain Pelican and Hugo were not run at this N (above `--baseline-max-n {args.baseline_max_n}`, "
               "to keep the run short)." if skipped else
               "Plain Pelican and Hugo were not run at this N (`--baseline-runs 0`)."]),
            "", f"Where the time goes at N = {n:,}:", "", *phase_lines(notes["phases"])]


# A run deletes its work folders (hundreds of thousands of files) at its end. On the ext4 disk
# of the machine in benchmarks/README.md, builds started within minutes of such a deletion ran
# 20-30% slow (a discarded run: cold SEARCH=no 18.62 s against 15.56 s five minutes later), so a
# run that follows another waits until SETTLE_SECONDS have passed since that deletion.
SETTLE_SECONDS = 300
DELETED = Path(tempfile.gettempdir()) / "wirebrief-bench-deleted"   # touched when a run has deleted its folders


def settle(seconds: float) -> None:
    """Wait until `seconds` have passed since the last run deleted its work folders."""
    try:
        since = time.time() - DELETED.stat().st_mtime
    except OSError:
        return
    if 0 <= since < seconds:
        print(f"waiting {seconds - since:.0f} s: the last run deleted its work folders {since:.0f} s ago, and builds "
              f"started in a large deletion's wake ran slow (--settle 0 to start at once)", file=sys.stderr, flush=True)
        time.sleep(seconds - since)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-runs", type=int, help="runs of plain Pelican and Hugo (default: --runs); "
                        "plain Pelican takes half a minute or more per build at N = 10,000")
    parser.add_argument("--baseline-max-n", type=int, help="run plain Pelican and Hugo only at N up to this "
                        "(to keep a large run short); default: at every N")
    parser.add_argument("--write", type=Path, help="also put the tables into this Markdown file, between markers")
    parser.add_argument("--block", default="bench", help="the markers' name (<!-- NAME:start -->), so that runs "
                        "at different N can each keep their tables in the same file")
    parser.add_argument("--settle", type=float, default=SETTLE_SECONDS, help="seconds to leave between the last "
                        f"run's deletion of its work folders and this run's first build (default {SETTLE_SECONDS})")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    baseline = args.runs if args.baseline_runs is None else args.baseline_runs
    limit = f"; not above N = {args.baseline_max_n:,}" if args.baseline_max_n is not None else ""
    out = [f"Machine: {machine()}. Wirebrief: {args.runs} runs each; plain Pelican and Hugo: {baseline}{limit}.\n"]
    leftovers: list[Path] = []
    settle(args.settle)
    try:
        for n in args.n:
            out += bench_block(n, args, baseline, leftovers)
    finally:
        for work in leftovers:
            shutil.rmtree(work, ignore_errors=True)
        if leftovers:
            DELETED.touch()
    text = "\n".join(out) + "\n"
    print(text)
    if args.write:
        readme = args.write.read_text() if args.write.exists() else ""
        start, end = f"<!-- {args.block}:start -->", f"<!-- {args.block}:end -->"
        block = f"{start}\n{text}{end}"
        if start in readme:
            readme = re.sub(re.escape(start) + ".*" + re.escape(end), lambda m: block, readme, flags=re.S)
        else:
            readme += "\n" + block + "\n"
        args.write.write_text(readme)
    return 0


if __name__ == "__main__":
    sys.exit(main())
