"""The briefing schema is the one list of a briefing's fields: what it derives agrees."""

import dataclasses

from wirebrief import schema
from wirebrief.extract import Person, Record, extract
from wirebrief.ingest.post import read_header, render


def test_the_record_has_exactly_the_extracted_fields_in_schema_order():
    assert [f.name for f in dataclasses.fields(Record)] == [f.name for f in schema.EXTRACTED]


def test_a_post_header_written_from_a_record_reads_back_as_the_record():
    record = extract("Talks open in Astana\n\nASTANA, Nov. 29 (Xinhua) -- Premier Li Keqiang and "
                     "Prime Minister Alikhan Smailov met on Tuesday, Kazakh and Chinese officials said.\n",
                     reference=None)
    record.other_places = ["Almaty, Kazakhstan", "Beijing, China"]
    header = schema.typed(read_header(render(record, slug="talks", seed="seeds/talks.txt")))
    assert [k for k in header if k != "wirebrief_digest"] == [k for k in schema.HEADER if k in header]
    assert header["people"] == record.people and all(isinstance(p, Person) for p in header["people"])
    assert header["countries"] == record.countries
    assert header["other_places"] == record.other_places
    assert header["warnings"] == record.warnings


def test_derived_lists():
    assert schema.JSON_KEYS[0] == "title" and "slug" in schema.JSON_KEYS and "body" not in schema.JSON_KEYS
    assert "body" not in schema.HEADER and schema.HEADER[-1] == "seed"
    assert set(schema.CHECKED) == {"date", "date_source", "location", "photo_caption", "photo_credit", "source", "warnings",
                                   "wire_status", "embargo"}
    assert "people" not in schema.OPTIONAL and "city" in schema.OPTIONAL and "title" not in schema.OPTIONAL
    assert schema.parse_srcset("a-480.jpg 480w, a-960.jpg 960w") == [("a-480.jpg", "480w"), ("a-960.jpg", "960w")]
