"""Build speed and memory at newsroom scale, side by side in one run on the same N:
Wirebrief, plain Pelican 4.12 (default theme, tag and category pages, feeds) and Hugo
(minimal theme: an article page each, tag and category pages, feeds).

    python benchmarks/run.py --n 1000 [--runs 3] [--write benchmarks/README.md]

Every figure is a median of --runs runs (min–max beside it), with the peak resident memory
of the build process, the pages and bytes it wrote, and the cost per briefing.
"""

from __future__ import annotations

import argparse
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
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent


def run(cmd: list[str], cwd: Path) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of one command; fails loudly if it fails."""
    log = cwd / "bench.log"
    with open(log, "w") as out:
        started = time.perf_counter()
        process = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{log.read_text()[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024


def written(output: Path) -> tuple[int, int]:
    files = [p for p in output.rglob("*") if p.is_file()]
    return sum(1 for p in files if p.suffix in (".html", ".xml")), sum(p.stat().st_size for p in files)


class Row:
    def __init__(self, name: str, n: int):
        self.name, self.n, self.times, self.rss, self.pages, self.bytes = name, n, [], [], 0, 0
        self.touched: list[int] = []

    def add(self, result: tuple[float, float], output: Path | None = None) -> None:
        self.times.append(result[0])
        self.rss.append(result[1])
        if output is not None and output.exists():
            self.pages, self.bytes = written(output)

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    def line(self) -> str:
        if not self.times:
            return f"| {self.name} | not run | | | | | | |"
        pages = f"{self.pages:,}" if self.pages else "–"
        size = f"{self.bytes / 1e6:,.0f}" if self.bytes else "–"
        touched = f"{statistics.median(self.touched):,.0f}" if self.touched else "–"
        return (f"| {self.name} | {self.median:.2f} | {min(self.times):.2f}–{max(self.times):.2f} | "
                f"{max(self.rss):,.0f} | {pages} | {size} | {touched} | {1000 * self.median / self.n:.2f} |")


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
DEFAULT_PAGINATION = False
LOAD_CONTENT_CACHE = CACHE = {cache}
CACHE_CONTENT = CACHE
"""


def plain_pelican_site(work: Path, posts: Path, cache: bool) -> Path:
    site = work / ("pelican-cached" if cache else "pelican")
    (site / "content").mkdir(parents=True)
    for post in posts.glob("*.md"):
        shutil.copy(post, site / "content" / post.name)
    (site / "pelicanconf.py").write_text(PELICAN_CONF.replace("{cache}", str(cache)))
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


