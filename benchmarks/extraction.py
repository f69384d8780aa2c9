"""Extraction accuracy and speed, measured on real wire copy.

Reads Reuters-21578 in place from ../shared/corpora/reuters21578/ (research use only:
never copied into this repository), turns each document that has a <DATELINE> into a
seed ("TITLE", blank line, "DATELINE BODY"), extracts with the document's <DATE> as
reference date and scores city, month/day and country against the <DATELINE>.
Then scores the real agency copy of ../shared/corpora/wire-real/ (Xinhua, AFP, Reuters 2017,
AP; truth from each source's own metadata, read in place), a table per outlet, and the
project's sample seeds against tests/expected/*.json.

    python benchmarks/extraction.py [--corpus DIR] [--wire-real DIR] [--limit N] [--show-misses N]
"""

from __future__ import annotations

import argparse
import html
import json
import platform
import re
import sys
import time
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "plugins"))

from wirebrief.tools.cli import record_json  # noqa: E402
from wirebrief.extract import extract, gazetteer  # noqa: E402
from wirebrief.extract.dates import MONTHS  # noqa: E402
from wirebrief.ingest.received import Ledger  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578"
DEFAULT_WIRE_REAL = ROOT.parent / "shared" / "corpora" / "wire-real"
_DOC = re.compile(r"<REUTERS\b.*?</REUTERS>", re.S)
_FIELD = {k: re.compile(rf"<{k}>(.*?)</{k}>", re.S) for k in ("DATE", "TITLE", "DATELINE", "BODY")}
_REF = re.compile(r"(\d{1,2})-([A-Z]{3})-(\d{4})")
# The scorer's own reading of a dateline's month and day, independent of the extractor.
_TRUTH_MD = re.compile(r"\b([A-Z][a-z]{2,8})\.?\s+(\d{1,2})\b|\b(\d{1,2})\s+([A-Z][a-z]{2,8})\b")


def _text(field: str, doc: str) -> str | None:
    m = _FIELD[field].search(doc)
    return re.sub(r"[\x00-\x08\x0b-\x1f]", "", html.unescape(m.group(1))) if m else None


def documents(corpus: Path, limit: int | None):
    n = 0
    for path in sorted(corpus.glob("reut2-*.sgm")):
        for m in _DOC.finditer(path.read_text(encoding="latin-1")):
            doc = m.group()
            dateline, title, body = _text("DATELINE", doc), _text("TITLE", doc), _text("BODY", doc)
            if not (dateline and title and body and dateline.strip()):
                continue
            ref = _REF.search(_text("DATE", doc) or "")
            if not ref:
                continue
            reference = date(int(ref.group(3)), MONTHS[ref.group(2).lower()], int(ref.group(1)))
            yield title.strip(), dateline, body, reference
            n += 1
            if limit and n >= limit:
                return


def truth_month_day(dateline: str) -> tuple[int, int] | None:
    for m in _TRUTH_MD.finditer(dateline):
        month, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        key = month.lower()
        number = MONTHS.get(key) or MONTHS.get(key[:3])
        if number:
            return number, int(day)
    return None


def score_reuters(corpus: Path, limit: int | None, show_misses: int) -> list[tuple[str, str]]:
    gazetteer.warm()
    docs = list(documents(corpus, limit))
    city_exact = city_renamed = md_total = md_ok = country = errors = 0
    misses: list[str] = []
    elapsed = 0.0
    for title, dateline, body, reference in docs:
        seed = f"{title}\n\n{dateline.strip()} {body}"
        t0 = time.perf_counter()
        try:
            record = extract(seed, reference)
        except Exception as e:  # counted, never fatal: the point is to find them
            errors += 1
            misses.append(f"ERROR {type(e).__name__}: {e}: {dateline.strip()!r}")
            continue
        finally:
            elapsed += time.perf_counter() - t0
        # the first of several cities ("DALLAS/FORT WORTH") is the story's place
        truth_city = re.sub(r"^[^A-Za-z]+", "", dateline.split(",")[0].split("/")[0].strip())
        got = record.city or ""
        if gazetteer.fold(got) == gazetteer.fold(truth_city):
            city_exact += 1
        elif (c := gazetteer.find_city(truth_city)) and c.alternate and c.name == got:
            city_renamed += 1  # PEKING -> Beijing, BOMBAY -> Mumbai
        else:
            misses.append(f"city {got!r} for {dateline.strip()!r}")
        if (md := truth_month_day(dateline)) is not None:
            md_total += 1
            if record.date and (int(record.date[5:7]), int(record.date[8:10])) == md:
                md_ok += 1
            else:
                misses.append(f"date {record.date!r} for {dateline.strip()!r}")
        country += record.country is not None
    n = len(docs)
    pct = lambda a, b: f"{100 * a / b:.2f}%" if b else "n/a"  # noqa: E731
    rows = [
        ("documents with a dateline", f"{n:,}"),
        ("dateline city matched (as printed / renamed)", f"{pct(city_exact + city_renamed, n)} ({city_exact:,} / {city_renamed:,})"),
        ("month/day matched (datelines that have both)", f"{pct(md_ok, md_total)} of {md_total:,}"),
        ("country found", pct(country, n)),
        ("extraction rate, one core", f"{n / elapsed:,.0f} seeds/s" if elapsed else "n/a"),
        ("errors (exceptions)", str(errors)),
    ]
    for line in misses[:show_misses]:
        print("  miss:", line)
    return rows


