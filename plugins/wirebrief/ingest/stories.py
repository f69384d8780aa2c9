"""Which seeds are versions of one story: a writethru, an update, a correction, a kill notice.

Pure and deterministic: seeds are taken in the order they were received (then by their version
number, then by path), and
each joins the earliest story it matches, or starts one. A wrong merge (two stories shown as
one) is worse than a missed one (one story shown twice), so a match needs strong evidence:

- the same desk slug (AP's "BC-US--Budget Fight"), or
- the same headline, once its markers are off, the same place and a lede that is close and
  names the same people and places; or
- a seed that says it is a later version (an update, correction, refile, repeat, kill, or a
  version number over 1), from the same place, whose headline or lede is close to the story's.

and in every case it must come within WINDOW of the story's first version.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

WINDOW = timedelta(days=3)
CLOSE_HEADLINE = 0.6   # share of headline words in common (Jaccard)
CLOSE_LEDE = 0.5       # share of the lede's first 60 words in common
SAME_HEADLINE_LEDE = 0.5   # with the same headline, a lede this close is enough
SAME_NAMES = 0.5       # and this share of its capitalised words
SCAN_MAX = 500         # a later version is compared with at most the latest this-many stories of its place

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Version:
    key: str                    # the seed, as the post records it
    received: datetime
    title: str                  # without lifecycle markers
    place: str | None
    lede: str
    later: bool                 # says it is a later version (update, correction, kill…)
    slug: str | None = None     # a desk slug, when the copy prints one
    day: date | None = None     # the story's own date, when the copy gives one
    kill: bool = False          # withdraws the story: it may come without a dateline
    number: int = 0             # its version number, when it gives one: orders versions received together


@dataclass
class Story:
    versions: list[Version] = field(default_factory=list)

    @property
    def first(self) -> Version:
        return self.versions[0]


@functools.lru_cache(maxsize=1 << 14)
def _words(text: str, limit: int | None = None) -> frozenset[str]:
    words = _WORD.findall(text.casefold())
    return frozenset(words[:limit] if limit else words)


@functools.lru_cache(maxsize=1 << 14)
def _names(text: str) -> frozenset[str]:
    """The capitalised words of a lede's first 60 words: who and where it is about."""
    return frozenset(w for w in text.split()[:60] if w[:1].isupper())


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def same_story(story: Story, version: Version) -> bool:
    first = story.first
    if not timedelta(0) <= version.received - first.received <= WINDOW:
        return False
    if version.slug and first.slug:
        return version.slug == first.slug
    if version.kill and (version.place is None or version.place != first.place):
        # "Reuters is withdrawing the story headlined …": the headline is what it names
        return any(_jaccard(_words(version.title), _words(v.title)) >= CLOSE_HEADLINE for v in story.versions)
    if version.place != first.place:
        return False
    if version.day and first.day and abs((version.day - first.day).days) > 1 and not version.later:
        return False   # "Cricket scores" of Thursday and of Saturday
    lede = _words(version.lede, 60)
    close_lede = any(_jaccard(lede, _words(v.lede, 60)) >= CLOSE_LEDE for v in story.versions)
    same_title = _words(version.title) == _words(first.title)
    if version.later:   # it says it is a later version: a close headline or lede is enough
        return same_title or close_lede or any(_jaccard(_words(version.title), _words(v.title)) >= CLOSE_HEADLINE
                                               for v in story.versions)
    # a recurring or formulaic headline ("Cricket scores", "China backs metro plan") is another
    # story unless the lede is close and about the same people and places
    return same_title and ((close_lede or _jaccard(lede, _words(first.lede, 60)) >= SAME_HEADLINE_LEDE)
                           and _jaccard(_names(version.lede), _names(first.lede)) >= SAME_NAMES)


@dataclass(frozen=True)
class Grouped:
    """What a run's grouping leaves for the next: how many versions it grouped, a digest of
    their keys in the order it took them (order_digest), and for each version whose seed is
    unchanged since, the key its story is recorded under (the story's first key)."""
    count: int
    digest: str
    story_of: dict[str, str]


def _order(version: Version) -> tuple:
    return version.received, version.number, version.key


