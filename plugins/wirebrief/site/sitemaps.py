"""sitemap.xml (an index of numbered parts past the protocol's 50,000 addresses),
sitemap-news.xml (the last two days) and robots.txt.

sitemap.xml lists every HTML page the build made (rendered, or left as it was because
nothing it shows changed), so no kind of page can be left out, except those listed() says
are not for search engines.
"""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from ..files import write_if_changed
from .feeds import plain

NEWS_SITEMAP_DAYS = 2   # Google News takes briefings of the last two days


_NOINDEX = re.compile(r"""<meta\s+name=["']robots["']\s+content=["'][^"']*\bnoindex""", re.IGNORECASE)
UNLISTED = {"search.html"}  # a search form: nothing to index


def noindex(html: str) -> bool:
    """The page asks search engines not to index it (404, review, a withdrawn briefing's notice)."""
    return _NOINDEX.search(html) is not None


def listed(pages: list[str], noindexed: set[str]) -> list[str]:
    """The one rule of what the sitemap lists: the HTML pages made, but those whose HTML says
    noindex and those in UNLISTED; the front page first, then by path."""
    return sorted((p for p in pages if p.endswith(".html") and p not in noindexed and p not in UNLISTED),
                  key=lambda p: (p != "index.html", p))


def _address(path: str) -> str:
    return path.removesuffix("index.html") if path == "index.html" or path.endswith("/index.html") else path


def write_sitemaps(context: dict, settings: dict, output_path: str, public_url: str, most: int, made,
                   pages: list[str]) -> None:
    """`most`: addresses per file; made(path): record a file this build wrote; pages: what
    listed() gives for this build's pages."""
    site = public_url
    out = Path(output_path)
    by_page = {a.save_as: a for a in context.get("articles", [])}

    def entry(page: str) -> str:
        article = by_page.get(page)
        lastmod = (getattr(article, "modified", None) or article.date).date().isoformat() if article else None
        return (f"<url><loc>{xml_escape(f'{site}/{_address(page)}')}</loc>"
                + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "") + "</url>")

    def urlset(part: list[str]) -> bytes:
        # made as bytes, one address at a time: a list of the addresses, their text joined and
        # then encoded were four copies of a part (7 MB each) at the end of a build of 50,000
        text = io.BytesIO()
        text.write(b'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n')
        for i, page in enumerate(part):
            text.write(b"\n" + entry(page).encode() if i else entry(page).encode())
        text.write(b"\n</urlset>\n")
        return text.getvalue()

    # The protocol takes at most 50,000 addresses a file: beyond, sitemap.xml is an index
    # of numbered parts (10,000 briefings make about 20,000 addresses; 50,000 pass it),
    # each made and written in turn.
    parts = range(0, len(pages), most)
    if len(parts) == 1:
        write_if_changed(out / "sitemap.xml", urlset(pages))
    else:
        index = ['<?xml version="1.0" encoding="UTF-8"?>',
                 '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
        for number, start in enumerate(parts, 1):
            name = f"sitemap-{number}.xml"
            write_if_changed(out / name, urlset(pages[start:start + most]))
            made(name)
            index.append(f"<sitemap><loc>{xml_escape(f'{site}/{name}')}</loc></sitemap>")
        index.append("</sitemapindex>")
        write_if_changed(out / "sitemap.xml", ("\n".join(index) + "\n").encode())
    made("sitemap.xml")

    # the two days before the newest briefing, not before the build: the same commit built on
    # another day gives the same bytes
    articles = context.get("articles", [])
    newest = max((a.date for a in articles), default=None)
    recent = [a for a in articles if a.date >= newest - timedelta(days=NEWS_SITEMAP_DAYS)] if newest else []
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">']
    publication = xml_escape(plain(settings.get("SITENAME")))
    for a in recent:
        lines.append(
            f"<url><loc>{xml_escape(f'{site}/{a.url}')}</loc><news:news><news:publication>"
            f"<news:name>{publication}</news:name><news:language>{settings.get('DEFAULT_LANG', 'en')}</news:language>"
            f"</news:publication><news:publication_date>{a.date.isoformat()}</news:publication_date>"
            f"<news:title>{xml_escape(plain(a.title))}</news:title></news:news></url>")
    lines.append("</urlset>")
    write_if_changed(out / "sitemap-news.xml", ("\n".join(lines) + "\n").encode())
    write_if_changed(out / "robots.txt",
                     f"User-agent: *\nAllow: /\nSitemap: {site}/sitemap.xml\nSitemap: {site}/sitemap-news.xml\n".encode())
    made("sitemap-news.xml")
    made("robots.txt")
