"""`legation orders ...`: protection orders down the chain of command, acting `--as` an authority of the hierarchy."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import typer

from legation.cli import app, state
from legation.cli.output import Format, emit, warn
from legation.domain.errors import InputError
from legation.domain.orders import ComplianceStatus, OrderState, Priority

orders_app = typer.Typer(help="Protection orders: draft, issue, acknowledge, split into tasks, report compliance, "
                              "lift, amend, and watch what is late or uncovered. Act --as an authority id of the "
                              "hierarchy (e.g. `legation --as iq-pm orders ...`).", no_args_is_help=True)
app.add_typer(orders_app, name="orders")

AUTHORITIES = typer.Option(None, "--authorities", envvar="LEGATION_AUTHORITIES", metavar="PATH",
                           help="The hierarchy file (YAML/JSON). Default: the shipped illustrative Iraqi one.")
FORMAT = typer.Option(Format.table, "--format", help="table, json or jsonl")
AT = typer.Option(None, "--at", metavar="WHEN", help="As at this date/time (UTC, YYYY-MM-DD[THH:MM]) or an offset "
                                                     "from now (+8h, +2d); default now.")
ORDER = typer.Argument(..., metavar="ORDER", help="An order id (ord-0001: its newest issued version) or id@version.")
ORDER_COLUMNS = ("ref", "state", "priority", "issuer", "recipients", "measures", "sites", "valid_until", "parent",
                 "title")


def _when(text: str | None):
    """An ISO date/time, or an offset from now: `+8h`, `+2d`, `-30m` (handy for looking ahead)."""
    import datetime as dt
    import re

    from legation.domain.time import utc

    found = re.fullmatch(r"\s*([+-])(\d+(?:\.\d+)?)\s*([mhd])\s*", text or "")
    if not found:
        return utc(text)
    sign, amount, unit = found.groups()
    unit_name = {"m": "minutes", "h": "hours", "d": "days"}[unit]
    delta = dt.timedelta(**{unit_name: float(amount)})
    return dt.datetime.now(dt.UTC) + (delta if sign == "+" else -delta)


def _hierarchy(path: Path | None):
    from legation.act.authorities import load_hierarchy

    return load_hierarchy(path)


@contextlib.contextmanager
def _writing(ctx: typer.Context, authorities: Path | None) -> Iterator[tuple[Any, Any, str, str]]:
    """(conn, hierarchy, acting authority id, user) inside one audited transaction."""
    from legation.store.audit import acting_as

    hierarchy = _hierarchy(authorities)
    user = state(ctx).user
    actor = hierarchy.authority_of(user).id
    with state(ctx).store().begin() as conn, acting_as(user):
        yield conn, hierarchy, actor, user


def _measures(values: list[str] | None) -> list[str]:
    return [m.strip() for value in values or [] for m in value.split(",") if m.strip()]


def _scope(sites: list[str] | None, selectors: list[str] | None):
    from legation.domain.orders import Scope, Selector

    if not sites and not selectors:
        return None
    return Scope(sites=tuple(_measures(sites)), selectors=tuple(Selector.parse(s) for s in selectors or []))


def _evidence(events: list[str] | None, reports: list[str] | None, assessment: str | None) -> dict | None:
    if not events and not reports and not assessment:
        return None
    evidence: dict[str, Any] = {"events": list(events or []), "reports": list(reports or [])}
    if assessment:
        site, sep, level = assessment.partition("=")
        if not sep or not level.strip().isdigit() or not 1 <= int(level) <= 6:
            raise InputError(f"--assessment wants SITE=LEVEL with a level 1-6, not {assessment!r}")
        evidence["assessment"] = {"site": site.strip(), "level": int(level)}
    return evidence


def _show(order, fmt: Format) -> None:
    emit(order.to_dict() if hasattr(order, "to_dict") else order, fmt)


@orders_app.command("authorities")
def authorities_(authorities: Path | None = AUTHORITIES, fmt: Format = FORMAT) -> None:
    """The chain of command: who commands whom, and each one's jurisdiction."""
    from legation.act.authorities import describe

    hierarchy = _hierarchy(authorities)
    title = hierarchy.name + (" — illustrative" if hierarchy.illustrative and "illustrative" not in hierarchy.name
                              else "")
    emit(describe(hierarchy), fmt, title=title)


