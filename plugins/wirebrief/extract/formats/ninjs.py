"""ninjs, IPTC's News in JSON: 1.x (lower-case names, `headline`, `body_html`, `byline`), 2.x
(`headlines[]`, `bodies[]`, `by`) and 3.x (camelCase: `versionCreated`, `pubStatus`); also a
list of items, an API response holding them (`{"item": [...]}`), and the AP Media API's
`{"data": {"item": …}}` and `{"data": {"items": [{"item": …}]}}`."""

from __future__ import annotations

from . import nitf
from .item import NOT_TEXT, FormatError, Item, Photo, clean, file_name, not_a_story, paragraphs_of_element, \
    paragraphs_of_html, paragraphs_of_text, parse_time, status_of, urgency_of
from .safexml import parse_xml

_CODE_URIS = {"cv.iptc.org/newscodes/mediatopic/": "medtop:", "cv.iptc.org/newscodes/subjectcode/": "subj:"}


def _lower(value) -> dict:
    """An item with its names in lower case: 3.x's camelCase reads as 1.x and 2.x."""
    if not isinstance(value, dict):
        return {}
    return {**{k.lower(): v for k, v in value.items()}, "_camel": any(k != k.lower() for k in value)}


def _items(document) -> list[dict]:
    if isinstance(document, list):
        return [_lower(d) for d in document if isinstance(d, dict)]
    if not isinstance(document, dict):
        raise FormatError("not a ninjs item: the JSON is neither an object nor a list")
    if isinstance(document.get("data"), dict):   # the AP Media API
        data = document["data"]
        if isinstance(data.get("item"), dict):
            return [_lower(data["item"])]
        return [_lower(e.get("item", e)) for e in data.get("items") or [] if isinstance(e, dict)]
    if isinstance(document.get("item"), list):   # an API response with its items
        return [_lower(d) for d in document["item"] if isinstance(d, dict)]
    return [_lower(document)]


def _str(value) -> str | None:
    return clean(value) if isinstance(value, str) else (clean(str(value)) if isinstance(value, (int, float)) else None)


def _role_first(entries, *roles: str) -> dict | None:
    entries = [e for e in entries if isinstance(e, dict)] if isinstance(entries, list) else []
    return next((e for r in roles for e in entries if (e.get("role") or "").lower() == r), None) \
        or (entries[0] if entries else None)


def _headline(item: dict) -> str | None:
    for key in ("headline", "headline_main", "headline_simple"):
        if text := _str(item.get(key)):
            return text
    found = _role_first(item.get("headlines"), "main", "")
    return _str(found.get("value")) if found else _str(item.get("title"))


def _paragraphs_of(value: str, content_type: str) -> list[str]:
    kind = content_type.lower()
    if "nitf" in kind:
        try:
            return nitf.body_paragraphs(parse_xml(value.encode("utf-8")))
        except FormatError:
            return paragraphs_of_html(value)
    if "xhtml" in kind or "xml" in kind:
        try:
            return paragraphs_of_element(parse_xml(value.encode("utf-8")))
        except FormatError:
            return paragraphs_of_html(value)
    if "html" in kind:
        return paragraphs_of_html(value)
    return paragraphs_of_text(value)


def _body(item: dict) -> list[str]:
    for key, kind in (("body_html", "html"), ("body_xhtml", "xhtml"), ("body_richtext", "html"),
                      ("body_main", "text"), ("body_text", "text")):
        if isinstance(item.get(key), str) and (found := _paragraphs_of(item[key], kind)):
            return found
    bodies = [b for b in item.get("bodies") or [] if isinstance(b, dict) and isinstance(b.get("value"), str)]
    bodies.sort(key=lambda b: (b.get("role") or "").lower() not in ("main", "text", "html", ""))
    for body in bodies:
        if found := _paragraphs_of(body["value"], _lower(body).get("contenttype") or "text/html"):
            return found
    return []


def _code(subject) -> str | None:
    if not isinstance(subject, dict):
        return None
    subject = _lower(subject)
    for key in ("uri", "scheme"):
        uri = subject.get(key) or ""
        for part, scheme in _CODE_URIS.items():
            if part in uri:
                code = (uri.split(part, 1)[1].strip("/") if key == "uri" else "") or _str(subject.get("code"))
                return f"{scheme}{code}" if code else None
    code = _str(subject.get("code")) or _str(subject.get("literal")) or _str(subject.get("qcode"))
    if code and code.isdigit() and len(code) == 8:
        return f"subj:{code}"
    return code if code and ":" in code else None


