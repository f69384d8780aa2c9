"""A place, person, country, tag or category page shows its latest briefings; older ones are on
pages keyed by month ("place/oslo-norway/2026-09.html"), so a new briefing changes its own
month's page and the facet's page, not every page of a long list."""

import json
import shutil
import subprocess
import time

import pytest
from bs4 import BeautifulSoup

from conftest import make_site, pelican_build
from test_html_validity import VNU

LATEST = 2
OSLO = "{title}\n\nOSLO, {date} (NTB) -- Heavy rain closed roads across Norway, Mayor Anne Lindboe said.\n"
DATES = {"sep": "Sept. 5, 2026", "oct-a": "Oct. 3, 2026", "oct-b": "Oct. 20, 2026"}


def links(page) -> list[str]:
    return [a["href"].rsplit("/", 1)[-1] for a in BeautifulSoup(page.read_bytes(), "html.parser").select("article.item h2 a")]


@pytest.fixture
def oslo_site(tmp_path):
    seeds = tmp_path / "seeds-in"
    seeds.mkdir()
    for key, date in DATES.items():
        (seeds / f"{key}.txt").write_text(OSLO.format(title=f"Oslo roads {key}", date=date))
    site = make_site(tmp_path, seeds)
    with (site / "pelicanconf.py").open("a") as conf:
        conf.write(f"\nWIREBRIEF_FACET_LATEST = {LATEST}\n")
    pelican_build(site)
    return site


def test_a_facet_shows_its_latest_briefings_and_the_rest_by_month(oslo_site):
    out = oslo_site / "output"
    for facet in ("place/oslo-norway", "country/norway", "person/anne-lindboe", "tag/norway"):
        assert links(out / f"{facet}.html") == ["oslo-roads-oct-b.html", "oslo-roads-oct-a.html"], facet
        page = BeautifulSoup((out / f"{facet}.html").read_bytes(), "html.parser")
        months = [(a["href"].rsplit("/", 2)[-2:], a.get_text()) for a in page.select("nav.months a")]
        slug = facet.split("/")[1]
        assert months == [([slug, "2026-10.html"], "October 2026"), ([slug, "2026-09.html"], "September 2026")], facet
        assert "3 briefings" in page.select_one("p.count").get_text()
        assert links(out / facet / "2026-10.html") == ["oslo-roads-oct-b.html", "oslo-roads-oct-a.html"]
        assert links(out / facet / "2026-09.html") == ["oslo-roads-sep.html"]
        september = BeautifulSoup((out / facet / "2026-09.html").read_bytes(), "html.parser")
        assert [a.get_text() for a in september.select("nav.pager a[rel=next]")] == ["October 2026"]
        assert september.find("a", string="latest briefings")["href"].endswith(f"{facet}.html")


def test_a_facet_that_fits_on_its_page_has_no_month_pages(oslo_site):
    out = oslo_site / "output"
    (oslo_site / "seeds" / "sep.txt").unlink()
    pelican_build(oslo_site)
    assert not (out / "place" / "oslo-norway").exists()
    assert not BeautifulSoup((out / "place" / "oslo-norway.html").read_bytes(), "html.parser").select("nav.months")


def test_a_new_briefing_renders_its_month_and_leaves_other_months_alone(oslo_site):
    out = oslo_site / "output"
    september = out / "place" / "oslo-norway" / "2026-09.html"
    before = (september.stat().st_mtime_ns, september.read_bytes())
    time.sleep(0.02)
    (oslo_site / "seeds" / "oct-c.txt").write_text(OSLO.format(title="Oslo roads oct-c", date="Oct. 25, 2026"))
    pelican_build(oslo_site)
    (record,) = (oslo_site / "cache").glob("wirebrief-output-*.json")
    rendered = json.loads(record.read_text())["last_build"]["rendered"]
    assert {"place/oslo-norway.html", "place/oslo-norway/2026-10.html"} <= set(rendered)
    assert not [p for p in rendered if p.endswith("/2026-09.html")]
    assert (september.stat().st_mtime_ns, september.read_bytes()) == before
    assert links(out / "place" / "oslo-norway" / "2026-10.html")[0] == "oslo-roads-oct-c.html"


def test_month_pages_are_valid_html(oslo_site):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("vnu.jar or java is missing: `make test` installs them (make test-tools)")
    pages = [str(p) for p in (oslo_site / "output").glob("*/*/20*.html")] + [str(oslo_site / "output" / "tag" / "norway.html")]
    assert len(pages) > 8
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", *pages], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[:2000]
