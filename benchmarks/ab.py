"""Two versions of the plugin side by side, on one generated site, in one run: the A/B that
says what a change did to a whole build, on the same machine in the same hour.

    python benchmarks/ab.py BEFORE AFTER [--n 10000] [--runs 4] [--new-seeds 3]

BEFORE and AFTER are commits (anything `git archive` takes); their `plugins/` is built with
this checkout's theme and settings, each build a fresh `pelican` process as `make html` runs
it. Each run, for each version in turn (alternated, so a drift of the machine's speed falls
on both, and the order swapped every run, so neither always builds second): a cold `make html
SEARCH=no` with the ingest included (timed), then `make html` (untimed: it builds the search
index), then `--new-seeds` times one new seed and `make html` (each timed). State is
moved aside between builds, never deleted while anything is timed (see run.py's clean()).
Prints the medians, min–max and peak memory of each, the ratio AFTER ÷ BEFORE, and whether
the two cold outputs are byte-identical (Pagefind's index left out; exits 1 if not).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import BIN, DELETED, ROOT, SETTLE_SECONDS, Result, machine, run, settle, wirebrief_site  # noqa: E402
from same_output import differences  # noqa: E402


def plugin_of(commit: str, into: Path) -> Path:
    """The commit's plugins/ folder, unpacked under `into`."""
    archive = subprocess.run(["git", "archive", commit, "plugins"], cwd=ROOT, check=True, capture_output=True).stdout
    into.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "plugins"


def cell(results: list[Result]) -> str:
    times = [r.seconds for r in results]
    return (f"{statistics.median(times):.2f} ({min(times):.2f}–{max(times):.2f}), "
            f"{max(r.largest_mb for r in results):,.0f} MB")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--n", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=4)
    parser.add_argument("--new-seeds", type=int, default=3, help="one-new-seed builds a run and version (default 3)")
    parser.add_argument("--settle", type=float, default=SETTLE_SECONDS)
    args = parser.parse_args()
    labels = {}
    for name in (args.before, args.after):
        labels[name] = subprocess.run(["git", "rev-parse", "--short", name], cwd=ROOT, check=True,
                                      capture_output=True, text=True).stdout.strip()
    if args.runs % 2:
        print(f"note: {args.runs} runs: {args.before} builds first in one run more than {args.after} "
              "(an even number of runs balances the order)", file=sys.stderr)
    settle(args.settle)
    work = Path(tempfile.mkdtemp(prefix="wirebrief-ab-"))
    try:
        plugins = {name: plugin_of(name, work / f"v{i}") for i, name in enumerate((args.before, args.after))}
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(work / "seeds"), "--n", str(args.n)], check=True)
        site = wirebrief_site(work, work / "seeds")
        trash = work / "trash"
        trash.mkdir()
        py = str(BIN / "python")
        pelican = [py, "-m", "pelican", "content", "-o", "output", "-s", "pelicanconf.py", "-q"]
        cold = {name: [] for name in plugins}
        new = {name: [] for name in plugins}
        kept = {}
        for i in range(args.runs):
            # the order swapped every run: the second build of a pair runs on a warmer (or
            # fuller) machine, and that must not fall on one version only
            for name, folder in (list(plugins.items()) if i % 2 == 0 else list(plugins.items())[::-1]):
                for state in ("content/briefings", "cache", "output"):
                    if (site / state).exists():
                        (site / state).rename(trash / str(len(list(trash.iterdir()))))
                for old in (site / "seeds").glob("new-*.txt"):
                    old.unlink()
                (site / "plugins").unlink()
                (site / "plugins").symlink_to(folder)
                os.environ["PYTHONPATH"] = str(folder)  # ahead of the editable install's plugins/
                cold[name].append(run(pelican + ["-e", "WIREBRIEF_SEARCH=false"], site))
                kept[name] = trash / f"cold-{labels[name]}"
                shutil.rmtree(kept[name], ignore_errors=True)
                shutil.copytree(site / "output", kept[name])
                run(pelican, site)
                for j in range(args.new_seeds):
                    (site / "seeds" / f"new-{i}-{j}.txt").write_text(
                        f"New briefing number {i}-{j} for the comparison\n\nOSLO, Nov. 27 (NTB) -- A new item from Norway.\n")
                    new[name].append(run(pelican, site))
        diff = differences(kept[args.before], kept[args.after], [])
    finally:
        shutil.rmtree(work, ignore_errors=True)
        DELETED.touch()
    b, a = args.before, args.after
    print(f"Machine: {machine()}. N = {args.n:,}, {args.runs} runs of each version, alternated (the order swapped "
          f"every run); {args.new_seeds} one-new-seed builds a run.\n")
    print(f"| build | {labels[b]} (before): median s (min–max), largest process | {labels[a]} (after) | after ÷ before |")
    print("|---|---|---|---|")
    for title, rows in (("cold `make html SEARCH=no`, ingest included", cold),
                        ("`make html` after one new seed", new)):
        ratio = statistics.median(r.seconds for r in rows[a]) / statistics.median(r.seconds for r in rows[b])
        print(f"| {title} | {cell(rows[b])} | {cell(rows[a])} | {ratio:.2f} |")
    print()
    if diff:
        print(f"The cold outputs differ ({len(diff)} paths):\n" + "\n".join(diff[:20]))
        return 1
    print("The cold outputs are byte-identical (Pagefind's index left out).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
