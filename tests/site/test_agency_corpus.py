"""The agency-format corpus read in place (../shared/corpora/agency-formats, see its README):
copies of every XML and JSON sample go into a temporary seeds/ folder, a real site is built,
and each sample that carries a story is read back from its article page, its headline, date,
place, credit and source checked against what its markup says. The expectations are read
from the markup here with the standard library, not by the code under test; which samples are
no story was decided by reading the corpus README and the files (listed below).

Teletype files (ANPA-1312, IPTC 7901) are not here: they are text seeds."""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from conftest import SHARED, make_site, pelican_build, requires_shared, wirebrief
from wirebrief.ingest.post import read_header

CORPUS = SHARED / "corpora" / "agency-formats"
FOLDERS = ("newsml-g2", "newsml-1.2", "nitf", "ninjs", "asrael-afp-xml", "ap-media-api-json", "other")

# Samples that carry no story, and why (from the corpus README and the files themselves)
NO_STORY = {
    **{f"newsml-g2/iptc/{n}.xml": why for n, why in {
        "LISTING_10_Abstract_Concept_conveyed_in_a_NewsML-G2_Concept_Item": "concept",
        "LISTING_11_Person_Concept_conveyed_in_a_NewsML-G2_Concept_Item": "concept",
        "LISTING_12_Knowledge_Item_for_Access_Codes": "knowledge item",
        "LISTING_13_Complete_Catalog_Item": "catalog",
        "LISTING_14_Event_sent_as_a_Concept_Item": "concept",
        "LISTING_15_Two_Related_Events_in_a_Knowledge_Item": "knowledge item",
        "LISTING_16_A_Set_of_Events_carried_in_a_News_Item": "events, no text",
        "LISTING_17_Planning_Item_a_CCL": "planning", "LISTING_18_Planning_Item_at_PCL": "planning",
        "LISTING_19_Planning_Item_with_delivery_at_CCL": "planning",
        "LISTING_20_Planning_Item_with_delivery_at_PCL": "planning",
        "LISTING_1_A_NewsML-G2_News_Item": "its body is a comment, no text",
        "LISTING_23_SportsML-G2_Package": "package", "LISTING_24_News_Message_conveying_a_complete_News_Package": "package",
        "LISTING_25_An_NITF_marked-up_article_conveyed_in_inlineXML": "a contentSet fragment",
        "LISTING_26_Embedded_photo_metadata_fields_mapped_to_NewsML-G2": "picture",
        "LISTING_27_Company_Financial_Information": "its body is a comment, no text",
        "LISTING_28_Illustrating_Located_Subject_and_Dateline": "a contentMeta fragment",
        "LISTING_29_Hop_History": "no text", "LISTING_3A_Photo_in_NewsML-G2_(URI_sibling_attributes)": "picture",
        "LISTING_3_Photo_in_NewsML-G2": "picture", "LISTING_4_Multiple_Renditions_of_a_Video_in_NewsML-G2": "video",
        "LISTING_5_Multi-part_Video_in_NewsML-G2": "video", "LISTING_6_Simple_NewsML-G2_Package": "package",
        "LISTING_7_Group_Set_example_showing_Hierarchical_Package_Structure": "a groupSet fragment",
        "LISTING_8_Group_Set_example_showing_an_ALT_Package_Mode": "a groupSet fragment",
        "LISTING_9_Group_Set_example_showing_a_SEQ_Package_Mode": "a groupSet fragment",
        "ap_metadata_example": "video", "facet-example": "no text", "facet-example-2": "no text"}.items()},
    **{f"newsml-g2/superdesk/{n}.xml": why for n, why in {
        "picture": "picture", "snep": "composite", "tag_reuters.com_2014_newsml_KBN0FL0NM_version_10": "package",
        "tag_reuters.com_0000_newsml_GM1EA7M13RP01_version_484616934": "picture",
        "tag_reuters.com_2014_newsml_LYNXMPEA6F0MS_version_2": "picture",
        "tag_reuters.com_2014_newsml_LYNXMPEA6F0MT_version_2": "picture",
        "tag_reuters.com_2014_newsml_LYNXMPEA6F13M_version_1": "picture"}.items()},
    "nitf/superdesk/aap-finance-lite.xml": "empty body.content",
    "nitf/superdesk/nitf-fishing.xml": "a cancellation of a story this desk never had",
    **{f"ninjs/{n}.json": why for n, why in {
        "iptc-examples-1.4/ninjs-1-4-examples": "property examples, no text", "iptc-examples-1.4/ninjsExSimplePhoto1": "picture",
        "iptc-examples-2.1/SIPA_image_2": "picture", "iptc-examples-2.1/ap_audio": "audio", "iptc-examples-2.1/ap_image": "picture",
        "iptc-examples-2.1/ap_video": "video", "iptc-examples-2.1/imageEncodedRights": "picture",
        "iptc-examples-2.1/imageLinkedRights": "picture", "iptc-examples-3.0/20231004-UEFA-ChampionLeague": "event",
        "iptc-examples-3.0/20231005-65-addb-event": "event", "iptc-examples-3.0/20231016-addb-example-press-conference": "event",
        "iptc-examples-3.0/SIPA_image_3": "picture", "iptc-examples-3.0/ap_audio": "audio", "iptc-examples-3.0/ap_image": "picture",
        "iptc-examples-3.0/ap_video": "video", "iptc-examples-3.0/collection/20231016-event-timeline-sample": "events",
        "iptc-examples-3.0/imageEncodedRights": "picture", "iptc-examples-3.0/imageLinkedRights": "picture",
        "iptc-examples-3.0/simpleEvent": "event", "iptc-examples-3.0/tt_event_pressconference_3.0": "event",
        "iptc-spec-3.1/008_event": "event", "superdesk/ninjs3": "picture", "superdesk/ninjs6": "picture",
        **{f"iptc-spec-{v}/{n}": "a fragment with placeholder text" for v in ("1.6", "2.2", "3.1")
           for n in ("002_renditions_example", "003_associations_example")},
        **{f"iptc-spec-{v}/006_photo_only": "picture" for v in ("1.6", "2.2", "3.1")}}.items()},
    "ap-media-api-json/superdesk/ap_media_feed.json": "picture", "ap-media-api-json/superdesk/ap_media_item.json": "picture",
    "ap-media-api-json/superdesk/ap_media_picture.json": "picture",
    "ap-media-api-json/superdesk/ap_media_text_feed.json": "the text is only linked (renditions), not in the file",
    "ap-media-api-json/superdesk/ap_media_text_item.json": "the text is only linked (renditions), not in the file",
}

