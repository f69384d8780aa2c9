"""Which seeds are versions of one story: a writethru chain joins, look-alike stories do not."""

from datetime import date, datetime, timedelta, timezone

from hypothesis import given, settings
from hypothesis import strategies as st

from wirebrief.ingest.stories import Grouped, Version, group, grouping_digest, order_digest

T0 = datetime(2026, 12, 2, 8, 0, tzinfo=timezone.utc)
LEDE = "Oil prices rose on Wednesday as producers signalled deeper output cuts, traders said."


def v(key, hours, title, lede=LEDE, place="London, United Kingdom", later=False, slug=None, day=date(2026, 12, 2)):
    return Version(key, T0 + timedelta(hours=hours), title, place, lede, later, slug, day)


def keys(stories):
    return [[x.key for x in s.versions] for s in stories]


def test_a_writethru_chain_of_three_with_a_new_headline_in_the_second():
    chain = [
        v("a.txt", 0, "Oil rises on supply worries"),
        v("b.txt", 2, "Oil jumps 3% as OPEC signals deeper cuts", later=True,
          lede="Oil prices jumped 3% on Wednesday as producers signalled deeper output cuts, traders said."),
        v("c.txt", 5, "Oil jumps 3% as OPEC signals deeper cuts", later=True,
          lede="Oil prices jumped 3% on Wednesday as producers signalled deeper output cuts, traders and analysts said."),
    ]
    assert keys(group(list(reversed(chain)))) == [["a.txt", "b.txt", "c.txt"]]   # order of arrival, not of listing


def test_look_alikes_stay_apart():
    stories = group([
        v("mon.txt", 0, "Stocks close higher", lede="Shares rose on Monday led by banks.", day=date(2026, 12, 2)),
        v("wed.txt", 48, "Stocks close higher", lede="Shares rose on Wednesday led by miners.", day=date(2026, 12, 4)),
        v("paris.txt", 1, "Oil rises on supply worries", place="Paris, France"),   # another place
        v("later.txt", 24 * 5, "Oil rises on supply worries", later=True),         # outside the window
        v("other.txt", 3, "Bank of England holds rates", lede="The Bank of England held rates on Wednesday.", later=True),
    ])
    assert len(stories) == 5


def test_a_desk_slug_decides():
    stories = group([
        v("a.txt", 0, "House passes budget", slug="BC-US--Budget Fight"),
        v("b.txt", 3, "Senate next after House vote", slug="BC-US--Budget Fight", lede="Other words entirely."),
        v("c.txt", 4, "House passes budget", slug="BC-US--Farm Bill"),
    ])
    assert keys(stories) == [["a.txt", "b.txt"], ["c.txt"]]


def test_grouping_is_deterministic():
    items = [v(f"{i}.txt", i % 3, "Oil rises on supply worries", later=bool(i)) for i in range(6)]
    assert keys(group(items)) == keys(group(list(reversed(items)))) == [["0.txt", "3.txt", "1.txt", "4.txt", "2.txt", "5.txt"]]


def test_formulaic_copy_about_other_people_stays_apart():
    template = "{who} stressed on Friday that talks on the metro line with {where} would go on, officials in Beijing said."
    stories = group([
        v("a.txt", 0, "China backs metro line plan", template.format(who="Prime Minister Ines Rossi", where="United Arab Emirates"),
          place="Beijing, China"),
        v("b.txt", 5, "China backs metro line plan", template.format(who="Chancellor Omar Tanaka", where="Senegal"),
          place="Beijing, China"),
    ])
    assert len(stories) == 2


def test_a_headline_filed_every_day_compares_each_new_one_with_the_days_in_the_window(monkeypatch):
    """Two years of a daily "Cricket scores" from one place: each joins no earlier day's story,
    and is compared only with the stories begun within the window (ingest compared each with
    every earlier day, which made a 100,000-seed ingest take minutes)."""
    from wirebrief.ingest import stories

    compared = []
    real = stories.same_story
    monkeypatch.setattr(stories, "same_story", lambda story, version: compared.append(1) or real(story, version))
    days = 730
    daily = [v(f"{d}.txt", 24 * d, "Cricket scores", lede=f"Result{d} of match{d} at ground{d}.", day=T0.date() + timedelta(days=d))
             for d in range(days)]
    assert len(group(daily)) == days
    window = stories.WINDOW.days + 1
    assert len(compared) <= days * window   # not days * days / 2


def _recorded(stories) -> dict[str, str]:
    """What ingest records of a grouping: each version's story, by the story's first key."""
    return {x.key: s.versions[0].key for s in stories for x in s.versions}


