"""Category and topic words, from a keyword mapping that lives in pelicanconf.py."""

from __future__ import annotations

import functools
import re

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


@functools.lru_cache(maxsize=8)
def _patterns(topics: tuple[tuple[str, tuple[str, ...]], ...]) -> list[tuple[str, str, re.Pattern]]:
    return [(topic, word, re.compile(r"\b" + re.escape(word) + r"\b", re.I)) for topic, words in topics for word in words]


def classify(headline: str, body: str, topics: dict[str, tuple[str, ...]] | None = None,
             default: str = DEFAULT_CATEGORY) -> tuple[str, list[str]]:
    """(category, topic words): the topic whose keywords weigh most (headline counts triple),
    and the keywords that occur most, as tags."""
    frozen = tuple((t, tuple(w)) for t, w in (topics or DEFAULT_TOPICS).items())
    score: dict[str, int] = {}
    word_score: dict[str, int] = {}
    for topic, word, pattern in _patterns(frozen):
        n = HEADLINE_WEIGHT * len(pattern.findall(headline)) + len(pattern.findall(body))
        if n:
            score[topic] = score.get(topic, 0) + n
            word_score[word.lower()] = max(word_score.get(word.lower(), 0), n)
    best = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))
    category = best[0][0] if best and best[0][1] >= 2 else default
    words = [w for w, n in sorted(word_score.items(), key=lambda kv: (-kv[1], kv[0])) if n >= 2]
    return category, words[:TOPIC_WORDS_MAX]
