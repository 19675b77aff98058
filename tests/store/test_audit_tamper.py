"""Any single tampering with the audit table — an edited, deleted or reordered entry — is detected, and the
first bad entry is named."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
import sqlalchemy as sa
from hypothesis import given, settings
from hypothesis import strategies as st

from legation.store import audit, open_store

N = 12
CONTENT = ("actor", "action", "entity", "entity_id", "after", "before", "at", "hash", "prev_hash")


@pytest.fixture(scope="module")
def chain(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("audit") / "chain.db")
    with store.begin() as conn:
        for i in range(1, N + 1):
            with audit.acting_as(f"user{i % 3}"):
                audit.append(conn, f"thing.change{i % 4}", "thing", f"t{i}", before={"n": i - 1}, after={"n": i})
    yield store
    store.close()


def _rows(conn) -> dict[int, dict]:
    return {r.seq: dict(r._mapping) for r in conn.execute(sa.text("SELECT * FROM audit_log ORDER BY seq"))}


def _put(conn, seq: int, row: dict) -> None:
    values = {k: v for k, v in row.items() if k != "seq"}
    sets = ", ".join(f'"{k}" = :{k}' for k in values)
    conn.execute(sa.text(f"UPDATE audit_log SET {sets} WHERE seq = :seq"), {**values, "seq": seq})


def _edit(conn, seq: int, column: str) -> None:
    row = _rows(conn)[seq]
    value = row[column]
    if column == "at":
        changed = (dt.datetime.fromisoformat(str(value)) + dt.timedelta(seconds=1)).isoformat(sep=" ")
    elif column in ("before", "after"):
        changed = '{"n": 999}'
    elif column in ("hash", "prev_hash"):
        changed = ("f" if value[0] != "f" else "e") + value[1:]
    else:
        changed = f"{value}x"
    conn.execute(sa.text(f'UPDATE audit_log SET "{column}" = :v WHERE seq = :seq'), {"v": changed, "seq": seq})


def _tamper(conn, how: str, i: int, j: int, column: str) -> int:
    """Apply one tampering; return the seq verify must name."""
    if how == "edit":
        _edit(conn, i, column)
        return i
    if how == "delete":
        conn.execute(sa.text("DELETE FROM audit_log WHERE seq = :seq"), {"seq": i})
        return i
    rows = _rows(conn)  # swap: two entries trade places (their positions in the chain)
    _put(conn, i, rows[j])
    _put(conn, j, rows[i])
    return min(i, j)


def test_untouched_chain_verifies(chain):
    with chain.connect() as conn:
        assert audit.verify(conn) == (N, None, None)


@settings(max_examples=150, deadline=None)
@given(how=st.sampled_from(["edit", "delete", "swap"]), i=st.integers(1, N), j=st.integers(1, N),
       column=st.sampled_from(CONTENT))
def test_any_single_tampering_is_detected_at_the_first_bad_entry(chain, how, i, j, column):
    if how == "swap" and i == j:
        j = i % N + 1
    with chain.connect() as conn:
        transaction = conn.begin()
        try:
            expected = _tamper(conn, how, i, j, column)
            _checked, bad, why = audit.verify(conn)
            assert bad == expected, (how, i, j, column, why)
            assert why
        finally:
            transaction.rollback()


def test_deleting_the_newest_entries_is_detected(chain):
    with chain.connect() as conn:
        transaction = conn.begin()
        conn.execute(sa.text("DELETE FROM audit_log WHERE seq >= :s"), {"s": N - 2})
        assert audit.verify(conn)[1:] == (N - 2, f"entries {N - 2}..{N} are missing (deleted from the end of the "
                                                 "chain)")
        transaction.rollback()


def test_a_forged_entry_appended_by_hand_is_detected(chain):
    with chain.connect() as conn:
        transaction = conn.begin()
        last = _rows(conn)[N]
        _put_new = {**last, "seq": N + 1, "prev_hash": last["hash"]}
        conn.execute(sa.text("INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, before, after, "
                             "prev_hash, hash) VALUES (:seq, :at, :actor, :action, :entity, :entity_id, :before, "
                             ":after, :prev_hash, :hash)"), _put_new)
        _checked, bad, why = audit.verify(conn)
        assert bad == N + 1
        transaction.rollback()


def test_audit_verify_command_names_the_bad_entry_and_exits_1(cli):
    assert cli("sites", "import", "--examples").exit_code == 0
    assert cli("--as", "iq-pm", "orders", "draft", "--to", "iq-moi", "--site", "usa-emb-baghdad", "--measure",
               "patrol").exit_code == 0
    ok = cli("audit", "verify", "--format", "json")
    assert ok.exit_code == 0 and '"ok": true' in ok.stdout
    with sqlite3.connect(cli.db) as db:
        db.execute("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1")
    bad = cli("audit", "verify", "--format", "json")
    assert bad.exit_code == 1
    assert '"first_bad": 1' in bad.stdout and "audit chain broken at entry 1" in bad.stderr


def test_migration_starts_the_head_at_an_existing_chains_newest_entry(tmp_path, monkeypatch):
    from alembic import command

    from legation.store import db

    store = open_store(tmp_path / "old.db", migrate=False)
    with store.engine.begin() as conn:
        command.upgrade(db._alembic_config(conn), "0001_foundation")
    with monkeypatch.context() as patch, store.begin() as conn:  # written before the head existed
        patch.setattr(audit, "_move_head", lambda *args: None)
        for i in range(3):
            audit.append(conn, "thing.change", "thing", str(i))
    db.upgrade(store)
    with store.begin() as conn:
        assert audit.verify(conn) == (3, None, None)
        conn.execute(sa.text("DELETE FROM audit_log WHERE seq = 3"))
        assert audit.verify(conn)[1] == 3
    store.close()
