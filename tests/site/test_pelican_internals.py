"""One test per use of Pelican's internals (plugins/wirebrief/site/pelican_internals.py): each
runs Pelican's own generators, contents and writer, and fails if Pelican stops behaving the
way the use relies on."""

from __future__ import annotations

import inspect
import os
from pathlib import Path

import jinja2
import pytest
from pelican import signals
from pelican.contents import Article, Content
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.settings import read_settings
from pelican.urlwrappers import Category, Tag
from pelican.writers import FileOverwriteFailedError, Writer

from wirebrief.site import pelican_internals as internals

POST = "Title: {title}\nAuthor: Desk\nDate: 2025-11-{day:02d} 10:00\nCategory: World\nTags: floods, {title}\n\nBody of {title}.\n"


@pytest.fixture
def site(tmp_path):
    content = tmp_path / "content"
    (content / "pages").mkdir(parents=True)
    (content / "images").mkdir()
    for day, title in ((1, "alpha"), (2, "beta")):
        (content / f"{title}.md").write_text(POST.format(title=title, day=day))
    (content / "pages" / "about.md").write_text("Title: About\n\nAbout us.\n")
    (content / "images" / "photo.jpg").write_bytes(b"\xff\xd8 not really a photo \xff\xd9")
    return tmp_path


def generator(cls, site: Path, **settings):
    """A Pelican generator set up as Pelican.run sets it up, on the fixture's content."""
    settings = read_settings(None, override={
        "PATH": str(site / "content"), "OUTPUT_PATH": str(site / "output"), "CACHE_PATH": str(site / "cache"),
        "CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True, "CONTENT_CACHING_LAYER": "generator",
        "PAGE_PATHS": ["pages"], "ARTICLE_EXCLUDES": ["pages"], "STATIC_PATHS": ["images"],
        "FEED_ALL_ATOM": None, "CATEGORY_FEED_ATOM": None, "AUTHOR_FEED_ATOM": None, "AUTHOR_FEED_RSS": None,
        "TRANSLATION_FEED_ATOM": None, **settings})
    context = {**settings, "generated_content": {}, "static_links": set(), "static_content": {},
               "localsiteurl": settings["SITEURL"]}
    return cls(context=context, settings=settings, path=settings["PATH"], theme=settings["THEME"],
               output_path=settings["OUTPUT_PATH"])


def test_a_pelican_outside_the_supported_range_is_refused_with_both_versions():
    internals.check_version("4.12.0")
    internals.check_version("4.12.7")
    for version in ("4.13.0", "4.11.2", "5.0", "unknown"):
        with pytest.raises(internals.UnsupportedPelican) as refused:
            internals.check_version(version)
        assert f"Pelican {version} is installed" in str(refused.value)
        assert ">=4.12.0,<4.13.0" in str(refused.value)


def test_pelican_names_its_content_cache_files_as_forget_content_cache_assumes(site):
    for layer in ("generator", "reader"):
        for cls in (ArticlesGenerator, PagesGenerator):
            generator(cls, site, CONTENT_CACHING_LAYER=layer).generate_context()
    cache = site / "cache"
    assert {p.name for p in cache.iterdir()} == {"ArticlesGenerator", "ArticlesGenerator-Readers",
                                                 "PagesGenerator", "PagesGenerator-Readers"}
    (cache / "wirebrief-content-cache").write_text("ours")
    internals.forget_content_cache(cache)
    assert [p.name for p in cache.iterdir()] == ["wirebrief-content-cache"]


def test_cache_data_is_called_for_each_post_read_afresh_and_only_those(site):
    counts = []
    for change in (None, None, lambda: os.utime(site / "content" / "beta.md", ns=(1, 1))):
        if change:
            change()
        articles = generator(ArticlesGenerator, site)
        internals.count_fresh_reads(articles)
        articles.generate_context()
        assert len(articles.articles) == 2
        counts.append(articles.wirebrief_fresh)
        # and keeps them, the very objects the build holds (content.share_equal_values)
        assert len(articles.wirebrief_fresh_posts) == articles.wirebrief_fresh
        assert all(any(post is a for a in articles.articles) for post in articles.wirebrief_fresh_posts)
        if change:
            assert [a.title for a in articles.wirebrief_fresh_posts] == ["beta"]
    assert counts == [2, 0, 1]


