"""The editor's tools: review, new, and the development server that picks up dropped seeds."""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, make_site, pelican_build, wirebrief


def test_review_lists_weak_extractions_and_says_so_in_its_exit_status(tmp_path):
    site = make_site(tmp_path)
    pelican_build(site)
    result = wirebrief("review", cwd=site)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    (line,) = [x for x in lines if x.startswith("content/briefings/library-extends-opening-hours-for-exam-season.md (from seeds/plain-title-and-paragraphs.txt):")]
    assert "no date in the text" in line and "no location" in line
    # the AP samples name only a weekday ("on Monday"): dated by the day received, and listed for it
    undated = sorted(x.split(" (from ")[1].split(")")[0] for x in lines if x != line)
    assert undated == ["seeds/ap-paris-texas-museum.txt", "seeds/ap-stamford-ferry.txt"]
    assert all(x.endswith("no date in the text: dated by the day the seed was received") for x in lines if x != line)
    # the review page of the development build lists the same briefing
    page = BeautifulSoup((site / "output" / "review.html").read_text(), "html.parser")
    assert "library-extends-opening-hours-for-exam-season.md" in page.select_one("table.review").get_text()

    def review_row(name):
        page = BeautifulSoup((site / "output" / "review.html").read_text(), "html.parser")
        (row,) = [tr for tr in page.select("table.review tr") if f"{name}.md" in tr.get_text()]
        return " ".join(row.get_text().split())

    museum = "small-town-museum-in-paris-texas-wins-national-award"
    assert "(edited)" not in review_row(museum)
    # an editor changes the body but not what review checks: the page says the post is edited
    post = site / "content" / "briefings" / f"{museum}.md"
    post.write_text(post.read_text().replace("\n\n", "\n\nAn editor's first paragraph.\n\n", 1))
    # another saves it with a byte-order mark (as Notepad does) and a field written twice
    # (Markdown reads it as a list): edited for ingest, so edited on the page; and it builds
    ferry = "commuter-ferry-resumes-service-after-harbor-repairs"
    post = site / "content" / "briefings" / f"{ferry}.md"
    post.write_text("\ufeff" + post.read_text().replace("source: AP\n", "source: AP\nsource: Reuters\n"))
    pelican_build(site)
    assert "Small-town museum in Paris, Texas, wins national award (edited)" in review_row(museum)
    assert "Commuter ferry resumes service after harbor repairs (edited)" in review_row(ferry)
    # the editor fixes the post: the machine keeps the fix, and review is satisfied
    post = site / "content" / "briefings" / "library-extends-opening-hours-for-exam-season.md"
    post.write_text(post.read_text().replace("date_source: received", "date_source: editor\nlocation: Oslo, Norway\nsource: NTB"))
    for name in ("commuter-ferry-resumes-service-after-harbor-repairs", "small-town-museum-in-paris-texas-wins-national-award"):
        post = site / "content" / "briefings" / f"{name}.md"
        post.write_text(post.read_text().replace("date_source: received", "date_source: editor"))
    result = wirebrief("review", cwd=site)
    assert result.returncode == 0 and result.stdout == ""


def test_new_starts_a_seed_or_a_post(tmp_path):
    site = make_site(tmp_path)
    result = wirebrief("new", "Floods close roads in Oslo", "--place", "Oslo", "--agency", "NTB", cwd=site)
    assert result.returncode == 0, result.stderr
    seed = site / "seeds" / "floods-close-roads-in-oslo.txt"
    assert seed.read_text().startswith("Floods close roads in Oslo\n\nOSLO, ")
    assert wirebrief("new", "Floods close roads in Oslo", cwd=site).returncode == 1  # never overwrites
    extracted = wirebrief("extract", str(seed), "--json", cwd=site)
    result = wirebrief("new", "An editor writes", "--post", cwd=site)
    post = site / "content" / "briefings" / "an-editor-writes.md"
    assert result.returncode == 0 and post.read_text().startswith("title: An editor writes\n")
    pelican_build(site)
    assert (site / "output" / "briefings" / "an-editor-writes.html").exists()
    assert post.read_text().startswith("title: An editor writes\n")  # ingest leaves it alone


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode()
    except OSError:
        return None


