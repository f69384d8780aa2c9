"""Rendering on every core: the pages a build has to render, shared out between this process
and forked copies of it.

A cold build renders tens of thousands of pages, one at a time, from objects (every briefing,
the lists, the templates) that exist only in the build's process. A fork has them all,
copy-on-write, with nothing to send: each child renders its share of the pages to disk and
sends back only what the parent's bookkeeping needs (the files it wrote, which of them say
noindex, what it logged), as a pickle through a pipe. The parent does its other work
(the feeds), then joins in. The pages are handed out in
small runs, numbered in a pipe every process reads from, so each process takes the next run
when it is free and all finish together, however unequal the pages (a front page against a
briefing's) or the processes' other work. A read of a few bytes from a pipe is atomic, and a child that dies holds no lock. A child that fails on a page, or dies, leaves the pages it did not report to
the parent, which renders them itself (and so raises the page's own error, if it has one):
nothing is lost, and a failure reads as it would without forking.

A child writes nothing to the terminal: Pelican's progress display runs in a thread, which may
hold the console's lock at the moment of the fork, and the child would wait for it for ever.
What the child logs is sent back instead and logged by the parent, through its own handlers
(the build's record of warnings among them, site/uptodate.py).

Below FORK_FROM pages (an incremental build), or with one process, all pages render here.
Pelican's signals about writing fire where the writing happens: `content_written` in the
process that rendered the page, `article_writer_finalized` and `page_writer_finalized` once
the pages are asked for, before they are rendered (nothing in Wirebrief listens to them).
"""

from __future__ import annotations

import logging
import os
import pickle
import struct
import sys
from dataclasses import dataclass, field
from typing import Callable, Iterator, Sequence


log = logging.getLogger(__name__)

FORK_FROM = 400   # pages; a fork and its reply cost a few tens of milliseconds


def process_count(setting: int) -> int:
    """WIREBRIEF_RENDER_PROCESSES: 0 (or less) means one per CPU this process may use."""
    if setting > 0:
        return setting
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


@dataclass
class Reply:
    """What a child did: the indices of the jobs it finished, in order, and what its state
    gained meanwhile (`state` is the caller's, from `changes`)."""
    done: list[int] = field(default_factory=list)
    state: object = None
    records: list[dict] = field(default_factory=list)   # what it logged (logging.makeLogRecord's)


class _Kept(logging.Handler):
    """In a child, instead of every handler: each record, as plain values, for the parent."""

    def __init__(self):
        super().__init__(logging.NOTSET)
        self.records: list[dict] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
            if record.exc_info:
                text += "\n" + logging.Formatter().formatException(record.exc_info)
            # Pelican's LimitFilter groups repeated messages by these
            extra = {k: getattr(record, k) for k in ("limit_msg", "limit_args") if hasattr(record, k)}
            self.records.append({"name": record.name, "levelno": record.levelno, "msg": text, "extra": extra})
        except Exception:
            pass


def _keep_records() -> _Kept:
    """Every handler of every logger replaced by one that keeps the records (see above)."""
    kept = _Kept()
    for logger in [logging.getLogger(), *logging.Logger.manager.loggerDict.values()]:
        if isinstance(logger, logging.Logger):
            logger.handlers = []
    logging.getLogger().handlers = [kept]
    return kept


def log_again(records: list[dict]) -> None:
    """What a child logged, logged here as if here: through the logger's own checks (Pelican's
    LimitFilter drops a repeat; `--fatal warnings` makes a warning end the build)."""
    for r in records:
        logger = logging.getLogger(r["name"])
        if logger.isEnabledFor(r["levelno"]):
            logger.log(r["levelno"], "%s", r["msg"], extra=r["extra"] or None)


