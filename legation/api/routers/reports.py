"""Reports: list, get, and ingest an article (stored once by content; events extracted when the extractor is
installed)."""

from __future__ import annotations

from fastapi import APIRouter, BackgroundTasks, Depends, Path, Request

from legation.api.auth import get_store, require, visible_report_ids
from legation.api.routers.common import Paging, errors, paging
from legation.api.schemas import IngestResult, Page, ReportIn, ReportOut, ReportSummary
from legation.domain.records import Report
from legation.domain.users import User
from legation.store.audit import acting_as

router = APIRouter(tags=["reports"])
_E = errors(400, 401, 403, 404, 413, 422, 429)


@router.get("/reports", response_model=Page[ReportSummary], responses=_E)
def list_reports(page: Paging = Depends(paging), user: User = Depends(require("reports.read")),
                 store=Depends(get_store)) -> dict:
    """Stored reports, newest ingested first (without their text); a liaison, those with an event within reach of
    their own sites."""
    from legation.store.reports import count_reports
    from legation.store.reports import list_reports as list_all

    with store.connect() as conn:
        shown = visible_report_ids(conn, user)
        if shown is None:
            return page.slice(list_all(conn, limit=page.offset + page.limit + 1))
        return page.slice([r for r in list_all(conn, limit=count_reports(conn)) if r["id"] in shown])


@router.get("/reports/{report_id}", response_model=ReportOut, responses=_E)
def get(report_id: str = Path(max_length=64), user: User = Depends(require("reports.read")),
        store=Depends(get_store)) -> dict:
    """One report with its full text (evidence offsets of its events point into it)."""
    from legation.domain.errors import NotFound
    from legation.store.reports import get_report

    with store.connect() as conn:
        report = get_report(conn, report_id)
        shown = visible_report_ids(conn, user)
        if shown is not None and report.id not in shown:
            raise NotFound(f"no report with id {report_id!r}")
    return {"id": report.id, "doc": report.doc, "title": report.title, "published": report.published,
            "format": report.format, "source": report.source, "text": report.text, "url": report.url,
            "hash": report.hash}


@router.post("/reports", response_model=IngestResult, status_code=201, responses=_E)
def ingest(body: ReportIn, request: Request, background: BackgroundTasks,
           user: User = Depends(require("reports.ingest")),
           store=Depends(get_store)) -> dict:
    """Ingest an article: stored once by its content (the same text twice is one report), then its events are
    extracted and stored when the extractor is installed."""
    from legation.act.alerts import dispatch
    from legation.act.intake import place, receive
    from legation.api.extraction import extract

    report = Report(text=body.text, source=body.source, title=body.title,
                    published=body.published.isoformat() if body.published else None, url=body.url,
                    doc=body.doc or (body.title or "report")[:60])
    events = extract(request.app, report)
    with acting_as(user.username):  # alerts are raised before answering and delivered after (webhooks may be
        # slow); the records are placed in incidents after answering too
        got = receive(store, [(report, events or [])], settings=request.app.state.settings, deliver=False)
    if got.reaction.get("alerts"):
        background.add_task(dispatch, store, request.app.state.settings)
    if got.events:
        background.add_task(place, store, [e.id for e in got.events], user.username)
    return {"report": report.id, "new": bool(got.reports["new"]), "extracted": events is not None,
            "events_inserted": got.counts.inserted, "events_updated": got.counts.updated,
            "events_unchanged": got.counts.unchanged}
