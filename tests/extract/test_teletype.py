"""Teletype files (ANPA-1312, IPTC 7901): the envelope is metadata, never copy.

The 17 samples of ../shared/corpora/agency-formats/ are read in place; what each test expects
was written by reading the files (their headers, head lines and trailers), not from the code's
output. Small envelopes written here cover what the samples do not (flash priority, IPTC
category codes, versions joining one story)."""

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import SHARED, make_site, pelican_build, requires_shared, wirebrief
from wirebrief.extract import ExtractionError, extract
from wirebrief.extract.teletype import read_envelope
from wirebrief.ingest.post import read_header
from wirebrief.ingest.seeds import SeedError, decode, find_seeds

FORMATS = SHARED / "corpora" / "agency-formats"
ANPA = FORMATS / "anpa-1312" / "superdesk"
IPTC = FORMATS / "iptc-7901" / "superdesk"
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
REFERENCE = date(2026, 12, 4)

# file: (headline, slug or keyword line, priority code, urgency, category code, word count,
#        filing time (UTC), the body's first words, a place, text of the envelope that must not show)
SAMPLES = {
    ANPA / "anpa-1.tst": ("For Argentine chemo patients, mirrors can hurt", "BC-LT--Argentina-Cancer Beauty",
                          "f", "flash", "l", 466, "2013-11-13T15:09+00:00", "For cancer patients dealing with",
                          "Buenos Aires", ["AP-WF", "AP Photo", "Eds:", "asian", "W2870", "11-13 1049"]),
    ANPA / "anpa-2.tst": ("Prairies vanish in the US push for green energy", "BC-US--Ethanol-Losing Grassland",
                          "r", None, "a", 1140, "2013-11-13T07:45+00:00", "Robert Malsam nearly went broke",
                          "Roscoe", ["AP-WF", "Writethru", "EDITOR'S NOTE", "Restores reference", "1693"]),
    ANPA / "anpa-3.tst": ("Global Weather-Fahrenheit", "BC-WEA--Global Weather-Fahrenheit",
                          "u", "urgent", "i", 895, "2013-11-13T07:13+00:00", "Minimum and maximum temperatures",
                          "New York", ["AP-WF", "BC-WEA", "END"]),
    ANPA / "anpa-4.tst": ("AP Top Entertainment News at 11:23 p.m. EST", "AP-Top-Entertainment-Headlines",
                          "r", None, "e", 176, "2016-02-10T04:23+00:00", "Ex-bodyguard testifies about lewd messages",
                          None, ["AP-WF", "9006", "Headlines,0176", "V4644"]),
    ANPA / "ap_anpa-1.tst": ("Deng has 30 points, short-handed Heat beat Hawks 115-111", "BC-BKN--Heat-Hawks",
                             "r", None, "z", 416, "2016-02-20T03:37+00:00", "Luol Deng scored 30 points",
                             "Atlanta", ["AP-WF", "AP Sports Writer", "Eds:", "GATK105"]),
    ANPA / "ap_anpa-2.tst": ("Baseball Expanded Standings", "BC-BBO--Baseball Expanded Glance",
                             "r", None, "z", 820, "2016-05-17T06:20+00:00", "All Times EDT",
                             None, ["AP-WF", "BC-BBO", "z9631"]),
    ANPA / "ap_anpa-3.tst": ("$210 lobster is found dead", "BC-US--Giant Lobster Death",
                             "r", None, "d", 127, "2016-08-29T16:26+00:00", "A lobster died.",
                             "Chatham", ["AP-WF", "APNewsNow", "glbsm"]),
    ANPA / "ap_anpa-4.tst": ("AP Exclusive: China lawyer's family says US helped them flee",
                             "BC-AS--China-Daring Escape-ABRIDGED", "r", None, "i", 827, "2017-05-09T00:56+00:00",
                             "Stuck in a Bangkok jail", "Beijing", ["AP-WF", "Minor edits", "XHG401"]),
    ANPA / "ap_anpa-5.tst": ("Hawaii files court challenge to Trump administration's definition of close U.S. "
                             "relationship needed to avoid travel ban", "BC-US--APNewsAlert",
                             "b", "bulletin", "a", 17, "2017-06-29T23:50+00:00", "Hawaii files court challenge",
                             "Honolulu", ["AP-WF", "APNewsAlert"]),
    ANPA / "ap_anpa-6.tst": ("Wild Card Glance", "BC-BBO--Wild Card Glance",
                             "r", None, "s", None, "2019-08-18T20:17+00:00", "All Times EDT",
                             None, ["AP-WF", "BC-BBO", "s0284"]),
    ANPA / "ap_anpa-7.tst": ("10 Things to Know for Today", "BC-10 Things to Know-Today",
                             "r", None, "a", 364, "2019-09-04T10:29+00:00", "Your daily look at late-breaking news",
                             None, ["AP-WF", "Among 10 Things to Know", "XRE109"]),
    IPTC / "IPTC7901.txt": ("Germany Social Democrats: Coalition talks with Merkel could fail", "Germany-politics",
                            "4", None, "i", 211, "2013-11-13T11:37+00:00", "Negotiations between German conservatives",
                            "Berlin", ["eca062", "NOTEBOOK", "not for publication", "Reporting by", "dpa wsz", "GMT Nov 13"]),
    IPTC / "IPTC7901_odd_charset.txt": ("German football saddened by illness to striker legend Mueller",
                                        "Germany-football/Munich/Mueller", "3", None, "s", 586,
                                        "2015-10-07T13:41+00:00", "German football generations past and present",
                                        "Munich", ["1ST LEAD", "eca100", "Notebook", "Barry Whelan", "GMT Okt"]),
    IPTC / "dpa_copyright.txt": ("Impressum", "Impressum", "4", None, "rs", 46, "2017-06-24T22:00+00:00",
                                 "ryryryry copyright by dpa", None, ["Achtung", "eca0001", "GMT Jun"]),
    IPTC / "dpa_four_line.txt": ("Switzerland joins list of countries resisting UN migration pact",
                                 "Switzerland/migration/UN", "3", None, "i", 380, "2018-11-21T23:22+00:00",
                                 "Switzerland is joining a growing number", "Geneva",
                                 ["REFILE", "1ST LEAD", "Notebook", "Albert Otti", "dpaq.de", "dpa al rmo"]),
    IPTC / "dpa_two_by_line.txt": ("Chiefs-Rams 2.0? Would be a fun Super Bowl, but don't count on it",
                                   "American Football/NFL", "4", None, "s", 850, "2018-11-21T12:59+00:00",
                                   "San Diego (tca/dpa) - History says", None,
                                   ["By Tom Krasovic", "Notebook", "Tribune Content Agency", "dpa tca bag", "211259"]),
    IPTC / "dpa_two_line.txt": ("Peace talks on Yemen to take place in Sweden next month, Mattis says", "Yemen/conflict",
                                "3", None, "i", 93, "2018-11-21T21:01+00:00", "US Defence Secretary Jim Mattis",
                                "Washington", ["EXTRA", "Notebook", "DOD news", "dpa grj rmo"]),
}


