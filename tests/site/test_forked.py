"""site/forked.py with real forks: every job is done once, by whichever process takes it; what
a child could not do (its job failed, or it died) is left for the parent, never lost."""

import os

import pytest

from wirebrief.site import forked


def jobs(tmp_path, count):
    return [tmp_path / f"{i:04d}.out" for i in range(count)]


def write_pid(path):
    path.write_text(str(os.getpid()))


def run_all(share, pages, run):
    mine = []
    for i in share.take():
        run(pages[i])
        mine.append(i)
    return mine, share.collect()


def test_every_job_is_done_once_and_both_processes_take_some(tmp_path):
    pages = jobs(tmp_path, 2000)
    share = forked.start(pages, write_pid, lambda: "state", 2)
    mine, replies = run_all(share, pages, write_pid)
    (reply,) = replies
    assert reply.state == "state"
    assert set(mine).isdisjoint(reply.done)
    assert sorted(mine + reply.done) == list(range(2000))
    writers = {p.read_text() for p in pages}
    assert str(os.getpid()) in writers and len(writers) == 2   # the child did its part
    assert reply.done == sorted(reply.done)   # each process in the jobs' order


def test_a_job_that_fails_in_the_child_is_left_to_the_parent(tmp_path):
    parent = os.getpid()
    pages = jobs(tmp_path, 1000)

    def fails_in_the_child(path):
        if os.getpid() != parent and int(path.stem) % 7 == 3:
            raise ValueError("no")
        write_pid(path)

    share = forked.start(pages, fails_in_the_child, lambda: None, 2)
    mine, (reply,) = run_all(share, pages, fails_in_the_child)
    left = set(range(1000)) - set(mine) - set(reply.done)
    assert left, "the child failed on none of its jobs: the test no longer tests failure"
    assert not any(pages[i].exists() for i in left)   # left means not done
    assert min(left) % 7 == 3   # the child stopped at the job that failed


def test_a_child_that_dies_replies_nothing_and_its_jobs_are_left(tmp_path, caplog):
    parent = os.getpid()
    pages = jobs(tmp_path, 1000)

    def dies_in_the_child(path):
        if os.getpid() != parent:
            os._exit(3)
        write_pid(path)

    share = forked.start(pages, dies_in_the_child, lambda: None, 2)
    mine, replies = run_all(share, pages, dies_in_the_child)
    assert replies == [None]
    assert "ended without replying (exit status 3)" in caplog.text
    assert len(mine) < 1000   # the run the child took is not done, and the parent knows which


def test_a_reply_cut_short_counts_as_none(tmp_path, caplog):
    # the reply is pickled into the pipe as it goes: a child that fails half way through it
    # has sent part of a pickle, more than the pipe holds, which the parent must not take
    pages = jobs(tmp_path, 1000)
    share = forked.start(pages, write_pid, lambda: [os.urandom(1 << 20), lambda: "not picklable"], 2)
    mine, replies = run_all(share, pages, write_pid)
    assert replies == [None]
    assert "ended without replying (exit status 1)" in caplog.text
    assert len(mine) < 1000


def test_a_parent_that_fails_stops_the_children_after_their_page(tmp_path):
    pages = jobs(tmp_path, 2000)
    share = forked.start(pages, write_pid, lambda: None, 2)
    with pytest.raises(RuntimeError):
        for n, i in enumerate(share.take()):
            if n == 50:
                raise RuntimeError("the parent's page failed")
            write_pid(pages[i])
    (pid, _), = share.children
    share.abandon()   # returns once the child is reaped: it took no more runs
    assert share.children == []
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    assert sum(p.exists() for p in pages) < 2000


def test_one_process_forks_nothing(tmp_path):
    pages = jobs(tmp_path, 500)
    share = forked.start(pages, write_pid, lambda: None, 1)
    mine, replies = run_all(share, pages, write_pid)
    assert replies == [] and mine == list(range(500))


# --- the writer (site/writer.py) that shares its pages out this way ---------------------------

def pages_writer(tmp_path, processes):
    import jinja2
    from pelican.settings import DEFAULT_CONFIG

    from wirebrief.site.writer import UnchangedSkippingWriter

    writer = UnchangedSkippingWriter(str(tmp_path), settings=dict(DEFAULT_CONFIG, WIREBRIEF_RENDER_PROCESSES=processes))
    return writer, jinja2.Environment().from_string("{{ who }}"), {"localsiteurl": ""}


