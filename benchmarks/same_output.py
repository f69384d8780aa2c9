"""Are two builds the same, byte for byte? The check a refactor must pass.

    python benchmarks/same_output.py BEFORE AFTER [--exclude GLOB ...]

Compares every file under BEFORE with the one at the same path under AFTER, prints each
path that is only on one side or whose bytes differ, and exits 1 if there is any. Pagefind's
index (`pagefind/`) is always left out; `--exclude 'sitemap*.xml'` leaves out more.
"""

from __future__ import annotations

import argparse
import fnmatch
import sys
from pathlib import Path


def files(root: Path, exclude: list[str]) -> dict[str, Path]:
    found = {}
    for path in root.rglob("*"):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and not any(fnmatch.fnmatch(rel, pattern) for pattern in exclude):
            found[rel] = path
    return found


def differences(before: Path, after: Path, exclude: list[str]) -> list[str]:
    exclude = ["pagefind/*", *exclude]
    a, b = files(before, exclude), files(after, exclude)
    lines = [f"only in {before}: {rel}" for rel in sorted(a.keys() - b.keys())]
    lines += [f"only in {after}: {rel}" for rel in sorted(b.keys() - a.keys())]
    lines += [f"differs: {rel}" for rel in sorted(a.keys() & b.keys()) if a[rel].read_bytes() != b[rel].read_bytes()]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--exclude", action="append", default=[], metavar="GLOB")
    args = parser.parse_args(argv)
    lines = differences(args.before, args.after, args.exclude)
    for line in lines:
        print(line)
    count = len(files(args.before, ["pagefind/*", *args.exclude]))
    print(f"{len(lines)} difference(s) over {count} file(s)", file=sys.stderr)
    return 1 if lines else 0


if __name__ == "__main__":
    sys.exit(main())
