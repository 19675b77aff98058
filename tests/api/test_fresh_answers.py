"""No kept answer is older than the last write it should reflect, and a write elsewhere leaves it kept
(legation/api/cache.py, legation/store/changes.py): on SQLite and on PostgreSQL.

Baghdad holds the US embassy and the EU delegation (tests/api/conftest.py); these tests add a consulate in Erbil,
about 320 km north, in other grid cells. A kept answer served again keeps its ETag: If-None-Match gets 304.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import Api, _place, _when, seed, settings_for
from tests.factories import make_event, make_site

DAY = "at=2023-10-25&days=30"
BAGHDAD = f"/api/v1/sites/usa-emb/status?{DAY}"
ERBIL = f"/api/v1/sites/usa-erbil/status?{DAY}"
NEAR_BAGHDAD = "/api/v1/events?lat=33.30&lon=44.40&km=10"
NEAR_ERBIL = "/api/v1/events?lat=36.19&lon=44.01&km=10"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def backend(request, tmp_path):
    """A seeded store (SQLite copy, or a fresh PostgreSQL database) with a consulate in Erbil added."""
    from legation.domain.records import Evidence
    from legation.store.events import upsert_events
    from legation.store.sites import upsert_sites

    if request.param == "sqlite":
        store = request.getfixturevalue("seeded_store")
    else:
        store = request.getfixturevalue("pg_store")
        store.tokens = seed(store)
    with store.begin() as conn:
        upsert_sites(conn, [make_site(id="usa-erbil", name="US Consulate Erbil", city="Erbil", lat=36.19,
                                      lon=44.01)])
        upsert_events(conn, [make_event(location=_place(36.191, 44.012), date=_when("2023-10-19"),
                                        evidence=Evidence(sentence="Protesters gathered at the consulate gate."))])
    return store


def _server(tmp_path, store) -> TestClient:
    from legation.api import create_app

    return TestClient(create_app(settings_for(tmp_path / "api.db"), store), raise_server_exceptions=False)


@pytest.fixture
def api(tmp_path, backend):
    with _server(tmp_path, backend) as client:
        yield Api(client, backend.tokens, backend)


def _write(store, lat, lon, sentence, type="ASSAULT", day="2023-10-24"):
    from legation.domain.records import Evidence
    from legation.store.events import upsert_events

    with store.begin() as conn:
        upsert_events(conn, [make_event(type=type, location=_place(lat, lon), date=_when(day),
                                        evidence=Evidence(sentence=sentence))])


def _sentences(answer) -> list[str]:
    body = answer.json()
    return [e["evidence"]["sentence"] for e in body.get("recent_events", body.get("items", []))]


def _still_kept(api, path, first) -> bool:
    again = api.get(path, headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code in (200, 304)
    return again.status_code == 304


def test_a_write_near_a_site_makes_its_status_and_the_searches_there_fresh(api):
    status, search, far = api.get(BAGHDAD), api.get(NEAR_BAGHDAD), api.get(ERBIL)
    assert _still_kept(api, BAGHDAD, status) and _still_kept(api, NEAR_BAGHDAD, search)
    _write(api.store, 33.299, 44.396, "A drone struck the embassy's outer wall.")
    assert "A drone struck the embassy's outer wall." in _sentences(api.get(BAGHDAD))
    assert "A drone struck the embassy's outer wall." in _sentences(api.get(NEAR_BAGHDAD))
    assert not _still_kept(api, BAGHDAD, status)
    assert _still_kept(api, ERBIL, far)  # 320 km away: its kept answer stays
    assert "A drone struck the embassy's outer wall." not in _sentences(api.get(ERBIL))


def test_a_write_far_away_leaves_the_kept_answer_in_place(api):
    status, search = api.get(BAGHDAD), api.get(NEAR_BAGHDAD)
    _write(api.store, 36.188, 44.009, "A rocket landed near the consulate in Erbil.")
    assert _still_kept(api, BAGHDAD, status) and _still_kept(api, NEAR_BAGHDAD, search)
    assert api.get(BAGHDAD).content == status.content
    assert "A rocket landed near the consulate in Erbil." in _sentences(api.get(ERBIL))
    assert "A rocket landed near the consulate in Erbil." in _sentences(api.get(NEAR_ERBIL))


def test_a_search_anywhere_sees_every_write(api):
    everywhere = api.get("/api/v1/events?q=rocket")
    assert _sentences(everywhere) == []
    _write(api.store, 36.188, 44.009, "A rocket landed near the consulate in Erbil.")
    assert _sentences(api.get("/api/v1/events?q=rocket")) == ["A rocket landed near the consulate in Erbil."]


def test_a_search_for_other_types_stays_kept(api):
    protests = f"{NEAR_BAGHDAD}&type=PROTEST"
    assaults = f"{NEAR_BAGHDAD}&type=ASSAULT"
    kept_protests, kept_assaults = api.get(protests), api.get(assaults)
    _write(api.store, 33.299, 44.396, "Gunmen fired at the embassy's checkpoint.", type="ASSAULT")
    assert _still_kept(api, protests, kept_protests)
    assert not _still_kept(api, assaults, kept_assaults)
    assert "Gunmen fired at the embassy's checkpoint." in _sentences(api.get(assaults))


def test_a_search_for_other_words_stays_kept(api):
    rockets, gunmen = "/api/v1/events?q=rocket", f"{NEAR_BAGHDAD}&q=gunmen"
    kept_rockets, kept_gunmen = api.get(rockets), api.get(gunmen)
    assert _sentences(kept_gunmen) == []
    _write(api.store, 33.299, 44.396, "Gunmen fired at the embassy's checkpoint.")
    assert _still_kept(api, rockets, kept_rockets)
    assert _sentences(api.get(gunmen)) == ["Gunmen fired at the embassy's checkpoint."]


def test_a_moved_event_makes_both_places_fresh(api):
    """A revision that moves an event from Baghdad to Erbil: both places' answers show where it is now."""
    from legation.domain.records import Evidence
    from legation.store.events import upsert_events

    event = make_event(location=_place(33.299, 44.396), date=_when("2023-10-24"),
                       evidence=Evidence(sentence="A convoy was ambushed."))
    with api.store.begin() as conn:
        upsert_events(conn, [event])
    assert "A convoy was ambushed." in _sentences(api.get(BAGHDAD))
    assert "A convoy was ambushed." not in _sentences(api.get(ERBIL))
    event.location = _place(36.189, 44.011)
    with api.store.begin() as conn:
        assert upsert_events(conn, [event]).updated == 1
    assert "A convoy was ambushed." not in _sentences(api.get(BAGHDAD))
    assert "A convoy was ambushed." in _sentences(api.get(ERBIL))


