"""Extraction of wire copy in other languages: place, date and language right, per language, on the
cases of tests/language_cases.py (written from each agency's published conventions), and the
extraction rate of that copy.

    python benchmarks/languages.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "tests"))

from language_cases import CASES, RECEIVED  # noqa: E402
from wirebrief.extract import extract, gazetteer, locales  # noqa: E402


def main() -> int:
    gazetteer.warm()
    gazetteer.find_city_by_any_name("Beyrouth")   # the other-names index, built once per process
    rows: dict[str, list[int]] = {}
    for lang, text, city, country, day in CASES:
        record = extract(text, RECEIVED)
        row = rows.setdefault(lang, [0, 0, 0, 0])
        row[0] += 1
        row[1] += (record.city, record.country) == (city, country)
        row[2] += (record.date or "")[:10] == day
        row[3] += record.lang == lang
    print("| language | cases | place right | date right | language right |")
    print("|---|---|---|---|---|")
    for lang in sorted(rows, key=sorted(locales.LANGUAGES).index):
        n, place, day, language = rows[lang]
        print(f"| {lang} | {n} | {place / n:.0%} | {day / n:.0%} | {language / n:.0%} |")
    texts = [c[1] for c in CASES]
    start, rounds = time.perf_counter(), 20
    for _ in range(rounds):
        for text in texts:
            extract(text, RECEIVED)
    print(f"\nextraction rate of this copy, one core: {rounds * len(texts) / (time.perf_counter() - start):,.0f} seeds/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
