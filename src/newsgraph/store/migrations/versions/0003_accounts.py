"""Accounts for the web server: users, sessions, e-mailed tokens, rate limits, follows,
the contact form and editors' entity merges.

Revision ID: 0003
Revises: 0002

Tables are written out (not taken from `schema.py`) and created only where missing, so a
store laid out by `create_all` from a newer `schema.py` is adopted too.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _when(name: str, nullable: bool = False, comment: str | None = None) -> sa.Column:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable, comment=comment)


def _user_fk(nullable: bool = False, ondelete: str = "CASCADE") -> sa.Column:
    return sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id", ondelete=ondelete),
                     nullable=nullable)


def upgrade() -> None:
    present = set(sa.inspect(op.get_bind()).get_table_names())
    if "users" not in present:
        op.create_table(
            "users",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("email", sa.String(320), nullable=False, unique=True),
            sa.Column("name", sa.Text, nullable=False),
            sa.Column("role", sa.String(20), nullable=False, comment="reader, editor or admin"),
            sa.Column("password_hash", sa.Text, nullable=False, comment="argon2id (pwdlib)"),
            sa.Column("password_version", sa.Integer, nullable=False),
            _when("created_at"),
            _when("last_digest_at", nullable=True, comment="last digest e-mail sent"),
        )
    if "user_sessions" not in present:
        op.create_table(
            "user_sessions",
            sa.Column("id", sa.String(64), primary_key=True,
                      comment="SHA-256 hex of the cookie token"),
            _user_fk(),
            _when("created_at"),
            _when("expires_at"),
            _when("last_seen_at"),
        )
        op.create_index("ix_user_sessions_user", "user_sessions", ["user_id"])
    if "mail_tokens" not in present:
        op.create_table(
            "mail_tokens",
            sa.Column("id", sa.String(64), primary_key=True,
                      comment="SHA-256 hex of the e-mailed token"),
            sa.Column("kind", sa.String(20), nullable=False, comment="reset or register"),
            sa.Column("email", sa.String(320), nullable=False),
            sa.Column("name", sa.Text, nullable=False),
            _user_fk(nullable=True),
            sa.Column("password_version", sa.Integer, comment="the user's at issue time (reset)"),
            _when("created_at"),
            _when("expires_at"),
            _when("used_at", nullable=True),
        )
        op.create_index("ix_mail_tokens_email", "mail_tokens", ["email"])
    if "rate_events" not in present:
        op.create_table(
            "rate_events",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("key", sa.String(200), nullable=False, comment="e.g. login:ip:<addr>"),
            _when("at"),
        )
        op.create_index("ix_rate_events_key_at", "rate_events", ["key", "at"])
        op.create_index("ix_rate_events_at", "rate_events", ["at"])
    if "saved_searches" not in present:
        op.create_table(
            "saved_searches",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            _user_fk(),
            sa.Column("name", sa.Text, nullable=False),
            sa.Column("query", sa.Text, nullable=False,
                      comment="the search page's query string"),
            _when("created_at"),
        )
        op.create_index("ix_saved_searches_user", "saved_searches", ["user_id"])
    if "follows" not in present:
        op.create_table(
            "follows",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            _user_fk(),
            sa.Column("kind", sa.String(20), nullable=False, comment="person or topic"),
            sa.Column("value", sa.String(500), nullable=False),
            _when("created_at"),
        )
        op.create_index("uq_follows_user_kind_value", "follows", ["user_id", "kind", "value"],
                        unique=True)
    if "contact_messages" not in present:
        op.create_table(
            "contact_messages",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("name", sa.Text, nullable=False),
            sa.Column("email", sa.String(320), nullable=False),
            sa.Column("message", sa.Text, nullable=False),
            _user_fk(nullable=True, ondelete="SET NULL"),
            _when("created_at"),
            _when("mailed_at", nullable=True),
        )
    if "entity_merges" not in present:
        op.create_table(
            "entity_merges",
            sa.Column("alias", sa.String, primary_key=True, nullable=False),
            sa.Column("type", sa.String, primary_key=True, nullable=False),
            sa.Column("canonical", sa.String, nullable=False),
            _user_fk(nullable=True, ondelete="SET NULL"),
            _when("created_at"),
        )


def downgrade() -> None:
    for table in ("entity_merges", "contact_messages", "follows", "saved_searches",
                  "rate_events", "mail_tokens", "user_sessions", "users"):
        op.drop_table(table)