pytestmark = requires_shared(CORPUS)


def samples() -> list[str]:
    return sorted(str(p.relative_to(CORPUS)) for folder in FOLDERS for p in (CORPUS / folder).rglob("*")
                  if p.suffix in (".xml", ".json"))


# --- what the markup says, read here --------------------------------------------------------

def _t(element) -> str | None:
    text = " ".join("".join(element.itertext()).split()) if element is not None else ""
    return text if text and text.lower() != "null" else None


def _when(text: str | None, zone=timezone.utc) -> datetime | None:
    if not text:
        return None
    text = text.strip()
    if m := re.fullmatch(r"(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)(Z|[+-]\d{4})?", text):
        y, mo, d, h, mi, s, off = m.groups()
        text = f"{y}-{mo}-{d}T{h}:{mi}:{s}{off or ''}"
    when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=zone)


def stated(path: Path) -> dict:
    """headline, time (first created, else version created), places named, credit, source."""
    if path.suffix == ".json":
        item = json.loads(path.read_bytes())
        if "item" in item and isinstance(item["item"], list):
            item = item["item"][0]
        item = {k.lower(): v for k, v in item.items()}
        headline = item.get("headline") or next((h["value"] for h in item.get("headlines", [])), None)
        return {"headline": headline, "time": _when(item.get("firstcreated") or item.get("versioncreated")),
                "places": [p.strip() for p in (item.get("located") or "").split(",") if p.strip()],
                "credit": None, "source": item.get("copyrightholder")}
    data = path.read_bytes()
    try:   # declared iso-8859-1 while the bytes are UTF-8 (corpus README: afp20.xml, mapping_test.xml)
        data.decode("utf-8")
        data = re.sub(rb"encoding=[\"']iso-8859-1[\"']", b'encoding="utf-8"', data, count=1, flags=re.I)
    except UnicodeDecodeError:
        pass
    root = ET.fromstring(data)
    find = lambda name: root.find(f".//{{*}}{name}") if root.find(f".//{{*}}{name}") is not None else root.find(f".//{name}")  # noqa: E731
    name = root.tag.rsplit("}", 1)[-1]
    if name in ("RBNews", "XMLNewsQueuedResponse"):   # Ritzau: the (first) RBNews; PublishDate is Copenhagen time
        story = root if name == "RBNews" else root.find(".//RBNews")
        content = BeautifulSoup(story.findtext("content") or "", "html.parser")
        first_p = next((t for p in content.find_all(["p", "P"]) if (t := " ".join(p.get_text().split()))), None)
        return {"headline": _t(story.find("headline")) or first_p,
                "time": _when(story.findtext("PublishDate"), ZoneInfo("Europe/Copenhagen")),
                "places": [_t(story.find("town")) or ""], "credit": None, "source": "Ritzau"}
    if name == "feed":   # WENN's Atom feed: the first entry, published per its wenn_nm management block
        entry = root.find("{http://www.w3.org/2005/Atom}entry")
        published = entry.find(".//{http://feed.wenn.com/xmlns/2010/03/wenn_nm}published")
        return {"headline": _t(entry.find("{http://www.w3.org/2005/Atom}title")), "time": _when(_t(published)),
                "places": [_t(entry.find("{http://www.georss.org/georss}featurename")) or ""], "credit": None,
                "source": "WENN"}
    if name == "article":   # AFP's ASRAEL XML: dct is Paris time (corpus README)
        origin = root.find("headers/origin")
        return {"headline": _t(root.find("headers/title")) or _t(root.find("content/p")),
                "time": _when((_t(root.find("headers/dct")) or "").rstrip("Z"), ZoneInfo("Europe/Paris")),
                "places": [_t(root.find("headers/dateline")) or "", origin.get("city")],
                "credit": _t(root.find("headers/credit")), "source": "AFP"}
    if name == "nitf":
        issue = find("date.issue")
        copyright_ = find("doc.copyright")
        return {"headline": _t(find("hl1")) or _t(find("title")), "time": _when(issue.get("norm") if issue is not None else None),
                "places": [_t(find("dateline")) or ""], "credit": _t(find("distributor")),
                "source": (copyright_.get("holder") if copyright_ is not None else None) or _t(find("distributor"))}
    if name == "NewsML":
        return {"headline": _t(find("HeadLine")), "time": _when(_t(find("FirstCreated"))),
                "places": [_t(find("DateLine")) or ""] + [p.get("Value") for p in root.iter("Property")
                                                         if p.get("FormalName") == "City"],
                "credit": _t(find("CreditLine")), "source": (find("Party").get("FormalName") if find("Party") is not None
                                                             else _t(find("ProviderId")))}
    item = next(e for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "newsItem"
                and e.find(".//{*}itemClass").get("qcode", "").endswith("text"))
    f = lambda n: item.find(f".//{{*}}{n}")  # noqa: E731
    located = f("located")
    # no headline: the first paragraph stands as one, as for a flash
    paragraphs = [t for p in item.iter() if p.tag.rsplit("}", 1)[-1] == "p" and (t := _t(p))]
    first_p = paragraphs[0] if paragraphs else None
    return {"headline": _t(f("headline")) or first_p, "time": _when(_t(f("firstCreated")) or _t(f("contentCreated"))
                                                         or _t(f("versionCreated"))),
            # the dateline element, the located place, and the copy's own dateline opening the text
            "places": [_t(f("dateline")) or "", *(p[:40] for p in paragraphs[:2])]
            + ([_t(located.find("{*}name")) or located.get("literal") or located.get("qcode", "").split(":")[-1]]
               if located is not None else []),
            "credit": _t(f("creditline")), "source": _t(f("creditline")) or (f("provider").get("literal") if f("provider")
                                                                                is not None else None)}


