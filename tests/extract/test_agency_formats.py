"""Agency formats (extract/formats/): small files written for these tests, one per format and
version, read field by field; the markup's fields win over text extraction, which fills what
the markup leaves out; hostile markup is refused in one line and never reaches the network."""

from __future__ import annotations

import http.server
import json
import threading
from datetime import datetime, timezone

import pytest

from wirebrief.extract.formats import FormatError, extract_item, read_item
from wirebrief.extract.topics import subject_category

REFERENCE = datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc)

G2 = """<?xml version="1.0" encoding="UTF-8"?>
<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/">
 <header><sent>2026-12-02T08:05:00Z</sent></header>
 <itemSet>
  <packageItem guid="urn:pkg:1" version="1" standard="NewsML-G2" standardversion="2.30"/>
  <newsItem guid="urn:newsml:example.org:20261202:oil" version="{version}" standard="NewsML-G2" standardversion="2.30" xml:lang="en">
   <itemMeta>
    <itemClass qcode="ninat:text"/>
    <provider qcode="nprov:EXA"><name>Example Wire</name></provider>
    <versionCreated>2026-12-02T08:00:00Z</versionCreated>
    <firstCreated>2026-12-01T22:15:00+01:00</firstCreated>
    <pubStatus qcode="stat:{status}"/>
    {embargo}
    <signal qcode="sig:update"/>
    <edNote>Adds minister's comments</edNote>
    <edNote pubconstraint="ex:nonpublic">Call the desk on 555 0100</edNote>
   </itemMeta>
   <contentMeta>
    <urgency>{urgency}</urgency>
    <located qcode="geo:VIE"><name>Vienna</name><broader qcode="iso:AT"><name>Austria</name></broader></located>
    <subject qcode="medtop:04000000"/>
    <subject qcode="subj:04005000"/>
    <subject qcode="medtop:11000000"/>
    <subject qcode="ex:OIL"/>
    <headline>{headline}</headline>
    <dateline>VIENNA</dateline>
    <by>By Anna Berger</by>
    <creditline>REUTERS</creditline>
   </contentMeta>
   <contentSet>
    <inlineXML contenttype="application/xhtml+xml">
     <html xmlns="http://www.w3.org/1999/xhtml"><head><title>x</title></head><body>
      <header><p>Topline that is not copy</p></header>
      <p>OPEC ministers agreed on Tuesday to deeper output cuts, delegates said.</p>
      <p>Brent crude rose 3% after the decision.</p>
     </body></html>
    </inlineXML>
   </contentSet>
  </newsItem>
 </itemSet>
</newsMessage>
"""


def g2(headline="Oil jumps as OPEC agrees deeper cuts", version=1, status="usable", embargo="", urgency=4) -> bytes:
    return G2.format(headline=headline, version=version, status=status, embargo=embargo, urgency=urgency).encode()


NITF = """<?xml version="1.0" encoding="iso-8859-1"?>
<!DOCTYPE nitf SYSTEM "nitf-3-4.dtd">
<nitf version="-//IPTC//DTD NITF 3.4//EN">
 <head>
  <title>Strike halts Lisbon metro</title>
  <tobject><tobject.subject tobject.subject.refnum="09000000"/></tobject>
  <docdata management-status="{status}">
   <doc-id id-string="EX-2026-1202-0001"/>
   <urgency ed-urg="2"/>
   <date.issue norm="20261202T071500Z"/>
   <date.release norm="20261203T000100+0100"/>
   <du-key key="strike-lisbon" version="2"/>
   <ed-msg info="Embargoed to 0001 Wednesday"/>
   <doc.copyright holder="Example Wire"/>
  </docdata>
 </head>
 <body>
  <body.head>
   <hedline><hl1>Strike halts Lisbon metro</hl1></hedline>
   <byline>By Jo&#227;o Silva<byttl>Staff writer</byttl></byline>
   <distributor>Agence France-Presse (AFP)</distributor>
  </body.head>
  <body.content>
   <p>LISBON, Dec 2 (AFP) - Metro workers in Lisbon walked out on Wednesday over pay, the union said.</p>
   <media media-type="image"><media-reference source="http://img.example.org/metro-1.jpg"/>
    <media-caption>Closed gates at a Lisbon metro station.</media-caption><media-producer>AFP/Ana Costa</media-producer></media>
   <p>Trains will run again on Thursday.</p>
  </body.content>
 </body>
</nitf>
"""

