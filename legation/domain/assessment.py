"""Threat assessments of protected sites: the UN security level scale, the level rule, and the records.

A threat model gives, for a site at a time, the probability of at least one violent event within the site's radius
in the next 7 days. The level follows UN security risk management: likelihood (a band of that probability) and
impact (from the kind of site) index a matrix of the six UN security levels (`LEVEL_MATRIX`):

    7-day probability      <1%   1-5%   5-20%   20-50%   ≥50%
    impact 4 (embassy, consulate, UN compound, military base)
                            1      3      4        5        6
    impact 3 (mission office, residence, NGO office, other)
                            1      2      3        4        5

A quiet site is Minimal (1) whatever its kind; within a kind the level never falls as the probability rises, and a
mission reaches each level at a lower probability than an office. The rule is data here so the API, the web map
and briefings explain a level the same way.

When nothing reports from a site's area (`coverage`), its level is unknown (None), never low: "unknown — no coverage
since DATE".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from legation.domain.errors import InputError
from legation.domain.ids import stable_id

LEVELS: dict[int, str] = {1: "Minimal", 2: "Low", 3: "Moderate", 4: "Substantial", 5: "High", 6: "Extreme"}

# Likelihood bands (UN SRM: very unlikely .. very likely) over the 7-day probability: upper bounds of bands 1..4.
LIKELIHOOD_BOUNDS: tuple[float, ...] = (0.01, 0.05, 0.20, 0.50)
LIKELIHOOD_NAMES = ("Very unlikely", "Unlikely", "Moderately likely", "Likely", "Very likely")

# Impact of an attack by kind of site (UN SRM 1 negligible .. 5 critical): a mission hit is a diplomatic crisis.
IMPACT: dict[str, int] = {"embassy": 4, "consulate": 4, "un-compound": 4, "military-base": 4, "mission-office": 3,
                          "residence": 3, "ngo-office": 3, "other": 3}
IMPACT_NAMES = ("Negligible", "Minor", "Moderate", "Severe", "Critical")

# Impact 1..5 → the level at each likelihood band 1..5. Rows never fall left to right; band 1 is always level 1.
LEVEL_MATRIX: dict[int, tuple[int, int, int, int, int]] = {
    1: (1, 1, 1, 2, 3), 2: (1, 1, 2, 3, 4), 3: (1, 2, 3, 4, 5), 4: (1, 3, 4, 5, 6), 5: (1, 4, 5, 6, 6)}
UNKNOWN = "Unknown"


def likelihood(probability: float) -> int:
    """UN SRM likelihood band 1..5 of a 7-day probability."""
    if not 0.0 <= probability <= 1.0:
        raise InputError(f"a probability must be within 0..1, not {probability}")
    return 1 + sum(probability >= bound for bound in LIKELIHOOD_BOUNDS)


def level_for(probability: float, kind: str) -> int:
    """The UN security level 1..6 of a site of this kind facing this 7-day probability of attack."""
    return LEVEL_MATRIX[IMPACT.get(kind, IMPACT["other"])][likelihood(probability) - 1]


@dataclass(slots=True)
class Driver:
    """One reason for a level, in words a duty officer reads at a glance, with its weight (the log-odds of an
    attack it adds against a quiet site; negative when it lowers them) and the events behind it."""

    kind: str  # nearby, surge, history, targeting, advisory, protect, posture, area, capped
    text: str
    weight: float
    event_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Assessment:
    site_id: str
    name: str
    level: int | None  # None: unknown, nothing covers the area (see `coverage`)
    level_name: str
    probability: float | None
    drivers: list[Driver]
    model: str
    at: str  # ISO date: the forecast covers the 7 days after it
    kind: str | None = None
    sending_state: str | None = None
    lat: float | None = None
    lon: float | None = None
    radius_km: float | None = None
    id: str = ""
    coverage: dict[str, Any] | None = None  # legation.assess.coverage.Coverage.to_dict()
    scope_km: float | None = None  # the radius the probability speaks for, when wider than the site's own

    @property
    def known(self) -> bool:
        return self.level is not None

    def __post_init__(self) -> None:
        if self.level is None:
            if (self.coverage or {}).get("status") != "unknown":
                raise InputError("a level may be unknown only when no source covers the site's area")
        elif self.level not in LEVELS:
            raise InputError(f"a level must be 1..6, not {self.level}")
        if not self.id:
            self.id = stable_id("assessment", self.site_id, self.at, self.model)

    def to_dict(self) -> dict[str, Any]:
        """The contract of `legation assess --format json`."""
        return {"site": self.site_id, "name": self.name, "level": self.level, "level_name": self.level_name,
                "probability": None if self.probability is None else round(self.probability, 4),
                "drivers": [d.to_dict() for d in self.drivers],
                "model": self.model, "at": self.at, "kind": self.kind, "sending_state": self.sending_state,
                "lat": self.lat, "lon": self.lon, "radius_km": self.radius_km, "id": self.id, "coverage": self.coverage,
                "scope_km": self.scope_km}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Assessment:
        return cls(site_id=data["site"], name=data["name"], level=data["level"], level_name=data["level_name"],
                   probability=data["probability"], drivers=[Driver(**d) for d in data.get("drivers") or []],
                   model=data["model"], at=data["at"], kind=data.get("kind"),
                   sending_state=data.get("sending_state"), lat=data.get("lat"), lon=data.get("lon"),
                   radius_km=data.get("radius_km"), id=data.get("id") or "", coverage=data.get("coverage"),
                   scope_km=data.get("scope_km"))


@dataclass(slots=True)
class LevelChange:
    """A site's level moved (or was set for the first time: old_level None). Alerts and orders react to these."""

    site_id: str
    at: str
    old_level: int | None
    new_level: int
    assessment_id: str

    @property
    def raised(self) -> bool:
        return (self.old_level or 0) < self.new_level

    def to_dict(self) -> dict[str, Any]:
        return {"site": self.site_id, "at": self.at, "old_level": self.old_level, "new_level": self.new_level,
                "assessment_id": self.assessment_id, "raised": self.raised}
