"""People a story names, with the role the text gives them.

No statistical model (nothing may be downloaded at run time): a name is two to
four capitalised words anchored by a role ("Premier Li Keqiang", "Secretary of State
George Shultz"), by speech ("Wang Lifeng said", "said Ellen Porter"), or by an
apposition ("Peter Mwangi, a …").
Countries, places, agencies and organisations are never taken for people.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import gazetteer as gz
from .agencies import agency_name
from .countries import DEMONYMS
from .dates import MONTHS, WEEKDAYS

# Titles and roles that stand before a name (a style table).
ROLES = [
    "President", "Vice President", "Vice-President", "Premier", "Vice Premier", "Prime Minister",
    "Deputy Prime Minister", "Chancellor", "King", "Queen", "Prince", "Princess", "Emperor", "Pope",
    "Minister", "Foreign Minister", "Defense Minister", "Defence Minister", "Finance Minister",
    "Trade Minister", "Economy Minister", "Economic Minister", "Agriculture Minister", "Interior Minister",
    "Health Minister", "Energy Minister", "Transport Minister", "Education Minister", "Culture Minister",
    "Justice Minister", "Labor Minister", "Labour Minister", "Industry Minister", "State Councilor",
    "Secretary", "Secretary of State", "Secretary-General", "Secretary General", "Foreign Secretary",
    "Home Secretary", "Treasury Secretary", "Defense Secretary", "Commerce Secretary",
    "Ambassador", "Envoy", "Governor", "Gov.", "Mayor", "Deputy Mayor", "Senator", "Sen.",
    "Representative", "Rep.", "Speaker", "Chairman", "Chairwoman", "Chair", "Chief Executive",
    "CEO", "Director", "Director General", "Director-General", "Managing Director", "Deputy Director",
    "Spokesman", "Spokeswoman", "Spokesperson", "General", "Gen.", "Admiral", "Colonel", "Col.",
    "Commissioner", "Judge", "Justice", "Chief Justice", "Attorney General", "Prosecutor",
    "Harbor master", "Forecaster", "Coach", "Captain", "Professor", "Prof.", "Dr.", "Mr.", "Mrs.",
    "Ms.", "Sheikh", "Crown Prince", "Archbishop", "Bishop", "Cardinal", "Chief", "Leader",
    "spokesman", "spokeswoman", "spokesperson", "director", "deputy director", "minister",
    "deputy mayor", "mayor", "harbor master", "forecaster", "runner", "coach", "economist",
    "analyst", "chairman", "president", "governor", "ambassador", "envoy",
]
_ROLE_RE = "|".join(re.escape(r) for r in sorted(ROLES, key=len, reverse=True))


def _letters(excluded: str) -> str:
    """A character class of the letters of the Basic Multilingual Plane (what `[^\\W\\d_]`
    matches there) but the `excluded` range, written as explicit ranges: the regex engine
    looks such a class up in a table, where `[^\\W\\d_a-z]` costs a Unicode category test per
    character (three times slower over a story)."""
    ranges: list[list[int]] = []
    low, high = ord(excluded[0]), ord(excluded[-1])
    for code in range(0x10000):
        ch = chr(code)
        if ch.isalnum() and not ch.isdecimal() and not low <= code <= high:
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return "[" + "".join(re.escape(chr(a)) + (f"-{re.escape(chr(b))}" if b > a else "") for a, b in ranges) + "]"


_ROLE_AFTER = re.compile(
    rf",\s+(?:the\s+|a\s+|an\s+)?(?P<role>(?:(?:deputy|vice|acting|former|chief)\s+)?(?:{_ROLE_RE}))\b"
)

# Words that end a name, or show that the "name" is an organisation or a place.
_NOT_NAME_WORDS = {
    "The", "A", "An", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "But", "And",
    "In", "On", "At", "For", "With", "From", "After", "Before", "During", "While", "As", "If", "By",
    "Ministry", "Party", "Council", "Committee", "Bank", "University", "Company", "Group", "Agency",
    "Commission", "Office", "Department", "House", "Court", "Assembly", "Congress", "Parliament",
    "Union", "Association", "Corporation", "Inc", "Ltd", "News", "Daily", "Times", "Post", "Airlines",
    "Federation", "Fund", "Organization", "Organisation", "Institute", "Forum", "Cabinet", "Government",
    "Army", "Navy", "Police", "Reserve", "Metro", "Museum", "Festival", "Capitol", "Street", "Square",
    "Station", "River", "Province", "State", "City", "County", "Region", "District", "Republic",
    "Kingdom", "Islands", "Island", "Airport", "Port", "Park", "Hall", "Center", "Centre", "Club",
    "Cup", "League", "Games", "Olympics", "Summit", "Meteorological", "Exchange", "Market", "Index",
    "Senate", "Administration", "Authority", "Board", "Bureau", "Service", "Services", "Network",
    "Big", "Circle", "Line", "North", "South", "East", "West", "Northern", "Southern", "Eastern",
    "Western", "Central", "New", "Year", "Co", "Corp", "Associates", "Systems", "Limited", "Partnership",
    "Holdings", "Industries", "International", "Partners", "Bancorp", "Deputy", "Managing", "Forecaster", "Harbor", "Gov.", "Day", "Week", "Monday", "Minister", "President", "Premier",
    *WEEKDAYS, *(m.capitalize() for m in MONTHS if len(m) > 3),
}


@dataclass(frozen=True)
class Person:
    name: str
    role: str | None = None

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name


def _plausible(name: str, excluded: set[str]) -> bool:
    return name not in excluded and _plausible_name(name)


@functools.lru_cache(maxsize=1 << 15)  # names recur across a desk's stories
def _plausible_name(name: str) -> bool:
    words = name.split()
    if any(w.rstrip(".,") in _NOT_NAME_WORDS for w in words):
        return False
    if any(w in DEMONYMS or w.rstrip("s") in DEMONYMS for w in words):
        return False
    if gz.country_code(name) or agency_name(name) or gz.find_city(name):
        return False
    return all(len(w) > 1 or w.endswith(".") for w in words)


# Names are found name-first: one scan for runs of capitalised words, then cheap look-ups
# around each run (a few dozen per story) for a role before it, speech or an apposition.

# The first word is written letter-first (its look-behind after the letter), so the regex
# engine can skip ahead to capital letters instead of trying every position.
@functools.cache  # compiled when first needed: a build that extracts nothing never pays for it
def _run_pattern() -> re.Pattern:
    # "Upper" is any letter but a-z and "lower" any letter but A-Z, so that names in scripts
    # without case, or with accents the text's encoding lost, still count.
    upper, lower = letter_classes()
    word = r"(?:[A-Z][a-z]+-[A-Z]?[a-z]+|Mc[A-Z][a-z]+|O'[A-Z][a-z]+|[A-Z][a-z]+|[A-Z]\.)"
    word = "(?-i:" + word.replace("[A-Z]", upper).replace("[a-z]", lower) + ")"
    first = rf"(?-i:{upper}(?<![\w'’.-].)(?:{lower}+-{upper}?{lower}+|(?<=M)c{upper}{lower}+|(?<=O)'{upper}{lower}+|{lower}+|\.))"
    return re.compile(rf"{first}(?:\s+(?:(?:de|da|van|von|bin|al|el|le|del|di|der)\s+)?{word}){{1,7}}(?![\w'’])")


@functools.cache
def letter_classes() -> tuple[str, str]:
    """(upper, lower): any letter but a-z, any letter but A-Z."""
    return _letters("az"), _letters("AZ")


_ROLE_SET = set(ROLES)
_ROLE_PREFIXES = ("Deputy", "Vice", "Acting", "Former", "Interim", "deputy", "vice", "acting", "former", "interim")
_SPEECH_VERB_AFTER = re.compile(r"\s+(?:said|says|told|added|noted|stressed|urged|warned|wrote|announced)\b")
_SPEECH_BEFORE_WORDS = re.compile(r"(?:\b(?:said|says|according to|told by))\s+$")
_SPEECH_BEFORE_END = re.compile(r"[,.]|\s+(?:on|in|at|of)\b")
_APPOSITION_AFTER = re.compile(r",\s+(?:the|a|an|who|deputy|chief|head)\b")
_APPOSITION_BEFORE = re.compile(r"(?:^|[.,;]\s+|\s(?:and|with|by)\s+)$")
_LONGEST_ROLE = max(len(r.split()) for r in ROLES) + 2
_ROLE_ENDS = {r.split()[-1] for r in ROLES} | {"minister", "secretary"}


def _role_of(words: list[str]) -> str | None:
    """The role these words (just before a name) end with: "Prime Minister", "Deputy mayor",
    "Transport minister"; None if they end with none."""
    if not words or words[-1] not in _ROLE_ENDS:  # every role ends with one of these words
        return None
    for n in range(min(len(words), _LONGEST_ROLE), 0, -1):
        tail = words[-n:]
        phrase = " ".join(tail)
        if phrase in _ROLE_SET:
            return phrase
        if tail[0] in _ROLE_PREFIXES and " ".join(tail[1:]) in _ROLE_SET:
            return phrase
        if len(tail) == 2 and tail[1] in ("minister", "secretary") and tail[0][:1].isupper():
            return phrase
        if len(tail) == 3 and tail[0] in _ROLE_PREFIXES and tail[2] in ("minister", "secretary") and tail[1][:1].isupper():
            return phrase
    return None


def find_people(texts: list[str], excluded: set[str] = frozenset()) -> list[Person]:
    """People named in the given texts, in order of first mention, each once, with a role where
    any mention gives one. `excluded` names journalists and photographers (bylines, credits)."""
    found: dict[str, Person] = {}
    order: list[tuple[int, int, str]] = []
    excluded = set(excluded)

    def add(i: int, pos: int, name: str, role: str | None) -> None:
        if not _plausible(name, excluded):
            return
        role = role[0].upper() + role[1:] if role else None
        if name not in found:
            order.append((i, pos, name))
            found[name] = Person(name, role)
        elif role and not found[name].role:
            found[name] = Person(name, role)

    run_pattern = _run_pattern()
    for i, text in enumerate(texts):
        for m in run_pattern.finditer(text):
            run = m.group().split()
            before = text[max(0, m.start() - 60): m.start()]
            lead = before.split()[-_LONGEST_ROLE:] if before[-1:].isspace() else []
            # a role just before or inside the run ("Secretary of State George Shultz",
            # "Chinese Premier Li Keqiang"): the name is what follows it
            role, words = None, run
            for k in range(len(run) - 2, -2, -1):
                last = run[k] if k >= 0 else (lead[-1] if lead else None)
                if last not in _ROLE_ENDS:  # what _role_of would say first, without the list
                    continue
                if r := _role_of(lead + run[: k + 1]):
                    role, words = r, run[k + 1:]
                    break
            if not 2 <= len(words) <= 4:
                continue
            name = " ".join(words)
            start = m.start() + m.group().rindex(words[0], 0, len(m.group()) - len(name) + len(words[0]))
            if role is not None:
                add(i, start, name, role)
                continue
            after_speech = _SPEECH_VERB_AFTER.match(text, m.end())
            before_speech = _SPEECH_BEFORE_WORDS.search(before) and _SPEECH_BEFORE_END.match(text, m.end())
            apposition = _APPOSITION_AFTER.match(text, m.end()) and _APPOSITION_BEFORE.search(text[max(0, start - 8): start])
            if after_speech or before_speech or apposition:
                after = _ROLE_AFTER.match(text, m.end())
                add(i, start, name, after.group("role") if after else None)
    order.sort()
    people = [found[name] for _, _, name in order]
    names = [p.name for p in people]
    return [p for p in people if not any(p.name != n and p.name in n.split(" ", 1)[-1:] for n in names)]
