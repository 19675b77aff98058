"""Users, roles and need-to-know: who may do what, and who may see which site. Pure rules, no I/O.

The permission table is data (`PERMISSIONS`: role → actions), so the API, the web pages and the CLI answer the
same question the same way: `can(user, action)`. Liaison officers of a foreign mission are read-only and see only
the sites of their own sending state or organisation (`visible_site`): the EU delegation's liaison sees EU sites
and never the US embassy's orders.

Need to know: one rule per kind of record, here, called by the API, the web pages and the briefings alike.

    site          `visible_site`: a liaison, their own mission's sites only
    event         `visible_event`: a liaison, located events within reach of their own sites (`LIAISON_REACH_KM`,
                  or the site's own radius when larger: `reach`, `in_reach`)
    incident      `visible_incident`: a liaison, those whose place is within that reach
    report        `visible_report`: a liaison, those with at least one event within that reach
    order, task   `visible_order` (a liaison: no drafts, only orders covering one of their sites) and
                  `redact_order` (what a liaison is shown: only their sites, in `sites` and in the scope)
    assessment    `visible_assessment`: the assessment of a visible site
    audit entry   `visible_audit_entry`: whoever may read the audit trail, every entry

Anything a user may not see is, for them, a thing that does not exist: the faces answer 404, never 403, and a
search simply does not find it.

    admin               everything, including users and tokens
    commander           issues orders (within their authority), supervises them, reads everything
    operations-officer  drafts and supervises orders, keeps the sites register, runs assessments
    unit-commander      acknowledges orders and reports compliance for their own unit
    analyst             ingests reports, curates events, incidents and actors, runs assessments
    liaison             reads, for the sites of their own sending state or organisation only
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from typing import Any

from legation.domain.errors import InputError, LegationError
from legation.domain.geo import haversine_km


class Unauthenticated(LegationError):
    """No identity, or a bad one: wrong password, unknown, expired or revoked token (401)."""

    status = 401
    code = "unauthenticated"


ROLES = ("admin", "commander", "operations-officer", "unit-commander", "analyst", "liaison")

READ = frozenset({"sites.read", "reports.read", "events.read", "incidents.read", "actors.read",
                  "assessments.read", "orders.read"})
WRITE = frozenset({"sites.write", "reports.ingest", "events.curate", "incidents.curate", "actors.curate",
                   "assessments.run", "orders.draft", "orders.issue", "orders.supervise", "orders.acknowledge",
                   "orders.report"})
ADMIN_ONLY = frozenset({"users.manage"})
ACTIONS = READ | WRITE | ADMIN_ONLY | {"audit.read"}

PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": ACTIONS,
    "commander": READ | {"orders.draft", "orders.issue", "orders.supervise", "audit.read"},
    "operations-officer": READ | {"orders.draft", "orders.supervise", "sites.write", "assessments.run",
                                  "audit.read"},
    "unit-commander": READ | {"orders.acknowledge", "orders.report"},
    "analyst": READ | {"reports.ingest", "events.curate", "incidents.curate", "actors.curate", "assessments.run"},
    "liaison": READ,
}

_USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{0,63}$")
_ORGANISATION = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True, slots=True)
class User:
    """Someone who acts on Legation. `organisation` is a sending state code (USA, EUU, UNO...) and is required of
    a liaison; `unit` is the unit a unit commander commands."""

    username: str
    role: str
    organisation: str | None = None
    unit: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.username, str) or not _USERNAME.match(self.username):
            raise InputError(f"bad username {self.username!r}: lowercase letters, digits and . _ @ -, "
                             "at most 64, starting with a letter or digit")
        if self.role not in ROLES:
            raise InputError(f"unknown role {self.role!r} (known: {', '.join(ROLES)})")
        if self.organisation is not None and not _ORGANISATION.match(self.organisation):
            raise InputError(f"organisation must be a three-letter code such as USA, EUU or UNO, "
                             f"not {self.organisation!r}")
        if self.role == "liaison" and not self.organisation:
            raise InputError("a liaison needs an organisation (the sending state or organisation they serve)")
        if self.role == "unit-commander" and not self.unit:
            raise InputError("a unit commander needs a unit")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def can(user: User | None, action: str) -> bool:
    """Whether this user's role allows `action` (nobody may do anything)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")  # a programming error, not a user's
    return user is not None and action in PERMISSIONS.get(user.role, frozenset())