NEWSML1 = """<?xml version="1.0" encoding="utf-8"?>
<NewsML Version="1.2">
 <NewsEnvelope><DateAndTime>20261202T101500Z</DateAndTime></NewsEnvelope>
 <NewsItem xml:lang="en">
  <Identification><NewsIdentifier><ProviderId>afp.com</ProviderId><NewsItemId>TX-PAR-ABC12</NewsItemId>
   <RevisionId PreviousRevision="1" Update="U">2</RevisionId></NewsIdentifier></Identification>
  <NewsManagement><FirstCreated>20261202T100000+0000</FirstCreated><ThisRevisionCreated>20261202T101500+0000</ThisRevisionCreated>
   <Status FormalName="Usable"/><Urgency FormalName="4"/></NewsManagement>
  <NewsComponent>
   <NewsLines><DateLine>NAIROBI, Dec 2, 2026 (AFP) -</DateLine><HeadLine>Kenya opens new rail line to Uganda border</HeadLine>
    <CreditLine>AFP</CreditLine>
    <NewsLine><NewsLineType FormalName="AdvisoryLine"/><NewsLineText>UPDATES with minister's comments</NewsLineText></NewsLine></NewsLines>
   <AdministrativeMetadata><Provider><Party FormalName="AFP"/></Provider></AdministrativeMetadata>
   <DescriptiveMetadata><Language FormalName="en"/><SubjectCode><Subject FormalName="04000000"/></SubjectCode>
    <Location HowPresent="Origin"><Property FormalName="Country" Value="KEN"/><Property FormalName="City" Value="Nairobi"/></Location>
   </DescriptiveMetadata>
   <ContentItem><MediaType FormalName="Text"/><DataContent><nitf><body><body.content>
    <p>Kenya opened a new railway line to its border with Uganda on Wednesday, the transport minister said.</p>
    <p>The line cost 1.5 billion dollars.</p>
   </body.content></body></nitf></DataContent></ContentItem>
   <NewsComponent><Role FormalName="Photo"/>
    <NewsLines><HeadLine>A train at Nairobi terminus on December 2, 2026.</HeadLine><CreditLine>AFP/Tony Karumba</CreditLine></NewsLines>
    <ContentItem Href="http://example.org/photos/rail-960.jpg"><MediaType FormalName="Photo"/></ContentItem>
   </NewsComponent>
  </NewsComponent>
 </NewsItem>
</NewsML>
"""

NINJS = {
    "1.x": {"uri": "urn:example:ninjs:1", "type": "text", "version": "3", "versioncreated": "2026-12-02T06:00:00Z",
            "firstcreated": "2026-12-02T05:30:00+09:00", "pubstatus": "usable", "urgency": 1, "language": "ja",
            "headline": "Typhoon nears Okinawa", "byline": "Ken Sato", "located": "Naha, Japan",
            "copyrightholder": "Kyodo", "subject": [{"code": "17000000", "name": "weather"}],
            "body_html": "<p>A strong typhoon approached Okinawa on Wednesday.</p><p>Flights were cancelled.</p>",
            "associations": {"featuremedia": {"type": "picture", "description_text": "Waves hit the coast in Naha.",
                                              "byline": "Kyodo", "renditions": {"baseImage": {"href": "https://x/typhoon.jpg"}}}}},
    "2.x": {"uri": "urn:example:ninjs:2", "type": "text", "version": "1", "versioncreated": "2026-12-02T06:00:00Z",
            "pubstatus": "withheld", "embargoed": "2026-12-03T06:00:00Z", "language": "en",
            "headlines": [{"role": "main", "value": "Central bank to hold rates"}], "by": "Jane Doe",
            "bodies": [{"role": "main", "contenttype": "text/plain",
                        "value": "FRANKFURT, Dec 2 (dpa) - The central bank will hold rates, officials said.\nMarkets were calm."}],
            "subjects": [{"uri": "http://cv.iptc.org/newscodes/mediatopic/04000000", "name": "economy"}]},
    "3.x": {"uri": "urn:example:ninjs:3", "type": "text", "version": "2", "versionCreated": "2026-12-02T06:00:00Z",
            "pubStatus": "canceled", "language": "en", "copyrightHolder": "TT",
            "headlines": [{"role": "main", "value": "Minister resigns over expenses"}],
            "bodies": [{"role": "main", "contentType": "text/html", "value": "<p>This story has been withdrawn.</p>"}]},
}


