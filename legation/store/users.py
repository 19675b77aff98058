"""Users and API tokens: add, authenticate by password (argon2), issue / check / revoke tokens. All audited.

A token is shown once, when issued: `lgn_<id>_<secret>`. Only its sha256 is stored (a token is 256 random bits, so
a fast hash is enough and a lookup stays one indexed read); the `<id>` part is its public handle, listed and used
to revoke it. Tokens expire (`ttl_days`) and can be revoked one by one or all of a user's at once.

    add_user(conn, User("ops1", "operations-officer"), password="...")
    token = issue_token(conn, "ops1", ttl_days=30)
    user = user_for_token(conn, token)          # Unauthenticated when bad, expired or revoked

Signing in by password is throttled here, in the one function both the API's token endpoint and the web login
call (`authenticate`): per user name and per client address, with exponential back-off after a few failures (429
with the seconds to wait) and an audited lockout of a user name after many (`legation.domain.users.SignInThrottle`).
The throttle is asked before any password is hashed, so a blocked caller costs no argon2 work. Its counts are rows
of `sign_in_failures`, so every server process sees the same counts and a restart forgets none; each attempt
updates them in a short transaction of its own (the caller's is rolled back by a wrong password).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import secrets
import time
from collections.abc import Iterator

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from legation.domain.errors import Conflict, InputError, NotFound
from legation.domain.users import FORGET_SECONDS, LOCKOUT_SECONDS, SignInThrottle, Unauthenticated, User, local_operator
from legation.store import audit
from legation.store.tables_sign_in import sign_in_failures as failures_t
from legation.store.tables_users import api_tokens as tokens_t
from legation.store.tables_users import users as users_t

MIN_PASSWORD = 8
MAX_TTL_DAYS = 3650
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not a real password; evens out timing for unknown users")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes (stored as UTC)."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def _user(row: sa.Row) -> User:
    return User(username=row.username, role=row.role, organisation=row.organisation, unit=row.unit)


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise InputError(f"a password needs at least {MIN_PASSWORD} characters")


def add_user(conn: sa.Connection, user: User, password: str | None = None) -> User:
    """Store a new user (Conflict if the name is taken). Without a password the user signs in by token only."""
    if find_user(conn, user.username, include_inactive=True) is not None:
        raise Conflict(f"user {user.username!r} already exists")
    if password is not None:
        _check_password(password)
    conn.execute(users_t.insert().values(**user.to_dict(), active=True, created_at=_now(),
                                         password_hash=_hasher.hash(password) if password is not None else None))
    audit.append(conn, "user.add", "user", user.username, after=user.to_dict())
    return user


def set_password(conn: sa.Connection, username: str, password: str) -> None:
    """A new password for a user (`legation users password`); it also lifts a sign-in lockout of that name."""
    get_user(conn, username)
    _check_password(password)
    conn.execute(users_t.update().where(users_t.c.username == username)
                 .values(password_hash=_hasher.hash(password)))
    conn.execute(failures_t.delete().where(failures_t.c.key == f"user:{username}"[:300]))
    audit.append(conn, "user.password", "user", username)


def find_user(conn: sa.Connection, username: str, *, include_inactive: bool = False) -> User | None:
    query = sa.select(users_t).where(users_t.c.username == username)
    if not include_inactive:
        query = query.where(users_t.c.active == sa.true())
    row = conn.execute(query).first()
    return _user(row) if row else None


def get_user(conn: sa.Connection, username: str) -> User:
    user = find_user(conn, username)
    if user is None:
        raise NotFound(f"no user named {username!r}")
    return user


def list_users(conn: sa.Connection) -> list[dict]:
    """Every user with whether they are active and how many live tokens they hold (never a hash)."""
    now = _now()
    live = (sa.select(tokens_t.c.username, sa.func.count().label("n"))
            .where(tokens_t.c.revoked_at.is_(None), tokens_t.c.expires_at > now)
            .group_by(tokens_t.c.username).subquery())
    rows = conn.execute(sa.select(users_t, live.c.n).outerjoin(live, live.c.username == users_t.c.username)
                        .order_by(users_t.c.username))
    return [{**_user(r).to_dict(), "active": bool(r.active), "tokens": r.n or 0} for r in rows]


def deactivate_user(conn: sa.Connection, username: str) -> None:
    """A user who left: cannot sign in, and every token of theirs is revoked."""
    get_user(conn, username)
    conn.execute(users_t.update().where(users_t.c.username == username).values(active=False))
    revoke_tokens(conn, username)
    audit.append(conn, "user.deactivate", "user", username)


_clock = time.time  # the sign-in throttle's clock: seconds since the epoch, as stored


@contextlib.contextmanager
def _apart(conn: sa.Connection) -> Iterator[sa.Connection]:
    """A transaction of its own beside the caller's, so that what it writes stays when the caller's is rolled back
    (a wrong password); the caller's own when it has already written (a script that adds a user and signs in
    within one transaction), which could otherwise wait on its own locks: its counts then share its fate."""
    if conn.dialect.name == "sqlite":
        writing = bool(getattr(conn.connection.dbapi_connection, "in_transaction", False))
    else:
        writing = bool(conn.execute(sa.text("SELECT pg_current_xact_id_if_assigned() IS NOT NULL")).scalar())
    if writing:
        yield conn
        return
    with conn.engine.begin() as own:
        yield own


def _throttled(conn: sa.Connection, keys: list[str], step):
    """`step(throttle)` over the stored counts of `keys`, in a transaction of its own that holds the write lock
    from the start (concurrent sign-ins queue, so none miscounts); what the step changed is saved."""
    now = _clock()
    with _apart(conn) as own:
        if own.dialect.name == "postgresql":
            own.execute(sa.text("SELECT pg_advisory_xact_lock(74253)"))
        else:  # any write statement takes SQLite's write lock
            own.execute(failures_t.update().where(sa.false()).values(failures=0))
        rows = own.execute(sa.select(failures_t).where(failures_t.c.key.in_(keys)))
        before = {r.key: (r.failures, r.blocked_until, r.last_failure) for r in rows}
        throttle = SignInThrottle(lambda: now, state=before)
        result = step(throttle)
        after = throttle.state
        changed = [k for k in keys if after.get(k) != before.get(k)]
        kept = [{"key": k, "failures": after[k][0], "blocked_until": after[k][1], "last_failure": after[k][2]}
                for k in changed if k in after]
        if changed:
            own.execute(failures_t.delete().where(failures_t.c.key.in_(changed)))
        if kept:
            own.execute(failures_t.insert(), kept)
        own.execute(failures_t.delete().where(failures_t.c.last_failure < now - FORGET_SECONDS,
                                              failures_t.c.blocked_until < now))
    return result


def authenticate(conn: sa.Connection, username: str, password: str, *, client: str | None = None) -> User:
    """The user with this name and password; `Unauthenticated` otherwise (one message for every failure), and
    `TooManyAttempts` (429, `retry_after` seconds) while this name or this client address (`client`, when known)
    must wait after failed attempts. Checked before the password is hashed."""
    keys = [f"user:{username}"[:300]] + ([f"addr:{client}"[:300]] if client else [])
    # raises while blocked; else counts this attempt as failed until it turns out right
    locks_out = _throttled(conn, keys, lambda throttle: throttle.attempt(keys))
    try:
        user = _check(conn, username, password)
    except Unauthenticated:
        if locks_out:
            _audit_lockout(conn, username, client)
        raise
    _throttled(conn, keys, lambda throttle: throttle.succeeded(keys))
    return user


def _audit_lockout(conn: sa.Connection, username: str, client: str | None) -> None:
    """Record a lockout in its own transaction: the caller's is rolled back by the failure that caused it."""
    with _apart(conn) as own:
        audit.append(own, "user.lockout", "user", username[:200], actor="system",
                     after={"client": client, "locked_seconds": int(LOCKOUT_SECONDS)})


