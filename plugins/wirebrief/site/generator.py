"""The briefing site's own pages: places, people and countries, related briefings, days,
feeds for every listing, sitemaps and robots.txt.

Runs after Pelican's ArticlesGenerator (it is discovered through `get_generators`), so
it sees every article; it adds to the shared context what the theme's templates use.
"""

from __future__ import annotations

import calendar
import functools
import hashlib
import itertools
import logging
import operator
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

from pelican.generators import Generator
from slugify import slugify

from .feeds import plain, write_feed
from ..files import write_if_changed
from ..settings import WirebriefSettings
from .renderplan import RenderPlan, _hash, site_fingerprint, token, tokens
from .writer import PLAN

log = logging.getLogger(__name__)

RELATED_MAX = 5
RELATED_WINDOW = 4      # briefings either side in time, in each place, person or country, considered as related
FEED_ITEMS = 50         # newest briefings in each feed
FRONT_DAYS = 3          # days of briefings on the front page; older ones are a link away
NEWS_SITEMAP_DAYS = 2   # Google News takes briefings of the last two days


@dataclass(eq=False)
class Facet:
    """A place, person, country or category page: its name, address and briefings."""

    kind: str            # "place", "person", "country", "category"
    name: str
    slug: str
    articles: list = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"{self.kind}/{self.slug}.html"

    save_as = url

    @property
    def feed_atom(self) -> str:
        return f"feeds/{self.kind}/{self.slug}.atom.xml"

    @property
    def feed_rss(self) -> str:
        return f"feeds/{self.kind}/{self.slug}.rss.xml"

    def __str__(self) -> str:
        return self.name


@dataclass(eq=False)
class FacetMonth:
    """One month of a place, person, country, tag or category that holds more briefings than
    its page shows: "place/shanghai-china/2025-11.html". Keyed by date, not by page number,
    so a new briefing changes its own month's page and the facet's page, no other."""

    owner: object        # the Facet, Tag or Category
    kind_label: str      # "Place", "Tag"…
    year: int
    month: int
    save_as: str
    articles: list = field(default_factory=list)
    previous: FacetMonth | None = None  # the month before that has briefings
    next: FacetMonth | None = None

    url = property(lambda self: self.save_as)

    @property
    def label(self) -> str:
        return f"{calendar.month_name[self.month]} {self.year}"


def facet_months(owner, kind_label: str, save_as: str, articles: list, latest: int) -> list[FacetMonth]:
    """The months of a facet's briefings (given newest first), newest first; none when its page
    shows them all."""
    if len(articles) <= latest:
        return []
    stem = save_as.removesuffix(".html").removesuffix("/index")
    months = [FacetMonth(owner, kind_label, year, month, f"{stem}/{year:04d}-{month:02d}.html", list(items))
              for (year, month), items in itertools.groupby(articles, key=operator.attrgetter("year_month"))]
    for later, earlier in zip(months, months[1:]):
        later.previous, earlier.next = earlier, later
    return months


@functools.lru_cache(maxsize=1 << 16)
def _slug(name: str) -> str:
    return slugify(name) or "unnamed"


def _facet(index: dict, kind: str, name: str) -> Facet:
    key = _slug(name)
    if key not in index:
        index[key] = Facet(kind, name, key)
    return index[key]


def public_url(settings: dict) -> str:
    """The site's absolute address, for canonical links, feeds and sitemaps, even in a
    development build whose pages use relative links."""
    return (settings.get("SITEURL") or WirebriefSettings.of(settings).public_url).rstrip("/")


