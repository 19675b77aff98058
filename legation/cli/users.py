"""`legation users ...`: who may use Legation, with which role, and their API tokens.

Only an administrator may manage users: the CLI acts as `--as USER` (a stored user with their role), or, when no
user of that name is stored, as the local operator, an administrator of their own database.
"""

from __future__ import annotations

import sys

import typer

from legation.cli import app, state
from legation.cli.output import Format, emit
from legation.domain.errors import Forbidden, InputError

users_app = typer.Typer(help="Users, roles and API tokens (administrators only).", no_args_is_help=True)
app.add_typer(users_app, name="users")


def _require_admin(conn, ctx: typer.Context):
    from legation.domain.users import can
    from legation.store.users import acting_user

    me = acting_user(conn, state(ctx).user)
    if not can(me, "users.manage"):
        raise Forbidden(f"{me.username} ({me.role}) may not manage users")
    return me


def _read_password(from_stdin: bool) -> str | None:
    if from_stdin:
        line = sys.stdin.readline().rstrip("\r\n")
        if not line:
            raise InputError("--password-stdin: no password on standard input")
        return line
    if sys.stdin.isatty():
        return typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    return None


@users_app.command("add")
def add(ctx: typer.Context,
        username: str = typer.Argument(..., help="Lowercase name: letters, digits, . _ @ -"),
        role: str = typer.Option(..., "--role", help="admin, commander, operations-officer, unit-commander, "
                                                     "analyst or liaison"),
        organisation: str = typer.Option(None, "--organisation", help="Sending state or organisation code "
                                                                      "(USA, EUU, UNO...): required of a liaison"),
        unit: str = typer.Option(None, "--unit", help="The unit a unit commander commands."),
        password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the password from the first "
                                                                            "line of standard input (otherwise "
                                                                            "prompted on a terminal; none: token "
                                                                            "only)."),
        fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """Add a user with a role. The password is hashed with argon2 and never shown again."""
    from legation.domain.users import User
    from legation.store.audit import acting_as
    from legation.store.users import add_user

    user = User(username=username, role=role, organisation=organisation.upper() if organisation else None,
                unit=unit)
    password = _read_password(password_stdin)
    with state(ctx).store().begin() as conn:
        _require_admin(conn, ctx)
        with acting_as(state(ctx).user):
            add_user(conn, user, password=password)
    emit({**user.to_dict(), "password": "set" if password else "none (token only)"}, fmt)


@users_app.command("password")
def password(ctx: typer.Context,
             username: str = typer.Argument(..., help="Whose password."),
             password_stdin: bool = typer.Option(False, "--password-stdin", help="Read the new password from the "
                                                                                 "first line of standard input "
                                                                                 "(otherwise prompted on a "
                                                                                 "terminal).")) -> None:
    """Set a user's password (an admin's task); it also lifts a sign-in lockout of that name."""
    from legation.store.audit import acting_as
    from legation.store.users import set_password

    new = _read_password(password_stdin)
    if new is None:
        raise InputError("no password given: use --password-stdin, or run it on a terminal")
    with state(ctx).store().begin() as conn:
        _require_admin(conn, ctx)
        with acting_as(state(ctx).user):
            set_password(conn, username, new)
    typer.echo(f"password of {username} set")


@users_app.command("token")
def token(ctx: typer.Context,
          username: str = typer.Argument(..., help="Whose token."),
          ttl_days: int = typer.Option(90, "--ttl-days", help="Days until it expires (1..3650)."),
          fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """Issue an API token. It is shown this once: only its hash is kept."""
    from legation.store.audit import acting_as
    from legation.store.users import issue_token, token_id

    with state(ctx).store().begin() as conn:
        _require_admin(conn, ctx)
        with acting_as(state(ctx).user):
            secret = issue_token(conn, username, ttl_days=ttl_days)
    emit({"username": username, "id": token_id(secret), "token": secret, "ttl_days": ttl_days}, fmt)


@users_app.command("revoke")
def revoke(ctx: typer.Context,
           token_id: str = typer.Argument(None, metavar="TOKEN_ID", help="The token's id (see `users list "
                                                                          "--tokens`), or the token itself."),
           user: str = typer.Option(None, "--user", help="Revoke every token of this user instead."),
           fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """Revoke one API token, or all of a user's."""
    from legation.store.audit import acting_as
    from legation.store.users import get_user, revoke_token, revoke_tokens

    if (token_id is None) == (user is None):
        raise typer.BadParameter("give a TOKEN_ID or --user NAME (not both)")
    with state(ctx).store().begin() as conn:
        _require_admin(conn, ctx)
        with acting_as(state(ctx).user):
            if user:
                get_user(conn, user)
                revoked = revoke_tokens(conn, user)
            else:
                revoke_token(conn, token_id)
                revoked = 1
    emit({"revoked": revoked}, fmt)


@users_app.command("list")
def list_(ctx: typer.Context,
          tokens: bool = typer.Option(False, "--tokens", help="List API tokens (ids, expiry) instead of users."),
          fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """List users (role, organisation, unit, live tokens), or their tokens. Never a secret."""
    from legation.store.users import list_tokens, list_users

    with state(ctx).store().connect() as conn:
        _require_admin(conn, ctx)
        if tokens:
            emit(list_tokens(conn), fmt, title="API tokens")
        else:
            emit(list_users(conn), fmt, columns=("username", "role", "organisation", "unit", "active", "tokens"),
                 title="Users")