def _check(conn: sa.Connection, username: str, password: str) -> User:
    row = conn.execute(sa.select(users_t).where(users_t.c.username == username,
                                                users_t.c.active == sa.true())).first()
    stored = row.password_hash if row is not None and row.password_hash else _DUMMY_HASH
    try:
        _hasher.verify(stored, password)
        ok = row is not None and row.password_hash is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok or row is None:
        raise Unauthenticated("wrong username or password")
    return _user(row)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_id(token: str) -> str | None:
    """The public handle inside a token (`lgn_<id>_<secret>`), or None when it is not shaped like one."""
    parts = token.split("_", 2)
    if len(parts) == 3 and parts[0] == "lgn" and len(parts[1]) == 12:
        return parts[1]
    return None


def issue_token(conn: sa.Connection, username: str, ttl_days: int = 90) -> str:
    """A new API token for this user, valid `ttl_days`. Returned once; only its digest is kept."""
    get_user(conn, username)
    if not 1 <= ttl_days <= MAX_TTL_DAYS:
        raise InputError(f"ttl_days must be within 1..{MAX_TTL_DAYS}, not {ttl_days}")
    handle = secrets.token_hex(6)
    token = f"lgn_{handle}_{secrets.token_urlsafe(32)}"
    now = _now()
    expires = now + dt.timedelta(days=ttl_days)
    conn.execute(tokens_t.insert().values(id=handle, username=username, digest=_digest(token), created_at=now,
                                          expires_at=expires))
    audit.append(conn, "token.issue", "token", handle,
                 after={"username": username, "expires_at": expires.isoformat(timespec="seconds")})
    return token


