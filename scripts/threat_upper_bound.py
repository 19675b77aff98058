"""How far can the threat model's Brier skill go with information the counts do not carry? (issue 17)

Prints, for each UCDP GED file given (default: the Iraq and Pakistan files in ../shared/data/ucdp), at 25 km around
every place of 50,000 people or more, weeks 2010-2018, the Brier skill against the trailing 3-year climatology
(the one `legation backtest` computes) of a logistic regression on:

- `model`: the shipped model's 10 features (features.NAMES);
- `counts`: those plus time-decayed counts (half-lives 1, 4, 13, 52 weeks) within 25, 50, 100, 200 km and in the
  whole country, and the weeks with an attack among the last 1, 4 and 13 within 25 and 100 km (the previous
  session's 35 count features);
- `counts+X` for each group X of new information, and `all` (every group):
  deaths (log UCDP best/low/high deaths, decayed), violence (state-based / non-state / one-sided mix, decayed),
  actors (distinct dyads within 50 and 100 km over 30 and 90 days, a dyad new to the 100 km area in the last 30
  days), precision (decayed counts of events placed to a point or town (where_prec 1) vs. coarser), kernel (a
  Gaussian distance kernel at 10, 25 and 50 km instead of hard radii), neighbours (the share of other places within
  150 km that had an attack in the last 1 and 4 weeks), since (log days since the last attack within 25, 100 km and
  in the country), excite (self-excitation: decayed sums with decays of 1, 3, 7, 30 days), season (week of year),
  country (the country's trailing weekly rate, log-odds, as a pooled offset).

Every row is labelled:
- `in-sample`: fitted on the scored weeks themselves (a TRAINING figure: an upper bound for these inputs, not
  a forecast skill);
- `cv by year`: rolling origin inside the file, each year of 2010-2018 forecast by a fit on the 8 years before it
  (outcomes known a week before the year starts): what a model refitted on its own past scores (same file, a
  training figure by country). This is how features and penalties are chosen: by the training country's rows only;
- with `--oracle`: every group plus one intercept per place (the place's own rate fitted on the scored weeks), and
  gradient-boosted trees on every group, in-sample (trees memorise: not a bound of anything a forecast can do) and
  by year as above;
- with `--transfer`: fitted on every week of the other file, scored on this one (HELD OUT), for the sets named by
  `--sets` (plain logistic regression with no calibration map or range clipping, so compare rows with the `model`
  row of the same run, not with `legation backtest`).

`--sets` takes the names above or groups joined by '+' (`model+since+deaths`). Run from /work/main, one process,
about two minutes for each of the first two and five for the third (2 busy cores):

    .venv/bin/python scripts/threat_upper_bound.py --l2 8
    .venv/bin/python scripts/threat_upper_bound.py --l2 1 --sets model counts all --oracle
    .venv/bin/python scripts/threat_upper_bound.py --l2 8 --no-cv --transfer --sets model model+since
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.signal import lfilter
from scipy.special import expit

from legation.assess import backtest, fit
from legation.assess.features import haversine_many

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "ucdp"
RADIUS = 25.0
GROUPS = ("deaths", "violence", "actors", "precision", "kernel", "neighbours", "since", "excite", "season",
          "country")


@dataclass
class Extras:
    """Per event (aligned with backtest.read_feed's arrays): deaths, violence type, dyad, place precision code."""

    best: np.ndarray
    low: np.ndarray
    high: np.ndarray
    violence: np.ndarray
    dyad: np.ndarray
    where: np.ndarray


def read_extras(path: Path) -> Extras:
    """The columns the counts leave out, read by the same ingest reader in the same order as read_feed."""
    from legation.ingest.feeds.common import open_feed
    from legation.ingest.feeds.ucdp import read_ucdp

    cols: dict[str, list] = {k: [] for k in ("best", "low", "high", "violence", "dyad", "where")}
    with open_feed(path) as opened:
        for item in read_ucdp(opened.stream, opened.name):
            record = getattr(item, "record", None)
            if record is None:
                continue
            codes = record.get("source_codes") or {}
            deaths = codes.get("deaths") or {}
            best = deaths.get("best") or 0
            cols["best"].append(best)
            cols["low"].append(deaths.get("low") if deaths.get("low") is not None else best)
            cols["high"].append(deaths.get("high") if deaths.get("high") is not None else best)
            cols["violence"].append(int(codes.get("type_of_violence") or 0))
            cols["dyad"].append(str(codes.get("dyad_name") or ""))
            cols["where"].append(int(codes.get("where_prec") or 0))
    return Extras(best=np.asarray(cols["best"]), low=np.asarray(cols["low"]), high=np.asarray(cols["high"]),
                  violence=np.asarray(cols["violence"]), dyad=np.asarray(cols["dyad"], dtype=object),
                  where=np.asarray(cols["where"]))


def _decayed(series: np.ndarray, half_life_days: float, idx: np.ndarray) -> np.ndarray:
    """The decayed sum of a daily series (..., span) before each origin index."""
    keep = 0.5 ** (1.0 / half_life_days)
    out = lfilter([1.0], [1.0, -keep], series, axis=-1)
    return np.where(idx > 0, out[..., np.maximum(idx - 1, 0)], 0.0)


def _window(series: np.ndarray, idx: np.ndarray, days: int) -> np.ndarray:
    prefix = np.concatenate([np.zeros(series.shape[:-1] + (1,)), np.cumsum(series, axis=-1)], axis=-1)
    return prefix[..., idx] - prefix[..., np.maximum(idx - days, 0)]


def _since(series: np.ndarray, idx: np.ndarray) -> np.ndarray:
    span = series.shape[-1]
    last = np.maximum.accumulate(np.where(series > 0, np.arange(span), -100_000), axis=-1)
    since = np.where(idx > 0, idx - 1 - last[..., np.maximum(idx - 1, 0)], 100_000)
    return np.log1p(np.clip(since, 0, 3650))


def _lo(rate: np.ndarray) -> np.ndarray:
    return np.log(rate / (1 - rate))


@dataclass
class Data:
    name: str
    X: dict  # group → (sites, origins, k)
    y: np.ndarray  # (sites, origins)
    origins: np.ndarray
    test_from: int
    clim: np.ndarray  # (sites, origins) trailing 3-year climatology as `backtest` computes it (from test_from)


def _site_features(d: np.ndarray, daily: Callable[..., np.ndarray], country_all: np.ndarray, idx: np.ndarray,
                   span: int, best: np.ndarray, low: np.ndarray, high: np.ndarray, violence: np.ndarray,
                   where: np.ndarray) -> dict[str, list[np.ndarray]]:
    """Every group but actors and season for one place, from its events' effective distances `d`."""
    feats: dict[str, list[np.ndarray]] = {g: [] for g in ("counts", *GROUPS)}
    series: dict[int | str, np.ndarray] = {km: daily(d <= km) for km in (25, 50, 100, 200)}
    series["all"] = country_all
    for s in series.values():
        for hl in (7, 28, 91, 364):
            feats["counts"].append(np.log1p(_decayed(s, hl, idx)))
    for km in (25, 100):
        flag = (np.convolve(series[km], np.ones(7))[:span] > 0).astype(float)
        for k in (1, 4, 13):  # weeks with an attack among the last k (a flag every 7th day before the origin)
            feats["counts"].append(np.sum([flag[np.maximum(idx - 1 - 7 * w, 0)] for w in range(k)], axis=0) / k)
    near = d <= 25
    for arr in (best, low, high):
        for hl in (14, 91):
            feats["deaths"].append(np.log1p(_decayed(daily(near, arr), hl, idx)))
    feats["deaths"].append(np.log1p(_decayed(daily(d <= 100, best), 28, idx)))
    for v in (1, 2, 3):
        for km, hl in ((25, 28), (25, 182), (100, 28)):
            feats["violence"].append(np.log1p(_decayed(daily((d <= km) & (violence == v)), hl, idx)))
    for wp in ((1,), (2,), (3, 4)):
        for km in (25, 100):
            feats["precision"].append(np.log1p(_decayed(daily((d <= km) & np.isin(where, wp)), 28, idx)))
    for bw in (10, 25, 50):
        w = np.exp(-0.5 * (d / bw) ** 2)
        for hl in (7, 28, 182):
            feats["kernel"].append(np.log1p(_decayed(daily(d <= 4 * bw, w), hl, idx)))
    for km in (25, 100):
        feats["since"].append(_since(series[km], idx))
    feats["since"].append(_since(country_all, idx))
    for tau in (1, 3, 7, 30):
        feats["excite"].append(np.log1p(_decayed(series[25], tau * np.log(2), idx)))
        feats["excite"].append(np.log1p(_decayed(series[100], tau * np.log(2), idx)))
    return feats


def _actor_features(d: np.ndarray, rel: np.ndarray, dyad_id: np.ndarray, inwin: np.ndarray,
                    idx: np.ndarray) -> list[np.ndarray]:
    """Distinct dyads within 50 and 100 km over 30 and 90 days (log), and a dyad new to the 100 km area in the last
    30 days."""
    out = []
    for km in (50, 100):
        m = (d <= km) & inwin
        order = np.argsort(rel[m], kind="stable")
        r_m, id_m = rel[m][order], dyad_id[m][order]
        for days in (30, 90):
            distinct = np.zeros(len(idx))
            for j, o in enumerate(idx):
                distinct[j] = len(np.unique(id_m[np.searchsorted(r_m, o - days):np.searchsorted(r_m, o)]))
            out.append(np.log1p(distinct))
    firsts: dict[int, int] = {}
    for r, i in zip(r_m.tolist(), id_m.tolist(), strict=True):  # the 100 km area's, in day order
        firsts.setdefault(i, r)
    first_days = np.sort(np.array(list(firsts.values()), dtype=np.int64))
    new_recent = np.searchsorted(first_days, idx) - np.searchsorted(first_days, idx - 30)
    out.append((new_recent > 0).astype(float))
    return out


def build(path: Path, start: dt.date, end: dt.date, all_weeks: bool = False) -> Data:
    """The panel of every place of 50,000+ people at 25 km: the shipped features, outcomes, and every group."""
    events = backtest.read_feed(path, "ucdp")
    extra = read_extras(path)
    assert len(extra.best) == len(events.lat), "the reader's order differs"
    if all_weeks:
        start = backtest.day_date(int(events.day[events.counted].min()) + backtest.HISTORY_DAYS
                                  + 7 * backtest.MIN_TRAIN_WEEKS)
        end = backtest.day_date(int(events.day[events.counted].max()) - 7)
    panel, test_from, sites = backtest._panel_for(events, None, RADIUS, start, end)
    origins = panel.origins
    use = events.counted
    lat, lon, known, unc = events.lat[use], events.lon[use], events.known[use], events.uncertainty[use]
    best, low, high = (np.log1p(np.maximum(a[use].astype(float), 0)) for a in (extra.best, extra.low, extra.high))
    violence, dyad, where = extra.violence[use], extra.dyad[use], extra.where[use]
    first = int(origins.min()) - 3 * 365 - 30
    span = int(origins.max()) - first + 1
    idx = origins - first
    inwin = (known >= first) & (known < first + span)
    rel = np.clip(known - first, 0, span - 1)
    dyad_codes = {d: i for i, d in enumerate(sorted(set(dyad)))}
    dyad_id = np.array([dyad_codes[d] for d in dyad])

    def daily(mask: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
        m = mask & inwin
        return np.bincount(rel[m], weights=None if weights is None else weights[m], minlength=span)[:span]

    country_all = daily(np.ones(len(lat), dtype=bool))
    n_sites = len(sites)
    groups: dict[str, list] = {g: [] for g in ("counts", *GROUPS)}
    site_lat = np.array([s.lat for s in sites])
    site_lon = np.array([s.lon for s in sites])
    for site in sites:
        d = np.maximum(haversine_many(site.lat, site.lon, lat, lon), unc)
        feats = _site_features(d, daily, country_all, idx, span, best, low, high, violence, where)
        feats["actors"] = _actor_features(d, rel, dyad_id, inwin, idx)
        doy = 2 * np.pi * ((origins + 3) % 365.25) / 365.25
        feats["season"] = [np.sin(doy), np.cos(doy)]
        for g in groups:
            if feats.get(g):
                groups[g].append(np.stack(feats[g], axis=-1))
    X = {"model": panel.X}
    for g, rows in groups.items():
        if rows:
            X[g] = np.stack(rows)
    # neighbours: share of other places within 150 km with an attack known in the last 1 and 4 weeks (radius 25)
    n7 = np.expm1(panel.X[..., 0]) > 0
    n30 = np.expm1(panel.X[..., 1]) > 0
    nb = np.zeros((n_sites, len(origins), 2))
    for s in range(n_sites):
        dd = haversine_many(site_lat[s], site_lon[s], site_lat, site_lon)
        m = (dd <= 150) & (np.arange(n_sites) != s)
        if m.any():
            nb[s, :, 0], nb[s, :, 1] = n7[m].mean(axis=0), n30[m].mean(axis=0)
    X["neighbours"] = nb
    # country: the trailing weekly rate of place-weeks with an attack (known a week late), as log-odds, pooled
    y = panel.y
    past = np.concatenate([np.zeros(2), y.mean(axis=0)[:-2]])  # known a week late, as the baselines read it
    cum = np.concatenate([[0.0], np.cumsum(past)])
    j = np.arange(len(origins))
    cr = []
    for w in (4, 52, 156):
        lo_ = np.maximum(j - w, 0)
        cr.append(_lo((cum[j] - cum[lo_] + 0.05) / (j - lo_ + 0.1)))
    X["country"] = np.broadcast_to(np.stack(cr, axis=-1)[None], (n_sites, len(origins), 3)).copy()
    clim = np.zeros(y.shape)
    for jj in range(len(origins)):
        clim[:, jj] = backtest._trailing_rate(y[:, :max(jj - 1, 0)], 156)
    return Data(path.name, X, y, origins, test_from, clim)


def design(data: Data, names: tuple[str, ...], rows: slice | np.ndarray = slice(None)) -> np.ndarray:
    parts = [data.X[g][:, rows] for g in names]
    return np.concatenate(parts, axis=-1).reshape(-1, sum(p.shape[-1] for p in parts))


SETS = {"model": ("model",), "counts": ("model", "counts"), "all": ("model", "counts", *GROUPS)}
SETS.update({f"counts+{g}": ("model", "counts", g) for g in GROUPS})
SETS.update({f"model+{g}": ("model", g) for g in GROUPS})
SETS["model+new"] = ("model", *GROUPS)  # every new group, without the extra counts


class Std:
    def __init__(self, X: np.ndarray):
        self.mean, self.scale = X.mean(axis=0), X.std(axis=0)
        self.scale[self.scale == 0] = 1.0

    def __call__(self, X: np.ndarray) -> np.ndarray:
        return np.clip((X - self.mean) / self.scale, -8, 8)


def fit_predict(X: np.ndarray, y: np.ndarray, Xs: np.ndarray, l2: float) -> np.ndarray:
    std = Std(X)
    beta = fit.newton_logistic(std(X), y.astype(float), l2=l2)
    return expit(beta[0] + std(Xs) @ beta[1:])


def skill(p: np.ndarray, y: np.ndarray, clim: np.ndarray) -> float:
    return 1 - np.mean((p - y) ** 2) / np.mean((clim - y) ** 2)


def bins_off(p: np.ndarray, y: np.ndarray) -> list[str]:
    edges = np.linspace(0, 1, 11)
    out = []
    for a, b in zip(edges[:-1], edges[1:], strict=True):
        m = (p >= a) & (p < b) if b < 1 else (p >= a)
        if m.sum() >= 100 and abs(p[m].mean() - y[m].mean()) > 0.05:
            out.append(f"{p[m].mean():.2f}->{y[m].mean():.2f} (n {m.sum()})")
    return out


def oracle(data: Data, years: np.ndarray, y: np.ndarray, clim: np.ndarray) -> None:
    """The most flexible bounds: every group plus a per-place intercept (in-sample), and boosted trees."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    t = slice(data.test_from, None)
    X = design(data, SETS["all"], t)
    n_sites, n_weeks = data.y.shape[0], data.y.shape[1] - data.test_from
    dummies = np.repeat(np.eye(n_sites), n_weeks, axis=0)
    rate = np.repeat(data.y[:, t].mean(axis=1), n_weeks)
    print(f"  each place's 2010-2018 rate, known in advance (in-sample)  {skill(rate, y, clim):+.3f}", flush=True)
    for l2 in (1.0, 8.0):
        p = fit_predict(np.hstack([X, dummies]), y, np.hstack([X, dummies]), l2)
        print(f"  all + place intercepts  l2 {l2:g}  in-sample (training) {skill(p, y, clim):+.3f}", flush=True)

    def trees() -> HistGradientBoostingClassifier:
        return HistGradientBoostingClassifier(max_iter=200, learning_rate=0.05, max_leaf_nodes=15,
                                              min_samples_leaf=200, l2_regularization=1.0, random_state=0)

    p = trees().fit(X, y).predict_proba(X)[:, 1]
    print(f"  all, boosted trees      in-sample (training) {skill(p, y, clim):+.3f}", flush=True)
    pc = np.zeros(data.y.shape)
    for year in range(2010, 2019):
        test = years == year
        first_test = int(np.argmax(test))
        trainw = (np.arange(len(years)) < first_test - 1) & (np.arange(len(years)) >= first_test - 1 - 8 * 52)
        model = trees().fit(design(data, SETS["all"], trainw), data.y[:, trainw].reshape(-1))
        pc[:, test] = model.predict_proba(design(data, SETS["all"], test))[:, 1].reshape(n_sites, -1)
    print(f"  all, boosted trees      cv by year (same file) {skill(pc[:, t].reshape(-1), y, clim):+.3f}",
          flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("files", nargs="*", type=Path,
                    default=[SHARED / "conflict_data_irq.csv", SHARED / "conflict_data_pak.csv"])
    ap.add_argument("--sets", nargs="*", default=None, help="feature sets (default: every one)")
    ap.add_argument("--l2", type=float, nargs="*", default=[1.0, 8.0, 64.0])
    ap.add_argument("--transfer", action="store_true", help="also fit on the other file, score on this one")
    ap.add_argument("--no-cv", action="store_true")
    ap.add_argument("--oracle", action="store_true",
                    help="also: every group plus one intercept per place (in-sample), and gradient-boosted trees "
                         "on every group (in-sample, and by year on the years before)")
    args = ap.parse_args(argv)
    names = args.sets or list(SETS)
    for name in names:  # any other name: its groups joined by '+', e.g. model+since+deaths
        SETS.setdefault(name, tuple(name.split("+")))
        unknown = set(SETS[name]) - {"model", "counts", *GROUPS}
        if unknown:
            ap.error(f"unknown group(s) {', '.join(sorted(unknown))}")
    start, end = dt.date(2010, 1, 1), dt.date(2018, 12, 31)
    datasets = [build(f, start, end) for f in args.files]
    for data in datasets:
        t = slice(data.test_from, None)
        y = data.y[:, t].reshape(-1)
        clim = data.clim[:, t].reshape(-1)
        years = np.array([dt.date.fromordinal(int(o) + 719163).year for o in data.origins])
        print(f"\n{data.name}: {data.y.shape[0]} places, {y.size} place-weeks 2010-2018, base rate {y.mean():.3f}")
        for name in names:
            groups = SETS[name]
            X = design(data, groups, t)
            k = X.shape[1]
            for l2 in args.l2:
                ins = skill(fit_predict(X, y, X, l2), y, clim)
                line = f"  {name:18s} {k:3d} inputs  l2 {l2:5g}  in-sample (training) {ins:+.3f}"
                if not args.no_cv:
                    p = np.zeros(data.y.shape)
                    for year in range(2010, 2019):
                        test = years == year
                        first_test = int(np.argmax(test))
                        trainw = np.arange(len(years)) < first_test - 1  # outcomes known before the year
                        trainw[: max(0, first_test - 1 - 8 * 52)] = False  # the 8 years before
                        Xtr = design(data, groups, trainw)
                        p[:, test] = fit_predict(Xtr, data.y[:, trainw].reshape(-1), design(data, groups, test),
                                                 l2).reshape(data.y.shape[0], -1)
                    pc = p[:, t].reshape(-1)
                    line += f"  cv by year (same file) {skill(pc, y, clim):+.3f}"
                print(line, flush=True)
        if args.oracle:
            oracle(data, years, y, clim)
    if args.transfer and len(datasets) == 2:
        full = [build(f, start, end, all_weeks=True) for f in args.files]
        for train, test in ((full[0], datasets[1]), (full[1], datasets[0])):
            t = slice(test.test_from, None)
            y = test.y[:, t].reshape(-1)
            clim = test.clim[:, t].reshape(-1)
            print(f"\nfitted on {train.name} (every week), scored on {test.name} 2010-2018 (HELD OUT)")
            for name in names:
                groups = SETS[name]
                for l2 in args.l2:
                    p = fit_predict(design(train, groups), train.y.reshape(-1), design(test, groups, t), l2)
                    print(f"  {name:18s} l2 {l2:5g}  skill vs 3-year climatology {skill(p, y, clim):+.3f}  "
                          f"bins off {bins_off(p, y) or 'none'}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