@pytest.mark.parametrize("processes", [1, 2])
def test_a_file_asked_for_twice_fails_as_in_one_process(tmp_path, processes):
    """Two briefings of one slug (written with override_output, as every article is), far apart
    in the build's order: Pelican refuses the second whichever process would render it."""
    from pelican.writers import FileOverwriteFailedError

    writer, template, context = pages_writer(tmp_path, processes)
    writer.write_file("same.html", template, context, override_output=True, who="first")
    for i in range(forked.FORK_FROM + 200):
        writer.write_file(f"p{i}.html", template, context, who=i)
    writer.write_file("same.html", template, context, override_output=True, who="second")
    with pytest.raises(FileOverwriteFailedError, match="same.html"):
        writer.start_pending()
        writer.finish_pending()
    writer.abandon_pending()
    assert (tmp_path / "same.html").read_text() == "first"


def test_a_build_that_fails_after_sharing_out_its_pages_reaps_the_other_processes(tmp_path):
    writer, template, context = pages_writer(tmp_path, 2)
    for i in range(forked.FORK_FROM * 4):
        writer.write_file(f"p{i}.html", template, context, who=i)
    writer.start_pending()
    assert writer._share is not None, "the pages were not shared out: the test no longer tests forking"
    (pid, _), = writer._share[1].children
    writer.abandon_pending()   # what generator.py does when the feeds fail
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)
    assert not list(tmp_path.glob(".*.tmp"))


def test_what_a_child_logs_is_logged_by_the_parent_and_nothing_by_the_child(tmp_path, caplog, capfd):
    import logging

    parent = os.getpid()
    pages = jobs(tmp_path, 1000)

    def warns_in_the_child(path):
        if os.getpid() != parent:
            logging.getLogger("pelican.writers").warning("cannot link %s", path.name)
        write_pid(path)

    share = forked.start(pages, warns_in_the_child, lambda: None, 2)
    mine, (reply,) = run_all(share, pages, warns_in_the_child)
    assert capfd.readouterr().err == ""   # the child wrote nothing to the terminal itself
    assert len(reply.records) == len(reply.done) > 0
    with caplog.at_level(logging.WARNING):
        forked.log_again(reply.records)
    told = [r for r in caplog.records if r.name == "pelican.writers"]
    assert sorted(r.getMessage() for r in told) == sorted(f"cannot link {pages[i].name}" for i in reply.done)
    assert all(r.levelno == logging.WARNING for r in told)


def test_a_log_filter_by_template_holds_for_what_a_child_logs(tmp_path, monkeypatch):
    # Pelican's LOG_FILTER ((level, template) pairs, kept in LimitFilter._ignore) is applied
    # in the child, where a record still has its template, before it is kept for the parent
    # (which logs it again as finished text, which no template would match)
    import logging

    from pelican.log import LimitFilter

    monkeypatch.setattr(LimitFilter, "_ignore", {(logging.WARNING, "cannot quote %s")})
    parent = os.getpid()
    pages = jobs(tmp_path, 1000)
    log = logging.getLogger("pelican.test_forked")

    def warns_in_the_child(path):
        if os.getpid() != parent:
            log.warning("cannot quote %s", path.name)
            log.warning("cannot unquote %s", path.name)
        write_pid(path)

    share = forked.start(pages, warns_in_the_child, lambda: None, 2)
    mine, (reply,) = run_all(share, pages, warns_in_the_child)
    assert reply.done, "the child rendered nothing: the test no longer tests it"
    assert sorted(r["msg"] for r in reply.records) == sorted(f"cannot unquote {pages[i].name}" for i in reply.done)


def test_a_page_whose_file_could_not_be_written_can_be_rendered_again(tmp_path, monkeypatch):
    """What the parent does with a page a child failed on (a full disk): it renders it again,
    and Pelican must not take it for a second write of the file."""
    from wirebrief.site import pelican_internals

    writer, template, context = pages_writer(tmp_path, 1)
    writer.write_file("a.html", template, context, override_output=True, who="whole")
    (page,) = writer._pending
    write = pelican_internals.write_if_changed

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pelican_internals, "write_if_changed", full_disk)
    with pytest.raises(OSError, match="No space left"):
        writer._render_only(page)
    monkeypatch.setattr(pelican_internals, "write_if_changed", write)
    writer._render_only(page)
    assert (tmp_path / "a.html").read_text() == "whole"


def test_a_childs_warning_is_fatal_where_warnings_are_and_a_repeat_is_dropped(monkeypatch):
    """`pelican --fatal warnings`: a warning a child logged ends the build in the parent.
    Pelican's LimitFilter drops a message said before, without failing."""
    import logging

    from pelican.log import FatalLogger

    record = {"name": "pelican.contents", "levelno": logging.WARNING, "msg": "Unable to find 'x.md'", "extra": {}}
    forked.log_again([record])
    forked.log_again([record])   # the same message again: dropped, no error
    monkeypatch.setattr(FatalLogger, "fatal_lvl", logging.WARNING)
    with pytest.raises(RuntimeError, match="Warning or error encountered"):
        forked.log_again([{**record, "msg": "Unable to find 'y.md'"}])
