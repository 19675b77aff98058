"""Tables of alerting and advisories: subscriptions, alerts (deduplicated), delivery attempts, advisories."""

from __future__ import annotations

import sqlalchemy as sa

from legation.store.tables import metadata

subscriptions = sa.Table(
    "subscriptions", metadata,
    sa.Column("id", sa.String(36), primary_key=True),
    sa.Column("owner", sa.Text, nullable=False),  # a user name or a channel name
    sa.Column("channel", sa.String(16), nullable=False),  # webhook, email, console
    sa.Column("target", sa.Text, nullable=False),  # URL, e-mail address, or "-"
    sa.Column("secret", sa.Text),  # HMAC key of a webhook
    sa.Column("rule", sa.JSON, nullable=False),  # what to alert on (see domain/alerts.py Subscription)
    sa.Column("active", sa.Boolean, nullable=False, server_default=sa.true()),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
)

alerts = sa.Table(
    "alerts", metadata,
    sa.Column("id", sa.String(36), primary_key=True),  # uuid5(subscription, subject): the same alert once
    sa.Column("subscription_id", sa.String(36), sa.ForeignKey("subscriptions.id"), nullable=False, index=True),
    sa.Column("kind", sa.String(24), nullable=False),
    sa.Column("subject", sa.Text, nullable=False),
    sa.Column("payload", sa.JSON, nullable=False),
    sa.Column("status", sa.String(12), nullable=False),  # pending, sending, delivered, dead
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("claimed_at", sa.DateTime(timezone=True)),  # when a dispatcher took it to deliver (migration 0010)
)

deliveries = sa.Table(
    "deliveries", metadata,
    sa.Column("alert_id", sa.String(36), sa.ForeignKey("alerts.id"), nullable=False),
    sa.Column("attempt", sa.Integer, nullable=False),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("ok", sa.Boolean, nullable=False),
    sa.Column("detail", sa.Text, nullable=False),
    sa.PrimaryKeyConstraint("alert_id", "attempt"),
)

advisories = sa.Table(
    "advisories", metadata,
    sa.Column("area", sa.String(64), nullable=False),  # ISO alpha-3 country, or COUNTRY/region
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("level", sa.Integer, nullable=False),  # 1..4
    sa.Column("summary", sa.Text, nullable=False),
    sa.Column("reasons", sa.JSON, nullable=False),
    sa.Column("status", sa.String(12), nullable=False),  # draft, published
    sa.Column("author", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("published_at", sa.DateTime(timezone=True)),
    sa.PrimaryKeyConstraint("area", "version"),
)
