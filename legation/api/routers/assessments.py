"""Threat assessments: the current level of every site this user may see, and one site's history and changes."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path

from legation.api.auth import check_site, get_store, require
from legation.api.routers.common import Paging, errors, paging
from legation.api.schemas import AssessmentOut, AssessRunIn, AssessRunOut, LevelChangeOut, Page
from legation.domain.users import User, visible_assessment
from legation.store.assessments import assessment_history, current_assessments, level_changes
from legation.store.audit import acting_as

router = APIRouter(tags=["assessments"])
_E = errors(400, 401, 403, 404, 422, 429)
SiteId = Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", examples=["usa-emb-baghdad"])


@router.get("/assessments", response_model=Page[AssessmentOut], responses=_E)
def current(page: Paging = Depends(paging), user: User = Depends(require("assessments.read")),
            store=Depends(get_store)) -> dict:
    """The latest assessment of every assessed site this user may see: level 1–6, probability, drivers."""
    with store.connect() as conn:
        found = current_assessments(conn)
    return page.slice([a.to_dict() for a in found if visible_assessment(user, a)])


@router.get("/assessments/{site_id}/history", response_model=Page[AssessmentOut], responses=_E)
def history(site_id: str = SiteId, page: Paging = Depends(paging),
            user: User = Depends(require("assessments.read")), store=Depends(get_store)) -> dict:
    """Every stored assessment of one site, newest first."""
    from legation.store.sites import get_site

    with store.connect() as conn:
        check_site(user, get_site(conn, site_id))
        found = assessment_history(conn, site_id)
    return page.slice([a.to_dict() for a in reversed(found)])


@router.get("/assessments/{site_id}/changes", response_model=Page[LevelChangeOut], responses=_E)
def changes(site_id: str = SiteId, page: Paging = Depends(paging),
            user: User = Depends(require("assessments.read")), store=Depends(get_store)) -> dict:
    """When the site's level moved, newest first."""
    from legation.store.sites import get_site

    with store.connect() as conn:
        check_site(user, get_site(conn, site_id))
        found = level_changes(conn, site_id=site_id)
    return page.slice([c.to_dict() for c in reversed(found)])


@router.post("/assessments/run", response_model=AssessRunOut, responses=_E)
def run(body: AssessRunIn, user: User = Depends(require("assessments.run")), store=Depends(get_store)) -> dict:
    """Assess every site (or those named) as of the end of `at` (default today), store the assessments and
    return them with the level changes they made — what `legation assess` does."""
    from legation.assess.service import assess_sites
    from legation.store.assessments import record_assessments

    with store.connect() as conn:
        assessments = assess_sites(conn, body.at, body.sites or None)
    with store.begin() as conn, acting_as(user.username):
        changes = record_assessments(conn, assessments) if assessments else []
    visible = [a.to_dict() for a in assessments if visible_assessment(user, a)]
    return {"assessments": visible, "changes": [c.to_dict() for c in changes]}

