"""Role checks for routes outside this package (e.g. editing entity merges).

    from newsgraph.serve.accounts.guards import refusal
    from newsgraph.serve.accounts.users import Role

    if (denied := refusal(request, Role.editor)) is not None:
        return denied
"""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from newsgraph.serve.accounts.users import Role, User


def current_user(request: Request) -> User | None:
    """The signed-in user of this request (set by the accounts middleware), or None."""
    return getattr(request.state, "user", None)


def refusal(request: Request, needed: Role) -> Response | None:
    """None when the visitor may act as `needed`; else the answer to send: pages redirect
    anonymous visitors to /login, the API answers 401; a too-low role gets 403."""
    user = current_user(request)
    api = request.url.path.startswith("/api/")
    if user is None:
        if api:
            return JSONResponse({"error": "sign in first"}, status_code=401)
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    if not user.can(needed):
        message = f"this needs the {needed.value} role (you are {user.role.value})"
        if api:
            return JSONResponse({"error": message}, status_code=403)
        from newsgraph.serve.accounts.views import render_error

        return render_error(request, 403, message[0].upper() + message[1:] + ".")
    return None
