"""NewsML 1.x (IPTC's first generation: NewsML/NewsItem/NewsComponent, NewsLines), as AFP,
Business Wire and ANA-MPA send it; the text is NITF, XHTML or plain text in a DataContent."""

from __future__ import annotations

from . import nitf
from .item import Item, Photo, clean, file_name, local, not_a_story, paragraphs_of_element, \
    paragraphs_of_text, parse_time, status_of, urgency_of

_NOT_BODY = {"caption", "headline", "subheadline", "contact", "stylesheet", "logo", "photo", "picture", "image",
             "video", "graphic", "audio"}
_PICTURE = {"photo", "picture", "image"}


def _children(element, name: str) -> list:
    return [e for e in element if local(e.tag) == name] if element is not None else []


def _first(element, name: str):
    return next((e for e in element.iter() if local(e.tag) == name), None) if element is not None else None


def _text(element) -> str | None:
    return clean("".join(element.itertext())) if element is not None else None


def _formal(element, name: str) -> str | None:
    found = _first(element, name)
    return clean(found.get("FormalName")) if found is not None else None


def _role(component) -> str:
    role = next(iter(_children(component, "Role")), None)
    return (role.get("FormalName") or "").lower() if role is not None else ""


def _media(content) -> str:
    return (_formal(content, "MediaType") or "").lower()


def _paragraphs(content) -> list[str]:
    data = next(iter(_children(content, "DataContent")), None)
    if data is None:
        return []
    inner = next(iter(data), None)
    if inner is None:
        return paragraphs_of_text(data.text)
    if local(inner.tag) == "nitf":
        return nitf.body_paragraphs(inner)
    return paragraphs_of_element(data)


def _body(item) -> list[str]:
    """The story's text: the text ContentItem of a Body or Main component, else the first text
    ContentItem outside captions, headlines, contacts and pictures."""
    candidates = []
    for component in (e for e in item.iter() if local(e.tag) == "NewsComponent"):
        role = _role(component)
        for content in _children(component, "ContentItem"):
            if _media(content) in ("text", "") and (found := _paragraphs(content)):
                if role in ("body", "main"):
                    return found
                if role not in _NOT_BODY:
                    candidates.append(found)
    return candidates[0] if candidates else []


def _photo(item) -> Photo | None:
    for component in (e for e in item.iter() if local(e.tag) == "NewsComponent"):
        contents = _children(component, "ContentItem")
        if _role(component) not in _PICTURE and not any(_media(c) in _PICTURE for c in contents):
            continue
        files = tuple(n for c in component.iter() if local(c.tag) == "ContentItem" and _media(c) in _PICTURE | {""}
                      and (n := file_name(c.get("Href"))))
        caption = next((t for c in component.iter() if local(c.tag) == "NewsComponent" and _role(c) == "caption"
                        for ci in _children(c, "ContentItem") if (t := " ".join(_paragraphs(ci)))), None) \
            or _text(_first(component, "HeadLine"))
        credit = _text(_first(component, "CreditLine")) or _text(_first(component, "CopyrightLine"))
        if caption or files:
            return Photo(caption, credit, files)
    return None


def read(root) -> Item:
    items = [e for e in root.iter() if local(e.tag) == "NewsItem"]
    if not items:
        raise not_a_story("a NewsML message with no NewsItem")
    stories = [(item, found) for item in items if (found := _body(item))]
    if not stories:
        raise not_a_story("a NewsML item with no text")
    item, paragraphs = stories[0]
    ident = _first(item, "NewsIdentifier")
    revision = _first(ident, "RevisionId")
    management = _first(item, "NewsManagement")
    status = status_of(_formal(management, "Status"))
    embargo = None
    if (change := _first(management, "StatusWillChange")) is not None:
        embargo = parse_time(_text(_first(change, "DateAndTime")))
        status = "withheld" if embargo and status == "usable" else status
    location = next((loc for loc in item.iter() if local(loc.tag) == "Location"), None)
    located = tuple(v for name in ("City", "Region", "Country") for p in (location.iter() if location is not None else ())
                    if local(p.tag) == "Property" and p.get("FormalName") == name and (v := clean(p.get("Value"))))
    advisories = [t for line in item.iter() if local(line.tag) == "NewsLine"
                  and (_formal(line, "NewsLineType") or "").lower() in ("advisoryline", "editorialnote")
                  and (t := _text(_first(line, "NewsLineText")))]
    update = (revision.get("Update") or "N").upper() if revision is not None else "N"
    genres = {(g.get("FormalName") or "").lower() for g in item.iter() if local(g.tag) == "Genre"}
    language = _formal(item, "Language") or item.get("{http://www.w3.org/XML/1998/namespace}lang")
    provider_id = _text(_first(ident, "ProviderId"))
    item_id = _text(_first(ident, "NewsItemId"))
    creator = _first(_first(item, "Creator"), "Party")
    return Item(
        format=f"NewsML {root.get('Version')}" if root.get("Version") else "NewsML 1.x",
        headline=_text(_first(item, "HeadLine")),
        paragraphs=paragraphs,
        dateline=_text(_first(item, "DateLine")),
        located=located,
        byline=_text(_first(item, "ByLine")) or (clean(creator.get("FormalName")) if creator is not None else None),
        credit=_text(_first(item, "CreditLine")),
        provider=_formal(_first(item, "Provider"), "Party") or provider_id,
        first_created=parse_time(_text(_first(management, "FirstCreated")))
        or parse_time(_text(_first(item, "DateLineDate"))),
        version_created=parse_time(_text(_first(management, "ThisRevisionCreated"))),
        status=status,
        embargo=embargo,
        urgency=urgency_of(_formal(management, "Urgency")),
        version_kind="update" if update in ("U", "A") or "update" in genres else None,
        id=f"{provider_id}:{item_id}" if provider_id and item_id else item_id,
        version=_text(revision),
        subjects=[f"subj:{code}" for s in item.iter() if local(s.tag) in ("Subject", "SubjectMatter", "SubjectDetail")
                  and (code := (s.get("FormalName") or "").strip()).isdigit()],
        language=language,
        ednote=" / ".join(advisories) or None,
        photo=_photo(item),
        others=len(stories) - 1,
    )
