"""Alembic migrations of the store's tables (run by `Store.open`, never by hand).

To change the layout: edit `schema.py`, then add `versions/NNNN_what.py` with
`revision = "NNNN"`, `down_revision` = the previous one and an `upgrade()` that
uses `alembic.op` (`op.batch_alter_table` for SQLite). `test_migrations_match_schema`
fails while the two disagree. A store last opened by an older newsgraph is
upgraded when it is opened; one from a newer newsgraph is refused.
"""
