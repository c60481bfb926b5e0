"""Decoding bytes: UTF-8 first, else the legacy charset whose text reads as a real language."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsgraph.ingest.decode import decode_html, decode_text, implausibility, looks_binary
from newsgraph.ingest.read import read_sources
from newsgraph.model import Source

#: (text, the charset it is written in): short texts, where byte statistics are weakest.
LEGACY_TEXTS = [
    ("Hélène Lefèvre said the talks in Genève had failed.\n", "cp1252"),
    ("Le ministre a déclaré à la presse qu'il était très inquiet.", "cp1252"),
    ("Città di Castello è più bella, disse il sindaco di Forlì.", "cp1252"),
    ("Åse og Øystein bor i Tromsø.", "cp1252"),
    ("“Hello,” he said – it costs €5 in Zürich.", "cp1252"),
    ("Příliš žluťoučký kůň úpěl ďábelské ódy.", "cp1250"),
    ("Zażółć gęślą jaźń, powiedział minister w Łodzi.", "cp1250"),
    ("Árvíztűrő tükörfúrógép a Budapesti Műszaki Egyetemen.", "cp1250"),
    ("Министр заявил, что переговоры провалились.", "cp1251"),
    ("Министр заявил, что переговоры в Москве провалились.", "koi8_r"),
    ("Ο υπουργός δήλωσε ότι οι συνομιλίες απέτυχαν.", "cp1253"),
    ("Bakan, görüşmelerin başarısız olduğunu söyledi.", "cp1254"),
    ("Ministras sakė, kad derybos Vilniuje žlugo.", "cp1257"),
]


@pytest.mark.parametrize("text, charset", LEGACY_TEXTS)
def test_legacy_charset_is_read_right(text: str, charset: str) -> None:
    decoded = decode_text(text.encode(charset))
    assert decoded.text == text
    assert decoded.encoding == charset
    assert decoded.warnings and "guessed" in decoded.warnings[0]


def test_latin1_text_file_is_not_read_as_central_european(tmp_path: Path) -> None:
    """Issue 15: "Hélène Lefèvre" came out as "Hélčne Lefčvre" (cp1250) or worse."""
    path = tmp_path / "l.txt"
    path.write_bytes("Hélène Lefèvre said the talks in Genève had failed.\n".encode("latin-1"))
    (source,) = read_sources([path])
    assert isinstance(source, Source)
    assert source.text == "Hélène Lefèvre said the talks in Genève had failed.\n"
    assert any("cp1252" in warning for warning in source.warnings)


def test_utf8_is_taken_as_it_is() -> None:
    decoded = decode_text("Genève, Zürich, Москва".encode())
    assert (decoded.text, decoded.encoding, decoded.warnings) == \
        ("Genève, Zürich, Москва", "utf-8", [])


def test_utf8_with_a_cut_character_stays_utf8_with_a_warning() -> None:
    data = "The café in Genève said déjà".encode()[:-1]
    decoded = decode_text(data)
    assert decoded.encoding == "utf-8"
    assert decoded.text.startswith("The café in Genève said d")
    assert decoded.warnings


def test_utf16_without_bom_is_text_not_binary() -> None:
    data = "The minister said the talks had failed.".encode("utf-16-le")
    assert not looks_binary(data)
    assert decode_text(data).text == "The minister said the talks had failed."
    with_bom = "Genève".encode("utf-16")
    assert not looks_binary(with_bom) and decode_text(with_bom).text == "Genève"


def test_wrong_tables_look_implausible() -> None:
    right = "Hélène Lefèvre in Genève"
    assert implausibility(right) == 0
    assert implausibility(right.encode("cp1252").decode("cp850")) > 0.5  # "HÚl×ne"
    assert implausibility("Ïðèâåò ìèð") > 0.5  # Cyrillic bytes through cp1252


def test_page_declaring_latin1_reads_windows_1252_quotes() -> None:
    """Browsers read ISO-8859-1 as windows-1252; Python's latin-1 makes 0x93 a control."""
    page = '<meta charset="iso-8859-1"><p>“Yes,” she said.</p>'.encode("cp1252")
    assert "“Yes,” she said." in decode_html(page).text


def test_guessed_charset_is_listed_at_the_end_of_the_run(tmp_path: Path) -> None:
    from newsgraph.cli import app

    path = tmp_path / "l.txt"
    path.write_bytes("Hélène Lefèvre said the talks in Genève had failed.\n".encode("latin-1"))
    result = CliRunner().invoke(app, ["analyze", str(path)])
    assert result.exit_code == 0, result.output
    assert "warning(s) on kept articles" in result.stderr
    assert f"{path}: not valid UTF-8" in result.stderr
    assert "Hélène Lefèvre" in result.stdout


def test_a_page_wrongly_declaring_utf16_is_not_read_as_utf16() -> None:
    page = '<meta charset="utf-16"><p>Genève and Zürich said the talks had failed.</p>'
    assert "Genève and Zürich" in decode_html(page.encode("cp1252")).text


def test_the_http_charset_comes_before_the_meta_but_not_before_valid_utf8() -> None:
    from newsgraph.ingest.decode import charset_of

    page = ('<html><head><meta charset="windows-1250"></head><body><p>Ms Wąsowska of '
            "Świętochłowice spoke.</p></body></html>")
    latin2 = page.encode("iso-8859-2")
    assert "Wąsowska" not in decode_html(latin2).text  # the meta alone misleads
    assert "Wąsowska of Świętochłowice" in decode_html(latin2, "iso-8859-2").text
    utf8 = decode_html(page.encode(), "iso-8859-1")
    assert "Wąsowska" in utf8.text and "is UTF-8" in utf8.warnings[0]
    assert charset_of('text/html; Charset="ISO-8859-2"') == "iso-8859-2"
    assert charset_of("text/html") is None and charset_of(None) is None
