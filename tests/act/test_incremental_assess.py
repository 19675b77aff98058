"""`after_ingest` re-assesses only the sites new events can change, and leaves the same statuses, assessments, level
changes and alerts as re-assessing every site: two copies of one store, batch after batch, one reacting
incrementally and one re-assessing every site (`incremental=False`), compared after each batch, and each compared
with a fresh assessment of every site."""

from __future__ import annotations

import datetime as dt
import random

import pytest
import sqlalchemy as sa

from legation.act.alerts import after_ingest
from legation.assess import service
from legation.assess.service import assess_sites, sites_touched
from legation.domain import Party, Place, TimeSpan
from legation.domain.alerts import Subscription
from legation.store import open_store
from legation.store.alerts import add_subscription
from legation.store.assessments import assessment_as_of, level_changes, site_status
from legation.store.events import get_event, upsert_events
from legation.store.sites import get_site, upsert_sites
from legation.store.tables_alerts import alerts as alerts_table
from tests.factories import copy_database, make_event, make_site

D0 = dt.date(2023, 10, 20)
DAY = dt.timedelta(days=1)
D1 = D0 + DAY
PLACES = {"IRQ": [(33.30, 44.39), (36.19, 44.01), (30.51, 47.78)], "SYR": [(33.51, 36.29), (35.33, 40.14)],
          "JOR": [(31.95, 35.93)]}
BORDER = (32.62, 36.10)  # Daraa, in Syria 75 km from Amman: within the 100 km of coverage, not the 50 km of the area
STATES = ["USA", "GBR", "FRA", "TUR"]
GROUPS = ["Group A", "Group B", "Group C"]


def _sites() -> list:
    rng = random.Random(5)
    out = []
    for country, places in PLACES.items():
        for i in range(4 * len(places)):
            lat, lon = places[i % len(places)]
            out.append(make_site(id=f"{country.lower()}-{i:02d}", host_country=country,
                                 sending_state=STATES[i % len(STATES)], lat=lat + rng.gauss(0, 0.05),
                                 lon=lon + rng.gauss(0, 0.05), kind="military-base" if i % 5 == 4 else "embassy"))
    return out


def _attack(country: str, lat: float, lon: float, day: dt.date, *, recipients=(), actor="Group B", **more):
    fields = dict(type="ASSAULT", mode=["heavy-weapons"], source="article",
                  actors=[Party(text=actor, kind="armed_group")],
                  recipients=[Party(text=f"{state} staff", kind="state", country=state) for state in recipients],
                  location=Place(text="near", country=country, lat=lat, lon=lon, precision="site"),
                  date=TimeSpan(start=day.isoformat(), end=day.isoformat(), precision="day", kind="exact"))
    fields.update(more)
    return make_event(**fields)


def _history(n: int = 900) -> list:
    """Three years of events around the sites' cities: attacks (some on a sending state's people), protests,
    protective measures, from two sources, placed to the site or the city."""
    rng = random.Random(9)
    out = []
    for _ in range(n):
        country = rng.choice(["IRQ", "IRQ", "SYR", "JOR", "border"])
        lat, lon = rng.choice(PLACES.get(country) or [BORDER])
        country = "SYR" if country == "border" else country
        day = D0 - dt.timedelta(days=rng.randrange(1, 3 * 365))
        kind, modes = rng.choice([("ASSAULT", ["drone"]), ("ASSAULT", ["heavy-weapons"]), ("PROTEST", ["riot"]),
                                  ("PROTECT", ["cordon"]), ("MOBILIZE", ["troops"])])
        spread = 0.05 if (lat, lon) == BORDER else 0.2
        out.append(_attack(country, round(lat + rng.gauss(0, spread), 4), round(lon + rng.gauss(0, spread), 4), day,
                           type=kind, mode=modes, actor=rng.choice(GROUPS), source=rng.choice(["acled", "article"]),
                           recipients=[rng.choice(STATES)] if rng.random() < 0.1 else [],
                           location=Place(text="near", country=country, lat=round(lat + rng.gauss(0, spread), 4),
                                          lon=round(lon + rng.gauss(0, spread), 4),
                                          precision=rng.choice(["site", "city"]))))
    return out


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    from legation.store.audit import acting_as

    path = tmp_path_factory.mktemp("incremental") / "template.db"
    store = open_store(path)
    with acting_as("test"), store.begin() as conn:
        upsert_sites(conn, _sites())
        upsert_events(conn, _history())
        add_subscription(conn, Subscription(owner="ana", channel="console", target="-", min_level=1))
    store.close()
    return path


