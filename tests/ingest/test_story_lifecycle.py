"""A wire story changes, built for real: a writethru chain is one briefing, a correction shows,
a kill leaves only a notice, an embargo keeps a story out of output/ until its time, a flash
leads the front page, and an editor's post is never overwritten by a new version."""

import json
import os
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import make_site, pelican_build, wirebrief
from wirebrief.ingest.post import read_header

LEDE = "Oil prices rose on Wednesday as producers signalled deeper output cuts, traders said."
CHAIN = [
    ("a-oil.txt", "Oil rises on supply worries\n\nLONDON, Dec 2 (Reuters) - " + LEDE + "\n\nBrent was up 1%.\n"),
    ("b-oil.txt", "UPDATE 1-Oil jumps 3% as OPEC signals deeper cuts\n\n(Updates with prices, analyst comment)\n\n"
                  "LONDON, Dec 2 (Reuters) - " + LEDE.replace("rose", "jumped 3%") + "\n\nBrent was up 3%.\n"),
    ("c-oil.txt", "UPDATE 2-Oil jumps 3% as OPEC signals deeper cuts\n\n(Adds minister's comments)\n\n"
                  "LONDON, Dec 2 (Reuters) - " + LEDE.replace("rose", "jumped 3%") + "\n\nBrent was up 3%. The minister spoke.\n"),
]
T0 = datetime(2026, 12, 2, 8, 0, tzinfo=timezone.utc)


def drop(site: Path, name: str, text: str, when: datetime) -> None:
    path = site / "seeds" / name
    path.write_text(text)
    os.utime(path, (when.timestamp(), when.timestamp()))   # received at that time (no git here)


def photo(path: Path) -> None:
    from PIL import Image
    Image.new("RGB", (1000, 600), (40, 90, 140)).save(path, "JPEG")


def names(out: Path) -> str:
    return "\n".join(str(p.relative_to(out)) for p in out.rglob("*"))


def everything(out: Path) -> str:
    return "\n".join(p.read_text(errors="replace") for p in sorted(out.rglob("*")) if p.is_file() and p.suffix in (".html", ".xml", ".json", ".txt"))


def seeds_only(tmp_path: Path) -> Path:
    site = make_site(tmp_path)
    for seed in (site / "seeds").glob("*.txt"):
        seed.unlink()
    (site / "seeds" / "received.tsv").unlink()
    return site


def test_a_writethru_chain_is_one_briefing_with_its_history(tmp_path):
    site = seeds_only(tmp_path)
    for i, (name, text) in enumerate(reversed(CHAIN)):   # listed in any order: they are taken by time received
        drop(site, name, text, T0 + timedelta(hours=[5, 2, 0][i]))
    pelican_build(site)
    posts = sorted((site / "content" / "briefings").glob("*.md"))
    assert [p.name for p in posts] == ["oil-rises-on-supply-worries.md"]   # the first version's address
    header = read_header(posts[0].read_text())
    assert header["title"] == "Oil jumps 3% as OPEC signals deeper cuts"   # the newest text, markers off
    assert header["date"] == "2026-12-02" and header["modified"] == "2026-12-02T13:00Z"
    assert header["seed"] == "seeds/a-oil.txt" and header["versions"].count("seeds/") == 3
    page = BeautifulSoup((site / "output" / "briefings" / "oil-rises-on-supply-worries.html").read_text(), "html.parser")
    assert "The minister spoke." in page.get_text() and "UPDATE" not in page.h1.get_text()
    assert "updated" in page.select_one(".dateline").get_text()
    history = [li.get_text(" ", strip=True) for li in page.select(".history li")]
    assert len(history) == 3 and "Adds minister's comments" in history[2]
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["datePublished"].startswith("2026-12-02") and data["dateModified"].startswith("2026-12-02T13:00")
    assert len(list((site / "output" / "briefings").glob("*.html"))) == 1


