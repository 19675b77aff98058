"""`legation.threat.v2`: the probability of an attack near a site in the next 7 days, its level, and why.

A pure function of (site, events, date, parameters). Which events count, on which day and at what distance is
`legation.assess.counting`; whether anything reports from the site's area at all is `legation.assess.coverage` — when
nothing does, the level is unknown ("no coverage since DATE"), not low. Where the attacks near a site in the last year
are placed only to a city's point (±10 km) and the site's radius is smaller (an embassy's 5 km), no report can say
whether an attack was within the radius: the probability then speaks for the city (within 10 km), a `precision`
driver says so, and `scope_km` holds the radius it speaks for. Otherwise two parts add up on the log-odds scale:

1. the fitted part: a calibrated logistic regression on counts of past attacks near the site (features.py),
   fitted on a real feed (UCDP GED) by rolling origin: the site's own base rate (3 years) and recent history, the
   area around it and its surge against the 90-day rate, time-decayed proximity (self-excitation). The parameters
   file says which feed, radius and weeks it was fitted on (`fitted_on`), and only a file of this model loads;
2. the signals no feed records, with fixed, documented weights (`priors` in the parameters file): attacks on the
   site's sending state (or by actors who attack it), advisories the sending state issued for the host country,
   and protective measures ordered nearby.

Each part becomes one or more drivers in plain words, weighted by what it adds to the log-odds against a quiet
site (no attacks seen). The level follows `legation.domain.assessment.level_for`.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from legation.assess import fit
from legation.assess.coverage import AREA_KM, Coverage
from legation.assess.events import EventTable, Nearby
from legation.assess.features import NAMES, Counts, Reach, site_counts
from legation.domain.assessment import LEVELS, UNKNOWN, Assessment, Driver, level_for
from legation.domain.errors import InputError
from legation.domain.records import parse_date
from legation.domain.sites import Site

MODEL = "legation.threat.v2"
PARAMETERS = Path(__file__).with_name("data") / "threat_v2.json"
TARGET_DAYS = 30
SIGNAL_DAYS = 30
PROTECT_DAYS = 7
SCOPE_DAYS = 365  # city-level attacks near a site within a year make its probability speak for the city
MIN_DRIVER = 0.05  # log-odds: smaller contributions are not worth a duty officer's time
# Log-odds weights of the signals no feed records (so none can be fitted yet): set by judgement, kept modest — three
# attacks on the sending state's people in 30 days raise the odds about 2.3 times; an advisory raised, 1.6 times.
DEFAULT_PRIORS = {"targeting": 0.6, "advisory_raise": 0.5, "advisory_lower": 0.25, "protect": 0.3}

SIGNALS = ("targeting", "advisory", "protect")  # driver kinds added to the fitted log-odds
_GROUPS = {  # driver kind → the fitted features it explains
    "nearby": ("log_n7", "log_n30", "log_kernel", "recency"),
    "history": ("rate8", "rate52", "base_logit"),
    "area": ("log_area7", "surge", "log_area_rate"),
}


@dataclass(frozen=True)
class Parameters:
    weights: dict  # fit.Fitter.fit output
    priors: dict  # log-odds weights of the unfitted signals
    fitted_on: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> Parameters:
        if data.get("model") != MODEL:
            raise InputError(f"parameters of {data.get('model') or 'an unnamed model'}, not {MODEL}: refit them "
                             "(legation backtest --save-parameters)")
        if list(data["weights"].get("features") or []) != list(NAMES):
            raise InputError(f"parameters for other features than {MODEL}'s: refit them")
        return cls(weights=data["weights"], priors=data["priors"], fitted_on=data.get("fitted_on", ""))

    def to_dict(self) -> dict:
        return {"model": MODEL, "weights": self.weights, "priors": self.priors, "fitted_on": self.fitted_on}


@functools.lru_cache(maxsize=4)
def load_parameters(path: str | None = None) -> Parameters:
    """The shipped fitted parameters (or another file written by `save_parameters`)."""
    return Parameters.from_dict(json.loads(Path(path or PARAMETERS).read_text(encoding="utf-8")))


def save_parameters(params: Parameters, path: str | Path) -> None:
    Path(path).write_text(json.dumps(params.to_dict(), indent=2) + "\n", encoding="utf-8")


FIRST_DAY = dt.date(1900, 1, 1)  # the model counts 3 years back: a date near year 1 has no such past


def as_of(at: dt.date | str | None) -> dt.date:
    if at is None:
        return dt.datetime.now(dt.UTC).date()
    date = at if isinstance(at, dt.date) else parse_date(str(at))
    if date < FIRST_DAY:
        raise InputError(f"cannot assess as of {date}: the first date is {FIRST_DAY}")
    return date


def assess(site: Site, events: Sequence | EventTable, at: dt.date | str | None, params: Parameters,
           coverage: Coverage | None = None) -> Assessment:
    """Assess one site as of the end of day `at`: events dated and known on or before it count; the forecast
    covers the 7 days after it. `events` are domain Events (or an EventTable built from them once for many sites);
    `coverage` adds what the store knows of the area's sources beyond the events given."""
    date = as_of(at)
    table = events if isinstance(events, EventTable) else EventTable.from_events(events)
    origin = table.day_of(date) + 1
    scope = table.scope_km(site.lat, site.lon, _radius(site), origin - SCOPE_DAYS, origin)
    reach = Reach.of(scope)
    seen = table.coverage(site.lat, site.lon, site.host_country, origin).merged(coverage)
    if not seen.known:
        return _unknown(site, date, seen)
    near = table.near(site.lat, site.lon, reach.max_km, until=origin)
    counts = site_counts(near.dist, table.day[near.idx], np.array([origin]), reach)
    X = counts.matrix()
    quiet = site_counts(np.zeros(0), np.zeros(0, dtype=np.int64), np.array([origin]), reach).matrix()
    a = params.weights["platt"][0]
    held, calm = fit.clip(params.weights, X), fit.clip(params.weights, quiet)  # as the fit's range reads them
    contrib = a * np.asarray(params.weights["coef"]) * (held[0] - calm[0])
    drivers = _fitted_drivers(contrib, counts, table, near, site, reach, origin)
    drivers += _signal_drivers(site, table, origin, reach, params.priors)
    signals = sum(d.weight for d in drivers if d.kind in SIGNALS)
    z = float(fit.log_odds(params.weights, X)[0]) + signals
    probability = 1.0 / (1.0 + math.exp(-z))
    level = level_for(probability, site.kind)
    weak = near.idx[table.weak[near.idx]]
    if len(weak):  # single-source GDELT rows alone raise the level by one step at most
        strong = ~table.weak[near.idx]
        alone = site_counts(near.dist[strong], table.day[near.idx[strong]], np.array([origin]), reach).matrix()
        weak_ids = set(table.ids[table.weak].tolist())
        rest = sum(d.weight for d in drivers
                   if d.kind in SIGNALS and not (d.event_ids and set(d.event_ids) <= weak_ids))
        without = level_for(1.0 / (1.0 + math.exp(-(float(fit.log_odds(params.weights, alone)[0]) + rest))),
                            site.kind)
        if level > without + 1:
            level = without + 1
            drivers.append(Driver("capped", f"level held at {level}: {len(weak)} of the attacks near it are "
                                  "single-source GDELT reports, which alone raise a level by one step at most",
                                  0.0, [str(i) for i in table.ids[weak]]))
    shown = sorted((Driver(d.kind, d.text, round(d.weight, 2), d.event_ids) for d in drivers
                    if abs(d.weight) >= MIN_DRIVER or d.kind == "capped"), key=lambda d: -d.weight)
    shown += _precision_drivers(table, site, scope, origin)
    return Assessment(site_id=site.id, name=site.name, level=level, level_name=LEVELS[level],
                      probability=probability, drivers=shown, model=MODEL, at=date.isoformat(), kind=site.kind,
                      sending_state=site.sending_state, lat=site.lat, lon=site.lon, radius_km=site.radius_km,
                      coverage=seen.to_dict(), scope_km=scope)


