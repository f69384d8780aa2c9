"""Category and topic words, from a keyword mapping that lives in pelicanconf.py."""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass

from .regextrie import trie

DEFAULT_TOPICS: dict[str, tuple[str, ...]] = {
    "Diplomacy": ("diplomatic", "diplomacy", "bilateral", "talks", "summit", "ambassador", "envoy",
                  "foreign minister", "relations", "cooperation", "treaty"),
    "Economy": ("economy", "economic", "trade", "exports", "imports", "prices", "inflation",
                "market", "markets", "investment", "growth", "sales", "tariff", "industry"),
    "Energy": ("energy", "gas", "oil", "electricity", "power", "coal", "heat pump", "heat pumps",
               "renewable", "solar", "wind"),
    "Politics": ("election", "parliament", "lawmakers", "vote", "bill", "government", "party",
                 "legislature", "senate", "congress"),
    "Transport": ("rail", "railway", "train", "trains", "metro", "ferry", "airport", "flights",
                  "transport", "road", "roads", "drone", "drones", "delivery", "passengers"),
    "Agriculture": ("grain", "harvest", "farm", "farms", "farmers", "crop", "crops", "corn",
                    "olive", "wheat", "rice", "agriculture", "drought"),
    "Technology": ("semiconductor", "chip", "chips", "technology", "software", "artificial intelligence",
                   "internet", "digital"),
    "Culture": ("museum", "museums", "festival", "art", "exhibition", "library", "film", "music",
                "heritage", "sculptures"),
    "Sport": ("marathon", "football", "soccer", "olympic", "championship", "tournament", "race",
              "runners", "match"),
    "Weather": ("weather", "storm", "typhoon", "hurricane", "flood", "heat wave", "snow",
                "blossoms", "meteorological", "temperature"),
    "Labour": ("strike", "strikes", "union", "wages", "pay", "workers", "jobs", "unemployment"),
}
DEFAULT_CATEGORY = "World"
TOPIC_WORDS_MAX = 4
HEADLINE_WEIGHT = 3


# A word, as the keywords are written: letters and digits, joined inside by an apostrophe or a hyphen.
_WORDS = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")
# A keyword is a whole word of the text: no letter or digit beside it, nor a joiner that would
# make it part of a longer word ("art" is not a word of "state-of-the-art").
_BEFORE = r"[^a-z0-9](?<![a-z0-9]['’-])"  # the character before the word, the text's first a space
_AFTER = r"(?![a-z0-9]|['’-][a-z0-9])"
# What lies between two words of a phrase: anything but a letter or digit, but one joiner alone.
_BETWEEN = r"(?![’'-][a-z0-9])[^a-z0-9]+"


@dataclass(frozen=True)
class _Keywords:
    single: dict[str, list[str]]     # one-word keyword -> its topics
    phrases: dict[str, list[str]]    # keyword of several words -> its topics
    single_re: re.Pattern            # finds the one-word keywords in " " + a lower-cased text
    phrase_res: tuple[tuple[str, str, re.Pattern], ...]  # (phrase, its first word, its pattern)


def _phrase_re(phrase: str) -> re.Pattern:
    first, *rest = phrase.split()
    # the first word as a literal, then the look-behind: the engine searches for the literal
    return re.compile(rf"{re.escape(first)}(?<![a-z0-9].{{{len(first)}}})(?<![a-z0-9]['’-].{{{len(first)}}})"
                      + "".join(_BETWEEN + re.escape(word) for word in rest) + _AFTER)


@functools.lru_cache(maxsize=8)
def _keywords(topics: tuple[tuple[str, tuple[str, ...]], ...]) -> _Keywords:
    single: dict[str, list[str]] = {}
    phrases: dict[str, list[str]] = {}
    for topic, words in topics:
        for word in words:
            if key := " ".join(_WORDS.findall(word.lower())):
                (phrases if " " in key else single).setdefault(key, []).append(topic)
    # A trie of the keywords, tried after each character that can stand before a word, finds
    # a story's few keywords faster than splitting it into its hundreds of words.
    single_re = re.compile(f"{_BEFORE}({trie(list(single))}){_AFTER}" if single else "(?!)")
    return _Keywords(single, phrases, single_re,
                     tuple((phrase, phrase.split()[0], _phrase_re(phrase)) for phrase in phrases))


def _frozen(topics: dict[str, tuple[str, ...]] | None) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((t, tuple(w)) for t, w in (topics or DEFAULT_TOPICS).items())


