"""Seed files: finding them under seeds/ and decoding their bytes to text.

Everything here that touches the disk is at the edge; `decode` itself is pure.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

MAX_SEED_BYTES = 2 * 1024 * 1024
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
_MAX_CHAOS = 10.0  # charset-normalizer's "mess" percentage above which a guess is rejected
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


class SeedError(Exception):
    """A seed that cannot become a post; the message is the reason, for one line of report."""


@dataclass(frozen=True)
class Seed:
    path: Path          # absolute
    relative: str       # as the post records it: "seeds/name.txt"


def is_ignored(name: str) -> bool:
    return bool(_IGNORED_NAME.search(name))


def find_seeds(seeds_dir: Path, root: Path) -> list[Seed]:
    """Every *.txt under seeds_dir (sub-folders too), sorted, leaving out editors' temporary
    files, hidden folders and links that lead out of seeds_dir."""
    seeds_dir = seeds_dir.resolve()
    prefix = os.path.relpath(seeds_dir, root).replace(os.sep, "/")
    found = []
    for dirpath, dirnames, filenames in os.walk(seeds_dir):
        dirnames[:] = sorted(d for d in dirnames if not is_ignored(d))
        rel_dir = os.path.relpath(dirpath, seeds_dir).replace(os.sep, "/")
        base = prefix if rel_dir == "." else f"{prefix}/{rel_dir}"
        for name in sorted(filenames):
            if not name.lower().endswith(".txt") or is_ignored(name):
                continue
            path = Path(dirpath, name)
            if os.path.islink(path) and not path.resolve().is_relative_to(seeds_dir):
                continue
            found.append(Seed(path, f"{base}/{name}"))
    return found


def read_seed(path: Path, max_bytes: int = MAX_SEED_BYTES) -> tuple[bytes, float]:
    """The seed's bytes and modification time; refuses files over the limit and files that
    change while they are read (still being copied in)."""
    before = path.stat()
    if before.st_size > max_bytes:
        raise SeedError(f"{before.st_size:,} bytes is over the {max_bytes:,}-byte limit (WIREBRIEF_MAX_SEED_BYTES)")
    with open(path, "rb") as f:
        opened = os.fstat(f.fileno())
        data = f.read(max_bytes + 1)
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
    if best is not None and best.encoding in _MULTIBYTE:
        return _checked(str(best))
    try:
        return _checked(data.decode(legacy))
    except UnicodeDecodeError:
        pass
    if best is not None and not best.encoding.startswith("utf_"):  # UTF-16/32 only with a BOM
        return _checked(str(best))
    raise SeedError(f"undecodable bytes: neither UTF-8 nor {legacy}, and no other encoding fits")


def _checked(text: str) -> str:
    if not text.strip():
        raise SeedError("empty file")
    if len(_CONTROL.findall(text)) > max(4, len(text) // 100):
        raise SeedError("binary data: too many control characters for text")
    return text
