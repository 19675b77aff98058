"""Who is acting: the one context variable the faces set (`acting_as`) and the audit log reads (`current_actor`).

Kept apart from `legation.store` so that naming the user costs a command nothing it does not use (the store's
import brings SQLAlchemy and Alembic). A write with no one named is refused by the audit log (`MissingActor`).
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterator

_actor: contextvars.ContextVar[str | None] = contextvars.ContextVar("legation_actor", default=None)


@contextlib.contextmanager
def acting_as(user: str) -> Iterator[None]:
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor() -> str | None:
    return _actor.get()