def jsonld(article, site: str, settings: dict) -> dict:
    """schema.org NewsArticle; serialised in the template with |tojson, never pasted."""
    url = f"{site}/{article.url}"
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": plain(article.title),
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": article.date.isoformat(),
        "dateModified": getattr(article, "modified", article.date).isoformat(),
        "description": plain(getattr(article, "summary", "")),
        "articleSection": str(article.category),
        "keywords": [str(t) for t in getattr(article, "tags", [])],
        "publisher": {"@type": "NewsMediaOrganization", "name": plain(settings.get("SITENAME")), "url": site + "/"},
    }
    if getattr(article, "dateline", None):
        data["dateline"] = plain(article.dateline)
    if getattr(article, "location", None):
        address = {k: plain(v) for k, v in (("addressLocality", getattr(article, "city", None)),
                                            ("addressRegion", getattr(article, "region", None)),
                                            ("addressCountry", getattr(article, "country", None))) if v}
        data["locationCreated"] = {"@type": "Place", "name": plain(article.location), "address": {"@type": "PostalAddress", **address}}
    about = [{"@type": "Person", "name": plain(p.name), **({"jobTitle": plain(p.role)} if p.role else {})} for p in article.people_list]
    mentions = [{"@type": "Country", "name": plain(c)} for c in article.countries_list]
    if about:
        data["about"] = about
    if mentions:
        data["mentions"] = mentions
    if getattr(article, "source", None):
        data["sourceOrganization"] = {"@type": "NewsMediaOrganization", "name": plain(article.source)}
    if getattr(article, "byline", None):
        data["author"] = {"@type": "Person", "name": plain(article.byline)}
    elif getattr(article, "source", None):
        data["author"] = {"@type": "Organization", "name": plain(article.source)}
    if getattr(article, "image_large", None):
        data["image"] = {"@type": "ImageObject", "url": f"{site}/{article.image_large}"}
    if getattr(article, "photo_caption", None) or getattr(article, "photo_credit", None):
        image = dict(data.get("image", {"@type": "ImageObject"}))
        if getattr(article, "photo_caption", None):
            image["caption"] = plain(article.photo_caption)
        if getattr(article, "photo_credit", None):
            image["creditText"] = plain(article.photo_credit)
        data["associatedMedia"] = image
        if "image" in data:
            data["image"] = image
    return data


