from datetime import date, time

import pytest

from wirebrief.extract.dates import When, find_dates, month_day, nearest_weekday, parse_stamp, resolve_year, weekday


@pytest.mark.parametrize("text, expected", [
    ("Nov. 29", (11, 29, None)), ("January 21.", (1, 21, None)), ("2 March", (3, 2, None)),
    ("Sept. 3", (9, 3, None)), ("Feb 26, 1987", (2, 26, 1987)), ("FEb 26", (2, 26, None)),
    ("Feb 30", None), ("Paris", None), ("may", None), ("Nov", None),
])
def test_dateline_dates(text, expected):
    assert month_day(text) == expected


def test_year_resolves_to_most_recent_on_or_before_reference():
    assert resolve_year(11, 29, date(2022, 12, 1)) == date(2022, 11, 29)
    assert resolve_year(11, 29, date(2022, 11, 28)) == date(2021, 11, 29)
    assert resolve_year(12, 31, date(2023, 1, 2)) == date(2022, 12, 31)
    assert resolve_year(2, 29, date(2023, 3, 1)) == date(2020, 2, 29)


def test_full_dates_in_captions_and_stamps():
    assert find_dates("in Beijing, China, November 29, 2022. (Photo: Xinhua)") == [date(2022, 11, 29)]
    assert find_dates("Tuesday, May 16, 2023.") == [date(2023, 5, 16)]
    assert find_dates("Photo taken on Nov. 28, 2022 shows") == [date(2022, 11, 28)]
    assert find_dates("29 November 2022 and 2023-04-12 and 03.04.2023") == [
        date(2022, 11, 29), date(2023, 4, 12), date(2023, 4, 3)]
    # "may" and "Nov. 29" without a year are not full dates
    assert find_dates("Officials may meet on Nov. 29 in May") == []


@pytest.mark.parametrize("text, expected", [
    ("Updated: 2023-04-12 09:12", When(date(2023, 4, 12), time(9, 12))),
    ("2022/11/01 09:15 KST", When(date(2022, 11, 1), time(9, 15), "+09:00")),
    ("Published: 21 January 2023", When(date(2023, 1, 21))),
    ("03.04.2023", When(date(2023, 4, 3))),
    ("Feb 14, 2023 | 6:30 pm JST", When(date(2023, 2, 14), time(18, 30), "+09:00")),
    ("Posted: 2023-01-05 14:00 +0530", When(date(2023, 1, 5), time(14, 0), "+05:30")),
    ("The meeting was on May 2, 2023 in Rome", None),
    ("Updated daily since 2020", None),
])
def test_stamps(text, expected):
    assert parse_stamp(text) == expected


def test_when_iso():
    assert When(date(2022, 11, 1), time(9, 15), "+09:00").iso() == "2022-11-01T09:15+09:00"
    assert When(date(2022, 11, 1)).iso() == "2022-11-01"


def test_weekdays():
    assert weekday("Tuesday") == 1 and weekday("MONDAY") == 0 and weekday("Paris") is None
    # a dateline's weekday is the filing day: the reference's own day or one either side, never further
    assert nearest_weekday(1, date(2022, 11, 29)) == date(2022, 11, 29)   # a Tuesday itself
    assert nearest_weekday(0, date(2022, 11, 29)) == date(2022, 11, 28)
    assert nearest_weekday(2, date(2022, 11, 29)) == date(2022, 11, 30)
    assert nearest_weekday(4, date(2022, 11, 29)) is None
