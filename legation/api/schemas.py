"""Request and response bodies of the API (pydantic), with examples for the OpenAPI document.

Request bodies forbid unknown fields, so a misspelt field is a 422 that names it rather than silently ignored.
Response models mirror the library's records (`Site.to_dict()`, `Event.to_dict()`) and allow added fields.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Annotated, Any, Generic, Literal, TypeAlias, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, create_model

from legation.domain.ontology import DATE_KINDS, EVENT_TYPES, PARTY_KINDS, PRECISIONS
from legation.domain.orders import COMPLIANCE, PRIORITIES
from legation.domain.records import Evidence, Party, Place, TimeSpan
from legation.domain.sites import MEASURES, SITE_KINDS
from legation.domain.users import ROLES

T = TypeVar("T")
MAX_PAGE = 500
MAX_OFFSET = 1_000_000

SiteKind = Literal[tuple(SITE_KINDS)]  # type: ignore[valid-type]
Measure = Literal[MEASURES]  # type: ignore[valid-type]
EventType = Literal[EVENT_TYPES]  # type: ignore[valid-type]
Role = Literal[ROLES]  # type: ignore[valid-type]
# SQLite hands back naive datetimes; every time Legation stores is UTC, so say so in what goes out.
UTCTime = Annotated[dt.datetime, AfterValidator(lambda v: v if v.tzinfo else v.replace(tzinfo=dt.UTC))]
FIRST_DAY, LAST_DAY = dt.date(1900, 1, 1), dt.date(2199, 12, 31)


def _plausible(day: dt.date) -> dt.date:
    """A date the threat model can count back from ("0004-11-26" minus 400 days is before the calendar)."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"a date between {FIRST_DAY} and {LAST_DAY}")
    return day


Day = Annotated[dt.date, AfterValidator(_plausible)]  # every date the API takes in


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_max_length=200_000)


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorDetail(BaseModel):
    code: str = Field(examples=["not_found"])
    message: str = Field(examples=["no site with id 'usa-emb-baghdad'"])
    field: str | None = Field(None, examples=["query.limit"])


class ErrorBody(BaseModel):
    """Every error, whatever its status."""

    error: ErrorDetail


class Page(BaseModel, Generic[T]):
    """A page of a list: `next_offset` is where the next page starts, or null on the last page."""

    items: list[T]
    limit: int
    offset: int
    next_offset: int | None = None


# ── sites ──────────────────────────────────────────────────────────────────────────────────────────────────────

class SiteIn(Strict):
    name: str = Field(min_length=1, max_length=300, examples=["Embassy of the United States, Baghdad"])
    kind: SiteKind = Field(examples=["embassy"])
    sending_state: str = Field(pattern=r"^[A-Z]{3}$", examples=["USA"])
    host_country: str = Field(pattern=r"^[A-Z]{3}$", examples=["IRQ"])
    lat: float = Field(ge=-90, le=90, allow_inf_nan=False, examples=[33.298])
    lon: float = Field(ge=-180, le=180, allow_inf_nan=False, examples=[44.395])
    city: str | None = Field(None, max_length=200, examples=["Baghdad"])
    radius_km: float | None = Field(None, gt=0, le=1000, allow_inf_nan=False, examples=[5.0])
    posture: list[Measure] = Field(default_factory=list, max_length=len(MEASURES), examples=[["static-guard"]])
    contacts: list[str] = Field(default_factory=list, max_length=50)
    approximate: bool = False
    notes: str | None = Field(None, max_length=5000)


class SiteOut(Open):
    id: str = Field(examples=["usa-emb-baghdad"])
    name: str
    kind: str
    sending_state: str
    host_country: str
    lat: float
    lon: float
    city: str | None = None
    radius_km: float | None = None
    posture: list[str] = []
    contacts: list[str] = []
    approximate: bool = False
    notes: str | None = None


class WriteResult(BaseModel):
    id: str
    result: Literal["created", "updated", "unchanged"]


