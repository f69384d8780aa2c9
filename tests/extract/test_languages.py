"""Wire copy in French, Spanish, German, Portuguese, Italian, Russian, Arabic and Chinese: place,
date and language of each agency's forms (tests/language_cases.py), credits, agencies, and
English copy left as it was. benchmarks/languages.py prints the per-language table."""

import pytest

from conftest import ROOT
from language_cases import AGENCIES, CASES, CREDITS, RECEIVED
from wirebrief.extract import extract
from wirebrief.extract.language import detect


@pytest.mark.parametrize("lang, text, city, country, day", CASES,
                         ids=[f"{c[0]}-{c[2]}-{i}" for i, c in enumerate(CASES)])
def test_place_date_and_language(lang, text, city, country, day):
    record = extract(text, RECEIVED)
    assert (record.city, record.country, record.date[:10], record.lang) == (city, country, day, lang)


def test_at_least_ten_cases_per_language():
    counts = {lang: sum(1 for c in CASES if c[0] == lang) for lang in {c[0] for c in CASES}}
    assert set(counts) == {"fr", "es", "de", "pt", "it", "ru", "ar", "zh"}
    assert min(counts.values()) >= 10


@pytest.mark.parametrize("marker, credit", CREDITS.items())
def test_credits(marker, credit):
    record = extract(next(c[1] for c in CASES if marker in c[1]), RECEIVED)
    assert record.photo_credit == credit
    assert record.photo_caption and not record.photo_caption.endswith(credit)


@pytest.mark.parametrize("marker, agency", AGENCIES.items())
def test_agencies(marker, agency):
    assert extract(next(c[1] for c in CASES if marker in c[1]), RECEIVED).source == agency


def test_bylines_of_tass_xinhua_and_agencia_brasil():
    def byline(marker):
        return extract(next(c[1] for c in CASES if marker in c[1]), RECEIVED).byline
    assert byline("ВАШИНГТОН") == "Иван Лебедев"
    assert byline("新华社北京") == "张三"
    assert byline("Agência Brasil - Brasília") == "Pedro Peduzzi"


def test_the_dateline_is_taken_off_the_body():
    record = extract(next(c[1] for c in CASES if "新华社北京" in c[1]), RECEIVED)
    assert record.body[0].startswith("国家主席29日")
    record = extract(next(c[1] for c in CASES if "МОСКВА" in c[1]), RECEIVED)
    assert record.body[0].startswith("Президент России")
    record = extract(next(c[1] for c in CASES if "(ANSA) - ROMA" in c[1]), RECEIVED)
    assert record.body[0].startswith("Il Consiglio")


@pytest.mark.parametrize("text", [
    "Officials met on Tuesday to discuss the budget, a spokesman said.",
    "BAHIA COCOA REVIEW\n\nSALVADOR, Feb 26 - Showers continued throughout the week in the Bahia cocoa zone.",
    "ALATENN RESOURCES INC 4TH QTR NET\n\nFLORENCE, Ala., Feb 26 - Shr 75 cts vs 52 cts Net 1,699,124 vs 1,177,786 Revs 45.6 mln",
    "12,345 67.8",
])
def test_english_and_tables_are_english(text):
    assert detect(text) == "en"


def test_an_english_dateline_in_english_copy_is_read_as_before():
    record = extract("Talks resume\n\nPARIS, March 3 (AFP) - Talks resumed on Tuesday, officials said.", RECEIVED)
    assert (record.city, record.country, record.date, record.lang) == ("Paris", "France", "2026-03-03", "en")


@pytest.mark.parametrize("opening, location, also", [
    ("Frankfurt/Main (dpa) -", "Frankfurt, Germany", []),                    # a river, not a second place
    ("Halle (Saale) (dpa) -", "Halle (Saale), Germany", []),          # GeoNames names it so
    ("Berlin/Washington (dpa) -", "Berlin, Germany", ["Washington, District of Columbia, United States"]),
])
def test_dpa_places_with_a_slash_or_brackets(opening, location, also):
    record = extract(f"Neuer Haushalt\n\n{opening} Die Stadt hat am Donnerstag einen neuen Haushalt beschlossen, "
                     "wie ein Sprecher mitteilte.", RECEIVED)
    assert (record.lang, record.location, record.other_places, record.source) == ("de", location, also, "dpa")


@pytest.mark.parametrize("opening, location, day", [
    ("PEKIN, 3 mars (AFP) - Les ministres se sont réunis mardi dans la capitale chinoise.", "Beijing, China", "2026-03-03"),
    ("GENEVE, 3 mars 2026 (AFP) - Les négociations ont repris mardi au siège des Nations unies.",
     "Geneva, Switzerland", "2026-03-03"),
    ("Madrid, 3 de diciembre de 2025 (EFE).- El Gobierno aprobó este miércoles los presupuestos del Estado.",
     "Madrid, Spain", "2025-12-03"),
    ("(ANSA) - ROMA, 11 luglio - Il Consiglio dei ministri ha approvato oggi il decreto sulle bollette.",
     "Rome, Italy", "2025-07-11"),
    ("МОСКВА, 21 января /ТАСС/. Президент России провел совещание с членами правительства.",
     "Moscow, Russia", "2026-01-21"),
])
def test_slips_desks_make(opening, location, day):
    record = extract(f"Nouvelles\n\n{opening}", RECEIVED)
    assert (record.location, record.date) == (location, day)


@pytest.mark.parametrize("name, lang, location, source", [
    ("afp-fr-beyrouth-bombardements.txt", "fr", "Beirut, Lebanon", "AFP"),
    ("efe-es-madrid-presupuestos.txt", "es", "Madrid, Spain", "EFE"),
    ("tass-ru-moskva-metro.txt", "ru", "Moscow, Russia", "TASS"),
    ("afp-ar-beyrouth.txt", "ar", "Beirut, Lebanon", "AFP"),
    ("xinhua-zh-harbin-ice.txt", "zh", "Harbin, China", "Xinhua"),
    ("ansa-it-roma-bollette.txt", "it", "Rome, Italy", "ANSA"),
])
def test_the_language_samples_of_the_site(name, lang, location, source):
    record = extract((ROOT / "seeds" / name).read_text(encoding="utf-8"), RECEIVED)
    assert (record.lang, record.location, record.source) == (lang, location, source)
    assert record.date_source in ("dateline", "stamp")   # AFP Arabic dates its copy by a stamp line
