"""Language identification: an unsure guess gives way to the expected language."""

from __future__ import annotations

import newsgraph
from newsgraph.ingest.language import detect_language


def test_a_short_english_sentence_with_west_african_names_is_english():
    text = "Governor Ruth Okafor drew criticism from nurses on Tuesday."
    assert detect_language(text) == "en"
    assert newsgraph.analyze(text).entities  # analysed, not skipped as another language


def test_clear_foreign_text_keeps_its_language_whatever_the_hint():
    assert detect_language("Der Stadtrat hat am Freitag den neuen Haushalt beschlossen.") == "de"
    assert detect_language("El gobierno anunció nuevas medidas el lunes.", hint="en") == "es"


def test_too_little_text_takes_the_hint():
    assert detect_language("OK!", hint="fr") == "fr"
    assert detect_language("") == "en"
