"""Incremental builds: a rebuild renders only the pages whose briefings changed, leaves every
other file untouched, removes what the site no longer has, and ends with exactly the bytes a
cold build of the same content gives."""

import json
import os
import shutil
import time
from pathlib import Path

from PIL import Image
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SEEDS, make_site, pelican_build
from wirebrief.ingest.post import read_header

# Made on every build (cheap, or depending on the clock): not counted as over-rendering.
ALWAYS_MADE = {"review.html", "sitemap.xml", "sitemap-news.xml", "robots.txt"}


def always_made(path: str) -> bool:
    return path in ALWAYS_MADE or path.startswith("theme/css/wirebrief.")
SMALL = ["000_41dbb3fc443c69a3.txt", "ap-austin-water-plan.txt", "reuters-london-rail-strike.txt",
         "xinhua-wire-harbin-ice-festival.txt", "kyodo-tokyo-cherry-blossoms.txt"]
NEW_SEED = "Floods close roads in Oslo\n\nOSLO, Nov. 27 (NTB) -- Heavy rain closed roads across Norway on Friday, Mayor Anne Lindboe said.\n"


def small_site(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds-in"
    seeds.mkdir()
    for name in SMALL:
        shutil.copy2(SEEDS / name, seeds / name)
    site = make_site(tmp_path, seeds)
    with (site / "pelicanconf.py").open("a") as conf:  # so that a few briefings make month pages
        conf.write("\nWIREBRIEF_FACET_LATEST = 2\n")
    return site


def files(output: Path) -> dict[str, tuple[int, bytes]]:
    """Every output file but the search index (tests/site/test_search_index.py: Pagefind's bytes vary)."""
    return {str(p.relative_to(output)): (p.stat().st_mtime_ns, p.read_bytes())
            for p in output.rglob("*") if p.is_file() and "pagefind" not in p.parts}


def last_build(site: Path) -> dict:
    (record,) = (site / "cache").glob("wirebrief-output-*.json")
    return json.loads(record.read_text())["last_build"]


def rebuild_after(site: Path, change) -> tuple[dict, dict, dict]:
    pelican_build(site)
    before = files(site / "output")
    time.sleep(0.02)
    change(site)
    pelican_build(site)
    return before, files(site / "output"), last_build(site)


def post_for(site: Path, seed_name: str) -> Path:
    for post in (site / "content" / "briefings").glob("*.md"):
        if read_header(post.read_text(encoding="utf-8")).get("seed", "").endswith(seed_name):
            return post
    raise AssertionError(f"no post for {seed_name}")


def assert_minimal(before: dict, after: dict, rendered: list[str]) -> None:
    """Only rendered files changed; every rendered file (but the few made on every build)
    did change; nothing else was touched."""
    for path, (mtime, data) in before.items():
        if path in after and path not in rendered:
            assert after[path] == (mtime, data), f"{path} changed without being rendered"
    pointless = [p for p in rendered if not always_made(p) and p in before and after.get(p, (0, b""))[1] == before[p][1]]
    assert not pointless, f"rendered though nothing it shows changed: {pointless}"


def test_a_rebuild_with_nothing_changed_renders_nothing(tmp_path):
    """A touched seed makes Pelican run (site/uptodate.py ends a build with truly nothing to do
    before that: tests/site/test_uptodate.py), and its copy is what it was: nothing to render."""
    site = small_site(tmp_path)
    before, after, build = rebuild_after(site, lambda site: os.utime(site / "seeds" / SMALL[1]))
    assert before == after
    assert all(always_made(p) for p in build["rendered"]), build["rendered"]
    assert build["skipped"] > 20


def test_a_new_seed_renders_exactly_the_pages_that_show_it(tmp_path):
    site = small_site(tmp_path)
    before, after, build = rebuild_after(site, lambda site: (site / "seeds" / "oslo.txt").write_text(NEW_SEED))
    page = "briefings/floods-close-roads-in-oslo.html"
    assert page in after and page not in before
    showing = {p for p, (_, data) in after.items() if p.endswith((".html", ".xml")) and b"floods-close-roads-in-oslo" in data}
    expected = {page, "index.html", "feeds/all.atom.xml", "feeds/all.rss.xml", "place/oslo-norway.html",
                "country/norway.html", "person/anne-lindboe.html", "feeds/place/oslo-norway.atom.xml"}
    day = next(p for p in showing if p.startswith("day/"))
    month = next(p for p in showing if p.startswith("month/"))
    category = next(p for p in showing if p.startswith("category/"))
    assert expected | {day, month, category} <= showing
    assert showing <= set(build["rendered"]) | {"sitemap.xml", "sitemap-news.xml"}
    assert_minimal(before, after, build["rendered"])
    untouched = [p for p in before if after.get(p) == before[p]]
    assert len(untouched) > 0.7 * len(before)


def test_an_edited_post_renders_its_page_and_the_listings_that_show_it(tmp_path):
    site = small_site(tmp_path)

    def edit(site):
        post = post_for(site, "ap-austin-water-plan.txt")
        text = post.read_text(encoding="utf-8").replace("title: ", "title: Corrected: ", 1)
        post.write_text(text, encoding="utf-8")

    before, after, build = rebuild_after(site, edit)
    slug = post_for(site, "ap-austin-water-plan.txt").stem
    assert b"Corrected: " in after[f"briefings/{slug}.html"][1]
    assert "index.html" in build["rendered"] and "feeds/all.atom.xml" in build["rendered"]
    assert_minimal(before, after, build["rendered"])
    for path, (_, data) in after.items():
        if slug.encode() in data and path.endswith(".html") and path not in ("review.html",):
            assert b"Corrected: " in data, f"{path} lists the briefing with its old headline"


def test_a_deleted_seed_takes_its_pages_away(tmp_path):
    site = small_site(tmp_path)
    pelican_build(site)
    slug = post_for(site, "kyodo-tokyo-cherry-blossoms.txt").stem
    before, after, build = rebuild_after(site, lambda site: (site / "seeds" / "kyodo-tokyo-cherry-blossoms.txt").unlink())
    assert f"briefings/{slug}.html" in before and f"briefings/{slug}.html" not in after
    assert f"briefings/{slug}.html" in build["removed"]
    assert not [p for p, (_, data) in after.items() if slug.encode() in data]
    assert_minimal(before, after, build["rendered"])


def test_a_record_of_the_version_before_still_takes_away_what_the_site_no_longer_has(tmp_path):
    site = small_site(tmp_path)
    pelican_build(site)
    slug = post_for(site, "kyodo-tokyo-cherry-blossoms.txt").stem
    # the record as version 2 wrote it: each file's entry a list of key, size and time
    (path,) = (site / "cache").glob("wirebrief-output-*.json")
    record = json.loads(path.read_text())
    assert record["version"] == 3
    record["version"] = 2
    record["files"] = {rel: [None if key == "-" else key, int(size), int(mtime)]
                       for rel, (key, size, mtime) in ((rel, entry.split(" ")) for rel, entry in record["files"].items())}
    path.write_text(json.dumps(record))
    (site / "seeds" / "kyodo-tokyo-cherry-blossoms.txt").unlink()
    pelican_build(site)
    assert not (site / "output" / "briefings" / f"{slug}.html").exists()
    assert f"briefings/{slug}.html" in last_build(site)["removed"]


OPERATIONS = st.lists(st.sampled_from(["add", "add-photo", "edit", "delete", "delete-edited", "touch", "readd"]),
                      min_size=1, max_size=4)


def apply(site: Path, operation: str, step: int) -> None:
    seeds = site / "seeds"
    present = sorted(p.name for p in seeds.glob("*.txt"))
    if operation == "add":
        (seeds / f"new-{step}.txt").write_text(NEW_SEED.replace("Oslo", f"Bergen {step}" if step % 2 else "Oslo"))
    elif operation == "add-photo" and present:
        Image.new("RGB", (1200, 800), (30, 90, 20 * step)).save(seeds / (present[-1].rsplit(".", 1)[0] + ".jpg"))
    elif operation == "edit" and present:
        post = post_for(site, present[step % len(present)])
        post.write_text(post.read_text(encoding="utf-8") + f"\nAn editor's sentence {step}.\n", encoding="utf-8")
    elif operation in ("delete", "delete-edited") and present:
        victim = present[step % len(present)]
        if operation == "delete-edited":
            post = post_for(site, victim)
            post.write_text(post.read_text(encoding="utf-8") + "\nKept by the desk.\n", encoding="utf-8")
        (seeds / victim).unlink()
    elif operation == "touch" and present:
        os.utime(seeds / present[0])
    elif operation == "readd":
        for name in SMALL:
            if not (seeds / name).exists():
                shutil.copy2(SEEDS / name, seeds / name)
                break


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_any_sequence_of_incremental_builds_ends_as_a_cold_build_would(tmp_path_factory, operations):
    tmp = tmp_path_factory.mktemp("sequence")
    site = small_site(tmp)
    pelican_build(site)
    for step, operation in enumerate(operations):
        apply(site, operation, step)
        pelican_build(site)
    # the same seeds and posts, built from nothing
    cold = tmp / "cold"
    cold.mkdir()
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy2(site / name, cold / name)
    shutil.copytree(site / "theme", cold / "theme")
    shutil.copytree(site / "seeds", cold / "seeds")
    shutil.copytree(site / "content", cold / "content")
    (cold / "plugins").symlink_to((site / "plugins").resolve())
    pelican_build(cold)
    incremental = {p: data for p, (_, data) in files(site / "output").items()}
    from_scratch = {p: data for p, (_, data) in files(cold / "output").items()}
    assert sorted(incremental) == sorted(from_scratch), operations
    different = [p for p in incremental if incremental[p] != from_scratch[p]]
    assert not different, (operations, different)


def test_a_list_that_starts_to_show_a_field_is_keyed_on_it(tmp_path):
    """Render-plan keys come from what templates read: once the theme's listing shows the
    byline, editing a byline re-renders the lists that show that briefing, and only them."""
    site = small_site(tmp_path)
    macros = site / "theme" / "templates" / "_macros.html"
    macros.write_text(macros.read_text(encoding="utf-8").replace(
        "{{ dateline(article, link=False) }}",
        '{{ dateline(article, link=False) }}{% if article.byline %}<p class="by">{{ article.byline }}</p>{% endif %}', 1),
        encoding="utf-8")

    def edit(site):
        post = post_for(site, "ap-austin-water-plan.txt")
        text = post.read_text(encoding="utf-8")
        assert "\nbyline: " not in text
        post.write_text(text.replace("\ndate: ", "\nbyline: Jane Roe\ndate: ", 1), encoding="utf-8")

    before, after, build = rebuild_after(site, edit)
    assert b'<p class="by">Jane Roe</p>' in after["index.html"][1]
    slug = post_for(site, "ap-austin-water-plan.txt").stem
    for path, (_, data) in after.items():
        if not path.endswith(".html") or path == "review.html":
            continue
        if f'/{slug}.html"'.encode() in data:   # shows the briefing
            if b'<article class="item">' in data:   # in the theme's listing (the item macro)
                assert b"Jane Roe" in data, f"{path} lists the briefing without its new byline"
        elif path != f"briefings/{slug}.html":
            assert after[path] == before[path] and path not in build["rendered"], f"{path} does not list it but was rendered"


def test_templates_are_compiled_once_and_again_when_they_change(tmp_path):
    """The theme's compiled templates are kept in the cache folder: a later build loads them
    instead of compiling every template again, and a template edited since is compiled anew,
    so its pages show the edit."""
    site = small_site(tmp_path)
    pelican_build(site)
    compiled = {p.name: p.stat().st_mtime_ns for p in (site / "cache" / "jinja").glob("*.cache")}
    assert len(compiled) >= 10, compiled   # base, article, index, the facet and period pages, macros…
    time.sleep(0.02)
    template = site / "theme" / "templates" / "article.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        "{% block content %}", "{% block content %}<!-- edited template -->", 1), encoding="utf-8")
    pelican_build(site)
    pages = list((site / "output" / "briefings").glob("*.html"))
    assert pages and all("<!-- edited template -->" in p.read_text(encoding="utf-8") for p in pages)
    again = {p.name: p.stat().st_mtime_ns for p in (site / "cache" / "jinja").glob("*.cache")}
    assert sorted(again) == sorted(compiled)
    # article.html compiled anew; every other template loaded as it was compiled
    assert len([name for name in compiled if again[name] != compiled[name]]) == 1


def test_templates_compiled_for_other_jinja_settings_are_not_used(tmp_path):
    """Jinja compiles some settings into a template's code (trim_blocks here): after they
    change, the pages are what a build from nothing with the new settings gives, not pages
    rendered with code compiled for the old ones."""
    site = small_site(tmp_path)
    pelican_build(site)
    with (site / "pelicanconf.py").open("a") as conf:
        conf.write('\nJINJA_ENVIRONMENT = {"trim_blocks": False, "lstrip_blocks": False, "extensions": []}\n')
    pelican_build(site)
    cold = tmp_path / "cold"
    cold.mkdir()
    for name in ("pelicanconf.py", "publishconf.py"):
        shutil.copy2(site / name, cold / name)
    for folder in ("theme", "seeds", "content"):
        shutil.copytree(site / folder, cold / folder)
    (cold / "plugins").symlink_to((site / "plugins").resolve())
    pelican_build(cold)
    page = "index.html"
    assert files(site / "output")[page][1] == files(cold / "output")[page][1]
    assert b"\n\n\n" in files(cold / "output")[page][1]   # the setting shows: blank lines the blocks left


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=12), st.text(max_size=20), max_size=40), st.integers(1, 7))
def test_the_record_written_in_pieces_is_the_json_of_the_whole(files, part):
    """The render plan's record goes to disk a few thousand files at a time (at 50,000
    briefings the whole text and its bytes were the build's last peak): the bytes are those
    of json.dumps of the whole record, whatever the number of files, at and around a piece's size."""
    from wirebrief.site import renderplan

    unlisted = sorted(files)[:2]
    last = {"rendered": sorted(files)[:3], "skipped": len(files), "removed": []}
    whole = json.dumps({"version": renderplan.VERSION, "files": files, "unlisted": unlisted, "last_build": last},
                       sort_keys=True).encode()
    renderplan._RECORD_PART, size = part, renderplan._RECORD_PART
    try:
        assert b"".join(renderplan._record(files, unlisted, last)) == whole
    finally:
        renderplan._RECORD_PART = size


def test_compiled_templates_are_keyed_on_what_jinja_compiles_into_them():
    """What Jinja's own key leaves out but compiles into a template: whether this template is
    autoescaped (a callable decides per name), how finalize is called, what a filter does (the
    optimizer applies filters to constants when it compiles), a filter's code (two lambdas
    share a name). Each gives another key; the same environment gives the same key."""
    from jinja2 import Environment, pass_context, select_autoescape

    from wirebrief.site.hooks import compiled_for

    def key(**options):
        filters = options.pop("filters", {})
        environment = Environment(**options)
        environment.filters.update(filters)
        return compiled_for(environment, "page.html")

    assert key() == key()
    assert key(autoescape=select_autoescape(["xml"])) != key(autoescape=select_autoescape(["html"]))
    assert key(finalize=lambda v: v) != key(finalize=pass_context(lambda c, v: v))
    assert key(filters={"up": str.upper}) != key(filters={"up": str.lower})
    assert key(filters={"tag": lambda v: v + "1"}) != key(filters={"tag": lambda v: v + "2"})
    assert key(trim_blocks=True) != key()
