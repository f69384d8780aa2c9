"""One build at a time per project: an editor's `make html` waits for the running
`make devserver` rebuild (and the other way round) instead of interleaving writes.

An advisory flock on `.wirebrief.lock` beside seeds/; the kernel releases it when the
process dies, so a killed build never leaves the project locked.
"""

from __future__ import annotations

import contextlib
import fcntl
import logging
import os
import time
from pathlib import Path

log = logging.getLogger(__name__)
LOCK_NAME = ".wirebrief.lock"
TIMEOUT_SECONDS = 600

# Locks this process holds, by path, with a depth count: Pelican's build lock and
# ingest's lock nest, and a second flock on a new descriptor would wait on ourselves.
_held: dict[Path, list] = {}


class LockTimeout(RuntimeError):
    pass


def acquire(root: Path, timeout: float = TIMEOUT_SECONDS) -> None:
    path = (root / LOCK_NAME).resolve()
    if path in _held:
        _held[path][1] += 1
        return
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + timeout
    said = False
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if not said:
                log.warning("wirebrief: another build of %s is running; waiting for it to finish", root)
                said = True
            if time.monotonic() > deadline:
                os.close(fd)
                raise LockTimeout(f"another build has held {path} for over {timeout:.0f} s") from None
            time.sleep(0.1)
    os.ftruncate(fd, 0)
    os.write(fd, f"{os.getpid()}\n".encode())
    _held[path] = [fd, 1]


def release(root: Path) -> None:
    path = (root / LOCK_NAME).resolve()
    entry = _held.get(path)
    if entry is None:
        return
    entry[1] -= 1
    if entry[1] == 0:
        del _held[path]
        fcntl.flock(entry[0], fcntl.LOCK_UN)
        os.close(entry[0])


def release_all() -> None:
    for path in list(_held):
        _held[path][1] = 1
        release(path.parent)


@contextlib.contextmanager
def build_lock(root: Path, timeout: float = TIMEOUT_SECONDS):
    acquire(root, timeout)
    try:
        yield
    finally:
        release(root)
