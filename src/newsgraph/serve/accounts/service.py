"""`Accounts`: the account flows of one server (log-in, reset, register, contact) over its
writable engine, with the password hasher, the mailer and the CSRF key.

Flows that send mail (reset, register, contact) do their database work and the sending in
a background thread, after the rate-limit check: the visitor's answer and its timing are the
same whether or not the address has an account.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from sqlalchemy import insert, update

from newsgraph.serve.accounts import ratelimit, sessions, tokens, users
from newsgraph.serve.accounts.config import AccountSettings
from newsgraph.serve.accounts.db import open_writable, server_secret, utcnow
from newsgraph.serve.accounts.mail import Mailer, one_line, send_quietly
from newsgraph.serve.accounts.passwords import Passwords, check_new_password
from newsgraph.serve.accounts.ratelimit import Limited
from newsgraph.serve.accounts.tokens import TokenKind
from newsgraph.serve.accounts.users import Role, User
from newsgraph.store import schema

LOGGER = logging.getLogger(__name__)
#: Longest contact message kept.
MAX_MESSAGE = 10_000
#: Waits between wrong current passwords on `/account/password`.
PASSWORD_BACKOFF = ratelimit.Backoff()
#: Longest name kept for an account or a contact message (one plain line).
NAME_LENGTH = 80


def _storable(message: str) -> str:
    """A contact message as kept: trimmed, at most `MAX_MESSAGE` characters, without NUL
    characters (which PostgreSQL cannot store)."""
    return message.replace("\x00", "").strip()[:MAX_MESSAGE]


@dataclass(frozen=True)
class SignedIn:
    """A successful log-in: the user and the new session's cookie token."""

    user: User
    session_token: str