_TITLES = ["Oil rises on supply worries", "Oil jumps as OPEC signals cuts", "Cricket scores", "Storm hits coast"]
_PLACES = ["London, United Kingdom", "Beijing, China", None]
_versions = st.lists(
    st.tuples(st.integers(0, 120), st.sampled_from(_TITLES), st.sampled_from(_PLACES), st.sampled_from([LEDE, "Rain fell.", "Scores below."]),
              st.booleans(), st.sampled_from([None, None, "BC-Oil"]), st.booleans(), st.integers(0, 3)),
    min_size=1, max_size=30)


def _make(drawn) -> list[Version]:
    return [Version(f"{i:02d}.txt", T0 + timedelta(hours=h), title, place, lede, later, slug, T0.date(), kill, number)
            for i, (h, title, place, lede, later, slug, kill, number) in enumerate(drawn)]


@settings(max_examples=300, deadline=None)
@given(_versions, st.data())
def test_the_last_runs_stories_taken_as_recorded_give_what_grouping_everything_gives(drawn, data):
    """A run that only adds versions received after the last run's rebuilds that run's stories
    from what it recorded, and matches only the new versions: the stories are exactly those of
    grouping every version afresh. When the last run's versions are not the first ones any more
    (one removed, one received earlier, one changed) or the record is not of them in this order,
    everything is grouped afresh."""
    from wirebrief.ingest import stories

    scan_max = stories.SCAN_MAX
    stories.SCAN_MAX = data.draw(st.sampled_from([1, 2, scan_max]))   # the window's cut too
    try:
        _compare(drawn, data)
    finally:
        stories.SCAN_MAX = scan_max


def _compare(drawn, data):
    versions = _make(drawn)
    ordered = sorted(versions, key=lambda x: (x.received, x.number, x.key))
    cut = data.draw(st.integers(0, len(ordered)))
    before = ordered[:cut]
    last = Grouped(len(before), grouping_digest(before), _recorded(group(before)))
    now = list(versions)
    change = data.draw(st.sampled_from(["add", "remove", "earlier", "changed", "another run's"]))
    if change == "remove" and before:
        now.remove(data.draw(st.sampled_from(before)))
    elif change == "earlier":
        now.append(Version("zz-early.txt", T0 - timedelta(hours=1), _TITLES[0], _PLACES[0], LEDE, True))
    elif change == "changed" and before:
        gone = data.draw(st.sampled_from(before))
        last.story_of.pop(gone.key)   # its seed changed: not remembered, so its story is not recorded
    elif change == "another run's":   # a record that does not describe these versions in this order
        last = Grouped(len(before), order_digest([x.key for x in reversed(before)]) if len(before) > 1 else "",
                       {x.key: x.key for x in before})
    assert keys(group(now, last)) == keys(group(now))


def test_a_run_that_only_adds_compares_only_the_new_versions(monkeypatch):
    from wirebrief.ingest import stories

    daily = [v(f"{d:03d}.txt", 6 * d, "Cricket scores", lede=f"Result{d} of match{d}.", day=T0.date() + timedelta(days=d // 4))
             for d in range(200)]
    old, new = daily[:199], daily[199:]
    last = Grouped(len(old), grouping_digest(old), _recorded(group(old)))
    compared = []
    real = stories.same_story
    monkeypatch.setattr(stories, "same_story", lambda story, version: compared.append(version.key) or real(story, version))
    stories_now = keys(group(daily, last))
    assert compared and set(compared) == {"199.txt"}   # the new version only was compared
    assert stories_now == keys(group(daily))


@settings(max_examples=200, deadline=None)
@given(_versions, st.data())
def test_what_ingest_keeps_of_a_grouping_gives_the_same_stories_next_run(drawn, data):
    """Through the state file as ingest writes and reads it (JSON): the seeds it saved (their
    story in each entry) and those it grouped without saving (kept beside the count). A run that
    adds versions after them gets the stories of grouping everything, whichever were saved."""
    import json

    from wirebrief.ingest.sync import _grouped_before, _grouped_now

    versions = _make(drawn)
    ordered = sorted(versions, key=lambda x: (x.received, x.number, x.key))
    cut = data.draw(st.integers(0, len(ordered)))
    before, stories = ordered[:cut], group(ordered[:cut])
    saved = {x.key: [None] * 9 + [s.versions[0].key] for s in stories for x in s.versions if data.draw(st.booleans())}
    state = json.loads(json.dumps({"grouped": _grouped_now(before, stories, saved), "seeds": saved}))
    last = _grouped_before(state["grouped"], state["seeds"], versions)
    assert last is not None
    assert sorted(last.story_of) == sorted(x.key for x in before)   # saved or not, each has its story back
    assert keys(group(versions, last)) == keys(group(versions))
