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


_WORDS = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")


@functools.lru_cache(maxsize=8)
def _keywords(topics: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[dict[tuple[str, ...], list[str]], int]:
    """Keyword (as a tuple of words) -> its topics, and the longest keyword's length in words."""
    topics_of: dict[tuple[str, ...], list[str]] = {}
    for topic, words in topics:
        for word in words:
            topics_of.setdefault(tuple(_WORDS.findall(word.lower())), []).append(topic)
    return topics_of, max((len(k) for k in topics_of), default=1)


def classify(headline: str, body: str, topics: dict[str, tuple[str, ...]] | None = None,
             default: str = DEFAULT_CATEGORY) -> tuple[str, list[str]]:
    """(category, topic words): the topic whose keywords weigh most (headline counts triple),
    and the keywords that occur most, as tags."""
    frozen = tuple((t, tuple(w)) for t, w in (topics or DEFAULT_TOPICS).items())
    topics_of, longest = _keywords(frozen)
    word_score: dict[tuple[str, ...], int] = {}
    for text, weight in ((headline, HEADLINE_WEIGHT), (body, 1)):
        # words, then every run of up to `longest` words, looked up in a dict: one pass, no regex per keyword
        words = _WORDS.findall(text.lower())
        for n in range(1, longest + 1):
            for i in range(len(words) - n + 1):
                key = tuple(words[i:i + n])
                if key in topics_of:
                    word_score[key] = word_score.get(key, 0) + weight
    score: dict[str, int] = {}
    for key, n in word_score.items():
        for topic in topics_of[key]:
            score[topic] = score.get(topic, 0) + n
    best = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))
    category = best[0][0] if best and best[0][1] >= 2 else default
    ranked = sorted(((" ".join(k), n) for k, n in word_score.items()), key=lambda kv: (-kv[1], kv[0]))
    return category, [w for w, n in ranked if n >= 2][:TOPIC_WORDS_MAX]
