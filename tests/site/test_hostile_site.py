"""Nothing in a seed executes or becomes markup: a site built from hostile seeds, every
output file inspected (HTML, JSON-LD, feeds, sitemaps, search index), then loaded in
Chromium with a dialog handler that fails on any alert."""

import gzip
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Comment

from conftest import make_site, pelican_build, serve

PAYLOADS = [
    "<script>alert('s')</script>",
    '<img src=x onerror="alert(\'i\')">',
    "<svg onload=alert('v')>",
    "[click](javascript:alert('m'))",
    "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgnZCcpPC9zY3JpcHQ+)",
    "<a href=\"javascript:alert('a')\">link</a>",
    "<!-- a comment -->",
    "{{ 7*7 }} {% raw %}",
    "</script><script>alert('c')</script>",
    "<iframe src=\"javascript:alert('f')\"></iframe>",
]
HEADLINE = "Quotes \" and ' and </script><script>alert('h')</script> & {{ 7*7 }}"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    seeds = tmp / "seeds"
    seeds.mkdir()
    (seeds / "headline.txt").write_text(
        f"{HEADLINE}\n\n"
        f"A man waves {PAYLOADS[1]} in Paris, France, May 2, 2023. (Photo: Xinhua/{PAYLOADS[0]})\n\n"
        f"BEIJING, Nov. 29 (Xinhua) -- Premier Li Keqiang said {PAYLOADS[2]} on Tuesday.\n\n"
        + "\n\n".join(PAYLOADS) + "\n\nTitle: Injected\nstatus: draft\n\nEnditem\n")
    for i, payload in enumerate(PAYLOADS):
        (seeds / f"p{i}.txt").write_text(f"{payload} headline {i}\n\nLONDON, Jan 5 (Reuters) - {payload} body.\n")
    # agency files carry the payloads in every field they have: as text, never as markup
    (seeds / "agency.json").write_text(json.dumps({
        "uri": "urn:x:1", "type": "text", "headline": "Agency JSON " + HEADLINE, "body_text": "\n".join(PAYLOADS),
        "byline": PAYLOADS[1], "located": PAYLOADS[2], "copyrightholder": PAYLOADS[0], "ednote": PAYLOADS[3],
        "subject": [{"code": PAYLOADS[5]}], "firstcreated": "2026-01-05T08:00:00Z"}))
    cdata = "".join(f"<p><![CDATA[{p}]]></p>" for p in PAYLOADS)
    (seeds / "agency.xml").write_text(
        f'<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x:2" version="1"><itemMeta>'
        f'<itemClass qcode="ninat:text"/><firstCreated>2026-01-05T08:00:00Z</firstCreated><edNote><![CDATA[{PAYLOADS[9]}]]></edNote>'
        f'</itemMeta><contentMeta><headline><![CDATA[Agency XML {HEADLINE}]]></headline><creditline><![CDATA[{PAYLOADS[4]}]]>'
        f'</creditline><dateline><![CDATA[{PAYLOADS[6]}]]></dateline></contentMeta><contentSet><inlineXML>'
        f'<html xmlns="http://www.w3.org/1999/xhtml"><body>{cdata}</body></html></inlineXML></contentSet></newsItem>')
    site = make_site(tmp, seeds)
    pelican_build(site)
    return site


def no_active_markup(html: str, where: str) -> BeautifulSoup:
    page = BeautifulSoup(html, "html.parser")
    for tag in page.find_all(True):
        assert tag.name not in ("iframe", "img", "svg", "object", "embed"), (where, str(tag)[:80])
        if tag.name == "style":  # the 404 page's own style sheet, inline so it works at any depth; an email edition's
            assert (where.endswith("404.html") or "/edition/" in where) and "alert" not in tag.get_text(), where
        for attr, value in tag.attrs.items():
            assert not attr.lower().startswith("on"), (where, str(tag)[:80])
            text = " ".join(value) if isinstance(value, list) else str(value)
            if attr in ("href", "src", "action"):
                assert not text.strip().lower().startswith(("javascript:", "data:")), (where, text)
    for comment in page.find_all(string=lambda s: isinstance(s, Comment)):
        assert "a comment" not in comment, where
    return page


def test_every_html_file(hostile_site):
    out = hostile_site / "output"
    for path in out.rglob("*.html"):
        if "pagefind" in path.parts:
            continue
        page = no_active_markup(path.read_text(encoding="utf-8"), str(path))
        for script in page.find_all("script"):
            if script.get("type") == "application/ld+json":
                json.loads(script.string)  # still parses
            else:
                assert path.name == "search.html", path  # only the search page runs a script, its own


def test_article_shows_the_payloads_as_text(hostile_site):
    (path,) = [p for p in (hostile_site / "output" / "briefings").glob("*.html") if p.name.startswith("quotes")]
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    assert page.h1.get_text() == HEADLINE
    assert page.title.get_text().startswith(HEADLINE)
    text = page.select_one(".body").get_text()
    for payload in PAYLOADS:
        assert payload in text, payload
    assert "Title: Injected status: draft" in text
    assert PAYLOADS[0] in page.select_one("figcaption").get_text()
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["headline"] == HEADLINE
    meta = {m.get("property") or m.get("name"): m["content"] for m in page.find_all("meta") if m.get("content")}
    assert meta["og:title"] == HEADLINE


def test_agency_files_show_the_payloads_as_text(hostile_site):
    for kind in ("JSON", "XML"):
        (path,) = [p for p in (hostile_site / "output" / "briefings").glob(f"agency-{kind.lower()}-*.html")]
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert page.h1.get_text() == f"Agency {kind} {HEADLINE}"
        text = page.get_text()
        assert all(p in text for p in (PAYLOADS[0], PAYLOADS[7])), kind


def test_feeds_and_sitemaps_parse_and_carry_text(hostile_site):
    out = hostile_site / "output"
    for path in list((out / "feeds").rglob("*.xml")) + [out / "sitemap.xml", out / "sitemap-news.xml"]:
        ET.parse(path)
    atom = ET.parse(out / "feeds" / "all.atom.xml").getroot()
    ns = "{http://www.w3.org/2005/Atom}"
    titles = [e.find(f"{ns}title").text for e in atom.findall(f"{ns}entry")]
    assert HEADLINE in titles
    for entry in atom.findall(f"{ns}entry"):
        no_active_markup(entry.find(f"{ns}content").text, "feed content")


def test_search_index_holds_text_only(hostile_site):
    fragments = list((hostile_site / "output" / "pagefind").glob("*/fragment/*.pf_fragment"))
    assert fragments
    contents = []
    for fragment in fragments:
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        contents.append(data["meta"]["title"] + " " + data["content"])
    joined = " ".join(contents)
    assert HEADLINE in joined and PAYLOADS[0] in joined  # indexed as the characters they are


def test_no_alert_in_a_browser(hostile_site, browser):
    dialogs = []
    with serve(hostile_site / "output") as url:
        context = browser.new_context()
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for path in sorted((hostile_site / "output").rglob("*.html")):
            if "pagefind" not in path.parts:
                page.goto(f"{url}/{path.relative_to(hostile_site / 'output')}")
        page.goto(f"{url}/search.html")
        for query in ("alert", "script", "headline"):
            page.fill(".pagefind-ui__search-input", query)
            page.wait_for_selector(".pagefind-ui__result-link", timeout=10_000)
            page.wait_for_timeout(300)
        context.close()
    assert dialogs == []
