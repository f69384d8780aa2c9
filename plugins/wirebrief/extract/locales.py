"""Wire copy in other languages: month, weekday, country and city names from CLDR (through Babel),
and the dates and stamps agencies print in French, Spanish, German, Portuguese, Italian, Russian,
Arabic and Chinese.

    20 mars 2017   1er mars   3 dic   11 LUG   3. Dezember 2025   03 dez 2025   21 января.
    20 آذار/مارس 2017   ١ آذار/مارس ٢٠٢٦   11月29日   2025年11月29日   03.12.2025   05/03/2026

English copy never comes here: these tables are read only for a briefing whose language is one
of LANGUAGES, so the English rules and figures stay as they are.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from datetime import date, time

from .dates import When, _safe_date
from .gazetteer import fold
from .regextrie import trie

LANGUAGES = frozenset({"fr", "es", "de", "pt", "it", "ru", "ar", "zh"})

# CLDR locales whose month names a language's agencies print: Arabic copy names a month by its
# Levantine name, its Egyptian (Gregorian) name, or both ("آذار/مارس"), and the Maghreb's own names.
_CLDR_LOCALES = {"ar": ("ar", "ar_SY", "ar_MA", "ar_DZ"), "pt": ("pt", "pt_PT")}


def _locales(lang: str) -> tuple[str, ...]:
    return _CLDR_LOCALES.get(lang, (lang,))


def _plain(text: str) -> str:
    """Text without accents or case, for matching names: "Décembre" -> "decembre", "آذار" -> "اذار"
    (Arabic copy writes a hamza or a madda, or leaves it out)."""
    if text.isascii():
        return text.lower()
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).casefold()


def _key(word: str) -> str:
    return _plain(word).strip().rstrip(".")


@functools.cache
def months(lang: str) -> dict[str, int]:
    """Month name, plain -> month number: wide and abbreviated, in running text and on their own
    (Russian "января" and "январь"), and each unambiguous prefix of three letters or more of a wide
    name ("sep" for "septiembre", "dez" for "dezembro", as agencies abbreviate)."""
    from babel.dates import get_month_names

    found: dict[str, int] = {}
    prefixes: dict[str, set[int]] = {}
    for locale in _locales(lang):
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=locale).items():
                    found[_key(name)] = number
                    for n in range(3, len(_key(name)) if width == "wide" else 0):
                        prefixes.setdefault(_key(name)[:n], set()).add(number)
    for prefix, numbers in prefixes.items():
        if len(numbers) == 1:
            found.setdefault(prefix, numbers.pop())
    return found


@functools.cache
def weekdays(lang: str) -> frozenset[str]:
    """Weekday names, plain, wide and abbreviated ("mittwoch", "lundi", "الاربعاء")."""
    from babel.dates import get_day_names

    return frozenset(_key(name) for locale in _locales(lang) for width in ("wide", "abbreviated")
                     for context in ("format", "stand-alone")
                     for name in get_day_names(width, context, locale=locale).values())


_YEAR = r"(?P<y>\d{4})"   # any script's digits: "٢٠٢٦"


@functools.cache
def _date_pattern(lang: str) -> re.Pattern:
    """One language's day-and-month dates, on plain text: "20 mars 2017", "1er mars", "3. dezember",
    "3 de diciembre de 2025", "21 января 2025 года", "20 اذار/مارس 2017"; Chinese "2025年11月29日"."""
    month = trie(sorted(months(lang)), "")
    if lang == "zh":
        return re.compile(rf"(?:{_YEAR}\s*年\s*)?(?<!\d)(?P<m>{month})\s*(?P<d>\d{{1,2}})\s*日")
    # "آذار/مارس": a month named twice
    return re.compile(
        rf"(?<!\w)(?P<d>\d{{1,2}})(?:er|º|\.)?\s*(?:de\s+)?(?P<m>{month}(?:\s*/\s*{month})?)(?!\w)\.?"
        rf"(?:,?\s+(?:de\s+)?{_YEAR}(?:\s*(?:г\.?|года))?)?(?!\w)")


# 03.12.2025, 05/03/2026: day first, as every one of these languages prints it
_NUMERIC = re.compile(r"(?<![\d.:/])(?P<d>\d{1,2})[./](?P<n>\d{1,2})[./](?P<y>\d{4})(?![\d.:/]?\d)")
_TIME = re.compile(r"(?<![\d:])(?P<h>[01]?\d|2[0-3])[:h.](?P<mi>[0-5]\d)(?::[0-5]\d)?(?!\d)")


def _year(printed: str | None) -> int | None:
    year = int(printed) if printed else None
    return year if year is None or 1900 <= year < 2100 else 0


def _month(printed: str, lang: str) -> int | None:
    table = months(lang)
    found = {table.get(_key(half)) for half in printed.split("/")} - {None}
    return found.pop() if len(found) == 1 else None


def _dates(plain: str, lang: str):
    """(match, month, day, year or None) for each date a plain text prints, in order."""
    for m in _date_pattern(lang).finditer(plain):
        month, year = _month(m.group("m"), lang), _year(m.group("y"))
        if month and year != 0 and _safe_date(year or 2000, month, int(m.group("d"))):
            yield m, month, int(m.group("d")), year
    for m in _NUMERIC.finditer(plain):
        if (year := _year(m.group("y"))) and (found := _safe_date(year, int(m.group("n")), int(m.group("d")))):
            yield m, found.month, found.day, found.year


def month_day(text: str, lang: str) -> tuple[int, int, int | None] | None:
    """A dateline's date part, whole ("20 mars 2017", "11 LUG", "21 января."), as (month, day, year)."""
    plain = _plain(text).strip().rstrip(".").strip()
    m = _date_pattern(lang).fullmatch(plain)
    if not m or not (month := _month(m.group("m"), lang)) or (year := _year(m.group("y"))) == 0:
        return None
    day = int(m.group("d"))
    return (month, day, year) if _safe_date(year or 2000, month, day) else None


