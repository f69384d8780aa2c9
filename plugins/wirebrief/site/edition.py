"""The day's edition by email: for every day page, `edition/YYYY-MM-DD.html` (the template's
CSS inlined by css-inline, the form mail clients render) and `.txt` (the plain-text part),
and `feeds/editions.atom.xml` (one entry a day, for RSS-to-email services).

Every link and image in an edition is absolute (the public address: SITEURL, else
WIREBRIEF_PUBLIC_URL), since a mail has no address of its own to resolve relative links
against. An edition is rendered again only when what it shows of its day's briefings
changed (the render plan's key), and written only when its bytes changed.
"""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import css_inline
from feedgenerator import Atom1Feed
from markupsafe import Markup

from ..files import write_if_changed
from .feeds import plain
from .renderplan import _hash, tokens

EDITION_URL = "edition/{date:%Y-%m-%d}"   # .html and .txt
FEED_PATH = "feeds/editions.atom.xml"
FEED_EDITIONS = 30                        # latest days in the editions feed
PHOTO_WIDTH = 552                         # the 600 px column less its padding

# The template's <style> goes into style attributes; its @media rules (dark scheme, narrow
# screens) stay in a <style> block, for the clients that read one. Nothing is fetched.
INLINER = css_inline.CSSInliner(keep_at_rules=True, load_remote_stylesheets=False)
BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S)


def sections(articles: list) -> list[tuple[str, list]]:
    """The day's briefings by section (category), sections by name, newest first in each."""
    by_section: dict[str, list] = {}
    for article in articles:
        by_section.setdefault(str(article.category), []).append(article)
    return sorted(by_section.items(), key=lambda item: item[0].casefold())


def dateline(article) -> tuple[str, str]:
    """The place (city, else location) and the rest of the wire-style line under a headline:
    ", Region, Country · date · agency", as text."""
    place = article.city or article.location or ""
    rest = ""
    if place:
        if article.region:
            rest += f", {article.region}"
        if article.country and article.country != article.city:
            rest += f", {article.country}"
        rest += " · "
    rest += article.locale_date
    if article.source:
        rest += f" · {article.source}"
    return plain(place), plain(rest)


def photo(article, site: str) -> dict | None:
    """The lead photo as the edition shows it: absolute address, size in the column, alt text."""
    if not (article.image and article.image_width and article.image_height):
        return None
    width = min(PHOTO_WIDTH, int(article.image_width))
    return {"src": f"{site}/{article.image}", "width": width,
            "height": round(width * int(article.image_height) / int(article.image_width)),
            "alt": plain(article.photo_caption) or plain(article.title)}


def render(day: date, articles: list, context: dict, site: str, html_template, text_template) -> tuple[str, str]:
    """The edition of one day: (HTML with its CSS inlined, plain text)."""
    base = EDITION_URL.format(date=day)
    values = {**context, "SITEURL": site, "day": day, "articles": articles, "sections": sections(articles),
              "edition_url": f"{site}/{base}.html", "day_url": f"{site}/{context['DAY_ARCHIVE_URL'].format(date=day)}",
              "editions_feed": f"{site}/{FEED_PATH}", "edition_dateline": dateline,
              "edition_photo": lambda article: photo(article, site)}
    html = INLINER.inline(html_template.render(values)).rstrip() + "\n"
    text = text_template.render(values).rstrip() + "\n"
    return html, text


def edition_key(base: str, articles: list) -> str:
    """What an edition shows: its day's briefings, each by its post file as feeds are (the
    edition's own code works out their photos and datelines, which its template cannot say)."""
    return _hash("edition", base, tokens(articles))


def write_editions(context: dict, output_path: str, site: str, plan, html_template, text_template) -> None:
    """An edition for every day page, and the editions feed; a file whose day's briefings did
    not change is not rendered again (plan: the build's RenderPlan, or None)."""
    out = Path(output_path)
    days = [(date(*archive["period_num"]), archive["articles"]) for archive in context["period_archives"].get("day", [])]
    keys = {}
    for day, articles in days:
        base = EDITION_URL.format(date=day)
        key = keys[day] = edition_key(base, articles)
        if plan is not None and plan.fresh(f"{base}.html", key) and plan.fresh(f"{base}.txt", key):
            continue
        html, text = render(day, articles, context, site, html_template, text_template)
        for path, data in ((f"{base}.html", html), (f"{base}.txt", text)):
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            write_if_changed(out / path, data.encode("utf-8"))
            if plan is not None:
                plan.made(path, key)
    latest = days[::-1][:FEED_EDITIONS]
    key = _hash("editions feed", FEED_PATH, *(keys[day] for day, _ in latest))
    if plan is not None and plan.fresh(FEED_PATH, key):
        return
    write_feed(out, latest, context, site)
    if plan is not None:
        plan.made(FEED_PATH, key)


def write_feed(out: Path, latest: list[tuple[date, list]], context: dict, site: str) -> None:
    """Atom, newest day first: each entry the day's edition, its body as the content."""
    name = plain(context.get("SITENAME", ""))
    feed_domain = (context.get("FEED_DOMAIN") or site).rstrip("/")
    feed = Atom1Feed(title=f"{name}: the day's edition", link=site + "/", feed_url=f"{feed_domain}/{FEED_PATH}",
                     description=f"{name}: every day's briefings, by section, ready for email", language="en")
    host = urlsplit(site).hostname or "localhost"
    for day, articles in latest:
        base = EDITION_URL.format(date=day)
        body = BODY.search((out / f"{base}.html").read_text(encoding="utf-8"))
        feed.add_item(
            title=f"Briefings of {day:%-d %B %Y}",
            link=f"{site}/{base}.html",
            unique_id=f"tag:{host},{day:%Y-%m-%d}:/{base}",
            description=plain(Markup("; ").join(Markup(a.title) for a in articles)),
            content=body.group(1).strip() if body else "",
            pubdate=max(a.date for a in articles),
            updateddate=max(getattr(a, "modified", None) or a.date for a in articles),
        )
    buffer = io.StringIO()
    feed.write(buffer, "utf-8")
    (out / FEED_PATH).parent.mkdir(parents=True, exist_ok=True)
    write_if_changed(out / FEED_PATH, buffer.getvalue().encode("utf-8"))
