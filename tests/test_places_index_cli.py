"""The places index is built on first use: the CLI says so on stderr (with the time it
took); the output stays the analysis alone."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.cli import app

runner = CliRunner()


@pytest.mark.slow
def test_analyze_says_when_it_builds_the_places_index(tmp_path: Path, monkeypatch) -> None:
    from newsgraph.geo.gazetteer import index_path, load_gazetteer

    monkeypatch.setenv("NEWSGRAPH_CACHE", str(tmp_path / "cache"))
    load_gazetteer.cache_clear()
    article = tmp_path / "a.txt"
    article.write_text("Officials in Lisbon said on Monday that the port would reopen.\n",
                       encoding="utf-8")
    first = runner.invoke(app, ["analyze", str(article)])
    assert first.exit_code == 0, first.stderr
    assert "Building the places index" in first.stderr
    assert "Places index ready in" in first.stderr
    assert "places index" not in first.stdout  # the analysis itself (JSON) is untouched
    assert index_path().exists()
    again = runner.invoke(app, ["analyze", str(article)])
    assert again.exit_code == 0, again.stderr
    assert "places index" not in again.stderr  # built once
    load_gazetteer.cache_clear()
