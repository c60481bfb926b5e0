"""Store commands: ingest, show, entities, search (placeholder)."""
