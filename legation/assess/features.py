"""What the threat model sees of a site's surroundings: counts of past attacks by distance and age, as numbers.

All features of one site are computed from two arrays — each past attack's distance to the site (km) and its day
(days since 1970-01-01) — for any number of forecast origins at once: attacks are binned per day, prefix sums
give every window count in O(1), and an exponential filter gives the time-decayed kernel. The backtest calls this
with hundreds of origins per site, a live assessment with one; both get the same numbers by construction.

An origin `o` is the first day of the forecast week [o, o+7); only attacks dated before `o` are seen. Distances are
effective distances (`counting.effective_distance`): an event placed only to a city is never within 5 km.

`legation.threat.v2` reads the site's own rate of weeks with an attack at three time scales — the last 8, 52 and 156
weeks (3 years: its base rate), each as log-odds — and the area's weekly rate over the same 3 years, beside the
recent counts, the surge and the time-decayed proximity (self-excitation), so that one model fitted on one country's
feed reads another's at that country's own level of violence. (v1's linear shares of weeks, 365-day and 90-day counts
were dropped: on Iraq 2004–2009, refitted by rolling origin, the log-odds rates scored a Brier skill of 0.19 against
the trailing 3-year climatology where v1's features scored -0.04.)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from legation.assess.counting import EPOCH_ORDINAL  # noqa: F401 - where days are counted from, re-exported

BASE_WEEKS = 156  # the base rate's window: 3 years
HISTORY_DAYS = 7 * BASE_WEEKS + 8  # the longest window any feature reads, with a margin

NAMES = ("log_n7", "log_n30", "rate8", "rate52", "base_logit", "log_kernel", "recency", "surge", "log_area7",
         "log_area_rate")


@dataclass(frozen=True, slots=True)
class Reach:
    """How far the features look around a site of watch radius r: the area (surge, spill-over) and kernel reach."""

    radius_km: float
    area_km: float
    kernel_km: float
    kernel_days: float = 14.0

    @classmethod
    def of(cls, radius_km: float, area_factor: float = 4.0, area_min_km: float = 50.0,
           kernel_factor: float = 3.0, kernel_days: float = 14.0) -> Reach:
        return cls(radius_km, max(area_min_km, area_factor * radius_km), kernel_factor * radius_km, kernel_days)

    @property
    def max_km(self) -> float:
        return max(self.radius_km, self.area_km, self.kernel_km)


@dataclass(slots=True)
class Counts:
    """The raw counts behind the features of one site at each origin (drivers quote these)."""

    n7: np.ndarray
    n30: np.ndarray
    n90: np.ndarray
    n365: np.ndarray
    weeks8: np.ndarray
    weeks52: np.ndarray
    area7: np.ndarray
    area90: np.ndarray
    kernel: np.ndarray
    days_since: np.ndarray
    weeks156: np.ndarray
    area1092: np.ndarray

    def base_rate(self) -> np.ndarray:
        """The site's trailing 3-year weekly rate of weeks with an attack (smoothed): its own climatology."""
        return (self.weeks156 + 0.5) / (BASE_WEEKS + 1.0)

    def matrix(self) -> np.ndarray:
        """The model's features (columns in the order of NAMES)."""
        surge = np.log((self.area7 + 0.5) / (self.area90 * 7.0 / 90.0 + 0.5))
        recency = 1.0 / (1.0 + self.days_since / 7.0)
        return np.stack([np.log1p(self.n7), np.log1p(self.n30), _logit_rate(self.weeks8, 8),
                         _logit_rate(self.weeks52, 52), _logit_rate(self.weeks156, BASE_WEEKS),
                         np.log1p(self.kernel), recency, surge, np.log1p(self.area7),
                         np.log1p(self.area1092 / BASE_WEEKS)], axis=-1)


def _logit_rate(weeks: np.ndarray, of: int) -> np.ndarray:
    """Log-odds of the smoothed share of `of` weeks that had an attack."""
    rate = (weeks + 0.5) / (of + 1.0)
    return np.log(rate / (1.0 - rate))


def _window(prefix: np.ndarray, idx: np.ndarray, days: int) -> np.ndarray:
    """Events in [o - days, o) for each origin index o into the daily series (prefix[..., i] = events before day
    i); works on a batch of series (leading axes)."""
    idx = np.maximum(idx, 0)
    return prefix[..., idx] - prefix[..., np.maximum(idx - days, 0)]


