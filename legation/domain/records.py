"""Typed records that move through the stages: Report, Event (with Party, Place, TimeSpan, Evidence).

An `Event` serialises to exactly the JSON shape of ../shared/spec/events.md (`to_dict`) and back (`from_dict`);
fields may be added, never renamed or dropped. Plain dataclasses: cheap enough to build a million of on import.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from legation.domain.errors import InputError
from legation.domain.ids import content_hash, stable_id
from legation.domain.ontology import DATE_KINDS, PARTY_KINDS, PRECISIONS, validate_type_and_modes


@dataclass(slots=True)
class Party:
    """An actor or recipient of an event: `text` as written, `name` after resolution."""

    text: str
    name: str | None = None
    id: str | None = None
    kind: str = "unknown"
    country: str | None = None
    sponsor: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in PARTY_KINDS:
            raise InputError(f"unknown party kind {self.kind!r} (known: {', '.join(PARTY_KINDS)})")
        if self.name is None:
            self.name = self.text


@dataclass(slots=True)
class Place:
    """A resolved (or unresolved: lat/lon None, never 0,0) location."""

    text: str | None = None
    name: str | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    geonameid: int | None = None
    reason: str | None = None  # why an unresolved place stayed unresolved

    def __post_init__(self) -> None:
        if self.precision is not None and self.precision not in PRECISIONS:
            raise InputError(f"unknown location precision {self.precision!r} (known: {', '.join(PRECISIONS)})")
        if (self.lat is None) != (self.lon is None):
            raise InputError("a location needs both lat and lon, or neither")
        if self.lat is not None and self.lon is not None and not (-90 <= self.lat <= 90 and -180 <= self.lon <= 180):
            raise InputError(f"coordinates out of range: {self.lat}, {self.lon}")


@dataclass(slots=True)
class TimeSpan:
    """When: ISO dates (YYYY-MM-DD); `kind` is exact, range, reported or unresolved (see the spec)."""

    start: str | None = None
    end: str | None = None
    precision: str | None = None
    kind: str = "unresolved"
    text: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in DATE_KINDS:
            raise InputError(f"unknown date kind {self.kind!r} (known: {', '.join(DATE_KINDS)})")
        for value in (self.start, self.end):
            if value is not None:
                parse_date(value)
        if self.start and self.end and self.start[:10] > self.end[:10]:
            raise InputError(f"date range ends before it starts: {self.start} > {self.end}")


@dataclass(slots=True)
class Evidence:
    """The sentence that says so, with its character offsets in the document as read (or a feed's file/row)."""

    sentence: str = ""
    start: int | None = None
    end: int | None = None
    file: str | None = None
    row: int | None = None


@dataclass(slots=True)
class Event:
    doc: str
    type: str
    mode: list[str] = field(default_factory=list)
    context: list[str] = field(default_factory=list)
    negated: bool = False
    hypothetical: bool = False
    actors: list[Party] = field(default_factory=list)
    recipients: list[Party] = field(default_factory=list)
    location: Place = field(default_factory=Place)
    date: TimeSpan = field(default_factory=TimeSpan)
    fatalities: int | None = None
    evidence: Evidence = field(default_factory=Evidence)
    confidence: float = 1.0
    source: str = "article"
    source_codes: dict[str, Any] = field(default_factory=dict)
    id: str | None = None
    report_id: str | None = None
    claimed_by: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        validate_type_and_modes(self.type, self.mode)
        if not 0.0 <= self.confidence <= 1.0:
            raise InputError(f"confidence must be within 0..1, not {self.confidence}")
        if self.id is None:
            self.id = self.default_id()

    def default_id(self) -> str:
        """Same report, type, sentence and actors → same id (re-ingest is an upsert)."""
        actors = "|".join(sorted((p.name or p.text).lower() for p in self.actors))
        return stable_id("event", self.source, self.report_id or self.doc, self.type, self.evidence.start,
                         self.evidence.row, actors)

    def to_dict(self) -> dict[str, Any]:
        """The spec's JSON shape (plus added fields: id, source, source_codes, claimed_by, ...)."""
        out = {name: getattr(self, name) for name in _ordered(Event) if name != "extra"}
        for key in ("location", "date", "evidence"):
            out[key] = _flat(out[key])
        out["actors"] = [_flat(p) for p in self.actors]
        out["recipients"] = [_flat(p) for p in self.recipients]
        out["mode"] = list(self.mode)
        out.update(self.extra)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        known = _names(cls)
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["extra"] = {k: v for k, v in data.items() if k not in known}
        kwargs["actors"] = [_party(p) for p in data.get("actors") or []]
        kwargs["recipients"] = [_party(p) for p in data.get("recipients") or []]
        kwargs["location"] = Place(**_only(Place, data.get("location") or {}))
        kwargs["date"] = TimeSpan(**_only(TimeSpan, data.get("date") or {}))
        kwargs["evidence"] = Evidence(**_only(Evidence, data.get("evidence") or {}))
        return cls(**kwargs)


def _only(cls: type, data: dict[str, Any]) -> dict[str, Any]:
    names = _names(cls)
    return {k: v for k, v in data.items() if k in names}


_NAMES: dict[type, frozenset[str]] = {}
_ORDERED: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> frozenset[str]:
    """A dataclass's field names, worked out once (`fields()` on every record was a third of reading one)."""
    found = _NAMES.get(cls)
    if found is None:
        found = _NAMES[cls] = frozenset(_ordered(cls))
    return found


def _ordered(cls: type) -> tuple[str, ...]:
    """A dataclass's field names in declaration order, worked out once."""
    found = _ORDERED.get(cls)
    if found is None:
        found = _ORDERED[cls] = tuple(f.name for f in fields(cls))
    return found


def _flat(part: Any) -> dict[str, Any]:
    """A Party, Place, TimeSpan or Evidence as a dict: `dataclasses.asdict` without its recursive deep copy, which
    these need not (their fields are strings and numbers) and which was most of the cost of showing an event."""
    return {name: getattr(part, name) for name in _ordered(type(part))}


def _party(data: dict[str, Any]) -> Party:
    data = dict(data)
    data.setdefault("text", data.get("name") or "")
    return Party(**_only(Party, data))


@dataclass(slots=True)
class Report:
    """A document as read: an article, a field report. Its id is derived from its content hash."""

    text: str
    source: str
    title: str | None = None
    published: str | None = None  # ISO date or datetime, when known
    url: str | None = None
    format: str = "text"
    doc: str | None = None  # the file's stem: the `doc` of its events
    hash: str = ""
    id: str = ""

    def __post_init__(self) -> None:
        if not self.hash:
            self.hash = content_hash(self.text)
        if not self.id:
            self.id = stable_id("report", self.hash)
        if self.published:
            parse_date(self.published[:10])


def parse_date(value: str) -> dt.date:
    """An ISO date (YYYY-MM-DD, optionally followed by a time); a clear `InputError` otherwise."""
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise InputError(f"not a date (want YYYY-MM-DD): {value!r}") from None
