"""The briefing site's own pages: it calls the module of each page family and renders them.

    facets.py      place, person, country and category pages, their months, related briefings
    archives.py    day and month pages
    jsonld.py      schema.org NewsArticle for each briefing, WebSite for the front page
    feeds.py       Atom and RSS for every listing
    fragments.py   a briefing's listing markup, rendered once a build
    edition.py     the day's edition for email (HTML and text) and the editions feed
    sitemaps.py    sitemaps and robots.txt
    opensearch.py  opensearch.xml (search the site from a browser's address bar)

Runs after Pelican's ArticlesGenerator (it is discovered through `get_generators`), so
it sees every article; it adds to the shared context what the theme's templates use.
"""

from __future__ import annotations

import functools
import hashlib
import logging
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

from pelican.generators import Generator

from ..files import write_if_changed
from ..settings import WirebriefSettings
from .archives import link_days, period_archives
from .facets import Facet, FacetMonth, facet_months, file_under_facets, related
from .edition import EDITION_URL, write_editions
from .feeds import write_feeds
from .fragments import fragments
from .jsonld import jsonld, website
from .lifecycle import leading, text_direction
from .opensearch import write_opensearch
from .phases import PHASES
from .renderplan import RenderPlan, site_fingerprint, token
from .sitemaps import listed, write_sitemaps
from .writer import PLAN

log = logging.getLogger(__name__)

FRONT_DAYS = 3          # days of briefings on the front page; older ones are a link away


def public_url(settings: dict) -> str:
    """The site's absolute address, for canonical links, feeds and sitemaps, even in a
    development build whose pages use relative links."""
    return (settings.get("SITEURL") or WirebriefSettings.of(settings).public_url).rstrip("/")


