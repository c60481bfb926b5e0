"""CSRF tokens: an HMAC of what the browser holds, checked on every state-changing request.

Signed-in visitors get a token bound to their session (it changes with the session);
anonymous visitors get one bound to a random cookie of their own (a signed double-submit).
A form sends it in the `csrf_token` field, a script in the `X-CSRF-Token` header.
"""

from __future__ import annotations

import hashlib
import hmac

#: Cookie that anonymous visitors' tokens are bound to.
ANON_COOKIE = "newsgraph_csrf"
#: Form field and header that carry the token.
FIELD = "csrf_token"
HEADER = "x-csrf-token"
#: Methods that never change anything and so need no token.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def token_for(secret: bytes, *, session: str | None, anonymous: str | None) -> str:
    """The token for a visitor: bound to the session token if any, else the anonymous cookie."""
    bound = f"session:{session}" if session else f"anon:{anonymous or ''}"
    return hmac.new(secret, bound.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def valid(secret: bytes, given: str | None, *, session: str | None,
          anonymous: str | None) -> bool:
    """Whether `given` is this visitor's token (constant-time); an anonymous visitor without
    the cookie has no valid token."""
    if not given or (not session and not anonymous):
        return False
    expected = token_for(secret, session=session, anonymous=anonymous)
    return hmac.compare_digest(expected, given)