@orders_app.command("draft")
def draft(ctx: typer.Context,
          to: list[str] = typer.Option(..., "--to", metavar="AUTHORITY", help="A recipient (repeat for more)."),
          site: list[str] | None = typer.Option(None, "--site", metavar="ID", help="A site id (repeatable)."),
          select: list[str] | None = typer.Option(None, "--select", metavar="SELECTOR",
                                                     help="Sites by attributes, e.g. 'kind=diplomatic city=Baghdad' "
                                                          "or 'sending_state=USA' (repeatable)."),
          measure: list[str] = typer.Option(..., "--measure", metavar="MEASURE",
                                            help="cordon, checkpoint, patrol, static-guard, escort, access-control, "
                                                 "counter-drone, vehicle-barrier, tightened-security (repeat or "
                                                 "comma-separate)."),
          valid_from: str | None = typer.Option(None, "--from", help="In force from (default: now)."),
          valid_until: str | None = typer.Option(None, "--until", help="Ends at (default: until lifted)."),
          supervisor: str | None = typer.Option(None, "--supervisor", help="Who supervises (default: issuer)."),
          priority: Priority = typer.Option(Priority.PRIORITY, "--priority",
                                            help="Precedence: sets the time to acknowledge."),
          title: str = typer.Option("", "--title", help="A short title."),
          issuer: str | None = typer.Option(None, "--issuer", help="Draft for this issuer (default: you)."),
          ack_within: float | None = typer.Option(None, "--ack-within", metavar="HOURS",
                                                     help="Hours to acknowledge (default: by priority)."),
          event: list[str] | None = typer.Option(None, "--event", metavar="ID", help="Evidence: an event id."),
          report: list[str] | None = typer.Option(None, "--report", metavar="ID", help="Evidence: a report id."),
          assessment: str | None = typer.Option(None, "--assessment", metavar="SITE=LEVEL",
                                                   help="Evidence: the assessment that prompted it."),
          authorities: Path | None = AUTHORITIES, fmt: Format = FORMAT) -> None:
    """Draft an order (refused now if its issuer could not issue it)."""
    from legation.act.orders import draft_order

    scope = _scope(site, select)
    if scope is None:
        raise InputError("give the order's scope: --site ID or --select 'kind=diplomatic city=Baghdad'")
    with _writing(ctx, authorities) as (conn, hierarchy, actor, user):
        order = draft_order(conn, hierarchy, actor, recipients=to, scope=scope, measures=_measures(measure),
                            valid_from=valid_from, valid_until=valid_until, supervisor=supervisor,
                            priority=priority.value, title=title, issuer=issuer, ack_within_hours=ack_within, user=user,
                            evidence=_evidence(event, report, assessment))
    _show(order, fmt)


@orders_app.command("issue")
def issue(ctx: typer.Context, order: str = ORDER, authorities: Path | None = AUTHORITIES,
          fmt: Format = FORMAT) -> None:
    """Issue a draft (only its issuer may); an amendment supersedes the version before it."""
    from legation.act.orders import issue_order

    with _writing(ctx, authorities) as (conn, hierarchy, actor, _user):
        done = issue_order(conn, hierarchy, actor, order)
    _show(done, fmt)


@orders_app.command("ack")
def ack(ctx: typer.Context, order: str = ORDER, authorities: Path | None = AUTHORITIES,
        fmt: Format = FORMAT) -> None:
    """Acknowledge an order you received."""
    from legation.act.orders import acknowledge_order

    with _writing(ctx, authorities) as (conn, hierarchy, actor, user):
        done = acknowledge_order(conn, hierarchy, actor, order, user=user)
    _show(done, fmt)


@orders_app.command("comply")
def comply(ctx: typer.Context, order: str = ORDER,
           status: ComplianceStatus = typer.Option(ComplianceStatus.COMPLIED, "--status",
                                                   help="What you did."),
           measure: list[str] | None = typer.Option(None, "--measure", help="Measures in place (default: all "
                                                                               "ordered, when complied)."),
           note: str = typer.Option("", "--note", help="What was done, or why not."),
           authorities: Path | None = AUTHORITIES, fmt: Format = FORMAT) -> None:
    """Report compliance with an order you acknowledged."""
    from legation.act.orders import comply_order

    with _writing(ctx, authorities) as (conn, hierarchy, actor, user):
        done = comply_order(conn, hierarchy, actor, order, status.value, _measures(measure), note, user=user)
    _show(done, fmt)


@orders_app.command("lift")
def lift(ctx: typer.Context, order: str = ORDER,
         reason: str = typer.Option("", "--reason", help="Why it is lifted."),
         authorities: Path | None = AUTHORITIES, fmt: Format = FORMAT) -> None:
    """Lift a live order (its issuer or a superior), and the tasks split from it."""
    from legation.act.orders import lift_order

    with _writing(ctx, authorities) as (conn, hierarchy, actor, _user):
        done = lift_order(conn, hierarchy, actor, order, reason)
    _show(done, fmt)


@orders_app.command("amend")
def amend(ctx: typer.Context, order: str = ORDER,
          to: list[str] | None = typer.Option(None, "--to", help="New recipients (replace the old)."),
          site: list[str] | None = typer.Option(None, "--site", help="New scope: site ids."),
          select: list[str] | None = typer.Option(None, "--select", help="New scope: selectors."),
          measure: list[str] | None = typer.Option(None, "--measure", help="New measures (replace the old)."),
          valid_from: str | None = typer.Option(None, "--from"), valid_until: str | None = typer.Option(
              None, "--until"), supervisor: str | None = typer.Option(None, "--supervisor"),
          priority: Priority | None = typer.Option(None, "--priority"), title: str | None = typer.Option(
              None, "--title"), authorities: Path | None = AUTHORITIES, fmt: Format = FORMAT) -> None:
    """Amend an order: a new version, a draft until issued (then it supersedes the old one)."""
    from legation.act.orders import amend_order

    with _writing(ctx, authorities) as (conn, hierarchy, actor, _user):
        done = amend_order(conn, hierarchy, actor, order, recipients=to or None, scope=_scope(site, select),
                           measures=_measures(measure) or None, valid_from=valid_from, valid_until=valid_until,
                           supervisor=supervisor, priority=priority.value if priority else None, title=title)
    _show(done, fmt)


