"""Countries a text names, by name ("Kazakhstan") or by adjective ("Kazakh")."""

from __future__ import annotations

import functools
import re

from . import gazetteer as gz
from .regextrie import trie

# Adjectives and demonyms -> country code. Language data no gazetteer carries; plural forms
# ("Kazakhs") match too. Ambiguous ones ("Korean", "Congolese", "Dominican") are left out.
DEMONYMS = {
    "Afghan": "AF", "Albanian": "AL", "Algerian": "DZ", "American": "US", "Angolan": "AO",
    "Argentine": "AR", "Argentinian": "AR", "Armenian": "AM", "Australian": "AU", "Austrian": "AT",
    "Azerbaijani": "AZ", "Bahraini": "BH", "Bangladeshi": "BD", "Belarusian": "BY", "Belgian": "BE",
    "Bolivian": "BO", "Bosnian": "BA", "Brazilian": "BR", "British": "GB", "Bulgarian": "BG",
    "Burmese": "MM", "Cambodian": "KH", "Cameroonian": "CM", "Canadian": "CA", "Chadian": "TD",
    "Chilean": "CL", "Chinese": "CN", "Colombian": "CO", "Croatian": "HR", "Cuban": "CU",
    "Cypriot": "CY", "Czech": "CZ", "Danish": "DK", "Dutch": "NL", "Ecuadorian": "EC",
    "Egyptian": "EG", "Emirati": "AE", "Eritrean": "ER", "Estonian": "EE", "Ethiopian": "ET",
    "Filipino": "PH", "Finnish": "FI", "French": "FR", "Georgian": "GE", "German": "DE",
    "Ghanaian": "GH", "Greek": "GR", "Guatemalan": "GT", "Haitian": "HT", "Honduran": "HN",
    "Hungarian": "HU", "Icelandic": "IS", "Indian": "IN", "Indonesian": "ID", "Iranian": "IR",
    "Iraqi": "IQ", "Irish": "IE", "Israeli": "IL", "Italian": "IT", "Ivorian": "CI",
    "Jamaican": "JM", "Japanese": "JP", "Jordanian": "JO", "Kazakh": "KZ", "Kazakhstani": "KZ",
    "Kenyan": "KE", "Kuwaiti": "KW", "Kyrgyz": "KG", "Lao": "LA", "Laotian": "LA", "Latvian": "LV",
    "Lebanese": "LB", "Liberian": "LR", "Libyan": "LY", "Lithuanian": "LT", "Luxembourgish": "LU",
    "Malagasy": "MG", "Malawian": "MW", "Malaysian": "MY", "Malian": "ML", "Maltese": "MT",
    "Mexican": "MX", "Moldovan": "MD", "Mongolian": "MN", "Montenegrin": "ME", "Moroccan": "MA",
    "Mozambican": "MZ", "Namibian": "NA", "Nepali": "NP", "Nepalese": "NP", "New Zealand": "NZ",
    "Nicaraguan": "NI", "Nigerian": "NG", "Nigerien": "NE", "North Korean": "KP", "Norwegian": "NO",
    "Omani": "OM", "Pakistani": "PK", "Palestinian": "PS", "Panamanian": "PA", "Paraguayan": "PY",
    "Peruvian": "PE", "Philippine": "PH", "Polish": "PL", "Portuguese": "PT", "Qatari": "QA",
    "Romanian": "RO", "Russian": "RU", "Rwandan": "RW", "Saudi": "SA", "Senegalese": "SN",
    "Serbian": "RS", "Singaporean": "SG", "Slovak": "SK", "Slovenian": "SI", "Somali": "SO",
    "South African": "ZA", "South Korean": "KR", "South Sudanese": "SS", "Spanish": "ES",
    "Sri Lankan": "LK", "Sudanese": "SD", "Swedish": "SE", "Swiss": "CH", "Syrian": "SY",
    "Taiwanese": "TW", "Tajik": "TJ", "Tanzanian": "TZ", "Thai": "TH", "Tunisian": "TN",
    "Turkish": "TR", "Turkmen": "TM", "Ugandan": "UG", "Ukrainian": "UA", "Uruguayan": "UY",
    "Uzbek": "UZ", "Venezuelan": "VE", "Vietnamese": "VN", "Yemeni": "YE", "Zambian": "ZM",
    "Zimbabwean": "ZW", "Soviet": "RU", "Britons": "GB", "Kiwi": "NZ",
}

# Country names that are also first names, surnames or US states: counted only when no
# capitalised word stands right beside them ("Jordan Peterson", "Chad Smith", "Georgia Tech").
_AMBIGUOUS = {"Chad", "Jordan", "Georgia", "Turkey", "Niger", "Guinea", "Jersey", "Dominica", "Mali", "Israel"}


@functools.cache
def _matcher() -> tuple[re.Pattern, dict[str, str]]:
    names = dict(gz.country_names())
    for demonym, code in DEMONYMS.items():
        names.setdefault(demonym, code)
        names.setdefault(demonym + "s", code)
    # Two-letter "US" and "UK" are names only in capitals; the word boundary keeps "USB" out.
    # The look-behind stands after each name's first letter, so the engine skips ahead to the
    # letters that start a name instead of trying every position.
    alternation = trie([n for n in names if len(n) > 1], after_first=r"(?<![\w.].)")
    return re.compile(alternation + r"(?!\w|\.\w)"), names


def find_countries(text: str) -> list[str]:
    """Country display names a text mentions, in order of first mention."""
    pattern, names = _matcher()
    seen: dict[str, None] = {}
    for m in pattern.finditer(text):
        name = m.group()
        if name in _AMBIGUOUS:
            before = text[max(0, m.start() - 30): m.start()].split()
            after = text[m.end(): m.end() + 30].split()
            if (before and before[-1][:1].isupper() and not before[-1].endswith((".", ",")))\
                    or (after and after[0][:1].isupper()):
                continue
        seen.setdefault(gz.countries()[names[name]], None)
    return list(seen)
