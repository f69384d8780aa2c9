"""A real Pelican build of the sample site and of hostile seeds, read back with BeautifulSoup."""

import html
import re
import json
import xml.etree.ElementTree as ET
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import SEEDS, make_site, pelican_build

USER_POST = "briefings/chinese-premier-calls-for-closer-exchanges-enhanced-cooperation-with-kazakhstan.html"


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_every_seed_has_a_briefing_page(built_sample_site):
    pages = list((built_sample_site / "output" / "briefings").glob("*.html"))
    assert len(pages) == len(list(SEEDS.glob("*.txt")))
    posts = list((built_sample_site / "content" / "briefings").glob("*.md"))
    assert len(posts) == len(pages)


def test_users_seed_page_shows_date_location_and_credit(built_sample_site):
    page = soup(built_sample_site / "output" / USER_POST)
    assert page.h1.get_text() == "Chinese premier calls for closer exchanges, enhanced cooperation with Kazakhstan"
    assert page.find("time")["datetime"] == "2022-11-29"
    assert page.select_one(".dateline .place").get_text() == "Beijing"
    assert "Beijing, China" in page.select_one(".facts").get_text()
    figcaption = page.select_one("figure figcaption")
    assert figcaption.select_one(".credit").get_text() == "Photo: Xinhua"
    assert figcaption.get_text().startswith("Chinese Premier Li Keqiang (L) meets with Kazakh Prime Minister")
    assert "(Photo: Xinhua)" not in page.get_text()
    facts = page.select_one(".facts").get_text(" ", strip=True)
    for expected in ("Li Keqiang", "Premier", "Alikhan Smailov", "Prime Minister", "China", "Kazakhstan", "Xinhua"):
        assert expected in facts


def test_every_metadata_field_is_on_the_article_page(built_sample_site):
    from wirebrief.ingest.post import read_header
    from wirebrief.schema import HEADER

    shown_elsewhere = {"slug", "summary", "warnings"}  # the URL; the lede paragraph; editors' review
    for post in (built_sample_site / "content" / "briefings").glob("*.md"):
        header = read_header(post.read_text(encoding="utf-8"))
        page = soup(built_sample_site / "output" / "briefings" / f"{header['slug']}.html")
        text = " ".join(page.get_text(" ").split())
        assert page.select_one("[data-date-source]")["data-date-source"] == header["date_source"]
        for key in HEADER:
            if key in header and key not in shown_elsewhere | {"date", "date_source"}:
                for part in header[key].split("; "):
                    for piece in part.split(", ") if key == "tags" else [part]:
                        value = html.unescape(piece)
                        assert value in text, f"{key}={value!r} missing from {post.name}"
        assert page.find("time")["datetime"].startswith(header["date"][:10])


def test_feed_is_valid_xml_with_every_briefing(built_sample_site):
    feed = ET.parse(built_sample_site / "output" / "feeds" / "all.atom.xml")
    entries = feed.getroot().findall("{http://www.w3.org/2005/Atom}entry")
    assert len(entries) == len(list(SEEDS.glob("*.txt")))


def test_hostile_seeds_reach_the_page_as_text(tmp_path):
    seeds = tmp_path / "hostile"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        'He said "</script><script>alert(1)</script>" & left\n\n'
        "BEIJING, Nov. 29 (Xinhua) -- <img src=x onerror=alert(2)> said on Tuesday.\n\n"
        "[click](javascript:alert(3)) {{ config }} {% debug %} <!-- c -->\n\n"
        "Title: Injected\n"
    )
    site = make_site(tmp_path, seeds)
    pelican_build(site)
    (page_path,) = (site / "output" / "briefings").glob("*.html")
    page = soup(page_path)
    (ld,) = page.find_all("script")  # the JSON-LD data block, and no other script
    assert ld["type"] == "application/ld+json"
    assert json.loads(ld.string)["headline"] == 'He said "</script><script>alert(1)</script>" & left'
    assert not page.find_all("img")
    assert not [a for a in page.find_all("a") if a.get("href", "").startswith("javascript")]
    assert page.h1.get_text() == 'He said "</script><script>alert(1)</script>" & left'
    body = page.select_one(".body").get_text()
    assert "<img src=x onerror=alert(2)>" in body
    assert "[click](javascript:alert(3)) {{ config }} {% debug %} <!-- c -->" in body
    assert "Title: Injected" in body
    for path in (site / "output").rglob("*.html"):
        if path.name == "search.html":
            continue  # the search page's own script
        scripts = [s for s in soup(path).find_all("script") if s.get("type") != "application/ld+json"]
        assert not scripts and not soup(path).find_all(["img", "iframe"]), path
    ET.parse(site / "output" / "feeds" / "all.atom.xml")  # the feed still parses


def test_publish_settings_use_absolute_urls_and_never_show_seed_paths(tmp_path, built_sample_site):
    site = make_site(tmp_path)
    pelican_build(site, "publishconf.py", {"SITEURL": "https://news.example.org/briefs"})
    page = soup(site / "output" / USER_POST)
    css = page.find("link", rel="stylesheet")["href"]
    assert re.fullmatch(r"https://news\.example\.org/briefs/theme/css/wirebrief\.[0-9a-f]{10}\.css", css)
    # the seed's file is the desk's business: a development build names it, a published site never
    facts = soup(built_sample_site / "output" / USER_POST).select_one(".facts")
    assert "Wire copy" in facts.get_text() and facts.code.get_text() == "seeds/000_41dbb3fc443c69a3.txt"
    assert "Wire copy" not in page.select_one(".facts").get_text() and not page.select(".facts code")
    for path in (site / "output").rglob("*"):
        if path.suffix in (".html", ".xml", ".txt", ".json"):
            assert "seeds/" not in path.read_text(encoding="utf-8"), path
