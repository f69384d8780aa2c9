"""A Pelican writer that renders a page only when what it shows changed, and writes a file
only when its bytes changed.

Pelican renders every page on every build and rewrites every file. This writer asks the
build's render plan (renderplan.py) whether a page's inputs are what they were when its file
was made; if so the page is neither rendered nor touched. Otherwise it renders, and writes
atomically, and only if the bytes differ: a rebuild with nothing changed touches nothing,
and a deploy by time stamp or checksum ships only what changed.

The pages to render are kept until the briefing generator has asked for all of its own
(`start_pending`): then they are shared out between this process and forked copies of it
(forked.py), and `finish_pending` takes in what the copies wrote before the sitemaps list it.
"""

from __future__ import annotations

import logging
import os

from dataclasses import dataclass

from pelican.utils import sanitised_join
from pelican.writers import FileOverwriteFailedError

from . import forked
from .pelican_internals import PendingFileWriter
from .sitemaps import noindex
from ..settings import WirebriefSettings

log = logging.getLogger(__name__)

PLAN = "wirebrief_plan"  # where the generator puts the build's RenderPlan in Pelican's context


@dataclass
class _Page:
    """A page to render: Writer.write_file's arguments, and its key in the render plan."""
    name: str
    key: str | None
    plan: object   # the build's RenderPlan, or None
    args: tuple
    kwargs: dict


class UnchangedSkippingWriter(PendingFileWriter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unlisted: set[str] = set()  # pages of this build whose HTML says noindex (sitemaps.noindex)
        self._pending: list[_Page] | None = []   # None once start_pending was called
        self._share: tuple[list[_Page], forked.Share] | None = None
        self._rendered_here: set[int] = set()

    def wrote(self, path: str, text: str) -> None:
        if path.endswith(".html") and noindex(text):
            self.unlisted.add(os.path.relpath(path, self.output_path))

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        if not name:
            return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                      override_output, url, **kwargs)
        plan = context.get(PLAN)   # None: WIREBRIEF_INCREMENTAL = False, every page renders
        key = plan.key(template, name, context, kwargs) if plan is not None else None
        if plan is not None and plan.fresh(name, key):
            self.count_as_written(sanitised_join(self.output_path, name))
            if plan.is_unlisted(name):  # what its HTML said when it was last written
                self.unlisted.add(os.path.normpath(name))
            return None
        page = _Page(name, key, plan, (name, template, context, relative_urls, paginated, template_name,
                                       override_output, url), kwargs)
        if self._pending is not None:
            self._pending.append(page)
        else:
            self._render(page)
        return None

    def _render_only(self, page: _Page) -> None:
        super().write_file(*page.args, **page.kwargs)

    def _render(self, page: _Page) -> None:
        self._render_only(page)
        self._made(page)

    def _made(self, page: _Page) -> None:
        if page.plan is not None:
            page.plan.made(page.name, page.key, unlisted=os.path.normpath(page.name) in self.unlisted)

    def start_pending(self) -> None:
        """Render the pages asked for so far: this process's share now, the rest in forked
        processes (forked.py) when there are enough of them. Pages asked for later render at once."""
        pages, self._pending = self._pending or [], None
        processes = forked.process_count(WirebriefSettings.of(self.settings).render_processes)
        if processes < 2 or len(pages) < forked.FORK_FROM:
            for page in pages:
                self._render(page)
            return
        written, overridden, unlisted = set(self._written_files), set(self._overridden_files), set(self.unlisted)

        def changes():
            return self._written_files - written, self._overridden_files - overridden, self.unlisted - unlisted

        log.info("wirebrief: %d page(s) to render, shared among %d processes", len(pages), processes)
        share = forked.start(pages, self._render_only, changes, processes)
        self._share, self._rendered_here = (pages, share), set()
        try:
            for i in share.take():
                self._render(pages[i])
                self._rendered_here.add(i)
        except BaseException:
            self._share = None
            share.abandon()
            raise

    def finish_pending(self) -> None:
        """Wait for the forked processes; take in the files they wrote; render here whatever
        they did not."""
        if self._share is None:
            return
        (pages, share), self._share = self._share, None
        from .hooks import told_elsewhere

        left = set(range(len(pages))) - self._rendered_here
        for reply in share.collect():
            if reply is None:
                continue
            written, overridden, unlisted = reply.state
            twice = (written & self._written_files) - overridden - self._overridden_files
            if twice:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{min(twice)}" as Pelican has already written to it previously '
                    "(set `override=True` if intended)")
            self._written_files |= written
            self._overridden_files |= overridden
            self.unlisted |= unlisted
            told_elsewhere(reply.warnings)
            for i in reply.done:
                self._made(pages[i])
            left.difference_update(reply.done)
        for i in sorted(left):   # a page that failed there fails here, with its own error
            self._written_files.discard(sanitised_join(self.output_path, pages[i].name))
            self._render(pages[i])
