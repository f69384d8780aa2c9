"""Pelican settings for the Wirebrief sample site (development: relative URLs, no stale-output deletion)."""

import os

AUTHOR = "Wirebrief desk"
SITENAME = "Wirebrief"
SITESUBTITLE = "Today's briefings from the wires"
SITEURL = ""
RELATIVE_URLS = True
# The address the site is published at: canonical links, feeds and sitemaps are absolute even
# in a development build (publishconf.py sets SITEURL from the same variable).
WIREBRIEF_PUBLIC_URL = os.environ.get("SITEURL", "https://briefings.example.org")

PATH = "content"
ARTICLE_PATHS = ["briefings"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]  # lead photos, resized by ingest into content/images/briefings/
THEME = "theme"
# The theme's one style sheet is written by Wirebrief under a content-hashed name
# (theme/css/wirebrief.<hash>.css), so everything under theme/ can be cached for ever.
THEME_STATIC_PATHS = ["images"]
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
DEFAULT_DATE_FORMAT = "%-d %B %Y"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["wirebrief"]

# Stable, short article URLs: a corrected date or headline never moves a published briefing.
ARTICLE_URL = "briefings/{slug}.html"
ARTICLE_SAVE_AS = "briefings/{slug}.html"
# A briefing in another language is a briefing like any other (no translations: the copy is never translated)
ARTICLE_LANG_URL = ARTICLE_URL
ARTICLE_LANG_SAVE_AS = ARTICLE_SAVE_AS
PAGE_URL = "{slug}.html"
PAGE_SAVE_AS = "{slug}.html"
CATEGORY_URL = "category/{slug}.html"
CATEGORY_SAVE_AS = "category/{slug}.html"
TAG_URL = "tag/{slug}.html"
TAG_SAVE_AS = "tag/{slug}.html"
ARCHIVES_SAVE_AS = "archives.html"
# Date-keyed listings: adding a briefing never shifts what another page lists. Wirebrief
# makes the day and month pages itself (in one pass; Pelican's own period archives cost
# grows with the square of the site), at these addresses, so Pelican's *_SAVE_AS stay empty.
DAY_ARCHIVE_URL = "day/{date:%Y-%m-%d}.html"
MONTH_ARCHIVE_URL = "month/{date:%Y-%m}.html"
WIREBRIEF_DAY_ARCHIVE_SAVE_AS = DAY_ARCHIVE_URL
# Place, person, country, tag and category pages show their latest briefings; a facet with
# more has a page per month ("place/oslo-norway/2026-09.html"), so none grows without end.
WIREBRIEF_FACET_LATEST = 30
WIREBRIEF_MONTH_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_URL
DAY_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = YEAR_ARCHIVE_SAVE_AS = ""
DIRECT_TEMPLATES = ["index", "tags", "categories", "archives", "search"]
# Bylines are shown on each briefing; agencies do not want per-reporter pages.
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
DEFAULT_PAGINATION = False
# Briefings are not translated (Pelican's translation matching compares every article with
# every other one: costly at newsroom scale).
ARTICLE_TRANSLATION_ID = None

# Rebuilds: Pelican keeps the articles it read in cache/ and reads again only changed files
# (Wirebrief starts the cache afresh when settings or plugin code change), and Wirebrief
# renders only the pages whose briefings changed (WIREBRIEF_INCREMENTAL; see
# plugins/wirebrief/site/renderplan.py).
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CONTENT_CACHING_LAYER = "generator"
GZIP_CACHE = False
WIREBRIEF_INCREMENTAL = True

# Wirebrief writes every feed itself (Atom and RSS with full text, for all briefings and for
# each category, place, person and country: feeds/all.atom.xml, feeds/place/<slug>.rss.xml, …),
# so Pelican's own feed settings stay off.
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

# Seed text is escaped into plain Markdown; "extra" serves hand-written pages in content/pages/.
MARKDOWN = {
    "extension_configs": {"markdown.extensions.extra": {}, "markdown.extensions.meta": {}},
    "output_format": "html5",
}

# --- Wirebrief: every WIREBRIEF_* setting, its default and its type are in
# plugins/wirebrief/settings.py (the seed folder, limits, WIREBRIEF_TOPICS: the topic table of
# plugins/wirebrief/extract/topics.py; WIREBRIEF_SUBJECTS: the table from the IPTC subject codes
# and Media Topics of agency files (NewsML-G2, NITF, ninjs…) to categories, by default the 17
# top-level codes, e.g. "Sport": ["15000000"]; a code may be an agency's own, "N2:OILG"); an
# unknown WIREBRIEF_ name stops the build. This site sets:
WIREBRIEF_REVIEW_PAGE = True              # review.html: briefings to check (development builds only)
WIREBRIEF_SHOW_SEED_PATH = True           # "Wire copy: seeds/…" on article pages (development builds only)
