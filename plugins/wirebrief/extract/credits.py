"""Photo captions and their credits.

A caption is a paragraph that ends in a photo credit. Each pattern below is one
agency's or publication's convention; the credit is kept as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .agencies import AGENCY_RE

_NAME = r"[A-Z][\w'’.-]*(?:\s+[\w'’.-]+){0,4}"

_CREDIT_PATTERNS = [
    # "(Photo: Xinhua)", "(Photo: Zhang Wei/People's Daily)", "(Photos by …)"
    re.compile(r"\((?:Photos?|Pictures?|Images?)(?:\s*:\s*|\s+by\s+|\s*/\s*)(?P<credit>[^()\n]{2,80})\)$"),
    # "[Photo by Li Ming/chinadaily.com.cn]", "[Photo/Xinhua]"
    re.compile(r"\[(?:Photos?|Pictures?)(?:\s*:\s*|\s+by\s+|\s*/\s*)(?P<credit>[^\[\]\n]{2,80})\]$"),
    # "(AP Photo/Eric Gay)", "(Xinhua/Li Xin)", "(EPA-EFE/Name)", "(AFP via Getty Images)"
    re.compile(
        r"\((?P<credit>(?:" + AGENCY_RE.pattern + r")(?:\s+(?:Photo|Photos|Pool Photo|Pool|Picture))?"
        r"(?:\s*/\s*[^()\n]{2,60}|\s+(?:Photo|via [^()\n]{2,40})))\)$"
    ),
    # "REUTERS/Kevin Lamarque", "REUTERS/Kevin Lamarque/File Photo"
    re.compile(r"(?P<credit>REUTERS\s*/\s*[^\n/]{2,50}(?:/[A-Za-z ]{2,20})?)$"),
    # "Photo by Ludovic MARIN / AFP", "Photo by Name/AFP via Getty Images"
    re.compile(r"\b(?:Photos?|Pictures?)\s+by\s+(?P<credit>" + _NAME + r"\s*/\s*[\w.-]+(?:\s+via\s+[\w ]{2,30})?)$"),
    # "Photo: Kay Nietfeld/dpa", "Photo: Getty Images", "Photo credit: Name"
    re.compile(r"\b(?:Photos?|Pictures?|Images?)(?:\s+credit)?\s*:\s*(?P<credit>[^:\n]{2,60}?)$"),
]


CREDIT_MAX_CHARS = 400  # the longest credit any pattern takes is far shorter


@dataclass(frozen=True)
class Caption:
    caption: str
    credit: str


def parse_caption(paragraph: str) -> Caption | None:
    """Split a caption paragraph into caption and credit; None if it ends in no credit."""
    text = paragraph.strip()
    if len(text) > 1200:
        return None
    # Every credit ends the paragraph and is short: look only at the tail, and only when it
    # holds what one of the patterns needs (most paragraphs are body text and hold none).
    start = max(0, len(text) - CREDIT_MAX_CHARS)
    tail = text[start:]
    if not (text.endswith((")", "]")) or any(word in tail for word in ("REUTERS", "Photo", "Picture", "Image"))):
        return None
    for pattern in _CREDIT_PATTERNS:
        m = pattern.search(text, start)
        if m:
            credit = " ".join(m.group("credit").split()).rstrip(".")
            caption = text[: m.start()].rstrip(" -–—|")
            # a credit is short and has letters; a caption, when there is one, says something
            if not re.search(r"[A-Za-z]", credit) or len(credit.split()) > 10:
                continue
            return Caption(caption, credit)
    return None
