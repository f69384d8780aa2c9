"""The reader's short cut for unedited posts gives exactly what Python-Markdown gives."""

import runpy
from pathlib import Path

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from pelican.readers import METADATA_PROCESSORS, MarkdownReader
from pelican.settings import read_settings

from conftest import ROOT, make_site
from wirebrief.ingest.sync import ingest
from wirebrief.ingest.post import EDITED_KEY, escape_markdown, is_hand_edited
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
        # Markdown itself, with the same typing of the metadata (schema.READERS); and not edited
        content, metadata = fast_reader.read(str(post))
        assert metadata.pop(EDITED_KEY) is False
        assert (content, metadata) == MarkdownReader.read(fast_reader, str(post)), post.name
        short_cut += fast_reader._read_generated(post.read_text(encoding="utf-8")) is not None
    assert short_cut == len(posts)  # every unedited sample took the short cut


def test_an_edited_post_is_read_by_markdown(tmp_path):
    site = make_site(tmp_path)
    ingest(WirebriefSettings.from_pelican({"PATH": str(site / "content")}, base=site))
    post = sorted((site / "content" / "briefings").glob("*.md"))[0]
    post.write_text(post.read_text(encoding="utf-8") + "\nA **corrected** line.\n", encoding="utf-8")
    content, metadata = BriefingReader(read_settings(str(site / "pelicanconf.py"))).read(str(post))
    assert "<strong>corrected</strong>" in content
    assert metadata[EDITED_KEY] is True


def test_a_post_with_a_byte_order_mark_is_edited_as_ingest_says(tmp_path):
    site = make_site(tmp_path)
    ingest(WirebriefSettings.from_pelican({"PATH": str(site / "content")}, base=site))
    post = sorted((site / "content" / "briefings").glob("*.md"))[0]
    unchanged = BriefingReader(read_settings(str(site / "pelicanconf.py"))).read(str(post))
    post.write_text("\ufeff" + post.read_text(encoding="utf-8"), encoding="utf-8")
    content, metadata = BriefingReader(read_settings(str(site / "pelicanconf.py"))).read(str(post))
    assert metadata.pop(EDITED_KEY) is is_hand_edited(post.read_text(encoding="utf-8")) is True
    assert (content, {**metadata, EDITED_KEY: False}) == unchanged   # read as before, mark aside


DATES = ["2025-02-26", "2025-02-26 10:30", "2025-02-26T10:30", "2025-02-26 10:30:15", "2024-02-29", "1987-10-19",
         # left to Pelican's parser: a time zone, another form, a day that does not exist
         "2025-02-26T10:30+00:00", "2025-02-26T10:30+05:30", "2025-02-26T10:30Z", "26 Feb 2025", "2025-2-6",
         "2025-02-30", "2025-02-26 10:30:15.250", "2025_02_26"]


@given(st.one_of(st.sampled_from(DATES), st.datetimes().map(lambda d: d.isoformat(" ", "minutes")),
                 st.dates().map(str)))
def test_dates_read_without_dateutil_are_what_pelican_makes_of_them(value):
    reader = BriefingReader(read_settings(str(ROOT / "pelicanconf.py")))
    for name in ("date", "modified"):
        try:
            pelican = METADATA_PROCESSORS[name](value, reader.settings)
        except ValueError:
            pelican = ValueError
        try:
            ours = reader.process_metadata(name, value)
        except ValueError:
            ours = ValueError
        assert ours == pelican and type(ours) is type(pelican), (name, value)
        if pelican is not ValueError:
            assert repr(ours.tzinfo) == repr(pelican.tzinfo)


def test_every_briefing_gets_the_slug_pelican_would_give_its_tags_and_category(tmp_path):
    post = tmp_path / "post.md"
    post.write_text("Title: T\nDate: 2025-02-26\nCategory: World News\nTags: São Paulo, Foo & Bar, 北京, C++\n\nx\n")
    ours = BriefingReader(read_settings(str(ROOT / "pelicanconf.py")))
    for _ in range(2):   # the second read takes the slugs the first worked out
        _, meta = ours.read(str(post))
        _, plain = MarkdownReader(read_settings(str(ROOT / "pelicanconf.py"))).read(str(post))
        assert [t.slug for t in meta["tags"]] == [t.slug for t in plain["tags"]]
        assert meta["category"].slug == plain["category"].slug
