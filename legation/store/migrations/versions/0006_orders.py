"""Protection orders (one row per version); the audit chain's head (so a deleted newest entry is detected).

Revision ID: 0006_orders
Revises: 0001_foundation
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_orders"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "orders",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("issuer", sa.String(64), nullable=False),
        sa.Column("priority", sa.String(16), nullable=False),
        sa.Column("parent", sa.String(40)),
        sa.Column("valid_from", sa.DateTime(timezone=True), nullable=False),
        sa.Column("valid_until", sa.DateTime(timezone=True)),
        sa.Column("record", sa.JSON, nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", "version"),
    )
    op.create_index("ix_orders_state", "orders", ["state"])
    op.create_index("ix_orders_issuer", "orders", ["issuer"])
    op.create_index("ix_orders_parent", "orders", ["parent"])
    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
    )
    # A database that already has entries: the head starts at its newest one.
    last = op.get_bind().execute(sa.text("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")).first()
    if last is not None:
        op.bulk_insert(head, [{"id": 1, "seq": last.seq, "hash": last.hash}])


def downgrade() -> None:
    op.drop_table("audit_head")
    op.drop_index("ix_orders_parent", "orders")
    op.drop_index("ix_orders_issuer", "orders")
    op.drop_index("ix_orders_state", "orders")
    op.drop_table("orders")