def test_a_correction_shows_on_the_page_in_the_feed_and_in_json_ld(tmp_path):
    site = seeds_only(tmp_path)
    drop(site, "a-oil.txt", CHAIN[0][1], T0)
    drop(site, "d-oil.txt", "CORRECTED-Oil rises on supply worries\n\n(Corrects day of the week in paragraph 1)\n\n"
         "LONDON, Dec 2 (Reuters) - " + LEDE.replace("Wednesday", "Tuesday") + "\n", T0 + timedelta(hours=1))
    pelican_build(site)
    page = BeautifulSoup((site / "output" / "briefings" / "oil-rises-on-supply-worries.html").read_text(), "html.parser")
    assert page.select_one(".correction").get_text(" ", strip=True) == "Correction: Corrects day of the week in paragraph 1"
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["correction"]["text"] == "Corrects day of the week in paragraph 1"
    feed = ET.parse(site / "output" / "feeds" / "all.atom.xml").getroot()
    (content,) = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}content")]
    assert content.startswith("<p><strong>Correction:</strong> Corrects day of the week in paragraph 1</p>")


def test_a_kill_leaves_only_a_notice_and_stays_killed(tmp_path):
    site = seeds_only(tmp_path)
    drop(site, "recall.txt", "Acme recalls 40,000 cars over brake fault\n\nDETROIT, Dec 2 (Reuters) - Acme Motors recalled "
         "40,000 cars on Wednesday over a brake fault, the company said.\n", T0)
    photo(site / "seeds" / "recall.jpg")
    drop(site, "other.txt", "Ford opens plant in Mexico\n\nMEXICO CITY, Dec 2 (Reuters) - Ford opened a plant on Wednesday.\n", T0)
    pelican_build(site)
    assert "recalls 40,000 cars" in everything(site / "output") and "acme-recalls" in names(site / "output" / "images")
    # the kill names the story by its headline, with no dateline, as kill advisories do
    drop(site, "recall-kill.txt", "WITHDRAWN-Acme recalls 40,000 cars over brake fault\n\nELIMINATION: Reuters is withdrawing "
         "the story headlined \"Acme recalls 40,000 cars over brake fault\". The recall was announced by another company.\n",
         T0 + timedelta(hours=3))
    for _ in range(2):   # and a rebuild does not bring it back
        pelican_build(site)
        out = site / "output"
        notice = out / "briefings" / "acme-recalls-40000-cars-over-brake-fault.html"
        page = BeautifulSoup(notice.read_text(), "html.parser")
        assert page.h1.get_text() == "This briefing was withdrawn"
        assert page.find("meta", attrs={"name": "robots", "content": "noindex"}) and not page.select("[data-pagefind-body]")
        assert "brake fault" not in notice.read_text()
        rest = everything(out).replace(notice.read_text(errors="replace"), "")
        assert "recalls 40,000 cars" not in rest and "acme-recalls" not in rest.replace("/briefings/acme-recalls-40000-cars-over-brake-fault.html  /briefings/acme-recalls-40000-cars-over-brake-fault.html  410!", "")
        assert "/briefings/acme-recalls-40000-cars-over-brake-fault.html  /briefings/acme-recalls-40000-cars-over-brake-fault.html  410!" in (out / "_redirects").read_text()
        assert "Ford opens plant" in (out / "index.html").read_text()
        assert [n for n in names(out).splitlines() if "acme-recalls" in n] == ["briefings/acme-recalls-40000-cars-over-brake-fault.html"]


def test_a_kill_wins_over_an_editors_change(tmp_path):
    site = seeds_only(tmp_path)
    drop(site, "a-oil.txt", CHAIN[0][1], T0)
    pelican_build(site)
    post = site / "content" / "briefings" / "oil-rises-on-supply-worries.md"
    post.write_text(post.read_text().replace("Brent was up 1%.", "Brent was up 1%, the desk adds."))
    drop(site, "kill.txt", "KILL: Oil rises on supply worries\n\nKILL: Reuters withdraws this story.\n", T0 + timedelta(hours=1))
    pelican_build(site)
    assert "the desk adds" in post.read_text()   # the editor's text stays in the record
    page = (site / "output" / "briefings" / "oil-rises-on-supply-worries.html").read_text()
    assert "This briefing was withdrawn" in page and "the desk adds" not in page
    assert "Oil rises" not in (site / "output" / "index.html").read_text()