def _sending_state(site: Any) -> str | None:
    if isinstance(site, str):
        return site
    if isinstance(site, dict):
        return site.get("sending_state")
    return getattr(site, "sending_state", None)


def visible_site(user: User | None, site: Any) -> bool:
    """Whether this user may see this site (a Site, a dict with `sending_state`, or a sending-state code).

    Everyone with a role sees every site, except a liaison: only the sites of their own sending state or
    organisation.
    """
    if user is None:
        return False
    if user.role != "liaison":
        return True
    return _sending_state(site) == user.organisation


# ── need to know: events, incidents, reports (within reach of a liaison's own sites) ───────────────────────────

LIAISON_REACH_KM = 50.0  # a liaison sees what happened within this distance of their own sites (or the site's radius)

Circle = tuple[float, float, float]  # (lat, lon, km)


def _coordinates(thing: Any) -> tuple[float | None, float | None]:
    if isinstance(thing, dict):
        return thing.get("lat"), thing.get("lon")
    return getattr(thing, "lat", None), getattr(thing, "lon", None)


def reach(user: User | None, sites: Iterable[Any]) -> tuple[Circle, ...] | None:
    """Where this user may see events: None for no limit (every role but a liaison); for a liaison a circle of
    `LIAISON_REACH_KM` (or the site's radius when larger) around each of their own sites among `sites`; nobody
    sees nothing (an empty tuple)."""
    if user is None:
        return ()
    if user.role != "liaison":
        return None
    circles = []
    for site in sites:
        lat, lon = _coordinates(site)
        if visible_site(user, site) and lat is not None and lon is not None:
            radius = site.get("radius_km") if isinstance(site, dict) else getattr(site, "radius_km", None)
            circles.append((float(lat), float(lon), max(LIAISON_REACH_KM, float(radius or 0.0))))
    return tuple(circles)


def in_reach(circles: tuple[Circle, ...] | None, lat: float | None, lon: float | None) -> bool:
    """Whether a point is within reach (`reach`'s answer); an unlocated thing is within no limited reach."""
    if circles is None:
        return True
    if lat is None or lon is None:
        return False
    return any(haversine_km(c_lat, c_lon, lat, lon) <= km for c_lat, c_lon, km in circles)


def visible_event(user: User | None, event: Any, sites: Iterable[Any]) -> bool:
    """Whether this user may see this event (an Event or its dict): a liaison, only a located event within reach
    of their own sites."""
    location = event.get("location") or {} if isinstance(event, dict) else event.location
    lat, lon = _coordinates(location)
    return in_reach(reach(user, sites), lat, lon)


def visible_incident(user: User | None, incident: Any, sites: Iterable[Any]) -> bool:
    """Whether this user may see this incident (anything with `lat`/`lon`: its place): a liaison, only one placed
    within reach of their own sites."""
    return in_reach(reach(user, sites), *_coordinates(incident))


def visible_report(user: User | None, events: Iterable[Any], sites: Iterable[Any]) -> bool:
    """Whether this user may see a report, given the events read from it: a liaison, only a report with at least
    one event within reach of their own sites."""
    circles = reach(user, sites)
    if circles is None:
        return True
    return any(in_reach(circles, *_coordinates(e.get("location") or {} if isinstance(e, dict) else e.location))
               for e in events)


