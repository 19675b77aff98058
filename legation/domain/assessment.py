"""Threat assessments of protected sites: the UN security level scale, the level rule, and the records.

A threat model gives, for a site at a time, the probability of at least one violent event within the site's radius
in the next 7 days. The level follows UN security risk management: likelihood (from that probability) × impact
(from the kind of site) gives a risk score on a 5 × 5 matrix, and the score maps to the six UN security levels.
The rule is data here so the API, the web map and briefings explain a level the same way.
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

# Risk score (likelihood × impact, 1..25) → level: the highest level whose lower bound the score reaches.
LEVEL_FLOORS: tuple[tuple[int, int], ...] = ((20, 6), (15, 5), (10, 4), (7, 3), (4, 2), (1, 1))


def likelihood(probability: float) -> int:
    """UN SRM likelihood band 1..5 of a 7-day probability."""
    if not 0.0 <= probability <= 1.0:
        raise InputError(f"a probability must be within 0..1, not {probability}")
    return 1 + sum(probability >= bound for bound in LIKELIHOOD_BOUNDS)


def level_for(probability: float, kind: str) -> int:
    """The UN security level 1..6 of a site of this kind facing this 7-day probability of attack."""
    score = likelihood(probability) * IMPACT.get(kind, IMPACT["other"])
    return next(level for floor, level in LEVEL_FLOORS if score >= floor)


@dataclass(slots=True)
class Driver:
    """One reason for a level, in words a duty officer reads at a glance, with its weight (the log-odds of an
    attack it adds against a quiet site; negative when it lowers them) and the events behind it."""

    kind: str  # nearby, surge, history, targeting, advisory, protect, posture, area
    text: str
    weight: float
    event_ids: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(slots=True)
class Assessment:
    site_id: str
    name: str
    level: int
    level_name: str
    probability: float
    drivers: list[Driver]
    model: str
    at: str  # ISO date: the forecast covers the 7 days after it
    kind: str | None = None
    sending_state: str | None = None
    lat: float | None = None
    lon: float | None = None
    radius_km: float | None = None
    id: str = ""

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise InputError(f"a level must be 1..6, not {self.level}")
        if not self.id:
            self.id = stable_id("assessment", self.site_id, self.at, self.model)

    def to_dict(self) -> dict[str, Any]:
        """The contract of `legation assess --format json`."""
        return {"site": self.site_id, "name": self.name, "level": self.level, "level_name": self.level_name,
                "probability": round(self.probability, 4), "drivers": [d.to_dict() for d in self.drivers],
                "model": self.model, "at": self.at, "kind": self.kind, "sending_state": self.sending_state,
                "lat": self.lat, "lon": self.lon, "radius_km": self.radius_km, "id": self.id}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Assessment":
        return cls(site_id=data["site"], name=data["name"], level=data["level"], level_name=data["level_name"],
                   probability=data["probability"], drivers=[Driver(**d) for d in data.get("drivers") or []],
                   model=data["model"], at=data["at"], kind=data.get("kind"),
                   sending_state=data.get("sending_state"), lat=data.get("lat"), lon=data.get("lon"),
                   radius_km=data.get("radius_km"), id=data.get("id") or "")


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
