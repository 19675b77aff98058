"""`legation sources ...`: the live sources `legation watch` reads (news feeds, GDELT, the ACLED and UCDP APIs)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from legation.cli import app, state
from legation.cli.output import Format, emit

sources_app = typer.Typer(help="Live sources read by `legation watch`: RSS/Atom feeds, GDELT's 15-minute exports, "
                               "the ACLED and UCDP APIs; each with its schedule and health.", no_args_is_help=True)
add_app = typer.Typer(help="Add a source (due at once; `legation watch` reads it).", no_args_is_help=True)
app.add_typer(sources_app, name="sources")
sources_app.add_typer(add_app, name="add")

Every = Annotated[int | None, typer.Option("--every", metavar="SECONDS", help="Seconds between runs "
                                              "(default: 30 for feeds, 900 for GDELT, a day for ACLED and UCDP).")]
Name = Annotated[str | None, typer.Option("--name", help="A name to show in `sources list`.")]
FormatOption = Annotated[Format, typer.Option("--format", help="table, json or jsonl")]
COLUMNS = ("id", "kind", "name", "url", "last_success", "last_error", "items_last_day", "next_run", "quiet")


def _add(ctx: typer.Context, kind: str, url: str | None, params: dict[str, Any], every: int | None,
         name: str | None, fmt: Format) -> None:
    from legation.domain.sources import DEFAULT_INTERVAL, DEFAULT_URL, Source, check_interval, check_url, utcnow
    from legation.store.audit import acting_as
    from legation.store.sources import add_source

    url = check_url(url or DEFAULT_URL[kind])
    source = Source(kind=kind, url=url, interval=check_interval(every or DEFAULT_INTERVAL[kind]), params=params,
                    name=name)
    with acting_as(state(ctx).user or "cli"), state(ctx).store().begin() as conn:
        add_source(conn, source, utcnow())
    emit({"id": source.id, "kind": kind, "url": url, "params": params, "interval": source.interval}, fmt,
         title="Source added")


@add_app.command("rss")
def add_rss(ctx: typer.Context, url: Annotated[str, typer.Argument(help="The feed's URL.")], every: Every = None,
            name: Name = None, fmt: FormatOption = Format.table) -> None:
    """An RSS feed: each new entry's page is read (main text only) and ingested as an article."""
    _add(ctx, "rss", url, {}, every, name, fmt)


@add_app.command("atom")
def add_atom(ctx: typer.Context, url: Annotated[str, typer.Argument(help="The feed's URL.")], every: Every = None,
             name: Name = None, fmt: FormatOption = Format.table) -> None:
    """An Atom feed: each new entry's page is read (main text only) and ingested as an article."""
    _add(ctx, "atom", url, {}, every, name, fmt)


@add_app.command("gdelt")
def add_gdelt(ctx: typer.Context,
              url: Annotated[str | None, typer.Option("--url", help="The update list (lastupdate.txt); default "
                                                                       "GDELT 2.0's.")] = None,
              every: Every = None, name: Name = None, fmt: FormatOption = Format.table) -> None:
    """GDELT 2.0: each new 15-minute events export named in the update list is imported as `import gdelt` does."""
    _add(ctx, "gdelt", url, {}, every, name, fmt)


@add_app.command("acled")
def add_acled(ctx: typer.Context,
              key_env: Annotated[str, typer.Option("--key-env", metavar="NAME", help="The environment variable "
                                                   "holding the API key (the key itself is never stored).")],
              country: Annotated[list[str], typer.Option("--country", metavar="ISO3",
                                                         help="A country to read (repeat for more).")],
              email: Annotated[str | None, typer.Option("--email", help="The account's e-mail, when the API "
                                                           "asks for it.")] = None,
              url: Annotated[str | None, typer.Option("--url", help="The API's read endpoint.")] = None,
              every: Every = None, name: Name = None, fmt: FormatOption = Format.table) -> None:
    """The ACLED API: the countries' events changed since the last run, page by page, imported as `import acled`
    does."""
    import pycountry

    from legation.domain.errors import InputError

    codes = []
    for code in country:
        if pycountry.countries.get(alpha_3=code.upper()) is None:
            raise InputError(f"--country {code!r} is not an ISO 3166 alpha-3 code (IRQ, SYR, ...)")
        codes.append(code.upper())
    params: dict[str, Any] = {"key_env": key_env, "countries": sorted(set(codes))}
    if email:
        params["email"] = email
    _add(ctx, "acled", url, params, every, name, fmt)


@add_app.command("ucdp")
def add_ucdp(ctx: typer.Context,
             url: Annotated[str | None, typer.Option("--url", help="The GED API's events endpoint (with its "
                                                                      "version).")] = None,
             key_env: Annotated[str | None, typer.Option("--key-env", metavar="NAME", help="The environment "
                                                            "variable holding the API's access token.")] = None,
             param: Annotated[list[str] | None, typer.Option("--param", metavar="NAME=VALUE", help="A query "
                                                                "filter, e.g. Country=645 (repeat for more).")] = None,
             every: Every = None, name: Name = None, fmt: FormatOption = Format.table) -> None:
    """The UCDP GED API: every page of events, imported as `import ucdp` does."""
    from legation.domain.errors import InputError

    query = {}
    for pair in param or []:
        if "=" not in pair:
            raise InputError(f"--param {pair!r}: want NAME=VALUE")
        key, value = pair.split("=", 1)
        query[key.strip()] = value.strip()
    params: dict[str, Any] = {"query": query} if query else {}
    if key_env:
        params["key_env"] = key_env
    _add(ctx, "ucdp", url, params, every, name, fmt)


@sources_app.command("list")
def list_(ctx: typer.Context, fmt: FormatOption = Format.table) -> None:
    """Each source and its health: last success, last error, items in the last day, next run; `quiet` when it
    has not succeeded for three of its intervals (or an hour)."""
    from legation.domain.sources import utcnow
    from legation.store.sources import health

    with state(ctx).store().connect() as conn:
        rows = health(conn, utcnow())
    emit([{k: _when(v) for k, v in row.items()} for row in rows], fmt, columns=COLUMNS, title="Sources")


def _when(value: Any) -> Any:
    import datetime as dt

    return value.isoformat(timespec="seconds") if isinstance(value, dt.datetime) else value


@sources_app.command("items")
def items(ctx: typer.Context, source: Annotated[str, typer.Argument(help="The source's id (or its start).")],
          limit: Annotated[int, typer.Option("--limit", min=1)] = 100, fmt: FormatOption = Format.table) -> None:
    """The latest items a source brought: each with its status (ingested, duplicate, foreign: stored but not
    English, rejected, imported) and language."""
    from legation.store.sources import get_source, list_items

    with state(ctx).store().connect() as conn:
        rows = list_items(conn, get_source(conn, source).id, limit)
    emit([{k: _when(v) for k, v in row.items()} for row in rows], fmt,
         columns=("at", "status", "language", "key", "detail"), title="Items")


@sources_app.command("remove")
def remove(ctx: typer.Context, source: Annotated[str, typer.Argument(help="The source's id (or its start).")],
           fmt: FormatOption = Format.table) -> None:
    """Remove a source (and the record of its items)."""
    from legation.store.audit import acting_as
    from legation.store.sources import remove_source

    with acting_as(state(ctx).user or "cli"), state(ctx).store().begin() as conn:
        gone = remove_source(conn, source)
    emit({"removed": gone.id, "kind": gone.kind, "url": gone.url}, fmt, title="Source removed")