def test_an_assessment_makes_only_that_sites_status_fresh(api):
    from legation.domain.assessment import Assessment
    from legation.store.assessments import record_assessments

    baghdad, erbil = api.get(BAGHDAD), api.get(ERBIL)
    assert baghdad.json()["assessment"] is None
    with api.store.begin() as conn:
        record_assessments(conn, [Assessment(site_id="usa-emb", name="US Embassy", level=3, level_name="high",
                                             probability=0.4, drivers=[], model="test", at="2023-10-25")])
    assert api.get(BAGHDAD).json()["assessment"]["level"] == 3
    assert _still_kept(api, ERBIL, erbil)


def test_a_write_the_log_does_not_describe_makes_every_answer_fresh(api):
    """A site's own record changing (not an event or an assessment): every kept answer is computed again."""
    from legation.store.sites import upsert_sites

    erbil, baghdad = api.get(ERBIL), api.get(BAGHDAD)
    assert erbil.json()["site"]["name"] == "US Consulate Erbil"
    with api.store.begin() as conn:
        upsert_sites(conn, [make_site(id="usa-erbil", name="US Consulate General Erbil", city="Erbil", lat=36.19,
                                      lon=44.01)])
    assert api.get(ERBIL).json()["site"]["name"] == "US Consulate General Erbil"
    assert not _still_kept(api, BAGHDAD, baghdad)


def test_an_order_leaves_kept_answers_in_place(api):
    """Orders are no part of a site's status or an event search: issuing one keeps both."""
    from tests.api.conftest import make_order

    status, search = api.get(BAGHDAD), api.get(NEAR_BAGHDAD)
    make_order(api.store, state="issued")
    assert api.get("/api/v1/orders").json()["items"]
    assert _still_kept(api, BAGHDAD, status) and _still_kept(api, NEAR_BAGHDAD, search)


