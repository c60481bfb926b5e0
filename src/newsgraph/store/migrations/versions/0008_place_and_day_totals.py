"""Running totals for the map and for attention shares.

Revision ID: 0008
Revises: 0007

`place_totals`: per resolved place (name, country, first-level area), articles naming it,
its mentions and the sums of their coordinates. `article_days`: articles per publish day.
Both are filled from the rows already stored, then kept at ingest (`store.totals`).
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    present = set(sa.inspect(op.get_bind()).get_table_names())
    if "place_totals" not in present:
        op.create_table(
            "place_totals",
            sa.Column("name", sa.String, primary_key=True),
            sa.Column("country", sa.String, primary_key=True),
            sa.Column("admin1", sa.String, primary_key=True),
            sa.Column("articles", sa.Integer, nullable=False),
            sa.Column("mentions", sa.Integer, nullable=False),
            sa.Column("lat_sum", sa.Float, nullable=False),
            sa.Column("lon_sum", sa.Float, nullable=False),
        )
        op.create_index("ix_place_totals_rank", "place_totals", ["articles"])
        op.execute(
            "INSERT INTO place_totals (name, country, admin1, articles, mentions, lat_sum, "
            "lon_sum) SELECT name, coalesce(country, ''), coalesce(admin1, ''), "
            "count(DISTINCT article_id), count(*), sum(lat), sum(lon) FROM places "
            "WHERE name IS NOT NULL AND lat IS NOT NULL AND lon IS NOT NULL "
            "GROUP BY name, coalesce(country, ''), coalesce(admin1, '')")
    if "article_days" not in present:
        op.create_table(
            "article_days",
            sa.Column("day", sa.String, primary_key=True),
            sa.Column("articles", sa.Integer, nullable=False),
        )
        day = "substr(published, 1, 10)"
        op.execute(
            f"INSERT INTO article_days (day, articles) SELECT {day}, count(*) FROM articles "
            f"WHERE published IS NOT NULL AND {day} LIKE '____-__-__' GROUP BY {day}")


def downgrade() -> None:
    op.drop_index("ix_place_totals_rank", table_name="place_totals")
    op.drop_table("place_totals")
    op.drop_table("article_days")
