"""Word lists as regex tries: "Guinea(?:-Bissau|n)?" rather than "Guinea-Bissau|Guinean|Guinea".

Python's regex engine tries an alternation's branches one by one at every position; a trie
walks one path. Its first characters are a set the engine can skip ahead to, which is why a
look-behind goes after the first character (`after_first`) rather than before the word.
"""

from __future__ import annotations

import re


def trie(words: list[str], after_first: str = "") -> str:
    """One regex matching any of `words`, longer words first (as a longest-first alternation
    would). `after_first` (a pattern) follows every word's first character."""
    root: dict = {}
    for word in filter(None, words):
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict, after: str = "") -> str:
        branches = [re.escape(ch) + after + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + build(root, after_first) + ")"