class Share:
    """The pages of one split, numbered in runs in a pipe; the children, started."""

    def __init__(self, count: int, processes: int, task: str = "rendering"):
        self.count = count
        self.task = task   # what the processes do, for the warnings: "rendering", "reading"
        # some 64 runs a process, at most 1,024 in all: their numbers fit a pipe's smallest buffer
        # (a page, 4 KiB), so they are written before anyone reads them
        self.run = max(8, -(-count // min(processes * 64, 1024)))   # pages a process takes at a time
        self.children: list[tuple[int, int]] = []                    # pid, the read end of its reply
        self._runs, write = os.pipe()
        runs = b"".join(struct.pack("<I", start) for start in range(0, count, self.run))
        os.write(write, runs)
        os.close(write)   # once every run is taken, a read finds the end of the pipe

    def take(self) -> Iterator[int]:
        """The indices of the next runs, until none is left."""
        while self._runs >= 0:
            data = os.read(self._runs, 4)
            if len(data) < 4:
                return
            start = struct.unpack("<I", data)[0]
            yield from range(start, min(self.count, start + self.run))

    def collect(self) -> list[Reply | None]:
        """Each child's reply (None: it died before replying). Every child is reaped before
        anything is logged (a warning may end the build)."""
        replies, dead = [], []
        try:
            while self.children:
                pid, fd = self.children[0]
                with os.fdopen(fd, "rb") as pipe:
                    try:   # from the pipe as it comes: the reply's bytes are never held whole
                        reply = pickle.load(pipe)
                    except Exception:   # nothing, or cut short: the child died
                        reply = None
                self.children.pop(0)
                _, status = os.waitpid(pid, 0)
                if reply is None:
                    dead.append(_how(status))
                replies.append(reply)
        finally:
            self.abandon()   # what is left after a failure here, and the pipe of runs
        for how in dead:
            log.warning("wirebrief: a %s process ended without replying (%s); what it took is done in the "
                        "build's process", self.task, how)
        return replies

    def abandon(self) -> None:
        """The parent failed: take every run left, so the children stop after the page they are
        on (a page is written whole or not at all), and reap them."""
        for _ in self.take():
            pass
        for pid, fd in self.children:
            os.close(fd)
            os.waitpid(pid, 0)
        self.children = []
        self.close()

    def close(self) -> None:
        if self._runs >= 0:
            os.close(self._runs)
            self._runs = -1


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit status {os.WEXITSTATUS(status)}"


def start(jobs: Sequence, run: Callable[[object], None], changes: Callable[[], object],
          processes: int, task: str = "rendering") -> Share:
    """Fork processes - 1 children. Each runs `run(job)` for the runs of jobs it takes, then
    replies with the indices it finished and `changes()` (what its state gained). The caller
    takes runs from the returned Share (`take`) too, then `collect`s the replies."""
    share = Share(len(jobs), processes, task)
    failed = None
    try:
        for _ in range(max(0, processes - 1)):
            sys.stdout.flush()
            sys.stderr.flush()
            try:
                read, write = os.pipe()
                try:
                    pid = os.fork()
                except OSError:
                    os.close(read)
                    os.close(write)
                    raise
            except OSError as e:   # no memory, processes or files left: fewer processes share the pages
                failed = e
                break
            if pid == 0:   # the child: never returns
                _child(jobs, share, run, changes, read, write)
            os.close(write)
            share.children.append((pid, read))
        if failed is not None:
            log.warning("wirebrief: could not start a %s process (%s); %s on %d", task, failed, task,
                        len(share.children) + 1)
    except BaseException:
        share.abandon()
        raise
    return share


def _child(jobs: Sequence, share: Share, run, changes, read: int, write: int) -> None:
    status = 1
    try:
        os.close(read)
        for _, other in share.children:
            os.close(other)
        kept = _keep_records()
        # nothing to the terminal: Pelican's progress display wraps stdout and stderr in its lock
        sys.stdout = sys.stderr = open(os.devnull, "w")
        logging.captureWarnings(True)
        reply = Reply()
        for i in share.take():
            try:
                run(jobs[i])
            except BaseException:   # the parent renders it again, and reports its error
                break
            reply.done.append(i)
        reply.state, reply.records = changes(), kept.records
        with os.fdopen(write, "wb") as pipe:   # pickled into the pipe: no second copy of the reply here
            pickle.dump(reply, pipe, protocol=pickle.HIGHEST_PROTOCOL)
        status = 0
    finally:
        # no atexit handlers, no flushing of the parent's buffers, no release of its locks
        os._exit(status)
