"""The ingest page: paste or upload an article, see the extracted events highlighted in its text, correct them and
confirm; confirming stores the report and the events (as curated by the person who confirmed).

The preview carries the article text and each event's record in the form, so confirming stores exactly what was
shown and corrected (no second extraction run that could differ). The preview also carries a signature over all of
it (`draft`, keyed by the session): confirming refuses a form whose text, title, source or records differ from
what the preview made, so a posted record can only be one of that report's own, corrected only in the fields the
form offers (type, modes, dates, place, negation, keep). The audit entry of a confirmation names every event.

An event's date is shown as the range it was reported in (from, to), not as its first day. After confirming, the page
says which sites' levels the new events changed (from → to) and which alerts went out, and to whom: the sites and
alerts the person may see, as the live feed shows them (legation/web/live.py).

Text longer than the language model reads (1,000,000 characters, as the API) is refused with a 422 page.
"""

from __future__ import annotations

import hmac
import json
import re
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from markupsafe import Markup, escape
from starlette.datastructures import UploadFile

from legation.domain.errors import Forbidden, InputError
from legation.domain.ontology import EVENT_TYPES
from legation.domain.records import Event, Report, parse_date
from legation.web import sources
from legation.web.context import WebContext, pages, same_origin, session_key, sign
from legation.web.map_page import type_colour

MAX_TEXT = 1_000_000  # characters: what the language model reads at once (spaCy's max_length), as the API
FORM_FIELDS = 20_000  # fields of a confirmation form (seven per event)


class TooLong(InputError):
    """Text longer than the model reads: 422, as the API answers the same text."""

    status = 422
    code = "too_long"


def _check_length(text: str) -> None:
    if len(text) > MAX_TEXT:
        raise TooLong(f"the text is {len(text):,} characters; the language model reads at most {MAX_TEXT:,} at "
                      "once: split the article")


async def posted_form(request: Request):
    """The posted form, with room for an article of MAX_TEXT characters in one field (Starlette's own default
    refuses a field over 1 MiB with a bare 400)."""
    try:
        return await request.form(max_files=1, max_fields=FORM_FIELDS, max_part_size=4 * MAX_TEXT + 1024)
    except Exception as err:  # Starlette's multipart errors: a malformed or oversized form
        if isinstance(err, InputError):
            raise
        raise InputError(f"the form could not be read: {getattr(err, 'detail', None) or err}") from None


def draft_signature(request: Request, fields: list, records: list[str]) -> str:
    """Binds a confirmation form to the preview that made it: the report's text, title, date and source (as the
    form's hidden fields carry them) and each event's record as extracted, signed with this session's key."""
    key = session_key(request, "ingest-draft")
    if key is None:
        raise Forbidden("sign in again to confirm")
    payload = json.dumps([_clean(str(f or "")).strip() for f in fields] + [records], separators=(",", ":"),
                         ensure_ascii=True)
    return sign(key, payload.encode())


def _clean(text: str) -> str:
    """Browsers send a textarea's line breaks as CRLF; evidence offsets count LF only."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def report_from_form(text: str, title: str, published: str) -> Report:
    text = _clean(text)
    if not text.strip():
        raise InputError("paste an article's text or choose a file")
    _check_length(text)
    published = published.strip() or None
    if published:
        published = parse_date(published).isoformat()
    first = text.strip().split("\n", 1)[0].strip()[:200]
    report = Report(text=text, source="web", title=title.strip() or first or None, published=published)
    report.doc = f"web-{report.hash[:10]}"
    return report


async def report_from_upload(upload: UploadFile, max_bytes: int, published: str) -> Report:
    """An uploaded file read by the same article reader as `legation ingest` (text, HTML or JSON)."""
    from legation.ingest.articles import read_article

    name = Path(upload.filename or "article.txt").name
    suffix = Path(name).suffix.lower() if Path(name).suffix.lower() in (".txt", ".html", ".htm", ".json") else ".txt"
    data = await upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{name}: larger than {max_bytes:,} bytes")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / (re.sub(r"[^A-Za-z0-9._-]", "_", Path(name).stem)[:80] + suffix)
        path.write_bytes(data)
        try:
            report = read_article(path, published=published.strip() or None)
        except InputError as err:
            raise InputError(err.message.replace(str(path), name)) from None
    _check_length(report.text)
    report.source = f"web:{name}"
    return report


def highlight(text: str, events: list[Event]) -> Markup:
    """The article with each event's evidence marked and numbered (overlapping spans: the first wins)."""
    numbers: dict[tuple[int, int], list[int]] = {}
    for i, e in enumerate(events):
        start, end = e.evidence.start, e.evidence.end
        if start is not None and end is not None and 0 <= start < end <= len(text):
            numbers.setdefault((start, end), []).append(i + 1)  # events sharing a sentence share its mark
    out, at = [], 0
    for (start, end), found in sorted(numbers.items()):
        if start < at:
            continue
        out.append(escape(text[at:start]))
        out.append(Markup('<mark class="ev-span" id="ev-{n}"><sup>{label}</sup>{body}</mark>')
                   .format(n=found[0], label=",".join(map(str, found)), body=escape(text[start:end])))
        at = end
    out.append(escape(text[at:]))
    return Markup("").join(out)


