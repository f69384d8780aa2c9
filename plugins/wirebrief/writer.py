"""A Pelican writer that leaves a file alone when its new bytes are the bytes it has.

Pelican renders every page on every build and rewrites every file. This writer still
renders (working out what one briefing touches is not done yet), but only writes files
whose content changed, atomically: a rebuild with nothing changed touches nothing, and a
deploy by time stamp or checksum ships only what changed.
"""

from __future__ import annotations

import io
import logging
import os

from pelican.writers import FileOverwriteFailedError, Writer

from .files import write_if_changed

log = logging.getLogger(__name__)


class _PendingFile(io.StringIO):
    """What Pelican writes into; on close, it goes to disk only if it changed."""

    def __init__(self, path: str, encoding: str):
        super().__init__()
        self._path, self._encoding = path, encoding

    def close(self) -> None:
        if not self.closed:
            write_if_changed(self._path, self.getvalue().encode(self._encoding))
        super().close()


class UnchangedSkippingWriter(Writer):
    def _open_w(self, filename, encoding, override=False):
        # Pelican's own bookkeeping (pelican 4.12 Writer._open_w), then a pending file
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(f'Failed to overwrite "{filename}" a second time (was previously overwritten)')
            return open(os.devnull, "w", encoding=encoding)
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it previously '
                "(set `override=True` if intended)")
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        return _PendingFile(filename, encoding)
