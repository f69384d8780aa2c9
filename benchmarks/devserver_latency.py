"""Drop-to-visible latency of `make devserver`: a seed dropped into seeds/, until the served
front page shows it. Runs on a copy of the sample site, or with --n on a site of N generated seeds
(benchmarks/generate.py, as `make bench` builds); prints a Markdown table.

    python benchmarks/devserver_latency.py [--drops 5] [--n 10000]

Each drop is timed from writing the seed until the served front page shows its headline;
the next drop waits until the server has built again after it (the post it wrote changes
content/, which the server watches) and been quiet for --quiet seconds. The server's resident
memory (VmRSS) is read once it is quiet after its first build and after each drop, and its
peak (VmHWM) at the end: a server that runs all day must not grow with every drop.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from run import DELETED, SETTLE_SECONDS, settle  # noqa: E402


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            return r.read().decode()
    except OSError:
        return ""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--drops", type=int, default=5)
    parser.add_argument("--n", type=int, default=0, help="generated seeds instead of the sample site's")
    parser.add_argument("--quiet", type=float, default=1.5, help="seconds without a build between two drops")
    parser.add_argument("--settle", type=float, default=SETTLE_SECONDS, help="as run.py's (with --n)")
    args = parser.parse_args()
    if args.n:
        settle(args.settle)
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp)
        for name in ("pelicanconf.py", "publishconf.py"):
            shutil.copy(ROOT / name, site / name)
        shutil.copytree(ROOT / "theme", site / "theme")
        if args.n:
            subprocess.run([sys.executable, str(ROOT / "benchmarks" / "generate.py"), str(site / "seeds"),
                            "--n", str(args.n)], check=True, stdout=subprocess.DEVNULL)
        else:
            shutil.copytree(ROOT / "seeds", site / "seeds")
        shutil.copytree(ROOT / "content" / "pages", site / "content" / "pages")
        (site / "plugins").symlink_to(ROOT / "plugins")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        url = f"http://127.0.0.1:{port}/index.html"
        log = open(site / "devserver.log", "w")
        server = subprocess.Popen([sys.executable, "-m", "wirebrief.tools.cli", "devserver", "--port", str(port)],
                                  cwd=site, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 120 + args.n / 50   # the first build is a cold one
            # the front page is written before the first build ends (feeds, search index)
            while " built " not in (site / "devserver.log").read_text() and time.monotonic() < deadline:
                time.sleep(0.05)
            quiet(site / "devserver.log", args.quiet)
            if not fetch(url):
                raise SystemExit(f"the first build did not serve a front page; see {site / 'devserver.log'}")
            latencies, resident = [], [memory(server.pid, "VmRSS")]
            for i in range(args.drops):
                headline = f"Latency probe number {i} reaches the front page"
                started = time.monotonic()
                (site / "seeds" / f"probe-{i}.txt").write_text(f"{headline}\n\nOSLO (NTB) - Probe {i}.\n")
                while headline not in fetch(url):
                    if time.monotonic() - started > 60:
                        raise SystemExit(f"probe {i} never appeared; see {site / 'devserver.log'}")
                    time.sleep(0.02)
                latencies.append(time.monotonic() - started)
                quiet(site / "devserver.log", args.quiet)
                resident.append(memory(server.pid, "VmRSS"))
            peak = memory(server.pid, "VmHWM")
        finally:
            server.terminate()
            server.wait(timeout=10)
    if args.n:
        DELETED.touch()   # the site just deleted: the next run waits (run.py's settle)
    what = (f"{args.n:,} generated seeds" if args.n else f"sample site ({len(list((ROOT / 'seeds').glob('*.txt')))} seeds)")
    print(f"Machine: {platform.machine()}, {platform.python_version()}, {__import__('os').cpu_count()} cores; "
          f"{what} with search index\n")
    print("| drop to front page | seconds |")
    print("|---|---|")
    print(f"| median of {len(latencies)} | {statistics.median(latencies):.2f} |")
    print(f"| min – max | {min(latencies):.2f} – {max(latencies):.2f} |")
    print(f"\nServer's resident memory after its first build, then after each drop: "
          f"{', '.join(f'{mb:,.0f}' for mb in resident)} MB; peak {peak:,.0f} MB.")
    return 0


def memory(pid: int, field: str) -> float:
    """A field of /proc/PID/status, in MB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return float("nan")


def quiet(log: Path, seconds: float) -> None:
    """Wait until the server's log has not grown for `seconds` (it logs each build)."""
    size, since = -1, time.monotonic()
    while time.monotonic() - since < seconds:
        now = log.stat().st_size
        if now != size:
            size, since = now, time.monotonic()
        time.sleep(0.05)


if __name__ == "__main__":
    sys.exit(main())
