"""Publishing: the deploy targets against local stand-ins, precompressed copies, CI files."""

import gzip
import os
import shutil
import subprocess
import tomllib
from pathlib import Path

import brotli
import yaml

from conftest import ROOT, make_site, pelican_build


def make(target: str, cwd: Path, **variables) -> subprocess.CompletedProcess:
    args = [f"{k}={v}" for k, v in {"VENV": ROOT / ".venv", **variables}.items()]
    return subprocess.run(["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), target, *args],
                          cwd=cwd, capture_output=True, text=True, timeout=600,
                          env={**os.environ, "SITEURL": "https://news.example.org"})


def git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout


def published(tmp_path) -> Path:
    site = make_site(tmp_path)
    result = make("publish", site, INPUTDIR=site / "content", OUTPUTDIR=site / "output", PUBLISHCONF=site / "publishconf.py")
    assert result.returncode == 0, result.stderr
    assert "precompress:" in result.stdout and "smaller" in result.stdout  # the ratio is printed
    return site


def test_publish_writes_precompressed_copies(tmp_path):
    out = published(tmp_path) / "output"
    index = out / "index.html"
    assert gzip.decompress((out / "index.html.gz").read_bytes()) == index.read_bytes()
    assert brotli.decompress((out / "index.html.br").read_bytes()) == index.read_bytes()
    (css,) = (out / "theme" / "css").glob("wirebrief.*.css")
    assert gzip.decompress(Path(str(css) + ".gz").read_bytes()) == css.read_bytes()
    assert not (out / "review.html").exists()  # the editors' page stays in development builds
    assert (out / "pagefind" / "pagefind-ui.js").exists()


def test_github_pushes_the_site_to_a_gh_pages_branch(tmp_path):
    site = published(tmp_path)
    remote = tmp_path / "remote.git"
    git("init", "--bare", "-q", str(remote), cwd=tmp_path)
    work = tmp_path / "work"
    work.mkdir()
    git("init", "-q", "-b", "main", cwd=work)
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "--allow-empty", "-m", "start", cwd=work)
    git("remote", "add", "origin", str(remote), cwd=work)
    result = make("github", work, OUTPUTDIR=site / "output")
    assert result.returncode == 0, result.stderr
    files = git("ls-tree", "-r", "--name-only", "gh-pages", cwd=remote).split()
    assert "index.html" in files and ".nojekyll" in files and "feeds/all.atom.xml" in files


def test_rsync_upload_mirrors_output(tmp_path):
    site = published(tmp_path)
    target = tmp_path / "www"
    target.mkdir()
    (target / "stale.html").write_text("old")
    result = make("rsync_upload", site, OUTPUTDIR=site / "output", RSYNC_TARGET=f"{target}/")
    assert result.returncode == 0, result.stderr
    ours = {p.relative_to(site / "output") for p in (site / "output").rglob("*") if p.is_file()}
    theirs = {p.relative_to(target) for p in target.rglob("*") if p.is_file()}
    assert ours == theirs  # the stale file went: --delete


def test_s3_upload_runs_aws_s3_sync(tmp_path):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "aws.log"
    fake = bin_dir / "aws"
    fake.write_text(f'#!/bin/sh\necho "$@" > {log}\n')
    fake.chmod(0o755)
    out = tmp_path / "output"
    out.mkdir()
    env_path = f"{bin_dir}:{os.environ['PATH']}"
    result = subprocess.run(["make", "--no-print-directory", "-f", str(ROOT / "Makefile"), "s3_upload",
                             f"OUTPUTDIR={out}", "S3_BUCKET=news-bucket"], capture_output=True, text=True,
                            env={**os.environ, "PATH": env_path}, timeout=60)
    assert result.returncode == 0, result.stderr
    assert log.read_text().split() == ["s3", "sync", f"{out}/", "s3://news-bucket", "--delete", "--only-show-errors"]


def test_github_actions_workflow_builds_with_the_readme_command_and_deploys():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text())
    build = workflow["jobs"]["build"]["steps"]
    runs = [s.get("run") for s in build if s.get("run")]
    assert runs[0] == "make publish"
    # posts are the record: the build says when it made posts the repository lacks; a schedule lifts embargoes
    assert "git status --porcelain -- content seeds" in runs[1]
    assert workflow[True]["schedule"] and workflow["jobs"]["build"]["steps"][0]["with"]["fetch-depth"] == 0
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact") and s["with"]["path"] == "output" for s in build)
    deploy = workflow["jobs"]["deploy"]["steps"]
    assert any(s.get("uses", "").startswith("actions/deploy-pages") for s in deploy)
    assert workflow["permissions"]["pages"] == "write"


def test_netlify_builds_with_make_publish():
    config = tomllib.loads((ROOT / "netlify.toml").read_text())
    assert "make publish" in config["build"]["command"] and config["build"]["publish"] == "output"


def test_publish_settings_take_siteurl_and_feed_domain_from_the_environment(tmp_path):
    site = make_site(tmp_path)
    pelican_build(site, "publishconf.py", {"SITEURL": "https://a.example.org/x", "FEED_DOMAIN": "https://feeds.example.org"})
    atom = (site / "output" / "feeds" / "all.atom.xml").read_text()
    assert 'href="https://feeds.example.org/feeds/all.atom.xml"' in atom
    assert "https://a.example.org/x/briefings/" in atom


def test_publish_refuses_a_seeds_folder_inside_the_folder_it_replaces(tmp_path):
    """make publish builds into output.new and swaps it in: seeds under output/ would go with
    the old site. The build stops first, and output/ and the seeds stay as they were."""
    site = make_site(tmp_path)
    (site / "output").mkdir()
    (site / "output" / "index.html").write_text("the last good site")
    (site / "seeds").rename(site / "output" / "wire")
    conf = site / "pelicanconf.py"
    conf.write_text(conf.read_text() + '\nWIREBRIEF_SEEDS = "output/wire"\n')
    seeds = sorted(p.name for p in (site / "output" / "wire").iterdir())
    result = make("publish", site, INPUTDIR=site / "content", OUTPUTDIR=site / "output",
                  PUBLISHCONF=site / "publishconf.py")
    assert result.returncode != 0
    assert "WIREBRIEF_SEEDS" in result.stdout + result.stderr and "WIREBRIEF_PUBLISH_OUTPUT" in result.stdout + result.stderr
    assert sorted(p.name for p in (site / "output" / "wire").iterdir()) == seeds
    assert (site / "output" / "index.html").read_text() == "the last good site"
    assert not (site / "output.new").exists() and not (site / "output.old").exists()