def test_the_log_keeps_recent_writes_only_and_a_server_behind_it_computes_again(api, monkeypatch):
    """Old rows of the change log are deleted; a server that last read the log before them takes the writes they
    described as touching everything (its answers are computed again, never kept too long)."""
    import sqlalchemy as sa

    from legation.store import changes

    monkeypatch.setattr(changes, "KEEP_WRITES", 1)
    monkeypatch.setattr(changes, "PRUNE_EVERY", 1)
    status = api.get(BAGHDAD)
    for n in range(3):
        _write(api.store, 36.188, 44.009 + n / 1000, f"Shelling number {n} near Erbil.")
    with api.store.connect() as conn:
        kept_writes = conn.execute(sa.select(sa.func.count(sa.distinct(changes.data_changes.c.seq)))).scalar_one()
    assert kept_writes <= 2
    again = api.get(BAGHDAD, headers={"If-None-Match": status.headers["etag"]})
    assert again.status_code == 200 and _sentences(again) == _sentences(status)


def test_two_server_processes_agree(tmp_path, backend):
    """Two servers over one database, each keeping its own answers: a write seen by one is seen by the other."""
    with _server(tmp_path, backend) as one, _server(tmp_path, backend) as two:
        first, second = Api(one, backend.tokens, backend), Api(two, backend.tokens, backend)
        kept_one, kept_two = first.get(BAGHDAD), second.get(BAGHDAD)
        far_one, far_two = first.get(ERBIL), second.get(ERBIL)
        _write(backend, 33.299, 44.396, "Shots were fired at the embassy gate.")
        assert "Shots were fired at the embassy gate." in _sentences(first.get(BAGHDAD))
        assert "Shots were fired at the embassy gate." in _sentences(second.get(BAGHDAD))
        assert not _still_kept(first, BAGHDAD, kept_one) and not _still_kept(second, BAGHDAD, kept_two)
        assert _still_kept(first, ERBIL, far_one) and _still_kept(second, ERBIL, far_two)


def test_after_an_ingest_the_status_shows_the_new_assessment_from_the_status_table(api):
    """The reaction to new events (`after_ingest`) re-assesses the sites and keeps each one's status row in the same
    transaction: the next status read shows it, and it is the latest of the site's history."""
    import sqlalchemy as sa

    from legation.act.alerts import after_ingest
    from legation.domain.records import Evidence
    from legation.store.assessments import latest_assessment, site_status
    from legation.store.events import upsert_events

    before = api.get(BAGHDAD)
    assert before.json()["assessment"] is None
    attack = make_event(location=_place(33.299, 44.396), date=_when("2023-10-24"),
                        evidence=Evidence(sentence="A rocket hit the embassy compound."))
    with api.store.begin() as conn:
        upsert_events(conn, [attack])
    after_ingest(api.store, [attack], at=__import__("datetime").date(2023, 10, 25), deliver=False)
    shown = api.get(BAGHDAD).json()["assessment"]
    assert shown is not None and shown["site"] == "usa-emb" and shown["at"] == "2023-10-25"
    assert shown["level"] is None or 1 <= shown["level"] <= 6
    with api.store.connect() as conn:
        row = conn.execute(sa.select(site_status).where(site_status.c.site_id == "usa-emb")).one()
        assert shown == row.record == latest_assessment(conn, "usa-emb").to_dict()
        assert {r.site_id for r in conn.execute(sa.select(site_status.c.site_id))} >= {"usa-emb", "eu-del",
                                                                                       "usa-erbil"}
    assert "A rocket hit the embassy compound." in _sentences(api.get(BAGHDAD))


