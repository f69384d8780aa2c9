"""From a dateline's places (or a caption's "in City, Country") to city, region and country."""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import gazetteer as gz
from . import locales


@dataclass(frozen=True)
class Place:
    city: str | None
    region: str | None
    country: str | None
    known: bool = True   # the gazetteer knows the city (else it stands as printed)

    @property
    def location(self) -> str | None:
        parts: list[str] = []
        for part in (self.city, self.region, self.country):
            if part and part not in parts:
                parts.append(part)
        return ", ".join(parts) or None


def display_case(printed: str) -> str:
    """"NEW YORK" -> "New York", "ST. LOUIS" -> "St. Louis", "omaha" -> "Omaha"; mixed case stays as printed."""
    if printed != printed.upper() and printed != printed.lower():
        return printed
    text = printed.title()
    return re.sub(r"(?<=\w)['’]S\b", lambda m: m.group().lower(), text)


def resolve(places: tuple[str, ...], lang: str = "en") -> Place:
    """Resolve a dateline's place parts: ("AUSTIN", "Texas"), ("PARIS",), ("CALGARY", "Alberta").
    Copy in another language (`lang`, see locales.LANGUAGES) names its places in that language."""
    if lang in locales.LANGUAGES and (english := _in_english(places, lang)):
        return resolve(english)
    printed_city = places[0]
    qualifiers = tuple(re.sub(r"^the\s+", "", q) for q in places[1:])   # "the Netherlands"
    country = region = state = None
    for q in reversed(qualifiers):
        if (code := gz.us_state_code(q)) and (country in (None, "US")):
            country, state, region = "US", code, gz.us_states()[code]
        elif code := gz.country_code(q):
            country = country or code
        elif sub := gz.subdivision(q, country):
            country, region = sub[0], sub[1]
        else:
            region = region or display_case(q)  # stated in the text, even if no table knows it
    key = gz.fold(printed_city)
    if not qualifiers:
        if key in gz.AP_US_STANDALONE:
            country, state = "US", gz.AP_US_STANDALONE[key]
        elif key in gz.AP_WORLD_STANDALONE:
            country = gz.AP_WORLD_STANDALONE[key]
    city = gz.find_city(printed_city, country, state)
    if city is None and country and not qualifiers:
        city = gz.find_city(printed_city, country)
    if city is None and not country:
        # A city alone that is also a country's name ("SINGAPORE", "KUWAIT"): the country.
        country = gz.country_code(printed_city)
        city = gz.find_city(printed_city, country) if country else None
    if city:
        country = country or city.country_code
        if country == "US" and not region and city.admin1 in gz.us_states():
            region = gz.us_states()[city.admin1]
    name = city.name if city else display_case(printed_city)
    known = city is not None or (not qualifiers and country is not None)   # "SINGAPORE", "KUWAIT"
    return Place(name, region, gz.countries().get(country) if country else None, known)


# Brazilian copy qualifies a city by its state's code: "Brasília (DF)", "Santos (SP)".
_BRAZIL_STATE = re.compile(r"[A-Z]{2}")


def _in_english(places: tuple[str, ...], lang: str) -> tuple[str, ...] | None:
    """("BEYROUTH",) -> ("Beirut", "Lebanon"), ("Miami", "EE.UU.") -> ("Miami", "United States"):
    the English names the English rules then resolve. None when the city is not known by that name."""
    qualifiers: list[str] = []
    country = None
    for q in places[1:]:
        if lang == "pt" and _BRAZIL_STATE.fullmatch(q) and (state := gz.subdivision_by_code("BR", q)):
            country = "BR"
            qualifiers.append(state)
        elif code := locales.country_code(q, lang) or gz.country_code(q):
            country = country or code
        else:
            qualifiers.append(q)
    city = gz.find_city_by_any_name(places[0], country)
    if qualifiers and (named := gz.find_city_by_any_name(f"{places[0]} ({qualifiers[0]})", country)):
        city, qualifiers = named, qualifiers[1:]   # "Halle (Saale)" is the city's name
    if city is None and (english := locales.exemplar_city(places[0], lang)):
        city = gz.find_city_by_any_name(english, country)
    if city is None:
        return None
    # the country always goes with it: the English rules must not take another city of that name
    country_name = gz.countries().get(city.country_code)
    return (city.name, *qualifiers, *([country_name] if country_name else []))


# "… in Beijing, China, November 29, 2022." / "… in Austin, Texas, Tuesday" / "in Suihua, Heilongjiang Province,"
_CAPTION_PLACE = re.compile(
    r"\b(?:in|at|from)\s+(?P<city>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}),\s+"
    r"(?:(?:north|south|east|west|central|northeast|northwest|southeast|southwest)(?:ern)?\s+)?"
    r"(?P<qual>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|and)){0,4})(?=[,.;]|\s+on\b|\s+\(|$)"
)


def from_caption(caption: str) -> Place | None:
    """The place a caption states as "in City, Region-or-Country"; None unless the second part
    is a country, a US state or a known region (never a guess from a city alone)."""
    for m in _CAPTION_PLACE.finditer(caption):
        city, qual = m.group("city"), m.group("qual")
        qual = re.sub(r"^(?P<c>.+?)['’]s\s+", "", qual)  # "China's Gansu Province" -> "Gansu Province"
        if gz.country_code(qual) or gz.us_state_code(qual) or gz.subdivision(qual):
            return resolve((city, qual))
    return None
