"""GET /api/v1/health: is the service up and its database reachable (no sign-in needed)."""

from __future__ import annotations

from fastapi import APIRouter, Depends

from legation.api.auth import get_store
from legation.api.routers.common import ERRORS
from legation.api.schemas import Health

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health, responses={503: ERRORS[503], 429: ERRORS[429]})
def health(store=Depends(get_store)) -> dict:
    """Up, with the database answering. 503 in the error shape when the database cannot be reached."""
    from importlib.metadata import version

    from legation.store.stats import table_counts

    with store.connect() as conn:
        table_counts(conn)
    return {"status": "ok", "version": version("legation"), "database": store.dialect}