def visible_assessment(user: User | None, assessment: Any) -> bool:
    """Whether this user may see this assessment: that of a site they may see (by its sending state)."""
    state = assessment.get("sending_state") if isinstance(assessment, dict) else getattr(assessment, "sending_state",
                                                                                         None)
    return visible_site(user, state or "")


def visible_audit_entry(user: User | None, entry: Any) -> bool:
    """Whether this user may see this audit entry: whoever may read the audit trail sees all of it (it is the
    record of who did what, kept whole so that its hash chain can be checked)."""
    return can(user, "audit.read")


# ── need to know: orders and tasks ─────────────────────────────────────────────────────────────────────────────

def _order_site_ids(order: Any, registry: Sequence[Any]) -> list[str]:
    """The sites an order covers: as resolved when issued, else its scope resolved against the registry now."""
    if order.sites:
        return list(order.sites)
    try:
        return [s.id for s in order.scope.resolve(registry)]
    except LegationError:  # a named site left the registry
        return list(order.scope.sites)


def own_order_sites(user: User | None, order: Any, registry: Sequence[Any]) -> list[str]:
    """The sites of an order (or task) this user may see, in the order's order; a site not in the registry is
    nobody's to see but those who see every site."""
    ids = _order_site_ids(order, registry)
    if user is not None and user.role != "liaison":
        return ids
    by_id = {s.id: s for s in registry}
    return [i for i in ids if i in by_id and visible_site(user, by_id[i])]


def visible_order(user: User | None, order: Any, registry: Sequence[Any]) -> bool:
    """Whether this user may see this order or task (an `Order` as it stands): everyone with a role sees every
    order, except a liaison: never a draft, and only an order covering at least one site of their own mission.
    `registry` is every site (`store.sites.list_sites`)."""
    if user is None:
        return False
    if user.role != "liaison":
        return True
    return order.state != "draft" and bool(own_order_sites(user, order, registry))


def redact_order(user: User | None, order: Any, registry: Sequence[Any]) -> Any:
    """The order as this user is shown it (call `visible_order` first): a liaison's copy names only their own
    sites, in `sites` and in its scope (no selector, which could name another mission). Everyone else gets the
    order itself."""
    if user is not None and user.role != "liaison":
        return order
    own = own_order_sites(user, order, registry)
    return replace(order, sites=list(own), scope=type(order.scope)(sites=tuple(own)))


def visible_orders(user: User | None, orders: Iterable[Any], registry: Sequence[Any]) -> list[Any]:
    """The orders (or tasks) this user may see, each as they are shown it."""
    return [redact_order(user, o, registry) for o in orders if visible_order(user, o, registry)]


# ── signing in: back-off, then lockout ─────────────────────────────────────────────────────────────────────────

FREE_FAILURES = 5  # failed sign-ins (per user name, per client address) before each next try must wait
LOCKOUT_FAILURES = 20  # failed sign-ins of one user name in a row that lock it out (and are audited)
MAX_BACKOFF_SECONDS = 15 * 60.0  # the back-off doubles from 1 s after FREE_FAILURES up to this
LOCKOUT_SECONDS = 60 * 60.0
FORGET_SECONDS = 24 * 60 * 60.0  # failures older than this (with no block left) are forgotten


