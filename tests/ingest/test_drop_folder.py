"""A drop folder on a real file system (issue #18): FIFOs, sockets, links, hostile file names,
a full disk and read-only folders. Real faults: real FIFOs and sockets, a small tmpfs mounted
and filled, read-only bind mounts (these need root, as in CI; elsewhere they are skipped)."""

import contextlib
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from wirebrief.ingest.post import is_hand_edited, read_header

from conftest import make_publish, make_site, wirebrief

GOOD = "Harbin opens ice festival\n\nHARBIN, Jan. 5 (Xinhua) -- The festival opened on Thursday.\n"


def ingest_cli(site: Path, *args: str) -> subprocess.CompletedProcess:
    # a regression that opens a FIFO would wait for ever: the timeout turns it into a failure
    return subprocess.run([sys.executable, "-m", "wirebrief.tools.cli", "ingest", *args], cwd=site,
                          capture_output=True, text=True, timeout=60)


def posts(site: Path) -> dict[str, str]:
    """seed -> post name, checking every post is whole."""
    found = {}
    for path in (site / "content" / "briefings").glob("*.md"):
        text = path.read_text(encoding="utf-8")
        assert not is_hand_edited(text), f"{path.name} is not whole"
        found[read_header(text)["seed"]] = path.name
    return found


def leftovers(folder: Path) -> list[str]:
    return [str(p) for p in folder.rglob("*.tmp")]


@pytest.fixture
def site(tmp_path):
    (tmp_path / "site" / "seeds").mkdir(parents=True)
    return tmp_path / "site"


def test_fifo_and_socket_are_reported_without_blocking(site):
    (site / "seeds" / "good.txt").write_text(GOOD)
    os.mkfifo(site / "seeds" / "pipe.txt")
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(site / "seeds" / "sock.txt"))
        result = ingest_cli(site)
        strict = ingest_cli(site, "--strict")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "seeds/pipe.txt: skipped: a named pipe (FIFO), not a regular file",
        "seeds/sock.txt: skipped: a socket, not a regular file",
    ]
    assert posts(site) == {"seeds/good.txt": "harbin-opens-ice-festival.md"}
    assert strict.returncode == 1  # --strict: a skipped seed fails the run


def test_extract_refuses_a_fifo_without_blocking(site):
    os.mkfifo(site / "seeds" / "pipe.txt")
    result = subprocess.run([sys.executable, "-m", "wirebrief.tools.cli", "extract", "seeds/pipe.txt", "--json"], cwd=site,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "not a regular file" in result.stdout


def test_link_policy(site):
    seeds = site / "seeds"
    (seeds / "world").mkdir()
    (seeds / "world" / "harbin.txt").write_text(GOOD)
    os.symlink("world/harbin.txt", seeds / "asia.txt")  # one story filed twice: one post
    (seeds / "archive.wire").write_text("Oslo opens a library\n\nOSLO, Jan. 5 (NTB) -- It opened.\n")
    os.symlink("archive.wire", seeds / "oslo.txt")  # a link to a file that is no seed itself: read
    secret = site.parent / "secret.txt"
    secret.write_text("Secret headline\n\nSECRET body.\n")
    os.symlink(secret, seeds / "out.txt")
    os.symlink("gone.txt", seeds / "dangling.txt")
    os.symlink(seeds / "world", seeds / "folder.txt")
    result = ingest_cli(site)
    assert result.returncode == 0, result.stderr
    assert sorted(result.stderr.splitlines()) == [
        "seeds/asia.txt: skipped: a second name (a link) for seeds/world/harbin.txt, which is read as the seed",
        "seeds/dangling.txt: skipped: a link to nothing (its file is gone)",
        "seeds/folder.txt: skipped: a folder, not a regular file",
        "seeds/out.txt: skipped: a link out of the seed folder; not read",
    ]
    assert posts(site) == {"seeds/world/harbin.txt": "harbin-opens-ice-festival.md", "seeds/oslo.txt": "oslo-opens-a-library.md"}
    assert not any("SECRET" in p.read_text() for p in (site / "content" / "briefings").glob("*.md"))


def test_file_names_cannot_forge_report_lines(site):
    forged = "x\nevil.md: created from evil\x1b[2J.txt"  # a name cannot hold "/"
    (site / "seeds" / forged).write_text(GOOD)
    (site / "seeds" / os.fsdecode(b"caf\xe9.txt")).write_text(GOOD)  # not UTF-8: it must print, too
    result = ingest_cli(site, "--quiet")
    assert result.returncode == 0, result.stderr
    assert result.stderr.splitlines() == [
        "seeds/caf\\udce9.txt: skipped: its name holds a control character or a byte that is not UTF-8 (shown escaped); rename it",
        "seeds/x\\nevil.md: created from evil\\x1b[2J.txt: skipped: its name holds a control "
        "character or a byte that is not UTF-8 (shown escaped); rename it",
        "ingest: 2 error",
    ]
    assert posts(site) == {}


# --- real file-system faults: a small tmpfs, filled; read-only bind mounts ---------------------

def _mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True)
    if result.returncode != 0:
        pytest.skip(f"cannot mount here (`mount {' '.join(args)}`: {result.stderr.strip()}); "
                    "the tests of a full disk and a read-only folder need root, as in CI")


