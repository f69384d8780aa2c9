"""AFP stories in the ASRAEL dataset's XML (article/headers, content/p/s): AFP's own fields,
simplified. Its `dct` is Paris local time though marked "Z" (it runs one or two hours ahead of
the UTC time in AFP's item ids), so it is read as Paris time."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from .item import Item, clean, not_a_story, parse_time

PARIS = ZoneInfo("Europe/Paris")


def _text(element) -> str | None:
    return clean("".join(element.itertext())) if element is not None else None


def read(root) -> Item:
    headers = root.find("headers")
    paragraphs = [t for p in root.iterfind("content/p") if (t := _text(p))]
    if not paragraphs:
        raise not_a_story("an AFP item with no text")
    dct = _text(headers.find("dct"))
    when = parse_time(dct.rstrip("Z") if dct else None, zone=PARIS)
    origin = headers.find("origin")
    located = ()
    if origin is not None:
        located = tuple(v for v in (clean(origin.get("city")), clean(origin.get("country"))) if v and v != "ZZZ")
    kind = _text(headers.find("type"))
    return Item(
        format="AFP XML (ASRAEL)",
        headline=_text(headers.find("title")),
        paragraphs=paragraphs,
        dateline=_text(headers.find("dateline")),
        located=located,
        credit=_text(headers.find("credit")),
        provider="AFP",
        first_created=when,
        subjects=[f"subj:{code}" for c in headers.iterfind("categories/iptc")
                  if c.get("infered") != "true" and (code := (c.text or "").strip()).isdigit()],
        ednote=f"AFP {kind}" if kind else None,
    )
