"""Fast paths (extraction's, the posts' escaping, the feeds' text) against the plain
definitions they stand for.

Each fast path (a letter table for a Unicode class, a keyword trie for splitting a story
into words, a bytes table for ASCII text) must give exactly what the plain way gives; the
plain ways are written out here, independent of the code under test.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from markupsafe import Markup

from wirebrief.extract import layout, people, topics
from wirebrief.extract.regextrie import trie
from wirebrief.ingest import post
from wirebrief.site.feeds import plain


def test_letter_tables_are_the_unicode_classes_they_replace():
    upper, lower = map(re.compile, people.letter_classes())
    for code in range(0x10000):
        ch = chr(code)
        assert bool(upper.fullmatch(ch)) == bool(re.fullmatch(r"[^\W\d_a-z]", ch)), hex(code)
        assert bool(lower.fullmatch(ch)) == bool(re.fullmatch(r"[^\W\d_A-Z]", ch)), hex(code)


@given(st.lists(st.text(alphabet="abcdefg-", min_size=1, max_size=6), max_size=30), st.text(alphabet="abcdefgh- ", max_size=40))
def test_trie_matches_what_a_longest_first_alternation_matches(words, text):
    plain = re.compile("|".join(map(re.escape, sorted(set(words), key=len, reverse=True))))
    assert re.findall(trie(words), text) == plain.findall(text)


# The plain definition of topic words: split the lower-cased text into words, count the
# keywords among them, and a phrase where its words follow one another.
_WORD = re.compile(r"[a-z0-9]+(?:['’-][a-z0-9]+)*")


def _plain_counts(text: str, keywords: list[str]) -> Counter:
    words = _WORD.findall(text.lower())
    counts: Counter = Counter()
    for keyword in keywords:
        key = keyword.split()
        counts[keyword] = sum(words[i:i + len(key)] == key for i in range(len(words) - len(key) + 1))
    return +counts


KEYWORDS = ["art", "gas", "oil", "oil-fired", "heat wave", "heat pumps", "heat pump", "o'neil", "e-mail", "power"]
PIECES = ["art", "gas", "oil", "fired", "heat", "wave", "pumps", "pump", "o", "neil", "e", "mail", "power",
          "state", "x", "1", " ", "  ", "-", "’", "'", ",", ".", "\n", "—", "é", "Oil", "ART"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_topic_keywords_are_counted_as_whole_words(text):
    assert topics.keyword_counts(text, {"Topic": tuple(KEYWORDS)}) == _plain_counts(text, KEYWORDS)


def test_headline_keywords_weigh_triple():
    table = {"Energy": ("gas", "heat pump"), "Sport": ("race",)}
    assert topics.classify("Heat pump race", "race race race, gas", table) == ("Sport", ["race", "heat pump"])


def _plain_normalize(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    text = re.sub(" {2,}", " ", unicodedata.normalize("NFC", text.translate(layout._TABLE)))
    return "\n".join((" " + line.strip() if line[:1] == " " else line.strip()) if line.strip() else "" for line in text.split("\n"))


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(alphabet=st.characters(max_codepoint=127)), st.text(),
                 st.text(alphabet="ab \t\r\n\x00\x0b\x1f\x7f\u00a0\u00ad\u200b\u2003\ufeffe\u0301")))
def test_normalize_fast_paths_equal_the_plain_one(text):
    assert layout.normalize(text) == _plain_normalize(text)


# text with what the fast paths look for (tags, entities, line-start marks, digits of other
# scripts, Unicode spaces) and what they pass over
MARKED = st.lists(st.sampled_from(["1", "١٩", "１", ".", ")", "#", "+", "-", "=", ":", "~", "|", "<b>", "</b>", "<",
                                   ">", "<!-- x -->", "&amp;", "&", "&#61;", ";", "a", "é", " ", "  ", "\t", "\n",
                                   "\u00a0", "\u3000", "*", "[", "\\"]), max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(st.one_of(MARKED, st.text(), st.lists(MARKED, min_size=1)))   # a field written twice: a list
def test_plain_text_of_html_is_what_markupsafe_striptags_gives(html):
    assert plain(html) == Markup(html).striptags()


@settings(max_examples=500, deadline=None)
@given(st.one_of(MARKED, st.text()))
def test_a_paragraph_gets_the_line_start_escapes_it_would_get_from_each_pattern(text):
    inline = post._MD_INLINE.sub(r"\\\1", post.escape_html(" ".join(text.split())))
    for pattern, replacement in post._LINE_START:
        inline = pattern.sub(replacement, inline, count=1)
    assert post.escape_markdown(text) == inline
