"""NITF (News Industry Text Format, 2.x and 3.x, with or without a namespace): standalone, or
as the body of a NewsML-G2 item or a ninjs body."""

from __future__ import annotations

from dataclasses import dataclass

from .item import Item, Photo, clean, file_name, local, not_a_story, paragraphs_of_element, parse_time, status_of, \
    urgency_of

_PLACE_PARTS = ("city", "state", "region", "country")


def _find(element, name: str):
    """The first descendant of this (local) name, namespace or not."""
    if element is None:
        return None
    return next((e for e in element.iter() if local(e.tag) == name), None)


def _findall(element, name: str) -> list:
    return [e for e in element.iter() if local(e.tag) == name] if element is not None else []


def _text(element) -> str | None:
    return clean("".join(element.itertext())) if element is not None else None


@dataclass(frozen=True)
class Head:
    headline: str | None
    dateline: str | None
    located: tuple[str, ...]
    byline: str | None
    story_date: str | None


def head(root) -> Head:
    """What an NITF body.head states: headline, dateline (printed, and its place parts), byline."""
    hedline = _find(root, "hedline")
    dateline = _find(root, "dateline")
    located: tuple[str, ...] = ()
    printed = None
    story_date = None
    if dateline is not None:
        location = _find(dateline, "location")
        parts = tuple(t for name in _PLACE_PARTS if (t := _text(_find(location, name)))) if location is not None else ()
        located = parts or ((t,) if (t := _text(location)) else ())
        if (date := _find(dateline, "story.date")) is not None:
            story_date = date.get("norm") or _text(date)
        own = clean("".join(t for e in dateline.iter() if local(e.tag) != "story.date" and isinstance(e.tag, str)
                            for t in (e.text or "",)))
        printed = ", ".join(located) if located else own
    byline = _find(root, "byline")
    by = None
    if byline is not None:   # "By BERNARD CONDON<byttl>AP Business Writer</byttl>": the name, not the title
        by = clean(byline.text) or _text(_find(byline, "person")) or _text(byline)
    return Head(_text(_find(hedline, "hl1")) or _text(hedline), printed, located, by, story_date)


def body_paragraphs(root) -> list[str]:
    content = _find(root, "body.content")
    if content is None:
        return []
    for media in _findall(content, "media"):   # captions of pictures are not copy
        media.clear()
    return paragraphs_of_element(content)


def _photo(root) -> Photo | None:
    for media in _findall(root, "media"):
        if (media.get("media-type") or "image").lower() not in ("image", "photo", "picture"):
            continue
        files = tuple(n for ref in _findall(media, "media-reference")
                      if (n := file_name(ref.get("source") or ref.get("data-location"))))
        caption = _text(_find(media, "media-caption"))
        credit = _text(_find(media, "media-producer"))
        if caption or files:
            return Photo(caption, credit, files)
    return None


def read(root) -> Item:
    docdata = _find(root, "docdata")
    photo = _photo(_find(root, "body.content"))   # before body_paragraphs clears the media
    paragraphs = body_paragraphs(root)
    if not paragraphs:
        raise not_a_story("an NITF document with no body text")
    h = head(root)
    version = (root.get("version") or "").replace("-//IPTC//DTD NITF ", "").replace("//EN", "")
    status = status_of(docdata.get("management-status") if docdata is not None else None)
    release = parse_time(_attr(docdata, "date.release", "norm"))
    copyright_ = _find(docdata, "doc.copyright")
    doc_id = _find(docdata, "doc-id")
    du_key = _find(docdata, "du-key")
    return Item(
        format=f"NITF {version}".strip(),
        headline=h.headline or _text(_find(_find(root, "head"), "title")),
        paragraphs=paragraphs,
        dateline=h.dateline,
        located=h.located,
        byline=h.byline,
        credit=_text(_find(root, "distributor")),
        provider=(copyright_.get("holder") if copyright_ is not None else None)
        or (_find(docdata, "from-src").get("src-name") if _find(docdata, "from-src") is not None else None),
        first_created=parse_time(_attr(docdata, "date.issue", "norm")) or parse_time(h.story_date),
        status=status,
        embargo=release if status == "withheld" else None,
        urgency=urgency_of(_attr(docdata, "urgency", "ed-urg")),
        id=(doc_id.get("id-string") if doc_id is not None else None) or (du_key.get("key") if du_key is not None else None),
        version=du_key.get("version") if du_key is not None else None,
        subjects=[f"subj:{code}" for s in _findall(root, "tobject.subject")
                  if (code := (s.get("tobject.subject.refnum") or "").strip())],
        language=root.get("{http://www.w3.org/XML/1998/namespace}lang"),
        ednote=_attr(docdata, "ed-msg", "info"),
        photo=photo,
    )


def _attr(parent, name: str, attribute: str) -> str | None:
    found = _find(parent, name)
    return clean(found.get(attribute)) if found is not None else None
