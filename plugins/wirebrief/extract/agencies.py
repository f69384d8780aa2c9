"""News agencies: the small table that names them.

Each entry maps the spellings seen in datelines, credits and trailers to the
name the site shows. Matching is case-sensitive on purpose: "AP" is an agency,
"ap" is not.
"""

import re

# canonical name -> spellings (the canonical name itself always matches)
AGENCIES: dict[str, tuple[str, ...]] = {
    "Xinhua": ("Xinhua", "XINHUA", "Xinhua News Agency", "新华社"),
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "Reuters": ("Reuters", "REUTERS", "Reuter", "رويترز"),
    "AFP": ("AFP", "Agence France-Presse", "أ ف ب", "ا ف ب", "أ.ف.ب"),   # AFP's Arabic service
    "TASS": ("TASS", "Tass", "ITAR-TASS", "ТАСС"),
    "Yonhap": ("Yonhap", "YONHAP"),
    "Kyodo": ("Kyodo", "KYODO", "Kyodo News"),
    "PTI": ("PTI", "Press Trust of India"),
    "dpa": ("dpa", "DPA", "Deutsche Presse-Agentur"),
    "ANSA": ("ANSA",),
    "EFE": ("EFE", "Efe", "EPA-EFE"),
    "UPI": ("UPI", "United Press International"),
    "Bloomberg": ("Bloomberg",),
    "Anadolu": ("Anadolu", "AA", "Anadolu Agency"),
    "EPA": ("EPA",),
    "IANS": ("IANS",),
    "ANI": ("ANI",),
    "Bernama": ("Bernama", "BERNAMA"),
    "Antara": ("Antara", "ANTARA"),
    "Jiji": ("Jiji", "Jiji Press"),
    "Interfax": ("Interfax", "Интерфакс"),
    "RIA Novosti": ("RIA Novosti", "RIA", "РИА Новости"),
    "Ukrinform": ("Ukrinform",),
    "PAP": ("PAP",),
    "CTK": ("CTK",),
    "APA": ("APA",),
    "Belga": ("Belga",),
    "ANP": ("ANP",),
    "Lusa": ("Lusa",),
    "Agência Brasil": ("Agência Brasil",),
    "China News Service": ("中新社",),
    "CNA": ("CNA",),
    "VNA": ("VNA",),
    "PNA": ("PNA",),
    "KUNA": ("KUNA",),
    "WAM": ("WAM",),
    "SPA": ("SPA",),
    "IRNA": ("IRNA",),
    "MENA": ("MENA",),
    "Prensa Latina": ("Prensa Latina", "PL"),
    "AAP": ("AAP",),
    "Europa Press": ("Europa Press",),
    "Getty Images": ("Getty Images",),
    "China Daily": ("China Daily", "chinadaily.com.cn"),
    "People's Daily": ("People's Daily",),
}

_BY_SPELLING = {s: name for name, spellings in AGENCIES.items() for s in (name, *spellings)}

# Longest first so that "Xinhua News Agency" wins over "Xinhua".
SPELLINGS = sorted(_BY_SPELLING, key=len, reverse=True)
AGENCY_RE = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, SPELLINGS)) + r")(?![\w-])")


def agency_name(spelling: str) -> str | None:
    """The canonical agency for a spelling as printed, or None."""
    return _BY_SPELLING.get(spelling.strip())


_FOLDED = {s.casefold(): name for s, name in _BY_SPELLING.items() if len(s) >= 4}


def _one_slip(a: str, b: str) -> bool:
    """Whether a and b differ by one letter left out, added, changed or two swapped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1:] == short for i in range(len(long)))


def dateline_agency(printed: str) -> str | None:
    """The agency a dateline's brackets name, forgiving what wire desks mistype there: case
    ("(xinhua)") and one slip in a name of six letters or more ("(Xinhau)", "(Xinhu)")."""
    printed = printed.strip()
    if name := _BY_SPELLING.get(printed) or _FOLDED.get(printed.casefold()):
        return name
    folded = printed.casefold()
    if len(folded) >= 5:
        for spelling, name in _FOLDED.items():
            if len(spelling) >= 6 and _one_slip(folded, spelling):
                return name
    return None


def agency_in(text: str) -> str | None:
    """The first agency named anywhere in a short text such as a credit."""
    m = AGENCY_RE.search(text)
    return _BY_SPELLING[m.group()] if m else None


# Trailers that name their desk: "Enditem" closes Xinhua copy, "(END)" Yonhap's, "==Kyodo" Kyodo's.
_TRAILER_AGENCY = [
    (re.compile(r"^Enditem$"), "Xinhua"),
    (re.compile(r"^\(?END\)?$"), "Yonhap"),
    (re.compile(r"^={1,2}\s*Kyodo$"), "Kyodo"),
    (re.compile(r"^(?:Reuter|REUTER)$|Reporting by .*Editing by"), "Reuters"),
    (re.compile(r"^(PTI|IANS|ANI)\b"), None),  # the agency is the first word
]


def agency_of_trailer(trailer: str) -> str | None:
    for pattern, name in _TRAILER_AGENCY:
        m = pattern.search(trailer.strip())
        if m:
            return name or agency_name(m.group(1))
    return None
