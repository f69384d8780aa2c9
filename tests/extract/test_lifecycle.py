"""Lifecycle markers as agencies print them (Reuters, AP, AFP, Xinhua house styles and embargo
lines), read as metadata and taken off the headline and the copy."""

from datetime import datetime, timezone

import pytest

from wirebrief.extract.lifecycle import embargo_time, read_lifecycle

RECEIVED = datetime(2026, 12, 2, 15, 0, tzinfo=timezone.utc)   # a Wednesday
BODY = ["LONDON, Dec 2 (Reuters) - Oil prices rose on Wednesday."]


@pytest.mark.parametrize("headline, clean, kind, version, urgency, status", [
    ("UPDATE 2-Oil rises on supply worries", "Oil rises on supply worries", "update", 3, None, "usable"),
    ("UPDATE 1-Oil rises on supply worries", "Oil rises on supply worries", "update", 2, None, "usable"),
    ("REFILE-Oil rises on supply worries", "Oil rises on supply worries", "refile", None, None, "usable"),
    ("CORRECTED-Oil rises on supply worries", "Oil rises on supply worries", "correction", None, None, "usable"),
    ("RPT-Oil rises on supply worries", "Oil rises on supply worries", "repeat", None, None, "usable"),
    ("BRIEF-Acme Corp posts Q3 profit", "Acme Corp posts Q3 profit", None, None, None, "usable"),
    ("WITHDRAWN-Acme Corp posts Q3 profit", "Acme Corp posts Q3 profit", None, None, None, "canceled"),
    ("URGENT: Military truck explodes in S. Korea", "Military truck explodes in S. Korea", None, None, "urgent", "usable"),
    ("FLASH: Quake hits Tokyo", "Quake hits Tokyo", None, None, "flash", "usable"),
    ("BULLETIN Quake hits Tokyo", "Quake hits Tokyo", None, None, "bulletin", "usable"),
    ("ALERTE - Séisme à Tokyo", "Séisme à Tokyo", None, None, "alert", "usable"),
    ("URGENT: UPDATE 1-Quake hits Tokyo", "Quake hits Tokyo", "update", 2, "urgent", "usable"),
    ("China, Kazakhstan sign deal (2nd LD-Writethru)", "China, Kazakhstan sign deal", "update", 2, None, "usable"),
    ("China, Kazakhstan sign deal (1st LD)", "China, Kazakhstan sign deal", "update", 1, None, "usable"),
    ("China, Kazakhstan sign deal (Update)", "China, Kazakhstan sign deal", "update", None, None, "usable"),
    ("China, Kazakhstan sign deal (Correction)", "China, Kazakhstan sign deal", "correction", None, None, "usable"),
    ("CORRECTION: Ministers meet in Paris", "Ministers meet in Paris", "correction", None, None, "usable"),
    ("KILL: Ministers meet in Paris", "Ministers meet in Paris", None, None, None, "canceled"),
    # ordinary headlines stay whole
    ("Update on the budget talks expected", "Update on the budget talks expected", None, None, None, "usable"),
    ("Flash floods hit Spain", "Flash floods hit Spain", None, None, None, "usable"),
    ("Kill switch ordered for chat apps", "Kill switch ordered for chat apps", None, None, None, "usable"),
])
def test_headline_markers(headline, clean, kind, version, urgency, status):
    life, title, rest = read_lifecycle(headline, BODY, RECEIVED)
    assert (title, life.kind, life.version, life.urgency, life.status) == (clean, kind, version, urgency, status)
    assert rest == BODY


def test_reuters_desk_note_opens_the_copy():
    life, _, rest = read_lifecycle("UPDATE 1-Oil rises", ["(Updates with minister's comments in paragraph 4)", *BODY], RECEIVED)
    assert (life.kind, life.note) == ("update", "Updates with minister's comments in paragraph 4")
    assert rest == BODY
    life, _, rest = read_lifecycle("Oil rises", ["(Corrects day in paragraph 2) LONDON, Dec 2 (Reuters) - Oil rose."], RECEIVED)
    assert (life.kind, life.note) == ("correction", "Corrects day in paragraph 2")
    assert rest == ["LONDON, Dec 2 (Reuters) - Oil rose."]


