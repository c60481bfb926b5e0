"""Cross-article layer: the entity alias table and story clusters.

Revision ID: 0002
Revises: 0001

Tables are created only where missing, so a store laid out by `create_all` from a newer
`schema.py` (then stamped 0001) is adopted too.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    present = set(sa.inspect(op.get_bind()).get_table_names())
    if "entity_aliases" not in present:
        op.create_table(
            "entity_aliases",
            sa.Column("alias", sa.String, primary_key=True, nullable=False),
            sa.Column("type", sa.String, primary_key=True, nullable=False),
            sa.Column("canonical", sa.String, nullable=False),
            sa.Column("confidence", sa.Float, nullable=False),
            sa.Column("rule", sa.String, nullable=False),
            sa.Column("articles", sa.Integer, nullable=False),
        )
        op.create_index("ix_entity_aliases_canonical", "entity_aliases", ["canonical", "type"])
    if "stories" not in present:
        op.create_table(
            "stories",
            sa.Column("id", sa.String, primary_key=True),
            sa.Column("first_day", sa.String, nullable=False),
            sa.Column("last_day", sa.String, nullable=False),
            sa.Column("size", sa.Integer, nullable=False),
            sa.Column("title", sa.Text),
            sa.Column("top_entities", sa.Text, nullable=False),
        )
        op.create_index("ix_stories_last_day", "stories", ["last_day"])
    if "story_articles" not in present:
        op.create_table(
            "story_articles",
            sa.Column("story_id", sa.String, sa.ForeignKey("stories.id", ondelete="CASCADE"),
                      primary_key=True, nullable=False),
            sa.Column("article_id", sa.String, sa.ForeignKey("articles.id", ondelete="CASCADE"),
                      primary_key=True, nullable=False),
        )
        op.create_index("ix_story_articles_article", "story_articles", ["article_id"])


def downgrade() -> None:
    op.drop_table("story_articles")
    op.drop_table("stories")
    op.drop_table("entity_aliases")
