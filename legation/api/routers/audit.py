"""The audit trail: who did what, when (newest first), and whether the hash chain is intact."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query

from legation.api.auth import get_store, require
from legation.api.routers.common import Paging, errors, paging
from legation.api.schemas import AuditEntry, AuditVerify, Page, UTCTime
from legation.domain.errors import InputError
from legation.domain.users import User, visible_audit_entry

router = APIRouter(tags=["audit"])
_E = errors(400, 401, 403, 422, 429)


@router.get("/audit", response_model=Page[AuditEntry], responses=_E)
def list_entries(actor: str | None = Query(None, max_length=200, examples=["ops1"]),
                 action: str | None = Query(None, max_length=64, examples=["site.update"]),
                 entity: str | None = Query(None, max_length=32, examples=["site"]),
                 entity_id: str | None = Query(None, max_length=200),
                 since: UTCTime | None = Query(None, description="written at or after this time (UTC unless "
                                                                 "it says otherwise)", examples=["2026-12-01"]),
                 until: UTCTime | None = Query(None, description="written before this time",
                                               examples=["2026-12-02T12:00:00Z"]),
                 page: Paging = Depends(paging), user: User = Depends(require("audit.read")),
                 store=Depends(get_store)) -> dict:
    """Audit entries matching every filter given, newest first. Every filter is matched exactly (`%` and `_` are
    plain characters); `action` also as a prefix ending at a dot (`order` matches `order.issue`)."""
    from legation.store.audit import entries

    if since and until and since >= until:
        raise InputError("since must be before until")
    with store.connect() as conn:
        rows = entries(conn, actor=actor, action=action, entity=entity, entity_id=entity_id, since=since,
                       until=until, limit=page.offset + page.limit + 1)
    return page.slice([r for r in rows[::-1] if visible_audit_entry(user, r)])


@router.get("/audit/verify", response_model=AuditVerify, responses=_E)
def verify(_: User = Depends(require("audit.read")), store=Depends(get_store)) -> dict:
    """Walk the hash chain: how many entries, and the first that was changed, removed or reordered."""
    from legation.store.audit import verify as walk

    with store.connect() as conn:
        checked, bad, reason = walk(conn)
    return {"checked": checked, "ok": bad is None, "first_bad": bad, "reason": reason}
