"""`legation alerts ...`, `legation advisories ...` and `legation brief`: telling people what changed."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from legation.cli import app, state
from legation.cli.output import Format, emit
from legation.domain.errors import InputError
from legation.domain.records import parse_date

alerts_app = typer.Typer(help="Alert subscriptions, alerts and their deliveries.", no_args_is_help=True)
advisories_app = typer.Typer(help="Travel advisories: propose from the assessments, edit, publish, compare.",
                             no_args_is_help=True)
app.add_typer(alerts_app, name="alerts")
app.add_typer(advisories_app, name="advisories")

FORMAT = typer.Option(Format.table, "--format", help="table, json or jsonl")


def _radii(values: list[str]) -> dict[str, float]:
    radii = {}
    for value in values:
        kind, sep, km = value.partition("=")
        try:
            radii[kind.strip().upper()] = float(km)
        except ValueError:
            sep = ""
        if not sep:
            raise InputError(f"--radius takes TYPE=KM (e.g. ASSAULT=25), not {value!r}")
    return radii


@alerts_app.command("subscribe")
def subscribe(ctx: typer.Context,
              channel: str = typer.Option(..., "--channel", help="webhook, email or console"),
              target: str = typer.Option("-", "--target", help="The webhook URL or e-mail address."),
              owner: str = typer.Option(None, "--owner", help="User or channel name (default: who you act as)."),
              sites: list[str] = typer.Option(None, "--site", help="A site id (repeat); default: every site."),
              min_level: int = typer.Option(1, "--min-level", help="Alert on level changes touching this level."),
              no_levels: bool = typer.Option(False, "--no-level-changes", help="Do not alert on level changes."),
              radius: list[str] = typer.Option(None, "--radius", help="TYPE=KM: alert on events of TYPE within KM "
                                                                       "of a chosen site (repeat per type)."),
              claims_by: list[str] = typer.Option(None, "--claims-by", help="Alert on new claims by this actor "
                                                                             "(repeat)."),
              overdue: bool = typer.Option(False, "--overdue-orders", help="Alert on overdue acknowledgments."),
              secret: str = typer.Option(None, "--secret", help="HMAC key to sign webhook bodies."),
              fmt: Format = FORMAT) -> None:
    """Subscribe a user or channel to alerts."""
    from legation.domain.alerts import Subscription
    from legation.store.alerts import add_subscription
    from legation.store.audit import acting_as

    sub = Subscription(owner=owner or state(ctx).user, channel=channel, target=target, sites=list(sites or []) or None,
                       level_changes=not no_levels, min_level=min_level, event_radii=_radii(radius or []),
                       claim_actors=list(claims_by or []), overdue_orders=overdue, secret=secret)
    with state(ctx).store().begin() as conn, acting_as(state(ctx).user):
        created = add_subscription(conn, sub)
    emit({"id": sub.id, "owner": sub.owner, "channel": sub.channel, "target": sub.target, "created": created,
          **sub.rule()}, fmt)


@alerts_app.command("subscriptions")
def subscriptions(ctx: typer.Context, fmt: Format = FORMAT) -> None:
    """List active subscriptions."""
    from legation.store.alerts import list_subscriptions

    with state(ctx).store().connect() as conn:
        subs = list_subscriptions(conn)
    emit([{"id": s.id, "owner": s.owner, "channel": s.channel, "target": s.target, **s.rule()} for s in subs], fmt,
         columns=("id", "owner", "channel", "target", "sites", "min_level", "event_radii", "claim_actors"),
         title="Subscriptions")


@alerts_app.command("unsubscribe")
def unsubscribe(ctx: typer.Context, sub_id: str = typer.Argument(..., metavar="ID")) -> None:
    """Deactivate a subscription."""
    from legation.store.alerts import remove_subscription
    from legation.store.audit import acting_as

    with state(ctx).store().begin() as conn, acting_as(state(ctx).user):
        remove_subscription(conn, sub_id)
    print(f"unsubscribed {sub_id}")


@alerts_app.command("list")
def list_(ctx: typer.Context, status: str = typer.Option(None, "--status", help="pending, delivered or dead"),
          fmt: Format = FORMAT) -> None:
    """Alerts raised, newest first, with their delivery status."""
    from legation.store.alerts import list_alerts

    with state(ctx).store().connect() as conn:
        rows = list_alerts(conn, status=status)
    emit(rows, fmt, columns=("id", "kind", "title", "owner", "channel", "status", "attempts", "created_at"),
         title="Alerts")


@alerts_app.command("deliveries")
def deliveries(ctx: typer.Context, alert_id: str = typer.Argument(..., metavar="ALERT"), fmt: Format = FORMAT
               ) -> None:
    """Every delivery attempt of one alert."""
    from legation.store.alerts import delivery_log

    with state(ctx).store().connect() as conn:
        emit(delivery_log(conn, alert_id), fmt, title="Delivery attempts")


@alerts_app.command("dispatch")
def dispatch(ctx: typer.Context, fmt: Format = FORMAT) -> None:
    """Deliver every pending alert now (retried with backoff; dead-lettered after the last try)."""
    from legation.act.alerts import dispatch as run
    from legation.settings import Settings

    result = run(state(ctx).store(), Settings())
    emit({"delivered": result.delivered, "dead": result.dead, "pending": result.pending}, fmt)


@advisories_app.command("propose")
def propose(ctx: typer.Context, area: str = typer.Argument(..., help="ISO alpha-3 country, optionally /CITY."),
            at: str = typer.Option(None, "--at", metavar="YYYY-MM-DD"), fmt: Format = FORMAT) -> None:
    """Propose an advisory level (1–4) for an area from the assessments, with its reasons (nothing is saved)."""
    from legation.act.advisories import propose as run

    with state(ctx).store().connect() as conn:
        emit(run(conn, area, parse_date(at) if at else None), fmt)


@advisories_app.command("draft")
def draft(ctx: typer.Context, area: str = typer.Argument(...),
          level: int = typer.Option(None, "--level", help="Override the proposed level (1–4)."),
          summary: str = typer.Option(None, "--summary", help="The advisory's text."),
          at: str = typer.Option(None, "--at", metavar="YYYY-MM-DD"), fmt: Format = FORMAT) -> None:
    """Save a new draft version of an area's advisory (the proposal, edited)."""
    from legation.act.advisories import draft as run
    from legation.store.audit import acting_as

    with state(ctx).store().begin() as conn, acting_as(state(ctx).user):
        emit(run(conn, area, level=level, summary=summary, at=parse_date(at) if at else None), fmt)