def test_the_samples_are_all_here():
    if not FORMATS.exists():
        pytest.skip(f"{FORMATS} is absent: it comes with ../shared beside the checkout (CI has it)")
    assert sorted(p.name for p in [*ANPA.iterdir(), *IPTC.iterdir()]) == sorted(p.name for p in SAMPLES)


@requires_shared(FORMATS)
@pytest.mark.parametrize("path", sorted(SAMPLES), ids=lambda p: p.name)
def test_each_sample_is_read_as_a_person_reads_its_envelope(path):
    headline, slug, priority, urgency, category, words, filed, lede, place, envelope_text = SAMPLES[path]
    text = decode(path.read_bytes())
    envelope = read_envelope(text)
    assert envelope is not None and envelope.format == ("ANPA-1312" if path.suffix == ".tst" else "IPTC 7901")
    assert (envelope.slug, envelope.priority, envelope.category_code) == (slug, priority, category)

    record = extract(text, REFERENCE)
    assert record.title == headline
    assert record.urgency == urgency
    assert record.word_count == (str(words) if words is not None else None)
    assert (record.date, record.date_source) == (filed, "stamp")   # the filing time of the trailer
    assert record.body[0].startswith(lede)
    if place:
        assert record.city == place
    if envelope.format == "ANPA-1312":
        assert record.desk_slug == slug and record.source == "AP"
    else:   # a keyword line names a subject, shared by other stories: tags, never a story's key
        assert record.desk_slug is None and record.source == "dpa"
        assert set(slug.split("/")) <= set(record.tags)
    copy = "\n".join([record.title, record.summary or "", *record.body])
    assert not CONTROL.search(copy)
    for fragment in envelope_text:
        assert fragment not in copy, fragment


