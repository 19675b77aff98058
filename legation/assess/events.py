"""Events as the threat model reads them: arrays built once, queried per site.

Only what counts is an attack (`counting.is_attack`: a violent event, neither negated nor hypothetical), placed by
`legation.assess.counting` (its first day, known by its publication; a week-precise date; located more precisely than
a country or region, at its effective distance). Country-level attacks still tell whom the attackers target, so they
count for the targeting signal. Every event, whatever its type or precision, tells that a source reports from its
area (coverage).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
import orjson

from legation.assess import counting
from legation.assess.counting import EPOCH_ORDINAL
from legation.assess.coverage import AREA_KM, Coverage, from_days
from legation.assess.features import haversine_many
from legation.domain.records import Event

RAISING = {"raise", "ordered-departure", "authorized-departure"}
# How a driver names the means of attacks: a feed's own word when it gives one (ACLED's sub-event type, kept as
# `source_codes["means"]`: "shelling", "air strike"), else the ontology's mode. Heavy weapons are rockets, mortars,
# missiles and artillery alike: the word is taken from the report's own sentence, and without one the mode never
# says "rocket".
WEAK_CONFIDENCE = 0.3  # below this a GDELT row is one source's word: alone, it raises a level one step at most
HEAVY_WORDS = (("rocket", "rocket"), ("mortar", "mortar"), ("missile", "missile"), ("artillery", "shelling"),
               ("shell", "shelling"))
MODE_WORDS = {"drone": "drone", "heavy-weapons": "rocket or artillery", "aerial": "air", "explosives": "bomb",
              "suicide-attack": "suicide", "firearms": "gun", "riot": "riot", "obstruct": "obstruction",
              "abduct": "abduction", "assassinate": "assassination", "intercepted": "intercepted"}


@dataclass
class Nearby:
    """Attacks near a site: indexes into the table and their distances (km)."""

    idx: np.ndarray
    dist: np.ndarray  # effective distance (km): at least the location's uncertainty


class LazyEvents(Sequence):
    """Stored records (JSON text), each decoded and built into an Event the first time it is looked at. The
    history features read only the table's arrays; the drivers look at the events of the last 90 days at most, so
    most records of a 400-day window are never decoded."""

    def __init__(self, records: list[str]):
        self.records = records
        self.built: dict[int, Event] = {}

    def __len__(self) -> int:
        return len(self.records)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[k] for k in range(*i.indices(len(self)))]
        i = int(i)
        event = self.built.get(i)
        if event is None:
            event = self.built[i] = Event.from_dict(orjson.loads(self.records[i]))
        return event


class EventTable:
    def __init__(self, events: Sequence[Event]):
        events = list(events)
        self._fill(events, [str(e.id) for e in events], [e.type for e in events],
                   [e.date.start for e in events], [e.date.end for e in events],
                   [e.date.precision for e in events], [(e.extra or {}).get("known") for e in events],
                   [e.location.lat for e in events], [e.location.lon for e in events],
                   [e.location.precision for e in events],
                   [counting.is_attack(e.type, e.mode, negated=e.negated, hypothetical=e.hypothetical)
                    for e in events],
                   [e.source for e in events], [e.location.country for e in events],
                   [e.confidence for e in events])

    @classmethod
    def from_events(cls, events: Sequence[Event]) -> EventTable:
        return cls(events)

    @classmethod
    def from_rows(cls, rows: Sequence) -> EventTable:
        """From `legation.store.assessments.assessment_columns` rows: arrays from the columns, events built when
        looked at."""
        table = cls.__new__(cls)
        (ids, types, modes, lats, lons, precisions, starts, ends, date_precisions, negated, hypothetical, sources,
         countries, known, confidence, records) = zip(*rows, strict=True) if rows else ([],) * 16
        violent = {key: counting.is_attack(key[0], [m for m in (key[1] or "").split("|") if m])
                   for key in set(zip(types, modes, strict=True))}  # the rule once per (type, modes)
        attack = [violent[(k, m)] and not n and not h for k, m, n, h in zip(types, modes, negated, hypothetical,
                                                                                 strict=True)]
        table._fill(LazyEvents(list(records)), list(ids), list(types), list(starts), list(ends), list(date_precisions),
                    list(known), list(lats), list(lons), list(precisions), attack, list(sources), list(countries),
                    list(confidence))
        return table

    def _fill(self, events: Sequence[Event], ids: list[str], types: list[str], starts: list, ends: list,
              date_precisions: list,
              known: list, lats: list, lons: list, precisions: list, attack: list[bool], sources: list,
              countries: list, confidence: list) -> None:
        """One entry per event, in the order of `events`: its id, the day it happened and the day it was known,
        position and its uncertainty, and whether it is an attack placed in a week. Vectorised: 36,000 events in a
        few milliseconds."""
        self.events = events
        self.day, self.known, weekly = counting.event_days(starts, ends, date_precisions, known)
        self.lat = np.array([np.nan if v is None else v for v in lats], dtype=float)
        self.lon = np.array([np.nan if v is None else v for v in lons], dtype=float)
        self.uncertainty = counting.precision_km(list(precisions))
        self.precision = np.array([p or "" for p in precisions], dtype=object)
        self.located = ~np.isnan(self.lat) & np.isfinite(self.uncertainty)
        self.violent = np.array(attack, dtype=bool)  # for targeting: any violent event, however dated
        self.attack = self.violent & weekly
        self.ids = np.array(ids, dtype=object)
        self.type = np.array(types, dtype=object)
        self.source = np.array([s or "unknown" for s in sources], dtype=object)
        names, codes = np.unique(self.source.astype(str), return_inverse=True)
        self.source_names, self.source_code = names.tolist(), codes.astype(np.int64)  # for coverage, by number
        self.country = np.array([c or "" for c in countries], dtype=object)
        # a single-source GDELT row (legation.ingest.feeds.gdelt gives it a low confidence): it may raise a level by
        # one step at most on its own (model.py)
        self.weak = (self.source == "gdelt") & (np.array([1.0 if c is None else c for c in confidence],
                                                         dtype=float) < WEAK_CONFIDENCE)
        self._memo: dict[tuple, object] = {}  # per-state answers shared by all the sites of that state

    @staticmethod
    def day_of(date: dt.date) -> int:
        return date.toordinal() - EPOCH_ORDINAL

    def near(self, lat: float, lon: float, km: float, until: int) -> Nearby:
        """Located attacks within `km` (effective distance) dated and known before day `until`."""
        candidates = np.flatnonzero(self.attack & self.located & (self.day < until) & (self.known < until))
        dist = counting.effective_distance(haversine_many(lat, lon, self.lat[candidates], self.lon[candidates]),
                                           self.uncertainty[candidates])
        keep = dist <= km
        return Nearby(candidates[keep], dist[keep])

    def coarse_near(self, lat: float, lon: float, radius_km: float, since: int, until: int) -> list[str]:
        """Attacks dated in [since, until) placed too coarsely to say whether they were within `radius_km`, though
        they may have been: the site lies in the place they were reported in (a city-level event and an embassy's
        5 km circle)."""
        window = np.flatnonzero(self.attack & self.located & (self.day >= since) & (self.day < until)
                                & (self.known < until) & (self.uncertainty > radius_km))
        dist = haversine_many(lat, lon, self.lat[window], self.lon[window])
        return [str(self.ids[i]) for i in window[dist <= self.uncertainty[window]]]

    def scope_km(self, lat: float, lon: float, radius_km: float, since: int, until: int) -> float:
        """The radius a forecast for this circle can speak for: its own, or — when attacks dated in [since, until)
        were placed only to a city (±`counting.SCOPE_MAX_KM`) that the site lies in — that precision."""
        window = np.flatnonzero(self.attack & self.located & (self.day >= since) & (self.day < until)
                                & (self.known < until) & (self.uncertainty > radius_km)
                                & (self.uncertainty <= counting.SCOPE_MAX_KM))
        if not len(window):
            return float(radius_km)
        dist = haversine_many(lat, lon, self.lat[window], self.lon[window])
        inside = window[dist <= self.uncertainty[window]]  # the site lies in the place the attack was reported in
        return float(max(radius_km, self.uncertainty[inside].max())) if len(inside) else float(radius_km)

    def coverage(self, lat: float, lon: float, country: str | None, until: int) -> Coverage:
        """Which sources reported from the area (the country, or within AREA_KM) by day `until` (exclusive)."""
        key = ("area", country, until)
        if key not in self._memo:  # the same for every site of the country
            seen = (self.known < until) & (self.day > counting.NO_DAY)
            in_country = seen & (self.country == (country or "\0"))
            self._memo[key] = in_country, np.flatnonzero(seen & ~in_country & ~np.isnan(self.lat))
        in_country, near = cast(tuple[np.ndarray, np.ndarray], self._memo[key])
        area = in_country.copy()
        if len(near):
            close = near[haversine_many(lat, lon, self.lat[near], self.lon[near]) <= AREA_KM]
            area[close] = True
        idx = np.flatnonzero(area)
        return from_days(until - 1, self.source_code[idx], self.day[idx], self.source_names)

    def pick(self, nearby: Nearby, since: int, until: int, km: float) -> list[str]:
        """Ids of the nearby attacks dated in [since, until) within `km`, newest first."""
        day = self.day[nearby.idx]
        mask = (day >= since) & (day < until) & (nearby.dist <= km)
        chosen = nearby.idx[mask][np.argsort(-day[mask], kind="stable")]
        return [str(self.ids[i]) for i in chosen]

    def describe(self, ids: list[str]) -> str:
        """'drone and rocket attacks', 'attack', ...: the commonest means among these events, in words."""
        index = self._index()
        modes = Counter(word for i in ids for word in _means(self.events[index[i]]))
        words = [w for w, _ in modes.most_common(2)]
        noun = "attack" if len(ids) == 1 else "attacks"
        return f"{' and '.join(words)} {noun}" if words else noun

    def actor_names(self, ids: list[str], limit: int = 2) -> str:
        index = self._index()
        names = Counter(p.name or p.text for i in ids for p in self.events[index[i]].actors)
        return ", ".join(n for n, _ in names.most_common(limit))

    def _index(self) -> dict[str, int]:
        if not hasattr(self, "_by_id"):
            self._by_id = {str(event_id): i for i, event_id in enumerate(self.ids)}
        return self._by_id

    def _window(self, since: int, until: int) -> np.ndarray:
        return np.flatnonzero((self.day >= since) & (self.day < until) & (self.known < until))

    def actors_attacking(self, state: str, since: int, until: int) -> set[str]:
        """Names of actors of attacks whose recipients belong to `state` (attacks on US forces: USA)."""
        key = ("hostile", state, since, until)
        if key not in self._memo:
            found: set[str] = set()
            for i in self._window(since, until):
                e = self.events[i]
                if self.violent[i] and any(p.country == state for p in e.recipients):
                    found |= {(p.name or p.text).lower() for p in e.actors}
            self._memo[key] = found
        return cast(set[str], self._memo[key])

    def _against(self, state: str, hostile: set[str], since: int, until: int) -> list[int]:
        """Attacks in [since, until) on `state`'s people or by actors who attack them (shared by its sites)."""
        key = ("against", state, frozenset(hostile), since, until)
        if key not in self._memo:
            self._memo[key] = [
                i for i in self._window(since, until) if self.violent[i] and (
                    any(p.country == state for p in self.events[i].recipients)
                    or any((p.name or p.text).lower() in hostile for p in self.events[i].actors))]
        return cast(list[int], self._memo[key])

    def targeting(self, site, hostile: set[str], since: int, until: int, km: float) -> list[str]:
        """Attacks on the sending state's people (or by actors who attack them) in the host country or near."""
        idx = np.asarray(self._against(site.sending_state, hostile, since, until), dtype=np.int64)
        if not len(idx):
            return []
        close = self.located[idx] & (haversine_many(site.lat, site.lon, self.lat[idx], self.lon[idx]) <= km)
        return [str(i) for i in self.ids[idx[(self.country[idx] == site.host_country) | close]]]

    def advisories(self, state: str, country: str, since: int, until: int) -> tuple[list[str], list[str]]:
        """ADVISORY events by `state` about `country`: (raising ids, lowering ids)."""
        raised: list[str] = []
        lowered: list[str] = []
        window = self._window(since, until)
        for i in window[self.type[window] == "ADVISORY"]:
            e = self.events[i]
            if e.negated or e.hypothetical:
                continue
            if not any(p.country == state for p in e.actors):
                continue
            if e.location.country not in (None, country):
                continue
            (raised if RAISING & set(e.mode) else lowered if "lower" in e.mode else []).append(str(self.ids[i]))
        return raised, lowered

    def protect_near(self, lat: float, lon: float, km: float, since: int, until: int) -> list[str]:
        window = self._window(since, until)
        window = window[(self.type[window] == "PROTECT") & self.located[window]]
        window = window[haversine_many(lat, lon, self.lat[window], self.lon[window]) <= km]
        return [str(self.ids[i]) for i in window if not (self.events[i].negated or self.events[i].hypothetical)]


def _means(event) -> list[str]:
    """The words for how this attack was made: the feed's own (`source_codes["means"]`), else its modes'."""
    given = (event.source_codes or {}).get("means") if hasattr(event, "source_codes") else None
    if given:
        return [str(given)]
    words = []
    for mode in event.mode:
        if mode == "heavy-weapons":
            sentence = (event.evidence.sentence or "").lower() if getattr(event, "evidence", None) else ""
            words.append(next((word for stem, word in HEAVY_WORDS if stem in sentence), MODE_WORDS[mode]))
        elif mode in MODE_WORDS:
            words.append(MODE_WORDS[mode])
    return words