# ── events and reports ─────────────────────────────────────────────────────────────────────────────────────────

def _mirror(record: type, name: str) -> type[Open]:
    """An answer model with exactly the fields of a domain record (types and defaults read from the dataclass), so
    the answer and the record cannot drift apart: a field added to the record is in the answer."""
    import dataclasses
    import typing

    hints = typing.get_type_hints(record)
    fields: dict[str, Any] = {
        f.name: (hints[f.name], f.default if f.default is not dataclasses.MISSING else ...)
        for f in dataclasses.fields(record)}
    return create_model(name, __base__=Open, **fields)


if TYPE_CHECKING:  # a checker sees open models; at run time each has its record's fields
    PartyOut: TypeAlias = Open
    PlaceOut: TypeAlias = Open
    TimeSpanOut: TypeAlias = Open
    EvidenceOut: TypeAlias = Open
else:
    PartyOut = _mirror(Party, "PartyOut")
    PlaceOut = _mirror(Place, "PlaceOut")
    TimeSpanOut = _mirror(TimeSpan, "TimeSpanOut")
    EvidenceOut = _mirror(Evidence, "EvidenceOut")


class EventOut(Open):
    """An event record in the shape of spec/events.md (fields may be added, never dropped)."""

    id: str = Field(examples=["3f2b8f9e-6a4c-5d1e-9b7a-0c2d4e6f8a10"])
    doc: str = Field(examples=["2023-10-18-ain-al-asad-drones"])
    type: str = Field(examples=["ASSAULT"])
    mode: list[str] = Field(default_factory=list, examples=[["drone"]])
    context: list[str] = []
    negated: bool = False
    hypothetical: bool = False
    actors: list[PartyOut] = []
    recipients: list[PartyOut] = []
    location: PlaceOut
    date: TimeSpanOut
    fatalities: int | None = None
    evidence: EvidenceOut
    confidence: float
    source: str
    source_codes: dict[str, Any] = {}
    report_id: str | None = None
    claimed_by: list[str] = []


class PartyIn(Strict):
    text: str = Field(min_length=1, max_length=300, examples=["Islamic Resistance in Iraq"])
    name: str | None = Field(None, max_length=300)
    id: str | None = Field(None, max_length=100)
    kind: Literal[PARTY_KINDS] = "unknown"  # type: ignore[valid-type]
    country: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    sponsor: str | None = Field(None, pattern=r"^[A-Z]{3}$")


class PlaceIn(Strict):
    text: str | None = Field(None, max_length=300)
    name: str | None = Field(None, max_length=300, examples=["Baghdad"])
    country: str | None = Field(None, pattern=r"^[A-Z]{3}$", examples=["IRQ"])
    admin1: str | None = Field(None, max_length=200)
    lat: float | None = Field(None, ge=-90, le=90, allow_inf_nan=False, examples=[33.3])
    lon: float | None = Field(None, ge=-180, le=180, allow_inf_nan=False, examples=[44.4])
    precision: Literal[PRECISIONS] | None = None  # type: ignore[valid-type]
    geonameid: int | None = Field(None, ge=0, le=2**40)
    reason: str | None = Field(None, max_length=300, examples=["ambiguous: two places of this name in IRQ"],
                               description="why an unresolved place stayed unresolved")


class TimeSpanIn(Strict):
    start: Day | None = Field(None, examples=["2023-10-25"])
    end: Day | None = None
    precision: Literal["day", "week", "month", "year"] | None = None
    kind: Literal[DATE_KINDS] = "unresolved"  # type: ignore[valid-type]
    text: str | None = Field(None, max_length=300)


class EvidenceIn(Strict):
    sentence: str = Field("", max_length=5000, examples=["Protesters gathered outside the embassy."])
    start: int | None = Field(None, ge=0, le=10**9)
    end: int | None = Field(None, ge=0, le=10**9)
    file: str | None = Field(None, max_length=500)
    row: int | None = Field(None, ge=0, le=10**12)


