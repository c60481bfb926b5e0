"""A signed-in user's own page (`/account`): saved searches, follows, password, sessions;
and the contact form (`/contact`)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Path, Request
from starlette.responses import Response

from newsgraph.serve.accounts import library, sessions
from newsgraph.serve.accounts.middleware import client_ip
from newsgraph.serve.accounts.passwords import PasswordError
from newsgraph.serve.accounts.ratelimit import Limited
from newsgraph.serve.accounts.routes import limited_page, signed_in
from newsgraph.serve.accounts.service import MAX_MESSAGE, Accounts, SignedIn
from newsgraph.serve.accounts.users import User, looks_like_email
from newsgraph.serve.accounts.views import redirect, render, safe_next

Field = Annotated[str, Form(max_length=2000)]
#: A row id in a path: a positive integer that fits every backend's integer column.
RowId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Message = Annotated[str, Form(max_length=MAX_MESSAGE * 2)]


def current(request: Request) -> User | None:
    return getattr(request.state, "user", None)


def to_login(request: Request, path: str = "/account") -> Response:
    return redirect(f"/login?next={quote(path, safe='')}")


def account_router(accounts: Accounts) -> APIRouter:
    """The account and contact routes of one server."""
    router = APIRouter(include_in_schema=False)
    engine = accounts.engine

    def page(request: Request, user: User, status: int = 200,
             headers: dict[str, str] | None = None, **extra: object) -> Response:
        return render(request, "account.html", {
            "user": user, "searches": library.searches(engine, user.id),
            "follows": [f for _uid, f in library.follows(engine, user.id)],
            "follow_kinds": list(library.FollowKind),
            "min_length": accounts.settings.min_password_length, **extra}, status, headers)

    @router.get("/account")
    def account(request: Request, done: str | None = None) -> Response:
        user = current(request)
        if user is None:
            return to_login(request)
        notices = {"saved": "Search saved.", "followed": "Now following.",
                   "password": "Password changed; other sessions were ended.",
                   "sessions": "Every other session was ended."}
        return page(request, user, notice=notices.get(done or ""))

    @router.post("/account/searches")
    def save_search(request: Request, query: Field = "", name: Field = "") -> Response:
        user = current(request)
        if user is None:
            return to_login(request)
        try:
            library.save_search(engine, user.id, name, query)
        except library.LibraryError as error:
            return page(request, user, 400, error=str(error))
        return redirect("/account?done=saved")

    @router.post("/account/searches/{search_id}/delete")
    def delete_search(request: Request, search_id: RowId) -> Response:
        user = current(request)
        if user is None:
            return to_login(request)
        library.delete_search(engine, user.id, search_id)
        return redirect("/account")

    @router.post("/account/follows")
    def follow(request: Request, kind: Field = "person", value: Field = "",
               back: Field = "") -> Response:
        user = current(request)
        if user is None:
            return to_login(request)
        try:
            library.follow(engine, user.id, kind, value)
        except library.LibraryError as error:
            return page(request, user, 400, error=str(error))
        return redirect(safe_next(back, "/account?done=followed"))

    @router.post("/account/follows/{follow_id}/delete")
    def unfollow(request: Request, follow_id: RowId) -> Response:
        user = current(request)
        if user is None:
            return to_login(request)
        library.unfollow(engine, user.id, follow_id)
        return redirect("/account")

    @router.post("/account/password")
    def change_password(request: Request, current_password: Field = "", password: Field = "",
                        confirm: Field = "") -> Response:
        user = current(request)
        if user is None:
            return to_login(request)
        if password != confirm:
            return page(request, user, 400, error="The two new passwords differ.")
        try:
            done = accounts.change_password(user, current_password, password)
        except PasswordError as error:
            return page(request, user, 400, error=str(error))
        if isinstance(done, Limited):
            return page(request, user, 429, error=done.message,
                        headers={"Retry-After": str(done.retry_after)})
        if done is None:
            return page(request, user, 400, error="The current password is wrong.")
        return signed_in(accounts, request, done, "/account?done=password")

    @router.post("/account/sessions/revoke")
    def revoke_sessions(request: Request) -> Response:
        """End every session of this user, then start a fresh one for this browser."""
        user = current(request)
        if user is None:
            return to_login(request)
        sessions.end_all(engine, user.id)
        fresh = sessions.start(engine, user.id, accounts.settings.session_days)
        return signed_in(accounts, request, SignedIn(user, fresh), "/account?done=sessions")

    @router.get("/contact")
    def contact_form(request: Request) -> Response:
        user = current(request)
        return render(request, "contact.html", {
            "name": user.name if user else "", "email": user.email if user else ""})

    @router.post("/contact")
    def contact(request: Request, name: Field = "", email: Field = "",
                message: Message = "") -> Response:
        user = current(request)
        context = {"name": name, "email": email, "message": message}
        problem = None
        if not looks_like_email(email):
            problem = "Enter an e-mail address we can answer to."
        elif not message.strip():
            problem = "Write a message."
        elif len(message) > MAX_MESSAGE:
            problem = f"The message may have at most {MAX_MESSAGE:,} characters."
        if problem:
            return render(request, "contact.html", {**context, "error": problem}, 400)
        outcome = accounts.contact(name, email, message, user, client_ip(request))
        if outcome is not None:
            return limited_page(request, "contact.html", outcome, context)
        return render(request, "message.html", {
            "heading": "Message sent", "message": "Thank you: the people running this server "
            "have your message and will answer by e-mail."})

    return router
