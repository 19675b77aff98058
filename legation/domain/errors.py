"""The one exception root of Legation and its small tree.

Every error a user can cause is a `LegationError` carrying a message meant for that user. The CLI prints it as one
line on stderr and exits 1; the API turns it into one JSON error shape with the status code of its class.

    LegationError
    ├── InputError            bad input: a file, a row, a value (400)
    │   └── RowError          one bad row of a file, with where it is
    ├── NotFound              a named thing does not exist (404)
    ├── Conflict              the thing exists in a state that forbids the operation (409)
    ├── Forbidden             the acting user may not do this (403)
    └── StoreError            the database cannot be reached or is in a bad state (503)
"""

from __future__ import annotations


class LegationError(Exception):
    """Base of every error a user can cause or meet; `str(err)` is the user-facing message."""

    status = 400
    code = "error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class InputError(LegationError):
    code = "bad_input"


class RowError(InputError):
    """One bad row (or GeoJSON feature) of an input file: where it is, which column, and why."""

    code = "bad_row"

    def __init__(self, reason: str, *, source: str = "", line: int | None = None, column: str | None = None):
        self.reason, self.source, self.line, self.column = reason, source, line, column
        where = source
        if line is not None:
            where = f"{where}:{line}" if where else f"line {line}"
        if column:
            where = f"{where} ({column})" if where else column
        super().__init__(f"{where}: {reason}" if where else reason)


class NotFound(LegationError):
    """A named thing (a site, an order, a user, an event...) does not exist, or the acting user may not know that
    it does: need-to-know answers 404, never 403, so that a refusal does not confirm a record."""

    status, code = 404, "not_found"


class Conflict(LegationError):
    """The thing exists, but its state forbids the step (issuing a lifted order, acknowledging twice)."""

    status, code = 409, "conflict"


class Forbidden(LegationError):
    """The acting user's role or authority does not allow the step."""

    status, code = 403, "forbidden"


class StoreError(LegationError):
    """The database cannot be reached, or it is not at the schema this version expects (run `legation db
    upgrade`)."""

    status, code = 503, "store_unavailable"
