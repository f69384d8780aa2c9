import pytest

from wirebrief.extract.places import from_caption, resolve


@pytest.mark.parametrize("places, location", [
    (("BEIJING",), "Beijing, China"),
    (("AUSTIN", "Texas"), "Austin, Texas, United States"),
    (("PARIS",), "Paris, France"),                               # AP: Paris stands alone, in France
    (("PARIS", "Texas"), "Paris, Texas, United States"),
    (("STAMFORD", "Conn."), "Stamford, Connecticut, United States"),  # AP state abbreviation
    (("ST. LOUIS", "Mo."), "St. Louis, Missouri, United States"),
    (("WASHINGTON",), "Washington, District of Columbia, United States"),
    (("CALGARY", "Alberta"), "Calgary, Alberta, Canada"),
    (("SAN JOSE", "Costa Rica"), "San José, Costa Rica"),
    (("New Delhi",), "New Delhi, India"),
    (("PEKING",), "Beijing, China"),                             # 1987 copy: the gazetteer knows old names
    (("SINGAPORE",), "Singapore"),
    (("HONG KONG",), "Hong Kong"),
])
def test_datelines_resolve_through_the_gazetteer(places, location):
    assert resolve(places).location == location


def test_unknown_city_is_kept_as_printed_and_nothing_is_guessed():
    place = resolve(("SMALLVILLE",))
    assert (place.city, place.region, place.country) == ("Smallville", None, None)


def test_unknown_town_in_a_known_state_keeps_the_state():
    place = resolve(("TINYBURG", "Conn."))
    assert (place.city, place.region, place.country) == ("Tinyburg", "Connecticut", "United States")


@pytest.mark.parametrize("caption, location", [
    ("Li Keqiang meets Alikhan Smailov via video link in Beijing, China, November 29, 2022.", "Beijing, China"),
    ("Farmers load corn in Suihua, Heilongjiang Province, October 12, 2022.", "Suihua, Heilongjiang, China"),
    ("Visitors walk in Harbin, northeast China's Heilongjiang Province, Jan. 5, 2023.", "Harbin, Heilongjiang, China"),
    ("Lawmakers talk at the Texas Capitol in Austin, Texas, Tuesday, May 16, 2023.", "Austin, Texas, United States"),
])
def test_caption_places(caption, location):
    assert from_caption(caption).location == location


@pytest.mark.parametrize("caption", [
    "Visitors queue outside a museum in Paris on September 30, 2022.",   # a city alone: no guess
    "Workers install a heat pump at a family house in Dresden.",
    "A man walks in May, 2022.",
])
def test_captions_without_a_stated_region_or_country_give_no_place(caption):
    assert from_caption(caption) is None
