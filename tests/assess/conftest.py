"""Every write these tests make directly through the store is made by a named test user (the audit log refuses a
write with no one named)."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def acting_as_a_test_user():
    from legation.store.audit import acting_as

    with acting_as("test:assess"):
        yield
