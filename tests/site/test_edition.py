"""The day's edition for email (site/edition.py, tools/mail.py): written by a real build for
every day page, mail-ready HTML and plain text, the editions feed, `make edition`, and
`wirebrief edition --send` to a real SMTP server on 127.0.0.1. Screenshots of an edition at
600 and 375 px wide go to tests/screenshots/ (edition-600.png, edition-375.png)."""

import email
import email.policy
import socket
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult
from bs4 import BeautifulSoup

from conftest import ROOT, wirebrief
from test_browser import SCREENSHOTS
from test_photos import SLUG as PHOTO_SLUG, built_photo_site

PUBLIC = "https://briefings.example.org"   # WIREBRIEF_PUBLIC_URL of pelicanconf.py: dev builds link there
ATOM = "{http://www.w3.org/2005/Atom}"
DAY = "2023-01-05"                          # two briefings in two sections


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def in_output(out: Path, url: str) -> Path:
    """The file of output/ an absolute link of the site names."""
    assert url.startswith(PUBLIC + "/"), url
    path = urlsplit(url).path.lstrip("/")
    return out / (path or "index.html")


def day_page_briefings(out: Path, day: str) -> list[tuple[str, str]]:
    """(headline, address) of each briefing the day page lists, as the site shows them."""
    page = soup(out / "day" / f"{day}.html")
    return [(a.get_text(), a["href"].removeprefix("../")) for a in page.select(".item h2 a")]


def outside_media_rules(css: str) -> str:
    """A style sheet without its @media blocks."""
    rest, depth, i = [], 0, 0
    while i < len(css):
        if depth == 0 and css.startswith("@media", i):
            depth, i = 1, css.index("{", i) + 1
            continue
        if depth:
            depth += {"{": 1, "}": -1}.get(css[i], 0)
        else:
            rest.append(css[i])
        i += 1
    return "".join(rest).strip()


def test_the_build_writes_an_edition_for_every_day_page(built_sample_site):
    out = built_sample_site / "output"
    days = sorted(p.stem for p in (out / "day").glob("*.html"))
    assert len(days) > 10
    assert sorted(p.stem for p in (out / "edition").glob("*.html")) == days
    assert sorted(p.stem for p in (out / "edition").glob("*.txt")) == days
    assert soup(out / "day" / f"{DAY}.html").find("a", href=f"../edition/{DAY}.html")  # the day page links it


def test_edition_html_is_ready_for_mail(built_sample_site):
    out = built_sample_site / "output"
    for path in sorted((out / "edition").glob("*.html")):
        page = soup(path)
        assert not page.find_all(["script", "link", "iframe", "form"]), path.name
        assert page.find("meta", attrs={"name": "color-scheme"})["content"] == "light dark"
        (style,) = page.find_all("style")   # what cannot be inlined: the dark scheme, narrow screens
        assert "@media (prefers-color-scheme: dark)" in style.string
        assert outside_media_rules(style.string) == ""   # every other rule went into style attributes
        for tag in page.body.find_all(["table", "td", "h2", "h3", "p", "a"]):
            assert tag.get("style"), (path.name, str(tag)[:80])   # the light defaults, inlined
        (edition,) = page.select("table.edition")
        assert "max-width: 600px" in edition["style"]
        for tag in page.find_all(["a", "img"]):
            target = in_output(out, tag.get("href") or tag["src"])
            assert target.is_file(), (path.name, target)


def test_edition_groups_the_days_briefings_by_section(built_sample_site):
    out = built_sample_site / "output"
    page = soup(out / "edition" / f"{DAY}.html")
    listed = day_page_briefings(out, DAY)
    assert len(listed) == 2
    found = []
    for h3 in page.select("td.item h3"):
        link = h3.a["href"]
        section = h3.find_previous("h2").get_text()
        article = soup(in_output(out, link))
        assert section == article.select_one(".kicker a").get_text()   # the section the article page names
        item = h3.find_parent("td")
        dateline = item.select_one(".dateline").get_text()
        assert dateline.startswith(article.select_one(".dateline .place").get_text())
        assert item.select_one(".summary").get_text().strip() == article.find("meta", attrs={"name": "description"})["content"]
        found.append((h3.get_text(), link.removeprefix(PUBLIC + "/")))
    assert sorted(found) == sorted(listed)
    sections = [h2.get_text() for h2 in page.select("td.section h2")]
    assert sections == sorted(sections, key=str.casefold) and len(sections) == 2