def test_a_status_as_of_an_earlier_day_is_computed_from_the_history(api):
    """The status table holds the latest assessment; asked as of an earlier day, the status shows the assessment
    made for that day or before it, and none before the first."""
    from legation.domain.assessment import Assessment
    from legation.store.assessments import current_status, record_assessments

    def assessed(level: int, day: str) -> Assessment:
        return Assessment(site_id="usa-emb", name="US Embassy", level=level, level_name="x", probability=level / 10,
                          drivers=[], model="test", at=day)

    with api.store.begin() as conn:
        record_assessments(conn, [assessed(2, "2023-10-20")])
        record_assessments(conn, [assessed(4, "2023-10-25")])
        record_assessments(conn, [assessed(3, "2023-10-18")])  # an earlier day assessed late: not the latest
        assert current_status(conn, "usa-emb").level == 4

    def level(at: str):
        found = api.get(f"/api/v1/sites/usa-emb/status?at={at}&days=30").json()["assessment"]
        return found and found["level"]

    assert [level("2023-10-26"), level("2023-10-25"), level("2023-10-22"), level("2023-10-19"),
            level("2023-10-17")] == [4, 4, 2, 3, None]
    assert api.get("/api/v1/sites/usa-emb/status").json()["assessment"]["level"] == 4  # today: the latest


def test_a_write_outside_the_days_an_answer_reads_leaves_it_kept(api):
    """The status window is the 30 days before `at`, a search may name its days: an event written outside them
    (near, of the right type and words) leaves those answers kept; one inside makes them fresh."""
    window = f"{NEAR_BAGHDAD}&since=2023-10-01&until=2023-10-31"
    status, search = api.get(BAGHDAD), api.get(window)
    _write(api.store, 33.299, 44.396, "A drone struck the embassy's outer wall.", day="2022-03-01")
    assert _still_kept(api, BAGHDAD, status) and _still_kept(api, window, search)
    assert "A drone struck the embassy's outer wall." in _sentences(api.get(NEAR_BAGHDAD))  # no window: seen
    _write(api.store, 33.299, 44.396, "Gunmen fired at the embassy's checkpoint.", day="2023-11-02")
    assert _still_kept(api, BAGHDAD, status) and _still_kept(api, window, search)
    _write(api.store, 33.299, 44.396, "A rocket landed in the embassy's car park.", day="2023-10-12")
    assert "A rocket landed in the embassy's car park." in _sentences(api.get(BAGHDAD))
    assert "A rocket landed in the embassy's car park." in _sentences(api.get(window))


def test_a_full_page_stays_kept_for_an_event_that_sorts_after_it(api):
    """A page with more after it, newest first: an older event cannot enter it (kept); a newer one can (fresh)."""
    first_page = f"{NEAR_BAGHDAD}&limit=1"
    _write(api.store, 33.299, 44.396, "Shots were fired at the embassy gate.", day="2023-10-22")
    page = api.get(first_page)
    assert _sentences(page) == ["Shots were fired at the embassy gate."] and page.json()["next_offset"] == 1
    _write(api.store, 33.299, 44.396, "A drone struck the embassy's outer wall.", day="2023-10-21")
    assert _still_kept(api, first_page, page)
    _write(api.store, 33.299, 44.396, "A rocket landed in the embassy's car park.", day="2023-10-23")
    assert _sentences(api.get(first_page)) == ["A rocket landed in the embassy's car park."]


def test_a_database_from_before_the_status_table_gets_each_sites_latest_assessment(tmp_path):
    """Migration 0015_site_status fills the table from the history already stored (SQLite: the database is taken
    back to before it, its history kept)."""
    import sqlalchemy as sa

    from legation.domain.assessment import Assessment
    from legation.store import open_store
    from legation.store.assessments import current_status, latest_assessment, record_assessments
    from tests.factories import rewind_to_before_0015

    path = tmp_path / "old.db"
    store = open_store(path)
    with store.begin() as conn:
        for level, day in ((2, "2023-10-20"), (4, "2023-10-25"), (3, "2023-10-18")):
            record_assessments(conn, [Assessment(site_id=site, name=site, level=level, level_name="x",
                                                 probability=level / 10, drivers=[], model="test", at=day)
                                      for site in ("usa-emb", "eu-del")])
    with store.begin() as conn:  # as it was before 0015: no table, no days in the log
        rewind_to_before_0015(conn)
    store.close()
    store = open_store(path)
    with store.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM site_status")).scalar() == 2
        for site in ("usa-emb", "eu-del"):
            assert current_status(conn, site).level == 4
            assert current_status(conn, site).to_dict() == latest_assessment(conn, site).to_dict()
    store.close()

