"""Link state: the articles `newsgraph link` has clustered, and the aliases it used.

Revision ID: 0007
Revises: 0006

`link_articles` (with each article's MinHash signature) and `link_aliases` let the next
link cluster only the articles stored since. Both start empty, so the first link after
this migration is a full one.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    present = set(sa.inspect(op.get_bind()).get_table_names())
    if "link_articles" not in present:
        op.create_table(
            "link_articles",
            sa.Column("article_id", sa.String, primary_key=True),
            sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
            sa.Column("day", sa.String),
            sa.Column("signature", sa.LargeBinary),
        )
        op.create_index("ix_link_articles_day", "link_articles", ["day"])
    if "link_aliases" not in present:
        op.create_table(
            "link_aliases",
            sa.Column("alias", sa.String, primary_key=True, nullable=False),
            sa.Column("type", sa.String, primary_key=True, nullable=False),
            sa.Column("canonical", sa.String, nullable=False),
        )


def downgrade() -> None:
    op.drop_table("link_aliases")
    op.drop_index("ix_link_articles_day", "link_articles")
    op.drop_table("link_articles")
