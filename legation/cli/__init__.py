"""The `legation` command: thin wrappers over library functions, one module per command group.

Errors: a `LegationError` becomes one line on stderr and exit 1; usage errors exit 2; success exits 0.
"""

from __future__ import annotations

import getpass
import sys

import click
import typer
from typer.core import TyperGroup

from legation.domain.errors import LegationError


class UserError(click.ClickException):
    exit_code = 1

    def show(self, file=None) -> None:
        click.echo(f"legation: error: {self.message}", err=True)


class LegationGroup(TyperGroup):
    """Turns every `LegationError` raised under it into a `UserError` (one line, exit 1)."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except LegationError as err:
            raise UserError(err.message) from None


app = typer.Typer(
    cls=LegationGroup, no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
    help="Legation: read reports about threats to diplomatic missions, keep one explainable threat level per site, "
         "and carry the response.\n\nThe database is an SQLAlchemy URL or a file path (SQLite): --db, or "
         "LEGATION_DB; default legation.db in the working directory.")


class State:
    """What the global options chose; the store is opened on first use."""

    def __init__(self, db: str | None, user: str | None):
        self.db, self.user = db, user
        self._store = None

    def store(self):
        if self._store is None:
            from legation.store import open_store
            self._store = open_store(self.db)
        return self._store


@app.callback()
def _global(ctx: typer.Context,
            db: str = typer.Option(None, "--db", envvar="LEGATION_DB", metavar="URL",
                                   help="SQLAlchemy URL or a file path (SQLite). Default: legation.db"),
            user: str = typer.Option(None, "--as", envvar="LEGATION_USER", metavar="USER",
                                     help="Act as this user (recorded in the audit log).")) -> None:
    ctx.obj = State(db, user or f"cli:{getpass.getuser()}")
    from legation.acting import acting_as

    ctx.with_resource(acting_as(ctx.obj.user))  # every command's writes are put down to this user


def state(ctx: typer.Context) -> State:
    root = ctx.find_root()
    if root.obj is None:
        root.obj = State(None, f"cli:{getpass.getuser()}")
    return root.obj


# The modules of this package that are helpers of commands, not commands: imported only by the commands that need
# them (dask_runner brings dask.distributed, 0.7 s, which no other command should pay for).
HELPERS = frozenset({"output", "cluster", "dask_runner", "backfill"})


def register() -> None:
    """Attach the command groups: every module of this package but the HELPERS registers its commands on import."""
    import importlib
    import pkgutil

    for module in pkgutil.iter_modules(__path__):
        if module.name not in HELPERS:
            importlib.import_module(f"{__name__}.{module.name}")


def run(args: list[str]) -> int:
    """Run `legation ARGS...` and return its exit status; errors are printed as one line on stderr.

    The one entry point: `main()` (the installed command) and the tests' runner both come through here, so what a
    test reads is what a user sees, whatever the terminal's width.
    """
    register()
    command = typer.main.get_command(app)
    try:
        code = command.main(args=args, prog_name="legation", standalone_mode=False)
    except UserError as err:
        err.show()
        return 1
    except click.exceptions.UsageError as err:
        err.show()
        return 2
    except click.ClickException as err:
        err.show()
        return err.exit_code
    except click.exceptions.Abort:
        click.echo("legation: aborted", err=True)
        return 1
    except click.exceptions.Exit as err:
        return err.exit_code
    except LegationError as err:  # raised outside a command (option callbacks)
        click.echo(f"legation: error: {err.message}", err=True)
        return 1
    except OverflowError as err:  # "--at 0001-01-05": counting back from it leaves the calendar
        click.echo(f"legation: error: a date out of range ({err}); use dates between 1900 and 2199", err=True)
        return 1
    except KeyboardInterrupt:
        click.echo("legation: interrupted", err=True)
        return 130
    return code if isinstance(code, int) else 0


def main() -> None:
    sys.exit(run(sys.argv[1:]))