def corrected(record: str, form: dict, i: int, report: Report) -> Event:
    """An event as extracted, with the person's corrections applied (type, modes, date, place, negation)."""
    try:
        data = json.loads(record)
    except ValueError:
        raise InputError(f"event {i + 1}: the form's record is damaged; preview the article again") from None
    data["type"] = form.get(f"type_{i}", data.get("type"))
    data["mode"] = [m.strip() for m in form.get(f"mode_{i}", "").split(",") if m.strip()]
    data["date"] = corrected_dates(data.get("date"), (form.get(f"date_{i}") or "").strip(),
                                   (form.get(f"date_end_{i}") or "").strip(), i)
    place = (form.get(f"place_{i}") or "").strip()
    if place != ((data.get("location") or {}).get("name") or ""):  # renamed: look the new name up
        found = sources.place_named(place) if place else None
        data["location"] = (asdict(found) if found is not None and found.lat is not None
                            else {"text": place or None, "name": place or None})
    data["negated"] = form.get(f"negated_{i}") == "on"
    data["report_id"], data["doc"] = report.id, report.doc
    try:
        return Event.from_dict(data)
    except InputError as err:
        raise InputError(f"event {i + 1}: {err.message}") from None


def corrected_dates(was: dict | None, start: str, end: str, i: int) -> dict | None:
    """An event's date (a TimeSpan's dict) with the form's from and to days: unchanged when they are the
    extracted ones (or no day is given); one day (exact) or a range when the person changed them."""
    end, old = end or start, was or {}
    if not start or (start == (old.get("start") or "")[:10] and end == (old.get("end") or old.get("start") or "")[:10]):
        return was
    if parse_date(end) < parse_date(start):
        raise InputError(f"event {i + 1}: its dates end ({end}) before they start ({start})")
    return {**old, "start": start, "end": end, "kind": "exact" if start == end else "range", "precision": "day"}


def date_span(date: Any) -> str:
    """An event's date as a person reads it: one day, or the whole range it was reported in (never only its first
    day), saying how it is known."""
    start, end = (date.start or "")[:10], (date.end or "")[:10]
    if not start:
        return "undated"
    if not end or end == start:
        return start
    how = {"range": "some time in this range", "reported": "reported as within this range"}.get(date.kind)
    return f"{start} to {end}" + (f" ({how})" if how else "")


def outcome(conn: Any, user: Any, found: dict[str, list]) -> tuple[list[dict], list[dict]]:
    """The level changes and alerts a confirmation caused, as this user may see them (`visible_site`, as the
    live feed): changes as (site, from, to), alerts once per happening with whom they went to."""
    from legation.domain.assessment import LEVELS
    from legation.domain.users import visible_site
    from legation.store.alerts import list_subscriptions
    from legation.store.sites import list_sites

    sites = {s.id: s for s in list_sites(conn)}
    changes = []
    for ch in found.get("changes") or []:
        site = sites.get(ch.site_id)
        if site is None or not visible_site(user, site):
            continue
        changes.append({"site": site, "at": ch.at, "old": ch.old_level, "new": ch.new_level,
                        "old_name": LEVELS.get(ch.old_level or 0), "new_name": LEVELS.get(ch.new_level)})
    subs = {sub.id: sub for sub in list_subscriptions(conn, active_only=False)}
    alerts: dict[str, dict] = {}
    for alert in found.get("alerts") or []:
        site = sites.get(str(alert.data.get("site"))) if alert.data.get("site") else None
        if alert.data.get("site") and (site is None or not visible_site(user, site)):
            continue
        sub = subs.get(alert.subscription_id)
        entry = alerts.setdefault(alert.subject, {"title": alert.title, "text": alert.text, "kind": alert.kind,
                                                  "site": site, "to": []})
        if sub is not None:
            entry["to"].append(f"{sub.owner} ({sub.channel})")
    return sorted(changes, key=lambda c: (-c["new"], c["site"].name)), list(alerts.values())


