"""Coverage: whether anything reports from a site's area, so that silence can be told from calm.

Per area (the site's host country, or within `AREA_KM` of it) and source (article, acled, gdelt, ucdp), the last day
the source reported any event there (known by the assessment date, whatever its type or precision) and its usual
rate (events a week over the year before that day). A source covers the area on day D while its last report is no
older than it usually stays silent: three of its usual gaps between reports, at least `MIN_SILENCE_DAYS` and at most
`MAX_SILENCE_DAYS`. When no source covers the area, the level is unknown — "no coverage since DATE" — never low: no
data is not a quiet site.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from legation.assess.counting import day_date

AREA_KM = 100.0
MIN_SILENCE_DAYS = 30
MAX_SILENCE_DAYS = 180
RATE_DAYS = 365


@dataclass(frozen=True, slots=True)
class SourceCoverage:
    source: str
    last: int  # day number of its last report in the area
    per_week: float  # its usual rate there

    def silence_days(self) -> float:
        gap = 7.0 / self.per_week if self.per_week > 0 else float("inf")
        return min(MAX_SILENCE_DAYS, max(MIN_SILENCE_DAYS, 3.0 * gap))

    def covers(self, day: int) -> bool:
        return day - self.last <= self.silence_days()

    def to_dict(self, day: int) -> dict:
        return {"source": self.source, "last": day_date(self.last).isoformat(), "per_week": round(self.per_week, 2),
                "covers": self.covers(day)}


@dataclass(slots=True)
class Coverage:
    day: int  # the assessment date (day number)
    sources: list[SourceCoverage] = field(default_factory=list)

    @property
    def known(self) -> bool:
        return any(s.covers(self.day) for s in self.sources)

    @property
    def since(self) -> str | None:
        """The last day anything reported from the area (None: never)."""
        return day_date(max(s.last for s in self.sources)).isoformat() if self.sources else None

    def words(self) -> str:
        if self.known:
            return "covered"
        return f"no coverage since {self.since}" if self.since else "no coverage: no source has reported from here"

    def to_dict(self) -> dict:
        return {"status": "covered" if self.known else "unknown", "since": self.since, "text": self.words(),
                "sources": [s.to_dict(self.day) for s in sorted(self.sources, key=lambda s: -s.last)]}

    @classmethod
    def from_dict(cls, data: dict | None, day: int) -> Coverage | None:
        if not data:
            return None
        from legation.assess.counting import day_number

        return cls(day, [SourceCoverage(s["source"], day_number(s["last"]), float(s["per_week"]))
                         for s in data.get("sources") or []])

    def merged(self, other: Coverage | None) -> Coverage:
        """Each source's latest report from either view (the store's long history, the table's window)."""
        if other is None:
            return self
        best: dict[str, SourceCoverage] = {s.source: s for s in self.sources}
        for s in other.sources:
            if s.source not in best or s.last > best[s.source].last:
                best[s.source] = s
        return Coverage(self.day, list(best.values()))


def from_reports(day: int, reports: list[tuple[str, int]]) -> Coverage:
    """Coverage from (source, day) of each report from the area known by `day` (dated on or before it)."""
    names = sorted({source for source, _ in reports})
    code = {name: i for i, name in enumerate(names)}
    return from_days(day, np.array([code[source] for source, _ in reports], dtype=np.int64),
                     np.array([d for _, d in reports], dtype=np.int64), names)


def from_days(day: int, sources: np.ndarray, days: np.ndarray, names: Sequence[str]) -> Coverage:
    """`from_reports` over arrays: each report's source (an index into `names`) and day. The sources are listed in
    the order they first appear (vectorised: a site's country can hold 70,000 reports)."""
    known = days <= day
    sources, days = sources[known], days[known]
    present, first = np.unique(sources, return_index=True)
    out = []
    for source in present[np.argsort(first, kind="stable")]:
        its = days[sources == source]
        last = int(its.max())
        recent = int(np.count_nonzero(its > last - RATE_DAYS))
        out.append(SourceCoverage(names[int(source)], last, recent * 7.0 / RATE_DAYS))
    return Coverage(day, out)
