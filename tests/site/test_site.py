"""The built briefing site, read as files: pages, feeds, metadata for machines, links, weight."""

import gzip
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from conftest import SEEDS, make_site, pelican_build, serve

ATOM = "{http://www.w3.org/2005/Atom}"
USER_SLUG = "chinese-premier-calls-for-closer-exchanges-enhanced-cooperation-with-kazakhstan"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def html_files(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.html") if "pagefind" not in p.parts)


def test_page_types_exist(built_sample_site):
    out = built_sample_site / "output"
    for path in ["index.html", "404.html", "search.html", "about.html", "archives.html", "places.html", "people.html",
                 "countries.html", "categories.html", "tags.html", "place/beijing-china.html", "person/li-keqiang.html",
                 "country/kazakhstan.html", "category/diplomacy.html", "tag/li-keqiang.html",
                 "day/2022-11-29.html", "month/2022-11.html", f"briefings/{USER_SLUG}.html"]:
        assert (out / path).is_file(), path


def test_front_page_is_grouped_by_day_newest_first(built_sample_site):
    page = soup(built_sample_site / "output" / "index.html")
    days = [t["datetime"] for t in page.select("section.day > h2 time")]
    assert days == sorted(days, reverse=True) and 1 <= len(days) <= 3
    for section in page.select("section.day"):
        day = section.h2.time["datetime"]
        for item in section.select("article.item"):
            assert item.select_one(".dateline time")["datetime"].startswith(day)
            assert item.h3.a and item.select_one(".summary")
    assert page.select("nav.earlier a")  # the way to earlier days


def test_article_page_carries_the_briefing(built_sample_site):
    page = soup(built_sample_site / "output" / "briefings" / f"{USER_SLUG}.html")
    assert page.select_one("figure figcaption .credit").get_text() == "Photo: Xinhua"
    assert not page.select("figure img")  # a seed has no image file: no broken image
    assert page.select_one("time")["datetime"] == "2022-11-29"
    people = {a.get_text(): a["href"] for a in page.select('a[data-pagefind-filter="person"]')}
    assert people == {"Li Keqiang": "../person/li-keqiang.html", "Alikhan Smailov": "../person/alikhan-smailov.html"}
    countries = [a.get_text() for a in page.select('a[data-pagefind-filter="country"]')]
    assert countries == ["China", "Kazakhstan"]
    assert page.select_one('[data-pagefind-filter="source"]').get_text() == "Xinhua"
    assert page.select_one('[data-pagefind-filter="location"]').get_text() == "Beijing, China"
    assert page.select("aside.related article.item")  # other China briefings share a country


def test_related_briefings_share_a_place_person_or_country(built_sample_site):
    out = built_sample_site / "output" / "briefings"
    for path in out.glob("*.html"):
        page = soup(path)
        mine = {a["href"] for a in page.select(".facts a[data-pagefind-filter]")}
        for link in page.select("aside.related h3 a"):
            other = soup(out / link["href"])
            theirs = {a["href"] for a in other.select(".facts a[data-pagefind-filter]")}
            assert mine & theirs, (path.name, link["href"])


def test_listing_pages_are_newest_first(built_sample_site):
    out = built_sample_site / "output"
    for listing in ["place/beijing-china.html", "country/china.html", "category/transport.html", "tag/china.html"]:
        dates = [t["datetime"] for t in soup(out / listing).select("article.item .dateline time")]
        assert dates and dates == sorted(dates, reverse=True), listing


def test_json_ld_is_a_news_article(built_sample_site):
    page = soup(built_sample_site / "output" / "briefings" / f"{USER_SLUG}.html")
    (script,) = page.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Chinese premier calls for closer exchanges, enhanced cooperation with Kazakhstan"
    assert re.fullmatch(r"2022-11-29T00:00:00\+00:00", data["datePublished"])
    assert data["locationCreated"]["name"] == "Beijing, China"
    assert [p["name"] for p in data["about"]] == ["Li Keqiang", "Alikhan Smailov"]
    assert [c["name"] for c in data["mentions"]] == ["China", "Kazakhstan"]
    assert data["associatedMedia"]["creditText"] == "Xinhua"
    assert data["publisher"]["name"] == "Wirebrief"
    # the copy prints no dateline ("Wire copy" has none), but its place, date and agency are known
    post = (built_sample_site / "content" / "briefings" / f"{USER_SLUG}.md").read_text()
    assert "\ndateline:" not in post
    assert data["dateline"] == "BEIJING, Nov. 29 (Xinhua)"


def test_json_ld_datelines_as_printed_or_in_the_agencies_style(built_sample_site):
    def ld(slug):
        page = soup(built_sample_site / "output" / "briefings" / f"{slug}.html")
        return json.loads(page.find("script", type="application/ld+json").string)

    assert ld("s-koreas-chip-exports-fall-for-third-straight-month")["dateline"] == "SEOUL, Nov. 1 (Yonhap)"  # printed
    assert ld("texas-lawmakers-approve-water-plan-after-marathon-session")["dateline"] == "AUSTIN, Texas (AP)"  # AP's own: no date
    assert ld("autumn-grain-harvest-tops-target-in-northeast-farming-belt")["dateline"] == "SUIHUA, Oct. 12 (Xinhua)"
    assert ld("shenzhen-tests-drone-deliveries-for-hot-meals")["dateline"] == "SHENZHEN, April 12 (China Daily)"
    # no place: no dateline (nothing is guessed)
    assert "dateline" not in ld("library-extends-opening-hours-for-exam-season")


def test_article_pages_allow_large_image_previews(built_sample_site):
    for path in (built_sample_site / "output" / "briefings").glob("*.html"):
        robots = [m["content"] for m in soup(path).find_all("meta", attrs={"name": "robots"})]
        assert robots == ["max-image-preview:large"], path.name


def test_search_from_a_link_opensearch_and_search_action(built_sample_site):
    out = built_sample_site / "output"
    for path in html_files(out):
        if path.parent.name == "edition":   # emails, not pages of the site
            continue
        (link,) = soup(path).find_all("link", rel="search")
        assert link["type"] == "application/opensearchdescription+xml" and link["title"] == "Wirebrief"
        if path.name == "404.html":   # served at any depth: its links are absolute
            assert link["href"] == "https://briefings.example.org/opensearch.xml"
        else:
            assert (path.parent / link["href"]).resolve() == (out / "opensearch.xml").resolve(), path
    ns = {"os": "http://a9.com/-/spec/opensearch/1.1/"}
    description = ET.parse(out / "opensearch.xml").getroot()
    assert description.find("os:ShortName", ns).text == "Wirebrief"
    (html_url,) = description.findall("os:Url[@type='text/html']", ns)
    assert html_url.get("template") == "https://briefings.example.org/search.html?q={searchTerms}"
    data = json.loads(soup(out / "index.html").find("script", type="application/ld+json").string)
    assert data["@type"] == "WebSite" and data["url"] == "https://briefings.example.org/"
    action = data["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "https://briefings.example.org/search.html?q={search_term_string}"
    assert action["query-input"] == "required name=search_term_string"


def test_social_and_search_engine_metadata(built_sample_site):
    page = soup(built_sample_site / "output" / "briefings" / f"{USER_SLUG}.html")
    (canonical,) = page.find_all("link", rel="canonical")
    assert canonical["href"] == f"https://briefings.example.org/briefings/{USER_SLUG}.html"
    meta = {m.get("property") or m.get("name"): m["content"] for m in page.find_all("meta") if m.get("content")}
    assert meta["og:type"] == "article" and meta["og:url"] == canonical["href"]
    assert meta["og:title"] == meta["twitter:title"] == page.h1.get_text()
    assert meta["description"].startswith("China is willing to work with Kazakhstan")
    assert meta["twitter:card"] == "summary"


def feeds_of(output: Path) -> list[Path]:
    return sorted((output / "feeds").rglob("*.xml"))


def test_feeds_for_all_and_each_listing(built_sample_site):
    out = built_sample_site / "output"
    names = {str(p.relative_to(out / "feeds")) for p in feeds_of(out)}
    for base in ["all", "category/diplomacy", "place/beijing-china", "person/li-keqiang", "country/kazakhstan"]:
        assert {f"{base}.atom.xml", f"{base}.rss.xml"} <= names
    atom = ET.parse(out / "feeds" / "all.atom.xml").getroot()
    entries = atom.findall(f"{ATOM}entry")
    assert len(entries) == len(list(SEEDS.glob("*.txt")))
    for entry in entries:
        assert entry.find(f"{ATOM}id").text.startswith("tag:briefings.example.org,")
        assert len(entry.find(f"{ATOM}content").text) > len(entry.find(f"{ATOM}summary").text)
    rss = ET.parse(out / "feeds" / "all.rss.xml").getroot()
    encoded = rss.findall(".//item/{http://purl.org/rss/1.0/modules/content/}encoded")
    assert len(encoded) == len(entries) and all("<p>" in e.text for e in encoded)


def test_feed_links_on_pages(built_sample_site):
    out = built_sample_site / "output"
    page = soup(out / "person" / "li-keqiang.html")
    hrefs = {link["href"] for link in page.find_all("link", rel="alternate")}
    assert "../feeds/person/li-keqiang.atom.xml" in hrefs and "../feeds/person/li-keqiang.rss.xml" in hrefs
    assert "../feeds/all.atom.xml" in hrefs


def test_sitemaps_and_robots(built_sample_site):
    out = built_sample_site / "output"
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    locs = {e.text for e in ET.parse(out / "sitemap.xml").getroot().iter(f"{ns}loc")}
    paths = {urlsplit(loc).path.lstrip("/") or "index.html" for loc in locs}
    # every page the site makes, of every kind (tag, category and facet-month pages included),
    # but those not for search engines
    pages = {str(p.relative_to(out)) for p in html_files(out) if p.parent.name != "edition"}   # email, noindex
    assert paths == pages - {"404.html", "review.html", "search.html"}
    assert not any(p.startswith("edition/") for p in paths)
    assert {p.split("/")[0] for p in paths} >= {"briefings", "tag", "category", "place", "person", "country", "day", "month"}
    assert len(locs) == len(paths)
    ET.parse(out / "sitemap-news.xml")
    robots = (out / "robots.txt").read_text()
    assert "Sitemap: https://briefings.example.org/sitemap.xml" in robots


def test_a_sitemap_too_long_for_one_file_becomes_an_index_of_parts(built_sample_site, tmp_path):
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    whole = {e.text for e in ET.parse(built_sample_site / "output" / "sitemap.xml").getroot().iter(f"{ns}loc")}
    site = make_site(tmp_path)
    with (site / "pelicanconf.py").open("a") as conf:  # the protocol's limit is 50,000
        conf.write("\nWIREBRIEF_SITEMAP_MAX_URLS = 10\n")
    pelican_build(site)
    index = ET.parse(site / "output" / "sitemap.xml").getroot()
    assert index.tag == f"{ns}sitemapindex"
    parts = [e.text for e in index.iter(f"{ns}loc")]
    assert parts == [f"https://briefings.example.org/sitemap-{n}.xml" for n in range(1, len(parts) + 1)]
    listed = []
    for part in parts:
        locs = [e.text for e in ET.parse(site / "output" / urlsplit(part).path.lstrip("/")).getroot().iter(f"{ns}loc")]
        assert 0 < len(locs) <= 10
        listed += locs
    assert len(listed) == len(set(listed)) and set(listed) == whole
    assert len(parts) == -(-len(whole) // 10)


def test_a_page_whose_html_says_noindex_stays_out_of_the_sitemap_through_incremental_builds(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "one.txt").write_text("Floods in Oslo\n\nOSLO, Nov. 27 (NTB) -- Heavy rain closed roads, Mayor Anne Lindboe said.\n")
    site = make_site(tmp_path, seeds)
    page = site / "theme" / "templates" / "page.html"
    page.write_text(page.read_text().replace("{% block content %}",
                                              '{% block meta %}<meta name="robots" content="noindex">{% endblock %}\n{% block content %}'))
    ns = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

    def listed() -> set[str]:
        root = ET.parse(site / "output" / "sitemap.xml").getroot()
        return {urlsplit(e.text).path.lstrip("/") for e in root.iter(f"{ns}loc")}

    pelican_build(site)
    first = listed()
    assert (site / "output" / "about.html").is_file() and "about.html" not in first and "places.html" in first
    (site / "seeds" / "two.txt").write_text("Snow in Bergen\n\nBERGEN, Nov. 28 (NTB) -- Snow fell.\n")
    pelican_build(site)  # about.html is not rendered again: its noindex is remembered
    rendered = json.loads(next((site / "cache").glob("wirebrief-output-*.json")).read_text())["last_build"]["rendered"]
    assert "about.html" not in rendered and "places.html" in rendered
    second = listed()
    assert first < second and "about.html" not in second  # the pages left as they were are still listed
    assert {"briefings/snow-in-bergen.html", "place/bergen-norway.html"} <= second - first


def test_news_sitemap_lists_only_the_last_two_days(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "today.txt").write_text("Fresh news today\n\nLONDON (Reuters) - Something happened.\n")
    (seeds / "old.txt").write_text("Old news\n\nLONDON, Jan 5, 2021 (Reuters) - Something happened.\n")
    site = make_site(tmp_path, seeds)
    pelican_build(site)
    news = (site / "output" / "sitemap-news.xml").read_text()
    assert "Fresh news today" in news and "Old news" not in news


def internal_links(output: Path):
    """Every href and src in every page that points inside the site, with the file it names."""
    for page in html_files(output):
        for tag in soup(page).find_all(["a", "link", "script", "img"]):
            ref = tag.get("href") or tag.get("src")
            if not ref or ref.startswith(("http:", "https:", "mailto:", "#", "data:")):
                continue
            target = (page.parent / unquote(urlsplit(ref).path)).resolve()
            if ref.endswith("/"):
                target = target / "index.html"
            yield page, ref, target


def test_no_broken_internal_links(built_sample_site):
    out = built_sample_site / "output"
    broken = [(str(p.relative_to(out)), ref) for p, ref, target in internal_links(out) if not target.is_file()]
    assert broken == []


def test_article_pages_load_no_javascript_or_third_party_resources(built_sample_site):
    for page_path in (built_sample_site / "output" / "briefings").glob("*.html"):
        page = soup(page_path)
        assert [s.get("type") for s in page.find_all("script")] == ["application/ld+json"]
        for tag in page.find_all(["link", "img", "iframe", "source", "video", "audio"]):
            if tag.name == "link" and set(tag.get("rel", [])) & {"canonical", "alternate"}:
                continue
            ref = tag.get("href") or tag.get("src") or ""
            assert not ref.startswith(("http:", "https:", "//")), (page_path.name, ref)


def test_article_page_weight_under_30_kb_gzipped(built_sample_site):
    out = built_sample_site / "output"
    for page in (out / "briefings").glob("*.html"):
        href = soup(page).find("link", rel="stylesheet")["href"]
        css = gzip.compress((page.parent / href).read_bytes())
        total = len(gzip.compress(page.read_bytes())) + len(css)
        assert total < 30 * 1024, (page.name, total)


@pytest.mark.parametrize("settings", ["pelicanconf.py", "publishconf.py"])
def test_links_work_from_a_sub_path(tmp_path, settings):
    """A GitHub project page serves the site under /<repo>/: relative URLs (development
    settings) and absolute URLs (publish settings with SITEURL) must both work there."""
    import urllib.request

    www = tmp_path / "www"
    www.mkdir()
    with serve(www) as root:
        site = make_site(tmp_path)
        pelican_build(site, settings, {"SITEURL": f"{root}/briefs"})
        (site / "output").rename(www / "briefs")
        out = www / "briefs"
        checked = 0
        for page in [out / "index.html", out / "briefings" / f"{USER_SLUG}.html", out / "place" / "beijing-china.html",
                     out / "day" / "2022-11-29.html"]:
            url = f"{root}/briefs/{page.relative_to(out)}"
            for tag in soup(page).find_all(["a", "link"]):
                ref = tag.get("href")
                if not ref or ref.startswith("#") or tag.get("rel") == ["canonical"]:
                    continue
                full = urllib.parse.urljoin(url, ref)
                if not full.startswith(root):
                    continue
                assert "/briefs/" in full, (page.name, ref)
                with urllib.request.urlopen(full) as response:
                    assert response.status == 200, full
                checked += 1
        assert checked > 50


def test_style_sheet_name_carries_a_hash_of_its_bytes(built_sample_site):
    import hashlib

    out = built_sample_site / "output"
    (css,) = (out / "theme" / "css").glob("wirebrief.*.css")
    source = (built_sample_site / "theme" / "static" / "css" / "wirebrief.css").read_bytes()
    assert css.read_bytes() == source
    assert css.name == f"wirebrief.{hashlib.sha256(source).hexdigest()[:10]}.css"
    for page in html_files(out):
        if page.name != "404.html" and page.parent.name != "edition":   # an edition's styles are inlined
            assert soup(page).find("link", rel="stylesheet")["href"].endswith(css.name), page


def test_a_dateline_with_several_places_files_the_briefing_under_each(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "boeing.txt").write_text("Boeing wins tanker deal\n\nSEATTLE/WASHINGTON, Nov. 3 (Reuters) - Boeing won a tanker order.\n")
    site = make_site(tmp_path, seeds)
    pelican_build(site)
    out = site / "output"
    page = soup(out / "briefings" / "boeing-wins-tanker-deal.html")
    assert page.select_one(".dateline").get_text(" ", strip=True).startswith("Seattle")   # the first place is the briefing's
    also = page.find("dt", string="Also datelined").find_next_sibling("dd").find("a")
    assert also.get_text() == "Washington, District of Columbia, United States"
    target = (out / "briefings" / also["href"]).resolve()
    assert target == (out / "place" / "washington-district-of-columbia-united-states.html").resolve()
    assert "Boeing wins tanker deal" in target.read_text()
    assert "Boeing wins tanker deal" in (out / "place" / "seattle-washington-united-states.html").read_text()


def test_feed_entries_in_another_language_say_so(built_sample_site):
    feed = ET.parse(built_sample_site / "output" / "feeds" / "all.atom.xml").getroot()
    langs = {e.findtext(f"{ATOM}title"): e.get("{http://www.w3.org/XML/1998/namespace}lang") for e in feed.iter(f"{ATOM}entry")}
    assert langs["Syrie : intenses bombardements sur l'est de Damas"] == "fr"
    assert langs["Chinese premier calls for closer exchanges, enhanced cooperation with Kazakhstan"] is None   # the feed's own
