"""NewsML-G2 (IPTC, namespace http://iptc.org/std/nar/2006-10-01/): a text newsItem, alone or in
a newsMessage, with its body as inline XHTML, inline NITF or inline plain text."""

from __future__ import annotations

from . import nitf
from .item import NOT_TEXT, Item, clean, local, not_a_story, paragraphs_of_element, paragraphs_of_text, \
    parse_time, status_of, urgency_of

ITEMS = ("newsItem", "packageItem", "conceptItem", "knowledgeItem", "planningItem", "catalogItem")
_WHAT = {"packageItem": "a package of other items", "conceptItem": "a concept item",
         "knowledgeItem": "a knowledge item", "planningItem": "a planning item", "catalogItem": "a catalog item"}
# itemClass / signal / subject codes
_SIGNALS = {"sig:update": "update", "sig:correction": "correction", "edstat:u": "update", "edstat:c": "correction"}
_CODE_URIS = {"http://cv.iptc.org/newscodes/mediatopic/": "medtop:", "http://cv.iptc.org/newscodes/subjectcode/": "subj:"}


def _all(element, name: str) -> list:
    return element.findall(f".//{{*}}{name}") if element is not None else []


def _first(element, path: str):
    return element.find("/".join(f"{{*}}{p}" for p in path.split("/"))) if element is not None else None


def _text(element, path: str) -> str | None:
    found = _first(element, path)
    return clean("".join(found.itertext())) if found is not None else None


def _name(element) -> str | None:
    """A concept's name: its <name> child, else its literal, else its code."""
    if element is None:
        return None
    name = _first(element, "name")
    return clean(name.text if name is not None else None) or clean(element.get("literal")) \
        or clean((element.get("qcode") or "").split(":", 1)[-1]) or None


def _code(element) -> str | None:
    qcode = element.get("qcode")
    if qcode:
        return qcode
    uri = element.get("uri") or ""
    for prefix, scheme in _CODE_URIS.items():
        if uri.startswith(prefix):
            return scheme + uri[len(prefix):].strip("/")
    return None


def _class(item) -> str:
    """The item class's name: "text", "picture", "video", "composite"… (ninat:, icls: or a URI)."""
    found = _first(item, "itemMeta/itemClass")
    if found is None:
        return ""
    return ((found.get("qcode") or "").split(":", 1)[-1] or (found.get("uri") or "").rstrip("/").rsplit("/", 1)[-1]).lower()


def _body(item) -> tuple[list[str], object | None]:
    """The paragraphs of the first content that has some, and the NITF element if that is one."""
    for content in _all(_first(item, "contentSet"), "inlineXML") + _all(_first(item, "contentSet"), "inlineData"):
        if local(content.tag) == "inlineData":
            if found := paragraphs_of_text(content.text):
                return found, None
            continue
        embedded = next(iter(content), None)
        if embedded is not None and local(embedded.tag) == "nitf":
            if found := nitf.body_paragraphs(embedded):
                return found, embedded
            continue
        body = next((e for e in content.iter() if local(e.tag) == "body"), content)
        if found := paragraphs_of_element(body):
            return found, None
    return [], None


def _canceled(item) -> bool:
    status = _first(item, "itemMeta/pubStatus")
    return status is not None and status_of(status.get("qcode")) == "canceled"


def read(root) -> Item:
    version = root.get("standardversion")
    name = local(root.tag)
    if name == "newsMessage":
        item_set = _first(root, "itemSet")
        items = [e for e in (list(item_set) if item_set is not None else []) if local(e.tag) in ITEMS]
    elif name in ITEMS:
        items = [root]
    else:
        raise not_a_story(f"a NewsML-G2 <{name}> fragment, not an item")
    if not items:
        raise not_a_story("a NewsML-G2 message with no item")
    stories, why = [], None
    for element in items:
        kind = local(element.tag)
        if kind != "newsItem":
            why = why or _WHAT[kind]
            continue
        cls = _class(element)
        if cls in NOT_TEXT:
            why = why or NOT_TEXT[cls]
            continue
        paragraphs, embedded = _body(element)
        if not paragraphs and not _canceled(element):   # a kill needs no text
            why = why or "a news item with no text"
            continue
        stories.append((element, paragraphs, embedded))
    if not stories:
        raise not_a_story(why or "no text item")
    element, paragraphs, embedded = stories[0]
    item = _item(element, paragraphs, embedded, version or element.get("standardversion"))
    item.others = len(stories) - 1
    return item


def _item(element, paragraphs: list[str], embedded, version: str | None) -> Item:
    meta, content = _first(element, "itemMeta"), _first(element, "contentMeta")
    from_nitf = nitf.head(embedded) if embedded is not None else None
    headlines = _all(content, "headline")
    headline = next((clean("".join(h.itertext())) for h in headlines if h.get("role", "").endswith("main")), None) \
        or next((t for h in headlines if (t := clean("".join(h.itertext())))), None) \
        or (from_nitf.headline if from_nitf else None) or _text(meta, "title")
    located = _first(content, "located")
    place: list[str] = []
    while located is not None:
        if (n := _name(located)) and n not in place:
            place.append(n)
        located = _first(located, "broader")
    notes = [t for note in _all(meta, "edNote")
             if len(note) == 0 and "nonpublic" not in (note.get("pubconstraint") or "") and (t := clean(note.text))]
    signals = [(s.get("qcode") or "").lower() for s in _all(meta, "signal")]
    rights = _first(element, "rightsInfo")
    embargo = parse_time(_text(meta, "embargoed"))
    status = status_of((_first(meta, "pubStatus").get("qcode") if _first(meta, "pubStatus") is not None else None))
    language = _first(content, "language")
    return Item(
        format=f"NewsML-G2 {version}" if version else "NewsML-G2",
        headline=headline,
        paragraphs=paragraphs,
        dateline=_text(content, "dateline") or (from_nitf.dateline if from_nitf else None),
        located=tuple(place),
        byline=_text(content, "by") or (from_nitf.byline if from_nitf else None),
        credit=_text(content, "creditline"),
        provider=_name(_first(meta, "provider")) or _name(_first(rights, "copyrightHolder")),
        first_created=parse_time(_text(meta, "firstCreated")) or parse_time(_text(content, "contentCreated")),
        version_created=parse_time(_text(meta, "versionCreated")),
        status="withheld" if embargo and status == "usable" else status,
        embargo=embargo,
        urgency=urgency_of(_text(content, "urgency")),
        version_kind=next((_SIGNALS[s] for s in signals if s in _SIGNALS), None),
        id=element.get("guid"),
        version=element.get("version"),
        subjects=[c for s in _all(content, "subject") if (c := _code(s))],
        language=(language.get("tag") if language is not None else None)
        or element.get("{http://www.w3.org/XML/1998/namespace}lang"),
        ednote=" / ".join(notes) or None,
    )
