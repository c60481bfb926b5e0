"""Outgoing mail over SMTP (`NEWSGRAPH_SMTP_URL`), with the standard library's smtplib.

    smtp://127.0.0.1:8025                 plain SMTP (a local relay)
    smtp+starttls://user:pass@host:587    upgraded with STARTTLS, then logged in
    smtps://user:pass@host:465            TLS from the start
"""

from __future__ import annotations

import logging
import smtplib
import ssl
import unicodedata
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import unquote, urlsplit

LOGGER = logging.getLogger(__name__)
#: Seconds to wait for the SMTP server.
SMTP_TIMEOUT = 15.0
_PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}


#: Unicode categories never kept in a header or a one-line field: controls, format
#: characters (bidi overrides), line and paragraph separators, surrogates, private use.
_NOT_ONE_LINE = ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")


def one_line(text: str, longest: int = 200) -> str:
    """`text` as one plain line: every control, format or line-breaking character (U+2028
    included) becomes a space, runs of spaces one, at most `longest` characters."""
    cleaned = "".join(" " if unicodedata.category(char) in _NOT_ONE_LINE else char
                      for char in text)
    return " ".join(cleaned.split())[:longest].strip()


class MailError(RuntimeError):
    """Mail could not be sent (no server configured, bad URL, or the server refused)."""


@dataclass(frozen=True)
class SmtpServer:
    scheme: str
    host: str
    port: int
    user: str | None = None
    password: str | None = None

    @classmethod
    def parse(cls, url: str) -> SmtpServer:
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme not in _PORTS or not parts.hostname:
            raise MailError("the SMTP URL must look like smtp://host:port, "
                            "smtp+starttls://user:pass@host:587 or smtps://user:pass@host")
        return cls(scheme, parts.hostname, parts.port or _PORTS[scheme],
                   unquote(parts.username) if parts.username else None,
                   unquote(parts.password) if parts.password else None)


class Mailer:
    """Sends plain-text mail from one sender through one SMTP server."""

    def __init__(self, smtp_url: str | None, sender: str) -> None:
        self.server = SmtpServer.parse(smtp_url) if smtp_url else None
        self.sender = sender

    @property
    def configured(self) -> bool:
        return self.server is not None

    def send(self, to: list[str] | str, subject: str, body: str,
             reply_to: str | None = None) -> None:
        """Send one message; `MailError` when it cannot be delivered to the server."""
        recipients = [to] if isinstance(to, str) else list(to)
        if self.server is None:
            raise MailError("no SMTP server configured (set NEWSGRAPH_SMTP_URL)")
        if not recipients:
            raise MailError("no recipients")
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = ", ".join(recipients)
        message["Subject"] = one_line(subject, 150)
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(domain="newsgraph")
        if reply_to:
            message["Reply-To"] = one_line(reply_to, 320)
        message.set_content(body)
        try:
            with self._connect() as smtp:
                smtp.send_message(message)
        except (OSError, smtplib.SMTPException) as error:
            raise MailError(f"sending mail via {self.server.host}:{self.server.port} failed: "
                            f"{error}") from error

    def _connect(self) -> smtplib.SMTP:
        server = self.server
        assert server is not None
        if server.scheme == "smtps":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(server.host, server.port, timeout=SMTP_TIMEOUT,
                                                  context=ssl.create_default_context())
        else:
            smtp = smtplib.SMTP(server.host, server.port, timeout=SMTP_TIMEOUT)
            if server.scheme == "smtp+starttls":
                smtp.starttls(context=ssl.create_default_context())
        if server.user:
            smtp.login(server.user, server.password or "")
        return smtp


def send_quietly(mailer: Mailer, to: list[str] | str, subject: str, body: str,
                 reply_to: str | None = None) -> bool:
    """`Mailer.send`, logging instead of raising (for mail sent after the response)."""
    try:
        mailer.send(to, subject, body, reply_to=reply_to)
    except MailError as error:
        LOGGER.warning("%s", error)
        return False
    return True
