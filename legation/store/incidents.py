"""Incidents and attribution in the database: the store of the processes in `legation.resolve.incidents`
(`IncidentStore`: loads and saves only) and the calls the faces make (rebuild incidents from the stored records,
honouring analysts' splits; list and show them; split a wrong merge; link claims to the attacks they claim).

Rebuilding is idempotent: the same records and splits give the same incidents, and an incident keeps its id
across rebuilds as long as most of its records stay together (so an analyst's reference stays valid).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import sqlalchemy as sa

from legation.domain.errors import NotFound
from legation.domain.records import Event
from legation.domain.users import in_reach
from legation.resolve import incidents as process
from legation.resolve.attribution import ClaimLink
from legation.resolve.incidents import CLUSTER_TYPES, Incident
from legation.store import audit
from legation.store.events import upsert_events
from legation.store.tables import events as ev
from legation.store.tables_incidents import claim_links, incident_members, incident_splits, incidents

BATCH = 1000


class IncidentStore:
    """The incident and claim processes' store (`legation.resolve.incidents.IncidentRepo`) on one connection:
    loads and saves, nothing decided here."""

    def __init__(self, conn: sa.Connection):
        self.conn = conn

    def load_events(self, types: Iterable[str], lo: dt.date | None = None, hi: dt.date | None = None
                    ) -> list[Event]:
        """Stored records of these types, neither negated nor hypothetical; with lo/hi, those whose dates touch
        [lo, hi]."""
        query = sa.select(ev.c.record).where(ev.c.type.in_(list(types)), ev.c.negated == sa.false(),
                                             ev.c.hypothetical == sa.false())
        if lo is not None and hi is not None:
            query = query.where(ev.c.date_start <= hi.isoformat(),
                                sa.func.coalesce(ev.c.date_end, ev.c.date_start) >= lo.isoformat())
        return [Event.from_dict(r.record) for r in self.conn.execute(query.order_by(ev.c.pk))]

    def events_by_id(self, event_ids: list[str]) -> list[Event]:
        found = []
        for start in range(0, len(event_ids), BATCH):
            found += [Event.from_dict(r.record) for r in self.conn.execute(
                sa.select(ev.c.record).where(ev.c.id.in_(event_ids[start:start + BATCH])))]
        return found

    def unplaced(self, event_ids: list[str] | None) -> list[Event]:
        """Records of the clustered types, neither negated nor hypothetical, in no incident (of `event_ids` if
        given)."""
        query = (sa.select(ev.c.record).outerjoin(incident_members, incident_members.c.event_id == ev.c.id)
                 .where(incident_members.c.event_id.is_(None), ev.c.type.in_(sorted(CLUSTER_TYPES)),
                        ev.c.negated == sa.false(), ev.c.hypothetical == sa.false()).order_by(ev.c.pk))
        if event_ids is None:
            return [Event.from_dict(r.record) for r in self.conn.execute(query)]
        found = []
        for start in range(0, len(event_ids), BATCH):
            found += [Event.from_dict(r.record)
                      for r in self.conn.execute(query.where(ev.c.id.in_(event_ids[start:start + BATCH])))]
        return found

    def members_on_days(self, lo: dt.date | None, hi: dt.date | None, undated: bool
                        ) -> list[tuple[str, str, Event]]:
        """(incident id, rule, record) of every record of the incidents with a record within a day of [lo, hi]
        (and, if `undated`, of the undated incidents), in storage order."""
        near = sa.select(incident_members.c.incident_id).join(ev, ev.c.id == incident_members.c.event_id)
        where = []
        if lo is not None and hi is not None:
            where.append(sa.and_(ev.c.date_start <= (hi + dt.timedelta(days=1)).isoformat(),
                                 sa.func.coalesce(ev.c.date_end, ev.c.date_start)
                                 >= (lo - dt.timedelta(days=1)).isoformat()))
        if undated:
            where.append(ev.c.date_start.is_(None))
        if not where:
            return []
        id_list = sorted({r.incident_id for r in self.conn.execute(near.where(sa.or_(*where)).distinct())})
        rows = []
        for start in range(0, len(id_list), BATCH):
            rows += [(r.incident_id, r.rule, Event.from_dict(r.record)) for r in self.conn.execute(
                sa.select(incident_members.c.incident_id, incident_members.c.rule, ev.c.record)
                .join(ev, ev.c.id == incident_members.c.event_id)
                .where(incident_members.c.incident_id.in_(id_list[start:start + BATCH])).order_by(ev.c.pk))]
        return rows

    def cannot_links(self) -> list[tuple[str, str]]:
        return [(r.event_a, r.event_b) for r in self.conn.execute(sa.select(incident_splits.c.event_a,
                                                                             incident_splits.c.event_b))]

    def memberships(self) -> dict[str, str]:
        return {r.event_id: r.incident_id for r in self.conn.execute(sa.select(incident_members))}

    def existing_ids(self, incident_ids: list[str]) -> set[str]:
        return {r.id for r in self.conn.execute(sa.select(incidents.c.id).where(incidents.c.id.in_(incident_ids)))}

    def replace_all(self, found: list[Incident]) -> None:
        """Every incident and membership replaced by `found` (and each record's `incident_id`)."""
        now = dt.datetime.now(dt.UTC)
        self.conn.execute(incident_members.delete())
        self.conn.execute(incidents.delete())
        self.conn.execute(ev.update().where(ev.c.incident_id.is_not(None)).values(incident_id=None))
        self._insert(found, now)
        self._write_members([{"event_id": e.id, "incident_id": incident.id, "rule": incident.rules[str(e.id)]}
                             for incident in found for e in incident.events])

    def save_update(self, grown: list[Incident], opened: list[Incident], members: list[dict]) -> None:
        now = dt.datetime.now(dt.UTC)
        for incident in grown:
            self.conn.execute(incidents.update().where(incidents.c.id == incident.id).values(**_row(incident, now)))
        self._insert(opened, now)
        self._write_members(members)

    def write_events(self, events: list[Event], audit_action: str) -> int:
        return upsert_events(self.conn, events, audit_action=audit_action).updated

    def replace_claim_links(self, links: list[ClaimLink], claim_ids: list[str] | None) -> None:
        """The links of these claims (None: of every claim) replaced by `links`."""
        if claim_ids is None:
            self.conn.execute(claim_links.delete())
        for start in range(0, len(claim_ids or []), BATCH):
            self.conn.execute(claim_links.delete().where(
                claim_links.c.claim_id.in_(claim_ids[start:start + BATCH])))  # type: ignore[index]
        if links:
            rows = {(lk.claim_id, lk.attack_id, lk.claimant): lk.reason for lk in links}
            self.conn.execute(claim_links.insert(), [{"claim_id": c, "attack_id": a, "claimant": n, "reason": r}
                                                     for (c, a, n), r in rows.items()])

    def members_of(self, incident_id: str) -> list[str]:
        return [r.event_id for r in self.conn.execute(sa.select(incident_members.c.event_id)
                                                      .where(incident_members.c.incident_id == incident_id))]

    def add_splits(self, pairs: list[tuple[str, str]], incident_id: str, note: str | None) -> None:
        """Store the pairs not yet stored (one look-up, one insert)."""
        stored = {(r.event_a, r.event_b) for r in self.conn.execute(
            sa.select(incident_splits.c.event_a, incident_splits.c.event_b)
            .where(incident_splits.c.event_a.in_(sorted({a for a, _ in pairs}))))}
        new = [p for p in dict.fromkeys(pairs) if p not in stored]
        if new:
            now, actor = dt.datetime.now(dt.UTC), audit.current_actor()
            self.conn.execute(incident_splits.insert(), [
                {"event_a": a, "event_b": b, "incident_id": incident_id, "note": note, "created_by": actor,
                 "created_at": now} for a, b in new])

    def audit(self, action: str, entity_id: str | None, after: dict) -> None:
        audit.append(self.conn, action, "incident", entity_id, after=after)

    def _insert(self, found: list[Incident], now: dt.datetime) -> None:
        rows = [{"id": incident.id, **_row(incident, now)} for incident in found]
        for start in range(0, len(rows), BATCH):
            self.conn.execute(incidents.insert(), rows[start:start + BATCH])

    def _write_members(self, members: list[dict]) -> None:
        """Membership rows, and each record's `incident_id`."""
        for start in range(0, len(members), BATCH):
            batch = members[start:start + BATCH]
            self.conn.execute(incident_members.insert(), batch)
            self.conn.execute(ev.update().where(ev.c.id == sa.bindparam("member_id"))
                              .values(incident_id=sa.bindparam("member_incident")),
                              [{"member_id": m["event_id"], "member_incident": m["incident_id"]} for m in batch])


def _row(incident: Incident, now: dt.datetime) -> dict:
    summary = incident.summary()
    return {"type": incident.type, "date_start": summary["date_start"], "date_end": summary["date_end"],
            "country": summary["country"], "place": summary["place"], "lat": summary["lat"], "lon": summary["lon"],
            "precision": summary["precision"], "n_events": summary["events"], "n_sources": summary["sources"],
            "summary": summary, "updated_at": now}


# The processes (legation.resolve.incidents) on a connection: what the CLI, the API and the web pages call.

def refresh(conn: sa.Connection, event_ids: Iterable[str] | None = None) -> dict:
    """Claims, then incidents: around just-stored records, or (None) over the whole database."""
    return process.refresh(IncidentStore(conn), event_ids)


def refresh_after(store, event_ids: list[str], actor: str) -> dict:
    """`refresh` around just-stored records in a transaction of its own, on behalf of `actor`: for the API and the
    web pages, which run it after answering."""
    with audit.acting_as(actor), store.begin() as conn:
        return refresh(conn, event_ids)


def rebuild_incidents(conn: sa.Connection) -> dict:
    """Re-cluster every stored record of the clustered types into incidents. One audit entry."""
    return process.rebuild(IncidentStore(conn))


def update_incidents(conn: sa.Connection, event_ids: Iterable[str] | None = None) -> dict:
    """Place the records in no incident yet (of `event_ids`, or all), leaving the other incidents as they are."""
    return process.update(IncidentStore(conn), event_ids)


def attribute_claims(conn: sa.Connection, around: tuple[dt.date, dt.date] | None = None) -> dict:
    """Link stored claims to the attacks they cover (around these days, or all); the attacks get `claimed_by`."""
    return process.attribute(IncidentStore(conn), around)


def split_incident(conn: sa.Connection, incident_id: str, event_ids: list[str], *, note: str | None = None) -> dict:
    """Take records out of an incident for good (the split is stored and honoured by every rebuild)."""
    return process.split(IncidentStore(conn), incident_id, event_ids, note=note)


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


def claims_of(conn: sa.Connection, claimant_names: Iterable[str]) -> list[dict]:
    """The claim links whose claimant is one of these names, with the attack's date and sentence."""
    names = list(claimant_names)
    rows = conn.execute(sa.select(claim_links, ev.c.date_start, ev.c.sentence)
                        .join(ev, ev.c.id == claim_links.c.attack_id)
                        .where(claim_links.c.claimant.in_(names)).order_by(ev.c.date_start.desc()))
    return [{"claim_id": r.claim_id, "attack_id": r.attack_id, "claimant": r.claimant, "date": r.date_start,
             "attack": r.sentence, "reason": r.reason} for r in rows]
