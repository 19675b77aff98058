"""The audit log names who did every write: a write with no one named is refused, never put down to "system"."""

from __future__ import annotations

import contextvars

import pytest

from legation.store import audit


def test_a_write_with_no_one_named_is_refused_and_nothing_is_written(store):
    def write():
        with store.begin() as conn:
            audit.append(conn, "site.create", "site", "x")

    nobody = contextvars.Context()  # a fresh context: what a thread of its own starts with
    with pytest.raises(audit.MissingActor, match="no actor"):
        nobody.run(write)
    with store.connect() as conn:
        assert audit.head_seq(conn) == 0


def test_the_named_user_is_recorded(store):
    with audit.acting_as("ana"), store.begin() as conn:
        seq = audit.append(conn, "site.create", "site", "x")
    with store.connect() as conn:
        [entry] = [e for e in audit.entries(conn) if e["seq"] == seq]
    assert entry["actor"] == "ana"


def test_every_cli_command_writes_as_its_user(cli):
    assert cli("--as", "desk-officer", "sites", "import", "--examples").exit_code == 0
    shown = cli("audit", "show", "--format", "json")
    assert shown.exit_code == 0 and '"desk-officer"' in shown.output and '"system"' not in shown.output