def test_a_post_cached_before_the_loop_is_taken_from_the_cache_and_not_read_again(site):
    articles = generator(ArticlesGenerator, site)
    internals.count_fresh_reads(articles)
    read_by_pelican = []
    read_file = articles.readers.read_file
    articles.readers.read_file = lambda **kw: read_by_pelican.append(kw["path"]) or read_file(**kw)

    def read_alpha(gen):   # what read_ahead does, for one post, under the name Pelican's loop gives it
        (path,) = [p for p in gen.get_files(gen.settings["ARTICLE_PATHS"], exclude=gen.settings["ARTICLE_EXCLUDES"])
                   if p.endswith("alpha.md")]
        alpha = read_file(base_path=gen.path, path=path, content_class=Article, context=gen.context)
        alpha.read_ahead = True
        gen.cache_data(path, alpha)

    internals.read_before_the_loop(articles, read_alpha)
    articles.generate_context()
    assert [os.path.basename(p) for p in read_by_pelican] == ["beta.md"]
    assert sorted((a.title, getattr(a, "read_ahead", False)) for a in articles.articles) == [("alpha", True), ("beta", False)]
    assert articles.wirebrief_fresh == 2   # both counted as read afresh: both go into the saved cache


def test_a_false_cache_data_policy_set_at_pretaxonomy_leaves_the_saved_cache_as_it_is(site):
    generator(ArticlesGenerator, site).generate_context()
    cache = site / "cache" / "ArticlesGenerator"
    before = (cache.stat().st_mtime_ns, cache.read_bytes())
    (site / "content" / "gamma.md").write_text(POST.format(title="gamma", day=3))
    seen = []

    def pretaxonomy(gen):  # as hooks.py connects them: Pelican has read every post by now
        seen.append((gen.wirebrief_fresh, gen._cache_data_policy))
        internals.skip_unchanged_cache(gen)

    signals.article_generator_init.connect(internals.count_fresh_reads)
    signals.article_generator_pretaxonomy.connect(pretaxonomy)
    try:
        articles = generator(ArticlesGenerator, site)
        articles.generate_context()
    finally:
        signals.article_generator_init.disconnect(internals.count_fresh_reads)
        signals.article_generator_pretaxonomy.disconnect(pretaxonomy)
    assert seen == [(1, True)] and len(articles.articles) == 3
    assert (cache.stat().st_mtime_ns, cache.read_bytes()) == before


def test_uncached_pages_are_read_afresh_and_leave_no_cache_file(site):
    generator(PagesGenerator, site).generate_context()
    stale = site / "cache" / "PagesGenerator"
    assert stale.is_file()
    pages = generator(PagesGenerator, site)
    assert pages._cache and Path(pages._cache_path) == stale  # what it loaded, and from where
    internals.uncached_pages(pages)
    assert not stale.exists()
    cached_reads = []
    pages.get_cached_data = lambda *args, **kwargs: cached_reads.append(args)  # must not be asked
    pages.generate_context()
    assert [p.title for p in pages.pages] == ["About"] and not stale.exists()


def test_static_files_are_copied_through_copy_staticfile(site):
    static = generator(StaticGenerator, site)
    internals.whole_static_copies(static)
    ours, calls = static._copy_staticfile, []
    static._copy_staticfile = lambda sc: (calls.append(sc.save_as), ours(sc))
    static.generate_context()
    static.generate_output(None)
    assert calls == ["images/photo.jpg"]
    assert (site / "output" / "images" / "photo.jpg").read_bytes() == (site / "content" / "images" / "photo.jpg").read_bytes()
    assert hasattr(StaticGenerator, "_mkdir")


class RecordingWriter:
    def __init__(self):
        self.names = []

    def write_file(self, name, *args, **kwargs):
        self.names.append(name)

    def write_feed(self, *args, **kwargs):
        pass


def test_content_and_summary_are_memoized_in_the_dicts_forget_memoized_contents_empties(site):
    gen = generator(ArticlesGenerator, site)
    gen.generate_context()
    article = gen.articles[0]
    assert article.content and article.summary
    held = [key for name in ("get_content", "get_summary") for key in Content.__dict__[name].cache if key[0] is article]
    assert len(held) == 2, "Pelican keeps each article in the memo of its content and of its summary"
    internals.forget_memoized_contents()
    assert not any(key[0] is article for name in ("get_content", "get_summary") for key in Content.__dict__[name].cache)


@pytest.mark.parametrize("taken_over", [False, True])
def test_emptied_tags_categories_and_authors_make_pelican_write_none_of_their_pages(site, taken_over):
    articles = generator(ArticlesGenerator, site)
    articles.generate_context()
    if taken_over:
        internals.take_over_listings(articles)
    writer = RecordingWriter()
    articles.generate_output(writer)
    kinds = {name.split("/")[0] for name in writer.names if "/" in name}
    assert "alpha.html" in writer.names
    if taken_over:
        assert not kinds & {"tag", "category", "author"}
        assert [str(tag) for tag, _ in articles.context["tags"]] == ["alpha", "beta", "floods"]
        assert [str(category) for category, _ in articles.context["categories"]] == ["World"]
    else:  # the control: these are the loops the emptied attributes switch off
        assert {"tag", "category", "author"} <= kinds


