"""Each post's HTML is kept beside Pelican's content cache, not in it (site/content_store.py):
a post taken from the cache shows the HTML it was read with, a cache written again keeps the
HTML of the posts it did not read afresh, and a post whose HTML is gone is read again."""

from __future__ import annotations

import errno
import gzip
import os
import pickle
from pathlib import Path

import pytest
from pelican import signals
from pelican.generators import ArticlesGenerator

from conftest import make_site
from test_forked_render import NEW_SEED, build, generate, output_files
from test_pelican_internals import POST, generator, site  # noqa: F401 (site: the fixture)
from wirebrief.files import FileFault
from wirebrief.site import content_store
from wirebrief.site import pelican_internals as internals


@pytest.fixture(autouse=True)
def store_hooks():
    """The hooks as hooks.py connects them, for the generators these tests make."""
    content_store.install()
    receivers = (content_store.drop_lost, content_store.write_with_cache, internals.count_fresh_reads)
    for receiver in receivers:
        signals.article_generator_init.connect(receiver)
    yield
    for receiver in receivers:
        signals.article_generator_init.disconnect(receiver)


def read(site: Path, **settings) -> ArticlesGenerator:
    articles = generator(ArticlesGenerator, site, **settings)
    articles.generate_context()
    return articles


def contents(articles: ArticlesGenerator) -> dict[str, str]:
    return {a.title: a.content for a in articles.articles}


def stores(site: Path) -> list[Path]:
    return sorted((site / "cache").glob("ArticlesGenerator.html-*"))


def test_the_cache_holds_where_each_posts_html_is_and_a_cached_post_shows_it(site, monkeypatch):
    first = read(site)
    assert contents(first) == {"alpha": "<p>Body of alpha.</p>", "beta": "<p>Body of beta.</p>"}
    assert all(content_store._TEXT in vars(a) for a in first.articles), "a post read afresh keeps its HTML: this build shows it"
    (store,) = stores(site)
    cache = (site / "cache" / "ArticlesGenerator").read_bytes()
    if cache[:2] == b"\x1f\x8b":   # GZIP_CACHE, Pelican's default (pelicanconf.py turns it off)
        cache = gzip.decompress(cache)
    assert b"Alpha" in cache or b"alpha" in cache, "not the cache's bytes: the test no longer tests it"
    assert b"Body of alpha" not in cache and b"Body of beta" not in cache
    assert b"<p>Body of alpha.</p>" in store.read_bytes()

    reads = []
    monkeypatch.setattr(content_store, "read", lambda *args, was=content_store.read: reads.append(args) or was(*args))
    again = read(site)
    assert again.wirebrief_fresh == 0, "the posts were not taken from the cache: the test no longer tests it"
    assert reads == [], "reading the posts read their HTML"
    assert all(content_store._TEXT not in vars(a) for a in again.articles)   # not held until asked for
    assert contents(again) == contents(read(site, LOAD_CONTENT_CACHE=False))

    content_store.forget(site / "cache")
    assert stores(site) == []


def test_a_cached_post_gives_its_static_links_without_its_html(site, monkeypatch):
    """Pelican's loop asks every post, cached or not, for the static files its HTML links to."""
    (site / "content" / "alpha.md").write_text(POST.format(title="alpha", day=1).replace(
        "Body of alpha.", "Body of alpha, with [a photo]({static}images/photo.jpg)."))
    first = read(site)
    assert first.context["static_links"] == {"images/photo.jpg"}
    monkeypatch.setattr(content_store, "read", lambda *args: pytest.fail("a post's HTML was read"))
    again = read(site)
    assert again.wirebrief_fresh == 0
    assert again.context["static_links"] == {"images/photo.jpg"}


def test_a_cache_written_again_keeps_the_html_of_the_posts_it_did_not_read_afresh(site):
    read(site)
    (old,) = stores(site)
    (site / "content" / "beta.md").write_text(POST.format(title="beta", day=2).replace("Body of beta", "New body"))
    changed = read(site)
    assert changed.wirebrief_fresh == 1
    (new,) = stores(site)
    assert new != old, "the old store is removed once the cache points into the new one"
    later = read(site)
    assert later.wirebrief_fresh == 0
    assert contents(later) == {"alpha": "<p>Body of alpha.</p>", "beta": "<p>New body.</p>"}


