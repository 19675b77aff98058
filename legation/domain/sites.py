"""Protected sites: what they are, and the rules that hold for every one of them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from legation.domain.errors import InputError

# Default watch radius by kind (km): a base draws indirect fire from further away than a residence.
SITE_KINDS: dict[str, float] = {
    "embassy": 5.0,
    "consulate": 5.0,
    "mission-office": 3.0,
    "residence": 2.0,
    "military-base": 25.0,
    "un-compound": 5.0,
    "ngo-office": 3.0,
    "other": 5.0,
}

MEASURES = ("cordon", "checkpoint", "patrol", "static-guard", "escort", "access-control", "counter-drone",
            "vehicle-barrier", "tightened-security")


@dataclass(slots=True)
class Site:
    id: str
    name: str
    kind: str
    sending_state: str  # ISO 3166 alpha-3 (or an organisation code such as EUU, UNO): whose mission it is
    host_country: str  # ISO 3166 alpha-3
    lat: float
    lon: float
    city: str | None = None
    radius_km: float | None = None
    posture: list[str] = field(default_factory=list)  # protective measures in force
    contacts: list[str] = field(default_factory=list)
    approximate: bool = False  # coordinates are approximate (public, rounded)
    notes: str | None = None

    def __post_init__(self) -> None:
        if not self.id or not self.id.strip():
            raise InputError("a site needs an id")
        if not self.name or not self.name.strip():
            raise InputError("a site needs a name")
        if self.kind not in SITE_KINDS:
            raise InputError(f"unknown site kind {self.kind!r} (known: {', '.join(SITE_KINDS)})")
        if not -90 <= self.lat <= 90:
            raise InputError(f"latitude out of range: {self.lat}")
        if not -180 <= self.lon <= 180:
            raise InputError(f"longitude out of range: {self.lon}")
        if self.radius_km is None:
            self.radius_km = SITE_KINDS[self.kind]
        if self.radius_km <= 0:
            raise InputError(f"radius_km must be positive, not {self.radius_km}")
        for measure in self.posture:
            if measure not in MEASURES:
                raise InputError(f"unknown protective measure {measure!r} (known: {', '.join(MEASURES)})")

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}
