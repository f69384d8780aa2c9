"""The shapes real agency copy takes, one family at a time, from each agency's published style
(AP Stylebook datelines, Reuters and AFP house style, Xinhua's "(Xinhua) --"): never copied
from a corpus. Each case goes through the whole extractor, as a seed would."""

from datetime import date, datetime, timezone

import pytest

from wirebrief.extract import extract
from wirebrief.extract.dateline import parse_dateline

RECEIVED = datetime(2026, 3, 10, 9, 30, tzinfo=timezone.utc)   # the day the desk received the seed


def story(opening: str, *more: str, headline: str = "Officials meet on budget") -> str:
    return "\n\n".join([headline, opening + " Officials met to discuss the budget, a spokesman said.", *more])


# 1. Datelines without an agency credit, and on a line of their own.
@pytest.mark.parametrize("opening, city, day", [
    ("STOCKHOLM, Dec 6, 2005 -", "Stockholm", "2005-12-06"),
    ("LONDON, March 3 -", "London", "2026-03-03"),
    ("BEIJING --", "Beijing", None),
    ("WASHINGTON —", "Washington", None),          # New York Times News Service style
    ("CHARLESTON, W.Va. —", "Charleston", None),
])
def test_datelines_without_an_agency(opening, city, day):
    record = extract(story(opening), RECEIVED)
    assert record.city == city
    if day:
        assert (record.date, record.date_source) == (day, "dateline")
    else:
        assert record.date_source == "received"


def test_a_dateline_on_a_line_of_its_own():
    record = extract(story("", headline="Tokyo stocks close higher").replace("\n\n Officials", "\n\nTOKYO, Dec. 3, 2005\n\nOfficials"), RECEIVED)
    assert (record.city, record.country, record.date) == ("Tokyo", "Japan", "2005-12-03")
    assert record.body[0].startswith("Officials met")


# 2. Several places: the first is the briefing's, the others are kept.
def test_several_places_in_a_dateline():
    record = extract(story("SEATTLE/WASHINGTON (Reuters) -"), RECEIVED)
    assert (record.city, record.source) == ("Seattle", "Reuters")
    assert record.other_places == ["Washington, District of Columbia, United States"]
    record = extract(story("GAZA/RAMALLAH, Nov. 11 (Xinhua) --"), RECEIVED)
    assert record.city == "Gaza" and record.date == "2025-11-11"
    assert record.other_places and record.other_places[0].startswith("Ramallah")


# 3. The underscore dash of older ASCII wires.
@pytest.mark.parametrize("opening, location", [
    ("MIAMI _", "Miami, Florida, United States"),
    ("NEWARK, N.J. _", "Newark, New Jersey, United States"),
])
def test_teletype_underscore_dashes(opening, location):
    record = extract(story(opening), RECEIVED)
    assert record.location == location
    assert record.body[0].startswith("Officials met")


# 4. The agency before the place, or with no place: the source is found, no place is invented.
def test_agency_first():
    record = extract(story("(ANSA) - ROME, JUL 11 -"), RECEIVED)
    assert (record.city, record.source, record.date) == ("Rome", "ANSA", "2025-07-11")
    for opening, agency in (("(Reuters) -", "Reuters"), ("(Bloomberg) --", "Bloomberg")):
        record = extract(story(opening), RECEIVED)
        assert (record.source, record.city, record.location) == (agency, None, None)
        assert record.body[0].startswith("Officials met")


# 5. Slips of punctuation and case that desks make.
@pytest.mark.parametrize("opening, city, country, source", [
    ("SEOUL. April 11, 1997 (AFP)", "Seoul", "South Korea", "AFP"),
    ("omaha, april 7 -", "Omaha", "United States", None),
    ("GRONINGEN, the Netherlands, March 31 -", "Groningen", "Netherlands", None),
    ("HARBIN, Nov. 22, 2005, (xinhua)", "Harbin", "China", "Xinhua"),
    ("BEIJING, Nov. 26, 2005 (Xinhau)", "Beijing", "China", "Xinhua"),
    ("BEIJING, Nov. 26, 2005 (Xinhu)", "Beijing", "China", "Xinhua"),
])
def test_slips(opening, city, country, source):
    record = extract(story(opening), RECEIVED)
    assert (record.city, record.country, record.source) == (city, country, source)


# 6. A place the gazetteer does not know, in a certain dateline: as printed, and flagged.
def test_unknown_place_in_a_certain_dateline():
    record = extract(story("LAKE LOUISE, Canada, Dec 2 -"), RECEIVED)
    assert (record.city, record.country, record.date) == ("Lake Louise", "Canada", "2025-12-02")
    assert any("not in the gazetteer" in w for w in record.warnings)