class Accounts:
    """Everything the account routes and the middleware share, for one store."""

    def __init__(self, db_url: str, settings: AccountSettings) -> None:
        self.settings = settings
        self.mailer = Mailer(settings.smtp_url, settings.mail_from)  # a bad URL fails here
        self.passwords = Passwords(settings.argon2)
        self.store = open_writable(db_url)
        self.engine = self.store.engine
        try:
            self.secret = (settings.secret_key.encode() if settings.secret_key
                           else server_secret(self.engine))
        except Exception:
            self.store.close()
            raise
        self._background = ThreadPoolExecutor(max_workers=2, thread_name_prefix="ng-accounts")

    def close(self) -> None:
        self._background.shutdown(wait=True)
        self.store.close()

    def later(self, job: Callable[..., object], *args: object) -> None:
        """Run `job(*args)` in the background; errors are logged, never shown to the visitor."""
        def run() -> None:
            try:
                job(*args)
            except Exception:
                LOGGER.exception("background account job failed")
        self._background.submit(run)

    # -- log-in --------------------------------------------------------------

    def user_for_session(self, token: str) -> User | None:
        return sessions.user_for(self.engine, token)

    def login(self, email: str, password: str, ip: str) -> SignedIn | Limited | None:
        """A new session for the right e-mail and password; None when wrong; `Limited` when
        this address or account has failed too often. Unknown e-mails take as long."""
        # Counted before the password is checked, so parallel guesses cannot all pass.
        counted = ratelimit.attempt(self.engine, "login", self.settings.login_limit, ip, email)
        if counted.limited:
            return counted.limited
        found = users.find(self.engine, email) if email.strip() else None
        if found is None:
            self.passwords.decoy(password)
            ok = False
        else:
            ok = self.passwords.verify(password, found[1])
        if not ok or found is None:
            return None  # the failure stays counted
        ratelimit.forget(self.engine, counted.event_ids)
        ratelimit.clear(self.engine, "login", ip, email)
        token = sessions.start(self.engine, found[0].id, self.settings.session_days)
        return SignedIn(found[0], token)

    def logout(self, session_token: str | None) -> None:
        if session_token:
            sessions.end(self.engine, session_token)

    # -- e-mailed links --------------------------------------------------------

    def request_reset(self, email: str, ip: str, base_url: str) -> Limited | None:
        """Mail a reset link if the address has an account (the caller cannot tell)."""
        limited = ratelimit.attempt(self.engine, "reset", self.settings.reset_limit, ip,
                                    email).limited
        if limited:
            return limited
        self.later(self._send_reset, email, base_url)
        return None

    def register(self, email: str, name: str, ip: str, base_url: str) -> Limited | None:
        """Mail a link to finish the registration (or, for a known address, a reset link)."""
        limited = ratelimit.attempt(self.engine, "reset", self.settings.reset_limit, ip,
                                    email).limited
        if limited:
            return limited
        self.later(self._send_register, email, name, base_url)
        return None

    def _send_reset(self, email: str, base_url: str) -> None:
        found = users.find(self.engine, email)
        if found is None:
            return  # nothing to send; the visitor was told the same as for a known address
        user, _hash, version = found
        with self.engine.begin() as connection:
            token = tokens.issue(connection, TokenKind.reset, user.email,
                                 self.settings.token_minutes, user_id=user.id,
                                 password_version=version)
        send_quietly(self.mailer, user.email, "Reset your newsgraph password", (
            "Hello,\n\nsomeone (hopefully you) asked to reset the password "
            f"of your newsgraph account. Choose a new one here:\n\n  {base_url}/reset/{token}\n\n"
            f"The link works once, for {self.settings.token_minutes:g} minutes. If you did not "
            "ask for it, ignore this e-mail: your password stays as it is.\n"))

    def _send_register(self, email: str, name: str, base_url: str) -> None:
        try:
            address = users.check_email(email)
        except users.UserError:
            return
        if users.find(self.engine, address) is not None:
            self._send_existing(address, base_url)
            return
        # The name is whatever the visitor typed, and this mail goes to an address they
        # chose: it is kept (as one short plain line) for the account, never put in the mail.
        with self.engine.begin() as connection:
            token = tokens.issue(connection, TokenKind.register, address,
                                 self.settings.token_minutes, name=one_line(name, NAME_LENGTH))
        send_quietly(self.mailer, address, "Finish your newsgraph registration", (
            "Hello,\n\nto finish creating your newsgraph account, "
            f"choose a password here:\n\n  {base_url}/reset/{token}\n\nThe link works once, "
            f"for {self.settings.token_minutes:g} minutes. If you did not register, ignore "
            "this e-mail and no account will be made.\n"))

    def _send_existing(self, address: str, base_url: str) -> None:
        found = users.find(self.engine, address)
        assert found is not None
        user, _hash, version = found
        with self.engine.begin() as connection:
            token = tokens.issue(connection, TokenKind.reset, address,
                                 self.settings.token_minutes, user_id=user.id,
                                 password_version=version)
        send_quietly(self.mailer, address, "You already have a newsgraph account", (
            "Hello,\n\nsomeone tried to register with this address, which "
            f"already has an account. Log in at {base_url}/login or, if you forgot your "
            f"password, choose a new one here:\n\n  {base_url}/reset/{token}\n\nThe link works "
            f"once, for {self.settings.token_minutes:g} minutes.\n"))

    def peek_token(self, token: str) -> tokens.MailToken | None:
        return tokens.peek(self.engine, token)

    def use_token(self, token: str, password: str) -> SignedIn | None:
        """Set the password of the token's account (making it for a registration) and sign
        in; None when the link is dead. `PasswordError` for a password that is not allowed."""
        peeked = tokens.peek(self.engine, token)
        check_new_password(password, self.settings.min_password_length,
                           peeked.email if peeked else "")
        hashed = self.passwords.hash(password)
        with self.engine.begin() as connection:
            found = tokens.consume(connection, token)
            if found is None:
                return None
            if found.kind is TokenKind.register:
                try:
                    user_id = users.create(connection, found.email, hashed, Role.reader,
                                           found.name).id
                except users.UserError:
                    return None  # registered meanwhile through another link
            else:
                assert found.user_id is not None
                user_id = found.user_id
                users.set_password(connection, user_id, hashed)
        user = users.get(self.engine, user_id)
        if user is None:
            return None
        return SignedIn(user, sessions.start(self.engine, user.id, self.settings.session_days))

    def change_password(self, user: User, current: str, new: str) -> SignedIn | Limited | None:
        """Change a signed-in user's password (ending all their sessions, then starting a new
        one); None when `current` is wrong; `Limited` while wrong tries must wait (delays
        that grow to a minute, never a lock-out, so the owner's right password gets
        through)."""
        check_new_password(new, self.settings.min_password_length, user.email)
        counted = ratelimit.delayed_attempt(self.engine, "password", str(user.id),
                                            PASSWORD_BACKOFF)
        if counted.limited:
            return counted.limited
        found = users.find(self.engine, user.email)
        if found is None or not self.passwords.verify(current, found[1]):
            return None
        ratelimit.clear_subject(self.engine, "password", str(user.id))
        with self.engine.begin() as connection:
            users.set_password(connection, user.id, self.passwords.hash(new))
        return SignedIn(user, sessions.start(self.engine, user.id, self.settings.session_days))

    # -- contact form ------------------------------------------------------------

    def contact(self, name: str, email: str, message: str, user: User | None,
                ip: str) -> Limited | None:
        """Store a contact message and mail it to the operators in the background."""
        limited = ratelimit.attempt(self.engine, "contact", self.settings.contact_limit, ip,
                                    email or None).limited
        if limited:
            return limited
        with self.engine.begin() as connection:
            message_id = connection.execute(insert(schema.contact_messages).values(
                name=one_line(name, NAME_LENGTH), email=email.strip()[:320],
                message=_storable(message), user_id=user.id if user else None,
                created_at=utcnow()).returning(schema.contact_messages.c.id)).scalar_one()
        self.later(self._mail_contact, message_id, one_line(name, NAME_LENGTH),
                   one_line(email, 320), _storable(message))
        return None

    def _mail_contact(self, message_id: int, name: str, email: str, message: str) -> None:
        operators = list(self.settings.operator_emails)
        if not operators:
            LOGGER.warning("contact message %s kept, not mailed: no operator e-mails set "
                           "(NEWSGRAPH_OPERATOR_EMAILS)", message_id)
            return
        reply_to = email if users.looks_like_email(email) else None
        sent = send_quietly(self.mailer, operators, f"newsgraph contact: {name or email}"[:150],
                            f"From: {name} <{email}>\n\n{message}\n", reply_to=reply_to)
        if sent:
            c = schema.contact_messages
            with self.engine.begin() as connection:
                connection.execute(update(c).where(c.c.id == message_id)
                                   .values(mailed_at=utcnow()))
