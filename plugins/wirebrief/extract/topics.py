"""Category and topic words, from a keyword mapping that lives in pelicanconf.py."""

from __future__ import annotations

import functools
import re
from collections import Counter

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


_WORDS = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")


@functools.lru_cache(maxsize=8)
def _keywords(topics: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Keyword -> its topics: one-word keywords, and phrases of several words."""
    single: dict[str, list[str]] = {}
    phrases: dict[str, list[str]] = {}
    for topic, words in topics:
        for word in words:
            key = " ".join(_WORDS.findall(word.lower()))
            (phrases if " " in key else single).setdefault(key, []).append(topic)
    return single, phrases


def classify(headline: str, body: str, topics: dict[str, tuple[str, ...]] | None = None,
             default: str = DEFAULT_CATEGORY) -> tuple[str, list[str]]:
    """(category, topic words): the topic whose keywords weigh most (headline counts triple),
    and the keywords that occur most, as tags."""
    frozen = tuple((t, tuple(w)) for t, w in (topics or DEFAULT_TOPICS).items())
    single, phrases = _keywords(frozen)
    word_score: dict[str, int] = {}
    for text, weight in ((headline, HEADLINE_WEIGHT), (body, 1)):
        words = _WORDS.findall(text.lower())
        # one-word keywords: counted among the words that are keywords (a filter in C);
        # phrases are few, counted in the joined words when all their words occur at all
        for word, n in Counter(filter(single.__contains__, words)).items():
            word_score[word] = word_score.get(word, 0) + weight * n
        if phrases:
            present, joined = set(words), None
            for phrase in phrases:
                if all(w in present for w in phrase.split()):
                    joined = joined or f" {' '.join(words)} "
                    if (n := joined.count(f" {phrase} ")):
                        word_score[phrase] = word_score.get(phrase, 0) + weight * n
    score: dict[str, int] = {}
    for key, n in word_score.items():
        for topic in single.get(key) or phrases[key]:
            score[topic] = score.get(topic, 0) + n
    best = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))
    category = best[0][0] if best and best[0][1] >= 2 else default
    ranked = sorted(word_score.items(), key=lambda kv: (-kv[1], kv[0]))
    return category, [w for w, n in ranked if n >= 2][:TOPIC_WORDS_MAX]
