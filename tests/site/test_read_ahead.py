"""A cold build reads its posts in forked processes before Pelican's loop (site/read_ahead.py):
the site it builds is the one a build reading in one process builds, byte for byte; the
content cache it leaves holds every post; a post that cannot be read is reported once, by
Pelican, as it is without forking."""

import pickle
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import make_site
from test_forked_render import build, built_on_one_and_two, generate, shared_among

GENERATED = 500   # seeds: more posts than forked.FORK_FROM


@pytest.fixture(scope="module")
def generated_seeds(tmp_path_factory) -> Path:
    return generate(tmp_path_factory, GENERATED)


def read_among(result: subprocess.CompletedProcess) -> int:
    return shared_among(result, "post(s) to read")


def test_posts_read_in_two_processes_build_the_site_one_process_builds(tmp_path, generated_seeds):
    one, two, single, split, _ = built_on_one_and_two(tmp_path, generated_seeds)
    assert read_among(single) == 1
    assert read_among(split) == 2, "the cold build did not read in two processes: the test no longer tests it"

    # every post went into Pelican's content cache, as read in the build's process or a fork
    posts = sorted((two / "content" / "briefings").glob("*.md"))
    with open(two / "cache" / "ArticlesGenerator", "rb") as f:
        cached = pickle.load(f)
    assert sorted(Path(two / "content", path).resolve() for path in cached) == [p.resolve() for p in posts]
    titles = {Path(two / "content", path).resolve(): article.title for path, (_, article) in cached.items()}
    for post in posts:
        assert titles[post.resolve()] == post.read_text(encoding="utf-8").split("\n", 1)[0].removeprefix("title: ")

    # briefings read in different processes share one object per tag, category, author, person
    # and country (content.share_equal_values), each still with its own list of them
    articles = [article for _, article in cached.values()]
    for field in ("tags", "people", "countries"):
        values = [v for a in articles for v in getattr(a, field) or []]
        by_value = {}
        for v in values:
            by_value.setdefault(str(v), set()).add(id(v))
        assert len(values) > len(by_value) > 1, f"no {field} named twice: the test no longer tests it"
        assert all(len(ids) == 1 for ids in by_value.values()), field
        assert len({id(getattr(a, field)) for a in articles if getattr(a, field)}) == \
            sum(1 for a in articles if getattr(a, field)), f"briefings share a list of {field}"
    for field in ("category", "author"):
        assert len({id(getattr(a, field)) for a in articles}) == len({str(getattr(a, field)) for a in articles}), field
    # so do the names of their metadata, and the short texts they hold (a language, a city,
    # an agency): one object each, in a cold build's cache as in the build that wrote it
    for name in ("title", "lang", "city", "date_source"):
        assert len({id(key) for a in articles for key in a.metadata if key == name}) == 1, name
    for field in ("lang", "city", "country", "date_source", "source"):
        values = [a.metadata[field] for a in articles if isinstance(a.metadata.get(field), str)]
        assert len(values) > len(set(values)) >= 1, f"no {field} held twice: the test no longer tests it"
        assert len({id(v) for v in values}) == len(set(values)), field
    for post in posts[:20]:   # and each is still its own post's
        header = dict(line.split(": ", 1) for line in post.read_text(encoding="utf-8").split("\n\n", 1)[0].split("\n"))
        article = next(a for a in articles if Path(a.source_path).resolve() == post.resolve())
        assert [str(t) for t in article.tags] == header["tags"].split(", ")
        assert str(article.category) == header["category"]


def test_a_post_that_cannot_be_read_is_reported_once_as_without_forking(tmp_path, generated_seeds):
    results = []
    for processes in (1, 2):
        (tmp_path / str(processes)).mkdir()
        site = make_site(tmp_path / str(processes), generated_seeds)
        assert build(site, processes).returncode == 0
        post = sorted((site / "content" / "briefings").glob("*.md"))[3]
        text = post.read_text(encoding="utf-8")
        post.write_text(re.sub(r"(?m)^date: .*$", "date: the day after tomorrow", text, count=1), encoding="utf-8")
        shutil.rmtree(site / "cache")   # cold again: every post is read
        shutil.rmtree(site / "output")
        result = build(site, processes)
        log = " ".join((result.stdout + result.stderr).split())
        results.append((result.returncode, log.count("Could not process"), post.name in log, read_among(result)))
    (code_one, said_one, named_one, _), (code_two, said_two, named_two, among) = results
    assert among == 2, "the build did not read in two processes: the test no longer tests it"
    assert said_one == said_two == 1
    assert named_one and named_two
    assert code_two == code_one


def test_without_a_content_cache_or_with_fatal_warnings_pelicans_loop_reads_every_post(tmp_path, generated_seeds):
    # nothing cached would be taken from the cache; a warning must raise where Pelican's loop logs it
    for name, options in (("uncached", ["CACHE_CONTENT=false"]), ("fatal", ["--fatal", "warnings"])):
        (tmp_path / name).mkdir()
        site = make_site(tmp_path / name, generated_seeds)
        result = build(site, 2, *options)
        assert result.returncode == 0, result.stdout + result.stderr
        assert read_among(result) == 1, name
        assert shared_among(result) == 2, name   # the pages are still rendered on two processes