class EventIn(Strict):
    """A curated event (spec/events.md shape); the library checks its type and modes, place and dates."""

    doc: str = Field(min_length=1, max_length=300, examples=["field-report-17"])
    type: EventType = Field(examples=["PROTEST"])
    mode: list[Annotated[str, Field(max_length=40)]] = Field(default_factory=list, max_length=20,
                                                            examples=[["demo"]])
    context: list[Annotated[str, Field(max_length=100)]] = Field(default_factory=list, max_length=20)
    negated: bool = False
    hypothetical: bool = False
    actors: list[PartyIn] = Field(default_factory=list, max_length=50)
    recipients: list[PartyIn] = Field(default_factory=list, max_length=50)
    location: PlaceIn = Field(default_factory=PlaceIn)
    date: TimeSpanIn = Field(default_factory=TimeSpanIn)
    fatalities: int | None = Field(None, ge=0, le=10**7)
    evidence: EvidenceIn = Field(default_factory=EvidenceIn)
    confidence: float = Field(1.0, ge=0, le=1, allow_inf_nan=False)
    source: Literal["field", "article", "analyst"] = "analyst"
    report_id: str | None = Field(None, max_length=64)


class ReportIn(Strict):
    text: str = Field(min_length=1, max_length=1_000_000,
                      examples=["Two drones targeted Ain al-Asad air base in western Iraq on Wednesday."])
    title: str | None = Field(None, max_length=500, examples=["Drones target Ain al-Asad"])
    published: Day | None = Field(None, examples=["2023-10-18"])
    url: str | None = Field(None, max_length=2000, examples=["https://example.org/news/ain-al-asad"])
    source: str = Field("api", min_length=1, max_length=500, examples=["wire"])
    doc: str | None = Field(None, max_length=200, pattern=r"^[\w.\- ]+$", examples=["2023-10-18-ain-al-asad"])


class ReportSummary(Open):
    id: str
    doc: str | None = None
    title: str | None = None
    published: str | None = None
    format: str
    source: str


class ReportOut(ReportSummary):
    text: str
    url: str | None = None
    hash: str


class IngestResult(BaseModel):
    report: str = Field(description="the report's id")
    new: bool = Field(description="false when the same text was already stored (ingest is idempotent)")
    extracted: bool = Field(description="whether the event extractor is installed and ran")
    events_inserted: int
    events_updated: int
    events_unchanged: int


# ── users, tokens, audit, health ────────────────────────────────────────────────────────────────────────────────

class UserOut(BaseModel):
    username: str = Field(examples=["eu-liaison"])
    role: str = Field(examples=["liaison"])
    organisation: str | None = Field(None, examples=["EUU"])
    unit: str | None = None


class UserListItem(UserOut):
    active: bool
    tokens: int


class UserIn(Strict):
    username: str = Field(pattern=r"^[a-z0-9][a-z0-9._@-]{0,63}$", examples=["eu-liaison"])
    role: Role = Field(examples=["liaison"])
    organisation: str | None = Field(None, pattern=r"^[A-Z]{3}$", examples=["EUU"])
    unit: str | None = Field(None, min_length=1, max_length=200)
    password: str | None = Field(None, min_length=8, max_length=1000)


class LoginIn(Strict):
    username: str = Field(min_length=1, max_length=64, examples=["ops1"])
    password: str = Field(min_length=1, max_length=1000, examples=["a long passphrase"])
    ttl_days: int | None = Field(None, ge=1, le=3650, description="days until the token expires (default: the "
                                                                  "server's LEGATION_API_TOKEN_TTL_DAYS, 1)")


class TokenIn(Strict):
    ttl_days: int = Field(90, ge=1, le=3650)


