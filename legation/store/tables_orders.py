"""Tables of protection orders (one row per version of an order), and the audit chain's head.

An order's whole record lives in `record` (the domain's `Order.to_dict()`); the other columns are what queries
filter on. `audit_head` holds the sequence number and hash of the newest audit entry, written by every append, so
that deleting the newest entries (which leaves a shorter but internally consistent chain) is detected too.
"""

from __future__ import annotations

import sqlalchemy as sa

from legation.store.tables import metadata

orders = sa.Table(
    "orders", metadata,
    sa.Column("id", sa.String(32), nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("state", sa.String(16), nullable=False, index=True),
    sa.Column("issuer", sa.String(64), nullable=False, index=True),
    sa.Column("priority", sa.String(16), nullable=False),
    sa.Column("parent", sa.String(40), index=True),  # "ord-0001@1" for a task split from that order
    sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
    sa.Column("valid_until", sa.DateTime(timezone=True)),
    sa.Column("record", sa.JSON, nullable=False),
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint("id", "version"),
)

audit_head = sa.Table(
    "audit_head", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),  # always 1: one chain, one head
    sa.Column("seq", sa.Integer, nullable=False),
    sa.Column("hash", sa.String(64), nullable=False),
)