# 7. A stamp line gives a year-less dateline its year.
@pytest.mark.parametrize("stamp", ["Published: 21 January 2023, 14:05", "Jan. 21, 2023", "2023-01-21 16:20", "21.01.2023"])
def test_stamp_line_at_the_end_dates_a_year_less_dateline(stamp):
    record = extract(story("MOSCOW, January 21. /TASS/.", stamp), RECEIVED)
    assert record.date.startswith("2023-01-21") and record.date_source == "dateline"
    assert stamp not in " ".join(record.body)


def test_stamp_line_at_the_start_dates_a_year_less_dateline():
    text = "Chip exports rise\n\n2022/11/01 09:15 KST\n\nSEOUL, Nov. 1 (Yonhap) -- Exports rose."
    assert extract(text, RECEIVED).date == "2022-11-01T09:15+09:00"


# 8. A weekday names the event's day: it never sets a date on its own.
def test_a_weekday_in_the_lede_never_sets_the_date():
    record = extract("Museum reopens\n\nThe museum reopened on Tuesday after repairs, officials said.", RECEIVED)
    assert record.date_source == "received" and record.date.startswith("2026-03-10")
    assert any("no date in the text" in w for w in record.warnings)


def test_a_dated_dateline_beats_a_weekday():
    record = extract(story("PARIS, Oct. 26 (AFP) -", "It happened on Friday."), RECEIVED)
    assert record.date == "2025-10-26"


def test_a_weekday_dateline_is_the_filing_day_near_the_reference():
    record = extract(story("MOSCOW, Monday (Reuters) -"), RECEIVED)   # received on a Tuesday
    assert (record.city, record.date, record.date_source) == ("Moscow", "2026-03-09", "dateline")
    record = extract(story("MOSCOW, Friday (Reuters) -"), RECEIVED)   # four days away: not trusted
    assert record.date_source == "received"
    assert any("weekday" in w for w in record.warnings)


# 9. English names on an English site; renamed cities under today's name.
@pytest.mark.parametrize("printed, location", [
    ("COLOGNE, Germany", "Cologne, Germany"), ("COLOGNE", "Cologne, Germany"), ("MUNICH", "Munich, Germany"),
    ("NEW YORK", "New York, United States"), ("KIEV", "Kyiv, Ukraine"), ("BOMBAY", "Mumbai, India"),
    ("MADRAS", "Chennai, India"), ("MECCA, Saudi Arabia", "Mecca, Saudi Arabia"), ("FRANKFURT", "Frankfurt, Germany"),
    ("NEW DELHI", "New Delhi, India"),
])
def test_english_names(printed, location):
    assert extract(story(f"{printed}, March 9 (Reuters) -"), RECEIVED).location == location


# Never a place where the copy has none.
@pytest.mark.parametrize("opening", [
    "WARNING -- The ministry said",
    "IMPORTANT _ read this",
    "The minister (R) - said",
    "Sales rose 5 percent - the company said",
    "Hong Kong shares",
    "Stocks fell sharply, Monday - traders said",        # a weekday does not make a place of a clause
    "The storm, Friday - the worst in years",
    "U.S. - China trade talks resumed",                  # initials, and organisations that share a town's name
    "EU - China summit",
    "NATO - allies met",
    "(LEAD) - officials said",                           # a desk mark is not an agency
])
def test_no_place_is_invented(opening):
    record = extract(f"Markets\n\n{opening} on Monday.", RECEIVED)
    assert record.city is None and record.dateline is None


def test_a_desk_mark_before_the_dateline_is_not_the_agency():
    record = extract(story("(URGENT) - SEOUL, Nov. 1 (Yonhap) --"), RECEIVED)
    assert (record.city, record.source) == ("Seoul", "Yonhap")
    assert record.body[0].startswith("Officials met")


def test_a_date_line_with_its_weekday_is_a_stamp_not_a_place():
    record = extract("Museum reopens\n\nMonday, March 4, 2024\n\nThe museum reopened after repairs.", RECEIVED)
    assert (record.city, record.date, record.date_source) == (None, "2024-03-04", "stamp")


def test_teletype_noise_before_the_dateline():
    record = extract(story("****SANTO DOMINGO, Feb 3 (AP) -"), RECEIVED)
    assert (record.city, record.dateline) == ("Santo Domingo", "SANTO DOMINGO, Feb 3 (AP)")
    assert record.body[0].startswith("Officials met")


def test_parse_keeps_the_printed_dateline():
    dateline, rest = parse_dateline("(ANSA) - ROME, JUL 11 - Italy said")
    assert (dateline.printed, rest) == ("(ANSA) - ROME, JUL 11", "Italy said")
    assert date(2025, dateline.month, dateline.day) == date(2025, 7, 11)
