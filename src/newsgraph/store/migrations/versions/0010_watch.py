"""What `newsgraph watch` follows and has seen.

Revision ID: 0010
Revises: 0009

`watch_sources` (validators, poll times, failures per source) and `watch_seen` (article
URLs taken, with their outcome), so that a restarted watcher resumes without refetching.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    present = set(sa.inspect(op.get_bind()).get_table_names())
    if "watch_sources" not in present:
        op.create_table(
            "watch_sources",
            sa.Column("url", sa.String, primary_key=True),
            sa.Column("kind", sa.String(20), nullable=False, comment="feed, sitemap or home"),
            sa.Column("etag", sa.Text),
            sa.Column("last_modified", sa.Text),
            sa.Column("last_poll", sa.Float),
            sa.Column("last_ok", sa.Float),
            sa.Column("last_new", sa.Float, comment="when a poll last found a new article"),
            sa.Column("next_poll", sa.Float),
            sa.Column("failures", sa.Integer, nullable=False,
                      comment="in a row; drives backoff"),
            sa.Column("errors", sa.Integer, nullable=False, comment="all failed polls"),
            sa.Column("last_error", sa.Text),
            sa.Column("polls", sa.Integer, nullable=False),
            sa.Column("articles", sa.Integer, nullable=False,
                      comment="new articles found"),
        )
    if "watch_seen" not in present:
        op.create_table(
            "watch_seen",
            sa.Column("url", sa.String, primary_key=True),
            sa.Column("source", sa.Text, nullable=False),
            sa.Column("status", sa.String(20), nullable=False,
                      comment="claimed, pending, stored, failed or skipped"),
            sa.Column("article_id", sa.String),
            sa.Column("attempts", sa.Integer, nullable=False),
            sa.Column("seen_at", sa.Float, nullable=False),
            sa.Column("reason", sa.Text),
        )
        op.create_index("ix_watch_seen_status_at", "watch_seen", ["status", "seen_at"])


def downgrade() -> None:
    op.drop_index("ix_watch_seen_status_at", table_name="watch_seen")
    op.drop_table("watch_seen")
    op.drop_table("watch_sources")
