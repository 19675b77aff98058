"""Users, roles and need-to-know: who may do what, and who may see which site. Pure rules, no I/O.

The permission table is data (`PERMISSIONS`: role → actions), so the API, the web pages and the CLI answer the
same question the same way: `can(user, action)`. Liaison officers of a foreign mission are read-only and see only
the sites of their own sending state or organisation (`visible_site`): the EU delegation's liaison sees EU sites
and never the US embassy's orders.

    admin               everything, including users and tokens
    commander           issues orders (within their authority), supervises them, reads everything
    operations-officer  drafts and supervises orders, keeps the sites register, runs assessments
    unit-commander      acknowledges orders and reports compliance for their own unit
    analyst             ingests reports, curates events, incidents and actors, runs assessments
    liaison             reads, for the sites of their own sending state or organisation only
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from legation.domain.errors import InputError, LegationError


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