class TooManyAttempts(Unauthenticated):
    """Too many failed sign-ins by this name or from this address: try again after `retry_after` seconds (429)."""

    status = 429
    code = "too_many_attempts"

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class SignInThrottle:
    """Failed sign-ins counted per key (`user:NAME`, `addr:ADDRESS`), with exponential back-off and a lockout.

    `attempt(keys)` is asked BEFORE the password is checked (so that a blocked caller costs no password hashing):
    it raises `TooManyAttempts` while a key is blocked, else counts the attempt as a failure in advance (so that
    concurrent guesses see each other). `succeeded(keys)` then undoes that for a right password. After
    `FREE_FAILURES` failures a key waits 1 s, then 2, 4, ... up to `MAX_BACKOFF_SECONDS`; a user name reaching
    `LOCKOUT_FAILURES` is locked for `LOCKOUT_SECONDS` and `attempt` reports it once (to be audited).

    The counts are `state` (key → (failures, blocked until, last failure)), given to the constructor: the store
    keeps them in a table and runs one throttle per sign-in over the rows of its keys
    (`legation.store.users.authenticate`); on its own, a throttle keeps them in memory.
    """

    MAX_KEYS = 100_000

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 state: dict[str, tuple[int, float, float]] | None = None):
        self.clock = clock
        self._lock = threading.Lock()
        self._keys: dict[str, tuple[int, float, float]] = dict(state or {})

    @property
    def state(self) -> dict[str, tuple[int, float, float]]:
        """key → (failures, blocked until, last failure), as the clock counts."""
        with self._lock:
            return dict(self._keys)

    def wait(self, keys: Sequence[str]) -> float:
        """Seconds until every key may try again (0 when none is blocked)."""
        now = self.clock()
        with self._lock:
            return max([0.0, *(self._keys.get(k, (0, 0.0, 0.0))[1] - now for k in keys)])

    def attempt(self, keys: Sequence[str]) -> bool:
        """Count one attempt as failed (`TooManyAttempts` while blocked). True when it locks out a user name."""
        now = self.clock()
        with self._lock:
            waits = [self._keys.get(k, (0, 0.0, 0.0))[1] - now for k in keys]
            if waits and max(waits) > 0:
                seconds = max(1, int(max(waits) + 0.999))
                raise TooManyAttempts(f"too many failed sign-ins: try again in {seconds} s", seconds)
            self._forget(now)
            locked = False
            for key in keys:
                failures, _, last = self._keys.get(key, (0, 0.0, now))
                failures = (0 if now - last > FORGET_SECONDS else failures) + 1
                until = now + self._delay(failures) if failures >= FREE_FAILURES else 0.0
                if key.startswith("user:") and failures >= LOCKOUT_FAILURES:
                    until, locked = now + LOCKOUT_SECONDS, True
                self._keys[key] = (failures, until, now)
            return locked

    def succeeded(self, keys: Sequence[str]) -> None:
        """A right password: the user name starts afresh; the address gets its attempt back."""
        with self._lock:
            for key in keys:
                if key.startswith("user:"):
                    self._keys.pop(key, None)
                elif key in self._keys:
                    failures, until, last = self._keys[key]
                    failures = max(0, failures - 1)
                    self._keys[key] = (failures, until if failures >= FREE_FAILURES else 0.0, last)

    @staticmethod
    def _delay(failures: int) -> float:
        if failures >= LOCKOUT_FAILURES:
            return LOCKOUT_SECONDS
        return min(MAX_BACKOFF_SECONDS, 2.0 ** (failures - FREE_FAILURES))

    def _forget(self, now: float) -> None:
        if len(self._keys) < self.MAX_KEYS:
            return
        for key, (_, until, last) in list(self._keys.items()):
            if until <= now and now - last > 60:
                del self._keys[key]
        if len(self._keys) >= self.MAX_KEYS:  # still full (a flood of blocked keys): the oldest half goes
            for key, _ in sorted(self._keys.items(), key=lambda item: item[1][2])[:len(self._keys) // 2]:
                del self._keys[key]


def commands_unit(user: User | None, unit: str | None) -> bool:
    """Whether this user may acknowledge or report compliance for `unit`: its unit commander, or an admin."""
    if user is None or unit is None:
        return False
    return user.role == "admin" or (user.role == "unit-commander" and user.unit == unit)


def local_operator(name: str) -> User:
    """The identity of someone at the machine's own CLI with no stored user of that name: an administrator of
    their own database (as before users existed)."""
    cleaned = re.sub(r"[^a-z0-9._@-]", "-", name.lower()).strip("-")[:64] or "local"
    return User(username=cleaned if _USERNAME.match(cleaned) else "local", role="admin")
