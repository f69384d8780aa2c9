"""The site in a real headless Chromium (Debian's /usr/bin/chromium): accessibility with
axe-core at WCAG 2.2 AA in light and dark schemes, phone and desktop widths, search,
print, keyboard, layout shift. Screenshots go to tests/screenshots/ for people to look at."""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import ROOT

SCREENSHOTS = ROOT / "tests" / "screenshots"
USER_ARTICLE = "briefings/chinese-premier-calls-for-closer-exchanges-enhanced-cooperation-with-kazakhstan.html"
PAGES = {
    "front": "index.html", "article": USER_ARTICLE, "day": "day/2022-11-29.html", "month": "month/2022-11.html",
    "place": "place/beijing-china.html", "person": "person/li-keqiang.html", "country": "country/china.html",
    "category": "category/diplomacy.html", "tag": "tag/china.html", "search": "search.html", "404": "404.html",
    "about": "about.html", "archive": "archives.html", "places": "places.html", "review": "review.html",
    "article-ar": "briefings/grt-l-mwq-llfsyl-shrq-dmshq.html", "article-zh": "briefings/ha-er-bin-bing-xue-da-shi-jie-kai-yuan.html",
    "edition": "edition/2022-11-29.html",
}
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


@pytest.fixture
def page(browser):
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_axe_violations(page, sample_url, name, scheme):
    page.emulate_media(color_scheme=scheme)
    page.goto(f"{sample_url}/{PAGES[name]}")
    if name == "search":
        page.wait_for_selector(".pagefind-ui__search-input")
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", [320, 1440])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_horizontal_scrolling(page, sample_url, name, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{sample_url}/{PAGES[name]}")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0


@pytest.mark.parametrize("width, label", [(390, "phone"), (1440, "desktop")])
@pytest.mark.parametrize("name", ["front", "article"])
def test_screenshots(page, sample_url, name, width, label):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(f"{sample_url}/{PAGES[name]}")
    target = SCREENSHOTS / f"{name}-{label}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000


def test_article_page_loads_no_script_and_nothing_from_elsewhere(page, sample_url):
    requests = []
    page.on("request", lambda r: requests.append((r.resource_type, r.url)))
    page.goto(f"{sample_url}/{USER_ARTICLE}")
    assert [t for t, _ in requests if t == "script"] == []
    assert all(url.startswith(sample_url) for _, url in requests), requests


def test_no_layout_shift(page, sample_url):
    page.add_init_script("""
        window.__shift = 0;
        new PerformanceObserver(list => { for (const e of list.getEntries()) window.__shift += e.value; })
            .observe({type: 'layout-shift', buffered: true});
    """)
    for name in ("front", "article"):
        page.goto(f"{sample_url}/{PAGES[name]}")
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        assert page.evaluate("window.__shift") == 0


def test_skip_link_and_visible_keyboard_focus(page, sample_url):
    page.goto(f"{sample_url}/{USER_ARTICLE}")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip"
    style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth, s.left]; })()")
    assert style[0] != "none" and style[1] != "0px" and style[2] == "16px"  # on screen
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_print_stylesheet_prints_the_article_alone(page, sample_url):
    page.goto(f"{sample_url}/{USER_ARTICLE}")
    page.emulate_media(media="print")
    hidden = page.evaluate("""['.masthead nav', '.colophon', '.related'].map(
        s => document.querySelector(s) ? getComputedStyle(document.querySelector(s)).display : 'none')""")
    assert hidden == ["none", "none", "none"]
    assert page.evaluate("getComputedStyle(document.querySelector('.briefing h1')).display") == "block"
    pdf = page.pdf()
    assert pdf[:4] == b"%PDF"


def test_dark_scheme_changes_colours(page, sample_url):
    colours = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        page.goto(f"{sample_url}/{USER_ARTICLE}")
        colours[scheme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert colours["light"] != colours["dark"]


def test_search_finds_a_briefing_and_offers_filters(page, sample_url):
    page.goto(f"{sample_url}/search.html")
    page.fill(".pagefind-ui__search-input", "Kazakhstan")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)
    titles = page.locator(".pagefind-ui__result-link").all_inner_texts()
    assert "Chinese premier calls for closer exchanges, enhanced cooperation with Kazakhstan" in titles
    # the UI draws its filters after the results, one by one
    page.wait_for_function("document.querySelectorAll('.pagefind-ui__filter-name').length >= 4", timeout=30_000)
    filters = page.locator(".pagefind-ui__filter-name").all_inner_texts()
    assert {"location", "person", "country", "source"} <= {f.strip().lower() for f in filters}


def test_search_from_a_link_runs_its_query_and_the_address_follows_the_reader(page, sample_url):
    # a link, a browser's site search (opensearch.xml) or a search engine (SearchAction) opens this
    page.goto(f"{sample_url}/search.html?q=Kazakhstan")
    page.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)   # no typing
    titles = page.locator(".pagefind-ui__result-link").all_inner_texts()
    assert "Chinese premier calls for closer exchanges, enhanced cooperation with Kazakhstan" in titles
    assert page.input_value(".pagefind-ui__search-input") == "Kazakhstan"
    entries = page.evaluate("history.length")
    page.fill(".pagefind-ui__search-input", "metro line")
    page.wait_for_function("new URLSearchParams(location.search).get('q') === 'metro line'")
    page.wait_for_function("""[...document.querySelectorAll('.pagefind-ui__result-link')]
        .some(a => a.textContent.startsWith('Moscow opens new section of its'))""", timeout=10_000)
    assert page.evaluate("history.length") == entries   # replaced, not a new history entry per key
    page.reload()   # what the address keeps runs again
    page.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)
    assert page.input_value(".pagefind-ui__search-input") == "metro line"
    page.click(".pagefind-ui__search-clear")
    page.wait_for_function("!new URLSearchParams(location.search).has('q')")


@pytest.mark.parametrize("query, title", [
    ("bombardements", "Syrie : intenses bombardements sur l'est de Damas"),   # French: its own index, merged in
    ("Москве", "В Москве открыли новую станцию метро"),
])
def test_search_finds_briefings_in_other_languages(page, sample_url, query, title):
    page.goto(f"{sample_url}/search.html")
    page.fill(".pagefind-ui__search-input", query)
    page.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)
    assert title in page.locator(".pagefind-ui__result-link").all_inner_texts()


def test_a_briefing_in_arabic_reads_right_to_left_with_the_site_in_english(page, sample_url):
    page.goto(f"{sample_url}/briefings/grt-l-mwq-llfsyl-shrq-dmshq.html")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ar", "rtl"]
    assert page.evaluate("getComputedStyle(document.querySelector('h1')).direction") == "rtl"
    assert page.evaluate("[document.querySelector('header.masthead').lang, getComputedStyle(document.querySelector('nav')).direction]") == ["en", "ltr"]