def keyword_counts(text: str, topics: dict[str, tuple[str, ...]] | None = None) -> Counter:
    """How often each keyword occurs in the text as whole words (as a phrase for a keyword
    of several words), case aside."""
    return _counts(text, _keywords(_frozen(topics)))


def _counts(text: str, keywords: _Keywords) -> Counter:
    text = text.lower()
    counts = Counter(keywords.single_re.findall(f" {text}"))
    for phrase, first, pattern in keywords.phrase_res:
        if first in text and (n := len(pattern.findall(text))):
            counts[phrase] = n
    return counts


def classify(headline: str, body: str, topics: dict[str, tuple[str, ...]] | None = None,
             default: str = DEFAULT_CATEGORY) -> tuple[str, list[str]]:
    """(category, topic words): the topic whose keywords weigh most (headline counts triple),
    and the keywords that occur most, as tags."""
    keywords = _keywords(_frozen(topics))
    word_score = _counts(body, keywords)
    for word, n in _counts(headline, keywords).items():
        word_score[word] += HEADLINE_WEIGHT * n
    score: dict[str, int] = {}
    for key, n in word_score.items():
        for topic in keywords.single.get(key) or keywords.phrases[key]:
            score[topic] = score.get(topic, 0) + n
    best = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))
    category = best[0][0] if best and best[0][1] >= 2 else default
    ranked = sorted(word_score.items(), key=lambda kv: (-kv[1], kv[0]))
    return category, [w for w, n in ranked if n >= 2][:TOPIC_WORDS_MAX]


# IPTC subject codes and Media Topics (their top levels share the numbers 01000000 to 17000000)
# -> category. A code is matched exactly ("medtop:20000763", "subj:15008000"), else by its top
# level ("subj:15008000" -> "15000000"); a code written without a scheme matches both.
DEFAULT_SUBJECTS: dict[str, tuple[str, ...]] = {
    "Culture": ("01000000",), "Justice": ("02000000",), "Disasters": ("03000000",),
    "Economy": ("04000000",), "Education": ("05000000",), "Environment": ("06000000",),
    "Health": ("07000000",), "Human interest": ("08000000",), "Labour": ("09000000",),
    "Lifestyle": ("10000000",), "Politics": ("11000000",), "Religion": ("12000000",),
    "Technology": ("13000000",), "Society": ("14000000",), "Sport": ("15000000",),
    "Conflict": ("16000000",), "Weather": ("17000000",),
}
_IPTC_CODE = re.compile(r"(?:(medtop|subj|iptc|subjectcode|mediatopic):)?(\d{8})", re.I)


def _subject_keys(code: str) -> list[str]:
    """What a subject code may be found under in the table, most precise first."""
    m = _IPTC_CODE.fullmatch(code.strip())
    if not m:
        return [code.strip()]
    scheme = {"iptc": "subj", "subjectcode": "subj", "mediatopic": "medtop"}.get((m.group(1) or "").lower(),
                                                                                   (m.group(1) or "").lower())
    number = m.group(2)
    keys = [f"{scheme}:{number}" if scheme else number, number]
    if number < "20000000":   # the numbered hierarchy of subject codes (and the Media Topics that kept it)
        top = number[:2] + "000000"
        keys += [f"{scheme}:{top}" if scheme else top, top]
    return keys


def is_iptc_subject(code: str) -> bool:
    """An IPTC subject code or Media Topic ("subj:15000000", "medtop:20000763"), not an agency's own code."""
    return bool(_IPTC_CODE.fullmatch(code.strip()))


def subject_category(subjects: list[str], table: dict[str, tuple[str, ...]] | None = None) -> str | None:
    """The category most of an item's subject codes map to in `table` (category -> codes; the
    first of equals in the item's order), or None when none maps."""
    lookup: dict[str, str] = {}
    for category, codes in (DEFAULT_SUBJECTS if table is None else table).items():
        for code in codes:
            lookup.setdefault(code.strip().lower(), category)
    votes: Counter = Counter()
    first: dict[str, int] = {}
    for i, code in enumerate(subjects):
        category = next((lookup[k.lower()] for k in _subject_keys(code) if k.lower() in lookup), None)
        if category:
            votes[category] += 1
            first.setdefault(category, i)
    return min(votes, key=lambda c: (-votes[c], first[c])) if votes else None
