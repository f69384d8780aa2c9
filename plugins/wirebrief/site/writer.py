"""A Pelican writer that renders a page only when what it shows changed, and writes a file
only when its bytes changed.

Pelican renders every page on every build and rewrites every file. This writer asks the
build's render plan (renderplan.py) whether a page's inputs are what they were when its file
was made; if so the page is neither rendered nor touched. Otherwise it renders, and writes
atomically, and only if the bytes differ: a rebuild with nothing changed touches nothing,
and a deploy by time stamp or checksum ships only what changed.

The pages to render are kept until the briefing generator has asked for all of its own
(`start_pending`): then forked copies of this process start on them (forked.py) while this
one writes the feeds, and `finish_pending` joins in, then takes in what the copies wrote
before the sitemaps list it.
"""

from __future__ import annotations

import logging
import os
from collections import Counter
from dataclasses import dataclass

from pelican.utils import sanitised_join

from . import forked
from .pelican_internals import PendingFileWriter
from .sitemaps import noindex
from ..settings import WirebriefSettings

log = logging.getLogger(__name__)

PLAN = "wirebrief_plan"  # where the generator puts the build's RenderPlan in Pelican's context
# The key of a page no build made yet: it renders whatever its key, which only needs to be
# recorded. Worked out in this process once forked ones have started rendering (a cold build's
# 17,000 keys took 1 s at 10,000 briefings while the other core waited), else right before it renders.
_LATER = "(later)"


@dataclass
class _Page:
    """A page to render: Writer.write_file's arguments, and its key in the render plan."""
    name: str
    key: str | None
    plan: object   # the build's RenderPlan, or None
    args: tuple
    kwargs: dict


def _work_out_key(page: _Page) -> None:
    if page.key is _LATER:
        page.key = page.plan.key(page.args[1], page.name, page.args[2], page.kwargs)


class UnchangedSkippingWriter(PendingFileWriter):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unlisted: set[str] = set()  # pages of this build whose HTML says noindex (sitemaps.noindex)
        self._pending: list[_Page] | None = []   # None once start_pending was called
        self._share: tuple[list[_Page], forked.Share] | None = None

    def wrote(self, path: str, text: str) -> None:
        if path.endswith(".html") and noindex(text):
            self.unlisted.add(os.path.relpath(path, self.output_path))

    def write_file(self, name, template, context, relative_urls=False, paginated=None, template_name=None,
                   override_output=False, url=None, **kwargs):
        if not name:
            return super().write_file(name, template, context, relative_urls, paginated, template_name,
                                      override_output, url, **kwargs)
        plan = context.get(PLAN)   # None: WIREBRIEF_INCREMENTAL = False, every page renders
        if plan is None:
            key = None
        elif plan.is_new(name):
            key = _LATER
        else:
            key = plan.key(template, name, context, kwargs)
        if plan is not None and key is not _LATER and plan.fresh(name, key):
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
        path = sanitised_join(self.output_path, page.name)
        was = path in self._written_files, path in self._overridden_files
        try:
            super().write_file(*page.args, **page.kwargs)
        except BaseException:
            # not written after all: whoever renders it again may write it (pages with more
            # than one file, paginated, are not undone: this site does not paginate)
            if not was[0]:
                self._written_files.discard(path)
            if not was[1]:
                self._overridden_files.discard(path)
            raise

    def _render(self, page: _Page) -> None:
        _work_out_key(page)
        self._render_only(page)
        self._made(page)

    def _made(self, page: _Page) -> None:
        if page.plan is not None:
            page.plan.made(page.name, page.key, unlisted=os.path.normpath(page.name) in self.unlisted)

    def start_pending(self) -> None:
        """Render the pages asked for so far: here and now when they are few; otherwise start
        forked processes on them (forked.py), which this process joins in finish_pending once
        it has done its other work. Pages asked for later render at once."""
        pages, self._pending = self._pending or [], None
        processes = forked.process_count(WirebriefSettings.of(self.settings).render_processes)
        if processes < 2 or len(pages) < forked.FORK_FROM:
            for page in pages:
                self._render(page)
            return
        # a file asked for twice (two briefings of one slug, a page that overrides another):
        # rendered here, in order, so that Pelican fails or overrides as in one process;
        # every other page has a file of its own, whichever process renders it
        names = Counter(os.path.normpath(page.name) for page in pages)
        twice = [page for page in pages if names[os.path.normpath(page.name)] > 1
                 or sanitised_join(self.output_path, page.name) in self._written_files]
        if twice:
            for page in twice:
                self._render(page)
            taken = set(map(id, twice))
            pages = [page for page in pages if id(page) not in taken]
        written, overridden, unlisted = set(self._written_files), set(self._overridden_files), set(self.unlisted)

        def changes():
            return self._written_files - written, self._overridden_files - overridden, self.unlisted - unlisted

        log.info("wirebrief: %d page(s) to render, shared among %d processes", len(pages), processes)
        self._share = (pages, forked.start(pages, self._render_only, changes, processes))
        try:
            for page in pages:   # while the forked processes render (they take more runs meanwhile)
                _work_out_key(page)
        except BaseException:
            self.abandon_pending()
            raise

    def finish_pending(self) -> None:
        """Take runs of the pages in this process too, until none is left; wait for the forked
        processes; take in the files they wrote; render here whatever they did not."""
        if self._share is None:
            return
        (pages, share), self._share = self._share, None
        rendered_here = set()
        try:
            for i in share.take():
                self._render(pages[i])
                rendered_here.add(i)
        except BaseException:
            share.abandon()
            raise
        left = set(range(len(pages))) - rendered_here
        for reply in share.collect():
            if reply is None:
                continue
            written, overridden, unlisted = reply.state
            self._written_files |= written
            self._overridden_files |= overridden
            self.unlisted |= unlisted
            forked.log_again(reply.records)
            for i in reply.done:
                self._made(pages[i])
            left.difference_update(reply.done)
        for i in sorted(left):   # a page that failed there fails here, with its own error
            self._render(pages[i])

    def abandon_pending(self) -> None:
        """The build failed between start_pending and finish_pending: stop the forked
        processes after the page each is on, and reap them."""
        if self._share is not None:
            (_, share), self._share = self._share, None
            share.abandon()