def bench(n: int, runs: int, baseline_runs: int) -> tuple[list[Row], dict[str, float], float]:
    work = Path(tempfile.mkdtemp(prefix=f"wirebrief-bench-{n}-"))
    seeds = work / "seeds"
    # in a child process: this one must stay small, since a child's peak memory counts what
    # it inherited at fork time
    subprocess.run([sys.executable, str(HERE / "generate.py"), str(seeds), "--n", str(n)], check=True)
    site = wirebrief_site(work, seeds)
    py = str(BIN / "python")
    pelican = [py, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"]
    ingest = [py, "-m", "wirebrief.tools.cli", "ingest", "--quiet"]
    rows = {k: Row(v, n) for k, v in [
        ("ingest", "Wirebrief ingest, cold"), ("ingest2", "Wirebrief ingest, nothing changed"),
        ("cold", "Wirebrief full build, cold (ingest included, no search index)"),
        ("noop", "Wirebrief build, nothing changed"),
        ("drop", "Wirebrief build after dropping one new seed"), ("edit", "Wirebrief build after editing one post"),
        ("delete", "Wirebrief build after deleting one seed"),
        ("search", "Wirebrief search index (Pagefind), on its own"),
        ("pelican", "Plain Pelican 4.12, cold"), ("pelican-cached", "Plain Pelican 4.12, cached, one article added"),
        ("hugo", "Hugo, cold")]}
    rates = []
    for i in range(runs):
        rates.append(float(subprocess.run([py, str(HERE / "extract_rate.py"), str(site / "seeds")], check=True,
                                          capture_output=True, text=True).stdout))
        for state in ("content/briefings", "cache", "output"):
            shutil.rmtree(site / state, ignore_errors=True)
        rows["ingest"].add(run(ingest, site))
        rows["ingest2"].add(run(ingest, site))
        for state in ("content/briefings", "cache", "output"):
            shutil.rmtree(site / state, ignore_errors=True)
        rows["cold"].add(run(pelican, site), site / "output")
        changes = {
            "noop": lambda i: None,
            "drop": lambda i: (site / "seeds" / f"new-{i}.txt").write_text(
                f"New briefing number {i} for the benchmark\n\nOSLO, Nov. 27 (NTB) -- A new item from Norway.\n"),
            "edit": lambda i: (post := sorted((site / "content" / "briefings").glob("*.md"))[i]).write_text(
                post.read_text() + "\nAn editor's added sentence.\n"),
            "delete": lambda i: sorted((site / "seeds").glob("0*.txt"))[-1 - i].unlink(),
        }
        for key, change in changes.items():
            before = mtimes(site / "output")
            change(i)
            rows[key].add(run(pelican, site), site / "output")
            rows[key].touched.append(touched(site / "output", before))
        rows["search"].add(run([py, "-m", "pagefind", "--site", "output", "--silent"], site))
    posts = site / "content" / "briefings"
    for i in range(baseline_runs):
        for cached in (False, True):
            plain = plain_pelican_site(work / f"p{i}", posts, cached)
            command = [py, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"]
            if cached:
                run(command, plain)  # fill the cache
                shutil.copy(next(posts.glob("*.md")), plain / "content" / "added-article.md")
                text = (plain / "content" / "added-article.md").read_text().replace("slug: ", "slug: added-")
                (plain / "content" / "added-article.md").write_text(text)
            rows["pelican-cached" if cached else "pelican"].add(run(command, plain), plain / "output")
        hugo = hugo_site(work / f"h{i}", posts)
        rows["hugo"].add(run([str(BIN / "hugo"), "-d", "public", "-s", str(hugo)], hugo), hugo / "public")
    shutil.rmtree(work, ignore_errors=True)
    ratios = {} if not baseline_runs else {
        "Wirebrief cold ÷ Pelican cold": rows["cold"].median / rows["pelican"].median,
        "Wirebrief cold ÷ Hugo cold": rows["cold"].median / rows["hugo"].median,
        "Wirebrief one new seed ÷ Pelican cached": rows["drop"].median / rows["pelican-cached"].median,
        "Wirebrief one new seed ÷ Hugo cold": rows["drop"].median / rows["hugo"].median,
    }
    return list(rows.values()), ratios, statistics.median(rates)


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.machine()}, CPython {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-runs", type=int, help="runs of plain Pelican and Hugo (default: --runs); "
                        "plain Pelican takes minutes per build at N = 10,000")
    parser.add_argument("--write", type=Path, help="also put the tables into this Markdown file, between markers")
    parser.add_argument("--block", default="bench", help="the markers' name (<!-- NAME:start -->), so that runs "
                        "at different N can each keep their tables in the same file")
    args = parser.parse_args()
    baseline = args.runs if args.baseline_runs is None else args.baseline_runs
    out = [f"Machine: {machine()}. Wirebrief: {args.runs} runs each; plain Pelican and Hugo: {baseline}.\n"]
    for n in args.n:
        rows, ratios, rate = bench(n, args.runs, baseline)
        out += [f"\n### N = {n:,} briefings\n",
                "| measurement | median s | min–max s | peak RSS MB | pages in output | MB in output | files written | ms per briefing |",
                "|---|---|---|---|---|---|---|---|", *[r.line() for r in rows], "",
                f"Extraction alone: {rate:,.0f} seeds per second on one core (median of {args.runs}).", "",
                *(["| ratio | value |", "|---|---|", *[f"| {k} | {v:.2f} |" for k, v in ratios.items()]] if ratios else
                  ["Plain Pelican and Hugo were not run at this N (`--baseline-runs 0`)."])]
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
