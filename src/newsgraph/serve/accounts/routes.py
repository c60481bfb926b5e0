"""Signing in and out: `/login`, `/logout`, `/register`, `/reset`, `/reset/{token}`.

Every answer about an e-mail address is the same whether or not it has an account.
CSRF tokens are checked by the middleware before these run.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Path, Request
from starlette.responses import Response

from newsgraph.serve.accounts.middleware import client_ip, cookie_header
from newsgraph.serve.accounts.passwords import PasswordError
from newsgraph.serve.accounts.ratelimit import Limited
from newsgraph.serve.accounts.service import Accounts, SignedIn
from newsgraph.serve.accounts.sessions import SESSION_COOKIE
from newsgraph.serve.accounts.views import redirect, render, safe_next

Field = Annotated[str, Form(max_length=1024)]
LongField = Annotated[str, Form(max_length=20_000)]
Token = Annotated[str, Path(max_length=200)]

SENT = ("If an account can be made or reset for {email}, a link is on its way there. "
        "It works once and expires in {minutes:g} minutes.")


def base_url(accounts: Accounts, request: Request) -> str:
    """Where links in e-mails point: the configured base URL, else the address this server
    listens on. Never the request's Host header: a forged one would send reset links, and
    their tokens, to another site."""
    if accounts.settings.base_url:
        return accounts.settings.base_url.rstrip("/")
    host, port = request.scope.get("server") or ("127.0.0.1", 8000)
    scheme = request.url.scheme
    if ":" in str(host):
        host = f"[{host}]"
    default = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}" + ("" if port in (None, default) else f":{port}")


def open_registration(accounts: Accounts) -> bool:
    """Whether visitors may register (never on a private server: no page is open there)."""
    return accounts.settings.allow_register and not accounts.settings.private


def limited_page(request: Request, template: str, limited: Limited,
                 context: dict[str, object]) -> Response:
    return render(request, template, {**context, "error": limited.message}, 429,
                  headers={"Retry-After": str(limited.retry_after)})


def signed_in(accounts: Accounts, request: Request, done: SignedIn, target: str) -> Response:
    """Redirect to `target` with the new session's cookie."""
    response = redirect(target)
    secure = accounts.settings.cookie_secure
    if secure is None:
        secure = request.url.scheme == "https"
    response.headers.append("set-cookie", cookie_header(
        SESSION_COOKIE, done.session_token, secure=secure,
        max_age=int(accounts.settings.session_days * 86400)))
    return response


def auth_router(accounts: Accounts) -> APIRouter:
    """The sign-in routes of one server."""
    router = APIRouter(include_in_schema=False)

    @router.get("/login")
    def login_form(request: Request, next: str | None = None) -> Response:
        return render(request, "login.html", {"next": safe_next(next, ""),
                                              "allow_register": open_registration(accounts)})

    @router.post("/login")
    def login(request: Request, email: Field = "", password: Field = "",
              next: Field = "") -> Response:
        context = {"email": email, "next": safe_next(next, ""),
                   "allow_register": open_registration(accounts)}
        outcome = accounts.login(email, password, client_ip(request))
        if isinstance(outcome, Limited):
            return limited_page(request, "login.html", outcome, context)
        if outcome is None:
            return render(request, "login.html",
                          {**context, "error": "Wrong e-mail address or password."}, 400)
        accounts.logout(request.state.session_token)  # no session fixation
        return signed_in(accounts, request, outcome, safe_next(next))

    @router.get("/logout")
    def logout_form(request: Request) -> Response:
        return render(request, "logout.html")

    @router.post("/logout")
    def logout(request: Request) -> Response:
        accounts.logout(request.state.session_token)
        response = redirect("/")
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")
        return response

    @router.get("/register")
    def register_form(request: Request) -> Response:
        if not open_registration(accounts):
            return render(request, "message.html", {
                "heading": "Registration is closed",
                "message": "Ask an administrator of this server for an account."}, 404)
        return render(request, "register.html")

    @router.post("/register")
    def register(request: Request, email: Field = "", name: Field = "") -> Response:
        if not open_registration(accounts):
            return render(request, "message.html", {
                "heading": "Registration is closed",
                "message": "Ask an administrator of this server for an account."}, 404)
        context = {"email": email, "name": name}
        if not email.strip():
            return render(request, "register.html",
                          {**context, "error": "Enter your e-mail address."}, 400)
        outcome = accounts.register(email, name, client_ip(request),
                                    base_url(accounts, request))
        if outcome is not None:
            return limited_page(request, "register.html", outcome, context)
        return render(request, "message.html", {"heading": "Check your e-mail", "message":
                      SENT.format(email=email.strip(),
                                  minutes=accounts.settings.token_minutes)})

    @router.get("/reset")
    def reset_form(request: Request) -> Response:
        return render(request, "reset_request.html")

    @router.post("/reset")
    def reset(request: Request, email: Field = "") -> Response:
        if not email.strip():
            return render(request, "reset_request.html",
                          {"error": "Enter your e-mail address."}, 400)
        outcome = accounts.request_reset(email, client_ip(request), base_url(accounts, request))
        if outcome is not None:
            return limited_page(request, "reset_request.html", outcome, {"email": email})
        return render(request, "message.html", {"heading": "Check your e-mail", "message":
                      SENT.format(email=email.strip(),
                                  minutes=accounts.settings.token_minutes)})

    @router.get("/reset/{token}")
    def new_password_form(request: Request, token: Token) -> Response:
        found = accounts.peek_token(token)
        if found is None:
            return dead_link(request)
        return render(request, "reset_password.html", {
            "token": token, "email": found.email, "registering": found.kind == "register",
            "min_length": accounts.settings.min_password_length})

    @router.post("/reset/{token}")
    def new_password(request: Request, token: Token, password: Field = "",
                     confirm: Field = "") -> Response:
        found = accounts.peek_token(token)
        if found is None:
            return dead_link(request)
        context = {"token": token, "email": found.email,
                   "registering": found.kind == "register",
                   "min_length": accounts.settings.min_password_length}
        if password != confirm:
            return render(request, "reset_password.html",
                          {**context, "error": "The two passwords differ."}, 400)
        try:
            done = accounts.use_token(token, password)
        except PasswordError as error:
            return render(request, "reset_password.html", {**context, "error": str(error)}, 400)
        if done is None:
            return dead_link(request)
        return signed_in(accounts, request, done, "/account")

    return router


def dead_link(request: Request) -> Response:
    return render(request, "message.html", {
        "heading": "This link no longer works",
        "message": "It was used already, it expired, or the password was changed since. "
                   "Ask for a new one.", "error": True, "reset_link": True}, 410)