# Ritzau's RBNews: HTML escaped in `content`, a nil headline for a flash, PublishDate without offset
RITZAU = """<?xml version="1.0"?>
<RBNews xmlns="" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">
  <NewsID>4f1c2e7a-0000-4000-8000-000000000001</NewsID>
  <PublishDate>{published}</PublishDate>
  <headline{headline}
  <town>Odense</town>
  <version>3</version>
  <format>{format}</format>
  <content>&lt;p&gt;Havnen i Odense lukker for al trafik &amp;amp; sejlads efter et olieudslip.&lt;/p&gt;&lt;p&gt;Politiet er til stede.&lt;/p&gt;</content>
  <Priority>3</Priority>
  <Annuleret>{canceled}</Annuleret>
  <NyVersion>{update}</NyVersion>
  <Korrektion>false</Korrektion>
  <byLine>Mette Holm</byLine>
  <TilRedaktionen>&lt;p&gt;Opdateres.&lt;/p&gt;</TilRedaktionen>
</RBNews>
"""


def ritzau(headline=' i:nil="true"/>', format="Flash", canceled="false", update="false",
           published="2026-07-01T09:30:00") -> bytes:
    return RITZAU.format(headline=headline, format=format, canceled=canceled, update=update,
                         published=published).encode()


WENN = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:wenn_nm="http://feed.wenn.com/xmlns/2010/03/wenn_nm"
      xmlns:georss="http://www.georss.org/georss" xml:lang="en">
 <title>WENN Feed</title>
 <entry>
  <id>urn:feed-wenn-com:newsfeedarticle:2:9:1</id>
  <updated>2026-12-01T21:40:00+00:00</updated>
  <title type="text"><![CDATA[Singer cancels Paris shows]]></title>
  <author><name>WENN Newsdesk</name></author>
  <content type="html"><![CDATA[<p>The singer called off two nights in Paris on Monday.</p><p>Tickets will be refunded.</p>]]></content>
  <georss:featurename>Paris</georss:featurename>
  <wenn_nm:NewsManagement type="feedarticle">
   <wenn_nm:published>2026-12-01T20:05:00+00:00</wenn_nm:published>
   <wenn_nm:publishing_status>{status}</wenn_nm:publishing_status>
  </wenn_nm:NewsManagement>
 </entry>
 <entry><id>urn:feed-wenn-com:newsfeedarticle:2:9:2</id><title>Second</title><content>Another story.</content></entry>
