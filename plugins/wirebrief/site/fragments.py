"""Listings rendered once: the theme's `item` macro (a briefing in a list) hands its markup to
`remember`, which renders it the first time a build lists that briefing at that heading level
and gives the same text every other time. A briefing of 10,000 is listed on a dozen pages (its
day, its month, a month page of each of its places, people and countries, the related
briefings of others); a cold build rendered some 130,000 such items, each through two macros.

What differs from page to page is the relative SITEURL ("..", "../..") and, through it, the
summary (Pelican makes a `{filename}` link in it relative to the page): the fragment is rendered
with markers where they go (the call block's `site` and `summary`), replaced on each page. The memo is new every build (generator.py puts a fresh one in the
context), so nothing outlives the briefings it was rendered from; a forked renderer
(forked.py) fills its own copy.
"""

from __future__ import annotations

from typing import Callable

from jinja2 import pass_context
from markupsafe import Markup, escape

SITE = "\ue000SITEURL\ue000"   # private-use characters: nothing escapes or contains them
SUMMARY = "\ue000summary\ue000"


def fragments() -> Callable:
    """A fresh `remember` for one build: `{% call(site, summary) remember(subject, *key) %}`."""
    memo: dict[tuple, tuple[object, str]] = {}

    @pass_context
    def remember(context, subject, *key, caller):
        index = (id(subject), *key)
        entry = memo.get(index)
        if entry is None or entry[0] is not subject:   # a new object at an old address: not the same
            entry = memo[index] = (subject, str(caller(SITE, SUMMARY)))
        autoescape = context.eval_ctx.autoescape
        site = context.get("SITEURL") or ""
        text = entry[1].replace(SITE, escape(site) if autoescape else site)
        if SUMMARY in text:   # read on this page, as the template would
            summary = getattr(subject, "summary", None) or ""
            text = text.replace(SUMMARY, escape(summary) if autoescape else str(summary))
        return Markup(text) if autoescape else text

    return remember
