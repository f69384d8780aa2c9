"""Seed files: finding them under seeds/ and decoding their bytes to text.

Everything here that touches the disk is at the edge; `decode` itself is pure.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from ..extract import formats
from ..extract.teletype import is_envelope

MAX_SEED_BYTES = 2 * 1024 * 1024
# What a seed's name ends in: plain copy and teletype files as agencies' feeds name them
# (ANPA-1312 ".tst"; IPTC 7901 comes as ".txt"; the envelope is read by extract/teletype.py),
# and agency files (NewsML-G2, NITF, NewsML 1.x, ninjs: extract/formats/)
TEXT_SUFFIXES = (".txt", ".tst")
SUFFIXES = (*TEXT_SUFFIXES, *formats.SUFFIXES)
LEGACY_ENCODING = "cp1252"

# Editors' temporary and partial files, never seeds.
_IGNORED_NAME = re.compile(r"^[.#~]|~$|\.(?:swp|swo|swx|part|partial|tmp|temp|crdownload|download|bak)$", re.I)
_BOMS = [
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"),
]
# Encodings charset-normalizer is trusted to tell apart; for single-byte Latin text its guess
# on a short file is a coin toss (cp1250, cp775…), so the newsroom's legacy encoding wins there.
_MULTIBYTE = {"gb18030", "gb2312", "gbk", "big5", "big5hkscs", "cp950", "shift_jis", "cp932", "euc_jp",
              "euc_kr", "cp949", "iso2022_jp", "iso2022_kr", "hz", "johab"}
_MIN_MULTIBYTE_SHARE = 0.1  # bytes of 0x80 and above, for a multi-byte guess to be believed
_MAX_CHAOS = 10.0  # charset-normalizer's "mess" percentage above which a guess is rejected
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
# What a post's one-line `seed:` header cannot hold: line breaks and other control characters,
# and bytes that are not UTF-8 (surrogates once decoded).
_UNSAFE_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


class SeedError(Exception):
    """A seed that cannot become a post; the message is the reason, for one line of report."""


@dataclass(frozen=True)
class Seed:
    path: Path          # absolute, where the editor put it
    relative: str       # as the post records it: "seeds/name.txt"
    problem: str | None = None  # why it cannot be read (reported, never opened)
    source: Path | None = None  # the file to read, when `path` is a link to it

    @property
    def file(self) -> Path:
        return self.source or self.path


def is_ignored(name: str) -> bool:
    return bool(_IGNORED_NAME.search(name))


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))


def not_regular(mode: int) -> str | None:
    """Why a file of this mode is no seed: reading a FIFO or a device would block or never end."""
    for test, kind in _KINDS:
        if test(mode):
            return f"{kind}, not a regular file"
    return None if stat.S_ISREG(mode) else "not a regular file"


def find_seeds(seeds_dir: Path, root: Path) -> list[Seed]:
    """Every seed file (SUFFIXES: text, teletype and agency files) under seeds_dir (sub-folders too), sorted, leaving out editors' temporary
    files and hidden folders. What has a seed's name but cannot be read as one (a FIFO, a
    socket, a device, a folder, a link out of seeds_dir or to nothing, a second link to a file
    already read) comes with its `problem`, to be reported; it is never opened.

    Links: one that stays inside seeds_dir is read as a seed (editors file a story in two
    places); if its file is a seed already, under its own name or an earlier link's, the link is
    a duplicate, so one story gives one post. Links to folders are not followed."""
    seeds_dir = seeds_dir.resolve()
    prefix = os.path.relpath(seeds_dir, root).replace(os.sep, "/")
    entries = []  # (path, relative, mode), in the order the folders are walked
    for dirpath, dirnames, filenames in os.walk(seeds_dir):
        dirnames[:] = sorted(d for d in dirnames if not is_ignored(d))
        rel_dir = os.path.relpath(dirpath, seeds_dir).replace(os.sep, "/")
        base = prefix if rel_dir == "." else f"{prefix}/{rel_dir}"
        for name in sorted(filenames + dirnames):
            if not name.lower().endswith(SUFFIXES) or is_ignored(name):
                continue
            path = Path(dirpath, name)
            try:
                entries.append((path, f"{base}/{name}", os.lstat(path).st_mode))
            except OSError:
                continue  # gone since the folder was listed
    unsafe = "its name holds a control character or a byte that is not UTF-8 (shown escaped); rename it"
    # files read under their own name first, so that a link to one of them is its duplicate
    read = {path: relative for path, relative, mode in entries if stat.S_ISREG(mode)}
    return [Seed(path, relative, unsafe) if _UNSAFE_NAME.search(relative) else
            _through_link(path, relative, seeds_dir, read) if stat.S_ISLNK(mode) else
            Seed(path, relative, not_regular(mode))
            for path, relative, mode in entries]


def _through_link(path: Path, relative: str, seeds_dir: Path, read: dict[Path, str]) -> Seed:
    target = Path(os.path.realpath(path))
    if not target.is_relative_to(seeds_dir):
        return Seed(path, relative, "a link out of the seed folder; not read")
    if not target.exists():
        return Seed(path, relative, "a link to nothing (its file is gone)")
    if target in read:
        return Seed(path, relative, f"a second name (a link) for {read[target]}, which is read as the seed")
    problem = not_regular(target.stat().st_mode)
    if problem is None:
        read[target] = relative
    return Seed(path, relative, problem, target)


def read_seed(path: Path, max_bytes: int = MAX_SEED_BYTES) -> tuple[bytes, float]:
    """The seed's bytes and modification time; refuses what is not a regular file (without
    opening it), files over the limit and files that change while they are read (still
    being copied in)."""
    before = path.stat()
    problem = not_regular(before.st_mode)
    if problem:
        raise SeedError(problem)
    if before.st_size > max_bytes:
        raise SeedError(f"{before.st_size:,} bytes is over the {max_bytes:,}-byte limit (WIREBRIEF_MAX_SEED_BYTES)")
    # O_NONBLOCK: should a FIFO take the file's place after the check, opening it cannot wait
    # for a writer (and reading it finds no bytes; the checks below then refuse it)
    with open(path, "rb", opener=lambda name, flags: os.open(name, flags | os.O_NONBLOCK)) as f:
        opened = os.fstat(f.fileno())
        data = f.read(max_bytes + 1) if stat.S_ISREG(opened.st_mode) else b""
        after = os.fstat(f.fileno())
    # the same file (not replaced by a rename), the same size and time before, during and
    # after the read, and every byte of it: otherwise it is still being written
    snapshot = lambda st: (st.st_ino, st.st_size, st.st_mtime_ns)  # noqa: E731
    if not (snapshot(before) == snapshot(opened) == snapshot(after) == snapshot(path.stat())) or len(data) != after.st_size:
        raise SeedError("the file changed while it was read (still being copied in?); it is read again next time")
    return data, after.st_mtime


def decode(data: bytes, legacy: str = LEGACY_ENCODING) -> str:
    """Text of a seed: UTF-8 (with or without BOM), UTF-16/32 with a BOM, multi-byte legacy
    encodings that charset-normalizer recognises, else the newsroom's legacy single-byte encoding."""
    if not data.strip():
        raise SeedError("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(encoding))
            except UnicodeDecodeError as e:
                raise SeedError(f"undecodable bytes: starts with a {encoding} byte-order mark but {e.reason} at byte {e.start}") from None
    if b"\x00" in data:
        raise SeedError("binary data: the file holds NUL bytes, so it is not text")
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is not None and best.percent_chaos >= _MAX_CHAOS:
        best = None  # its best guess reads as noise: no encoding fits
    if best is not None and best.encoding in _MULTIBYTE and _mostly_high(data):
        return _checked(str(best))
    try:
        return _checked(data.decode(legacy))
    except UnicodeDecodeError:
        pass
    if best is not None and not best.encoding.startswith("utf_"):  # UTF-16/32 only with a BOM
        return _checked(str(best))
    raise SeedError(f"undecodable bytes: neither UTF-8 nor {legacy}, and no other encoding fits")


def _mostly_high(data: bytes) -> bool:
    """Whether the bytes could be text in a CJK encoding: there, most characters take two bytes
    of 0x80 and above. ASCII copy with a stray Latin-1 letter ("M\\xfcller" in dpa's IPTC 7901
    sample) is no Chinese text with one character in it: it is read in the legacy encoding."""
    high = len(data) - len(data.translate(None, bytes(range(0x80, 0x100))))
    return high >= _MIN_MULTIBYTE_SHARE * len(data)


def _checked(text: str) -> str:
    if not text.strip():
        raise SeedError("empty file")
    # a teletype envelope is made of control characters, and its tables of format codes
    if len(_CONTROL.findall(text)) > max(4, len(text) // 100) and not is_envelope(text):
        raise SeedError("binary data: too many control characters for text")
    return text
