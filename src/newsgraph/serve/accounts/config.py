"""`AccountSettings`: every option of accounts, mail and access control, in one typed object.

`AccountSettings.from_env()` reads the `NEWSGRAPH_*` environment variables listed in
`ENVIRONMENT`; anything passed as a keyword wins over the environment.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from typing import Any

#: Longest rate-limit window: older attempts are deleted (see `ratelimit.KEEP`).
MAX_WINDOW_SECONDS = 86_400


@dataclass(frozen=True)
class RateLimit:
    """At most `per_ip` events from one address and `per_account` for one e-mail address
    within `window_seconds`; the next one is answered 429."""

    per_ip: int
    per_account: int
    window_seconds: int


@dataclass(frozen=True)
class Argon2Cost:
    """argon2id cost parameters for new password hashes (verification reads them from the hash).

    The defaults are argon2-cffi's (RFC 9106 low-memory profile); tests use cheaper ones.
    """

    time_cost: int = 3
    memory_kib: int = 65536
    parallelism: int = 4


@dataclass(frozen=True)
class AccountSettings:
    """Options of the accounts layer of `newsgraph serve`."""

    allow_register: bool = False
    """Whether visitors may create their own reader account (`/register`); off unless
    `--register` or NEWSGRAPH_REGISTER=1."""
    private: bool = False
    """Every page and API call except login, reset and static files needs a session."""
    smtp_url: str | None = None
    """`smtp://host:port`, `smtp+starttls://user:pass@host:587` or `smtps://user:pass@host`;
    None: no mail is sent (and reset/register links cannot arrive)."""
    mail_from: str = "newsgraph <newsgraph@localhost>"
    operator_emails: tuple[str, ...] = ()
    """Who receives contact-form messages."""
    api_token: str | None = None
    """`Authorization: Bearer <token>` may ingest through the API (no session, no CSRF)."""
    secret_key: str | None = None
    """Signs CSRF tokens; None: a random key kept in the store's `meta` table."""
    base_url: str | None = None
    """Start of the links in e-mails (`https://news.example.org`); None: the request's."""
    session_days: float = 14.0
    token_minutes: float = 60.0
    """Lifetime of e-mailed reset and registration links."""
    login_limit: RateLimit = RateLimit(per_ip=30, per_account=5, window_seconds=900)
    """Failed log-ins."""
    reset_limit: RateLimit = RateLimit(per_ip=10, per_account=3, window_seconds=3600)
    """Reset and registration e-mails asked for."""
    contact_limit: RateLimit = RateLimit(per_ip=5, per_account=5, window_seconds=3600)
    token_limit: RateLimit = RateLimit(per_ip=20, per_account=20, window_seconds=600)
    """Wrong `Authorization: Bearer` tokens from one address (then 429 for it)."""
    max_body_bytes: int = 1_000_000
    """Largest request body accepted from anyone, API token clients included (413 beyond)."""
    cookie_secure: bool | None = None
    """Mark cookies Secure; None: when the request came over https."""
    hsts_seconds: int = 0
    """Send `Strict-Transport-Security: max-age=<this>` (only for a server reached over
    https, e.g. behind a TLS-terminating proxy); 0: not sent."""
    trusted_proxies: tuple[str, ...] = ()
    """Addresses (or CIDR networks) of reverse proxies whose `X-Forwarded-For` and
    `X-Forwarded-Proto` are believed; empty: those headers are ignored, from anyone."""
    min_password_length: int = 10
    argon2: Argon2Cost = field(default_factory=Argon2Cost)

    def __post_init__(self) -> None:
        for name in ("login_limit", "reset_limit", "contact_limit", "token_limit"):
            limit: RateLimit = getattr(self, name)
            if not 0 < limit.window_seconds <= MAX_WINDOW_SECONDS:
                raise ValueError(f"{name}: the window must be 1 s to {MAX_WINDOW_SECONDS} s")
            if limit.per_ip < 1 or limit.per_account < 1:
                raise ValueError(f"{name}: allow at least one attempt")
        if self.max_body_bytes < 1024:
            raise ValueError("max_body_bytes: at least 1024")
        if self.hsts_seconds < 0:
            raise ValueError("hsts_seconds: 0 (off) or more")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None,
                 **overrides: Any) -> AccountSettings:
        """Settings from `NEWSGRAPH_*` variables (see `ENVIRONMENT`), then `overrides`."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for variable, (name, parse) in ENVIRONMENT.items():
            raw = env.get(variable)
            if raw is not None and raw.strip() != "":
                values[name] = parse(raw.strip())
        known = {f.name for f in fields(cls)}
        unknown = set(overrides) - known
        if unknown:
            raise TypeError(f"unknown account settings: {', '.join(sorted(unknown))}")
        return replace(cls(**values), **overrides)


def _flag(raw: str) -> bool:
    return raw.lower() not in ("0", "false", "no", "off")


def _emails(raw: str) -> tuple[str, ...]:
    """A comma- (or semicolon-) separated list."""
    return tuple(part.strip() for part in raw.replace(";", ",").split(",") if part.strip())


#: Environment variable -> (setting, parser).
ENVIRONMENT: dict[str, tuple[str, Any]] = {
    "NEWSGRAPH_PRIVATE": ("private", _flag),
    "NEWSGRAPH_REGISTER": ("allow_register", _flag),
    "NEWSGRAPH_SMTP_URL": ("smtp_url", str),
    "NEWSGRAPH_MAIL_FROM": ("mail_from", str),
    "NEWSGRAPH_OPERATOR_EMAILS": ("operator_emails", _emails),
    "NEWSGRAPH_TOKEN": ("api_token", str),
    "NEWSGRAPH_SECRET_KEY": ("secret_key", str),
    "NEWSGRAPH_BASE_URL": ("base_url", str),
    "NEWSGRAPH_MAX_BODY": ("max_body_bytes", int),
    "NEWSGRAPH_SECURE_COOKIES": ("cookie_secure", _flag),
    "NEWSGRAPH_HSTS": ("hsts_seconds", int),
    "NEWSGRAPH_TRUSTED_PROXIES": ("trusted_proxies", _emails),
}
