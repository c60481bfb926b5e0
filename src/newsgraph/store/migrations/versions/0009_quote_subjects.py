"""Who talks about whom, kept at ingest.

Revision ID: 0009
Revises: 0008

`quote_subjects`: per speaker and entity named (not by a pronoun) inside their quotes, the
quotes and articles; filled from the rows already stored, then kept by `store.totals`.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if "quote_subjects" in set(sa.inspect(op.get_bind()).get_table_names()):
        return
    op.create_table(
        "quote_subjects",
        sa.Column("speaker", sa.String, primary_key=True),
        sa.Column("name", sa.String, primary_key=True),
        sa.Column("type", sa.String, primary_key=True),
        sa.Column("quotes", sa.Integer, nullable=False),
        sa.Column("articles", sa.Integer, nullable=False),
    )
    op.create_index("ix_quote_subjects_subject", "quote_subjects", ["name", "type"])
    op.execute(
        "INSERT INTO quote_subjects (speaker, name, type, quotes, articles) "
        "SELECT q.speaker_name, e.name, e.type, "
        "count(DISTINCT q.article_id || ':' || CAST(q.seq AS TEXT)), "
        "count(DISTINCT q.article_id) FROM quotes AS q "
        "JOIN mentions AS m ON m.article_id = q.article_id AND m.start >= q.start "
        "AND m.\"end\" <= q.\"end\" AND m.kind != 'pronoun' "
        "JOIN entities AS e ON e.article_id = m.article_id AND e.entity_id = m.entity_id "
        "WHERE q.speaker_name IS NOT NULL AND NOT e.anonymous "
        "GROUP BY q.speaker_name, e.name, e.type")


def downgrade() -> None:
    op.drop_index("ix_quote_subjects_subject", table_name="quote_subjects")
    op.drop_table("quote_subjects")
