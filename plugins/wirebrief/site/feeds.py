"""Atom and RSS feeds with the full text: Atom <content>, RSS <content:encoded>, stable ids."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urlsplit

from feedgenerator import Atom1Feed, Rss201rev2Feed
from markupsafe import Markup

from ..files import write_if_changed
from .renderplan import _hash, tokens


class RssWithContent(Rss201rev2Feed):
    """RSS 2.0 whose items carry the full HTML in content:encoded (RSS itself has only description)."""

    def rss_attributes(self):
        attrs = super().rss_attributes()
        attrs["xmlns:content"] = "http://purl.org/rss/1.0/modules/content/"
        return attrs

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content:encoded", item["content"])


class AtomWithLanguages(Atom1Feed):
    """Atom whose entries say their own language when it is not the feed's (xml:lang)."""

    def item_attributes(self, item):
        attrs = super().item_attributes(item)
        if item.get("lang") and item["lang"] != self.feed.get("language"):
            attrs["xml:lang"] = item["lang"]
        return attrs


def plain(html: str | None) -> str:
    """Metadata is HTML (Pelican's convention); feeds and attributes want its text."""
    if not html:
        return ""
    # no tag, no entity: what striptags gives, sooner. (Not a string: Markdown makes a list of
    # a header field written twice; striptags prints it as Python would.)
    if isinstance(html, str) and "<" not in html and "&" not in html:
        return " ".join(html.split())
    return Markup(html).striptags()


def entry_id(public_url: str, article) -> str:
    """A tag: URI that survives a move of the site or a change of its address (RFC 4151)."""
    host = urlsplit(public_url).hostname or "localhost"
    return f"tag:{host},{article.date:%Y-%m-%d}:/{article.slug}"


def write_feed(path, kind: str, title: str, articles, *, site_url: str, public_url: str,
               feed_url: str, subtitle: str = "", limit: int = 50) -> None:
    feed_class = AtomWithLanguages if kind == "atom" else RssWithContent
    feed = feed_class(title=plain(title), link=site_url + "/", feed_url=feed_url,
                      description=plain(subtitle) or plain(title), subtitle=plain(subtitle) or None,
                      language="en")
    for article in articles[:limit]:
        link = f"{site_url}/{article.url}"
        content = article.get_content(site_url)
        if getattr(article, "dateline", None):
            content = f"<p><strong>{article.dateline}</strong> —</p>\n{content}"
        if getattr(article, "correction", None):   # escaped text, as every header value
            content = f"<p><strong>Correction:</strong> {article.correction}</p>\n{content}"
        feed.add_item(
            title=plain(article.title),
            link=link,
            unique_id=entry_id(public_url, article),
            description=plain(getattr(article, "summary", "")),
            content=content,
            categories=[str(article.category), *[str(t) for t in getattr(article, "tags", [])]],
            author_name=getattr(article, "source", None) or "",
            pubdate=article.date,
            updateddate=getattr(article, "modified", None),
            lang=getattr(article, "lang", None),
        )
    buffer = io.StringIO()
    feed.write(buffer, "utf-8")
    write_if_changed(path, buffer.getvalue().encode("utf-8"))


FEED_ITEMS = 50         # newest briefings in each feed


def write_feeds(context: dict, settings: dict, output_path: str, public_url: str, plan) -> None:
    """Atom and RSS for all briefings and for each place, person, country and category;
    a feed whose briefings did not change is not written again (plan: the build's RenderPlan)."""
    site = public_url
    feed_domain = (settings.get("FEED_DOMAIN") or site).rstrip("/")
    out = Path(output_path)
    name = settings.get("SITENAME", "")
    subtitle = settings.get("SITESUBTITLE", "")
    groups = [("feeds/all", name, context.get("articles", []))]
    for kind in ("places", "people", "countries", "briefing_categories"):
        for facet in context[kind]:
            groups.append((f"feeds/{facet.kind}/{facet.slug}", f"{name}: {facet.name}", facet.articles))
    for base, title, articles in groups:
        for kind in ("atom", "rss"):
            path = f"{base}.{kind}.xml"
            key = _hash("feed", path, title, tokens(articles[:FEED_ITEMS]))
            if plan is not None and plan.fresh(path, key):
                continue
            write_feed(out / path, kind, title, articles, site_url=site, public_url=site,
                       feed_url=f"{feed_domain}/{path}", subtitle=subtitle, limit=FEED_ITEMS)
            if plan is not None:
                plan.made(path, key)