class TokenOut(BaseModel):
    """The token is shown this once; only its hash is kept."""

    username: str
    id: str = Field(examples=["a1b2c3d4e5f6"])
    token: str = Field(examples=["lgn_a1b2c3d4e5f6_..."])
    ttl_days: int


class TokenInfo(BaseModel):
    id: str
    username: str
    created_at: UTCTime
    expires_at: UTCTime
    revoked_at: UTCTime | None = None
    live: bool


class AuditEntry(BaseModel):
    seq: int
    at: UTCTime
    actor: str = Field(examples=["ops1"])
    action: str = Field(examples=["site.update"])
    entity: str = Field(examples=["site"])
    entity_id: str | None = None
    before: Any = None
    after: Any = None
    hash: str


class AuditVerify(BaseModel):
    checked: int
    ok: bool
    first_bad: int | None = None
    reason: str | None = None


class Health(BaseModel):
    status: Literal["ok"]
    version: str
    database: str = Field(examples=["sqlite"])


class SiteStatus(BaseModel):
    site: SiteOut
    assessment: dict[str, Any] | None = Field(None, description="the current threat assessment, when assessed")
    since: str = Field(examples=["2023-09-25"])
    at: str = Field(examples=["2023-10-25"])
    recent_events: list[EventOut] = Field(description="the latest events within the site's radius")
    more_events: bool


# ── orders ─────────────────────────────────────────────────────────────────────────────────────────────────────

Priority = Literal[tuple(PRIORITIES)]  # type: ignore[valid-type]
AuthorityId = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9._-]+$")]
SiteRef = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
Selector = Annotated[str, Field(min_length=1, max_length=300)]


class OrderIn(Strict):
    """A draft order: to whom, over which sites (ids, or selectors such as `kind=diplomatic city=Baghdad`),
    which measures, from when until when."""

    recipients: list[AuthorityId] = Field(min_length=1, max_length=50, examples=[["iq-moi"]])
    sites: list[SiteRef] = Field(default_factory=list, max_length=500, examples=[["usa-emb-baghdad"]])
    select: list[Selector] = Field(default_factory=list, max_length=20, examples=[["kind=diplomatic city=Baghdad"]])
    measures: list[Measure] = Field(min_length=1, max_length=len(MEASURES), examples=[["tightened-security"]])
    valid_from: UTCTime | None = Field(None, examples=["2023-10-25T12:00:00Z"])
    valid_until: UTCTime | None = None
    supervisor: AuthorityId | None = None
    priority: Priority = "priority"
    title: str = Field("", max_length=300, examples=["Tighten security around embassies"])
    issuer: AuthorityId | None = Field(None, description="draft in this issuer's name (default: your authority)")
    ack_within_hours: float | None = Field(None, gt=0, le=24 * 365, allow_inf_nan=False)
    events: list[str] = Field(default_factory=list, max_length=100, description="evidence: event ids")
    reports: list[str] = Field(default_factory=list, max_length=100, description="evidence: report ids")


class AmendIn(Strict):
    """What changes (anything left out stays as it was)."""

    recipients: list[AuthorityId] | None = Field(None, min_length=1, max_length=50)
    sites: list[SiteRef] | None = Field(None, max_length=500)
    select: list[Selector] | None = Field(None, max_length=20)
    measures: list[Measure] | None = Field(None, min_length=1, max_length=len(MEASURES))
    valid_from: UTCTime | None = None
    valid_until: UTCTime | None = None
    supervisor: AuthorityId | None = None
    priority: Priority | None = None
    title: str | None = Field(None, max_length=300)


class ComplyIn(Strict):
    status: Literal[COMPLIANCE] = Field(examples=["complied"])  # type: ignore[valid-type]
    measures: list[Measure] = Field(default_factory=list, max_length=len(MEASURES))
    note: str = Field("", max_length=2000, examples=["cordon in place since 14:00"])


class LiftIn(Strict):
    reason: str = Field("", max_length=2000, examples=["threat receded"])


