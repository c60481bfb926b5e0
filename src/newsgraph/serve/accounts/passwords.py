"""Password hashing with argon2id (pwdlib), plus a decoy check for unknown accounts."""

from __future__ import annotations

import re
import secrets

from newsgraph.serve.accounts.config import Argon2Cost
from newsgraph.serve.accounts.weak import weakness

#: Longest password accepted (hashing cost should not grow with input a visitor controls).
MAX_PASSWORD = 1024


class PasswordError(ValueError):
    """A new password that does not meet the rules; the message says which."""


class Passwords:
    """Hashes and verifies passwords; `decoy` spends the same time when there is no account."""

    def __init__(self, cost: Argon2Cost | None = None) -> None:
        from pwdlib import PasswordHash
        from pwdlib.hashers.argon2 import Argon2Hasher

        cost = cost or Argon2Cost()
        self._hash = PasswordHash((Argon2Hasher(
            time_cost=cost.time_cost, memory_cost=cost.memory_kib,
            parallelism=cost.parallelism),))
        self._decoy_hash = self._hash.hash(secrets.token_urlsafe(16))

    def hash(self, password: str) -> str:
        return self._hash.hash(password)

    def verify(self, password: str, hashed: str) -> bool:
        """Whether `password` matches; False (never an error) for a malformed hash."""
        if len(password) > MAX_PASSWORD:
            return False
        try:
            return self._hash.verify(password, hashed)
        except Exception:  # an unknown or damaged hash is a failed log-in, not a crash
            return False

    def decoy(self, password: str) -> bool:
        """Verify against a random hash: as slow as a real check, always False."""
        self.verify(password[:MAX_PASSWORD], self._decoy_hash)
        return False


def check_new_password(password: str, min_length: int, email: str = "") -> None:
    """Raise `PasswordError` unless `password` is acceptable as a new password: long enough,
    not too long, and not easy to guess (`weak.weakness`, with the e-mail address's parts)."""
    if len(password) < min_length:
        raise PasswordError(f"The password needs at least {min_length} characters.")
    if len(password) > MAX_PASSWORD:
        raise PasswordError(f"The password may have at most {MAX_PASSWORD} characters.")
    if not password.strip():
        raise PasswordError("The password cannot be only spaces.")
    personal = tuple(part for part in re.split(r"[^a-z]+", email.lower()) if part)
    problem = weakness(password, personal)
    if problem:
        raise PasswordError(problem)
