"""Agency files in a real site: an item's versions are one briefing, a canceled item is killed,
an embargoed one waits, urgency leads the front page, a rendition beside an item is its photo,
and `wirebrief extract --json` gives the same keys as for text."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from bs4 import BeautifulSoup

from conftest import pelican_build, wirebrief
from test_agency_formats import NINJS, NITF, g2
from test_story_lifecycle import drop, everything, names, photo, seeds_only
from wirebrief.ingest.post import read_header

T0 = datetime(2026, 12, 2, 8, 0, tzinfo=timezone.utc)


def test_versions_kill_embargo_and_urgency_of_agency_items(tmp_path):
    site = seeds_only(tmp_path)
    drop(site, "oil-1.xml", g2().decode(), T0)
    drop(site, "bank-1.xml", g2(headline="Bank of Austria cuts rates").decode().replace(":oil", ":bank"), T0)
    drop(site, "metro.xml", NITF.format(status="embargoed").replace("20261203T000100+0100", "20991231T000000Z"), T0)
    drop(site, "typhoon.json", json.dumps(NINJS["1.x"]), T0 + timedelta(hours=1))
    pelican_build(site)
    out = site / "output"
    assert "Bank of Austria cuts rates" in (out / "index.html").read_text()
    # an embargoed item waits, its text nowhere in output/
    assert "Strike halts Lisbon metro" not in everything(out) and "strike-halts" not in names(out)
    post = read_header((site / "content" / "briefings" / "strike-halts-lisbon-metro.md").read_text())
    assert (post["wire_status"], post["embargo"]) == ("withheld", "2099-12-31T00:00Z")
    # urgency 1 is a flash: it leads the front page with its label
    lead = BeautifulSoup((out / "index.html").read_text(), "html.parser").select_one("section.leading")
    assert lead.select_one(".urgency").get_text() == "flash" and "Typhoon nears Okinawa" in lead.get_text()

    # version 2 of the oil item (same guid, new headline) and a cancellation of the bank item
    drop(site, "oil-2.xml", g2(headline="Oil jumps 3% after OPEC cut", version=2).decode(), T0 + timedelta(hours=2))
    drop(site, "bank-2.xml", g2(headline="Bank of Austria cuts rates", version=2, status="canceled").decode()
         .replace(":oil", ":bank"), T0 + timedelta(hours=3))
    pelican_build(site)
    posts = sorted(p.name for p in (site / "content" / "briefings").glob("*.md"))
    assert posts == ["bank-of-austria-cuts-rates.md", "oil-jumps-as-opec-agrees-deeper-cuts.md",
                     "strike-halts-lisbon-metro.md", "typhoon-nears-okinawa.md"]   # the first version's address
    page = BeautifulSoup((out / "briefings" / "oil-jumps-as-opec-agrees-deeper-cuts.html").read_text(), "html.parser")
    assert page.h1.get_text() == "Oil jumps 3% after OPEC cut"   # the newest version's text
    assert "2 versions" in page.select_one("details.history summary").get_text()
    notice = (out / "briefings" / "bank-of-austria-cuts-rates.html").read_text()
    assert BeautifulSoup(notice, "html.parser").h1.get_text() == "This briefing was withdrawn"
    assert "Bank of Austria" not in everything(out)   # nowhere, the notice included


def test_a_rendition_beside_an_item_is_its_lead_photo(tmp_path):
    site = seeds_only(tmp_path)
    drop(site, "metro.xml", NITF.format(status="usable"), T0)
    photo(site / "seeds" / "metro-1.jpg")   # the file its media-reference names
    photo(site / "seeds" / "stray.jpg")
    result = wirebrief("ingest", cwd=site)
    assert "seeds/stray.jpg: photo not published: no seed beside it" in result.stderr
    assert "metro-1.jpg" not in result.stderr
    post = read_header((site / "content" / "briefings" / "strike-halts-lisbon-metro.md").read_text())
    assert post["image"].startswith("images/briefings/strike-halts-lisbon-metro-")
    assert (post["photo_caption"], post["photo_credit"]) == ("Closed gates at a Lisbon metro station.", "AFP/Ana Costa")
    assert (site / "content" / post["image"]).is_file()
    again = wirebrief("ingest", cwd=site)   # remembered: still claimed, still no report
    assert "metro-1.jpg" not in again.stderr and "stray.jpg" in again.stderr


def test_extract_json_has_the_same_keys_for_text_and_agency_files(tmp_path):
    site = seeds_only(tmp_path)
    drop(site, "oil.txt", "Oil rises\n\nLONDON, Dec 2 (Reuters) - Oil rose on Wednesday.\n", T0)
    drop(site, "oil.xml", g2().decode(), T0)
    drop(site, "broken.json", "{", T0)
    result = wirebrief("extract", "seeds/oil.txt", "seeds/oil.xml", "seeds/broken.json", "--json", cwd=site)
    text, agency, broken = (json.loads(line) for line in result.stdout.splitlines())
    assert list(text) == list(agency) == list(broken)
    assert (agency["date_source"], agency["item_id"], agency["credit"]) == ("markup", "urn:newsml:example.org:20261202:oil",
                                                                            "REUTERS")
    assert text["item_format"] is None and agency["item_format"] == "NewsML-G2 2.30"
    assert broken["warnings"][0].startswith("error: malformed JSON") and result.returncode == 1