def wait_for(predicate, timeout: float = 60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    return None


@pytest.fixture
def devserver(tmp_path, request):
    site = make_site(tmp_path)
    port = free_port()
    log = open(tmp_path / "devserver.log", "w")
    searching = getattr(request, "param", None) == "search"
    process = subprocess.Popen([sys.executable, "-m", "wirebrief.tools.cli", "devserver", "--port", str(port),
                                *([] if searching else ["--no-search"])],
                               cwd=site, stdout=log, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        started = wait_for(lambda: fetch(f"{url}/index.html"), timeout=180 if searching else 60)   # every month indexed first
        assert started, "the development server did not start:\n" + (tmp_path / "devserver.log").read_text()
        yield site, url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()


def test_a_dropped_seed_appears_on_the_served_site(devserver):
    site, url = devserver
    (site / "seeds" / "dropped.txt").write_text("Dropped seed makes the front page\n\nOSLO, Nov. 27 (NTB) -- Text.\n")
    page = wait_for(lambda: fetch(f"{url}/briefings/dropped-seed-makes-the-front-page.html"))
    assert page and "Dropped seed makes the front page" in page
    # the front page is written after the article pages in the same build
    assert wait_for(lambda: "Dropped seed makes the front page" in (fetch(f"{url}/index.html") or ""))


@pytest.mark.parametrize("devserver", ["search"], indirect=True)
def test_search_finds_what_the_devserver_just_built(devserver, browser):
    """`make devserver` with search: each build indexes the months whose pages it wrote, so a
    dropped seed, and an edit, are found on the served search page."""
    site, url = devserver
    page = browser.new_page()
    tromso = "Harbour of Tromso reopens after the storm"

    def found(query: str) -> list[str] | None:
        """The titles the search page lists once it has said how many it found (None: it never said)."""
        page.goto(f"{url}/search.html?q={query}")
        try:
            page.wait_for_function("/results? for/i.test(document.querySelector('.pagefind-ui__message')?.textContent || '')",
                                   timeout=10_000)
        except Exception:
            return None
        return page.locator(".pagefind-ui__result-link").all_inner_texts()

    try:
        assert wait_for(lambda: "Chinese premier calls for closer exchanges, enhanced cooperation with Kazakhstan"
                        in (found("Kazakhstan") or []))
        (site / "seeds" / "dropped.txt").write_text(f"{tromso}\n\n"
                                                    "TROMSO, Nov. 27 (NTB) -- The harbour reopened on Friday, the port's zanzibarite crane intact.\n")
        assert wait_for(lambda: tromso in (found("zanzibarite") or []), timeout=90)
        post = next((site / "content" / "briefings").glob("harbour-of-tromso-reopens*.md"))
        post.write_text(post.read_text(encoding="utf-8").replace("zanzibarite", "quetzalite"), encoding="utf-8")
        assert wait_for(lambda: tromso in (found("quetzalite") or []), timeout=90)
        gone = found("zanzibarite")   # the month was indexed again, not added to
        assert gone is not None and tromso not in gone
    finally:
        page.close()


def test_theme_and_post_edits_are_picked_up(devserver):
    site, url = devserver
    base = site / "theme" / "templates" / "base.html"
    base.write_text(base.read_text().replace("Skip to content", "Skip to the briefings"))
    assert wait_for(lambda: "Skip to the briefings" in (fetch(f"{url}/index.html") or ""))
    post = site / "content" / "briefings" / "chinese-premier-calls-for-closer-exchanges-enhanced-cooperation-with-kazakhstan.md"
    post.write_text(post.read_text().replace("category: Diplomacy", "category: Asia"))
    assert wait_for(lambda: fetch(f"{url}/category/asia.html"))


def test_a_failed_build_is_reported_the_last_site_served_and_the_next_change_recovers(devserver, tmp_path):
    site, url = devserver
    front = fetch(f"{url}/index.html")
    article = site / "theme" / "templates" / "article.html"
    good_template = article.read_text()
    article.write_text("{% extends 'base.html' %}{% block content %}{{ broken( }}{% endblock %}")
    (site / "seeds" / "during.txt").write_text("Seed dropped while the theme is broken\n\nOSLO, Nov. 27 (NTB) -- Text.\n")
    log = tmp_path / "devserver.log"
    assert wait_for(lambda: "build failed" in log.read_text()), log.read_text()
    (line,) = [line for line in log.read_text().splitlines() if "build failed" in line]
    assert "TemplateSyntaxError" in line and "Traceback" not in log.read_text()
    assert fetch(f"{url}/index.html") == front  # still serving the last good site
    article.write_text(good_template)  # the editor fixes the theme: the next build completes
    assert wait_for(lambda: fetch(f"{url}/briefings/seed-dropped-while-the-theme-is-broken.html"))
    assert wait_for(lambda: "Seed dropped while the theme is broken" in (fetch(f"{url}/index.html") or ""))
