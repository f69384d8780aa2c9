"""The reader's short cut for unedited posts gives exactly what Python-Markdown gives."""

import runpy
from pathlib import Path

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from pelican.readers import MarkdownReader
from pelican.settings import read_settings

from conftest import ROOT, make_site
from wirebrief.ingest.sync import ingest
from wirebrief.ingest.post import escape_markdown
from wirebrief.site.reader import BriefingReader, paragraph_html
from wirebrief.settings import WirebriefSettings

MARKDOWN = runpy.run_path(str(ROOT / "pelicanconf.py"))["MARKDOWN"]
TRICKY = ["AT&T", "&amp;", "&#61;", "&#x41;", "&#;", "&nbsp;x", "a < b > c", "<script>x</script>", "*em* _u_ `c`",
          "[x](javascript:alert(1))", "![i](x.png)", "1987. The year", "1) one", "# head", "+ plus", "- minus",
          "= eq", ": colon", "~~~", "| a | b |", "> quote", "\\ back\\slash \\* \\", "{: .cls}", "[^1]", "*[HTML]: x",
          "    indented", "x  \ny", "two\n\nparagraphs", "\u00a0nbsp\u2003", "北京 新政策", "emoji 🎉", "a\x02b\x03c",
          "http://example.org/a_b_c", "<http://x.org>", "trailing \\", "3 * 4 = 12", "__init__", "**bold**"]


def markdown_html(text: str) -> str:
    return markdown.Markdown(**MARKDOWN).convert(text)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.sampled_from(TRICKY), st.text(max_size=120),
                 st.lists(st.sampled_from(TRICKY + [" ", "x", "1.", "&"]), max_size=8).map("".join)))
def test_paragraph_short_cut_equals_markdown(text):
    escaped = escape_markdown(text)
    fast = paragraph_html(escaped)
    if fast is not None:  # None: the reader leaves it to Markdown
        assert fast == markdown_html(escaped)


def test_reading_every_sample_post_both_ways_gives_the_same(tmp_path):
    site = make_site(tmp_path)
    cfg = WirebriefSettings.from_pelican({"PATH": str(site / "content")}, base=site)
    ingest(cfg)
    pelican_settings = read_settings(str(site / "pelicanconf.py"))
    posts = sorted((site / "content" / "briefings").glob("*.md"))
    assert len(posts) >= 17
    fast_reader = BriefingReader(pelican_settings)
    short_cut = 0
    for post in posts:
        # Markdown itself, with the same typing of the metadata (schema.READERS)
        assert fast_reader.read(str(post)) == MarkdownReader.read(fast_reader, str(post)), post.name
        short_cut += fast_reader._read_generated(post.read_text(encoding="utf-8")) is not None
    assert short_cut == len(posts)  # every unedited sample took the short cut


def test_an_edited_post_is_read_by_markdown(tmp_path):
    site = make_site(tmp_path)
    ingest(WirebriefSettings.from_pelican({"PATH": str(site / "content")}, base=site))
    post = sorted((site / "content" / "briefings").glob("*.md"))[0]
    post.write_text(post.read_text(encoding="utf-8") + "\nA **corrected** line.\n", encoding="utf-8")
    content, _ = BriefingReader(read_settings(str(site / "pelicanconf.py"))).read(str(post))
    assert "<strong>corrected</strong>" in content