@contextlib.contextmanager
def full_disk(folder: Path, size: str = "16m", room_kb: int = 0):
    """A tmpfs of `size` over `folder`; the filler leaves `room_kb` free once whatever is in
    `folder` is copied back. Yields the filler: delete it to "fix" the disk."""
    folder.mkdir(parents=True, exist_ok=True)
    saved = [(p.name, p.read_bytes()) for p in folder.iterdir() if p.is_file()]
    _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    try:
        for name, data in saved:
            (folder / name).write_bytes(data)
        filler = folder / ".filler"
        free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
        if free - room_kb * 1024 > 0:
            subprocess.run(["fallocate", "-l", str(free - room_kb * 1024), str(filler)], check=True)
        yield filler
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@contextlib.contextmanager
def read_only(folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    _mount("--bind", str(folder), str(folder))
    try:
        _mount("-o", "remount,ro,bind", str(folder))
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_ingest_on_a_full_disk_writes_whole_posts_says_so_and_completes_next_time(tmp_path):
    site = make_site(tmp_path)
    briefings = site / "content" / "briefings"
    with full_disk(briefings, "1m", room_kb=12) as filler:
        result = ingest_cli(site, "--quiet")
        assert result.returncode == 1  # not --strict: a fault always fails the run
        assert "Traceback" not in result.stderr
        faults = [line for line in result.stderr.splitlines() if "No space left on device" in line]
        assert faults and all(line.startswith("write content/briefings/") for line in faults), result.stderr
        written = posts(site)  # whole, every one
        assert 0 < len(written) < len(list((site / "seeds").glob("*.txt")))
        assert leftovers(briefings) == []
        filler.unlink()  # the fault is fixed
        again = ingest_cli(site, "--quiet")
        assert again.returncode == 0, again.stderr
        assert set(posts(site)) == {f"seeds/{p.name}" for p in (site / "seeds").glob("*.txt")}


def test_a_build_on_a_full_disk_ends_in_one_line_leaves_whole_pages_and_completes_next_time(tmp_path):
    site = make_site(tmp_path)
    output = site / "output"
    command = [sys.executable, "-m", "pelican", str(site / "content"), "-o", str(output), "-s", str(site / "pelicanconf.py")]
    with full_disk(output, "16m", room_kb=200) as filler:
        result = subprocess.run(command, cwd=site, capture_output=True, text=True, timeout=300, env={**os.environ, "COLUMNS": "300"})
        assert result.returncode != 0
        log = result.stdout + result.stderr
        assert "Traceback" not in log
        (line,) = [line for line in log.splitlines() if "CRITICAL" in line]
        assert "No space left on device" in line and "CRITICAL write output/" in line
        pages = list(output.rglob("*.html"))
        assert pages and all(p.read_text().rstrip().endswith("</html>") for p in pages)  # no partial page
        assert leftovers(output) == []
        filler.unlink()
        again = subprocess.run(command, cwd=site, capture_output=True, text=True, timeout=300)
        assert again.returncode == 0, again.stdout + again.stderr
        assert len(list((output / "briefings").glob("*.html"))) == len(list((site / "seeds").glob("*.txt")))


def test_publish_on_a_full_disk_leaves_output_untouched_and_no_output_new(tmp_path):
    """output/ and output.new/ on one file system (the swap is a rename), which fills up."""
    site = make_site(tmp_path)
    disk = site / "disk"
    with full_disk(disk, "48m", room_kb=24 * 1024) as filler:
        output = disk / "output"
        first = make_publish(site, output)
        assert first.returncode == 0, first.stdout + first.stderr
        before = {p: p.read_bytes() for p in output.rglob("*") if p.is_file()}
        stat = os.statvfs(disk)
        site_bytes = sum(len(data) for data in before.values())
        # now room for a third of a site
        with filler.open("r+b") as fill:    # allocated, not a sparse hole
            os.posix_fallocate(fill.fileno(), 0, filler.stat().st_size + stat.f_bavail * stat.f_frsize - site_bytes // 3)
        (site / "seeds" / "new.txt").write_text(GOOD)
        failed = make_publish(site, output)
        assert failed.returncode != 0
        said = " ".join((failed.stdout + failed.stderr).split())   # Pelican's log wraps at the terminal's width
        assert "No space left on device" in said and "Traceback" not in said
        assert {p: p.read_bytes() for p in output.rglob("*") if p.is_file()} == before
        assert not (disk / "output.new").exists()
        filler.unlink()
        assert make_publish(site, output).returncode == 0
        assert (output / "briefings" / "harbin-opens-ice-festival.html").exists()


def test_read_only_folders_give_one_line_and_a_failed_exit(tmp_path):
    site = make_site(tmp_path)
    assert ingest_cli(site, "--quiet").returncode == 0
    (site / "seeds" / "new.txt").write_text(GOOD)
    with read_only(site / "content" / "briefings"):
        result = ingest_cli(site, "--quiet")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "write content/briefings/harbin-opens-ice-festival.md: Read-only file system" in result.stderr.splitlines()
    output = site / "built"
    (output / "index.html").parent.mkdir()
    (output / "index.html").write_text("<html>" + "<p>briefing</p>" * 100 + "</html>")
    with read_only(output):
        result = wirebrief("precompress", str(output), cwd=site)
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["wirebrief precompress: write built/index.html.gz: Read-only file system"]
    assert ingest_cli(site, "--quiet").returncode == 0  # fixed: the next run completes the work
    assert "seeds/new.txt" in posts(site)
