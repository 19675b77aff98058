"""The fitted part of the threat picture of many sites at once, recomputed in full or updated event by event.

A full recompute gathers, for each site, only the attacks of the last `HISTORY_DAYS` in the grid cells its reach
overlaps (`GridIndex`), and keeps each site's daily series (features.daily_series). A new attack touches only the
sites within reach of it (a grid over the sites): their series get the attack added and their probabilities are
recomputed from the series — no distance to any other event is computed again.
"""

from __future__ import annotations

import numpy as np

from legation.assess import fit
from legation.assess.features import HISTORY_DAYS, Reach, counts_from_daily, daily_series, haversine_many
from legation.domain.geo import bbox


class GridIndex:
    """Points binned into cells of `cell_deg` degrees; `query` returns the points in the cells a circle overlaps
    (a superset of the circle: callers measure the exact distance)."""

    def __init__(self, lat: np.ndarray, lon: np.ndarray, cell_deg: float):
        self.cell = float(cell_deg)
        self.width = int(np.ceil(360.0 / self.cell)) + 2
        keys = self._key(np.floor((lat + 90.0) / self.cell), np.floor((lon + 180.0) / self.cell))
        self.order = np.argsort(keys, kind="stable")
        self.keys = keys[self.order]

    def _key(self, row, col):
        return np.asarray(row, dtype=np.int64) * self.width + np.asarray(col, dtype=np.int64)

    def spans(self, lat: float, lon: float, km: float) -> list[tuple[int, int]]:
        """[start, end) ranges of positions in cell order (one per row of cells the circle's box covers)."""
        min_lat, max_lat, min_lon, max_lon = bbox(lat, lon, km)
        r0, r1 = int((min_lat + 90.0) // self.cell), int((max_lat + 90.0) // self.cell)
        c0, c1 = int((min_lon + 180.0) // self.cell), int((max_lon + 180.0) // self.cell)
        rows = np.arange(r0, r1 + 1, dtype=np.int64) * self.width
        lo = np.searchsorted(self.keys, rows + c0, side="left")
        hi = np.searchsorted(self.keys, rows + c1, side="right")
        return [(a, b) for a, b in zip(lo.tolist(), hi.tolist(), strict=True) if b > a]

    def query(self, lat: float, lon: float, km: float) -> np.ndarray:
        """Indexes (into the points as given) of the candidates near a circle."""
        spans = self.spans(lat, lon, km)
        return np.concatenate([self.order[a:b] for a, b in spans]) if spans else np.zeros(0, np.int64)


class Picture:
    """Probabilities of the fitted model for many sites at one origin (the first day of the forecast week)."""

    def __init__(self, lat: np.ndarray, lon: np.ndarray, radius_km: np.ndarray, weights: dict, origin: int):
        self.lat, self.lon = np.asarray(lat, float), np.asarray(lon, float)
        self.reaches = [Reach.of(float(r)) for r in radius_km]
        self.max_km = np.array([r.max_km for r in self.reaches])
        self.weights, self.origin = weights, int(origin)
        self.first = self.origin - HISTORY_DAYS
        self.sites = GridIndex(self.lat, self.lon, self.max_km.max() / 111.0)
        self.series = np.zeros((len(self.lat), 3, HISTORY_DAYS))
        self.probability = np.zeros(len(self.lat))

    def rebuild(self, lat: np.ndarray, lon: np.ndarray, day: np.ndarray) -> np.ndarray:
        """Full recompute from every attack given (only those of the last HISTORY_DAYS days can matter)."""
        recent = np.flatnonzero((day >= self.first) & (day < self.origin))
        index = GridIndex(lat[recent], lon[recent], cell_deg=0.25)
        ordered = recent[index.order]  # events in cell order: a site's candidates are a few contiguous slices
        phi, lam, day = np.radians(lat[ordered]), np.radians(lon[ordered]), day[ordered]
        cos_phi = np.cos(phi)
        for s, reach in enumerate(self.reaches):
            spans = index.spans(self.lat[s], self.lon[s], reach.max_km)
            if not spans:
                self.series[s] = 0.0
                continue
            pick = np.concatenate([np.arange(a, b) for a, b in spans]) if len(spans) > 1 else slice(*spans[0])
            dist = _haversine_prepared(self.lat[s], self.lon[s], phi[pick], lam[pick], cos_phi[pick])
            self.series[s] = daily_series(dist, day[pick], self.first, HISTORY_DAYS, reach)
        self.probability = self._probability(slice(None))
        return self.probability

    def add(self, lat: float, lon: float, day: int) -> np.ndarray:
        """One new attack: update the sites within reach; returns their indexes."""
        if not self.first <= day < self.origin:
            return np.zeros(0, np.int64)
        cand = self.sites.query(lat, lon, float(self.max_km.max()))
        dist = haversine_many(lat, lon, self.lat[cand], self.lon[cand])
        touched = cand[dist <= self.max_km[cand]]
        for s, d in zip(touched, dist[dist <= self.max_km[cand]], strict=True):
            self.series[s] += daily_series(np.array([d]), np.array([day]), self.first, HISTORY_DAYS, self.reaches[s])
        if len(touched):
            self.probability[touched] = self._probability(touched)
        return touched

    def _probability(self, which) -> np.ndarray:
        counts = counts_from_daily(self.series[which], np.array([HISTORY_DAYS]))
        return fit.probability(self.weights, counts.matrix()[..., 0, :])


def _haversine_prepared(lat: float, lon: float, phi: np.ndarray, lam: np.ndarray, cos_phi: np.ndarray
                        ) -> np.ndarray:
    """haversine_many with the events' radians and cosines computed once for all sites."""
    p1 = np.radians(lat)
    a = np.sin((phi - p1) / 2) ** 2 + np.cos(p1) * cos_phi * np.sin((lam - np.radians(lon)) / 2) ** 2
    return 2 * 6371.0088 * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def brute_force(site_lat, site_lon, radius_km, weights: dict, origin: int, lat, lon, day,
                which: np.ndarray | None = None) -> np.ndarray:
    """The same probabilities without any index: each site (or those in `which`) against every event."""
    first = origin - HISTORY_DAYS
    which = np.arange(len(site_lat)) if which is None else np.asarray(which)
    series = np.zeros((len(which), 3, HISTORY_DAYS))
    for i, s in enumerate(which):
        reach = Reach.of(float(radius_km[s]))
        series[i] = daily_series(haversine_many(site_lat[s], site_lon[s], lat, lon), day, first, HISTORY_DAYS,
                                 reach)
    counts = counts_from_daily(series, np.array([HISTORY_DAYS]))
    return fit.probability(weights, counts.matrix()[..., 0, :])
