"""The summary: the lede, trimmed at a sentence end."""

from __future__ import annotations

import re

SUMMARY_MAX_CHARS = 320

# A sentence ends at . ! or ? (and a closing quote or bracket), then a space and a capital;
# not after an abbreviation or initial ("Nov. 29", "U.S. officials", "J. Smith").
_SENTENCE_END = re.compile(r"""(?<=[.!?])["'”’)]?(?=\s+["'“‘(]?[A-Z0-9])""")
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]|Mr|Mrs|Ms|Dr|Prof|Gov|Sen|Rep|Gen|Col|Lt|St|Jr|Sr|No|Nos|Co|Corp|Inc|Ltd|vs|etc"
    r"|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|[A-Z]\.[A-Z])\.|\b[a-z]\.[a-z]\.)$"
)


LEDE_MAX_CHARS = 2000  # a summary never needs more of the lede than this


def sentences(text: str) -> list[str]:
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        # only the last few characters can hold an abbreviation: never rescan the whole sentence
        tail = text[max(start, m.end() - 12): m.end()].rstrip("\"'”’)")
        if _ABBREVIATION.search(tail):
            continue
        candidate = text[start: m.end()]
        out.append(candidate.strip())
        start = m.end()
    rest = text[start:].strip()
    if rest:
        out.append(rest)
    return out


def summarize(lede: str, max_chars: int = SUMMARY_MAX_CHARS) -> str | None:
    """Whole sentences from the lede up to max_chars; at least the first sentence."""
    parts = sentences(lede.strip()[:LEDE_MAX_CHARS])
    if not parts:
        return None
    summary = parts[0]
    for part in parts[1:]:
        if len(summary) + 1 + len(part) > max_chars:
            break
        summary += " " + part
    return summary
