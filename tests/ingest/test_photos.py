"""Lead photos dropped beside their seeds."""

import io
import json
import subprocess
import xml.etree.ElementTree as ET

from bs4 import BeautifulSoup
from PIL import ExifTags, Image, IptcImagePlugin

from conftest import make_site, pelican_build
from test_html_validity import VNU
from wirebrief.ingest.sync import ingest
from wirebrief.ingest.photos import Listing, photo_for
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
    assert header["image_srcset"] == ", ".join(f"images/briefings/{SLUG}-{w}.jpg {w}w" for w in (480, 960, 1200, 1600))
    for width in (480, 960, 1200, 1600):
        with Image.open(site / "content" / "images" / "briefings" / f"{SLUG}-{width}.jpg") as variant:
            assert variant.width == width and not variant.getexif()  # camera data stripped
    page = BeautifulSoup((site / "output" / "briefings" / f"{SLUG}.html").read_text(), "html.parser")
    img = page.select_one("figure img")
    assert img["loading"] == "eager" and img["width"] == "960" and img["height"] == "640"
    assert img["alt"].startswith("Visitors walk past sculptures")
    assert [c.split()[1] for c in img["srcset"].split(", ")] == ["480w", "960w", "1200w", "1600w"]
    for candidate in img["srcset"].split(", "):
        assert (page_dir := site / "output" / "briefings") and (page_dir / candidate.split()[0]).resolve().is_file()
    assert page.select_one("figcaption .credit").get_text() == "Photo: Xinhua/Zhao Mingyuan"
    og = page.find("meta", property="og:image")["content"]
    assert og == f"https://briefings.example.org/images/briefings/{SLUG}-1200.jpg"   # Google: 1200 px wide for news
    assert page.find("meta", attrs={"name": "robots"})["content"] == "max-image-preview:large"
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


def test_a_photo_whose_extension_is_in_any_case_is_the_seeds_photo(tmp_path):
    site = tmp_path
    (site / "seeds").mkdir()
    (site / "seeds" / "harbin.txt").write_text(SEED)
    photo(site / "seeds" / "harbin.JpG", size=(500, 300))
    report = ingest(cfg(site))
    assert [e.kind for e in report.events] == ["created"]   # nothing reported as a photo without a seed
    header = read_header((site / "content" / "briefings" / f"{SLUG}.md").read_text())
    assert header["image"].startswith(f"images/briefings/{SLUG}-") and header["image"].endswith(".jpg")
    assert {header["image_width"], header["image_height"]} <= {"480", "500", "288", "300"}
    # the lower-case name, dropped beside it, wins, on any file system
    photo(site / "seeds" / "harbin.jpg", size=(200, 100))
    ingest(cfg(site))
    header = read_header((site / "content" / "briefings" / f"{SLUG}.md").read_text())
    assert (header["image"], header["image_width"]) == (f"images/briefings/{SLUG}-200.jpg", "200")


def test_of_one_photo_in_several_spellings_the_lower_case_then_the_upper_case_one_is_taken(tmp_path):
    seed = tmp_path / "harbin.txt"
    seed.write_text(SEED)
    for name in ("harbin.Jpg", "harbin.JPG", "harbin.jpg", "harbin.PNG", "other.jpg", "harbin.jpg.txt"):
        (tmp_path / name).write_bytes(b"x")
    taken = []
    for _ in range(3):
        found = photo_for(seed, Listing.of(tmp_path))
        taken.append(found.name)
        found.unlink()
    assert taken == ["harbin.jpg", "harbin.JPG", "harbin.Jpg"]
    assert photo_for(seed).name == "harbin.PNG"   # listed here when no listing is given


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


# --- What the variants keep of the original's metadata, read back with Pillow (not with the
# library that wrote them). The fixture is an agency photo as a camera and a desk leave it:
# IPTC IIM and XMP rights, and GPS, camera make, model and serial number in EXIF and XMP.

NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "dc": "http://purl.org/dc/elements/1.1/",
      "photoshop": "http://ns.adobe.com/photoshop/1.0/", "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
      "exif": "http://ns.adobe.com/exif/1.0/", "aux": "http://ns.adobe.com/exif/1.0/aux/"}
SERIAL = "SN-0042-7781"
XMP = f"""<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="{NS['rdf']}">
<rdf:Description rdf:about="" xmlns:dc="{NS['dc']}" xmlns:photoshop="{NS['photoshop']}"
  xmlns:xmpRights="{NS['xmpRights']}" xmlns:exif="{NS['exif']}" xmlns:aux="{NS['aux']}"
  photoshop:Credit="Xinhua News Agency" xmpRights:WebStatement="https://example.org/licensing"
  exif:GPSLatitude="45,45.12N" exif:GPSLongitude="126,38.5E" aux:SerialNumber="{SERIAL}">
 <dc:creator><rdf:Seq><rdf:li>Zhao Mingyuan</rdf:li></rdf:Seq></dc:creator>
 <dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© 2023 Xinhua. All rights reserved.</rdf:li></rdf:Alt></dc:rights>
 <xmpRights:UsageTerms><rdf:Alt><rdf:li xml:lang="x-default">Editorial use only. No sales.</rdf:li></rdf:Alt></xmpRights:UsageTerms>
</rdf:Description></rdf:RDF></x:xmpmeta>"""


