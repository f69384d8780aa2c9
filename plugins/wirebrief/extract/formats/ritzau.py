"""Ritzau's RBNews XML (`RBNews`, alone or as the `ListOfRBNews` of an XMLNews queue response):
Ritzau's own element names. `content` and `TilRedaktionen` are HTML escaped as text. `PublishDate`
carries no offset; it is read as Copenhagen time (Superdesk's Ritzau parser also takes it as
local time)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from .item import Item, clean, local, not_a_story, paragraphs_of_html, parse_time

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def _text(story, name: str) -> str | None:
    element = story.find(name)
    return clean("".join(element.itertext())) if element is not None else None


def _true(story, name: str) -> bool:
    return (_text(story, name) or "").lower() == "true"


def read(root) -> Item:
    stories = [e for e in root.iter() if local(e.tag) == "RBNews"]
    if not stories:
        raise not_a_story("a Ritzau news list with no news")
    story = stories[0]
    paragraphs = paragraphs_of_html(_text(story, "content"))
    if not paragraphs:
        raise not_a_story("a Ritzau item with no text")
    flash = (_text(story, "format") or "").lower() == "flash"
    kind = "correction" if _true(story, "Korrektion") else "update" if _true(story, "NyVersion") else None
    return Item(
        format="Ritzau RBNews",
        headline=_text(story, "headline"),   # nil for a flash: its first paragraph stands as headline
        paragraphs=paragraphs,
        located=tuple(filter(None, [_text(story, "town")])),
        byline=_text(story, "byLine"),
        provider="Ritzau",
        first_created=parse_time(_text(story, "PublishDate"), zone=COPENHAGEN),
        status="canceled" if _true(story, "Annuleret") else "usable",
        urgency=1 if flash else None,
        version_kind=kind,
        id=_text(story, "NewsID"),
        version=_text(story, "version"),
        language="da",
        ednote=" ".join(paragraphs_of_html(_text(story, "TilRedaktionen"))) or None,
        others=len(stories) - 1,
    )
