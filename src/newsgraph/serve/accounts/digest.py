"""`newsgraph digest`: e-mail each follower the new quotes by the people and topics they follow.

"New" means stored since the user's last digest (or, the first time, since their first
follow): articles are picked by `ingested_at`, so an old article ingested today counts. A
person matches any part of the speaker's name, a topic every word in the quote (both
case-insensitive, as the quote filters of the API do).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, and_, or_, select, update

from newsgraph.serve.accounts import library, users
from newsgraph.serve.accounts.db import aware, utcnow
from newsgraph.serve.accounts.library import Follow, FollowKind
from newsgraph.serve.accounts.mail import Mailer, MailError
from newsgraph.store import schema
from newsgraph.store.queries import quote_text_conditions

#: Most quotes listed in one digest.
MAX_QUOTES = 50


@dataclass
class DigestReport:
    """What one run did: e-mails sent, users with nothing new, and failures (address: why)."""

    sent: list[str] = field(default_factory=list)
    nothing_new: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class DigestQuote:
    article_id: str
    title: str | None
    published: str | None
    speaker: str | None
    text: str
    matched: tuple[str, ...]


def _condition(follow: Follow) -> object:
    if follow.kind is FollowKind.person:
        return and_(*quote_text_conditions(follow.value, None))
    return and_(*quote_text_conditions(None, follow.value))


def _matches(follow: Follow, speaker: str | None, text: str) -> bool:
    if follow.kind is FollowKind.person:
        return follow.value.lower() in (speaker or "").lower()
    return all(word.lower() in text.lower() for word in follow.value.split())


def new_quotes(engine: Engine, follows: list[Follow], since: datetime,
               until: datetime) -> list[DigestQuote]:
    """Quotes in articles stored in (since, until] that match any of the follows."""
    q, a = schema.quotes, schema.articles
    query = (
        select(q.c.article_id, a.c.title, a.c.published, q.c.speaker_name, q.c.text)
        .select_from(q.join(a, a.c.id == q.c.article_id))
        .where(a.c.ingested_at > since, a.c.ingested_at <= until,
               or_(*[_condition(f) for f in follows]))
        .order_by(a.c.ingested_at, q.c.article_id, q.c.seq)
        .limit(MAX_QUOTES)
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return [DigestQuote(row.article_id, row.title, row.published, row.speaker_name, row.text,
                        tuple(f.value for f in follows
                              if _matches(f, row.speaker_name, row.text)))
            for row in rows]


def compose(user: users.User, quotes: list[DigestQuote], base_url: str) -> tuple[str, str]:
    """Subject and plain-text body of one digest."""
    lines = ["Hello,", "",
             f"{len(quotes)} new quote{'s' if len(quotes) != 1 else ''} by the people and "
             "topics you follow:", ""]
    for quote in quotes:
        lines.append(f"{quote.speaker or 'Unnamed source'}: {quote.text}")
        where = quote.title or quote.article_id
        if quote.published:
            where += f" ({quote.published})"
        lines.append(f"  in {where}")
        lines.append(f"  {base_url}/articles/{quote.article_id}")
        if quote.matched:
            lines.append(f"  (you follow: {', '.join(quote.matched)})")
        lines.append("")
    lines.append(f"Change what you follow: {base_url}/account")
    subject = f"newsgraph digest: {len(quotes)} new quote{'s' if len(quotes) != 1 else ''}"
    return subject, "\n".join(lines) + "\n"


def send_digests(engine: Engine, mailer: Mailer, base_url: str,
                 now: datetime | None = None) -> DigestReport:
    """One digest per user who follows anything; `last_digest_at` moves on once it is sent
    (or when there was nothing new), so a failed e-mail is tried again next run."""
    now = now or utcnow()
    report = DigestReport()
    by_user: dict[int, list[Follow]] = defaultdict(list)
    for user_id, follow in library.follows(engine):
        by_user[user_id].append(follow)
    for user_id, follows in by_user.items():
        user = users.get(engine, user_id)
        if user is None:
            continue
        since = aware(user.last_digest_at) or min(
            (f.created_at for f in follows if f.created_at), default=now)
        quotes = new_quotes(engine, follows, since, now)
        if quotes:
            subject, body = compose(user, quotes, base_url.rstrip("/"))
            try:
                mailer.send(user.email, subject, body)
            except MailError as error:
                report.failed[user.email] = str(error)
                continue
            report.sent.append(user.email)
        else:
            report.nothing_new.append(user.email)
        with engine.begin() as connection:
            connection.execute(update(schema.users).where(schema.users.c.id == user_id)
                               .values(last_digest_at=now))
    return report
