"""The embedded store (SQLite by default) for analysed articles."""