def find_dates(text: str, lang: str) -> list[date]:
    """Every full date with a year that a text prints."""
    return [date(y, m, d) for _, m, d, y in _dates(_plain(text), lang) if y]


# Words a stamp line may hold beside its date and time (its label; "Uhr", "hs", "GMT").
_STAMP_WORDS = {
    "fr": "publié le mis à jour modifié mise",
    "es": "publicado actualizado el a las hs h",
    "de": "stand veröffentlicht aktualisiert am um uhr",
    "pt": "publicado atualizado em às h",
    "it": "pubblicato aggiornato il alle ore",
    "ru": "опубликовано обновлено в",
    "ar": "نشر في تحديث آخر بتوقيت",
    "zh": "发布时间 更新时间 来源 时间",
}
STAMP_MAX_CHARS = 100


def parse_stamp(text: str, lang: str) -> When | None:
    """A stamp paragraph in that language ("Mittwoch, 3. Dezember 2025", "03.12.2025, 14:05 Uhr",
    "الأربعاء 3 كانون الأول/ديسمبر 2025"); None when the paragraph says anything else."""
    if len(text) > STAMP_MAX_CHARS:
        return None
    plain = _plain(text.strip())
    found = next((d for d in _dates(plain, lang) if d[3]), None)
    if not found:
        return None
    m, month, day, year = found
    rest = plain[: m.start()] + " " + plain[m.end():]
    clock = _TIME.search(rest)
    if clock:
        rest = rest[: clock.start()] + " " + rest[clock.end():]
    allowed = weekdays(lang) | {_key(w) for w in _STAMP_WORDS[lang].split()} | {"gmt", "utc"}
    if any(word not in allowed for word in re.findall(r"[^\W\d_]+", rest)):
        return None
    return When(date(year, month, day), time(int(clock.group("h")), int(clock.group("mi"))) if clock else None)


# Country abbreviations agencies print that CLDR does not list.
COUNTRY_ABBREVIATIONS = {"EE.UU.": "US", "EEUU": "US", "EUA": "US", "USA": "US", "RDC": "CD", "RU": "GB"}


@functools.cache
def _territories(lang: str) -> dict[str, str]:
    from babel import Locale

    return {fold(name): code for locale in _locales(lang)
            for code, name in Locale.parse(locale).territories.items() if len(code) == 2 and code.isalpha()}


def country_code(name: str, lang: str) -> str | None:
    """A country as the copy's language names it ("Somalie", "EE.UU.", "Cabo Verde") -> ISO code."""
    return COUNTRY_ABBREVIATIONS.get(name.strip()) or _territories(lang).get(fold(name))


@functools.cache
def _exemplar_cities(lang: str) -> dict[str, str]:
    """CLDR's names of the cities that give time zones their names, in that language -> in English
    ("纽约" -> "New York"): big cities GeoNames lists no name for in some scripts."""
    from babel import Locale

    english = Locale("en").time_zones
    cities: dict[str, str] = {}
    for locale in _locales(lang):
        for zone, names in Locale.parse(locale).time_zones.items():
            if "city" in names:
                cities[fold(names["city"])] = english.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " ")
    return cities


def exemplar_city(name: str, lang: str) -> str | None:
    return _exemplar_cities(lang).get(fold(name))
