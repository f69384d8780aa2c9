import pytest

from wirebrief.extract.dateline import parse_dateline


@pytest.mark.parametrize(
    "text, printed, places, month_day, agency, rest",
    [
        ("BEIJING, Nov. 29 (Xinhua) -- China said.", "BEIJING, Nov. 29 (Xinhua)", ("BEIJING",), (11, 29), "Xinhua", "China said."),
        ("AUSTIN, Texas (AP) — Texas lawmakers voted.", "AUSTIN, Texas (AP)", ("AUSTIN", "Texas"), (None, None), "AP", "Texas lawmakers voted."),
        ("LONDON, Jan 5 (Reuters) - British rail", "LONDON, Jan 5 (Reuters)", ("LONDON",), (1, 5), "Reuters", "British rail"),
        ("MOSCOW, January 21. /TASS/. Moscow opened", "MOSCOW, January 21. /TASS/.", ("MOSCOW",), (1, 21), "TASS", "Moscow opened"),
        ("New Delhi, Jan 10 (PTI) The Delhi Metro", "New Delhi, Jan 10 (PTI)", ("New Delhi",), (1, 10), "PTI", "The Delhi Metro"),
        ("Madrid, May 2 (EFE).- Olive oil prices", "Madrid, May 2 (EFE)", ("Madrid",), (5, 2), "EFE", "Olive oil prices"),
        ("TOKYO, March 22 Kyodo - Cherry blossoms", "TOKYO, March 22 Kyodo", ("TOKYO",), (3, 22), "Kyodo", "Cherry blossoms"),
        ("Berlin (dpa) - Sales of heat pumps", "Berlin (dpa)", ("Berlin",), (None, None), "dpa", "Sales of heat pumps"),
        ("Paris (AFP) - Dozens of museums", "Paris (AFP)", ("Paris",), (None, None), "AFP", "Dozens of museums"),
        ("SEOUL, Nov. 1 (Yonhap) -- South Korea's", "SEOUL, Nov. 1 (Yonhap)", ("SEOUL",), (11, 1), "Yonhap", "South Korea's"),
        ("ROME, Nov 29 (ANSA) - Italy", "ROME, Nov 29 (ANSA)", ("ROME",), (11, 29), "ANSA", "Italy"),
        ("WASHINGTON, Nov. 29 (UPI) -- The", "WASHINGTON, Nov. 29 (UPI)", ("WASHINGTON",), (11, 29), "UPI", "The"),
        # an agency not in our list is taken as printed when the place before it is dated
        ("OSLO, Nov. 27 (NTB) -- Heavy rain", "OSLO, Nov. 27 (NTB)", ("OSLO",), (11, 27), "NTB", "Heavy rain"),
        # Reuters 1987: no agency, a bare dash, day-month order, a region, teleprinter case
        ("SALVADOR, Feb 26 - Showers continued", "SALVADOR, Feb 26", ("SALVADOR",), (2, 26), None, "Showers continued"),
        ("AMSTERDAM, 2 March - Dutch", "AMSTERDAM, 2 March", ("AMSTERDAM",), (3, 2), None, "Dutch"),
        ("CALGARY, Alberta, Feb 26 - Oil", "CALGARY, Alberta, Feb 26", ("CALGARY", "Alberta"), (2, 26), None, "Oil"),
        ("NEW YORK, MArch 2 - Shares", "NEW YORK, MArch 2", ("NEW YORK",), (3, 2), None, "Shares"),
        ("MONTREAL, Feb 26- The bank", "MONTREAL, Feb 26", ("MONTREAL",), (2, 26), None, "The bank"),
        ("RICHMOND, Va. Feb 26 - The", "RICHMOND, Va. Feb 26", ("RICHMOND", "Va."), (2, 26), None, "The"),
        ("JOHANNESBURG March 13 - Gold", "JOHANNESBURG March 13", ("JOHANNESBURG",), (3, 13), None, "Gold"),
        ("WASHINGTON, March 12, Reuter - The", "WASHINGTON, March 12, Reuter", ("WASHINGTON",), (3, 12), "Reuters", "The"),
        ("STAMFORD, Conn. (AP) — A ferry", "STAMFORD, Conn. (AP)", ("STAMFORD", "Conn."), (None, None), "AP", "A ferry"),
    ],
)
def test_wire_datelines(text, printed, places, month_day, agency, rest):
    dateline, remainder = parse_dateline(text)
    assert dateline.printed == printed
    assert dateline.places == places
    assert (dateline.month, dateline.day) == month_day
    assert dateline.agency == agency
    assert remainder == rest


def test_byline_before_dateline_is_not_part_of_it():
    dateline, rest = parse_dateline("By Kim Soo-yeon SEOUL, Nov. 1 (Yonhap) -- South Korea's exports fell.")
    assert dateline.byline == "Kim Soo-yeon"
    assert dateline.places == ("SEOUL",)
    assert dateline.printed == "SEOUL, Nov. 1 (Yonhap)"
    assert rest.startswith("South Korea's")


def test_year_in_dateline():
    dateline, _ = parse_dateline("BEIJING, Nov. 29, 2022 (Xinhua) -- x")
    assert (dateline.year, dateline.month, dateline.day) == (2022, 11, 29)


@pytest.mark.parametrize(
    "text",
    [
        "Chinese Premier Li Keqiang (L) meets with Kazakh Prime Minister Alikhan Smailov via video link.",
        "China is willing to work - said the premier.",
        "Sales rose 5 percent - the company said on Monday.",
        "The company, which makes chips - and phones - said it would grow.",
        "He said (Reuters) would report it -- later.",  # "He said" is not a place
        "The ministry (MOFA) said -- on Monday.",  # an unlisted acronym needs a dated place
        "Officials in Oslo (NTB) said it would rain.",
        "",
    ],
)
def test_ordinary_sentences_are_not_datelines(text):
    assert parse_dateline(text) is None
