"""Who is calling, and may they: FastAPI dependencies over `legation.store.users` and `legation.domain.users`.

    @router.get("/things", dependencies=[...])
    def things(user: User = Depends(require("sites.read"))): ...

`require(action)` answers 401 (no or bad token) or 403 (the role does not allow it) in the one error shape. Need to
know beyond the role (a liaison sees only their own organisation's sites) is checked by the routers with
`visible_site`.
"""

from __future__ import annotations

from typing import Callable

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from legation.domain.errors import Forbidden, NotFound
from legation.domain.users import Unauthenticated, User, can, visible_site
from legation.store import Store

bearer = HTTPBearer(auto_error=False, description="An API token: `legation users token NAME`, or POST "
                                                  "/api/v1/auth/token with a username and password.")


async def get_store(request: Request) -> Store:
    return request.app.state.store


async def current_user(request: Request,
                       credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> User:
    """The user whose bearer token came with the request; 401 without one or with a bad one.

    An async dependency run on the event loop: the look-up is one or two indexed single-row queries, cheaper than
    handing the request to a thread. The data version read here is reused by `legation.api.cache.answer`."""
    if credentials is None or not credentials.credentials:
        raise Unauthenticated("sign in first: send the header 'Authorization: Bearer <token>'")
    from legation.api.cache import token_holder
    from legation.store.audit import head_seq

    token = credentials.credentials
    if len(token) > 200 or not token.isascii():
        raise Unauthenticated("unknown API token")
    with request.app.state.store.connect() as conn:
        version = request.state.data_version = head_seq(conn)
        user = token_holder(request.app.state.holders, conn, token, version)
    request.state.user = user
    return user


def require(action: str) -> Callable[..., User]:
    """A dependency: the current user, if their role allows `action` (403 naming the action otherwise)."""
    can(None, action)  # an unknown action fails here, at import, not on a request

    async def dependency(user: User = Depends(current_user)) -> User:
        if not can(user, action):
            raise Forbidden(f"a {user.role} may not do {action}")
        return user

    dependency.__name__ = f"require_{action.replace('.', '_')}"
    return dependency


def check_site(user: User, site) -> None:
    """A site this user may not see is, for them, a site that does not exist (no probing for other missions')."""
    if not visible_site(user, site):
        raise NotFound(f"no site with id {getattr(site, 'id', site)!r}")
