"""Which events count for the threat model, and how: one rule for `assess`, `backtest` and the API alike.

What. An attack is what the ontology calls violent (`is_violent`: any ASSAULT, or a PROTEST that turned to riot or
obstruction), unless the report denies it or only supposes it (negated, hypothetical): `is_attack`. A feed's row
counts by the type and mode its reader maps it to, an article's event by those it was extracted with.

When. An event happened on its **first day** (`date.start`): a range "between the 3rd and the 5th" is dated the 3rd,
for features and outcomes alike. It counts in weekly counts only when its date is known to within a week (precision
day, days or week, or a range of at most 7 days); an event dated only to a month or a year is a report from the area
(it counts for coverage) but is never placed in a given week. It was **known** on the later of its last day and the
day it was published (an article's publication date, a feed row's own date added where the feed gives one: ACLED's
`timestamp`). An assessment as of day D reads only events known by the end of D, and the backtest does the same.

Where. A place's precision bounds the radius it can speak for. An event placed to a site is good to about 1 km; to
a city or town (UCDP `where_prec` 1–2: most events "in Baghdad" sit on the city's point) to about 10 km; to a
province, 50 km; to a country or region, not at all. An event counts as at least that far from anything: its
**effective distance** to a site is max(distance, uncertainty). So a city-level event counts for "within 25 km of
this base" or "in this city", never for "within 5 km of this embassy". A site whose radius is smaller than the
precision of the attacks near it is forecast for the radius they speak for (the city, 10 km), and says so.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from legation.domain.ontology import is_violent

EPOCH_ORDINAL = 719163  # date(1970, 1, 1).toordinal(): days are counted from 1970-01-01
NO_DAY = -10**6  # an event without a date: before anything

# Location precision → the radius (km) it can speak for; None: not located (a country's or region's point).
PRECISION_KM: dict[str, float | None] = {"site": 1.0, "city": 10.0, "admin1": 50.0, "country": None,
                                         "region": None}
UNKNOWN_PRECISION_KM = 10.0  # a position without a stated precision: as good as a town's point
SCOPE_MAX_KM = 10.0  # the coarsest precision a site's forecast widens to (a city); coarser places only feed the area
# Date precisions placed in a week; month and year are not.
WEEK_PRECISIONS = {"day", "days", "week", None, ""}
MAX_SPAN_DAYS = 7


def is_attack(event_type: str, modes, *, negated: bool = False, hypothetical: bool = False) -> bool:
    """Whether a record counts as an attack (see the module's first paragraph)."""
    return is_violent(event_type, tuple(modes or ())) and not negated and not hypothetical


def day_number(value: dt.date | str) -> int:
    """Days since 1970-01-01 of a date or an ISO date (time of day ignored)."""
    date = value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])
    return date.toordinal() - EPOCH_ORDINAL


def day_date(day: int) -> dt.date:
    return dt.date.fromordinal(int(day) + EPOCH_ORDINAL)


def _days(values) -> np.ndarray:
    text = np.array([str(v)[:10] if v else "NaT" for v in values], dtype="datetime64[D]")
    return np.where(np.isnat(text), NO_DAY, text.astype(np.int64))


def precision_km(precisions) -> np.ndarray:
    """Uncertainty (km) of each location precision; inf where the event is not located."""
    out = np.empty(len(precisions))
    for i, p in enumerate(precisions):
        km = PRECISION_KM.get(p, UNKNOWN_PRECISION_KM) if p else UNKNOWN_PRECISION_KM
        out[i] = np.inf if km is None else km
    return out


def event_days(starts, ends, date_precisions, published=None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(day it happened, day it was known, placed in a week) for each event, by the rule above."""
    first, last = _days(starts), _days(ends)
    last = np.where(last == NO_DAY, first, last)
    known = last if published is None else np.maximum(last, _days(published))
    precise = np.array([p in WEEK_PRECISIONS for p in date_precisions], dtype=bool)
    weekly = precise & (first != NO_DAY) & (last - first <= MAX_SPAN_DAYS)
    return first, known, weekly


def effective_distance(dist_km: np.ndarray, uncertainty_km: np.ndarray) -> np.ndarray:
    """An event known only to within u km counts as at least u km away."""
    return np.maximum(dist_km, uncertainty_km)


def speaks_for(precision: str | None, radius_km: float) -> bool:
    """Whether an event of this location precision can count for a circle of this radius."""
    km = PRECISION_KM.get(precision, UNKNOWN_PRECISION_KM) if precision else UNKNOWN_PRECISION_KM
    return km is not None and km <= radius_km


def precision_words(precision: str | None) -> str:
    km = PRECISION_KM.get(precision or "", UNKNOWN_PRECISION_KM)
    return f"placed only to the {precision} (±{km:g} km)" if km is not None else "placed only to the country"
