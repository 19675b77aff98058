"""Events as the threat model reads them: arrays built once, queried per site.

Only what counts is an attack: a violent event (`is_violent`) that is neither negated nor hypothetical and is located
more precisely than a whole country or region (a country's centroid is not "near" anything). Country-level attacks
still tell whom the attackers target, so they count for the targeting signal. An event's day is the last day of its
date range (or its start), days being counted from 1970-01-01.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from legation.assess.features import EPOCH_ORDINAL, haversine_many
from legation.domain.ontology import is_violent
from legation.domain.records import Event

COARSE = ("country", "region")
RAISING = {"raise", "ordered-departure", "authorized-departure"}
MODE_WORDS = {"drone": "drone", "heavy-weapons": "rocket", "aerial": "air", "explosives": "bomb",
              "suicide-attack": "suicide", "firearms": "gun", "riot": "riot", "obstruct": "obstruction",
              "abduct": "abduction", "assassinate": "assassination", "intercepted": "intercepted"}


def _day(value: str | None) -> int | None:
    if not value:
        return None
    return dt.date.fromisoformat(value[:10]).toordinal() - EPOCH_ORDINAL


@dataclass
class Nearby:
    """Attacks near a site: indexes into the table and their distances (km)."""

    idx: np.ndarray
    dist: np.ndarray


class EventTable:
    def __init__(self, events: Sequence[Event]):
        self.events = list(events)
        n = len(self.events)
        self.day = np.zeros(n, dtype=np.int64)
        self.lat = np.full(n, np.nan)
        self.lon = np.full(n, np.nan)
        self.attack = np.zeros(n, dtype=bool)
        self.located = np.zeros(n, dtype=bool)
        for i, e in enumerate(self.events):
            self.day[i] = _day(e.date.end or e.date.start) or -10**6
            if e.location.lat is not None:
                self.lat[i], self.lon[i] = e.location.lat, e.location.lon
                self.located[i] = e.location.precision not in COARSE
            self.attack[i] = is_violent(e.type, e.mode) and not e.negated and not e.hypothetical
        self.ids = np.array([e.id for e in self.events], dtype=object)
        self._memo: dict[tuple, object] = {}  # per-state answers shared by all the sites of that state

    @classmethod
    def from_events(cls, events: Sequence[Event]) -> "EventTable":
        return cls(events)

    @staticmethod
    def day_of(date: dt.date) -> int:
        return date.toordinal() - EPOCH_ORDINAL

    def near(self, lat: float, lon: float, km: float, until: int) -> Nearby:
        """Located attacks within `km` dated before day `until`."""
        candidates = np.flatnonzero(self.attack & self.located & (self.day < until))
        dist = haversine_many(lat, lon, self.lat[candidates], self.lon[candidates])
        keep = dist <= km
        return Nearby(candidates[keep], dist[keep])

    def pick(self, nearby: Nearby, since: int, until: int, km: float) -> list[str]:
        """Ids of the nearby attacks dated in [since, until) within `km`, newest first."""
        day = self.day[nearby.idx]
        mask = (day >= since) & (day < until) & (nearby.dist <= km)
        chosen = nearby.idx[mask][np.argsort(-day[mask], kind="stable")]
        return [str(self.ids[i]) for i in chosen]

    def describe(self, ids: list[str]) -> str:
        """'drone and rocket attacks', 'attack', ...: the commonest means among these events, in words."""
        index = self._index()
        modes = Counter(MODE_WORDS[m] for i in ids for m in self.events[index[i]].mode if m in MODE_WORDS)
        words = [w for w, _ in modes.most_common(2)]
        noun = "attack" if len(ids) == 1 else "attacks"
        return f"{' and '.join(words)} {noun}" if words else noun

    def actor_names(self, ids: list[str], limit: int = 2) -> str:
        index = self._index()
        names = Counter(p.name or p.text for i in ids for p in self.events[index[i]].actors)
        return ", ".join(n for n, _ in names.most_common(limit))

    def _index(self) -> dict[str, int]:
        if not hasattr(self, "_by_id"):
            self._by_id = {e.id: i for i, e in enumerate(self.events)}
        return self._by_id

    def _window(self, since: int, until: int) -> np.ndarray:
        return np.flatnonzero((self.day >= since) & (self.day < until))

    def actors_attacking(self, state: str, since: int, until: int) -> set[str]:
        """Names of actors of attacks whose recipients belong to `state` (attacks on US forces: USA)."""
        key = ("hostile", state, since, until)
        if key not in self._memo:
            found = set()
            for i in self._window(since, until):
                e = self.events[i]
                if self.attack[i] and any(p.country == state for p in e.recipients):
                    found |= {(p.name or p.text).lower() for p in e.actors}
            self._memo[key] = found
        return self._memo[key]

    def _against(self, state: str, hostile: set[str], since: int, until: int) -> list[int]:
        """Attacks in [since, until) on `state`'s people or by actors who attack them (shared by its sites)."""
        key = ("against", state, frozenset(hostile), since, until)
        if key not in self._memo:
            self._memo[key] = [
                i for i in self._window(since, until) if self.attack[i] and (
                    any(p.country == state for p in self.events[i].recipients)
                    or any((p.name or p.text).lower() in hostile for p in self.events[i].actors))]
        return self._memo[key]

    def targeting(self, site, hostile: set[str], since: int, until: int, km: float) -> list[str]:
        """Attacks on the sending state's people (or by actors who attack them) in the host country or near."""
        out = []
        for i in self._against(site.sending_state, hostile, since, until):
            in_country = self.events[i].location.country == site.host_country
            close = (self.located[i] and
                     haversine_many(site.lat, site.lon, self.lat[i:i + 1], self.lon[i:i + 1])[0] <= km)
            if in_country or close:
                out.append(str(self.ids[i]))
        return out

    def advisories(self, state: str, country: str, since: int, until: int) -> tuple[list[str], list[str]]:
        """ADVISORY events by `state` about `country`: (raising ids, lowering ids)."""
        raised, lowered = [], []
        for i in self._window(since, until):
            e = self.events[i]
            if e.type != "ADVISORY" or e.negated or e.hypothetical:
                continue
            if not any(p.country == state for p in e.actors):
                continue
            if e.location.country not in (None, country):
                continue
            (raised if RAISING & set(e.mode) else lowered if "lower" in e.mode else []).append(str(self.ids[i]))
        return raised, lowered

    def protect_near(self, lat: float, lon: float, km: float, since: int, until: int) -> list[str]:
        out = []
        for i in self._window(since, until):
            e = self.events[i]
            if e.type == "PROTECT" and not e.negated and not e.hypothetical and self.located[i]:
                if haversine_many(lat, lon, self.lat[i:i + 1], self.lon[i:i + 1])[0] <= km:
                    out.append(str(self.ids[i]))
        return out
