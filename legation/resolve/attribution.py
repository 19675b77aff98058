"""Attribution: a CLAIM of responsibility links to the ASSAULT records it claims, and they carry `claimed_by`.

A claim covers an attack when the attack happened within the claim's window or up to `LAG_DAYS` before it
(claims follow attacks), its targets are compatible with the claim's (the claim "on US troops" covers an attack on
US forces, not one on Peshmerga), and its place agrees: within one report the same country (or unlocated); across
reports precise places near each other. `claimed_by` lists the claimants' canonical names; `links` says which claim
covers which attack and why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from legation.domain.records import Event
from legation.resolve.matching import date_window, places_compatible, radius_km, recipients_compatible

LAG_DAYS = 7


@dataclass(frozen=True, slots=True)
class ClaimLink:
    claim_id: str
    attack_id: str
    claimant: str
    reason: str


def covers(claim: Event, attack: Event) -> str | None:
    """Why `claim` claims `attack`, or None."""
    if claim.type != "CLAIM" or attack.type != "ASSAULT" or attack.negated or claim.negated:
        return None
    claim_days, attack_days = date_window(claim), date_window(attack)
    if claim_days is None or attack_days is None:
        return None
    if not (attack_days[0] <= claim_days[1] and claim_days[0] - dt.timedelta(days=LAG_DAYS) <= attack_days[1]):
        return None
    targets = recipients_compatible(claim.recipients, attack.recipients)
    if targets is None:
        return None
    place = _place_reason(claim, attack)
    if place is None:
        return None
    return f"attack within the claim's window; {targets}; {place}"


def _place_reason(claim: Event, attack: Event) -> str | None:
    """Within one report a claim may be vague ("claimed most of the attacks"); across reports the places must
    be precise (site, city, province) and agree, or a claim would swallow every attack of the week."""
    a, b = claim.location, attack.location
    if a.country and b.country and a.country != b.country:
        return None
    if (claim.report_id or claim.doc) == (attack.report_id or attack.doc):
        return f"same report, same country ({a.country})" if a.country and a.country == b.country else \
            "same report"
    precise = ("site", "city", "admin1")
    if a.precision in precise and b.precision in precise:
        return places_compatible(a, b, radius_km(claim), radius_km(attack))
    return None


def link_claims(events: list[Event]) -> tuple[list[Event], list[ClaimLink]]:
    """Every ASSAULT covered by a CLAIM among `events` gets the claimants in `claimed_by` (returned as changed
    copies, sorted names, no duplicates); the links say which claim covered which attack."""
    claims = [e for e in events if e.type == "CLAIM" and e.actors]
    links: list[ClaimLink] = []
    claimants: dict[str, set[str]] = {}
    for attack in (e for e in events if e.type == "ASSAULT"):
        for claim in claims:
            reason = covers(claim, attack)
            if reason is None:
                continue
            for actor in claim.actors:
                name = actor.name or actor.text
                claimants.setdefault(attack.id, set()).add(name)
                links.append(ClaimLink(claim.id, attack.id, name, reason))
    changed = []
    for event in events:
        names = claimants.get(event.id)
        if names and sorted(set(event.claimed_by) | names) != sorted(event.claimed_by):
            changed.append(replace(event, claimed_by=sorted(set(event.claimed_by) | names)))
    return changed, links

