"""Web commands (placeholder)."""
