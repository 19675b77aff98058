"""The chain of command: areas of jurisdiction, authorities (who commands whom) and the hierarchy. Pure, no I/O.

A head of government stands at the root; ministries, commands, directorates, units and posts below. An order may be
issued only by an authority that commands its recipients, within the jurisdiction it holds (`orders.py` checks).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from legation.domain.errors import Forbidden, InputError, NotFound
from legation.domain.geo import haversine_km
from legation.domain.sites import Site


@dataclass(frozen=True)
class Area:
    """One piece of a jurisdiction: a site is inside when it matches every field given."""

    country: str | None = None
    city: str | None = None
    near: tuple[float, float, float] | None = None  # lat, lon, km
    sites: tuple[str, ...] = ()
    name: str | None = None

    def contains(self, site: Site) -> bool:
        return ((self.country is None or site.host_country == self.country)
                and (self.city is None or (site.city or "").lower() == self.city.lower())
                and (self.near is None or haversine_km(self.near[0], self.near[1], site.lat, site.lon)
                     <= self.near[2])
                and (not self.sites or site.id in self.sites))


@dataclass(frozen=True)
class Authority:
    """A head of government, adviser, ministry, command, directorate, unit or post.

    `commands` is False for those who advise or supervise but give no orders (a national security adviser).
    An empty `jurisdiction` inherits the parent's; the root's empty jurisdiction means everywhere.
    """

    id: str
    name: str
    kind: str
    parent: str | None = None
    commands: bool = True
    jurisdiction: tuple[Area, ...] = ()
    aliases: tuple[str, ...] = ()
    users: tuple[str, ...] = ()


class Hierarchy:
    """Authorities as a tree: who commands whom, and where each may act."""

    def __init__(self, authorities: Iterable[Authority], name: str = "", illustrative: bool = False):
        self.name, self.illustrative = name, illustrative
        self.by_id: dict[str, Authority] = {}
        for authority in authorities:
            if authority.id in self.by_id:
                raise InputError(f"authority {authority.id!r} is defined twice")
            self.by_id[authority.id] = authority
        for authority in self.by_id.values():
            if authority.parent is not None and authority.parent not in self.by_id:
                raise InputError(f"authority {authority.id!r}: unknown parent {authority.parent!r}")
            self.ancestors(authority.id)  # raises on a cycle

    def get(self, authority_id: str) -> Authority:
        try:
            return self.by_id[authority_id]
        except KeyError:
            raise NotFound(f"no authority {authority_id!r} in the hierarchy {self.name!r}") from None

    def label(self, authority_id: str | None) -> str:
        if authority_id is None:
            return "-"
        found = self.by_id.get(authority_id)
        return f"{authority_id} ({found.name})" if found else authority_id

    def ancestors(self, authority_id: str) -> list[str]:
        """Superiors, nearest first."""
        chain, seen = [], {authority_id}
        parent = self.get(authority_id).parent
        while parent is not None:
            if parent in seen:
                raise InputError(f"the hierarchy has a cycle through {parent!r}")
            seen.add(parent)
            chain.append(parent)
            parent = self.by_id[parent].parent
        return chain

    def children(self, authority_id: str) -> list[Authority]:
        return [a for a in self.by_id.values() if a.parent == authority_id]

    def commands(self, superior: str, subordinate: str) -> bool:
        """True when `superior` gives orders and stands above `subordinate` in the chain."""
        return self.get(superior).commands and superior in self.ancestors(subordinate)

    def in_chain(self, authority_id: str, other: str) -> bool:
        """`other` is `authority_id` itself, above it, or below it."""
        return other == authority_id or other in self.ancestors(authority_id) or authority_id in self.ancestors(other)

    def jurisdiction(self, authority_id: str) -> tuple[Area, ...]:
        for candidate in [authority_id, *self.ancestors(authority_id)]:
            if self.by_id[candidate].jurisdiction:
                return self.by_id[candidate].jurisdiction
        return ()

    def covers(self, authority_id: str, site: Site) -> bool:
        areas = self.jurisdiction(authority_id)
        return not areas or any(area.contains(site) for area in areas)

    def authority_of(self, user: str | None) -> Authority:
        """The authority a user acts for: named by its id, or listed among its users."""
        if user and user in self.by_id:
            return self.by_id[user]
        for authority in self.by_id.values():
            if user in authority.users:
                return authority
        raise Forbidden(f"user {user!r} acts for no authority in the hierarchy {self.name!r}; act --as an "
                        "authority id, or list the user under an authority's `users`")

    def match(self, text: str) -> Authority | None:
        """The authority a piece of text names (an id, a name or an alias), longest match first."""
        low = (text or "").lower()
        found = [(len(term), a) for a in self.by_id.values() for term in (a.id, a.name, *a.aliases)
                 if term and term.lower() in low]
        return max(found, key=lambda pair: pair[0])[1] if found else None