def _truth_day(truth: dict) -> date | None:
    """The day the story's dateline prints (TempEval's rebuilt dateline day, or the dateline's own
    date), read by the scorer independently of the extractor; None when the dateline has none."""
    if truth.get("dct"):
        return date.fromisoformat(truth["dct"])
    m = re.search(r"([A-Z][a-z]{2,8})\.?\s+(\d{1,2}),?\s+((?:19|20)\d\d)", truth.get("dateline") or "")
    if m and (month := MONTHS.get(m.group(1).lower()) or MONTHS.get(m.group(1).lower()[:3])):
        return date(int(m.group(3)), month, int(m.group(2)))
    return None


# date_source values that rest on no date the copy prints for the story itself.
WEAK_DATES = {"received"}


def score_wire_real(corpus: Path, limit: int | None, show_misses: int) -> dict[str, list[tuple[str, str]]]:
    """A column per outlet (and all): dateline city, country, agency, dates, fall-backs, weak clues."""
    gazetteer.warm()
    truths = [json.loads(line) for line in (corpus / "truth.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    if limit:
        truths = truths[:limit]
    keys = ("city", "city_n", "country", "country_n", "agency", "agency_n", "day", "day_n", "near", "wrong_quiet",
            "fallback", "weak_date", "weak_place", "invented", "no_dateline", "errors", "n")
    counts: dict[str, dict[str, int]] = {}
    misses: list[str] = []
    elapsed = 0.0
    for truth in truths:
        text = (corpus / "seeds" / truth["file"]).read_text(encoding="utf-8")
        published = date.fromisoformat(truth["published"])
        t0 = time.perf_counter()
        try:
            record = extract(text, published)
        except Exception as e:  # counted, never fatal
            record = None
            misses.append(f"{truth['file']}: ERROR {type(e).__name__}: {e}")
        elapsed += time.perf_counter() - t0
        for outlet in (truth["outlet"], "all"):
            c = counts.setdefault(outlet, dict.fromkeys(keys, 0))
            c["n"] += 1
            if record is None:
                c["errors"] += 1
                continue
            city = truth.get("dateline_city")
            if city:
                c["city_n"] += 1
                got = record.city or ""
                found = gazetteer.find_city(city)
                if gazetteer.fold(got) == gazetteer.fold(city) or (found and found.name == got):
                    c["city"] += 1
                elif outlet == "all":
                    misses.append(f"{truth['file']}: city {got!r} for {truth.get('dateline')!r}")
            else:
                c["no_dateline"] += 1
                if record.city and record.dateline:
                    c["invented"] += 1
                    if outlet == "all":
                        misses.append(f"{truth['file']}: place {record.city!r} invented from {record.dateline!r}")
            if truth.get("dateline_country"):
                c["country_n"] += 1
                code = gazetteer.country_code(truth["dateline_country"])
                if code and record.country == gazetteer.countries().get(code):
                    c["country"] += 1
                elif outlet == "all":
                    misses.append(f"{truth['file']}: country {record.country!r} for {truth['dateline_country']!r} ({truth.get('dateline')!r})")
            if truth.get("agency"):
                c["agency_n"] += 1
                if record.source == truth["agency"]:
                    c["agency"] += 1
                elif outlet == "all":
                    misses.append(f"{truth['file']}: agency {record.source!r} for {truth.get('dateline')!r}")
            got_day = date.fromisoformat(record.date[:10]) if record.date else None
            printed = _truth_day(truth)
            if printed:
                c["day_n"] += 1
                if got_day == printed:
                    c["day"] += 1
                elif outlet == "all":
                    misses.append(f"{truth['file']}: day {record.date} ({record.date_source}) for {truth.get('dateline')!r}")
            true_day = printed or published
            # the filing day (GMT) and the dateline's day (local) may differ by one
            near = got_day is not None and (abs((got_day - true_day).days) <= 1 or abs((got_day - published).days) <= 1)
            c["near"] += near
            weak = record.date_source in WEAK_DATES
            warned = any("date" in w for w in record.warnings)
            if not near and not warned:
                c["wrong_quiet"] += 1
                if outlet == "all":
                    misses.append(f"{truth['file']}: date {record.date} ({record.date_source}) is far from {true_day}, no warning")
            c["fallback"] += record.date_source == "received"
            c["weak_date"] += weak
            c["weak_place"] += bool(record.city) and not record.dateline
    for line in misses[:show_misses]:
        print("  miss:", line)
    pct = lambda a, b: f"{100 * a / b:.1f}%" if b else "n/a"  # noqa: E731
    columns = {}
    for outlet, c in sorted(counts.items(), key=lambda kv: (kv[0] == "all", kv[0])):
        columns[outlet] = [
            ("stories", f"{c['n']:,}"),
            ("dateline city (of stories whose dateline names one)", f"{pct(c['city'], c['city_n'])} of {c['city_n']:,}"),
            ("country (where the dateline or metadata states it)", f"{pct(c['country'], c['country_n'])} of {c['country_n']:,}"),
            ("agency (where the dateline names one)", f"{pct(c['agency'], c['agency_n'])} of {c['agency_n']:,}"),
            ("date exact (the day the dateline prints)", f"{pct(c['day'], c['day_n'])} of {c['day_n']:,}"),
            ("date within one day of the true day", pct(c["near"], c["n"])),
            ("date over a day off, without a warning", f"{c['wrong_quiet']} ({pct(c['wrong_quiet'], c['n'])})"),
            ("date fell back to the reference date", f"{c['fallback']} ({pct(c['fallback'], c['n'])})"),
            ("date from weak evidence (nothing in the copy dates it)", f"{c['weak_date']} ({pct(c['weak_date'], c['n'])})"),
            ("place from weak evidence (a caption, no dateline)", str(c["weak_place"])),
            ("place invented (no dateline place in the copy)", f"{c['invented']} of {c['no_dateline']}"),
            ("errors (exceptions)", str(c["errors"])),
        ]
    n = len(truths)
    columns["all"].append(("extraction rate, one core", f"{n / elapsed:,.0f} seeds/s" if elapsed else "n/a"))
    return columns


def wide_table(columns: dict[str, list[tuple[str, str]]]) -> str:
    names = list(columns)
    measures = [m for m, _ in columns[names[-1]]]
    lines = ["| measure | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for m in measures:
        cells = [dict(columns[o]).get(m, "") for o in names]
        lines.append(f"| {m} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def score_samples() -> list[tuple[str, str]]:
    expected_dir = ROOT / "tests" / "expected"
    rows = []
    fields_ok = fields_total = 0
    ledger = Ledger(ROOT / "seeds")   # the time each sample was received
    for expected_path in sorted(expected_dir.glob("*.json")):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        seed = ROOT / expected["seed"]
        reference = ledger.received(seed, seed.read_bytes(), 0)
        got = record_json(extract(seed.read_text(encoding="utf-8"), reference), expected["seed"])
        wrong = [k for k, v in expected.items() if got.get(k) != v]
        fields_ok += len(expected) - len(wrong)
        fields_total += len(expected)
        rows.append((seed.name, "all fields match" if not wrong else "differs: " + ", ".join(wrong)))
    rows.append(("sample seeds: fields matching", f"{fields_ok}/{fields_total}"))
    return rows


def table(rows: list[tuple[str, str]], head: tuple[str, str]) -> str:
    lines = [f"| {head[0]} | {head[1]} |", "|---|---|"]
    lines += [f"| {a} | {b} |" for a, b in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--wire-real", type=Path, default=DEFAULT_WIRE_REAL)
    parser.add_argument("--limit", type=int, help="score only the first N documents")
    parser.add_argument("--show-misses", type=int, default=0, help="print up to N misses")
    args = parser.parse_args()
    print(f"Machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}, "
          f"{platform.system()}; {__import__('os').cpu_count()} cores\n")
    if args.corpus.is_dir():
        print(f"Reuters-21578 ({args.corpus})\n")
        print(table(score_reuters(args.corpus, args.limit, args.show_misses), ("measure", "result")))
    else:
        print(f"Reuters-21578 not found at {args.corpus}: corpus rows skipped")
    if (args.wire_real / "truth.jsonl").is_file():
        print(f"\nwire-real: real agency copy ({args.wire_real})\n")
        print(wide_table(score_wire_real(args.wire_real, args.limit, args.show_misses)))
    else:
        print(f"\nwire-real not found at {args.wire_real}: its rows skipped")
    print("\nSample seeds against tests/expected/\n")
    print(table(score_samples(), ("seed", "result")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
