"""Extraction alone: seeds per second on one core, over a folder of seeds (the gazetteer is
loaded before the clock starts). `run.py` calls it on the seeds it generated.

    python benchmarks/extract_rate.py DIR
"""

from __future__ import annotations

import sys
import time
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "plugins"))

from wirebrief.extract import extract  # noqa: E402
from wirebrief.extract import gazetteer  # noqa: E402
from wirebrief.ingest.seeds import decode  # noqa: E402


def main() -> int:
    texts = [decode(p.read_bytes()) for p in sorted(Path(sys.argv[1]).rglob("*.txt"))]
    gazetteer.warm()
    reference = datetime(2026, 1, 1, tzinfo=timezone.utc)
    extract(texts[0], reference)  # patterns compiled on first use, not on the clock
    started = time.perf_counter()
    for text in texts:
        extract(text, reference)
    elapsed = time.perf_counter() - started
    print(f"{len(texts) / elapsed:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
