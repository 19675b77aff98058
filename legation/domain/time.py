"""Instants in UTC, the one clock that orders, supervision and the audit log share. Pure, no I/O."""

from __future__ import annotations

import datetime as dt

from legation.domain.errors import InputError


def utc(value: dt.datetime | dt.date | str | None) -> dt.datetime | None:
    """A timezone-aware UTC datetime from a datetime, a date (midnight) or an ISO string; None stays None."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            raise InputError(f"not a date or time (want YYYY-MM-DD or YYYY-MM-DDTHH:MM): {value!r}") from None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(), dt.UTC)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def instant(value: dt.datetime | dt.date | str) -> dt.datetime:
    """`utc` for a moment that must be given (when an order is valid from, when a step is taken)."""
    found = utc(value)
    if found is None:
        raise InputError("a date or time is needed here (YYYY-MM-DD or YYYY-MM-DDTHH:MM)")
    return found