def test_a_kill_for_a_story_never_received_is_reported_not_published(tmp_path):
    site = seeds_only(tmp_path)
    drop(site, "kill.txt", "WITHDRAWN-Bank cuts rates\n\nELIMINATION: Reuters is withdrawing this story.\n", T0)
    result = wirebrief("ingest", cwd=site)
    assert "seeds/kill.txt: skipped: a kill notice that matches no story here; not published" in result.stderr
    assert not list((site / "content" / "briefings").glob("*.md"))


def test_an_embargo_in_the_future_keeps_a_story_out_and_one_in_the_past_does_not(tmp_path):
    site = seeds_only(tmp_path)
    now = datetime.now(timezone.utc)
    lifts = now + timedelta(days=2)
    photo(site / "seeds" / "mars.jpg")
    drop(site, "mars.txt", f"EMBARGOED UNTIL {lifts:%H%M} GMT {lifts:%b %d}\n\nWater found under Mars ice cap\n\n"
         "PASADENA, Calif. (Reuters) - Scientists found liquid water under the ice cap of Mars.\n", now)
    drop(site, "moon.txt", "EMBARGOED UNTIL 0001 GMT JAN 2\n\nMoon rock dated to 4.5 billion years\n\n"
         "HOUSTON (Reuters) - Scientists dated a moon rock to 4.5 billion years.\n", datetime(2026, 1, 1, 12, tzinfo=timezone.utc))
    pelican_build(site)
    out = everything(site / "output")
    assert "Water found under Mars" not in out and "liquid water" not in out and "water-found" not in out
    assert "water-found" not in names(site / "output")   # nor its photo
    assert "Moon rock dated to 4.5 billion years" in (site / "output" / "index.html").read_text()
    assert "EMBARGOED" not in out
    post = read_header((site / "content" / "briefings" / "water-found-under-mars-ice-cap.md").read_text())
    assert post["wire_status"] == "withheld" and post["embargo"] == f"{lifts:%Y-%m-%dT%H:%M}Z"
    review = wirebrief("review", cwd=site)
    assert f"embargoed until {lifts:%Y-%m-%dT%H:%M}Z" in review.stdout


def test_a_flash_leads_the_front_page_with_its_label(tmp_path):
    site = seeds_only(tmp_path)
    drop(site, "a-oil.txt", CHAIN[0][1], T0 + timedelta(hours=2))
    drop(site, "quake.txt", "FLASH: Strong earthquake hits Tokyo\n\nTOKYO, Dec 2 Kyodo - A strong earthquake shook Tokyo.\n", T0)
    pelican_build(site)
    front = BeautifulSoup((site / "output" / "index.html").read_text(), "html.parser")
    lead = front.select_one("section.leading")
    assert lead.select_one(".urgency").get_text() == "flash" and "Strong earthquake hits Tokyo" in lead.get_text()
    article = BeautifulSoup((site / "output" / "briefings" / "strong-earthquake-hits-tokyo.html").read_text(), "html.parser")
    assert article.select_one("header .urgency").get_text() == "flash" and article.h1.get_text() == "Strong earthquake hits Tokyo"


def test_an_edited_post_is_not_overwritten_by_a_new_version_and_review_says_so(tmp_path):
    site = seeds_only(tmp_path)
    drop(site, "a-oil.txt", CHAIN[0][1], T0)
    pelican_build(site)
    post = site / "content" / "briefings" / "oil-rises-on-supply-worries.md"
    post.write_text(post.read_text().replace("Brent was up 1%.", "Brent was up 1%, the desk adds."))
    edited = post.read_bytes()
    drop(site, "b-oil.txt", CHAIN[1][1], T0 + timedelta(hours=2))
    pelican_build(site)
    assert post.read_bytes() == edited
    ingest = wirebrief("ingest", cwd=site)   # says so on every run until the editor acts
    assert ("content/briefings/oil-rises-on-supply-worries.md: kept, edited by hand; not overwritten from seeds/a-oil.txt, "
            "which changed (newer wire version available: seeds/b-oil.txt)") in ingest.stderr
    review = wirebrief("review", cwd=site)
    (line,) = [x for x in review.stdout.splitlines() if "newer wire version" in x]
    assert line.startswith("content/briefings/oil-rises-on-supply-worries.md (from seeds/a-oil.txt):")
    assert line.endswith("newer wire version available: seeds/b-oil.txt")