def test_edition_text_has_every_headline_and_link_in_short_lines(built_sample_site):
    out = built_sample_site / "output"
    for path in sorted((out / "edition").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        joined = " ".join(text.split())   # headlines may be wrapped
        for title, url in day_page_briefings(out, path.stem):
            assert " ".join(title.split()) in joined, (path.name, title)
            assert f"Read it: {PUBLIC}/{url}" in text.splitlines()   # a link whole on its line
        for line in text.splitlines():
            assert len(line) <= 72 or "https://" in line, (path.name, line)
    text = (out / "edition" / f"{DAY}.txt").read_text(encoding="utf-8").splitlines()
    assert "CULTURE" in text and "LABOUR" in text and text[text.index("CULTURE") + 1] == "======="


def test_editions_feed_lists_each_day_with_its_edition(built_sample_site):
    out = built_sample_site / "output"
    feed = ET.parse(out / "feeds" / "editions.atom.xml").getroot()
    entries = feed.findall(f"{ATOM}entry")
    days = sorted((p.stem for p in (out / "day").glob("*.html")), reverse=True)[:30]   # the latest 30
    assert [e.find(f"{ATOM}link").get("href") for e in entries] == [f"{PUBLIC}/edition/{d}.html" for d in days]
    assert len({e.find(f"{ATOM}id").text for e in entries}) == len(entries)
    entry = entries[days.index(DAY)]
    content = BeautifulSoup(entry.find(f"{ATOM}content").text, "html.parser")
    assert [a.get_text() for a in content.select("h3 a")] == [a.get_text() for a in soup(out / "edition" / f"{DAY}.html").select("h3 a")]
    assert content.select_one("h3 a").get("style")   # the styles inlined, as in the edition
    index = soup(out / "index.html")
    assert index.find("link", rel="alternate", href="./feeds/editions.atom.xml")
    assert index.select_one("footer a[href='./feeds/editions.atom.xml']")


def test_make_edition_prints_where_the_days_files_are(built_sample_site):
    out = built_sample_site / "output"

    def make(*args):
        return subprocess.run(["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), "edition", f"VENV={ROOT / '.venv'}",
                               f"OUTPUTDIR={out}", f"CONFFILE={built_sample_site / 'pelicanconf.py'}", *args],
                              cwd=built_sample_site, capture_output=True, text=True, timeout=120)

    latest = max(p.stem for p in (out / "day").glob("*.html"))
    assert make().stdout.split() == [str(out / "edition" / f"{latest}.html"), str(out / "edition" / f"{latest}.txt")]
    assert make(f"DAY={DAY}").stdout.split() == [str(out / "edition" / f"{DAY}.html"), str(out / "edition" / f"{DAY}.txt")]
    missing = make("DAY=2023-01-06")
    assert missing.returncode != 0
    assert "wirebrief edition: no edition for 2023-01-06 in" in missing.stderr and "Traceback" not in missing.stderr


def test_a_lead_photo_is_in_the_edition_with_alt_text_and_an_absolute_address(tmp_path):
    out = built_photo_site(tmp_path) / "output"
    (edition,) = (out / "edition").glob("*.html")
    (img,) = soup(edition).find_all("img")
    assert img["alt"].startswith("Visitors walk past sculptures in Harbin")
    assert in_output(out, img["src"]).is_file() and PHOTO_SLUG in img["src"]
    assert int(img["width"]) <= 552 and "max-width" in img["style"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Inbox:
    """An aiosmtpd handler that keeps what it is handed, and refuses `refuse`."""

    def __init__(self, refuse: str = ""):
        self.messages, self.refuse = [], refuse

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((session.authenticated, envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted"


def login(server, session, envelope, mechanism, auth_data):
    ok = auth_data.login == b"desk" and auth_data.password == b"s3cret"
    return AuthResult(success=ok, handled=False, auth_data=auth_data)   # the server answers 535 when not ok


@pytest.fixture
def smtp_server():
    servers = []

    def start(handler: Inbox) -> int:
        port = free_port()
        controller = Controller(handler, hostname="127.0.0.1", port=port, authenticator=login, auth_require_tls=False)
        controller.start()
        servers.append(controller)
        return port

    yield start
    for controller in servers:
        controller.stop()


def smtp_settings(folder: Path, port: int, to: str) -> Path:
    path = folder / "mailconf.py"
    path.write_text(f"WIREBRIEF_SMTP_HOST = '127.0.0.1'\nWIREBRIEF_SMTP_PORT = {port}\nWIREBRIEF_SMTP_USER = 'desk'\n"
                    f"WIREBRIEF_EDITION_FROM = 'Wirebrief desk <desk@example.org>'\nWIREBRIEF_EDITION_TO = [{to}]\n")
    return path


def test_send_hands_a_multipart_edition_to_the_smtp_server(built_sample_site, smtp_server, tmp_path):
    inbox = Inbox()
    port = smtp_server(inbox)
    conf = smtp_settings(tmp_path, port, "'one@example.org', 'two@example.org'")
    out = built_sample_site / "output"
    result = wirebrief("--settings", str(conf), "edition", "--day", DAY, "--send", "--output", str(out), cwd=tmp_path,
                       env={"WIREBRIEF_SMTP_PASSWORD": "s3cret"})
    assert result.returncode == 0, result.stderr
    assert f"edition {DAY}: handed to the SMTP server" in result.stdout
    ((authenticated, sender, recipients, data),) = inbox.messages
    assert authenticated and sender == "desk@example.org" and recipients == ["one@example.org", "two@example.org"]
    msg = email.message_from_bytes(data, policy=email.policy.default)
    assert msg.get_content_type() == "multipart/alternative"
    assert msg["Subject"] == "Wirebrief: briefings of 5 January 2023"
    text, html = msg.iter_parts()
    assert text.get_content_type() == "text/plain" and html.get_content_type() == "text/html"
    for part, suffix in ((text, "txt"), (html, "html")):   # as sent: lines end in CRLF on the wire
        assert part.get_content().replace("\r\n", "\n") == (out / "edition" / f"{DAY}.{suffix}").read_text(encoding="utf-8")


def test_send_says_in_one_line_what_the_smtp_server_refused(built_sample_site, smtp_server, tmp_path):
    port = smtp_server(Inbox(refuse="nobody@example.org"))
    conf = smtp_settings(tmp_path, port, "'nobody@example.org'")
    args = ("--settings", str(conf), "edition", "--send", "--output", str(built_sample_site / "output"))
    refused = wirebrief(*args, cwd=tmp_path, env={"WIREBRIEF_SMTP_PASSWORD": "s3cret"})
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert refused.stderr.strip() == (f"wirebrief edition: SMTP server 127.0.0.1:{port} refused every recipient: "
                                      "nobody@example.org (550 5.1.1 No such mailbox)")
    wrong = wirebrief(*args, cwd=tmp_path, env={"WIREBRIEF_SMTP_PASSWORD": "guess"})
    assert wrong.returncode == 1 and len(wrong.stderr.strip().splitlines()) == 1
    assert f"SMTP server 127.0.0.1:{port} refused the edition: 535" in wrong.stderr
    closed = smtp_settings(tmp_path, free_port(), "'one@example.org'")
    down = wirebrief("--settings", str(closed), "edition", "--send", "--output", str(built_sample_site / "output"), cwd=tmp_path)
    assert down.returncode == 1 and "could not be reached" in down.stderr and len(down.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("width", [600, 375])
def test_edition_renders_in_chromium_without_horizontal_scrolling(browser, sample_url, width):
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{sample_url}/edition/{DAY}.html")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    box = page.locator("table.edition").bounding_box()
    assert box["width"] <= 600 and box["x"] >= 0
    target = SCREENSHOTS / f"edition-{width}.png"
    page.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 10_000
    colours = {}
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        colours[scheme] = page.evaluate("getComputedStyle(document.querySelector('table.edition')).backgroundColor")
    assert colours["light"] == "rgb(253, 252, 248)" and colours["dark"] != colours["light"]
    context.close()
