"""The dateline of a briefing's JSON-LD, in the agencies' English style when the copy printed none."""

from datetime import datetime, timezone
from types import SimpleNamespace

import pytest

from wirebrief.site.jsonld import dateline


def briefing(**fields):
    base = dict(dateline=None, city=None, location=None, source=None, date_source="dateline",
                date=datetime(2022, 11, 29, tzinfo=timezone.utc))
    return SimpleNamespace(**{**base, **fields})


@pytest.mark.parametrize("month, day, expected", [
    (1, 5, "Jan. 5"), (2, 28, "Feb. 28"), (3, 1, "March 1"), (4, 12, "April 12"), (5, 2, "May 2"), (6, 30, "June 30"),
    (7, 4, "July 4"), (8, 15, "Aug. 15"), (9, 3, "Sept. 3"), (10, 12, "Oct. 12"), (11, 29, "Nov. 29"), (12, 25, "Dec. 25"),
])
def test_months_as_ap_style_abbreviates_them(month, day, expected):
    when = datetime(2023, month, day, 9, 30, tzinfo=timezone.utc)
    assert dateline(briefing(city="Beijing", source="Xinhua", date=when, date_source="caption")) == f"BEIJING, {expected} (Xinhua)"


def test_the_agency_in_parentheses_only_when_known():
    assert dateline(briefing(city="Suihua", location="Suihua, Heilongjiang, China", date_source="caption")) == "SUIHUA, Nov. 29"


def test_a_place_the_gazetteer_did_not_know_stands_as_printed():
    assert dateline(briefing(location="Kuressaare", source="BNS", date_source="stamp")) == "KURESSAARE, Nov. 29 (BNS)"


def test_the_copys_own_dateline_is_kept_as_printed():
    assert dateline(briefing(dateline="AUSTIN, Texas (AP)", city="Austin", source="AP")) == "AUSTIN, Texas (AP)"
    assert dateline(briefing(dateline="BEYROUTH, 20 mars 2017 (AFP)", city="Beirut")) == "BEYROUTH, 20 mars 2017 (AFP)"


def test_no_dateline_without_a_place_or_a_date_from_the_copy():
    assert dateline(briefing(source="Xinhua")) is None
    # the day the seed was received is no date of the story
    assert dateline(briefing(city="Nairobi", source="AFP", date_source="received")) is None
