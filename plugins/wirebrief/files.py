"""Writing files whole: a temporary file beside the target, then a rename. A reader (or a
crash, or kill -9) sees the old file or the new one, never half of one."""

from __future__ import annotations

import os
from pathlib import Path


def write_atomically(path: Path, data: bytes | str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if isinstance(data, str):
            tmp.write_text(data, encoding="utf-8")
        else:
            tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def write_if_changed(path: Path | str, data: bytes) -> bool:
    """Write `data` unless the file already holds exactly that (its time stamp then stays,
    so deploys by time or checksum skip it). True if written."""
    path = Path(path)
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data)
    return True
