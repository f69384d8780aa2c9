"""What an editor should check before publishing: briefings whose extraction is weak."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..files import printable
from ..schema import CHECKED, typed
from .post import EDITED_KEY, is_hand_edited, read_header
from .sync import kept_edits

# Warnings that the checks below already say in their own words.
_COVERED = ("no location", "no date in the text")


@dataclass(frozen=True)
class Finding:
    post: str            # content/briefings/x.md
    seed: str | None     # seeds/x.txt
    title: str
    problems: tuple[str, ...]
    edited: bool

    def line(self) -> str:
        source = f" (from {self.seed})" if self.seed else ""
        return printable(f"{self.post}{source}: " + "; ".join(self.problems))


def problems(header: dict[str, object]) -> list[str]:
    """The weak points of one post, from its fields (schema.CHECKED, typed as a build reads
    them) as they stand now: an editor's fix counts."""
    found = []
    if not header.get("date") or header.get("date_source") in (None, "received"):
        found.append("no date in the text: dated by the day the seed was received")
    if not header.get("location"):
        found.append("no location")
    if header.get("photo_caption") and not header.get("photo_credit"):
        found.append("a photo caption without a credit")
    if header.get("photo_credit") and not header.get("photo_caption"):
        found.append("a photo credit without a caption")
    if not header.get("source"):
        found.append("no source agency")
    if header.get("wire_status") == "withheld":
        found.append(f"embargoed until {header['embargo']}" if header.get("embargo") else
                     "embargoed with no time that can be read: held until an editor removes wire_status")
    for warning in header.get("warnings") or []:
        if not warning.startswith(_COVERED):
            found.append(warning)
    return found


def newer_versions(posts_dir: Path) -> dict[str, str]:
    """Post file stem -> "newer wire version available: seeds/x.txt" for posts an editor changed
    that a later version of their story could not update."""
    return {stem: why for _, stem, why in kept_edits(posts_dir) if why.startswith("newer wire version")}


def review(posts_dir: Path, root: Path) -> list[Finding]:
    findings = []
    newer = newer_versions(posts_dir)
    for path in sorted(posts_dir.glob("*.md")):
        if path.is_symlink():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        header = read_header(text)
        if not header.get("seed"):
            continue  # written by hand: the editor's own
        found = problems(typed({k: header[k] for k in CHECKED if k in header}))
        if path.stem in newer:
            found.append(newer[path.stem])
        if found:
            findings.append(Finding(str(path.relative_to(root)), header.get("seed"), header.get("title", ""),
                                    tuple(found), is_hand_edited(text)))
    return findings


def review_articles(articles, root: Path) -> list[Finding]:
    """The same, from the posts Pelican has read (a build reads each file once, not twice);
    whether an editor changed a post is what the reader found (site/reader.py) and its title
    the one read, else (another reader's post, a title written on two lines, which Markdown
    reads as a list) the post is opened to tell."""
    findings = []
    newer: dict[str, dict[str, str]] = {}
    for article in sorted(articles, key=lambda a: a.source_path):
        meta = article.metadata
        if not meta.get("seed"):
            continue
        found = problems({k: meta[k] for k in CHECKED if meta.get(k)})
        # the folder and stem as strings: two Paths a briefing were a third of this pass
        folder, name = os.path.split(article.source_path)
        if folder not in newer:
            newer[folder] = newer_versions(Path(folder))
        stem = os.path.splitext(name)[0]
        if stem in newer[folder]:
            found.append(newer[folder][stem])
        if found:
            path = Path(article.source_path)
            shown = path.relative_to(root) if path.is_relative_to(root) else path
            edited, title = meta.get(EDITED_KEY), meta.get("title", "")
            if edited is None or not isinstance(title, str):
                text = path.read_text(encoding="utf-8", errors="replace")
                edited, title = is_hand_edited(text), read_header(text).get("title", "")
            findings.append(Finding(str(shown), meta.get("seed"), title, tuple(found), edited))
    return findings
