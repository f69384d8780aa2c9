import pytest

from wirebrief.extract.countries import find_countries
from wirebrief.extract.people import Person, find_people


def test_people_with_roles():
    texts = [
        "Chinese Premier Li Keqiang (L) meets with Kazakh Prime Minister Alikhan Smailov via video link in Beijing.",
        "For his part, Smailov said Kazakhstan attaches great importance, and Li added more.",
    ]
    assert find_people(texts) == [Person("Li Keqiang", "Premier"), Person("Alikhan Smailov", "Prime Minister")]


@pytest.mark.parametrize("text, person", [
    ("Organizers expect more, said Wang Lifeng, deputy director of the committee.", Person("Wang Lifeng", "Deputy director")),
    ("Trade Minister Lee Chang-yang said the government would act.", Person("Lee Chang-yang", "Trade Minister")),
    ("Transport minister Helen Marsh said the deal was fair.", Person("Helen Marsh", "Transport minister")),
    ("Managing Director Vikas Kumar said trains would run closer.", Person("Vikas Kumar", "Managing Director")),
    ("Maria Lopez, a spokeswoman for the ministry, declined to comment.", Person("Maria Lopez", "Spokeswoman")),
    ("Kim Jong Un said the test was a success.", Person("Kim Jong Un", None)),
])
def test_people_forms(text, person):
    assert find_people([text]) == [person]


@pytest.mark.parametrize("text", [
    "The Japan Meteorological Agency said the bloom came early.",
    "South Korea said exports fell.",
    "The Prime Minister said nothing.",
    "New York said on Monday it would act.",
    "The European Union said it would respond.",
    "Moscow opened a new section of its Big Circle metro line.",
])
def test_titles_places_and_organisations_are_not_people(text):
    assert find_people([text]) == []


def test_journalists_are_not_people_in_the_story():
    assert find_people(["Zhang Wei said the drones were fast."], excluded={"Zhang Wei"}) == []


def test_countries_by_name_and_adjective():
    text = "Chinese Premier Li Keqiang met the Kazakh prime minister; China-Kazakhstan ties, the U.S. and the UK."
    assert find_countries(text) == ["China", "Kazakhstan", "United States", "United Kingdom"]


def test_ambiguous_country_names_need_context():
    assert find_countries("Jordan Peterson and Chad Smith spoke at Georgia Tech.") == []
    assert find_countries("Refugees crossed into Jordan on Monday.") == ["Jordan"]
    assert find_countries("the USB port and us") == []