def iim(dataset: tuple[int, int], value: str, encoding: str = "utf-8") -> bytes:
    data = value.encode(encoding)
    return bytes([0x1C, *dataset]) + len(data).to_bytes(2, "big") + data


def with_iptc(jpeg: bytes, datasets: list[tuple[tuple[int, int], str]], encoding: str = "utf-8") -> bytes:
    """A JPEG with an APP13 Photoshop segment holding IPTC IIM, as agencies' software writes it:
    in UTF-8, said by 1:90, or (older software) in another encoding, said nowhere."""
    charset = iim((1, 90), "\x1b%G") if encoding == "utf-8" else b""
    block = charset + b"".join(iim(d, v, encoding) for d, v in datasets)
    resource = b"8BIM\x04\x04\x00\x00" + len(block).to_bytes(4, "big") + block + b"\x00" * (len(block) % 2)
    payload = b"Photoshop 3.0\x00" + resource
    return jpeg[:2] + b"\xff\xed" + (len(payload) + 2).to_bytes(2, "big") + payload + jpeg[2:]


def agency_photo(path, size=(2000, 1333)):
    exif = Image.Exif()
    exif[ExifTags.Base.Make], exif[ExifTags.Base.Model] = "SecretCam", "X100"
    exif[ExifTags.Base.BodySerialNumber] = SERIAL
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef], gps[ExifTags.GPS.GPSLatitude] = "N", (45.0, 45.0, 7.2)
    gps[ExifTags.GPS.GPSLongitudeRef], gps[ExifTags.GPS.GPSLongitude] = "E", (126.0, 38.0, 30.0)
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 90, 160)).save(buffer, "JPEG", exif=exif, xmp=XMP.encode(), comment=f"body {SERIAL}")
    path.write_bytes(with_iptc(buffer.getvalue(), [((2, 110), "Xinhua News Agency"), ((2, 80), "Zhao Mingyuan"),
                                                   ((2, 116), "© 2023 Xinhua. All rights reserved.")]))
    with Image.open(path) as original:   # the fixture carries what the variants must not
        assert original.getexif().get_ifd(ExifTags.IFD.GPSInfo) and SERIAL.encode() in path.read_bytes()
        assert IptcImagePlugin.getiptcinfo(original)[(2, 110)] == b"Xinhua News Agency"


def xmp_values(xmp: ET.Element, name: str) -> list[str]:
    """A property's values however the packet writes it: an attribute of a description, an
    element's text, or the items of a list (Seq, Bag, Alt)."""
    prefix, local = name.split(":")
    qualified = "{%s}%s" % (NS[prefix], local)
    attributes = [d.get(qualified) for d in xmp.iterfind(".//rdf:Description", NS) if d.get(qualified)]
    elements = xmp.findall(f".//{name}", NS)
    items = [li.text for el in elements for li in el.iterfind(".//rdf:li", NS)]
    return attributes + items + [el.text.strip() for el in elements if not len(el) and el.text and el.text.strip()]


def rights(path) -> dict:
    """What a variant says of its rights, as Pillow reads it: IPTC IIM and XMP."""
    with Image.open(path) as img:
        iptc = IptcImagePlugin.getiptcinfo(img) if img.format == "JPEG" else None
        xmp = ET.fromstring(img.info["xmp"]) if "xmp" in img.info else None
        found = {"exif": dict(img.getexif()), "comment": img.info.get("comment")}
    if iptc:
        found["iptc"] = {k: [x.decode() for x in v] if isinstance(v, list) else v.decode() for k, v in iptc.items()}
    if xmp is not None:
        found["xmp"] = {key: xmp_values(xmp, name) for key, name in (
            ("credit", "photoshop:Credit"), ("creator", "dc:creator"), ("rights", "dc:rights"),
            ("terms", "xmpRights:UsageTerms"), ("web", "xmpRights:WebStatement"))}
        found["xmp"]["names"] = {el.tag for el in xmp.iter()} | {k for el in xmp.iter() for k in el.attrib}
    return found


