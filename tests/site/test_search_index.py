"""The search index a month at a time (site/search.py): the same results as one index of the
whole site, and a build re-indexes only the months whose pages changed."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from conftest import make_site, pagefind, pelican_build, serve
from wirebrief.site import search
from wirebrief.site.search import merge_list

# the search page's own way of loading the bundles (bundles.json) beside one index of the whole
# site made by Pagefind's command, each language of it merged in as the search page did before
COMPARE = r"""async ([queries, countries, languages]) => {
  const bundles = await (await fetch("/pagefind/bundles.json")).json();
  const split = await import("/pagefind/" + bundles.primary.path + "pagefind.js");
  await split.options({ basePath: "/pagefind/" + bundles.primary.path });
  for (const index of bundles.merge) await split.mergeIndex("/pagefind/" + index.path, { language: index.language });
  const whole = await import("/pagefind-full/pagefind.js");
  await whole.options({ basePath: "/pagefind-full/" });
  // pagefind.js skips a merged path the primary's starts with: "./" spells the same folder otherwise
  for (const language of languages) await whole.mergeIndex("/pagefind-full/./", { language });
  const urls = async (search) => Promise.all(search.results.map(async (r) => (await r.data()).url));
  const out = [];
  for (const q of queries) out.push([q, await urls(await split.search(q)), await urls(await whole.search(q))]);
  for (const c of countries) {
    const f = { filters: { country: c } };
    out.push(["country:" + c, await urls(await split.search(null, f)), await urls(await whole.search(null, f))]);
  }
  return out;
}"""


def indexed_urls(output: Path) -> dict[str, set[str]]:
    """Each bundle's pages, read back from the fragments Pagefind wrote."""
    bundles = {}
    for bundle in sorted(p for p in (output / "pagefind").iterdir() if p.is_dir()):
        bundles[bundle.name] = {json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))["url"]
                                for f in bundle.glob("fragment/*.pf_fragment")}
    return bundles


def made(output: Path) -> dict[str, tuple[int, int]]:
    """Each bundle's entry file as (inode, time): a bundle indexed again is a new folder."""
    return {p.parent.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (output / "pagefind").glob("*/pagefind-entry.json")}


