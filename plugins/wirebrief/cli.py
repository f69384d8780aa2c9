"""The `wirebrief` command: ingest seeds, or print what extraction finds in files."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path

from .extract import ExtractionError, extract
from .ingest import ingest
from .post import slug_for
from .seeds import SeedError, decode, read_seed
from .settings import IngestSettings

JSON_KEYS = ("title", "date", "date_source", "dateline", "city", "region", "country", "location",
             "source", "photo_caption", "photo_credit", "people", "countries", "summary", "tags",
             "category", "slug", "seed", "warnings")


def _pelican_settings(path: str) -> dict:
    if not Path(path).is_file():
        return {}
    from pelican.settings import read_settings

    return read_settings(path)


def _settings(args: argparse.Namespace) -> IngestSettings:
    settings = dict(_pelican_settings(args.settings))
    base = Path(args.settings).resolve().parent if Path(args.settings).is_file() else Path.cwd()
    if args.content:
        settings["PATH"] = str(Path(args.content).resolve())
    settings.setdefault("PATH", str(base / "content"))
    if args.seeds:
        settings["WIREBRIEF_SEEDS"] = str(Path(args.seeds).resolve())
    return IngestSettings.from_pelican(settings, base)


def cmd_ingest(args: argparse.Namespace) -> int:
    cfg = _settings(args)
    report = ingest(cfg)
    for event in report.events:
        if event.kind == "error" or event.kind.startswith("kept"):
            print(event.line(), file=sys.stderr)
        elif event.kind != "unchanged" and not args.quiet:
            print(event.line())
    print(f"ingest: {report.summary()}", file=sys.stderr if args.quiet else sys.stdout)
    return 1 if args.strict and report.errors else 0


def record_json(record, seed: str) -> dict:
    values = {
        **{k: getattr(record, k) for k in JSON_KEYS if hasattr(record, k)},
        "people": [{"name": p.name, "role": p.role} for p in record.people],
        "slug": slug_for(record.title, Path(seed).stem),
        "seed": seed,
    }
    return {k: values.get(k) for k in JSON_KEYS}


def cmd_extract(args: argparse.Namespace) -> int:
    cfg = _settings(args)
    status = 0
    for name in args.files:
        path = Path(name)
        try:
            data, mtime = read_seed(path, cfg.max_seed_bytes)
            reference = args.reference_date or datetime.fromtimestamp(mtime).astimezone()
            record = extract(decode(data, cfg.legacy_encoding), reference, topics=cfg.topics,
                             default_category=cfg.default_category, summary_max_chars=cfg.summary_max_chars)
            out = record_json(record, name)
        except (SeedError, ExtractionError, OSError) as e:
            status = 1
            out = {k: [] if k in ("people", "countries", "tags") else None for k in JSON_KEYS}
            out.update(seed=name, warnings=[f"error: {e}"])
        if args.json:
            print(json.dumps(out, ensure_ascii=False))
        else:
            print(f"== {name}")
            for key, value in out.items():
                print(f"{key:>14}: {value}")
    return status


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="wirebrief", description="Wire copy in, briefing posts out.")
    parser.add_argument("--settings", default="pelicanconf.py", help="Pelican settings to read WIREBRIEF_* from")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="turn seeds/ into posts in content/briefings/")
    p.add_argument("--seeds", help="seed folder (default: WIREBRIEF_SEEDS, seeds/)")
    p.add_argument("--content", help="content folder (default: PATH, content/)")
    p.add_argument("--strict", action="store_true", help="exit 1 when any seed is skipped")
    p.add_argument("--quiet", action="store_true", help="print only problems and the totals")
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("extract", help="print the metadata extracted from seed files")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="one JSON object per file (JSON Lines)")
    p.add_argument("--reference-date", type=date.fromisoformat, metavar="YYYY-MM-DD",
                   help="resolve year-less dates against this day (default: each file's modification time)")
    p.set_defaults(func=cmd_extract, seeds=None, content=None)

    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
