"""Fuzzing the pure middle: decoding, extraction and rendering never raise anything but a
reported error, whatever the text. Runs for WIREBRIEF_FUZZ_SECONDS (20 s in `make test`;
`make fuzz` runs it for 10 minutes, or FUZZ_SECONDS=N)."""

import os
import re
import time
from collections import Counter
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirebrief.extract import ExtractionError, extract
from wirebrief.extract.formats import FormatError, extract_item, read_item
from wirebrief.ingest.post import is_hand_edited, read_header, render
from wirebrief.ingest.seeds import SeedError, decode
from wirebrief.extract.teletype import read_envelope
from test_teletype import anpa, iptc7901   # the test envelopes, around generated copy

BUDGET = float(os.environ.get("WIREBRIEF_FUZZ_SECONDS", "20"))

FRAGMENTS = ["BEIJING, Nov. 29 (Xinhua) -- ", "AUSTIN, Texas (AP) — ", "MOSCOW, January 21. /TASS/. ", "(Photo: Xinhua)",
             "REUTERS/Kevin Lamarque", "Photo by Ludovic MARIN / AFP", "Updated: 2023-04-12 09:12", "2022/11/01 09:15 KST",
             "Premier Li Keqiang", "said on Tuesday", "Enditem", "(END)", "By Kim Soo-yeon", " | ", "\n", "\n\n", "\r\n",
             "Feb 29", "Nov. 31", "03.04.2023", "Kazakh", "U.S.", "[", "](", "<", "&", "{{", "\\", "*", "_", "`", "#", "1987.",
             "\u200b", "\ufeff", "\x00", "\t", "    ", ".", ",", "(", ")", "—", "-- ", "/", ":"]

SEEN: Counter = Counter()  # what the fuzz functions saw, by outcome

wire_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=30)), max_size=60).map("".join)
references = st.one_of(st.none(), st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(wire_text, references)
def fuzz_extract(text, reference):
    try:
        record = extract(text, reference)
    except ExtractionError:
        SEEN["refused"] += 1
        return
    post = render(record, slug="fuzz", seed="seeds/fuzz.txt")
    assert read_header(post)["slug"] == "fuzz"
    assert not is_hand_edited(post)
    SEEN["posts"] += 1


# Teletype envelopes (ANPA-1312, IPTC 7901) around hostile copy: control characters anywhere,
# the format's codes, markers. Tokens in the envelope's header, trailer and unpublishable notes
# must never reach the title or the copy.
CONTROLS = st.sampled_from([chr(c) for c in (*range(0x00, 0x09), *range(0x0b, 0x20), 0x7f)])
teletype_line = st.lists(st.one_of(st.sampled_from(FRAGMENTS + ["^", "<", "=", "``", "''", " _ ", "{", "Eds: x", "By A B"]),
                                   CONTROLS, st.text(max_size=20)), max_size=12).map("".join)
ENVELOPE_TOKENS = ("natnl", "a0001", "bdt014", "AP-WF-", "GMT Dec", "Reporting by", "Anna Beispiel", "dpa ab cd")


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.one_of(st.tuples(st.just(anpa), st.sampled_from("fbudr")), st.tuples(st.just(iptc7901), st.sampled_from("123456"))),
       teletype_line, st.lists(teletype_line, max_size=6), references)
def fuzz_teletype(envelope_and_priority, headline, paragraphs, reference):
    envelope, priority = envelope_and_priority
    if envelope is anpa:
        text = anpa(priority, "BC-US--Fuzz", "", headline, paragraphs, "12-01-26 1405")
    else:
        text = iptc7901(priority, "i", "Fuzz/", headline, paragraphs, "011405 GMT Dec 26")
    assert read_envelope(text) is not None
    try:
        record = extract(text, reference)
    except ExtractionError:
        SEEN["teletype refused"] += 1
        return
    copy = "\n".join([record.title, record.summary or "", *record.body])
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", copy), copy
    for token in ENVELOPE_TOKENS:
        assert token not in copy, (token, copy)
    render(record, slug="fuzz", seed="seeds/fuzz.tst")
    SEEN["teletype"] += 1


@settings(max_examples=300, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=2000))
def fuzz_decode(data):
    try:
        text = decode(data)
    except SeedError:
        SEEN["undecodable"] += 1
        return
    assert isinstance(text, str) and text.strip()
    SEEN["decoded"] += 1


# Agency files: valid documents cut, spliced and salted with fragments of markup
from test_agency_formats import NEWSML1, NINJS, NITF, g2  # noqa: E402

DOCUMENTS = [g2(), NITF.format(status="usable").encode("latin-1"), NEWSML1.encode(),
             *(__import__("json").dumps(d).encode() for d in NINJS.values())]
MARKUP = [b"<", b">", b"</p>", b"<p>", b"&amp;", b"&x;", b"<!DOCTYPE x [<!ENTITY x 'y'>]>", b"<![CDATA[", b"]]>",
          b'"', b"{", b"}", b"[", b"]", b":", b",", b"\\u0000", b"\xff", b"\x00", b"null", b"<p/>"]


@st.composite
def agency_file(draw):
    i = draw(st.integers(0, len(DOCUMENTS) - 1))
    data = DOCUMENTS[i]
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(data)))
        cut = draw(st.integers(0, 40))
        data = data[:at] + draw(st.one_of(st.sampled_from(MARKUP), st.binary(max_size=8))) + data[at + cut:]
    return data, ".json" if i >= 3 else ".xml"


@settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))
@given(agency_file(), references)
def fuzz_agency_file(case, reference):
    data, suffix = case
    try:
        record = extract_item(read_item(data, suffix), reference)
    except (FormatError, ExtractionError):
        SEEN["agency refused"] += 1
        return
    post = render(record, slug="fuzz", seed=f"seeds/fuzz{suffix}")
    assert read_header(post)["slug"] == "fuzz" and not is_hand_edited(post)
    SEEN["agency posts"] += 1


def test_fuzz_for_a_fixed_time():
    deadline = time.monotonic() + BUDGET
    rounds = 0
    SEEN.clear()
    while rounds == 0 or time.monotonic() < deadline:
        fuzz_extract()
        fuzz_decode()
        fuzz_teletype()
        fuzz_agency_file()
        rounds += 1
    # the fuzzer went all the way through: most generated texts became whole posts (not just
    # refusals), and both paths of decoding were taken
    assert SEEN["posts"] >= 100 * rounds and SEEN["posts"] > SEEN["refused"], SEEN
    assert SEEN["decoded"] and SEEN["undecodable"], SEEN
    assert SEEN["teletype"] > SEEN["teletype refused"], SEEN
    assert SEEN["agency posts"] and SEEN["agency refused"], SEEN
