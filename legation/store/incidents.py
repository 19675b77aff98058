"""Incidents and attribution in the database: rebuild incidents from the stored records (honouring analysts'
splits), list and show them, split a wrong merge; link claims to the attacks they claim.

Rebuilding is idempotent: the same records and splits give the same incidents, and an incident keeps its id
across rebuilds as long as most of its records stay together (so an analyst's reference stays valid).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Iterable, Sequence

import sqlalchemy as sa

from legation.domain.errors import InputError, NotFound
from legation.domain.ids import stable_id
from legation.domain.records import Event
from legation.domain.users import in_reach
from legation.resolve.attribution import LAG_DAYS, link_claims
from legation.resolve.incidents import CLUSTER_TYPES, Incident, assign, cluster, resolved
from legation.resolve.matching import date_window
from legation.store import audit
from legation.store.events import upsert_events
from legation.store.tables import events as ev
from legation.store.tables_incidents import claim_links, incident_members, incident_splits, incidents

BATCH = 1000


def _load_events(conn: sa.Connection, types: Iterable[str], lo: dt.date | None = None,
                 hi: dt.date | None = None) -> list[Event]:
    """Stored records of these types, neither negated nor hypothetical; with lo/hi, those whose dates touch
    [lo, hi]."""
    query = sa.select(ev.c.record).where(ev.c.type.in_(list(types)), ev.c.negated == sa.false(),
                                         ev.c.hypothetical == sa.false())
    if lo is not None and hi is not None:
        query = query.where(ev.c.date_start <= hi.isoformat(),
                            sa.func.coalesce(ev.c.date_end, ev.c.date_start) >= lo.isoformat())
    return [Event.from_dict(r.record) for r in conn.execute(query.order_by(ev.c.pk))]


def cannot_links(conn: sa.Connection) -> list[tuple[str, str]]:
    return [(r.event_a, r.event_b) for r in conn.execute(sa.select(incident_splits.c.event_a,
                                                                    incident_splits.c.event_b))]


def refresh(conn: sa.Connection, event_ids: Iterable[str] | None = None) -> dict:
    """Link claims to attacks, then incidents. With `event_ids` (what an ingest just stored): only around those
    records, so the cost follows the new records, not the database (claims of their weeks, incidents of their
    days). Without: over the whole database (`legation incidents rebuild`)."""
    if event_ids is None:
        claims = attribute_claims(conn)
        return {**rebuild_incidents(conn), **{f"claims_{k}": v for k, v in claims.items()}}
    ids = list(dict.fromkeys(event_ids))
    window = _window_of(conn, ids)  # undated records can neither claim nor be claimed
    claims = attribute_claims(conn, around=window) if window else {"links": 0, "attacks_updated": 0}
    return {**update_incidents(conn, ids), **{f"claims_{k}": v for k, v in claims.items()}}


def refresh_after(store, event_ids: list[str], actor: str) -> dict:
    """`refresh` around just-stored records in a transaction of its own, on behalf of `actor`: for the API and the
    web pages, which run it after answering."""
    with audit.acting_as(actor), store.begin() as conn:
        return refresh(conn, event_ids)


def rebuild_incidents(conn: sa.Connection) -> dict:
    """Re-cluster every stored record of the clustered types into incidents. One audit entry."""
    found = cluster(_load_events(conn, sorted(CLUSTER_TYPES)), cannot_links(conn))
    previous = {r.event_id: r.incident_id for r in conn.execute(sa.select(incident_members))}
    _keep_ids(found, previous)
    now = dt.datetime.now(dt.timezone.utc)
    conn.execute(incident_members.delete())
    conn.execute(incidents.delete())
    conn.execute(ev.update().where(ev.c.incident_id.is_not(None)).values(incident_id=None))
    _insert(conn, found, now)
    _write_members(conn, [{"event_id": e.id, "incident_id": incident.id, "rule": incident.rules[e.id]}
                          for incident in found for e in incident.events])
    merged = sum(1 for i in found if len(i.events) > 1)
    counts = {"records": sum(len(i.events) for i in found), "incidents": len(found), "merged_incidents": merged}
    audit.append(conn, "incidents.rebuild", "incident", None, after=counts)
    return counts


def update_incidents(conn: sa.Connection, event_ids: Iterable[str] | None = None) -> dict:
    """Place the records that are in no incident yet, leaving every other incident as it is: each joins the
    incident of its days it wholly agrees with (the rule of a rebuild), else opens one. `event_ids`: only these
    (an ingest's records); None: every record not yet placed (after a feed import). One audit entry.

    Cheaper than a rebuild by far (it loads only the incidents on the new records' days), and the same as one
    while records arrive in date order; a rebuild may still merge differently where late reports fill a gap."""
    fresh = _unplaced(conn, None if event_ids is None else list(event_ids))
    counts = {"records": len(fresh), "incidents": 0, "new_incidents": 0, "merged_incidents": 0}
    if not fresh:
        return counts
    existing = _incidents_on_days(conn, fresh)
    changed = assign(fresh, existing, cannot_links(conn))
    known = {i.id for i in existing}
    opened = [i for i in changed if i.id not in known]
    grown = [i for i in changed if i.id in known]
    _unique_ids(opened, {r.id for r in conn.execute(sa.select(incidents.c.id)
                                                     .where(incidents.c.id.in_([i.id for i in opened])))})
    now = dt.datetime.now(dt.timezone.utc)
    for incident in grown:
        conn.execute(incidents.update().where(incidents.c.id == incident.id).values(**_row(incident, now)))
    _insert(conn, opened, now)
    placed = {e.id for e in fresh}
    members = [{"event_id": e.id, "incident_id": i.id, "rule": i.rules[e.id]}
               for i in changed for e in i.events if e.id in placed]
    _write_members(conn, members)
    counts.update(incidents=len(changed), new_incidents=len(opened),
                  merged_incidents=sum(1 for i in changed if len(i.events) > 1))
    audit.append(conn, "incidents.update", "incident", None, after=counts)
    return counts


def _unplaced(conn: sa.Connection, event_ids: list[str] | None) -> list[Event]:
    """Records of the clustered types, neither negated nor hypothetical, in no incident (of `event_ids` if given)."""
    query = (sa.select(ev.c.record).outerjoin(incident_members, incident_members.c.event_id == ev.c.id)
             .where(incident_members.c.event_id.is_(None), ev.c.type.in_(sorted(CLUSTER_TYPES)),
                    ev.c.negated == sa.false(), ev.c.hypothetical == sa.false()).order_by(ev.c.pk))
    if event_ids is None:
        return [Event.from_dict(r.record) for r in conn.execute(query)]
    found = []
    for start in range(0, len(event_ids), BATCH):
        found += [Event.from_dict(r.record)
                  for r in conn.execute(query.where(ev.c.id.in_(event_ids[start:start + BATCH])))]
    return found


def _incidents_on_days(conn: sa.Connection, events: list[Event]) -> list[Incident]:
    """The stored incidents with a record within a day of the given records' dates (undated ones: the undated
    incidents), rebuilt with all their records, resolved for matching, seed first."""
    lo, hi, undated = _span(events)
    near = sa.select(incident_members.c.incident_id).join(ev, ev.c.id == incident_members.c.event_id)
    where = []
    if lo is not None:
        where.append(sa.and_(ev.c.date_start <= (hi + dt.timedelta(days=1)).isoformat(),
                             sa.func.coalesce(ev.c.date_end, ev.c.date_start)
                             >= (lo - dt.timedelta(days=1)).isoformat()))
    if undated:
        where.append(ev.c.date_start.is_(None))
    ids = {r.incident_id for r in conn.execute(near.where(sa.or_(*where)).distinct())}
    found: dict[str, Incident] = {}
    id_list = sorted(ids)
    for start in range(0, len(id_list), BATCH):
        rows = conn.execute(sa.select(incident_members.c.incident_id, incident_members.c.rule, ev.c.record)
                            .join(ev, ev.c.id == incident_members.c.event_id)
                            .where(incident_members.c.incident_id.in_(id_list[start:start + BATCH]))
                            .order_by(ev.c.pk))
        for row in rows:
            event = resolved(Event.from_dict(row.record))
            incident = found.setdefault(row.incident_id, Incident(id=row.incident_id, type=event.type))
            incident.events.insert(0, event) if row.rule == "first report" else incident.events.append(event)
            incident.rules[event.id] = row.rule
    return list(found.values())


def _span(events: list[Event]) -> tuple[dt.date | None, dt.date | None, bool]:
    """(first day, last day, whether any is undated) over the records' date windows."""
    windows = [w for w in map(date_window, events) if w is not None]
    undated = len(windows) < len(events)
    if not windows:
        return None, None, undated
    return min(w[0] for w in windows), max(w[1] for w in windows), undated


def _window_of(conn: sa.Connection, event_ids: list[str]) -> tuple[dt.date, dt.date] | None:
    """The first and last day of the stored records' date windows; None when none is dated."""
    events = []
    for start in range(0, len(event_ids), BATCH):
        events += [Event.from_dict(r.record) for r in conn.execute(
            sa.select(ev.c.record).where(ev.c.id.in_(event_ids[start:start + BATCH])))]
    lo, hi, _ = _span(events)
    return (lo, hi) if lo is not None else None


def _row(incident: Incident, now: dt.datetime) -> dict:
    summary = incident.summary()
    return {"type": incident.type, "date_start": summary["date_start"], "date_end": summary["date_end"],
            "country": summary["country"], "place": summary["place"], "lat": summary["lat"], "lon": summary["lon"],
            "precision": summary["precision"], "n_events": summary["events"], "n_sources": summary["sources"],
            "summary": summary, "updated_at": now}


def _insert(conn: sa.Connection, found: list[Incident], now: dt.datetime) -> None:
    rows = [{"id": incident.id, **_row(incident, now)} for incident in found]
    for start in range(0, len(rows), BATCH):
        conn.execute(incidents.insert(), rows[start:start + BATCH])


def _write_members(conn: sa.Connection, members: list[dict]) -> None:
    """Membership rows, and each record's `incident_id`."""
    for start in range(0, len(members), BATCH):
        batch = members[start:start + BATCH]
        conn.execute(incident_members.insert(), batch)
        conn.execute(ev.update().where(ev.c.id == sa.bindparam("member_id"))
                     .values(incident_id=sa.bindparam("member_incident")),
                     [{"member_id": m["event_id"], "member_incident": m["incident_id"]} for m in batch])


def _keep_ids(found: list[Incident], previous: dict[str, str]) -> None:
    """Give each new incident the old id most of its records had, once; new groups keep their fresh id."""
    taken: set[str] = set()
    fresh: list[Incident] = []
    for incident in sorted(found, key=lambda i: (-len(i.events), i.id)):
        votes = Counter(previous[e.id] for e in incident.events if e.id in previous)
        old_id = next((old for old, _ in votes.most_common() if old not in taken), None)
        if old_id is None:
            fresh.append(incident)
        else:
            incident.id = old_id
            taken.add(old_id)
    _unique_ids(fresh, taken)


def _unique_ids(found: list[Incident], taken: set[str]) -> None:
    """New incidents keep their derived ids unless an older incident already carries one (a split-off group, a
    seed seen before): then a further derived id. `taken` grows with the ids given."""
    for incident in found:
        while incident.id in taken:
            incident.id = stable_id("incident", incident.id, "split")
        taken.add(incident.id)


def list_incidents(conn: sa.Connection, *, type: str | None = None, country: str | None = None,
                   since: str | None = None, min_events: int = 1, limit: int | None = None,
                   within: Sequence[tuple[float, float, float]] | None = None) -> list[dict]:
    """Incidents, newest first; `within` (circles, `legation.domain.users.reach`) keeps those placed inside one."""
    query = sa.select(incidents).where(incidents.c.n_events >= min_events)
    if type:
        query = query.where(incidents.c.type == type.upper())
    if country:
        query = query.where(incidents.c.country == country.upper())
    if since:
        query = query.where(sa.func.coalesce(incidents.c.date_end, incidents.c.date_start) >= since[:10])
    query = query.order_by(incidents.c.date_start.desc(), incidents.c.id)
    if limit and within is None:
        query = query.limit(limit)
    rows = list(conn.execute(query))
    if within is not None:
        rows = [r for r in rows if in_reach(tuple(within), r.lat, r.lon)][:limit or None]
    return [{"id": r.id, "type": r.type, "date_start": r.date_start, "date_end": r.date_end, "place": r.place,
             "country": r.country, "precision": r.precision, "events": r.n_events, "sources": r.n_sources,
             "actors": (r.summary or {}).get("actors", [])} for r in rows]


def get_incident(conn: sa.Connection, incident_id: str) -> dict:
    """An incident with its records: source, sentence, and the rule that merged each."""
    row = conn.execute(sa.select(incidents).where(incidents.c.id == incident_id)).first()
    if row is None:
        raise NotFound(f"no incident with id {incident_id!r} (see `legation incidents list`)")
    members = conn.execute(
        sa.select(incident_members.c.event_id, incident_members.c.rule, ev.c.doc, ev.c.source, ev.c.report_id,
                  ev.c.date_start, ev.c.sentence)
        .join(ev, ev.c.id == incident_members.c.event_id)
        .where(incident_members.c.incident_id == incident_id).order_by(ev.c.date_start, ev.c.id))
    records = [{"event_id": m.event_id, "source": m.source, "doc": m.doc, "report_id": m.report_id,
                "date": m.date_start, "sentence": m.sentence, "rule": m.rule} for m in members]
    splits = [{"event_a": s.event_a, "event_b": s.event_b, "note": s.note, "by": s.created_by}
              for s in conn.execute(sa.select(incident_splits).where(incident_splits.c.incident_id == incident_id))]
    return {**(row.summary or {}), "id": row.id, "records": records, "splits": splits}


def split_incident(conn: sa.Connection, incident_id: str, event_ids: list[str], *, note: str | None = None) -> dict:
    """Take `event_ids` out of an incident: they may never again be merged with the records left behind.

    The constraint is stored (incident_splits) and every later rebuild honours it; incidents are rebuilt now.
    """
    members = [r.event_id for r in conn.execute(sa.select(incident_members.c.event_id)
                                                .where(incident_members.c.incident_id == incident_id))]
    if not members:
        raise NotFound(f"no incident with id {incident_id!r} (see `legation incidents list`)")
    moving = list(dict.fromkeys(_expand(event_ids, members)))
    staying = [m for m in members if m not in moving]
    if not staying:
        raise InputError("a split must leave at least one record in the incident (list only those to take out)")
    now = dt.datetime.now(dt.timezone.utc)
    actor = audit.current_actor()
    for a in moving:
        for b in staying:
            pair = tuple(sorted((a, b)))
            exists = conn.execute(sa.select(incident_splits.c.event_a).where(
                incident_splits.c.event_a == pair[0], incident_splits.c.event_b == pair[1])).first()
            if not exists:
                conn.execute(incident_splits.insert().values(event_a=pair[0], event_b=pair[1],
                                                             incident_id=incident_id, note=note, created_by=actor,
                                                             created_at=now))
    audit.append(conn, "incidents.split", "incident", incident_id, after={"moved": moving, "note": note})
    counts = rebuild_incidents(conn)
    return {"incident": incident_id, "moved": len(moving), "kept": len(staying), **counts}


def _expand(prefixes: list[str], members: list[str]) -> list[str]:
    """Event ids as typed: a full id or an unambiguous prefix of one of the incident's records."""
    out = []
    for prefix in prefixes:
        hits = [m for m in members if m.startswith(prefix)]
        if len(hits) != 1:
            raise InputError(f"{prefix!r} is {'ambiguous' if hits else 'not a record of this incident'} "
                             "(see `legation incidents show ID`)")
        out.append(hits[0])
    return out


def attribute_claims(conn: sa.Connection, around: tuple[dt.date, dt.date] | None = None) -> dict:
    """Link every stored CLAIM to the ASSAULT records it covers; those attacks get `claimed_by`.

    `around` (first and last day of new records) limits this to the claims that could cover an attack of those
    days or be new themselves (dated up to LAG_DAYS after), each with every attack it could cover."""
    if around is None:
        changed, links = link_claims(_load_events(conn, ("CLAIM", "ASSAULT")))
        counts = upsert_events(conn, changed, audit_action="attribution.link")
        conn.execute(claim_links.delete())
    else:
        lo, hi = around
        claims = _load_events(conn, ("CLAIM",), lo, hi + dt.timedelta(days=LAG_DAYS))
        if not claims:
            return {"links": 0, "attacks_updated": 0}
        first, last, _ = _span(claims)
        attacks = _load_events(conn, ("ASSAULT",), first - dt.timedelta(days=LAG_DAYS), last)
        changed, links = link_claims(claims + attacks)
        counts = upsert_events(conn, changed, audit_action="attribution.link")
        for start in range(0, len(claims), BATCH):
            conn.execute(claim_links.delete().where(
                claim_links.c.claim_id.in_([c.id for c in claims[start:start + BATCH]])))
    if links:
        rows = {(lk.claim_id, lk.attack_id, lk.claimant): lk.reason for lk in links}
        conn.execute(claim_links.insert(), [{"claim_id": c, "attack_id": a, "claimant": n, "reason": r}
                                            for (c, a, n), r in rows.items()])
    return {"links": len(links), "attacks_updated": counts.updated}


def claims_of(conn: sa.Connection, claimant_names: Iterable[str]) -> list[dict]:
    """The claim links whose claimant is one of these names, with the attack's date and sentence."""
    names = list(claimant_names)
    rows = conn.execute(sa.select(claim_links, ev.c.date_start, ev.c.sentence)
                        .join(ev, ev.c.id == claim_links.c.attack_id)
                        .where(claim_links.c.claimant.in_(names)).order_by(ev.c.date_start.desc()))
    return [{"claim_id": r.claim_id, "attack_id": r.attack_id, "claimant": r.claimant, "date": r.date_start,
             "attack": r.sentence, "reason": r.reason} for r in rows]
