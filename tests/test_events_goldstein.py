"""The CAMEO codebook's Goldstein values and GDELT's QuadClass of event codes."""

from __future__ import annotations

import pytest

from newsgraph.stages.events.goldstein import GOLDSTEIN, goldstein, quad_class


@pytest.mark.parametrize(("cameo", "value"), [
    ("040", 1.0), ("042", 1.9), ("0874", 10.0), ("087", 9.0), ("111", -2.0), ("130", -4.4),
    ("1821", -9.0), ("182", -9.5), ("195", -10.0), ("163", -8.0), ("057", 8.0),
    ("1712", -9.2),  # not in the table: its base code's value
    ("14", -6.5),
])
def test_a_code_has_the_codebooks_fixed_value(cameo, value):
    assert goldstein(cameo) == value


def test_unknown_codes_have_no_value_and_every_value_is_on_the_scale():
    assert goldstein(None) is None and goldstein("") is None and goldstein("99") is None
    assert all(-10 <= value <= 10 for value in GOLDSTEIN.values())
    assert {code[:2] for code in GOLDSTEIN} == {f"{root:02d}" for root in range(1, 21)}


@pytest.mark.parametrize(("cameo", "quad"), [
    ("040", 1), ("051", 1), ("057", 1), ("0874", 2), ("070", 2), ("090", 3), ("130", 3),
    ("141", 4), ("163", 4), ("190", 4), ("21", None), (None, None),
])
def test_quad_class_follows_the_root_code(cameo, quad):
    assert quad_class(cameo) == quad


def test_every_code_the_coder_can_emit_has_a_value():
    from newsgraph.stages.events import lexicon as lex

    codes = {code.cameo for table in (lex.VERBS, lex.NOUNS) for code in table.values()}
    codes |= {code.cameo for code in lex.PHRASAL_VERBS.values()}
    assert all(goldstein(code) is not None and quad_class(code) for code in codes), sorted(
        code for code in codes if goldstein(code) is None)
