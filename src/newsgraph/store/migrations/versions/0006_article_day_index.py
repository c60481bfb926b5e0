"""An index on the publish day as the newest-first lists sort it.

Revision ID: 0006
Revises: 0005

Lists of articles, quotes and events sort by `coalesce(published, '')` descending, then
by id (PostgreSQL compares both in the "C" collation). With this index the newest
articles are read in order instead of sorting the whole table.
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

INDEX = "ix_articles_day"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        columns = "(coalesce(published, '')) COLLATE \"C\", id COLLATE \"C\""
    else:
        columns = "coalesce(published, ''), id"
    op.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles ({columns})")


def downgrade() -> None:
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