def test_ap_slug_and_editors_notes():
    copy = ["BC-US--Budget Fight,2nd Ld-Writethru", "Eds: UPDATES with vote count, quotes.", "URGENT", *BODY]
    life, _, rest = read_lifecycle("House passes budget", copy, RECEIVED)
    assert (life.kind, life.version, life.urgency, life.note) == ("update", 2, "urgent", "UPDATES with vote count, quotes.")
    assert life.slug == "BC-US--Budget Fight"   # the desk's key: every version of the story carries it
    assert rest == BODY
    life, _, _ = read_lifecycle("House passes budget", ["Eds: CORRECTS spelling of senator's name.", *BODY], RECEIVED)
    assert life.kind == "correction"
    life, _, _ = read_lifecycle("House passes budget", ["ELIMINATION: AP is withdrawing this story. It is not to be used.", *BODY], RECEIVED)
    assert life.status == "canceled"
    life, _, _ = read_lifecycle("House passes budget", ["Eds: This story has been withdrawn.", *BODY], RECEIVED)
    assert life.status == "canceled"


def test_afp_attention_line():
    life, _, rest = read_lifecycle("Ministers meet", ["ATTENTION - ADDS quotes, background ///", *BODY], RECEIVED)
    assert (life.kind, life.note, rest) == ("update", "ADDS quotes, background", BODY)


@pytest.mark.parametrize("line, when", [
    ("EMBARGOED UNTIL 0001 GMT DEC 4", datetime(2026, 12, 4, 0, 1, tzinfo=timezone.utc)),
    ("Embargoed to 2200 GMT Tuesday", datetime(2026, 12, 8, 22, 0, tzinfo=timezone.utc)),
    ("Embargoed to 2200 GMT Wednesday", datetime(2026, 12, 2, 22, 0, tzinfo=timezone.utc)),
    ("HOLD FOR RELEASE UNTIL 10 A.M. EST, Friday, Dec. 4", datetime(2026, 12, 4, 15, 0, tzinfo=timezone.utc)),
    ("STRICTLY EMBARGOED until 12:00 KST Dec 3", datetime(2026, 12, 3, 3, 0, tzinfo=timezone.utc)),
    ("EMBARGOED UNTIL 0900 CET JAN 5", datetime(2027, 1, 5, 8, 0, tzinfo=timezone.utc)),   # next year
])
def test_embargo_lines_with_zones(line, when):
    life, title, rest = read_lifecycle(line, ["Scientists find water on Mars", *BODY], RECEIVED)
    assert (life.status, life.embargo, life.embargo_text, title, rest) == ("withheld", when, line, "Scientists find water on Mars", BODY)


def test_embargo_line_inside_the_copy_and_a_past_one():
    life, title, rest = read_lifecycle("Scientists find water", ["EMBARGOED UNTIL 0001 GMT DEC 4", *BODY], RECEIVED)
    assert (life.status, life.embargo, rest) == ("withheld", datetime(2026, 12, 4, 0, 1, tzinfo=timezone.utc), BODY)
    # received after it lifted: the time is in the past (the site publishes at once)
    later = datetime(2026, 12, 5, 9, 0, tzinfo=timezone.utc)
    assert embargo_time("0001 GMT DEC 4", later) == datetime(2026, 12, 4, 0, 1, tzinfo=timezone.utc)


def test_plain_copy_has_no_lifecycle():
    life, title, rest = read_lifecycle("Harbin opens ice festival", ["HARBIN, Jan. 5 (Xinhua) -- The festival opened."], RECEIVED)
    assert (life.status, life.kind, life.version, life.urgency, life.note, life.embargo) == ("usable", None, None, None, None, None)
    assert title == "Harbin opens ice festival" and rest == ["HARBIN, Jan. 5 (Xinhua) -- The festival opened."]
