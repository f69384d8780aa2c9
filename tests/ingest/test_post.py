"""Posts: Markdown that Pelican reads back as exactly the seed's text, and the edit digest."""

import markdown
import pytest

from wirebrief.extract import extract
from wirebrief.ingest.post import escape_markdown, is_hand_edited, read_header, render, slug_for

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1)) and ![x](data:text/html;base64,PHNjcmlwdD4=)",
    "<!-- hidden --> comment",
    "# not a heading",
    "- not a list",
    "1987. Not a list either",
    "١٩٨٧. Nor in Arabic-Indic digits",
    "１. Nor in full-width ones",
    "> not a quote",
    "*not emphasis* and _not_ and `not code`",
    "Title: not metadata",
    "{{ not_jinja }} {% not_a_tag %}",
    "&lt;already an entity&gt; &amp; AT&T",
    "    indented is not code",
    "=== not a heading underline",
    ": not a definition",
    "| not | a | table |",
    "~~~ not a fence",
    "<http://example.com> not an autolink",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_paragraph_renders_as_its_own_text(text):
    from bs4 import BeautifulSoup

    html = markdown.markdown(escape_markdown(text), extensions=["extra"], output_format="html5")
    soup = BeautifulSoup(html, "html.parser")
    assert [t.name for t in soup.find_all(True)] == ["p"], html  # one paragraph, no other element
    assert soup.p.get_text() == " ".join(text.split())


def test_render_and_read_back_header():
    record = extract("Headline: <b>bold</b>\n\nBEIJING, Nov. 29 (Xinhua) -- Body <i>text</i>.\n", None)
    text = render(record, slug="headline", seed="seeds/x.txt")
    header = read_header(text)
    assert header["title"] == "Headline: &lt;b&gt;bold&lt;/b&gt;"
    assert header["slug"] == "headline" and header["seed"] == "seeds/x.txt"
    assert "wirebrief_digest" in header
    assert not is_hand_edited(text)
    assert is_hand_edited(text.replace("Body", "Edited body"))
    assert is_hand_edited(text.replace("city: Beijing", "city: Shanghai"))


def test_render_is_deterministic():
    seed = "Title\n\nLONDON, Jan 5 (Reuters) - Text said on Monday.\n"
    from datetime import date

    a = render(extract(seed, date(2023, 6, 1)), slug="t", seed="seeds/t.txt")
    b = render(extract(seed, date(2023, 6, 1)), slug="t", seed="seeds/t.txt")
    assert a == b


@pytest.mark.parametrize("title, slug", [
    ("Germany's heat pump sales double", "germanys-heat-pump-sales-double"),
    ("北京 新政策", "bei-jing-xin-zheng-ce"),
    ("!!!", "fallback-name"),
    ("../../etc/passwd", "etc-passwd"),
])
def test_slugs(title, slug):
    assert slug_for(title, "fallback name") == slug