def _files(renditions) -> tuple[str, ...]:
    entries = renditions.values() if isinstance(renditions, dict) else renditions if isinstance(renditions, list) else []
    return tuple(n for r in entries if isinstance(r, dict) and (n := file_name(r.get("href"))))


def _description(item: dict) -> str | None:
    found = _role_first(item.get("descriptions"), "caption", "text", "")
    if text := _str(item.get("description_text")) or (_str(found.get("value")) if found else None):
        return text
    html = item.get("description_html")
    return " ".join(paragraphs_of_html(html)) or None if isinstance(html, str) else None


def _photo(item: dict) -> Photo | None:
    associations = item.get("associations")
    if isinstance(associations, dict):
        entries = sorted(associations.items(), key=lambda kv: kv[0] != "featuremedia")
        pictures = [_lower(v) for _, v in entries if isinstance(v, dict)]
    elif isinstance(associations, list):
        pictures = [_lower(v) for v in associations if isinstance(v, dict)]
    else:
        return None
    for picture in pictures:
        if (picture.get("type") or "picture") not in ("picture", "image", "photo", "graphic"):
            continue
        caption = _description(picture) or " ".join(_body(picture)) or None
        credit = _str(picture.get("creditline")) or _str(picture.get("byline")) or _str(picture.get("by")) \
            or _str(picture.get("copyrightholder"))
        if caption or credit or _files(picture.get("renditions")):
            return Photo(caption, credit, _files(picture.get("renditions")))
    return None


def _located(item: dict) -> tuple[str, ...]:
    located = item.get("located")
    if isinstance(located, str):
        return tuple(p for part in located.split(",") if (p := clean(part)))
    if isinstance(located, dict):
        return tuple(p for p in (_str(located.get("name")),) if p)
    return ()


def _version_of(item: dict) -> str:
    standard = item.get("$standard") or item.get("standard")
    if isinstance(standard, dict) and (v := _str(standard.get("version"))):
        return v
    if "headlines" in item or "bodies" in item or "by" in item:
        return "3.x" if item.get("_camel") else "2.x"
    return "1.x"


def read(document) -> Item:
    items = _items(document)
    if not items:
        raise not_a_story("a JSON document with no item")
    stories, why = [], None
    for item in items:
        kind = (_str(item.get("type")) or ("event" if "eventdetails" in item else "text")).lower()
        if kind in NOT_TEXT and kind != "composite":
            why = why or NOT_TEXT[kind]
            continue
        # a text item may carry its (short) text as a description only; a kill needs no text
        paragraphs = _body(item) or (paragraphs_of_text(_description(item)) if kind == "text" else [])
        if not paragraphs and status_of(_str(item.get("pubstatus"))) != "canceled":
            why = why or f"a {kind} item with no text"
            continue
        stories.append((item, paragraphs))
    if not stories:
        raise not_a_story(why or "no text item")
    item, paragraphs = stories[0]
    status = status_of(_str(item.get("pubstatus")))
    embargo = parse_time(_str(item.get("embargoed")))
    source = next((_str(_lower(s).get("name")) for s in item.get("infosources") or [] if isinstance(s, dict)), None)
    subjects = [c for key in ("subject", "subjects") for s in item.get(key) or [] if (c := _code(s))]
    return Item(
        format=f"ninjs {_version_of(item)}",
        headline=_headline(item),
        paragraphs=paragraphs,
        located=_located(item),
        byline=_str(item.get("byline")) or _str(item.get("by")),
        credit=_str(item.get("creditline")),
        provider=_str(item.get("copyrightholder")) or source or _str(item.get("provider")),
        first_created=parse_time(_str(item.get("firstcreated"))) or parse_time(_str(item.get("contentcreated"))),
        version_created=parse_time(_str(item.get("versioncreated"))),
        status="withheld" if embargo and status == "usable" else status,
        embargo=embargo,
        urgency=urgency_of(item.get("urgency")),
        id=_str(item.get("guid")) or _str(item.get("uri")),
        version=_str(item.get("version")),
        subjects=subjects,
        language=_str(item.get("language")),
        ednote=_str(item.get("ednote")),
        photo=_photo(item),
        others=len(stories) - 1,
    )