class BriefingGenerator(Generator):
    def generate_context(self) -> None:
        from .hooks import PHASES

        PHASES.mark("pages and static files (Pelican)")
        self._generate_context()
        PHASES.mark("facets, related, render plan")

    def generate_output(self, writer) -> None:
        from .hooks import PHASES

        PHASES.mark("articles, periods, direct templates (Pelican)")
        self._generate_output(writer)
        PHASES.mark("day, month, tag, category, facet pages, feeds")

    def _generate_context(self) -> None:
        articles = self.context.get("articles", [])  # newest first, as Pelican sorts them
        places: dict[str, Facet] = {}
        people: dict[str, Facet] = {}
        countries: dict[str, Facet] = {}
        site = public_url(self.settings)
        for article in articles:
            # worked out afresh each build (renderplan.token, renderplan.listing_token)
            article._wirebrief_token = article._wirebrief_listing = None
            token(article)
            article.timestamp = article.date.timestamp()
            article.year_month = (article.date.year, article.date.month)
            article.place_facet = _facet(places, "place", article.location) if getattr(article, "location", None) else None
            article.other_place_facets = [_facet(places, "place", p) for p in article.other_places_list]
            article.person_facets = [_facet(people, "person", p.name) for p in article.people_list]
            article.country_facets = [_facet(countries, "country", c) for c in article.countries_list]
            article.facet_positions = []
            weighted = [(article.place_facet, 2), *((f, 2) for f in article.other_place_facets), *((f, 3) for f in article.person_facets), *((f, 1) for f in article.country_facets)]
            for facet, weight in weighted:
                # one article is added to a facet in one go, so only the last entry can be it
                if facet is not None and (not facet.articles or facet.articles[-1] is not article):
                    facet.articles.append(article)
                    article.facet_positions.append((facet, len(facet.articles) - 1, weight))
            article.canonical_url = f"{site}/{article.url}"
        for article in articles:
            article.related = self._related(article)
        categories = {}
        for category, items in self.context.get("categories", []):
            categories[category.slug] = Facet("category", str(category), category.slug, list(items))

        by_day = defaultdict(list)
        for article in articles:
            by_day[article.day].append(article)
        days = sorted(by_day.items(), reverse=True)
        period_archives = self._period_archives(articles)
        period_nav = {}
        for archives in period_archives.values():
            self._link_days(archives)
            period_nav.update({a["save_as"]: a for a in archives})

        self.context["CSS_URL"] = self._hashed_css()
        by_name = lambda index: sorted(index.values(), key=lambda f: f.name.casefold())  # noqa: E731
        self.context.update(
            places=by_name(places), people=by_name(people), countries=by_name(countries),
            briefing_categories=by_name(categories),
            front_days=days[:FRONT_DAYS], earlier_days=days[FRONT_DAYS:FRONT_DAYS + 14],
            period_archives=period_archives, period_nav=period_nav,
            PUBLIC_URL=site,
            # worked out when a briefing's page is rendered, not for every briefing on every build
            jsonld=functools.partial(jsonld, site=site, settings=self.settings),
        )
        self.plan = None
        if WirebriefSettings.of(self.settings).incremental:
            self.plan = RenderPlan(self.output_path, self.settings.get("CACHE_PATH", "cache"),
                                   site_fingerprint(self.settings, self.context))
        self.context[PLAN] = self.plan

    def _hashed_css(self) -> str:
        """The style sheet's address with a hash of its bytes in the name, so hosts can cache it
        for ever: a changed style sheet is a new file."""
        static = self.settings.get("THEME_STATIC_DIR", "theme")
        source = Path(self.settings["THEME"]) / "static" / "css" / "wirebrief.css"
        self._css = source.read_bytes()
        digest = hashlib.sha256(self._css).hexdigest()[:10]
        return f"{static}/css/wirebrief.{digest}.css"

    def _period_archives(self, articles: list) -> dict[str, list[dict]]:
        """Day and month pages, in the form Pelican gives its period archives (oldest first;
        each with the period's articles newest first). Wirebrief makes them itself in one pass:
        Pelican's own way tests every article against every period, which grows with the
        square of the site (its *_ARCHIVE_SAVE_AS are left empty in pelicanconf.py)."""
        archives: dict[str, list[dict]] = {}
        for granularity, width in (("day", 3), ("month", 2)):
            pattern = getattr(WirebriefSettings.of(self.settings), f"{granularity}_archive_save_as") or \
                self.settings.get(f"{granularity.upper()}_ARCHIVE_URL")
            if not pattern:
                continue
            groups: dict[tuple, list] = defaultdict(list)
            for article in articles:
                groups[(article.date.year, article.date.month, article.date.day)[:width]].append(article)
            archives[granularity] = []
            for period_num in sorted(groups):
                items = groups[period_num]
                first = items[-1].date
                period = (period_num[0], calendar.month_name[period_num[1]], *period_num[2:])
                archives[granularity].append({
                    "save_as": pattern.format(date=first), "url": self.settings[f"{granularity.upper()}_ARCHIVE_URL"].format(date=first),
                    "period": period, "period_num": period_num, "articles": items, "dates": items[::-1]})
        return archives

    @staticmethod
    def _link_days(archives: list[dict]) -> None:
        """Previous and next period on each day and month archive (Pelican lists them oldest first)."""
        for i, archive in enumerate(archives):
            archive["previous"] = archives[i - 1] if i > 0 else None
            archive["next"] = archives[i + 1] if i + 1 < len(archives) else None

    @staticmethod
    def _related(article) -> list:
        """Other briefings from the same place, about the same people or countries, from about
        the same time: in each of the article's facets (newest first) the RELATED_WINDOW
        briefings either side of it are candidates; a shared person counts 3, the place 2, a
        country 1; the best scores first, then the nearest in time. The cost per briefing stays
        flat as the site grows, and a new briefing changes the related lists of its neighbours
        in time only, not of every briefing that shares a country."""
        scores: dict[int, list] = {}
        for facet, position, weight in article.facet_positions:
            members = facet.articles
            for other in members[max(0, position - RELATED_WINDOW): position + RELATED_WINDOW + 1]:
                if other is not article:
                    entry = scores.get(id(other))
                    if entry is None:
                        scores[id(other)] = [weight, other]
                    else:
                        entry[0] += weight
        when = article.timestamp
        ranked = sorted((-score, abs(other.timestamp - when), other.slug, id(other)) for score, other in scores.values())
        by_id = {id(other): other for _, other in scores.values()}
        return [by_id[key[3]] for key in ranked[:RELATED_MAX]]

    def _made(self, path: str) -> None:
        if self.plan is not None:
            self.plan.made(path)

    def _generate_output(self, writer) -> None:
        relative = self.settings.get("RELATIVE_URLS", False)
        write_if_changed(Path(self.output_path) / self.context["CSS_URL"], self._css)
        self._made(self.context["CSS_URL"])
        latest = WirebriefSettings.of(self.settings).facet_latest
        month_template = self.get_template("facet_month")

        def write_months(months: list[FacetMonth]) -> None:
            for month in months:
                writer.write_file(month.save_as, month_template, self.context, relative_urls=relative,
                                  template_name="facet_month", url=month.url, month=month, articles=month.articles)

        for label_kind, kind_label in (("tag", "Tag"), ("category", "Section")):
            template = self.get_template(label_kind)
            for label, articles in self.context["tags" if label_kind == "tag" else "categories"]:
                months = facet_months(label, kind_label, label.save_as, articles, latest)
                writer.write_file(label.save_as, template, self.context, relative_urls=relative, url=label.url,
                                  articles=articles[:latest], dates=articles[:latest], total=len(articles), months=months,
                                  template_name=label_kind, blog=True, **{label_kind: label})
                write_months(months)
        template = self.get_template("period_archives")
        for archives in self.context["period_archives"].values():
            for archive in archives:
                context = {**self.context, "period": archive["period"], "period_num": archive["period_num"]}
                writer.write_file(archive["save_as"], template, context, relative_urls=relative,
                                  articles=archive["articles"], dates=archive["dates"], template_name="period_archives",
                                  blog=True, url=archive["url"])
        for kind, template in (("places", "place"), ("people", "person"), ("countries", "country")):
            index_template = self.get_template(kind)
            writer.write_file(f"{kind}.html", index_template, self.context, relative_urls=relative,
                              template_name=kind, url=f"{kind}.html")
            facet_template = self.get_template(template)
            for facet in self.context[kind]:
                months = facet_months(facet, template.capitalize(), facet.save_as, facet.articles, latest)
                writer.write_file(facet.save_as, facet_template, self.context, relative_urls=relative,
                                  template_name=template, url=facet.url, facet=facet, articles=facet.articles[:latest],
                                  total=len(facet.articles), months=months)
                write_months(months)
        self._write_feeds()
        self._write_sitemaps()
        if WirebriefSettings.of(self.settings).review_page:
            self._write_review(writer, relative)
        if self.plan is not None:
            # Pelican's StaticGenerator copies these after us; they count as made by this build
            for static in self.context.get("staticfiles", []):
                self.plan.made(static.save_as, exists=False)
            removed = self.plan.finish()
            log.info("wirebrief: %d file(s) made, %d unchanged and not rendered, %d removed",
                     len(self.plan.rendered), self.plan.skipped, len(removed))

    def _write_review(self, writer, relative: bool) -> None:
        """The editors' page of briefings to check: development builds only (never published)."""
        from ..ingest.review import review_articles
        cfg = WirebriefSettings.of(self.settings)
        articles = [*self.context.get("articles", []), *self.context.get("hidden_articles", []), *self.context.get("drafts", [])]
        findings = review_articles(articles, cfg.root)
        by_seed = {getattr(a, "seed", None): a for a in self.context.get("articles", [])}
        writer.write_file("review.html", self.get_template("review"), self.context, relative_urls=relative,
                          template_name="review", url="review.html",
                          findings=[(f, by_seed.get(f.seed)) for f in findings])

    def _write_feeds(self) -> None:
        site = public_url(self.settings)
        feed_domain = (self.settings.get("FEED_DOMAIN") or site).rstrip("/")
        out = Path(self.output_path)
        name = self.settings.get("SITENAME", "")
        subtitle = self.settings.get("SITESUBTITLE", "")
        groups = [("feeds/all", name, self.context.get("articles", []))]
        for kind in ("places", "people", "countries", "briefing_categories"):
            for facet in self.context[kind]:
                groups.append((f"feeds/{facet.kind}/{facet.slug}", f"{name}: {facet.name}", facet.articles))
        for base, title, articles in groups:
            for kind in ("atom", "rss"):
                path = f"{base}.{kind}.xml"
                key = _hash("feed", path, title, tokens(articles[:FEED_ITEMS]))
                if self.plan is not None and self.plan.fresh(path, key):
                    continue
                write_feed(out / path, kind, title, articles, site_url=site, public_url=site,
                           feed_url=f"{feed_domain}/{path}", subtitle=subtitle, limit=FEED_ITEMS)
                if self.plan is not None:
                    self.plan.made(path, key)

    def _write_sitemaps(self) -> None:
        site = public_url(self.settings)
        out = Path(self.output_path)
        urls: list[tuple[str, str | None]] = [("", None)]
        for article in self.context.get("articles", []):
            urls.append((article.url, (getattr(article, "modified", None) or article.date).date().isoformat()))
        urls += [(p.url, None) for p in self.context.get("pages", [])]
        for granularity in ("day", "month"):
            urls += [(a["url"], None) for a in self.context.get("period_archives", {}).get(granularity, [])]
        for kind in ("places", "people", "countries", "briefing_categories"):
            urls += [(f.url, None) for f in self.context[kind]]
        urls += [(f"{kind}.html", None) for kind in ("places", "people", "countries", "archives", "search")]
        entries = [f"<url><loc>{xml_escape(f'{site}/{url}')}</loc>" + (f"<lastmod>{lastmod}</lastmod>" if lastmod else "") + "</url>"
                   for url, lastmod in urls]
        # The protocol takes at most 50,000 addresses a file: beyond, sitemap.xml is an index
        # of numbered parts (10,000 briefings make about 20,000 addresses; 50,000 pass it).
        most = WirebriefSettings.of(self.settings).sitemap_max_urls
        parts = [entries[i:i + most] for i in range(0, len(entries), most)]
        urlset = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        if len(parts) == 1:
            write_if_changed(out / "sitemap.xml", (urlset + "\n".join(entries) + "\n</urlset>\n").encode())
        else:
            index = ['<?xml version="1.0" encoding="UTF-8"?>',
                     '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
            for number, part in enumerate(parts, 1):
                name = f"sitemap-{number}.xml"
                write_if_changed(out / name, (urlset + "\n".join(part) + "\n</urlset>\n").encode())
                self._made(name)
                index.append(f"<sitemap><loc>{xml_escape(f'{site}/{name}')}</loc></sitemap>")
            index.append("</sitemapindex>")
            write_if_changed(out / "sitemap.xml", ("\n".join(index) + "\n").encode())
        self._made("sitemap.xml")

        # the two days before the newest briefing, not before the build: the same commit built on
        # another day gives the same bytes
        articles = self.context.get("articles", [])
        newest = max((a.date for a in articles), default=None)
        recent = [a for a in articles if a.date >= newest - timedelta(days=NEWS_SITEMAP_DAYS)] if newest else []
        lines = ['<?xml version="1.0" encoding="UTF-8"?>',
                 '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
                 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">']
        publication = xml_escape(plain(self.settings.get("SITENAME")))
        for a in recent:
            lines.append(
                f"<url><loc>{xml_escape(f'{site}/{a.url}')}</loc><news:news><news:publication>"
                f"<news:name>{publication}</news:name><news:language>{self.settings.get('DEFAULT_LANG', 'en')}</news:language>"
                f"</news:publication><news:publication_date>{a.date.isoformat()}</news:publication_date>"
                f"<news:title>{xml_escape(plain(a.title))}</news:title></news:news></url>")
        lines.append("</urlset>")
        write_if_changed(out / "sitemap-news.xml", ("\n".join(lines) + "\n").encode())
        write_if_changed(out / "robots.txt",
                         f"User-agent: *\nAllow: /\nSitemap: {site}/sitemap.xml\nSitemap: {site}/sitemap-news.xml\n".encode())
        self._made("sitemap-news.xml")
        self._made("robots.txt")
