"""Lead photos dropped beside their seeds."""

import json
import subprocess

from bs4 import BeautifulSoup
from PIL import Image

from conftest import make_site, pelican_build
from test_html_validity import VNU
from wirebrief.ingest.sync import ingest
from wirebrief.ingest.post import read_header
from wirebrief.settings import WirebriefSettings

SEED = ("Harbin opens ice festival\n\nVisitors walk past sculptures in Harbin, Heilongjiang Province, Jan. 5, 2023. "
        "(Xinhua/Zhao Mingyuan)\n\nHARBIN, Jan. 5 (Xinhua) -- The festival opened on Thursday.\n")
SLUG = "harbin-opens-ice-festival"


def photo(path, size=(2000, 1333), fmt="JPEG", exif=True):
    img = Image.new("RGB", size, (30, 90, 160))
    kwargs = {}
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"      # camera make: must not be published
        data[0x0112] = 1                # orientation
        kwargs["exif"] = data
    img.save(path, fmt, **kwargs)


def cfg(site):
    return WirebriefSettings(seeds_dir=site / "seeds", content_dir=site / "content")


def built_photo_site(tmp_path):
    """A site of one seed with its photo beside it, built by real Pelican."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "harbin.txt").write_text(SEED)
    photo(seeds / "harbin.jpg")
    site = make_site(tmp_path, seeds)
    pelican_build(site)
    return site


def test_photo_beside_a_seed_becomes_the_lead_image(tmp_path):
    site = built_photo_site(tmp_path)
    header = read_header((site / "content" / "briefings" / f"{SLUG}.md").read_text())
    assert header["image"] == f"images/briefings/{SLUG}-960.jpg"
    assert (header["image_width"], header["image_height"]) == ("960", "640")
    assert header["image_srcset"] == ", ".join(f"images/briefings/{SLUG}-{w}.jpg {w}w" for w in (480, 960, 1600))
    for width in (480, 960, 1600):
        with Image.open(site / "content" / "images" / "briefings" / f"{SLUG}-{width}.jpg") as variant:
            assert variant.width == width and not variant.getexif()  # camera data stripped
    page = BeautifulSoup((site / "output" / "briefings" / f"{SLUG}.html").read_text(), "html.parser")
    img = page.select_one("figure img")
    assert img["loading"] == "eager" and img["width"] == "960" and img["height"] == "640"
    assert img["alt"].startswith("Visitors walk past sculptures")
    assert [c.split()[1] for c in img["srcset"].split(", ")] == ["480w", "960w", "1600w"]
    for candidate in img["srcset"].split(", "):
        assert (page_dir := site / "output" / "briefings") and (page_dir / candidate.split()[0]).resolve().is_file()
    assert page.select_one("figcaption .credit").get_text() == "Photo: Xinhua/Zhao Mingyuan"
    og = page.find("meta", property="og:image")["content"]
    assert og == f"https://briefings.example.org/images/briefings/{SLUG}-1600.jpg"
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["image"]["url"] == og and data["image"]["creditText"] == "Xinhua/Zhao Mingyuan"
    listing = BeautifulSoup((site / "output" / "index.html").read_text(), "html.parser")
    assert listing.select_one("img.thumb")["loading"] == "lazy"
    if VNU.exists():
        result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", str(site / "output" / "briefings" / f"{SLUG}.html"),
                                 str(site / "output" / "index.html")], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr


def test_photo_ingest_is_idempotent_and_follows_its_seed(tmp_path):
    site = tmp_path
    (site / "seeds").mkdir()
    (site / "seeds" / "harbin.txt").write_text(SEED)
    photo(site / "seeds" / "harbin.png", size=(300, 200), fmt="PNG", exif=False)
    ingest(cfg(site))
    images = site / "content" / "images" / "briefings"
    assert sorted(p.name for p in images.iterdir()) == [f"{SLUG}-300.png"]  # never wider than the original
    mtimes = {p: p.stat().st_mtime_ns for p in images.iterdir()}
    report = ingest(cfg(site))
    assert [e.kind for e in report.events] == ["unchanged"]
    assert {p: p.stat().st_mtime_ns for p in images.iterdir()} == mtimes
    (site / "seeds" / "harbin.txt").unlink()
    (site / "seeds" / "harbin.png").unlink()
    ingest(cfg(site))
    assert list(images.iterdir()) == []


def test_bad_or_lonely_photos_are_reported_and_not_published(tmp_path):
    site = tmp_path
    (site / "seeds").mkdir()
    (site / "seeds" / "harbin.txt").write_text(SEED)
    (site / "seeds" / "harbin.jpg").write_bytes(b"\xff\xd8\xff\xe0 not really a jpeg")
    photo(site / "seeds" / "lonely.webp", size=(100, 100), fmt="WEBP", exif=False)
    report = ingest(cfg(site))
    lines = sorted(e.line() for e in report.errors)
    assert lines[0].startswith("seeds/harbin.jpg: photo not published: cannot decode the image")
    assert lines[1] == ("seeds/lonely.webp: photo not published: no seed beside it (a .txt, .xml or .json with the same "
                        "name, or an agency file naming it as its photo)")
    header = read_header((site / "content" / "briefings" / f"{SLUG}.md").read_text())
    assert "image" not in header  # the post is published, without a broken image
    assert not (site / "content" / "images").exists() or not list((site / "content" / "images").rglob("*.*"))
