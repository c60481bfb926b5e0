"""Event mode and flags as columns, so event lists filter in SQL.

Revision ID: 0005
Revises: 0004

`events.mode` and `negated` / `hypothetical` / `intended` were only in each article's
JSON; they are filled from there for the events already stored.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

FLAGS = ("negated", "hypothetical", "intended")


def upgrade() -> None:
    columns = {c["name"] for c in sa.inspect(op.get_bind()).get_columns("events")}
    with op.batch_alter_table("events") as batch:
        if "mode" not in columns:
            batch.add_column(sa.Column("mode", sa.String))
        for flag in FLAGS:
            if flag not in columns:
                batch.add_column(sa.Column(flag, sa.Boolean, nullable=False,
                                           server_default=sa.false()))
    connection = op.get_bind()
    update = sa.text("UPDATE events SET mode = :mode, negated = :negated, "
                     "hypothetical = :hypothetical, intended = :intended "
                     "WHERE article_id = :article_id AND seq = :seq")
    stored = connection.execute(sa.text(
        "SELECT id, analysed FROM articles WHERE id IN (SELECT DISTINCT article_id FROM events)"))
    for article_id, analysed in stored:
        for seq, event in enumerate(json.loads(analysed).get("events") or []):
            flags = {flag: bool(event.get(flag)) for flag in FLAGS}
            if event.get("mode") or any(flags.values()):
                connection.execute(update, {"mode": event.get("mode"), **flags,
                                            "article_id": article_id, "seq": seq})


def downgrade() -> None:
    with op.batch_alter_table("events") as batch:
        for name in ("mode", *FLAGS):
            batch.drop_column(name)