def _precision_drivers(table: EventTable, site: Site, scope: float, origin: int) -> list[Driver]:
    """Say when the events near a site are too coarse for its radius, and what the probability speaks for."""
    coarse = table.coarse_near(site.lat, site.lon, _radius(site), origin - 30, origin)
    if scope > _radius(site):
        return [Driver("precision", f"attacks here are placed only to the city (±{scope:g} km): this probability "
                                    f"is of an attack within {scope:g} km — in the city — not within "
                                    f"{site.radius_km:g} km of the site, which the reports cannot tell apart", 0.0,
                       coarse)]
    if coarse:
        kinds = sorted({str(p) for p in table.precision[[table._index()[i] for i in coarse]]})
        return [Driver("precision", f"{len(coarse)} attack(s) in 30 days placed only to the {' or '.join(kinds)} "
                                    f"the site lies in: they count for the area, not for within "
                                    f"{site.radius_km:g} km of the site", 0.0, coarse)]
    return []


def _radius(site: Site) -> float:
    """The site's watch radius (a Site always has one once built: its kind's default when not given)."""
    return float(site.radius_km) if site.radius_km is not None else 5.0


def _unknown(site: Site, date: dt.date, seen: Coverage) -> Assessment:
    """No source reports from the site's area: no level, and the reason in words."""
    text = (f"unknown — {seen.words()}: no source has reported anything from {site.host_country} or within "
            f"{AREA_KM:g} km recently enough to tell calm from silence")
    return Assessment(site_id=site.id, name=site.name, level=None, level_name=f"{UNKNOWN} — {seen.words()}",
                      probability=None, drivers=[Driver("coverage", text, 0.0, [])], model=MODEL,
                      at=date.isoformat(), kind=site.kind, sending_state=site.sending_state, lat=site.lat,
                      lon=site.lon, radius_km=site.radius_km, coverage=seen.to_dict())