# English names the gazetteer gives places the markup prints otherwise (checked by hand)
ENGLISH = {"bengaluru": "bangalore"}


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if c.isalnum())


# --- the site -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("agency-corpus")
    seeds = tmp / "seeds"
    for rel in samples():
        (seeds / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(CORPUS / rel, seeds / rel)   # copies at test time, never into the repository
    site = make_site(tmp, seeds)
    result = wirebrief("ingest", cwd=site)   # its report, a line per file; the build then finds nothing new
    pelican_build(site)
    posts = {}
    for post in (site / "content" / "briefings").glob("*.md"):
        header = read_header(post.read_text())
        for key in [header["seed"]] + [v.split(" ")[1] for v in header.get("versions", "").split("; ") if v]:
            posts[key.removeprefix("seeds/")] = (post.stem, header)
    return site, posts, result.stderr


def test_the_no_story_list_names_real_samples():
    assert set(NO_STORY) <= set(samples())


def test_every_sample_is_a_briefing_or_one_reported_line(corpus_site):
    site, posts, log = corpus_site
    for rel in samples():
        lines = [line for line in log.splitlines() if f"seeds/{rel}:" in line]
        if rel in NO_STORY:
            assert rel not in posts, rel
            assert len(lines) == 1 and ": skipped: " in lines[0], (rel, lines)
            assert re.search(r"not a story|not a format|matches no story", lines[0]), lines[0]
        else:
            assert rel in posts, (rel, lines)


def test_each_story_page_shows_what_its_markup_says(corpus_site):
    site, posts, _ = corpus_site
    checked, wrong = 0, []
    for rel in samples():
        if rel in NO_STORY:
            continue
        stem, header = posts[rel]
        versions = [header["seed"]] + [v.split(" ")[1] for v in header.get("versions", "").split("; ")[1:] if v]
        newest = versions[-1].removeprefix("seeds/") if header.get("versions") else header["seed"].removeprefix("seeds/")
        if header.get("wire_status") == "canceled":
            continue   # killed: only a notice (test_agency_site.py)
        page = BeautifulSoup((site / "output" / "briefings" / f"{stem}.html").read_text(), "html.parser")
        facts = {dt.get_text(): dd for dt, dd in zip(page.select("footer.facts dt"), page.select("footer.facts dd"))}
        own = stated(CORPUS / newest)
        first = stated(CORPUS / header["seed"].removeprefix("seeds/"))
        # the headline: the newest version's, without the desk's markers ("UPDATE 2-")
        h1 = page.h1.get_text()
        if not (own["headline"] and fold(h1) in fold(own["headline"])):
            wrong.append((rel, "headline", h1, own["headline"]))
        # the date: the first version's own time, to the minute
        shown = datetime.fromisoformat(page.select_one("footer.facts time").get("datetime"))
        if not (first["time"] and abs((shown - first["time"]).total_seconds()) < 60):
            wrong.append((rel, "date", shown, first["time"]))
        # the place, where the markup names one: the city as printed, or its English name
        # (ROMA -> Rome, Bangalore -> Bengaluru: the gazetteer's; same first letters or listed here)
        named = [fold(p) for p in own["places"] + first["places"] if p and re.search(r"[^\W\d_]{3}", p)]
        if named and "Place" in facts:
            city = fold(facts["Place"].get_text().split(",")[0])
            if not any(city[:3] in n or ENGLISH.get(city, "?") in n for n in named):
                wrong.append((rel, "place", city, own["places"]))
        # the credit line as printed, and a source, wherever the markup gives one
        if own["credit"]:
            credit = facts.get("Credit") or facts.get("Source")
            if credit is None or fold(credit.get_text()) != fold(own["credit"]) and \
                    fold(facts["Source"].get_text()) not in fold(own["credit"]):
                wrong.append((rel, "credit", credit and credit.get_text(), own["credit"]))
        if (own["source"] or own["credit"]) and "Source" not in facts:
            wrong.append((rel, "source", None, own["source"]))
        checked += 1
    assert not wrong, "\n".join(map(str, wrong))
    assert checked >= 90, checked