@advisories_app.command("publish")
def publish(ctx: typer.Context, area: str = typer.Argument(...),
            version: int = typer.Option(None, "--version", help="Default: the latest."), fmt: Format = FORMAT
            ) -> None:
    """Publish a version of an area's advisory."""
    from legation.act.advisories import publish as run
    from legation.store.audit import acting_as

    with state(ctx).store().begin() as conn, acting_as(state(ctx).user):
        emit(run(conn, area, version), fmt)


@advisories_app.command("history")
def history(ctx: typer.Context, area: str = typer.Argument(None), fmt: Format = FORMAT) -> None:
    """Every version of our advisories, and the advisories other governments published (ADVISORY events)."""
    from legation.act.advisories import foreign_advisories
    from legation.act.advisories import history as ours

    with state(ctx).store().connect() as conn:
        rows = ours(conn, area)
        emit(rows, fmt, columns=("area", "version", "level", "status", "summary", "author", "created_at"),
             title="Our advisories")
        if area:
            emit(foreign_advisories(conn, area.split("/")[0]), fmt,
                 columns=("date", "issuer", "mode", "text"), title="Other governments' advisories")


@advisories_app.command("diff")
def diff(ctx: typer.Context, area: str = typer.Argument(...), old: int = typer.Argument(...),
         new: int = typer.Argument(...)) -> None:
    """What changed between two versions of an area's advisory (unified diff)."""
    from legation.act.advisories import diff as run

    with state(ctx).store().connect() as conn:
        print(run(conn, area, old, new), end="")


@app.command("brief")
def brief(ctx: typer.Context,
          audience: str = typer.Option(..., "--audience", help="Who it is for: an organisation code (EUU, USA…) "
                                                              "selects its own sites."),
          sites: list[str] = typer.Option(None, "--sites", help="Site ids to brief on (repeat)."),
          fmt: str = typer.Option("md", "--format", help="md, html or pdf"),
          out: Path = typer.Option(None, "--out", help="Output file (default: briefing-AUDIENCE-DATE.FORMAT)."),
          at: str = typer.Option(None, "--at", metavar="YYYY-MM-DD"),
          assurance: str = typer.Option(None, "--assurance", help="A statement to be made, checked against the "
                                                                  "evidence (e.g. \"there is no threat\").")) -> None:
    """Write a situation report: levels and drivers, trend chart, orders, incidents, claims, assurance check."""
    from legation.act.briefings import build, write

    if fmt not in ("md", "html", "pdf"):
        raise InputError(f"--format must be md, html or pdf, not {fmt!r}")
    when = parse_date(at) if at else dt.date.today()
    with state(ctx).store().connect() as conn:
        briefing = build(conn, audience, site_ids=list(sites or []) or None, at=when, assurance=assurance)
    path = write(briefing, fmt, out or Path(f"briefing-{audience}-{when.isoformat()}.{fmt}"))
    for warning in briefing.warnings:
        typer.echo(f"WARNING: {warning}", err=True)
    print(path)