</feed>
"""


def record(data: bytes, suffix: str = ".xml", **kw):
    return extract_item(read_item(data, suffix), REFERENCE, **kw)


def test_newsml_g2_fields_come_from_the_markup():
    r = record(g2(version=2))
    assert r.title == "Oil jumps as OPEC agrees deeper cuts"
    assert r.body == ["OPEC ministers agreed on Tuesday to deeper output cuts, delegates said.",
                      "Brent crude rose 3% after the decision."]   # the XHTML header is not copy
    assert (r.date, r.date_source) == ("2026-12-01T22:15+01:00", "markup")   # firstCreated, with its offset
    assert (r.city, r.country, r.place_source) == ("Vienna", "Austria", "dateline")   # the dateline element
    assert (r.source, r.credit, r.byline) == ("Reuters", "REUTERS", "By Anna Berger")
    assert (r.item_id, r.version, r.version_kind) == ("urn:newsml:example.org:20261202:oil", "2", "update")
    assert r.editors_note == "Adds minister's comments"   # the non-public note stays out
    assert r.subjects == ["medtop:04000000", "subj:04005000", "medtop:11000000"]
    assert r.category == "Economy"   # two economy codes against one politics
    assert r.item_format == "NewsML-G2 2.30" and r.lang == "en"
    assert r.wire_status is None and r.urgency is None


def test_newsml_g2_status_embargo_and_urgency():
    embargoed = record(g2(embargo="<embargoed>2026-12-03T06:00:00Z</embargoed>", urgency=1))
    assert (embargoed.wire_status, embargoed.embargo, embargoed.urgency) == ("withheld", "2026-12-03T06:00Z", "flash")
    assert record(g2(status="canceled")).wire_status == "canceled"
    held = record(g2(status="withheld"))
    assert held.wire_status == "withheld" and held.embargo is None
    assert any("no embargo time" in w for w in held.warnings)


def test_nitf_fields_and_what_text_extraction_fills_in():
    r = record(NITF.format(status="embargoed").encode("latin-1"))
    assert r.title == "Strike halts Lisbon metro"
    assert r.body == ["Metro workers in Lisbon walked out on Wednesday over pay, the union said.",
                      "Trains will run again on Thursday."]   # the picture's caption is not copy
    # the place is only in the text's dateline: text extraction fills it
    assert (r.city, r.country, r.place_source, r.dateline) == ("Lisbon", "Portugal", "dateline", "LISBON, Dec 2 (AFP)")
    assert (r.date, r.date_source) == ("2026-12-02T07:15+00:00", "markup")
    assert (r.source, r.credit, r.byline) == ("AFP", "Agence France-Presse (AFP)", "By João Silva")
    assert (r.wire_status, r.embargo) == ("withheld", "2026-12-02T23:01Z")
    assert (r.urgency, r.item_id, r.version) == ("bulletin", "EX-2026-1202-0001", "2")
    assert (r.photo_caption, r.photo_credit, r.renditions) == ("Closed gates at a Lisbon metro station.", "AFP/Ana Costa",
                                                               ["metro-1.jpg"])
    assert r.category == "Labour" and r.subjects == ["subj:09000000"]
    assert record(NITF.format(status="canceled").encode("latin-1")).wire_status == "canceled"


def test_newsml_1_2_fields():
    r = record(NEWSML1.encode())
    assert r.title == "Kenya opens new rail line to Uganda border"
    assert r.dateline == "NAIROBI, Dec 2, 2026 (AFP)" and (r.city, r.country) == ("Nairobi", "Kenya")
    assert (r.date, r.date_source, r.source, r.credit) == ("2026-12-02T10:00+00:00", "markup", "AFP", "AFP")
    assert (r.item_id, r.version, r.version_kind) == ("afp.com:TX-PAR-ABC12", "2", "update")
    assert r.editors_note == "UPDATES with minister's comments"
    assert (r.photo_caption, r.photo_credit, r.renditions) == ("A train at Nairobi terminus on December 2, 2026.",
                                                               "AFP/Tony Karumba", ["rail-960.jpg"])


@pytest.mark.parametrize("version", sorted(NINJS))
def test_ninjs_versions(version):
    r = record(json.dumps(NINJS[version]).encode(), ".json")
    assert r.item_format == f"ninjs {version}"
    assert r.item_id == f"urn:example:ninjs:{version[0]}"
    if version == "1.x":
        assert (r.title, r.date, r.date_source) == ("Typhoon nears Okinawa", "2026-12-02T05:30+09:00", "markup")
        assert (r.city, r.country, r.place_source) == ("Naha", "Japan", "markup")   # located: no dateline in the copy
        assert (r.lang, r.urgency, r.byline, r.source) == ("ja", "flash", "Ken Sato", "Kyodo")
        assert (r.photo_caption, r.photo_credit, r.renditions) == ("Waves hit the coast in Naha.", "Kyodo", ["typhoon.jpg"])
        assert r.category == "Weather"
    elif version == "2.x":
        assert (r.title, r.byline, r.wire_status, r.embargo) == ("Central bank to hold rates", "Jane Doe", "withheld",
                                                                 "2026-12-03T06:00Z")
        assert (r.city, r.source, r.date) == ("Frankfurt", "dpa", "2026-12-02T06:00+00:00")   # versionCreated: no firstcreated
        assert r.category == "Economy"
    else:
        assert (r.title, r.wire_status, r.source, r.version) == ("Minister resigns over expenses", "canceled", "TT", "2")


def test_ritzau_flash_without_headline_takes_its_first_paragraph():
    r = record(ritzau())
    assert r.title == "Havnen i Odense lukker for al trafik & sejlads efter et olieudslip."   # unescaped twice
    assert r.body == ["Politiet er til stede."]
    # no offset: Copenhagen time, summer (+02:00) here
    assert (r.date, r.date_source) == ("2026-07-01T09:30+02:00", "markup")
    assert (r.city, r.country, r.place_source) == ("Odense", "Denmark", "markup")   # town
    assert (r.source, r.byline, r.lang, r.urgency) == ("Ritzau", "Mette Holm", "da", "flash")
    assert (r.item_id, r.version, r.item_format) == ("4f1c2e7a-0000-4000-8000-000000000001", "3", "Ritzau RBNews")
    assert r.editors_note == "Opdateres."
    winter = record(ritzau(headline=">Havn lukket</headline>", format="Nyhed", update="true",
                           published="2026-01-15T09:30:00"))
    assert (winter.title, winter.date, winter.urgency, winter.version_kind) == (
        "Havn lukket", "2026-01-15T09:30+01:00", None, "update")


def test_a_canceled_ritzau_item_is_canceled():
    assert record(ritzau(canceled="true")).wire_status == "canceled"
    assert record(ritzau()).wire_status is None


def test_wenn_atom_entry():
    r = record(WENN.format(status="Published").encode())
    assert (r.title, r.item_format, r.lang) == ("Singer cancels Paris shows", "WENN Atom", "en")
    assert r.body == ["The singer called off two nights in Paris on Monday.", "Tickets will be refunded."]
    assert (r.date, r.date_source) == ("2026-12-01T20:05+00:00", "markup")   # wenn_nm:published, not updated
    assert (r.city, r.country) == ("Paris", "France")   # georss
    assert (r.source, r.byline, r.item_id) == ("WENN", "WENN Newsdesk", "urn:feed-wenn-com:newsfeedarticle:2:9:1")
    assert r.wire_status is None
    assert any(w.startswith("1 more story in this file not published") for w in r.warnings)
    assert record(WENN.format(status="Withdrawn").encode()).wire_status == "canceled"


def test_not_a_story_is_said_in_one_line():
    picture = json.dumps({"type": "picture", "headline": "x", "body_text": "A caption"}).encode()
    concept = b'<conceptItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x"/>'
    package = b'<packageItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x"/>'
    atom = b'<feed xmlns="http://www.w3.org/2005/Atom"/>'
    for data, suffix, said in ((picture, ".json", "not a story (a picture item)"),
                               (concept, ".xml", "not a story (a concept item)"),
                               (package, ".xml", "not a story (a package of other items)"),
                               (atom, ".xml", "not a format Wirebrief reads: root element <feed>")):
        with pytest.raises(FormatError) as e:
            read_item(data, suffix)
        assert said in str(e.value) and "\n" not in str(e.value)


def test_a_message_with_several_stories_gives_its_first_and_says_so():
    second = g2(headline="Second story")
    block = second[second.index(b"<newsItem"):second.index(b"</newsItem>") + len(b"</newsItem>")]
    r = record(g2().replace(b"</itemSet>", block + b"</itemSet>"))
    assert r.title == "Oil jumps as OPEC agrees deeper cuts"
    assert any(w.startswith("1 more story in this file not published") for w in r.warnings)


def test_subject_codes_map_through_the_table_with_top_level_fallback():
    assert subject_category(["subj:15008000"]) == "Sport"
    assert subject_category(["medtop:11000000", "subj:04000000", "subj:04005000"]) == "Economy"
    assert subject_category(["medtop:20000763"]) is None           # not in the default table: topics decide
    table = {"Markets": ("medtop:20000763", "N2:OILG"), "Sport": ("15000000",)}
    assert subject_category(["medtop:20000763"], table) == "Markets"
    assert subject_category(["N2:OILG", "subj:15000000", "subj:15008000"], table) == "Sport"


# --- hostile markup -------------------------------------------------------------------------

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<nitf><body><body.head><hedline><hl1>&lol3;</hl1></hedline></body.head><body.content><p>x</p></body.content></body></nitf>"""