def router(ctx: WebContext) -> APIRouter:
    """Reading an article: the form, the preview of its events (correctable), and the confirmation that stores
    them and says what it changed."""
    r = APIRouter()

    @r.get("/read")
    @pages
    def read_form(request: Request):
        user = ctx.allowed(request, "reports.ingest")
        return ctx.render(request, "ingest.html", user, installed=sources.extractor() is not None)

    @r.post("/read/preview")
    @pages
    async def preview(request: Request):
        user = ctx.allowed(request, "reports.ingest")
        same_origin(request)
        form = await posted_form(request)
        text, title, published = (form.get(k) if isinstance(form.get(k), str) else ""
                                  for k in ("text", "title", "published"))
        file = form.get("file")
        if isinstance(file, UploadFile) and file.filename:
            report = await report_from_upload(file, ctx.settings.max_file_bytes, published)
        else:
            report = report_from_form(text, title, published)
        extractor = sources.extractor()
        events = []
        if extractor is not None:  # parsing takes 0.1-0.3 s: off the event loop, so other pages keep answering
            events = await run_in_threadpool(lambda: sources.placed(list(extractor.extract(report))))
        name = "ingest_preview.html" if request.headers.get("hx-request") else "ingest.html"
        records = [json.dumps(e.to_dict(), default=str) for e in events]
        return ctx.render(request, name, user, installed=extractor is not None, report=report, events=events,
                          marked=highlight(report.text, events), types=EVENT_TYPES, type_colour=type_colour,
                          records=records, span=date_span,
                          draft=draft_signature(request, [report.text, report.title, report.published,
                                                          report.source], records))

    @r.post("/read/confirm")
    @pages
    async def confirm(request: Request):
        from legation.store.audit import acting_as

        user = ctx.allowed(request, "reports.ingest")
        ctx.allowed(request, "events.curate")  # confirming stores events as this person corrected them
        same_origin(request)
        form = await posted_form(request)
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        records = [r for r in form.getlist("record") if isinstance(r, str)]
        posted = [fields.get(k, "") for k in ("text", "title", "published", "source")]
        if not hmac.compare_digest(draft_signature(request, posted, records), fields.get("draft", "")):
            raise Forbidden("this confirmation does not match the preview it came from (its article or events "
                            "were changed): preview the article again")
        report = report_from_form(fields.get("text", ""), fields.get("title", ""), fields.get("published", ""))
        report.source = fields.get("source") or report.source
        keep = [corrected(rec, fields, i, report) for i, rec in enumerate(records) if fields.get(f"keep_{i}") == "on"]
        left_out = [json.loads(rec).get("id") for i, rec in enumerate(records) if fields.get(f"keep_{i}") != "on"]

        def store_and_assess():
            """Store, then re-assess the sites and raise alerts (delivered after the page is sent). In a worker
            thread: the re-assessment takes 0.1-0.3 s, which would stall every other page on the event loop."""
            from legation.act.intake import receive
            from legation.store.audit import append

            def confirmed(conn, got):
                append(conn, "report.confirm", "report", report.id,
                       after={"events": [e.id for e in keep], "left_out": left_out, "inserted": got.counts.inserted,
                              "updated": got.counts.updated, "unchanged": got.counts.unchanged})

            with acting_as(user.username):
                got = receive(ctx.store, [(report, keep)], action="events.confirm", settings=ctx.settings,
                              deliver=False, also=confirmed)
            with ctx.store.connect() as conn:
                changes, alerts = outcome(conn, user, got.found)
            return got, changes, alerts

        got, changes, alerts = await run_in_threadpool(store_and_assess)
        page = ctx.render(request, "ingest_done.html", user, report=report, new=bool(got.reports["new"]),
                          counts=got.counts, events=keep, dropped=len(records) - len(keep), type_colour=type_colour,
                          span=date_span, changes=changes, alerts=alerts, assessed="level_changes" in got.reaction)
        if keep:  # after the page: deliver the alerts, then place the records in incidents and link claims
            from starlette.background import BackgroundTasks

            from legation.act.alerts import dispatch
            from legation.act.intake import place

            page.background = BackgroundTasks()
            if got.reaction.get("alerts"):
                page.background.add_task(dispatch, ctx.store, ctx.settings)
            page.background.add_task(place, ctx.store, [e.id for e in keep], user.username)
        return page

    return r
