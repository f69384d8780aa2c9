"""Wall-clock time of each phase of a build, logged at the end (pelican -v): what the
benchmark's README reports as "where the time goes". Marked by hooks.py and generator.py."""

from __future__ import annotations

import time


class Phases:
    def __init__(self):
        self.marks: list[tuple[str, float]] = []

    def start(self) -> None:
        self.marks = [("start", time.perf_counter())]

    def mark(self, name: str) -> None:
        self.marks.append((name, time.perf_counter()))

    def line(self) -> str:
        steps = [f"{name} {end - start:.2f} s" for (_, start), (name, end) in zip(self.marks, self.marks[1:])]
        return ", ".join(steps)


PHASES = Phases()