class SplitIn(Strict):
    recipients: list[AuthorityId] = Field(min_length=1, max_length=50, examples=[["iq-dpd-iz", "iq-dpd-baghdad"]])
    measures: list[Measure] = Field(default_factory=list, max_length=len(MEASURES))


class ProposeIn(Strict):
    report: str = Field(min_length=1, max_length=64, description="a stored report whose PROTECT events propose "
                                                                 "draft orders")


class OrderOut(Open):
    id: str = Field(examples=["ord-0001"])
    version: int = Field(examples=[1])
    ref: str = Field(examples=["ord-0001@1"])
    state: str = Field(examples=["issued"])
    issuer: str = Field(examples=["iq-pm"])
    recipients: list[str]
    measures: list[str]
    sites: list[str] = []
    priority: str


class OrderRow(Open):
    ref: str
    state: str
    priority: str
    issuer: str
    recipients: list[str]
    measures: list[str]
    sites: int | str = Field(description="how many sites (or the scope, before it is resolved)")
    valid_until: UTCTime | None = None
    parent: str | None = None
    title: str = ""


class SplitOut(BaseModel):
    tasks: list[OrderOut]
    unassigned: list[str] = Field(description="the order's sites no task covers (they stay with the splitter)")


# ── incidents, actors, assessments ─────────────────────────────────────────────────────────────────────────────

class IncidentRow(Open):
    id: str
    type: str
    date_start: str | None = None
    date_end: str | None = None
    place: str | None = None
    country: str | None = None
    events: int = Field(description="how many records it merges")
    sources: int = Field(description="from how many sources")


class IncidentOut(Open):
    id: str
    records: list[dict[str, Any]]
    splits: list[dict[str, Any]] = []


class SplitIncidentIn(Strict):
    events: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(
        min_length=1, max_length=500, description="ids (or unique prefixes) of the records to take out")
    note: str | None = Field(None, max_length=2000)


class RebuildOut(Open):
    """Counts of what the (re)clustering did."""


class ResolvedParty(BaseModel):
    text: str
    name: str | None = None
    id: str | None = None
    kind: str
    country: str | None = None
    sponsor: str | None = None
    rule: str = Field(description="which resolution rule matched", examples=["known"])


class ActorOut(BaseModel):
    id: str = Field(examples=["kh"])
    name: str = Field(examples=["Kata'ib Hezbollah"])
    kind: str
    country: str | None = None
    sponsor: str | None = None
    aliases: list[str]
    relations: list[dict[str, str]]
    recent_events: list[EventOut]
    claims: list[dict[str, Any]]


class DriverOut(Open):
    pass


class AssessmentOut(Open):
    """The contract of `legation assess --format json`: level 1–6 on the UN scale, probability of at least one
    attack within the site's radius in the next 7 days, and the events that raised it. Level and probability are
    null when nothing reports from the site's area: `coverage` then says since when ("unknown", never low)."""

    site: str = Field(examples=["usa-emb-baghdad"])
    name: str
    level: int | None = Field(ge=1, le=6, examples=[4])
    level_name: str = Field(examples=["Substantial", "Unknown — no coverage since 2018-12-25"])
    probability: float | None = Field(examples=[0.31])
    drivers: list[DriverOut]
    model: str
    at: str = Field(examples=["2023-10-25"])
    coverage: dict[str, Any] | None = Field(None, description="status (covered or unknown), since (the last day "
                                                              "any source reported from the area), sources")


class LevelChangeOut(BaseModel):
    site: str
    at: str
    old_level: int | None = None
    new_level: int
    assessment_id: str
    raised: bool


class AssessRunIn(Strict):
    at: Day | None = Field(None, description="as of the end of this day (default today)", examples=["2023-10-25"])
    sites: list[Annotated[str, Field(min_length=1, max_length=64)]] | None = Field(None, max_length=1000)


class AssessRunOut(BaseModel):
    assessments: list[AssessmentOut]
    changes: list[LevelChangeOut]