def _fitted_drivers(contrib: np.ndarray, counts: Counts, table: EventTable, near: Nearby, site: Site,
                    reach: Reach, origin: int) -> list[Driver]:
    index = {name: i for i, name in enumerate(NAMES)}
    weight = {kind: float(sum(contrib[index[n]] for n in names)) for kind, names in _GROUPS.items()}
    c = {k: float(getattr(counts, k)[0]) for k in ("n7", "n30", "n90", "n365", "weeks52", "area7", "area90")}
    out = []
    r, area = f"{reach.radius_km:g} km", f"{reach.area_km:g} km"
    if c["n30"]:
        ids = table.pick(near, origin - 30, origin, reach.radius_km)
        what = table.describe(ids)
        text = (f"{c['n7']:.0f} {what} within {r} in the last 7 days" if c["n7"]
                else f"no attack within {r} in 7 days, but")
        text += f" ({c['n30']:.0f} in 30 days)" if c["n7"] else f" {c['n30']:.0f} {what} in 30 days"
        out.append(Driver("nearby", text, weight["nearby"], ids))
    base = float(counts.weeks156[0])
    if c["n365"] or base:
        weeks = f"{c['weeks52']:.0f} of the last 52 weeks" if c["weeks52"] != 1 else "1 of the last 52 weeks"
        out.append(Driver("history", f"attacks within {r} in {weeks} ({c['n365']:.0f} in a year; {base:.0f} of "
                                     f"the last 156 weeks)", weight["history"], []))
    if c["area7"] or c["area90"]:
        before = (c["area90"] - c["area7"]) * 7.0 / 83.0  # weekly rate over the 83 days before this week
        times = c["area7"] / before if before > 0 else 0.0
        ratio = (f"{times:.{0 if times >= 3 else 1}f}× the weekly rate of the 12 weeks before" if before > 0
                 else "none in the 12 weeks before")
        ids = table.pick(near, origin - 7, origin, reach.area_km)
        text = (f"{c['area7']:.0f} {table.describe(ids)} within {area} in 7 days — {ratio}" if c["area7"]
                else f"no attack within {area} in 7 days ({c['area90']:.0f} in 90 days)")
        out.append(Driver("surge" if c["area7"] > 1.5 * before else "area", text, weight["area"], ids))
    return out


def _signal_drivers(site: Site, table: EventTable, origin: int, reach: Reach, priors: dict) -> list[Driver]:
    out = []
    hostile = table.actors_attacking(site.sending_state, origin - 90, origin)
    ids = table.targeting(site, hostile, origin - TARGET_DAYS, origin, reach.area_km)
    if ids:
        who = table.actor_names(ids)
        out.append(Driver("targeting", f"{len(ids)} {table.describe(ids)} on {site.sending_state} targets"
                                       f"{' by ' + who if who else ''} in {TARGET_DAYS} days (in {site.host_country}"
                                       f" or within {reach.area_km:g} km)",
                          priors["targeting"] * math.log1p(len(ids)), ids))
    raised, lowered = table.advisories(site.sending_state, site.host_country, origin - SIGNAL_DAYS, origin)
    if raised:
        out.append(Driver("advisory", f"{site.sending_state} raised its advice or posture for "
                                      f"{site.host_country} ({len(raised)} in {SIGNAL_DAYS} days)",
                          priors["advisory_raise"], raised))
    elif lowered:
        out.append(Driver("advisory", f"{site.sending_state} lowered its advice for {site.host_country}",
                          -priors["advisory_lower"], lowered))
    protect = table.protect_near(site.lat, site.lon, reach.area_km, origin - PROTECT_DAYS, origin)
    if protect:
        out.append(Driver("protect", f"{len(protect)} protective measure(s) ordered within {reach.area_km:g} km "
                                     f"in {PROTECT_DAYS} days: authorities expect trouble",
                          priors["protect"] * math.log1p(len(protect)), protect))
    return out
