"""Writing files whole: a temporary file beside the target, then a rename. A reader (or a
crash, or kill -9) sees the old file or the new one, never half of one.

Also how a path, or a failed file-system operation, is shown in one line of a report."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path


def printable(text: object) -> str:
    """`text` with control and other invisible characters escaped as Python does (\\n, \\x1b,
    \\u202e, \\udcff for undecodable bytes), so a file name can neither forge a report line
    nor fail to print."""
    text = str(text)
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


class FileFault(OSError):
    """A file-system operation that failed, with what it was doing: one line of report."""

    def __init__(self, operation: str, path: Path | str, cause: OSError):
        reason = os.strerror(cause.errno) if cause.errno else str(cause)
        super().__init__(cause.errno, reason, str(path))
        self.operation = operation

    def line(self) -> str:
        return printable(f"{self.operation} {shown(self.filename)}: {self.strerror}")


def fault(error: OSError, operation: str, path: Path | str | None = None) -> FileFault:
    """`error` as a FileFault (unchanged if it is one already)."""
    if isinstance(error, FileFault):
        return error
    return FileFault(operation, path if path is not None else error.filename or "?", error)


def one_line(error: BaseException, operation: str = "build") -> str:
    """What ended a build, as one line: a file-system fault names the operation, the file and
    the reason; anything else its type and message."""
    if isinstance(error, OSError):
        return fault(error, operation).line()
    return printable(f"{type(error).__name__}: {error}")


def shown(path: Path | str) -> str:
    """A path as a report shows it: relative to the current folder when inside it."""
    relative = os.path.relpath(path) if os.path.isabs(path) else str(path)
    return str(path) if relative.startswith("..") else relative


def write_atomically(path: Path | str, data: bytes | str | Iterable[bytes]) -> None:
    """Raises FileFault("write", path, ...) when the disk is full, read-only, forbidden…;
    the temporary file is removed then too. Plain os calls: a build writes tens of thousands
    of files, and pathlib's objects and its unlink(missing_ok) cost a fifth of each write.
    `data` may come in pieces (an iterable of bytes), written as they come."""
    name = os.fspath(path)
    head, tail = os.path.split(name)
    tmp = os.path.join(head, f".{tail}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as f:
            if isinstance(data, (bytes, bytearray, str)):
                f.write(data.encode("utf-8") if isinstance(data, str) else data)
            else:
                for piece in data:
                    f.write(piece)
        os.replace(tmp, name)
    except BaseException as e:   # a fault, or interrupted: no temporary file left behind
        try:
            os.unlink(tmp)
        except OSError:
            pass  # never created (read-only folder); nothing to remove
        if isinstance(e, OSError):
            raise fault(e, "write", path) from e
        raise


_CHUNK = 1 << 20


def _holds(name: str, data: bytes) -> bool:
    """The file's bytes are `data`: read a MB at a time (the ingest state and the sitemaps of a
    site of 50,000 are 25 and 7 MB: a second copy of either was part of a build's peak)."""
    view = memoryview(data)
    with open(name, "rb") as f:
        for start in range(0, len(data), _CHUNK):
            if f.read(_CHUNK) != view[start:start + _CHUNK]:
                return False
        return not f.read(1)


def write_if_changed(path: Path | str, data: bytes) -> bool:
    """Write `data` unless the file already holds exactly that (its time stamp then stays,
    so deploys by time or checksum skip it). True if written."""
    name = os.fspath(path)
    try:
        if os.stat(name).st_size == len(data) and _holds(name, data):
            return False
    except OSError:
        pass
    folder = os.path.dirname(name)
    if folder and not os.path.isdir(folder):
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as e:
            raise fault(e, "create folder", Path(folder)) from e
    write_atomically(path, data)
    return True
