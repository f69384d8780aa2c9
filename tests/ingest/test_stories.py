"""Which seeds are versions of one story: a writethru chain joins, look-alike stories do not."""

from datetime import date, datetime, timedelta, timezone

from wirebrief.ingest.stories import Version, group

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
