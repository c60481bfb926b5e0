"""Each event's salience order and main-event flag as columns, so lists filter in SQL.

Revision ID: 0012
Revises: 0011

`events.salience` (1 = the article's main event) and `events.main` (GDELT's IsRootEvent)
were only in each article's JSON; they are filled from there for the events already stored
(None and false for articles analysed before the events stage set them).
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("events")}
    with op.batch_alter_table("events") as batch:
        if "salience" not in columns:
            batch.add_column(sa.Column("salience", sa.Integer,
                                       comment="1 = the article's main event"))
        if "main" not in columns:
            batch.add_column(sa.Column(
                "main", sa.Boolean, nullable=False, server_default=sa.false(),
                comment="the article's main event (GDELT's IsRootEvent)"))
    connection = op.get_bind()
    update = sa.text("UPDATE events SET salience = :salience, main = :main "
                     "WHERE article_id = :article_id AND seq = :seq")
    stored = connection.execute(sa.text(
        "SELECT id, analysed FROM articles WHERE id IN (SELECT DISTINCT article_id FROM events)"))
    for article_id, analysed in stored:
        for seq, event in enumerate(json.loads(analysed).get("events") or []):
            if event.get("salience") is not None or event.get("main"):
                connection.execute(update, {"salience": event.get("salience"),
                                            "main": bool(event.get("main")),
                                            "article_id": article_id, "seq": seq})


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        batch.drop_column("main")
        batch.drop_column("salience")