def order_digest(keys) -> str:
    return hashlib.blake2b("\n".join(keys).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def grouping_digest(versions: list[Version]) -> str:
    """The digest of these versions' keys in the order group() takes them: Grouped.digest."""
    return order_digest(v.key for v in sorted(versions, key=_order))


def group(versions: list[Version], last: Grouped | None = None) -> list[Story]:
    """The stories, each with its versions oldest first; in the order of their first versions.

    Linear in practice: a version that does not say it is a later one can only join a story of
    its own headline (looked up by its words) begun within WINDOW; only the few that say so are
    compared with the stories of their place begun within WINDOW. (Each list is in the order of
    its stories' first versions, so those within WINDOW are its tail, found by bisection: a
    headline a desk files every day, "Cricket scores", must not make each new one scan them all.)

    `last`: when the versions the last run grouped are, unchanged, the first ones in order (a
    run that only adds seeds received since), their stories are rebuilt as it recorded them,
    with no comparison, and only the versions after them are matched: each version is matched
    against the stories begun before it, so what the first ones make does not depend on what
    comes after them, and the stories are the ones a grouping of them all would make."""
    ordered = sorted(versions, key=_order)
    grouping = _Grouping()
    start = 0
    if last is not None and _replayable(ordered, last):
        grouping.replay(ordered[:last.count], last.story_of)
        start = last.count
    for version in ordered[start:]:
        grouping.add(version)
    # the words are for comparing this run's versions: not kept through the build that follows
    # (10 MB, whatever the number of seeds)
    _words.cache_clear()
    _names.cache_clear()
    return grouping.finish()


def _replayable(ordered: list[Version], last: Grouped) -> bool:
    """The last run's versions, and no other, are the first `count` in order, each with its
    seed unchanged (and so its story recorded)."""
    return (len(ordered) >= last.count
            and all(v.key in last.story_of for v in ordered[:last.count])
            and order_digest(v.key for v in ordered[:last.count]) == last.digest)


class _Grouping:
    def __init__(self):
        self.stories: list[Story] = []
        self.by_headline: dict[tuple, list[Story]] = {}   # (slug or place, headline words) -> stories
        self.by_place: dict[object, list[Story]] = {}     # slug or place -> stories, oldest first

    @staticmethod
    def _where(version: Version) -> tuple:
        return ("slug", version.slug) if version.slug else ("place", version.place)

    def _start(self, version: Version) -> Story:
        where = self._where(version)
        story = Story([version])
        self.stories.append(story)
        self.by_place.setdefault(where, []).append(story)
        self.by_headline.setdefault((where, _words(version.title)), []).append(story)
        return story

    def add(self, version: Version) -> None:
        where = self._where(version)
        if version.kill:   # a kill may name no place: every story begun within the window
            candidates = _within_window(self.stories, version.received)[-SCAN_MAX:]
        elif version.later or version.slug:
            candidates = _within_window(self.by_place.get(where, []), version.received)[-SCAN_MAX:]
        else:
            candidates = _within_window(self.by_headline.get((where, _words(version.title)), []), version.received)
        match = next((s for s in candidates if same_story(s, version)), None)
        if match is not None:
            match.versions.append(version)
        else:
            self._start(version)

    def replay(self, versions: list[Version], story_of: dict[str, str]) -> None:
        """The stories the last run made of these versions (given in order): each version
        joins the story recorded for it, the first of each story starting it."""
        started: dict[str, Story] = {}
        for version in versions:
            story = started.get(story_of[version.key])
            if story is None:
                started[story_of[version.key]] = self._start(version)
            else:
                story.versions.append(version)

    def finish(self) -> list[Story]:
        for story in self.stories:
            # versions tied by a slug or an agency's guid that number themselves go in their own
            # order, whatever order they came in (a correction and its kill dropped together)
            if story.first.slug and len(story.versions) > 1 and all(v.number for v in story.versions):
                story.versions.sort(key=lambda v: (v.number, v.received, v.key))
        return self.stories


def _within_window(bucket: list[Story], received: datetime) -> list[Story]:
    return bucket[bisect.bisect_left(bucket, received - WINDOW, key=lambda s: s.first.received):]
