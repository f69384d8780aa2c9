"""The shape of a seed: its headline, its paragraphs, and the lines that are not body.

Wire copy comes with blank lines between paragraphs, or one paragraph a line,
or hard-wrapped at 70 columns with an indent to start a paragraph (1987 Reuters).
"""

from __future__ import annotations

import re
import unicodedata

# One translation table: invisible characters go, control characters, tabs and the many
# Unicode spaces become a plain space (str.translate is far cheaper than a regex pass).
_TABLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"), None)
_TABLE.update(dict.fromkeys([*range(0x00, 0x09), *range(0x0b, 0x20), *range(0x7f, 0xa0)], " "))
_TABLE.update(dict.fromkeys(map(ord, "\t\u00a0\u202f\u205f\u3000"), " "))
_TABLE.update(dict.fromkeys(range(0x2000, 0x200b), " "))
_SPACES = re.compile(" {2,}")
# Most copy holds none of those characters: finding that out is cheaper than translating.
_TO_TRANSLATE = re.compile("[" + "".join(map(re.escape, map(chr, _TABLE))) + "]")
_ASCII_TABLE = bytes(ord(_TABLE.get(c, chr(c))) for c in range(128)) + bytes(range(128, 256))

HEADLINE_MAX_CHARS = 300


def normalize(text: str) -> str:
    """One form for every seed: NFC, \\n line ends, no invisible or control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    if text.isascii():  # ASCII needs no NFC, and bytes translate in one table look-up a byte
        text = text.encode("ascii").translate(_ASCII_TABLE).decode("ascii")
    else:
        text = unicodedata.normalize("NFC", text.translate(_TABLE) if _TO_TRANSLATE.search(text) else text)
    if "  " in text:  # runs of spaces (an indent too) become one space
        text = _SPACES.sub(" ", text)
    # keep a line's indent: in hard-wrapped copy it is what starts a paragraph
    return "\n".join((" " + stripped if line[:1] == " " else stripped) if (stripped := line.strip()) else ""
                     for line in text.split("\n"))


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of a normalized text, each on one line, in order."""
    lines = text.split("\n")
    has_blank_separators = any(not line.strip() for line in lines[1:-1])
    paragraphs: list[str] = []
    current: list[str] = []

    def close() -> None:
        if current:
            paragraphs.append(" ".join(current))
            current.clear()

    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped:
            close()
        elif not has_blank_separators:
            # one paragraph a line
            current.append(stripped)
            close()
        else:
            # an indented line after an unindented one starts a paragraph (hard-wrapped copy)
            if current and line[:1] == " " and lines[i - 1][:1] != " ":
                close()
            current.append(stripped)
    close()
    return paragraphs


# Trailers: lines after the story that belong to the desk, not the reader.
_TRAILERS = re.compile(
    r"""^(?:
        Enditem | \(?END\)? | ={1,2}\s*Kyodo | Reuter | REUTER
      | \(?(?:Reporting|Additional\ reporting|Writing|Editing|Compiled|Edited|Translated)\ by\b.{0,300}
      | (?:PTI|IANS|ANI)(?:\s+[A-Z]{2,4}){1,6}
      | [a-z]{2,4}(?:[-/][a-z]{2,5}){1,6}                # AFP and dpa desk codes: "cd/lth", "burs-sst/jm"
      | ©?\s*(?:Copyright\s+)?(?:\(c\)\s*)?\d{4}\s+[A-Z][\w .&'-]{2,40}
      | (?:Copyright|©).{0,120}
    )\s*$""",
    re.X,
)


def is_trailer(paragraph: str) -> bool:
    return bool(_TRAILERS.match(paragraph.strip()))


_BYLINE = re.compile(r"^By\s+(?P<name>[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|bin|da|al-\w+)){0,4})\s*$")


def byline_name(paragraph: str) -> str | None:
    """"By Kim Soo-yeon" -> "Kim Soo-yeon"; None when the paragraph is not a byline."""
    m = _BYLINE.match(paragraph.strip())
    return m.group("name") if m else None
