"""The `wirebrief` command: ingest seeds, or print what extraction finds in files."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from datetime import date
from pathlib import Path

from ..extract import ExtractionError
from ..files import fault, printable
from ..ingest.sync import ingest, render_seed
from ..ingest.post import slug_for
from ..ingest.received import Ledger
from ..ingest.seeds import SeedError
from ..schema import BY_NAME, JSON_KEYS
from ..settings import SettingsError, WirebriefSettings


def _settings(args: argparse.Namespace) -> WirebriefSettings:
    return WirebriefSettings.from_file(Path(args.settings),
                                       PATH=args.content and str(Path(args.content).resolve()),
                                       WIREBRIEF_SEEDS=args.seeds and str(Path(args.seeds).resolve()))


def cmd_ingest(args: argparse.Namespace) -> int:
    cfg = _settings(args)
    # as in a build (site/hooks.py start_build): ingest makes few reference cycles, and each run of
    # the collector would walk every record it holds (0.2 s of a cold ingest of 10,000 seeds)
    gc.disable()
    report = ingest(cfg)
    for event in report.events:
        if event.kind.endswith("error") or event.kind.startswith("kept"):
            print(event.line(), file=sys.stderr)
        elif event.kind != "unchanged" and not args.quiet:
            print(event.line())
    print(f"ingest: {report.summary()}", file=sys.stderr if args.quiet else sys.stdout)
    # a file-system fault always fails the run: its work is not done; a bad seed only with --strict
    return 1 if report.failures or (args.strict and report.errors) else 0


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
    ledger = Ledger(cfg.seeds_dir)   # dated as ingest dates it; the ledger is read, never written here
    status = 0
    for name in args.files:
        path = Path(name)
        try:
            record = render_seed(path, cfg, ledger, args.reference_date)
            out = record_json(record, name)
        except (SeedError, ExtractionError, OSError) as e:
            status = 1
            out = {k: [] if BY_NAME[k].kind.many else None for k in JSON_KEYS}
            out.update(seed=name, warnings=[f"error: {e}"])
        if args.json:
            print(json.dumps(out, ensure_ascii=False))
        else:
            print(f"== {printable(name)}")
            for key, value in out.items():
                print(f"{key:>14}: {value}")
    return status


def cmd_review(args: argparse.Namespace) -> int:
    from ..ingest.review import review

    cfg = _settings(args)
    findings = review(cfg.content_dir / cfg.posts_dir, cfg.root)
    for finding in findings:
        print(finding.line())
    print(f"review: {len(findings)} briefing{'s' if len(findings) != 1 else ''} to check"
          if findings else "review: nothing to check", file=sys.stderr)
    return 1 if findings else 0


def cmd_new(args: argparse.Namespace) -> int:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    cfg = _settings(args)
    now = datetime.now(ZoneInfo(cfg.timezone))  # the time zone ingest dates seeds in
    slug = slug_for(args.headline)
    if args.post:
        path = cfg.content_dir / cfg.posts_dir / f"{slug}.md"
        text = (f"title: {args.headline}\ndate: {now:%Y-%m-%dT%H:%M}\nlocation: {args.place or ''}\n"
                f"source: {args.agency or ''}\ncategory: {cfg.default_category}\ntags:\npeople:\ncountries:\n"
                f"summary: One sentence that says what happened.\nslug: {slug}\n\n"
                "Write the lede here: who, what, when, where.\n\nThen the rest of the story.\n")
    else:
        path = cfg.seeds_dir / f"{slug}.txt"
        place = (args.place or "CITY").upper()
        agency = args.agency or "Wirebrief"
        text = (f"{args.headline}\n\n{place}, {now:%b}. {now.day} ({agency}) -- "
                "Write the lede here: who, what, when, where.\n\nThen the rest of the story.\n")
    if path.exists():
        print(f"{printable(path)}: already exists; nothing written", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8") as f:
        f.write(text)
    print(f"{printable(path)}: written; edit it, then `make html`")
    return 0


def cmd_devserver(args: argparse.Namespace) -> int:
    from .devserver import run

    run(Path(args.settings).resolve(), Path(args.output).resolve(), args.bind, args.port, not args.no_search)
    return 0


def cmd_precompress(args: argparse.Namespace) -> int:
    from .precompress import precompress, report

    print(report(precompress(Path(args.directory))))
    return 0


def cmd_edition(args: argparse.Namespace) -> int:
    from .mail import EditionError, find, send_edition

    output = Path(args.output)
    try:
        if args.send:
            page, recipients = send_edition(_settings(args), output, args.day, args.to)
            print(f"edition {page.stem}: handed to the SMTP server for {', '.join(map(printable, recipients))}")
        else:
            for path in find(output, args.day):
                print(printable(path))
    except EditionError as e:
        print(f"wirebrief edition: {e}", file=sys.stderr)
        return 1
    return 0


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day (YYYY-MM-DD)") from None


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
                   help="resolve year-less dates against this day (default: when the seed was received, see received.py)")
    p.set_defaults(func=cmd_extract, seeds=None, content=None)

    p = sub.add_parser("review", help="list briefings whose extraction an editor should check")
    p.add_argument("--seeds", help="seed folder (default: WIREBRIEF_SEEDS, seeds/)")
    p.add_argument("--content", help="content folder (default: PATH, content/)")
    p.set_defaults(func=cmd_review)

    p = sub.add_parser("new", help="start a seed (or, with --post, a post) from a template")
    p.add_argument("headline")
    p.add_argument("--post", action="store_true", help="write a Markdown post in content/briefings/ instead of a seed")
    p.add_argument("--place", help="dateline city")
    p.add_argument("--agency", help="source agency")
    p.set_defaults(func=cmd_new, seeds=None, content=None)

    p = sub.add_parser("devserver", help="build, serve and rebuild on every change to seeds/, content/, theme/, plugins/")
    p.add_argument("--bind", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--output", default="output")
    p.add_argument("--no-search", action="store_true", help="skip the search index on rebuilds")
    p.set_defaults(func=cmd_devserver)

    p = sub.add_parser("edition", help="print where the day's email edition is, or --send it over SMTP")
    p.add_argument("--day", type=_day, metavar="YYYY-MM-DD", help="the day (default: the latest with briefings)")
    p.add_argument("--output", default="output", help="the built site (default: output/)")
    p.add_argument("--send", action="store_true",
                   help="send it (text and HTML) through WIREBRIEF_SMTP_HOST to WIREBRIEF_EDITION_TO")
    p.add_argument("--to", action="append", metavar="ADDRESS", help="send to this address instead (repeatable)")
    p.set_defaults(func=cmd_edition, seeds=None, content=None)

    p = sub.add_parser("precompress", help="write .gz and .br copies of a built site's text files")
    p.add_argument("directory", nargs="?", default="output")
    p.set_defaults(func=cmd_precompress)

    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except OSError as e:  # disk full, read-only, permission denied…: one line, not a traceback
        print(f"wirebrief {args.command}: {fault(e, 'access').line()}", file=sys.stderr)
        return 1
    except SettingsError as e:
        print(f"wirebrief {args.command}: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