@requires_shared(FORMATS)
def test_versions_notes_and_bylines_come_from_the_envelope():
    def read(path):
        return extract(decode(path.read_bytes()), REFERENCE)

    second_lead = read(ANPA / "anpa-2.tst")   # "1st Ld-Writethru" in the slug lines
    assert (second_lead.version_kind, second_lead.version) == ("update", "1")
    assert second_lead.editors_note.startswith("Restores reference in 3rd paragraph")
    assert "hidden costs of green energy" in second_lead.editors_note   # the EDITOR'S NOTE line
    assert second_lead.byline == "CHET BROKAW and JACK GILLUM"
    assert read(ANPA / "ap_anpa-4.tst").version == "3"                   # "3rd Ld-Writethru"
    refiled = read(IPTC / "dpa_four_line.txt")                            # "REFILE" then "1ST LEAD"
    assert (refiled.version_kind, refiled.version) == ("refile", "1")
    assert refiled.editors_note == "adds head of UNGA in grafs 7-11"     # the notebook's note to editors
    assert read(IPTC / "IPTC7901_odd_charset.txt").byline == "Manuel Schwarz"
    assert read(IPTC / "dpa_two_by_line.txt").category == "Sport"          # category "s"


@requires_shared(FORMATS)
def test_the_odd_charset_sample_reads_as_latin_text():
    data = (IPTC / "IPTC7901_odd_charset.txt").read_bytes()
    assert b"M\xfcller" in data            # one Latin-1 byte in ASCII copy
    record = extract(decode(data), REFERENCE)
    assert any("Thomas Müller" in p for p in record.body)


