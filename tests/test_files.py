"""files.py: a file is written whole or not at all, and left alone when its bytes are the same."""

import os

import pytest

from wirebrief import files
from wirebrief.files import FileFault, write_atomically, write_if_changed


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "post.md"
    target.write_text("old")
    (tmp_path / "blocker").mkdir()
    with pytest.raises(FileFault) as caught:   # a folder in the way: the rename fails
        write_atomically(str(tmp_path / "blocker"), "new")
    assert caught.value.operation == "write" and caught.value.filename == str(tmp_path / "blocker")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker", "post.md"]
    assert target.read_text() == "old"


def test_an_interrupted_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "post.md"
    target.write_text("old")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(target, "new ünïcode")
    assert [p.name for p in tmp_path.iterdir()] == ["post.md"]
    assert target.read_text() == "old"


def test_write_if_changed_leaves_the_same_bytes_alone_and_makes_missing_folders(tmp_path):
    target = tmp_path / "a" / "b" / "page.html"
    assert write_if_changed(target, b"<p>one</p>") is True
    os.utime(target, ns=(1, 1))
    assert write_if_changed(str(target), b"<p>one</p>") is False
    assert target.stat().st_mtime_ns == 1
    assert write_if_changed(target, b"<p>two</p>") is True   # same size, other bytes
    assert target.read_bytes() == b"<p>two</p>" and target.stat().st_mtime_ns != 1
    assert sorted(p.name for p in target.parent.iterdir()) == ["page.html"]


def test_write_if_changed_compares_files_larger_than_what_it_reads_at_once(tmp_path):
    target = tmp_path / "sitemap.xml"
    data = bytes(range(256)) * (3 * (1 << 20) // 256 + 7)   # three chunks and a part
    write_if_changed(target, data)
    for where in (0, 1 << 20, len(data) - 1):   # one byte changed, in the first, a middle or the last chunk
        changed = bytearray(data)
        changed[where] ^= 1
        os.utime(target, ns=(1, 1))
        assert write_if_changed(target, bytes(changed)) is True, where
        assert target.read_bytes() == changed
        write_if_changed(target, data)
    os.utime(target, ns=(1, 1))
    assert write_if_changed(target, data) is False
    assert target.stat().st_mtime_ns == 1