class BriefingGenerator(Generator):
    def generate_context(self) -> None:
        PHASES.mark("pages and static files (Pelican)")
        self._generate_context()
        PHASES.mark("facets, related, render plan")

    def generate_output(self, writer) -> None:
        PHASES.mark("articles, periods, direct templates (Pelican)")
        self._generate_output(writer)
        PHASES.mark("search index" if WirebriefSettings.of(self.settings).search else "day, month, tag, category, facet pages, feeds")

    def _generate_context(self) -> None:
        articles = self.context.get("articles", [])  # newest first, as Pelican sorts them
        cfg = WirebriefSettings.of(self.settings)
        site = public_url(self.settings)
        months: dict[tuple[int, int], tuple[int, int]] = {}   # one tuple a month, not one a briefing
        for article in articles:
            # worked out afresh each build (renderplan.token)
            article._wirebrief_token = None
            token(article)
            article.timestamp = article.date.timestamp()
            month = (article.date.year, article.date.month)
            article.year_month = months.setdefault(month, month)
        places, people, countries, positions = file_under_facets(articles)
        for article, mine in zip(articles, positions):
            article.related = related(article, mine)
        del positions
        categories = {}
        for category, items in self.context.get("categories", []):
            categories[category.slug] = Facet("category", str(category), category.slug, list(items))

        by_day = defaultdict(list)
        for article in articles:
            by_day[article.day].append(article)
        days = sorted(by_day.items(), reverse=True)
        archives_by_kind = period_archives(articles, self.settings,
                                           {"day": cfg.day_archive_save_as, "month": cfg.month_archive_save_as})
        for archives in archives_by_kind.values():
            link_days(archives)

        self.context["CSS_URL"] = self._hashed_css()
        by_name = lambda index: sorted(index.values(), key=lambda f: f.name.casefold())  # noqa: E731
        self.context.update(
            places=by_name(places), people=by_name(people), countries=by_name(countries),
            briefing_categories=by_name(categories),
            front_days=days[:FRONT_DAYS], earlier_days=days[FRONT_DAYS:FRONT_DAYS + 14],
            leading=leading(articles, cfg.urgent_hours), text_direction=text_direction,
            period_archives=archives_by_kind,
            PUBLIC_URL=site, EDITION_URL=EDITION_URL,
            # worked out when a briefing's page is rendered, not for every briefing on every build
            jsonld=functools.partial(jsonld, site=site, settings=self.settings),
            website_jsonld=website(site, self.settings),
            show_seed_path=cfg.show_seed_path,   # "Wire copy: seeds/…" (development builds only)
            remember=fragments(),   # each listed briefing rendered once (fragments.py)
        )
        self.plan = None
        if cfg.incremental:
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
                                  blog=True, url=archive["url"], nav={"previous": archive["previous"], "next": archive["next"]})
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
        self._write_withdrawn(writer, relative)
        if WirebriefSettings.of(self.settings).review_page:
            self._write_review(writer, relative)
        # every page the build renders is asked for: forked processes start on them (writer.py)
        # while this process writes the feeds and editions, then joins them
        writer.start_pending()
        site = public_url(self.settings)
        # feeds and editions are the site's, not a page's: a summary's links are resolved
        # against the site's address, not against whichever page was rendered last
        self.context["localsiteurl"] = self.settings["SITEURL"]
        try:
            write_feeds(self.context, self.settings, self.output_path, site, self.plan)
            write_editions(self.context, self.output_path, site, self.plan,
                           self.get_template("edition"), self.env.get_template("edition.txt"))
            write_opensearch(self.output_path, site, self.settings, self.plan)
        except BaseException:
            writer.abandon_pending()
            raise
        writer.finish_pending()
        # every page written through the writer by now: Pelican's articles, pages and direct
        # templates (its generators run before this one), and ours. What rendering and keying
        # them kept (each listing's markup and digests: 60 MB at 50,000 briefings) is let go
        # before the sitemaps and the render plan's record are made
        self.context["remember"] = fragments()
        if self.plan is not None:
            self.plan.forget_keys()
        write_sitemaps(self.context, self.settings, self.output_path, site,
                       WirebriefSettings.of(self.settings).sitemap_max_urls, self._made,
                       listed(writer.files_made(), writer.unlisted))
        if self.plan is not None:
            # Pelican's StaticGenerator copies these after us; they count as made by this build
            for static in self.context.get("staticfiles", []):
                self.plan.made(static.save_as, exists=False)
            removed = self.plan.finish()
            log.info("wirebrief: %d file(s) made, %d unchanged and not rendered, %d removed",
                     len(self.plan.rendered), self.plan.skipped, len(removed))
        if WirebriefSettings.of(self.settings).search:
            PHASES.mark("day, month, tag, category, facet pages, feeds")
            self._index_search()

    def _index_search(self) -> None:
        """The briefing pages into the search index, the months that changed only (search.py).
        Last: after the render plan removed the pages of briefings that are gone."""
        from . import search

        fmt = WirebriefSettings.of(self.settings).search_bundle
        pages = [(search.bundle_name(a.date, fmt), a.save_as)
                 for a in (*self.context.get("articles", []), *self.context.get("translations", []))]
        done = search.update(Path(self.output_path), pages, Path(self.settings.get("CACHE_PATH", "cache")),
                             self.settings.get("DEFAULT_LANG", "en"))
        log.info("wirebrief: search index: %d of %d bundle(s) indexed, %d removed",
                 len(done["indexed"]), done["bundles"], len(done["removed"]))
        if done["failed"] or done["widget_missing"]:
            from .hooks import build_incomplete

            build_incomplete()

    def _write_withdrawn(self, writer, relative: bool) -> None:
        """A notice at each withdrawn briefing's address (noindex: no sitemap, no search), and
        Netlify's `_redirects` rules that serve it as 410 Gone."""
        withdrawn = sorted(self.context.get("withdrawn_articles", []), key=lambda a: a.save_as)
        template = self.get_template("withdrawn")
        for article in withdrawn:
            writer.write_file(article.save_as, template, self.context, relative_urls=relative,
                              template_name="withdrawn", url=article.url, article=article)
        if withdrawn:
            prefix = urlsplit(public_url(self.settings)).path.rstrip("/")   # a site under a sub-path
            rules = "".join(f"{prefix}/{a.url}  {prefix}/{a.url}  410!\n" for a in withdrawn)
            write_if_changed(Path(self.output_path) / "_redirects",
                             ("# Withdrawn briefings: Gone, with the notice (Wirebrief)\n" + rules).encode())
            self._made("_redirects")

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