@pytest.fixture
def pair(template, tmp_path):
    """(incremental store, full store): two copies of the template."""
    stores = [open_store(copy_database(template, tmp_path / f"{name}.db")) for name in ("inc", "full")]
    yield stores
    for s in stores:
        s.close()


def _react(store, events, *, incremental: bool, at=None) -> dict:
    with store.begin() as conn:
        upsert_events(conn, events)
    found: dict = {}
    after_ingest(store, events, at=at, deliver=False, found=found, incremental=incremental)
    return found


def _state(store) -> dict:
    """What a user sees: every site's status row, every level change, every alert."""
    with store.connect() as conn:
        status = {r.site_id: (r.assessment_id, r.at, r.level, r.probability, r.record)
                  for r in conn.execute(sa.select(site_status))}
        changes = [(c.site_id, c.at, c.old_level, c.new_level, c.assessment_id) for c in level_changes(conn)]
        alerts = sorted((r.id, r.kind, r.subject, repr(r.payload)) for r in conn.execute(sa.select(alerts_table)))
    return {"status": status, "changes": changes, "alerts": alerts}


def _stale(store, when: dt.date) -> list[str]:
    """Sites whose stored assessment for `when` differs from a fresh assessment of every site."""
    with store.connect() as conn:
        fresh = assess_sites(conn, when)
        return [a.site_id for a in fresh
                if (stored := assessment_as_of(conn, a.site_id, when.isoformat())) is None
                or stored.at != when.isoformat() or stored.to_dict() != a.to_dict()]


def _batches(store):
    """The batches of the scenario, as (name, events, expected: which sites the incremental path re-assesses)."""
    with store.connect() as conn:
        sites = {s: get_site(conn, s) for s in ("irq-00", "syr-01", "jor-02")}
        latest = conn.execute(sa.text("SELECT id FROM events WHERE country = 'IRQ' AND type = 'ASSAULT' "
                                      "ORDER BY date_start DESC LIMIT 20")).scalars()
        moved = next(e for e in map(lambda i: get_event(conn, i), latest) if not e.recipients)
    irq, syr, jor = sites["irq-00"], sites["syr-01"], sites["jor-02"]
    moved.location = Place(text="moved", country="SYR", lat=syr.lat + 0.02, lon=syr.lon, precision="site")
    return [
        ("first of the day", [_attack("IRQ", irq.lat + 0.3, irq.lon, D0)], "all"),
        ("near one site", [_attack("IRQ", irq.lat + 0.01, irq.lon + 0.01, D0)], {"IRQ"}),
        ("far from all, no site's country", [_attack("OMN", 23.6, 58.5, D0)], set()),
        ("in another country", [_attack("JOR", jor.lat, jor.lon + 0.02, D0, mode=["drone"])], {"JOR"}),
        ("across a border, 75 km from the Jordanian sites", [_attack("SYR", *BORDER, D0)], {"SYR", "JOR"}),
        ("negated", [_attack("SYR", syr.lat, syr.lon, D0, negated=True)], {"SYR"}),
        ("a revision moving a stored event (with a new one, so on the same day)",
         [moved, _attack("OMN", 23.5, 58.5, D0)], {"IRQ", "SYR"}),
        ("on a state's people, where it has no site", [_attack("OMN", 23.6, 58.6, D0, recipients=["GBR"],
                                                               actor="Group A")], {"GBR"}),
        ("an advisory", [make_event(type="ADVISORY", mode=["raise"], source="article",
                                    actors=[Party(text="Foreign Office", kind="government", country="FRA")],
                                    recipients=[], location=Place(text="Syria", country=None),
                                    date=TimeSpan(start=D0.isoformat(), end=D0.isoformat(), precision="day"))],
         {"FRA"}),
        ("a later day", [_attack("OMN", 23.6, 58.2, D1)], "all"),
        ("the later day again, with an attack two days before", [
            _attack("JOR", jor.lat + 0.01, jor.lon, D1), _attack("JOR", jor.lat, jor.lon + 0.01, D0 - 2 * DAY)],
         {"JOR"}),
        ("back to the first day: this batch's sites and those touched since",
         [_attack("SYR", syr.lat + 0.01, syr.lon, D0)], {"SYR", "JOR"}),
        ("the later day: this batch's sites and those touched since",
         [_attack("IRQ", irq.lat, irq.lon + 0.01, D1)], {"IRQ", "SYR"}),
        ("an earlier day", [_attack("SYR", syr.lat, syr.lon + 0.01, D0 - dt.timedelta(days=3))], "all"),
    ]


