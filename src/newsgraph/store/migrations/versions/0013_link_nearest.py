"""Each linked article's nearest candidate and the links of the stored stories.

Revision ID: 0013
Revises: 0012

`link_nearest` lets the next link tell which pairs of mutual nearest articles a new article
parts (a pair of articles that were each other's nearest no longer is when one finds a
nearer one), and `link_edges` which stories that splits. Both start empty; the linking rules
changed with them, so the first link after this migration is a full one and fills them.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    present = set(sa.inspect(op.get_bind()).get_table_names())
    if "link_nearest" not in present:
        op.create_table(
            "link_nearest",
            sa.Column("article_id", sa.String, primary_key=True),
            sa.Column("nearest", sa.String, nullable=False),
            sa.Column("similarity", sa.Float, nullable=False),
        )
    if "link_edges" not in present:
        op.create_table(
            "link_edges",
            sa.Column("a", sa.String, primary_key=True),
            sa.Column("b", sa.String, primary_key=True),
            sa.Column("rule", sa.Boolean, nullable=False),
        )
        op.create_index("ix_link_edges_b", "link_edges", ["b"])


def downgrade() -> None:
    op.drop_index("ix_link_edges_b", table_name="link_edges")
    op.drop_table("link_edges")
    op.drop_table("link_nearest")
