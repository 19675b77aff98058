"""Coverage: which protective measures a site at each threat level should have in force. Pure, no I/O."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from legation.domain.errors import InputError
from legation.domain.sites import MEASURES


@dataclass(frozen=True)
class MeasuresTable:
    """The protective measures a site at each threat level (1–6) should have in force; users edit the file."""

    required: dict[int, tuple[str, ...]]

    def __post_init__(self) -> None:
        for level, measures in self.required.items():
            if level not in range(1, 7):
                raise InputError(f"measures table: level {level} is not on the 1–6 scale")
            for measure in measures:
                if measure not in MEASURES:
                    raise InputError(f"measures table, level {level}: unknown measure {measure!r} "
                                     f"(known: {', '.join(MEASURES)})")

    def for_level(self, level: int) -> tuple[str, ...]:
        known = [lv for lv in self.required if lv <= level]
        return self.required[max(known)] if known else ()

    def missing(self, level: int, in_force: Iterable[str]) -> list[str]:
        have = set(in_force)
        return [m for m in self.for_level(level) if m not in have]

    def covered_level(self, in_force: Iterable[str]) -> int:
        """The highest level whose measures (and those of every level below) are all in force."""
        have, covered = set(in_force), 0
        for level in range(1, 7):
            if set(self.for_level(level)) - have:
                break
            covered = level
        return covered
