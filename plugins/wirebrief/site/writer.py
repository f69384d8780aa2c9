"""A Pelican writer that renders a page only when what it shows changed, and writes a file
only when its bytes changed.

Pelican renders every page on every build and rewrites every file. This writer asks the
build's render plan (renderplan.py) whether a page's inputs are what they were when its file
was made; if so the page is neither rendered nor touched. Otherwise it renders, and writes
atomically, and only if the bytes differ: a rebuild with nothing changed touches nothing,
and a deploy by time stamp or checksum ships only what changed.
"""

from __future__ import annotations

import io
import logging
import os

from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from ..files import write_if_changed
from .renderplan import page_key

log = logging.getLogger(__name__)

PLAN = "wirebrief_plan"  # where the generator puts the build's RenderPlan in Pelican's context


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
    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        plan = context.get(PLAN)
        if plan is None or not name:
            return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                      override_output, url, **kwargs)
        key = page_key(template_name, name, context, kwargs)
        if plan.fresh(name, key):
            self._written_files.add(sanitised_join(self.output_path, name))
            return None
        result = super().write_file(name, template, context, relative_urls, paginated, template_name,
                                    override_output, url, **kwargs)
        plan.made(name, key)
        return result

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