def external_entity(uri: str) -> bytes:
    return (f'<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY x SYSTEM "{uri}">]>'
            '<nitf><body><body.head><hedline><hl1>Leak</hl1></hedline></body.head>'
            '<body.content><p>&x;</p></body.content></body></nitf>').encode()


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802
        _Recorder.requests.append(self.path)
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'<!ENTITY leak "LEAKED">')

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    _Recorder.requests = []
    server = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


HOSTILE = {
    "billion-laughs.xml": BILLION_LAUGHS,
    "entity-file.xml": external_entity("file:///etc/passwd"),
    "truncated.xml": g2()[:700],
    "malformed.json": b'{"type": "text", "headline": "Half',
    "nested.json": b"[" * 100_000 + b"]" * 100_000,
    "not-json.json": b"\x89PNG\r\n\x1a\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_markup_is_refused_in_one_line(name):
    with pytest.raises(FormatError) as e:
        read_item(HOSTILE[name], "." + name.rsplit(".", 1)[1])
    assert "\n" not in str(e.value) and str(e.value)


def test_no_network_while_parsing(recorder):
    with pytest.raises(FormatError):
        read_item(external_entity(f"{recorder}/entity"), ".xml")
    # a DOCTYPE naming an external DTD is read without fetching it
    doctype = NITF.format(status="usable").replace("nitf-3-4.dtd", f"{recorder}/nitf.dtd").encode("latin-1")
    assert read_item(doctype, ".xml").headline == "Strike halts Lisbon metro"
    parameter = (f'<?xml version="1.0"?><!DOCTYPE nitf [<!ENTITY % ext SYSTEM "{recorder}/p.dtd"> %ext;]>'
                 '<nitf><body><body.content><p>x</p></body.content></body></nitf>').encode()
    with pytest.raises(FormatError):
        read_item(parameter, ".xml")
    assert _Recorder.requests == []


def test_an_unknown_encoding_in_the_xml_declaration_is_one_line():
    from wirebrief.extract.formats.safexml import FormatError, parse_xml
    with pytest.raises(FormatError, match="unknown encoding"):
        parse_xml(b'<?xml version="1.0" encoding="AUTF-8"?><newsItem/>')
