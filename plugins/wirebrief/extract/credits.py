"""Photo captions and their credits.

A caption is a paragraph that ends in a photo credit. Each pattern below is one
agency's or publication's convention; the credit is kept as printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .agencies import AGENCY_RE
from .locales import LANGUAGES

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


# Credits in the other languages of the wires; read only in copy in one of those languages.
_OTHER_CREDIT_PATTERNS = [
    # "Foto: Kay Nietfeld/dpa", "(Foto: Lusa)", "Фото: ТАСС", "(صورة: أ ف ب)", "(Foto ANSA)"
    re.compile(r"[(\[]?\b(?:Fotos?|Фото|صورة)(?:\s*[:：]\s*|\s+(?=(?:" + AGENCY_RE.pattern + r")\)))"
               r"(?P<credit>[^:()\[\]\n]{2,60}?)[)\]]?$"),
    # EFE's and ANSA's credit after the caption's last sentence: "… en Madrid. EFE/Chema Moya"
    re.compile(r"(?<=[.!?])\s+(?P<credit>(?:EFE|EPA|ANSA|Lusa|AFP)\s*/\s*[^/\n]{2,50})$"),
    # "© Сергей Бобылев/ТАСС", "© AFP"
    re.compile(r"©\s*(?P<credit>[^©\n]{2,60})$"),
    # Xinhua's "新华社记者 王五 摄", "（新华社记者王五摄）", "（新华社发）"
    re.compile(r"[（(]?(?P<credit>新华社(?:记者)?\s*[^（）()。，]{0,20}?)\s*(?:摄|发)[）)]?$"),
]


CREDIT_MAX_CHARS = 400  # the longest credit any pattern takes is far shorter


@dataclass(frozen=True)
class Caption:
    caption: str
    credit: str


def parse_caption(paragraph: str, lang: str = "en") -> Caption | None:
    """Split a caption paragraph into caption and credit; None if it ends in no credit.
    `lang`, the copy's language: another language's credits are read only in its copy."""
    found = _parse_caption(paragraph, _CREDIT_PATTERNS)
    if found is None and lang in LANGUAGES:
        found = _parse_caption(paragraph, _OTHER_CREDIT_PATTERNS)
    return found


def _parse_caption(paragraph: str, patterns: list[re.Pattern]) -> Caption | None:
    text = paragraph.strip()
    if len(text) > 1200:
        return None
    # Every credit ends the paragraph and is short: look only at the tail, and only when it
    # holds what one of the patterns needs (most paragraphs are body text and hold none).
    start = max(0, len(text) - CREDIT_MAX_CHARS)
    tail = text[start:]
    if patterns is _CREDIT_PATTERNS and not (
            text.endswith((")", "]")) or any(word in tail for word in ("REUTERS", "Photo", "Picture", "Image"))):
        return None
    letters = r"[A-Za-z]" if patterns is _CREDIT_PATTERNS else r"[^\W\d_]"   # other scripts' credits too
    for pattern in patterns:
        m = pattern.search(text, start)
        if m:
            credit = " ".join(m.group("credit").split()).rstrip(".")
            caption = text[: m.start()].rstrip(" -–—|")
            # a credit is short and has letters; a caption, when there is one, says something
            if not re.search(letters, credit) or len(credit.split()) > 10:
                continue
            return Caption(caption, credit)
    return None