@requires_shared(FORMATS)
def test_samples_dropped_in_seeds_build_to_pages(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    chosen = [ANPA / "anpa-2.tst", ANPA / "ap_anpa-5.tst", IPTC / "IPTC7901_odd_charset.txt", IPTC / "dpa_two_line.txt"]
    for path in chosen:
        shutil.copy(path, seeds / path.name)
    assert [s.relative for s in find_seeds(seeds, tmp_path)] == sorted(f"seeds/{p.name}" for p in chosen)
    site = make_site(tmp_path, seeds)
    pelican_build(site)
    posts = {read_header(p.read_text())["seed"]: read_header(p.read_text())
             for p in (site / "content" / "briefings").glob("*.md")}
    assert sorted(posts) == sorted(f"seeds/{p.name}" for p in chosen)
    for path in chosen:
        headline, slug, _, urgency, _, words, filed, lede, place, envelope_text = SAMPLES[path]
        header = posts[f"seeds/{path.name}"]
        assert header["date"] == filed and header.get("word_count") == str(words)
        assert header.get("urgency") == urgency
        page = BeautifulSoup((site / "output" / "briefings" / f"{header['slug']}.html").read_text(), "html.parser")
        assert page.h1.get_text(strip=True) == headline
        body = page.select_one(".body").get_text(" ", strip=True)
        assert lede in body and place in page.get_text()
        assert not CONTROL.search(page.get_text())
        for fragment in envelope_text:
            assert fragment not in body, (path.name, fragment)
    assert "Thomas Müller" in (site / "output" / "briefings" / f"{posts['seeds/IPTC7901_odd_charset.txt']['slug']}.html").read_text()


# --- envelopes written for the tests ------------------------------------------------------

def anpa(priority: str, slug: str, take: str, headline: str, paragraphs: list[str], stamp: str) -> str:
    body = "".join(f"\t   {p}\r\n" for p in paragraphs)
    return (f"\x16\x16\x01a0001\x1fnatnl\r\n{priority} a\x13\x11 {slug[:24]} {take.replace(' ', '')}   12-01 0042\r\n"
            f"\x02^{slug}{', ' + take if take else ''},42<\r\n^{headline}<\r\n^AP Photo NY101<\r\n^By JANE DOE=\r\n"
            f"^Associated Press=\r\n{body}\r\n\t   \x03AP-WF-{stamp}GMT<\r\n\r\n\x0c\r\n\x04")


def iptc7901(priority: str, category: str, keywords: str, head: str, paragraphs: list[str], stamp: str) -> str:
    body = "\r\n\r\n".join(paragraphs)
    return (f"\x01bdt014 {priority} {category} 171 vvvvb dpa 0123\r\n{keywords}\r\n\x02{head}=\r\n\r\n{body}\r\n\r\n"
            f"# Notebook\r\n\r\n## Note to editors\r\n- corrects the minister's name\r\n\r\n* * * *\r\n"
            f"The following information is not for publication\r\n- Reporting by: Anna Beispiel\r\n\r\ndpa ab cd\r\n"
            f"\x03{stamp}\r\n\x7f\r\n\x7f\x04")


@pytest.mark.parametrize("text, expected", [
    (anpa("f", "BC-US--Markets Fall", "", "Stocks tumble on rate fears",
          ["NEW YORK (AP) _ Stocks fell sharply on Tuesday.", "``We are worried,'' a trader said."], "12-01-26 1405"),
     {"title": "Stocks tumble on rate fears", "urgency": "flash", "desk_slug": "BC-US--Markets Fall", "byline": "JANE DOE",
      "city": "New York", "source": "AP", "date": "2026-12-01T14:05+00:00", "word_count": "42",
      "body": ["Stocks fell sharply on Tuesday.", "“We are worried,” a trader said."]}),
    (iptc7901("1", "pl", "Bundestag/Kinder/", "Parliament backs child welfare law",
              ["Berlin (dpa) - The Bundestag passed the law on Tuesday.", "The vote was 400 to 200."], "011405 GMT Dez 26"),
     {"title": "Parliament backs child welfare law", "urgency": "flash", "category": "Politics", "desk_slug": None,
      "city": "Berlin", "source": "dpa", "date": "2026-12-01T14:05+00:00", "word_count": "171",
      "editors_note": "corrects the minister's name",
      "body": ["The Bundestag passed the law on Tuesday.", "The vote was 400 to 200."]}),
], ids=["anpa-flash", "iptc7901-flash-politics"])
def test_hand_written_envelopes(text, expected):
    record = extract(text, REFERENCE)
    assert {name: getattr(record, name) for name in expected} == expected


def test_an_anpa_file_cut_before_its_etx_still_gives_its_trailer_as_metadata():
    whole = anpa("r", "BC-US--Cut", "", "Cut short", ["WASHINGTON (AP) _ The line dropped."], "12-01-26 1405")
    cut = whole.replace("\x03", "").split("\x0c")[0]
    record = extract(cut, REFERENCE)
    assert record.body == ["The line dropped."] and record.date == "2026-12-01T14:05+00:00"


def test_priority_two_is_urgent_and_a_routine_priority_is_not_urgency():
    paragraphs = ["Berlin (dpa) - Something happened on Tuesday."]
    assert extract(iptc7901("2", "i", "A/", "Head", paragraphs, "011405 GMT Dec 26"), REFERENCE).urgency == "urgent"
    assert extract(iptc7901("4", "i", "A/", "Head", paragraphs, "011405 GMT Dec 26"), REFERENCE).urgency is None
    assert extract(anpa("r", "BC-US--X", "", "Head", ["Text here."], "12-01-26 1405"), REFERENCE).urgency is None


HEAD = "\x16\x16\x01a0001\x1fnatnl\r\n"
SERVICE = "r a\x13\x11 BC-US--Big   12-01 0042\r\n"


@pytest.mark.parametrize("text", [
    HEAD + "r a\x13\x11 " + "x" * 1_000_000 + "\r\n\x02^Head<\r\n\t   Body.\r\n\x03",        # a megabyte service line
    HEAD + SERVICE + "\x02^Head<\r\n^" + " " * 1_000_000 + "x<\r\n\t   Body.\r\n\x03",          # a megabyte of spaces
    HEAD + SERVICE + "\x02^Head<\r\n\t   " + "AP-x " * 200_000 + "\r\n\t   Body.\r\n\x03",      # a megabyte paragraph
], ids=["service-line", "spaces", "paragraph"])
def test_megabyte_lines_in_an_envelope_are_read_in_one_pass(text):
    # a first version's patterns backtracked over the whole line: 10,000 characters of the first
    # two took 11 s and 5 s, so a megabyte would take days; the third is a long paragraph
    record = extract(text, REFERENCE)
    assert record.title == "Head" and record.body[-1] == "Body."


def test_a_megabyte_keyword_line_is_no_keyword_and_no_headline():
    text = HEAD + SERVICE + "\x02^" + "AP-x " * 200_000 + "<\r\n\t   Body.\r\n\x03"
    assert read_envelope(text).slug == "BC-US--Big"   # the service line's slug stands
    with pytest.raises(ExtractionError, match="no headline"):
        extract(text, REFERENCE)


def test_text_without_an_envelope_is_untouched():
    text = "Oil rises\n\nLONDON, Dec 2 (Reuters) - Oil rose.\n"
    assert read_envelope(text) is None
    assert read_envelope("\x01 not a header\n\x02text\x03") is None
    assert extract(text, REFERENCE).word_count is None


def test_control_characters_without_an_envelope_are_still_binary():
    with pytest.raises(SeedError, match="too many control characters"):
        decode(b"\x01\x02\x03\x04\x05\x06 some text \x07\x08\x0e\x0f")


def test_takes_of_one_anpa_story_are_one_briefing(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    first = anpa("r", "BC-US--Dam Breach", "", "Dam breach floods valley town",
                 ["RIVERTON, Wyo. (AP) _ A dam gave way early Tuesday, flooding the town."], "12-01-26 0600")
    later = anpa("u", "BC-US--Dam Breach", "1st Ld-Writethru", "Hundreds flee as waters rise after dam fails",
                 ["RIVERTON, Wyo. (AP) _ Hundreds of residents fled on Tuesday after a dam failed upstream."],
                 "12-01-26 0900")
    (seeds / "a.tst").write_text(first, encoding="latin-1")
    (seeds / "b.tst").write_text(later, encoding="latin-1")
    site = make_site(tmp_path, seeds)
    result = wirebrief("ingest", cwd=site)
    assert result.returncode == 0, result.stderr
    (post,) = (site / "content" / "briefings").glob("*.md")
    header = read_header(post.read_text())
    assert header["title"] == "Hundreds flee as waters rise after dam fails"
    assert header["desk_slug"] == "BC-US--Dam Breach" and header["versions"].count("seeds/") == 2
