"""The level rule, the assessment records, and storing them with history and level changes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from legation.domain.assessment import IMPACT, LEVELS, Assessment, Driver, level_for, likelihood
from legation.domain.errors import InputError
from legation.store.assessments import assessment_history, current_assessments, level_changes, record_assessments


def make(site="usa-emb", level=3, at="2023-10-27", p=0.1):
    coverage = {"status": "unknown", "since": "2018-12-25", "sources": []} if level is None else None
    return Assessment(site, "US Embassy", level, LEVELS.get(level, "Unknown"), p,
                      [Driver("nearby", "2 rocket attacks within 5 km in the last 7 days", 1.2, ["e1", "e2"])],
                      "legation.threat.v2", at, coverage=coverage)


KINDS = sorted(IMPACT) + ["something-else"]


@given(st.sampled_from(KINDS), st.floats(0, 1), st.floats(0, 1))
def test_a_level_never_falls_as_the_probability_rises_within_a_kind(kind, p, q):
    low, high = sorted((p, q))
    assert 1 <= level_for(low, kind) <= level_for(high, kind) <= 6


@pytest.mark.parametrize("kind", KINDS)
def test_a_quiet_site_of_any_kind_is_minimal(kind):
    assert level_for(0.0, kind) == level_for(0.009, kind) == 1


def test_levels_rise_with_probability_and_impact():
    embassy = [level_for(p, "embassy") for p in (0.0, 0.02, 0.1, 0.3, 0.7)]
    assert embassy == [1, 3, 4, 5, 6]
    assert [level_for(p, "military-base") for p in (0.005, 0.7)] == [1, 6]
    assert level_for(0.3, "residence") < level_for(0.3, "embassy")
    assert likelihood(0.0) == 1 and likelihood(1.0) == 5
    with pytest.raises(InputError, match="probability"):
        level_for(1.5, "embassy")


def test_assessment_json_has_the_contract_keys():
    data = make().to_dict()
    assert {"site", "name", "level", "level_name", "probability", "drivers"} <= set(data)
    assert data["drivers"][0] == {"kind": "nearby", "text": "2 rocket attacks within 5 km in the last 7 days",
                                  "weight": 1.2, "event_ids": ["e1", "e2"]}
    assert Assessment.from_dict(data).to_dict() == data
    with pytest.raises(InputError):
        make(level=7)
    unknown = make(level=None, p=None).to_dict()
    assert unknown["level"] is None and unknown["probability"] is None and unknown["coverage"]["status"] == "unknown"
    assert Assessment.from_dict(unknown).to_dict() == unknown
    with pytest.raises(InputError, match="unknown only when no source covers"):
        Assessment("s", "S", None, "Unknown", None, [], "legation.threat.v2", "2023-10-27")


def test_an_unknown_level_is_stored_but_is_no_level_change(store):
    with store.begin() as conn:
        record_assessments(conn, [make(level=3)])
        gone = record_assessments(conn, [make(level=None, p=None, at="2023-10-28")])
        back = record_assessments(conn, [make(level=3, at="2023-10-29")])
    assert gone == [] and back == []
    with store.connect() as conn:
        assert [a.level for a in assessment_history(conn, "usa-emb")] == [3, None, 3]


def test_level_changes_are_recorded_once_with_history(store):
    with store.begin() as conn:
        first = record_assessments(conn, [make(level=3)])
        again = record_assessments(conn, [make(level=3)])
        raised = record_assessments(conn, [make(level=5, at="2023-10-28", p=0.6)])
        same = record_assessments(conn, [make(level=5, at="2023-10-29", p=0.62)])
    assert [(c.old_level, c.new_level) for c in first] == [(None, 3)]
    assert again == [] and same == []
    assert [(c.old_level, c.new_level, c.raised) for c in raised] == [(3, 5, True)]
    with store.connect() as conn:
        assert [a.at for a in assessment_history(conn, "usa-emb")] == ["2023-10-27", "2023-10-28", "2023-10-29"]
        assert [(a.site_id, a.level) for a in current_assessments(conn)] == [("usa-emb", 5)]
        assert [c.new_level for c in level_changes(conn)] == [3, 5]
        assert [c.new_level for c in level_changes(conn, since="2023-10-28")] == [5]


def test_reassessing_a_day_replaces_it_and_reports_the_change(store):
    with store.begin() as conn:
        record_assessments(conn, [make(level=3)])
        changes = record_assessments(conn, [make(level=4, p=0.25)])
        assert [(c.old_level, c.new_level) for c in changes] == [(3, 4)]
        assert [a.level for a in assessment_history(conn, "usa-emb")] == [4]


@pytest.mark.postgres
def test_assessments_on_postgresql(pg_store):
    with pg_store.begin() as conn:
        record_assessments(conn, [make(level=2)])
        changes = record_assessments(conn, [make(level=4, at="2023-10-28", p=0.3)])
    assert [(c.old_level, c.new_level) for c in changes] == [(2, 4)]
    with pg_store.connect() as conn:
        assert [a.level for a in current_assessments(conn)] == [4]
        assert [a.at for a in assessment_history(conn, "usa-emb")] == ["2023-10-27", "2023-10-28"]


# ------------------------------------------------ the store's column read gives what reading every record gives
def _assess_both_ways(conn, day):
    """(assessments as `assess_sites` makes them from columns, the same built from every full record)."""
    import datetime as dt

    from legation.assess.events import EventTable
    from legation.assess.features import HISTORY_DAYS
    from legation.assess.model import assess, load_parameters
    from legation.assess.service import EVENT_TYPES, assess_sites
    from legation.store.events import query_events
    from legation.store.sites import list_sites

    date = dt.date.fromisoformat(day)
    events = query_events(conn, types=EVENT_TYPES, since=(date - dt.timedelta(days=HISTORY_DAYS)).isoformat(),
                          until=day)
    table = EventTable.from_events(events)
    full = [assess(site, table, date, load_parameters()).to_dict() for site in list_sites(conn)]
    return [a.to_dict() for a in assess_sites(conn, day)], full


def _stored_attacks(conn):
    from legation.domain import Event, Evidence, TimeSpan
    from legation.ingest.sites import example_sites_path, read_sites
    from legation.resolve.places import resolve_place
    from legation.store.events import upsert_events
    from legation.store.sites import upsert_sites
    from tests.resolve.test_incidents import REPORTS

    upsert_sites(conn, read_sites(example_sites_path()).records)
    protests = [Event(doc=f"demo-{n}", type="PROTEST", mode=["demo"], location=resolve_place("Harir base"),
                      date=TimeSpan(start=f"2023-10-{day}", end=f"2023-10-{day}", kind="exact"),
                      evidence=Evidence(sentence="Villagers marched to the base gate.", start=0, end=5))
                for n, day in enumerate((20, 21, 22, 23, 24))]  # peaceful: no attack, so no risk
    upsert_events(conn, REPORTS + protests)


def test_assessing_from_columns_equals_assessing_from_full_records(store):
    with store.begin() as conn:
        _stored_attacks(conn)
    with store.connect() as conn:
        from_columns, from_records = _assess_both_ways(conn, "2023-10-25")
    assert from_columns == from_records
    drivers = [d for a in from_columns for d in a["drivers"]]
    assert any(d["event_ids"] and "attack" in d["text"] for d in drivers), "no driver describes its events"


@pytest.mark.postgres
def test_assessing_from_columns_on_postgresql(pg_store):
    with pg_store.begin() as conn:
        _stored_attacks(conn)
    with pg_store.connect() as conn:
        from_columns, from_records = _assess_both_ways(conn, "2023-10-25")
    assert from_columns == from_records and any(a["drivers"] for a in from_columns)