def user_for_token(conn: sa.Connection, token: str) -> User:
    """Whose token this is; `Unauthenticated` when it is unknown, expired, revoked or its user inactive."""
    return token_holder(conn, token)[0]


def token_holder(conn: sa.Connection, token: str) -> tuple[User, dt.datetime]:
    """(whose token this is, when it expires); `Unauthenticated` when it is unknown, expired, revoked or its user
    inactive. The expiry lets a caller that keeps the answer (the API) stop trusting it on time."""
    row = conn.execute(
        sa.select(users_t, tokens_t.c.expires_at, tokens_t.c.revoked_at)
        .join(tokens_t, tokens_t.c.username == users_t.c.username)
        .where(tokens_t.c.digest == _digest(token))).first()
    if row is None:
        raise Unauthenticated("unknown API token")
    if row.revoked_at is not None:
        raise Unauthenticated("this API token was revoked")
    expires = _aware(row.expires_at)
    if expires <= _now():
        raise Unauthenticated("this API token has expired")
    if not row.active:
        raise Unauthenticated("this API token's user is no longer active")
    return _user(row), expires


def revoke_token(conn: sa.Connection, handle: str) -> None:
    """Revoke one token by its id (the `<id>` of `lgn_<id>_...`, or the whole token)."""
    handle = token_id(handle) or handle
    row = conn.execute(sa.select(tokens_t).where(tokens_t.c.id == handle)).first()
    if row is None:
        raise NotFound(f"no API token with id {handle!r}")
    if row.revoked_at is None:
        conn.execute(tokens_t.update().where(tokens_t.c.id == handle).values(revoked_at=_now()))
        audit.append(conn, "token.revoke", "token", handle, after={"username": row.username})


def revoke_tokens(conn: sa.Connection, username: str) -> int:
    """Revoke every live token of a user; how many were revoked."""
    result = conn.execute(tokens_t.update().where(tokens_t.c.username == username, tokens_t.c.revoked_at.is_(None))
                          .values(revoked_at=_now()))
    if result.rowcount:
        audit.append(conn, "token.revoke_all", "user", username, after={"revoked": result.rowcount})
    return result.rowcount


def list_tokens(conn: sa.Connection, username: str | None = None) -> list[dict]:
    """Tokens (id, user, created, expires, revoked, whether live) — never the secret or its digest."""
    query = sa.select(tokens_t).order_by(tokens_t.c.created_at)
    if username:
        query = query.where(tokens_t.c.username == username)
    now = _now()
    return [{"id": r.id, "username": r.username, "created_at": _aware(r.created_at),
             "expires_at": _aware(r.expires_at), "revoked_at": r.revoked_at and _aware(r.revoked_at),
             "live": r.revoked_at is None and _aware(r.expires_at) > now} for r in conn.execute(query)]


def acting_user(conn: sa.Connection, name: str) -> User:
    """Who the CLI's `--as NAME` is: the stored user of that name (with their role), else the local operator
    (an administrator of their own database, as before users existed)."""
    return find_user(conn, name) or local_operator(name)