@pytest.mark.parametrize("loss", ["removed", "cut short"])
def test_a_post_whose_html_is_gone_is_read_again(site, loss, caplog):
    read(site)
    (store,) = stores(site)
    if loss == "removed":
        store.unlink()
    else:   # the last post's bytes lost
        store.write_bytes(store.read_bytes()[:-3])
    again = read(site)
    assert again.wirebrief_lost == again.wirebrief_fresh == (2 if loss == "removed" else 1)
    assert contents(again) == {"alpha": "<p>Body of alpha.</p>", "beta": "<p>Body of beta.</p>"}
    assert f"is not in {site / 'cache'} any more: reading them again" in caplog.text
    assert read(site).wirebrief_fresh == 0, "the cache is written again at once, with a whole store"


def test_a_build_after_a_new_seed_shows_cached_posts_as_a_cold_build_does(tmp_path_factory, tmp_path):
    seeds = generate(tmp_path_factory, 150)   # more posts than pelican_internals.REPICKLE_AFTER: the cache is written
    sites = []
    for name in ("rebuilt", "cold"):
        (tmp_path / name).mkdir()
        sites.append(make_site(tmp_path / name, seeds))
    rebuilt, cold = sites
    assert build(rebuilt, 2).returncode == 0
    assert stores(rebuilt), "the cold build wrote no content cache: the test no longer tests it"
    for each in sites:
        (each / "seeds" / "new.txt").write_text(NEW_SEED)
        os.utime(each / "seeds" / "new.txt", ns=(1_764_000_000 * 10**9,) * 2)
    again = build(rebuilt, 2)
    assert again.returncode == 0, again.stdout + again.stderr
    assert build(cold, 2).returncode == 0

    incremental, whole = output_files(rebuilt / "output"), output_files(cold / "output")
    assert incremental.keys() == whole.keys()
    assert [name for name in whole if incremental[name] != whole[name]] == []
    with open(rebuilt / "cache" / "ArticlesGenerator", "rb") as f:
        cached = pickle.load(f)
    assert len(cached) == 150 and all(content_store._TEXT not in vars(article) for _, article in cached.values())


def test_a_store_that_cannot_be_written_leaves_the_cache_as_it_was_and_the_build_goes_on(site, monkeypatch, caplog):
    read(site)
    before = {p.name: p.read_bytes() for p in (site / "cache").iterdir()}
    (site / "content" / "gamma.md").write_text(POST.format(title="gamma", day=3))

    def full(path, data):
        raise FileFault("write", path, OSError(errno.ENOSPC, "No space left on device"))

    monkeypatch.setattr(content_store, "write_atomically", full)
    built = read(site)
    assert contents(built)["gamma"] == "<p>Body of gamma.</p>"
    assert "could not save Pelican's content cache" in caplog.text and "No space left on device" in caplog.text
    assert {p.name: p.read_bytes() for p in (site / "cache").iterdir()} == before
    monkeypatch.undo()
    assert contents(read(site)) == {"alpha": "<p>Body of alpha.</p>", "beta": "<p>Body of beta.</p>",
                                    "gamma": "<p>Body of gamma.</p>"}


def test_old_stores_stay_while_the_cache_on_disk_points_into_them(site, caplog):
    """Pelican only warns when it cannot write its cache: the one on disk, and its store, stay."""
    read(site)
    (old,) = stores(site)
    before = (site / "cache" / "ArticlesGenerator").read_bytes()
    (site / "content" / "gamma.md").write_text(POST.format(title="gamma", day=3))
    refused = generator(ArticlesGenerator, site)   # its cache loaded; writing it is refused, as to a build without the right

    def refuse(path, mode):
        raise PermissionError(errno.EACCES, "Permission denied", path)

    refused._cache_open = refuse
    refused.generate_context()
    assert contents(refused)["gamma"] == "<p>Body of gamma.</p>"
    assert "Could not save cache" in caplog.text
    assert (site / "cache" / "ArticlesGenerator").read_bytes() == before and old.exists()
    again = read(site)
    assert again.wirebrief_lost == 0 and again.wirebrief_fresh == 1   # gamma, read afresh; the others from the cache
