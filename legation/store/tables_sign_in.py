"""The sign-in throttle's counts (migration 0013_sign_in_failures): one row per user name or client address with
failed sign-ins, times in seconds since the epoch."""

from __future__ import annotations

import sqlalchemy as sa

from legation.store.tables import metadata

sign_in_failures = sa.Table(
    "sign_in_failures", metadata,
    sa.Column("key", sa.String(300), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("blocked_until", sa.Float, nullable=False),
    sa.Column("last_failure", sa.Float, nullable=False, index=True),
)
