"""Pages whose text changed at the same URL, for `newsgraph watch`.

Revision ID: 0011
Revises: 0010

`watch_seen.stamp` (when the feed or sitemap said the page last changed) and
`watch_versions` (a changed page's new article and the one it replaces).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    columns = {column["name"] for column in sa.inspect(bind).get_columns("watch_seen")}
    if "stamp" not in columns:
        op.add_column("watch_seen", sa.Column(
            "stamp", sa.Text, comment="when the listing said the page last changed, as given"))
    if "watch_versions" not in set(sa.inspect(bind).get_table_names()):
        op.create_table(
            "watch_versions",
            sa.Column("article_id", sa.String, primary_key=True),
            sa.Column("previous_id", sa.String, nullable=False),
            sa.Column("url", sa.Text, nullable=False),
            sa.Column("stored_at", sa.Float, nullable=False),
        )
        op.create_index("ix_watch_versions_previous", "watch_versions", ["previous_id"])


def downgrade() -> None:
    op.drop_index("ix_watch_versions_previous", table_name="watch_versions")
    op.drop_table("watch_versions")
    with op.batch_alter_table("watch_seen") as batch:
        batch.drop_column("stamp")
