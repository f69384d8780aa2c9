"""A listed briefing is rendered once a build (site/fragments.py, the theme's `item` macro):
every page still gets its own relative links, and a new briefing at a freed address is
rendered afresh."""

from jinja2 import DictLoader, Environment, FileSystemLoader, ChoiceLoader

from conftest import ROOT
from wirebrief.site.fragments import SITE, fragments


class Briefing:
    """What the item macro asks of a briefing; counts the times its title is read."""

    def __init__(self, title: str, url: str):
        self._title, self.url, self.reads = title, url, 0
        self.lang, self.location, self.iso_date, self.locale_date = "en", "Austin", "2025-11-29", "29 November 2025"
        self.summary, self.source = f"Summary of {title}.", "AP"

    @property
    def title(self):
        self.reads += 1
        return self._title

    def __getattr__(self, name):   # every other field the macro tests: empty
        return None


def environment(**options) -> Environment:
    page = "{% from '_macros.html' import item with context %}{% for a in articles %}{{ item(a, level) }}{% endfor %}"
    return Environment(loader=ChoiceLoader([DictLoader({"page.html": page}),
                                            FileSystemLoader(str(ROOT / "theme" / "templates"))]),
                       trim_blocks=True, lstrip_blocks=True, **options)


def render(env, remember, articles, siteurl, level=2):
    return env.get_template("page.html").render(articles=articles, level=level, SITEURL=siteurl, remember=remember,
                                                DEFAULT_LANG="en", text_direction=lambda lang: "ltr")


def test_a_briefing_listed_on_pages_at_three_depths_is_rendered_once_with_each_pages_links():
    env, remember = environment(), fragments()
    a, b = Briefing("Water plan", "briefings/water-plan.html"), Briefing("Storm", "briefings/storm.html")
    pages = {siteurl: render(env, remember, [a, b], siteurl) for siteurl in ("..", "../../..", "https://x.org")}
    assert (a.reads, b.reads) == (1, 1)
    for siteurl, html in pages.items():
        assert f'<a href="{siteurl}/briefings/water-plan.html">Water plan</a>' in html
        assert f'<a href="{siteurl}/briefings/storm.html">Storm</a>' in html
        assert SITE not in html
    # what the macro gives without the memo, page for page
    for siteurl, html in pages.items():
        fresh = Briefing("Water plan", "briefings/water-plan.html"), Briefing("Storm", "briefings/storm.html")
        assert render(env, fragments(), list(fresh), siteurl) == html
    # another heading level is another fragment
    assert '<h3><a href="../briefings/storm.html">' in render(env, remember, [b], "..", level=3)
    assert b.reads == 2


def test_a_new_briefing_at_a_freed_address_is_not_taken_for_the_old_one():
    env, remember = environment(), fragments()
    assert "First" in render(env, remember, [Briefing("First", "a.html")], "..")
    # CPython reuses a freed object's address: the memo checks identity, not only the address
    for i in range(50):
        assert f"Second {i}" in render(env, remember, [Briefing(f"Second {i}", "b.html")], "..")


def test_a_summary_whose_links_pelican_makes_relative_to_each_page_is_read_on_each_page():
    class Linked(Briefing):
        page = ""

        @property
        def summary(self):   # as Pelican gives it: {filename} links made relative to the page
            return f'See <a href="{Linked.page}/briefings/earlier.html">earlier</a>.'

        @summary.setter
        def summary(self, value):   # as Pelican's Content.summary: set in __init__, ignored
            pass

    env, remember, linked = environment(), fragments(), Linked("Water plan", "briefings/water-plan.html")
    for siteurl in ("..", "../../..", ".."):
        Linked.page = siteurl
        html = render(env, remember, [linked], siteurl)
        assert f'<div class="summary">See <a href="{siteurl}/briefings/earlier.html">earlier</a>.</div>' in html
    assert linked.reads == 1


def test_with_autoescape_the_pages_siteurl_is_escaped_as_the_template_would():
    env = environment(autoescape=True)
    html = render(env, fragments(), [Briefing("A & B", "a.html")], "https://x.org/?a=1&b=2")
    assert '<a href="https://x.org/?a=1&amp;b=2/a.html">A &amp; B</a>' in html