def daily_series(dist_km: np.ndarray, day: np.ndarray, first: int, span: int, reach: Reach) -> np.ndarray:
    """(3, span): attacks per day inside the radius, inside the area, and their proximity weights within the
    kernel reach, for days first .. first+span-1 (attacks outside those days are ignored)."""
    keep = (dist_km <= reach.max_km) & (day >= first) & (day < first + span)
    dist_km, rel = dist_km[keep], day[keep] - first
    out = np.zeros((3, span))
    for row, mask, weights in ((0, dist_km <= reach.radius_km, None), (1, dist_km <= reach.area_km, None),
                               (2, dist_km <= reach.kernel_km, np.exp(-dist_km / reach.radius_km))):
        out[row] = np.bincount(rel[mask], weights=None if weights is None else weights[mask], minlength=span)
    return out


def decay(x: np.ndarray, keep: float) -> np.ndarray:
    """y[t] = x[t] + keep * y[t-1] along the last axis: an exponentially decaying sum, step by step in the order
    scipy's `lfilter([1], [1, -keep], x)` takes, so the same numbers to the last bit, without importing
    scipy.signal (1.8 s at every start of the command line)."""
    out = np.empty_like(x, dtype=float)
    previous = np.zeros(x.shape[:-1])
    for t in range(x.shape[-1]):
        previous = x[..., t] + keep * previous
        out[..., t] = previous
    return out


def counts_from_daily(series: np.ndarray, idx: np.ndarray, kernel_days: float = 14.0) -> Counts:
    """Counts at origin indexes `idx` from daily series (..., 3, span) built by `daily_series`; leading axes
    (e.g. many sites) are kept, the last axis of each count is the origin."""
    idx = np.asarray(idx, dtype=np.int64)
    inside, span = series[..., 0, :], series.shape[-1]
    zero = np.zeros(series.shape[:-2] + (1,))
    p_in = np.concatenate([zero, np.cumsum(inside, axis=-1)], axis=-1)
    p_area = np.concatenate([zero, np.cumsum(series[..., 1, :], axis=-1)], axis=-1)
    decayed = decay(series[..., 2, :], np.exp(-1.0 / kernel_days))
    kernel = np.where(idx > 0, decayed[..., np.maximum(idx - 1, 0)], 0.0)
    weeks = _weeks_with_attacks(p_in, idx)
    last_seen = np.maximum.accumulate(np.where(inside > 0, np.arange(span), -10_000), axis=-1)
    days_since = np.where(idx > 0, idx - 1 - last_seen[..., np.maximum(idx - 1, 0)], 10_000).clip(0, 730)
    return Counts(n7=_window(p_in, idx, 7), n30=_window(p_in, idx, 30), n90=_window(p_in, idx, 90),
                  n365=_window(p_in, idx, 365), weeks8=weeks(8), weeks52=weeks(52), area7=_window(p_area, idx, 7),
                  area90=_window(p_area, idx, 90), kernel=kernel, days_since=days_since.astype(float),
                  weeks156=weeks(BASE_WEEKS), area1092=_window(p_area, idx, 7 * BASE_WEEKS))


def _weeks_with_attacks(p_in: np.ndarray, idx: np.ndarray):
    """A function k → for each origin, how many of the k weeks before it had an attack within the radius: a week
    flag per day (an attack in the 7 days before it), summed every 7th day by a strided prefix sum."""
    span = p_in.shape[-1] - 1
    days = np.arange(span + 1)
    flag = (p_in - p_in[..., np.maximum(days - 7, 0)]) > 0  # flag[..., i]: an attack in [i-7, i)
    stride = np.zeros(flag.shape, dtype=np.int64)
    for r in range(7):
        stride[..., r::7] = np.cumsum(flag[..., r::7], axis=-1)

    def weeks(k: int) -> np.ndarray:
        at = np.clip(idx, 0, span)
        before = idx - 7 * k
        return (stride[..., at] - np.where(before >= 0, stride[..., np.maximum(before, 0)], 0)).astype(float)

    return weeks


def site_counts(dist_km: np.ndarray, day: np.ndarray, origins: np.ndarray, reach: Reach) -> Counts:
    """Counts for one site at each origin, from its attacks' distances and days (any order, any extent)."""
    origins = np.asarray(origins, dtype=np.int64)
    first = int(origins.min()) - HISTORY_DAYS
    span = int(origins.max()) - first
    return counts_from_daily(daily_series(dist_km, day, first, span, reach), origins - first, reach.kernel_days)


def haversine_many(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Great-circle km from one point to many (vectorised twin of domain.geo.haversine_km)."""
    p1, p2 = np.radians(lat), np.radians(lats)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lons - lon) / 2) ** 2
    return 2 * 6371.0088 * np.arcsin(np.minimum(1.0, np.sqrt(a)))
