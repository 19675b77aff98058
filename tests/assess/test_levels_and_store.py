"""The level rule, the assessment records, and storing them with history and level changes."""

from __future__ import annotations

import pytest

from legation.domain.assessment import LEVELS, Assessment, Driver, level_for, likelihood
from legation.domain.errors import InputError
from legation.store.assessments import assessment_history, current_assessments, level_changes, record_assessments


def make(site="usa-emb", level=3, at="2023-10-27", p=0.1):
    return Assessment(site, "US Embassy", level, LEVELS.get(level, "?"), p,
                      [Driver("nearby", "2 rocket attacks within 5 km in the last 7 days", 1.2, ["e1", "e2"])],
                      "legation.threat.v1", at)


def test_levels_rise_with_probability_and_impact():
    embassy = [level_for(p, "embassy") for p in (0.0, 0.02, 0.1, 0.3, 0.7)]
    assert embassy == sorted(embassy) and embassy[0] < embassy[-1] == 6
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