def test_a_bundle_a_month_finds_what_one_index_of_the_site_finds(built_sample_site, browser, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(built_sample_site / "output", out)
    pagefind(out, "pagefind-full")
    listing = json.loads((out / "pagefind" / "bundles.json").read_text())
    assert len(listing["merge"]) >= 10   # the sample's briefings span a dozen months
    # queries from the briefings themselves: the longest word of each headline, each person
    queries, countries = set(), set()
    for page in (out / "briefings").glob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        if not soup.select_one("[data-pagefind-body]"):
            continue
        words = re.findall(r"\w+", soup.h1.get_text())
        queries.add(max(words, key=len))
        queries.update(a.get_text() for a in soup.select('a[data-pagefind-filter="person"]'))
        countries.update(a.get_text() for a in soup.select('a[data-pagefind-filter="country"]'))
    queries.update(["minister", "police", "said", "the"])
    entry = json.loads((out / "pagefind-full" / "pagefind-entry.json").read_text())
    languages = sorted(set(entry["languages"]) - {"en"})
    assert languages, "the sample has briefings in other languages"
    with serve(out) as url:
        page = browser.new_page()
        page.goto(f"{url}/index.html")
        compared = page.evaluate(COMPARE, [sorted(queries), sorted(countries), languages])
        page.close()
    found = same = 0
    for query, split, whole in compared:
        if query.startswith("country:"):     # no word to match: exactly the same briefings
            assert sorted(split) == sorted(whole), query
        # Nothing one index finds is lost. A month without a query's word may add briefings: Pagefind
        # shortens a word an index lacks until something matches (its "backtracking", per index;
        # Pagefind issues 599 and 780, no option turns it off in 1.5.2).
        assert set(whole) <= set(split), query
        found += bool(whole)
        same += split == whole
    assert found >= len(compared) * 0.9   # the queries do find briefings
    print(f"{same} of {len(compared)} searches give the same briefings in the same order")


def seed_of(post: Path) -> str:
    return re.search(r"^seed: (.+)$", post.read_text(encoding="utf-8"), re.M).group(1)


def test_a_build_indexes_again_only_the_months_whose_pages_changed(tmp_path):
    site = make_site(tmp_path)
    pelican_build(site)
    output, posts = site / "output", site / "content" / "briefings"
    before, urls = made(output), indexed_urls(output)
    assert sum(len(u) for u in urls.values()) == len(list(posts.glob("*.md")))

    # the search page's widget once, in pagefind/; no bundle carries Pagefind's widgets
    widget = output / "pagefind" / "pagefind-ui.js"
    assert widget.exists() and (output / "pagefind" / "pagefind-ui.css").exists()
    assert not [p for p in (output / "pagefind").glob("*/*") if p.name in (*search.UI_FILES, *search.UNUSED)]
    assert all((output / "pagefind" / b / "pagefind.js").exists() for b in before)

    pelican_build(site)                      # nothing changed: no bundle made again
    assert made(output) == before

    widget.unlink()                          # the widget lost: a build brings it back
    pelican_build(site)
    assert widget.exists()
    before = made(output)

    # a new seed: its month's bundle alone is made (a new one here), and it finds the briefing
    (site / "seeds" / "new.txt").write_text("Harbour reopens after the storm\n\n"
                                            "OSLO, Nov. 27 (NTB) -- The harbour reopened on Friday after the storm.\n")
    pelican_build(site)
    after, urls_after = made(output), indexed_urls(output)
    changed = {b for b in after if before.get(b) != after[b]}
    new_urls = set().union(*urls_after.values()) - set().union(*urls.values())
    assert len(new_urls) == 1 and len(changed) == 1
    assert new_urls <= urls_after[changed.pop()]
    listing = json.loads((output / "pagefind" / "bundles.json").read_text())
    assert {i["path"].rstrip("/") for i in [listing["primary"], *listing["merge"]]} == set(after)

    # an edit at the end of one briefing's text (nothing else shows it): its month alone
    month, pages = next((b, u) for b, u in sorted(urls_after.items()) if len(u) > 1)
    slug = Path(sorted(pages)[0]).stem
    post = posts / f"{slug}.md"
    post.write_text(post.read_text(encoding="utf-8") + "\nAn editor's added sentence about zanzibarite.\n", encoding="utf-8")
    before = after
    pelican_build(site)
    after = made(output)
    assert {b for b in after if before.get(b) != after[b]} == {month}

    # the only briefing of a month withdrawn by deleting its seed: the month's bundle goes
    month, pages = next((b, u) for b, u in sorted(urls_after.items()) if len(u) == 1)
    (site / seed_of(posts / f"{Path(next(iter(pages))).stem}.md")).unlink()
    before = after
    pelican_build(site)
    after = made(output)
    assert month not in after and month not in indexed_urls(output)
    assert {b for b in after if before.get(b) != after[b]} == set()
    listing = json.loads((output / "pagefind" / "bundles.json").read_text())
    assert month + "/" not in {i["path"] for i in [listing["primary"], *listing["merge"]]}


def test_the_search_page_merges_every_index_once():
    entries = {"2024-01": {"languages": {"fr": {"page_count": 3}}},
               "2024-02": {"languages": {"en": {"page_count": 5}, "ar": {"page_count": 1}}},
               "2024-03": {"languages": {"en-gb": {"page_count": 2}, "de": {"page_count": 4}}}}
    listing = merge_list(entries, "en")
    # Pagefind searches the primary bundle in the page's language: the first bundle that has it
    assert listing["primary"] == {"path": "2024-02/", "language": "en"}
    loaded = [(listing["primary"]["path"], listing["primary"]["language"]),
              *((i["path"].replace("/./", "/"), i["language"]) for i in listing["merge"])]
    # the primary's other language through the same folder spelt otherwise (pagefind.js would skip it)
    assert {"path": "2024-02/./", "language": "ar"} in listing["merge"]
    every = [(f"{b}/", lang) for b, e in entries.items() for lang in e["languages"]]
    assert sorted(loaded) == sorted(every)
    # a site without a bundle in its page language: the primary's biggest language, once
    listing = merge_list({"2024-01": entries["2024-01"], "2024-03": entries["2024-03"]}, "es")
    assert listing["primary"] == {"path": "2024-01/", "language": "fr"}
    assert ("2024-01/", "fr") not in {(i["path"].replace("/./", "/"), i["language"]) for i in listing["merge"]}
    assert merge_list({}, "en") == {"primary": None, "merge": []}


def failing_for(month: str | None) -> list[str]:
    """Pagefind's command, made to fail on one month's folder (every month's when None): the
    folder Pagefind reads is named after its month (search._index_bundle)."""
    pattern = f'*"/{month}-"*' if month else "*"
    script = f'for a; do case "$a" in {pattern}) echo "made to fail" >&2; exit 3;; esac; done; exec "$@"'
    return ["/bin/sh", "-c", script, "sh", *REAL_PAGEFIND]


REAL_PAGEFIND = search._pagefind()


def test_a_failed_bundle_keeps_the_last_one_and_the_widget_comes_back_with_another(tmp_path, monkeypatch):
    site = make_site(tmp_path)
    pelican_build(site)
    output = site / "output"
    urls = indexed_urls(output)
    pages = [(b, u.lstrip("/")) for b, us in urls.items() for u in sorted(us)]
    first, second = sorted(urls)[:2]
    before = made(output)
    (output / "pagefind" / "pagefind-ui.js").unlink()
    for bundle, page in pages:
        if bundle == first:
            (output / page).touch()           # its month is stale
    monkeypatch.setattr(search, "_pagefind", lambda: failing_for(first))
    done = search.update(output, pages, site / "cache", "en")
    assert set(done["failed"]) == {first} and "made to fail" in done["failed"][first]
    assert made(output)[first] == before[first]                # the last good bundle stands
    assert (output / "pagefind" / "pagefind-ui.js").exists() and not done["widget_missing"]
    assert second in done["indexed"]                            # the month that brought the widget
    assert not [p.name for p in (output / "pagefind").iterdir() if p.name.startswith(".")]   # nothing half-made

    (output / "pagefind" / "pagefind-ui.js").unlink()
    monkeypatch.setattr(search, "_pagefind", lambda: failing_for(None))
    done = search.update(output, pages, site / "cache", "en")
    assert done["widget_missing"] and first in done["failed"]   # said, and the build records nothing (generator.py)
    monkeypatch.undo()
    done = search.update(output, pages, site / "cache", "en")   # the next run: both back
    assert first in done["indexed"] and not done["failed"] and not done["widget_missing"]
    assert indexed_urls(output) == urls
