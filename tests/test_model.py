"""The article JSON contract (schema_version 1)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.model import Article, content_id, json_schema

CONTRACT_KEYS = {
    "schema_version", "id", "url", "title", "published", "language", "text", "entities",
    "quotes", "dates", "amounts", "places", "events", "warnings", "versions",
}


def test_article_json_has_every_contract_field():
    data = json.loads(Article(id="a", text="x").model_dump_json())
    assert set(data) >= CONTRACT_KEYS
    assert data["schema_version"] == 1


def test_content_id_is_stable_and_text_dependent():
    assert content_id("abc") == content_id("abc")
    assert content_id("abc") != content_id("abd")
    assert len(content_id("")) == 16


def test_schema_command_prints_the_json_schema():
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.output)
    assert set(schema["properties"]) >= CONTRACT_KEYS
    assert schema == json.loads(json.dumps(json_schema()))
