"""Decoding and finding seed files."""

import os

import pytest

from wirebrief.ingest.seeds import SeedError, decode, find_seeds, is_ignored, read_seed

TEXT = "Premier’s visit to Zürich – a first\n\nThe café said “yes” on Monday.\n"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    b"\xef\xbb\xbf" + TEXT.encode("utf-8"),                # UTF-8 with BOM
    TEXT.replace("\n", "\r\n").encode("utf-8"),            # CRLF
    TEXT.encode("cp1252"),                                 # legacy Windows-1252
    TEXT.encode("utf-16"),                                 # UTF-16 with BOM (Notepad "Unicode")
])
def test_encodings_decode_to_the_same_text(data):
    assert decode(data).replace("\r\n", "\n").lstrip("\ufeff") == TEXT


def test_multibyte_legacy_encoding_is_detected():
    text = "北京市政府今天宣布了新的交通政策，市民可以乘坐更多的地铁线路。\n\n新华社记者报道说，这项政策将于下个月开始实施。"
    assert decode(text.encode("gb18030")) == text


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n\r\n\t ", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data"),
    (bytes(range(1, 32)) * 20, "binary data"),
    (b"Title\n\n\x81\x8d\x8f\x90\x9d" * 3, "undecodable"),
])
def test_bad_input_is_refused_with_a_reason(data, reason):
    with pytest.raises(SeedError, match=reason):
        decode(data)


def test_size_limit(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(SeedError, match="over the 1,000-byte limit"):
        read_seed(big, max_bytes=1000)
    assert read_seed(big, max_bytes=5000)[0] == b"x" * 2000


def test_editor_temporary_files_are_ignored_and_links_out_or_doubled_are_flagged(tmp_path):
    seeds = tmp_path / "seeds"
    (seeds / "desk" / ".hidden").mkdir(parents=True)
    for name in ["a.txt", "desk/b.txt", ".a.txt.swp", "c.txt~", "d.txt.part", "e.tmp", "#f.txt#", ".hidden.txt",
                 "desk/.hidden/g.txt", "notes.md", "UPPER.TXT"]:
        (seeds / name).write_text("x")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret")
    os.symlink(outside, seeds / "link-out.txt")
    os.symlink(seeds / "a.txt", seeds / "link-in.txt")
    found = {s.relative: s.problem for s in find_seeds(seeds, tmp_path)}
    assert list(found) == ["seeds/UPPER.TXT", "seeds/a.txt", "seeds/link-in.txt", "seeds/link-out.txt", "seeds/desk/b.txt"]
    readable = [name for name, problem in found.items() if problem is None]
    assert readable == ["seeds/UPPER.TXT", "seeds/a.txt", "seeds/desk/b.txt"]
    assert found["seeds/link-in.txt"] == "a second name (a link) for seeds/a.txt, which is read as the seed"
    assert found["seeds/link-out.txt"] == "a link out of the seed folder; not read"
    assert is_ignored("x.txt.swp") and is_ignored("~$x.txt") and not is_ignored("x.txt")