@orders_app.command("split")
def split(ctx: typer.Context, order: str = ORDER,
          to: list[str] = typer.Option(..., "--to", metavar="UNIT", help="A subordinate to task (repeat)."),
          measure: list[str] | None = typer.Option(None, "--measure", help="Only these of the order's measures."),
          authorities: Path | None = AUTHORITIES, fmt: Format = FORMAT) -> None:
    """Split an order you acknowledged into tasks: one per subordinate, over the sites in its jurisdiction."""
    from legation.act.orders import split_order

    with _writing(ctx, authorities) as (conn, hierarchy, actor, _user):
        tasks, unassigned = split_order(conn, hierarchy, actor, order, to, _measures(measure))
    if unassigned:
        warn(f"no task covers {', '.join(unassigned)}: they stay with {actor}")
    emit([{"ref": t.ref, "recipients": t.recipients, "sites": t.sites, "measures": t.measures, "state": t.state}
          for t in tasks], fmt, title="Tasks")


@orders_app.command("propose")
def propose(ctx: typer.Context,
            from_report: str = typer.Option(..., "--from-report", metavar="REPORT",
                                            help="A stored report whose PROTECT events propose draft orders."),
            authorities: Path | None = AUTHORITIES, fmt: Format = FORMAT) -> None:
    """Draft orders from a news report's PROTECT events, with the report as evidence (check, then issue)."""
    from legation.act.orders import propose_from_report

    with _writing(ctx, authorities) as (conn, hierarchy, actor, user):
        drafted = propose_from_report(conn, hierarchy, actor, from_report, user=user)
    emit([o.to_dict() for o in drafted], fmt, columns=("ref", "state", "issuer", "recipients", "measures", "scope",
                                                        "title"), title="Proposed drafts")


@orders_app.command("show")
def show(ctx: typer.Context, order: str = ORDER, at: str | None = AT, fmt: Format = FORMAT) -> None:
    """One order as it stands: state, acknowledgements, compliance, versions, tasks, who is late."""
    from legation.act.orders import order_view

    with state(ctx).store().connect() as conn:
        emit(order_view(conn, order, _when(at)), fmt)


@orders_app.command("list")
def list_(ctx: typer.Context,
          state_: list[OrderState] | None = typer.Option(None, "--state", help="Only these states (repeatable)."),
          issuer: str | None = typer.Option(None, "--issuer", help="Only orders of this issuer."),
          recipient: str | None = typer.Option(None, "--recipient", help="Only orders to this recipient."),
          at: str | None = AT, fmt: Format = FORMAT) -> None:
    """Orders (newest version of each), with their state as at --at."""
    from legation.act.orders import list_order_views

    with state(ctx).store().connect() as conn:
        rows = list_order_views(conn, _when(at), states=[s.value for s in state_] if state_ else None, issuer=issuer,
                                recipient=recipient)
    emit(rows, fmt, columns=ORDER_COLUMNS, title="Orders")


@orders_app.command("watch")
def watch(ctx: typer.Context, at: str | None = AT,
          expiring_within: float = typer.Option(48.0, "--expiring-within", metavar="HOURS",
                                                help="Report orders ending within this many hours."),
          measures_table: Path | None = typer.Option(None, "--measures-table", envvar="LEGATION_MEASURES_TABLE",
                                                        metavar="PATH", help="Measures per threat level (YAML/JSON)."
                                                                             " Default: the shipped table."),
          level: list[str] | None = typer.Option(None, "--level", metavar="SITE=LEVEL",
                                                    help="Use this level for a site instead of the threat model's."),
          authorities: Path | None = AUTHORITIES, fmt: Format = FORMAT) -> None:
    """What a supervisor must chase: late acknowledgements, coverage gaps, non-compliance, expiring orders."""
    from legation.act.supervision import load_measures_table, site_levels
    from legation.act.supervision import watch as run_watch

    table = load_measures_table(measures_table)
    with state(ctx).store().connect() as conn:
        levels = site_levels(conn)
        for item in level or []:
            site, sep, value = item.partition("=")
            if not sep or not value.strip().isdigit() or not 1 <= int(value) <= 6:
                raise InputError(f"--level wants SITE=LEVEL with a level 1-6, not {item!r}")
            levels[site.strip()] = {"level": int(value)}
        findings = run_watch(conn, table, _when(at), levels=levels, expiring_within_hours=expiring_within,
                             hierarchy=_hierarchy(authorities))
    emit(findings, fmt, columns=("kind", "order", "site", "recipient", "detail"), title="Supervision")