def test_variants_keep_credit_creator_copyright_and_terms_but_no_gps_or_camera(tmp_path):
    site = tmp_path
    (site / "seeds").mkdir()
    (site / "seeds" / "harbin.txt").write_text(SEED)
    agency_photo(site / "seeds" / "harbin.jpg")
    ingest(cfg(site))
    images = site / "content" / "images" / "briefings"
    assert sorted(p.name for p in images.iterdir()) == [f"{SLUG}-{w}.jpg" for w in (1200, 1600, 480, 960)]
    for variant in images.iterdir():
        found = rights(variant)
        # 1:90 ESC % G (UTF-8) and 2:00 record version 4 (binary), as the IIM 4.2 specification has them
        assert found["iptc"] == {(1, 90): "\x1b%G", (2, 0): "\x00\x04", (2, 110): "Xinhua News Agency",
                                 (2, 80): "Zhao Mingyuan", (2, 116): "© 2023 Xinhua. All rights reserved."}, variant.name
        xmp = found["xmp"]
        assert xmp["credit"] == ["Xinhua News Agency"] and xmp["creator"] == ["Zhao Mingyuan"]
        assert xmp["rights"] == ["© 2023 Xinhua. All rights reserved."]
        assert xmp["terms"] == ["Editorial use only. No sales."] and xmp["web"] == ["https://example.org/licensing"]
        assert not [n for n in xmp["names"] if "GPS" in n or "Serial" in n], variant.name
        assert found["exif"] == {} and found["comment"] is None
        data = variant.read_bytes()
        assert SERIAL.encode() not in data and b"SecretCam" not in data and b"GPS" not in data


def test_the_seeds_credit_is_written_in_when_the_photo_has_none(tmp_path):
    site = tmp_path
    (site / "seeds").mkdir()
    (site / "seeds" / "harbin.txt").write_text(SEED)   # "(Xinhua/Zhao Mingyuan)" in the caption
    photo(site / "seeds" / "harbin.jpg", size=(1100, 733))
    (site / "seeds" / "lanterns.txt").write_text(SEED.replace("Harbin opens", "Lanterns light"))
    photo(site / "seeds" / "lanterns.webp", size=(1300, 866), fmt="WEBP", exif=False)
    ingest(cfg(site))
    images = site / "content" / "images" / "briefings"
    for variant in images.iterdir():
        found = rights(variant)
        assert found["xmp"]["credit"] == ["Xinhua/Zhao Mingyuan"], variant.name
        assert found["xmp"]["creator"] == [] and found["exif"] == {}
        if variant.suffix == ".jpg":
            assert found["iptc"][(2, 110)] == "Xinhua/Zhao Mingyuan"
    # a 1200 px variant only where the original is wider; the shared image is it, or the widest
    assert sorted(p.name for p in images.glob(f"{SLUG}-*")) == [f"{SLUG}-{w}.jpg" for w in (1100, 480, 960)]
    assert sorted(p.name for p in images.glob("lanterns-*")) == [f"lanterns-light-ice-festival-{w}.webp" for w in (1200, 1300, 480, 960)]
    posts = site / "content" / "briefings"
    assert read_header((posts / f"{SLUG}.md").read_text())["image_large"] == f"images/briefings/{SLUG}-1100.jpg"
    assert read_header((posts / "lanterns-light-ice-festival.md").read_text())["image_large"] == \
        "images/briefings/lanterns-light-ice-festival-1200.webp"
    # and ingest writes the same bytes again: nothing changes on a second run
    before = {p: p.read_bytes() for p in images.iterdir()}
    (site / "content" / "briefings" / ".wirebrief-state.json").unlink()
    ingest(cfg(site))
    assert {p: p.read_bytes() for p in images.iterdir()} == before


def test_iptc_keeps_non_ascii_text_through_a_round_trip(tmp_path):
    # An original whose IIM older desk software wrote in Latin-1 with no 1:90, a creator per
    # 2:80; every JPEG variant carries it as UTF-8 that Pillow's own IIM reader gives back.
    credit, creators = "Agence France-Presse / Jérôme Dupont", ["Jérôme Dupont", "Zoë Ångström"]
    buffer = io.BytesIO()
    Image.new("RGB", (1000, 667), (200, 40, 40)).save(buffer, "JPEG")
    site = tmp_path
    (site / "seeds").mkdir()
    (site / "seeds" / "harbin.txt").write_text(SEED)
    (site / "seeds" / "harbin.jpg").write_bytes(with_iptc(
        buffer.getvalue(), [((2, 110), credit), ((2, 80), creators[0]), ((2, 80), creators[1])], "latin-1"))
    ingest(cfg(site))
    variants = sorted((site / "content" / "images" / "briefings").iterdir())
    assert [v.name for v in variants] == [f"{SLUG}-{w}.jpg" for w in (1000, 480, 960)]
    for variant in variants:
        with Image.open(variant) as img:
            img.load()   # the picture still decodes with the segment in it
            iptc = IptcImagePlugin.getiptcinfo(img)
        assert iptc[(1, 90)] == b"\x1b%G", variant.name
        assert iptc[(2, 110)].decode("utf-8") == credit
        assert [v.decode("utf-8") for v in iptc[(2, 80)]] == creators
        xmp = rights(variant)["xmp"]
        assert xmp["credit"] == [credit] and xmp["creator"] == creators