def _expected(store, expected) -> set[str]:
    from legation.store.sites import list_sites

    with store.connect() as conn:
        sites = list_sites(conn)
    if expected == "all":
        return {s.id for s in sites}
    return {s.id for s in sites if s.host_country in expected or s.sending_state in expected}


def test_each_batch_leaves_what_reassessing_every_site_leaves(pair):
    inc, full = pair
    later: list = []
    for name, events, expected in _batches(inc):
        when = max(dt.date.fromisoformat(e.date.start) for e in events)
        got = _react(inc, events, incremental=True)
        want = _react(full, events, incremental=False)
        assert _state(inc) == _state(full), name
        assert [c.to_dict() for c in got["changes"]] == [c.to_dict() for c in want["changes"]], name
        assert [a.id for a in got["alerts"]] == [a.id for a in want["alerts"]], name
        assert _stale(inc, when) == [], name
        assessed, every = set(got["assessed"]), _expected(inc, "all")
        if expected == "all":
            assert assessed == every, name
        else:
            assert _expected(inc, expected) <= assessed < every, name
        assert set(want["assessed"]) == every
        later += got["changes"] if name != "first of the day" else []
    assert later, "no batch after the first changed a level: the scenario would not show a missed one"


def test_a_selection_that_skips_an_affected_site_is_caught(pair, monkeypatch):
    """Leave out one rule (the host country's: its coverage and targeting) and the comparison fails."""
    inc, full = pair
    real = service.sites_touched

    def within_reach_only(sites, records):
        records = [{**r, "location": {**(r.get("location") or {}), "country": None}} for r in records]
        return real(sites, records)

    monkeypatch.setattr(service, "sites_touched", within_reach_only)
    differed = []
    for name, events, _ in _batches(inc):
        _react(inc, events, incremental=True)
        _react(full, events, incremental=False)
        if _state(inc)["status"] != _state(full)["status"]:
            differed.append(name)
    assert "near one site" in differed and "negated" in differed


def test_the_rules_name_the_sites_an_event_can_change():
    sites = _sites()
    by_id = {s.id: s for s in sites}
    baghdad = _attack("IRQ", 33.31, 44.40, D0).to_dict()
    assert set(sites_touched(sites, [baghdad])) == {s.id for s in sites if s.host_country == "IRQ"}
    nowhere = _attack(None, 23.6, 58.5, D0).to_dict()
    assert sites_touched(sites, [nowhere]) == []
    border = _attack(None, 32.2, 36.0, D0).to_dict()  # ~30 km from the Jordanian sites, in no country
    assert set(sites_touched(sites, [border])) == {s.id for s in sites if s.host_country == "JOR"}
    on_france = _attack(None, 23.6, 58.5, D0, recipients=["FRA"]).to_dict()
    assert set(sites_touched(sites, [on_france])) == {s.id for s in sites if s.sending_state == "FRA"}
    kinds = {by_id[s].kind for s in sites_touched(sites, [baghdad])}
    assert "military-base" in kinds


def test_a_write_it_cannot_account_for_reassesses_every_site(pair):
    inc, _ = pair
    with inc.connect() as conn:
        site = get_site(conn, "jor-00")
        every = {r[0] for r in conn.execute(sa.text("SELECT id FROM sites"))}
    _react(inc, [_attack("IRQ", 33.3, 44.4, D0)], incremental=True)
    assert set(_react(inc, [_attack("OMN", 23.6, 58.5, D0)], incremental=True)["assessed"]) == set()

    with inc.begin() as conn:  # a site moved
        site.lat += 0.5
        upsert_sites(conn, [site])
    assert set(_react(inc, [_attack("OMN", 23.6, 58.4, D0)], incremental=True)["assessed"]) == every

    with inc.begin() as conn:  # a feed's rows stored without a reaction of their own
        upsert_events(conn, [_attack("SYR", 33.5, 36.3, D0, source="acled")])
    assert set(_react(inc, [_attack("OMN", 23.6, 58.3, D0)], incremental=True)["assessed"]) == every
    assert _stale(inc, D0) == []


def test_on_postgresql_each_batch_leaves_every_stored_assessment_current(pg_store):
    with pg_store.begin() as conn:
        upsert_sites(conn, _sites())
        upsert_events(conn, _history(300))
    every = _expected(pg_store, "all")
    for name, events, expected in _batches(pg_store):
        when = max(dt.date.fromisoformat(e.date.start) for e in events)
        assessed = set(_react(pg_store, events, incremental=True)["assessed"])
        assert _stale(pg_store, when) == [], name
        assert assessed == every if expected == "all" else _expected(pg_store, expected) <= assessed < every, name
