"""WENN's Atom feed with its `wenn_nm` (news management) and `wenn_cm` (content metadata)
extensions: the first `entry` is the story. The text is `wenn_cm:first_line` and `wenn_cm:body`
when the entry has them (the sample's Atom `content` is a placeholder), else Atom `content`."""

from __future__ import annotations

from .item import (Item, clean, not_a_story, paragraphs_of_element, paragraphs_of_html, paragraphs_of_text,
                   parse_time, status_of)

ATOM = "{http://www.w3.org/2005/Atom}"
NM = "{http://feed.wenn.com/xmlns/2010/03/wenn_nm}"
CM = "{http://feed.wenn.com/xmlns/2010/03/wenn_cm}"
GEORSS = "{http://www.georss.org/georss}"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# publishing_status words that take a story back
WITHDRAWN = ("withdrawn", "deleted", "unpublished", "killed", "canceled", "cancelled", "retracted")


def is_wenn(root) -> bool:
    return root.find(f".//{NM}NewsManagement") is not None


def _text(parent, path: str) -> str | None:
    element = parent.find(path)
    return clean("".join(element.itertext())) if element is not None else None


def _content(entry) -> list[str]:
    first, body = entry.find(f"{CM}ContentMetadata/{CM}first_line"), entry.find(f"{CM}ContentMetadata/{CM}body")
    if body is not None or first is not None:
        return [p for e in (first, body) if e is not None for p in paragraphs_of_text(e.text)]
    content = entry.find(f"{ATOM}content")
    if content is None:
        return []
    kind = content.get("type", "text")
    if kind == "xhtml":
        return paragraphs_of_element(content)
    return paragraphs_of_html(content.text) if kind == "html" else paragraphs_of_text(content.text)


def read(root) -> Item:
    entries = root.findall(f"{ATOM}entry")
    if not entries:
        raise not_a_story("a WENN feed with no entry")
    entry = entries[0]
    paragraphs = _content(entry)
    if not paragraphs:
        raise not_a_story("a WENN entry with no text")
    management = entry.find(f"{NM}NewsManagement")
    state = (_text(management, f"{NM}publishing_status") or "") if management is not None else ""
    published = _text(entry, f"{ATOM}published") or (_text(management, f"{NM}published") if management is not None else None)
    place = _text(entry, f"{GEORSS}featurename") or _text(entry, f"{GEORSS}featureName")
    return Item(
        format="WENN Atom",
        headline=_text(entry, f"{ATOM}title") or _text(entry, f"{CM}ContentMetadata/{CM}title"),
        paragraphs=paragraphs,
        located=(place,) if place else (),
        byline=_text(entry, f"{ATOM}author/{ATOM}name") or _text(root, f"{ATOM}author/{ATOM}name"),
        provider="WENN",
        first_created=parse_time(published),
        version_created=parse_time(_text(entry, f"{ATOM}updated")),
        status="canceled" if state.lower() in WITHDRAWN or status_of(state) == "canceled" else "usable",
        id=_text(entry, f"{ATOM}id"),
        language=entry.get(LANG) or root.get(LANG),
        others=len(entries) - 1,
    )
