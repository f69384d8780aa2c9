"""A Pelican writer that renders a page only when what it shows changed, and writes a file
only when its bytes changed.

Pelican renders every page on every build and rewrites every file. This writer asks the
build's render plan (renderplan.py) whether a page's inputs are what they were when its file
was made; if so the page is neither rendered nor touched. Otherwise it renders, and writes
atomically, and only if the bytes differ: a rebuild with nothing changed touches nothing,
and a deploy by time stamp or checksum ships only what changed.
"""

from __future__ import annotations

import logging
import os

from pelican.utils import sanitised_join

from .pelican_internals import PendingFileWriter
from .sitemaps import noindex

log = logging.getLogger(__name__)

PLAN = "wirebrief_plan"  # where the generator puts the build's RenderPlan in Pelican's context


class UnchangedSkippingWriter(PendingFileWriter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unlisted: set[str] = set()  # pages of this build whose HTML says noindex (sitemaps.py)

    def wrote(self, path: str, text: str) -> None:
        if path.endswith(".html") and noindex(text):
            self.unlisted.add(os.path.relpath(path, self.output_path))

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        plan = context.get(PLAN)
        if plan is None or not name:
            return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                      override_output, url, **kwargs)
        key = plan.key(template, name, context, kwargs)
        if plan.fresh(name, key):
            self.count_as_written(sanitised_join(self.output_path, name))
            if plan.is_unlisted(name):  # what its HTML said when it was last written
                self.unlisted.add(os.path.normpath(name))
            return None
        result = super().write_file(name, template, context, relative_urls, paginated, template_name,
                                    override_output, url, **kwargs)
        plan.made(name, key, unlisted=os.path.normpath(name) in self.unlisted)
        return result
