"""Place, person, country and category pages (facets), their months, and related briefings.

Each briefing is filed under its place (and the other places of its dateline), its people and
its countries; a facet with more briefings than its page shows has a page per month.
"""

from __future__ import annotations

import calendar
import functools
import itertools
import operator
from dataclasses import dataclass, field

from slugify import slugify

RELATED_MAX = 5
RELATED_WINDOW = 4      # briefings either side in time, in each place, person or country, considered as related


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



def file_under_facets(articles: list) -> tuple[dict[str, Facet], dict[str, Facet], dict[str, Facet], list]:
    """Places, people and countries of these briefings (newest first), each with its briefings
    in that order; every article gets its facets. The last item, one list per article in
    `articles`, is where it is in each facet, for related(): kept by the caller only while
    it works out the related briefings (at 50,000 briefings, 25 MB held through the build)."""
    places: dict[str, Facet] = {}
    people: dict[str, Facet] = {}
    countries: dict[str, Facet] = {}
    positions = []
    for article in articles:
        article.place_facet = _facet(places, "place", article.location) if getattr(article, "location", None) else None
        # tuples: none is changed after, and most briefings name no other place (one empty tuple)
        article.other_place_facets = tuple(_facet(places, "place", p) for p in article.other_places_list)
        article.person_facets = tuple(_facet(people, "person", p.name) for p in article.people_list)
        article.country_facets = tuple(_facet(countries, "country", c) for c in article.countries_list)
        positions.append(mine := [])
        weighted = [(article.place_facet, 2), *((f, 2) for f in article.other_place_facets), *((f, 3) for f in article.person_facets), *((f, 1) for f in article.country_facets)]
        for facet, weight in weighted:
            # one article is added to a facet in one go, so only the last entry can be it
            if facet is not None and (not facet.articles or facet.articles[-1] is not article):
                facet.articles.append(article)
                mine.append((facet, len(facet.articles) - 1, weight))
    return places, people, countries, positions


def related(article, positions: list) -> tuple:
    """Other briefings from the same place, about the same people or countries, from about
    the same time: in each of the article's facets (newest first; `positions`, the article's
    (facet, its position there, weight), from file_under_facets) the RELATED_WINDOW
    briefings either side of it are candidates; a shared person counts 3, the place 2, a
    country 1; the best scores first, then the nearest in time. The cost per briefing stays
    flat as the site grows, and a new briefing changes the related lists of its neighbours
    in time only, not of every briefing that shares a country."""
    scores: dict[int, list] = {}
    for facet, position, weight in positions:
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
    return tuple(by_id[key[3]] for key in ranked[:RELATED_MAX])