def test_override_url_and_save_as_are_what_pelican_gives_as_url_and_save_as():
    settings = read_settings(None, override={"ARTICLE_URL": "briefings/{slug}.html", "ARTICLE_SAVE_AS": "briefings/{slug}.html"})
    frozen = Article("body", metadata={"title": "Floods", "slug": "floods"}, settings=settings)
    internals.freeze_urls(frozen)
    settings["ARTICLE_URL"] = settings["ARTICLE_SAVE_AS"] = "elsewhere/{slug}/"
    assert (frozen.url, frozen.save_as) == ("briefings/floods.html", "briefings/floods.html")
    fresh = Article("body", metadata={"title": "Floods", "slug": "floods"}, settings=settings)
    assert (fresh.url, fresh.save_as) == ("elsewhere/floods/", "elsewhere/floods/")  # formatted on each access


def test_open_w_is_still_the_method_the_writer_copies(tmp_path):
    assert list(inspect.signature(Writer._open_w).parameters) == ["self", "filename", "encoding", "override"]
    assert inspect.signature(Writer._open_w).parameters["override"].default is False
    settings = read_settings(None)

    def outcome(writer_class, opens):
        writer, results = writer_class(str(tmp_path / writer_class.__name__), settings), []
        os.makedirs(writer.output_path, exist_ok=True)
        for name, override in opens:
            try:
                with writer._open_w(os.path.join(writer.output_path, name), "utf-8", override) as f:
                    f.write(name)
                results.append("skipped" if getattr(f, "name", None) == os.devnull else "written")
            except FileOverwriteFailedError:
                results.append("refused")
        return results

    sequences = [[("a", False), ("a", False)], [("a", True), ("a", True)], [("a", False), ("a", True)],
                 [("a", True), ("a", False)], [("a", False), ("b", False)]]
    for opens in sequences:
        assert outcome(internals.PendingFileWriter, opens) == outcome(Writer, opens), opens


def test_write_file_writes_through_open_w_and_only_changed_bytes(tmp_path):
    settings = read_settings(None)
    template = jinja2.Template("<p>{{ text }}</p>")
    page = tmp_path / "page.html"
    internals.PendingFileWriter(str(tmp_path), settings).write_file("page.html", template, {}, text="one")
    os.utime(page, ns=(1, 1))
    internals.PendingFileWriter(str(tmp_path), settings).write_file("page.html", template, {}, text="one")
    assert page.stat().st_mtime_ns == 1
    internals.PendingFileWriter(str(tmp_path), settings).write_file("page.html", template, {}, text="two")
    assert page.read_text() == "<p>two</p>" and page.stat().st_mtime_ns != 1


def test_a_file_counted_as_written_is_one_pelican_refuses_to_write_again(tmp_path):
    writer = Writer(str(tmp_path), read_settings(None))
    path = str(tmp_path / "page.html")
    internals.PendingFileWriter.count_as_written(writer, path)
    with pytest.raises(FileOverwriteFailedError):
        Writer._open_w(writer, path, "utf-8")


def test_a_url_wrapper_works_out_its_slug_once_into_slug_which_share_slugs_fills():
    settings = read_settings(None)
    tags = [Tag("São Paulo", settings), Tag("São Paulo", settings), Category("São Paulo", settings)]
    assert all(t._slug is None for t in tags)   # nothing worked out yet
    slugs = {}
    internals.share_slugs(tags, slugs)
    assert [t._slug for t in tags] == ["sao-paulo"] * 3
    assert list(slugs) == [(Tag, "São Paulo"), (Category, "São Paulo")]
    assert [t.slug for t in tags] == [Tag("São Paulo", settings).slug] * 3   # the property returns _slug
    renamed = Tag("x", settings)
    internals.share_slugs(renamed, slugs)
    renamed.name = "São Paulo"   # a new name forgets the slug, as Pelican's own would
    assert renamed.slug == "sao-paulo"


def test_each_post_is_recorded_in_generated_content_under_its_own_relative_source_path(site):
    for build in ("cold", "cached"):
        articles = generator(ArticlesGenerator, site)
        internals.source_paths_shared(articles)
        articles.generate_context()
        recorded = articles.context["generated_content"]
        assert sorted(recorded) == ["alpha.md", "beta.md"], build
        for location, article in recorded.items():
            assert location == article.get_relative_source_path()   # what Pelican records it under
            assert location is article.relative_source_path, build   # the post's own string, not a copy
