"""Extraction measured on real 1987 wire copy (Reuters-21578, read in place from ../shared)."""

import subprocess
import sys

from conftest import ROOT, SHARED, requires_shared

CORPUS = SHARED / "corpora" / "reuters21578"


@requires_shared(CORPUS)
def test_reuters_city_and_date_accuracy():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import extraction

    rows = dict(extraction.score_reuters(CORPUS, limit=3000, show_misses=0))
    city = float(rows["dateline city matched (as printed / renamed)"].split("%")[0])
    month_day = float(rows["month/day matched (datelines that have both)"].split("%")[0])
    assert city >= 99.0 and month_day >= 99.0, rows
    assert rows["errors (exceptions)"] == "0"


@requires_shared(CORPUS)
def test_benchmark_script_runs():
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "extraction.py"), "--limit", "200"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "| dateline city matched" in result.stdout and "sample seeds: fields matching" in result.stdout
