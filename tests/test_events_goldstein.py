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


#: Every code of GDELT's `CAMEO.goldsteinscale.txt` with its value, written out in full (the
#: module keeps a compact table with prefix fallback; this checks that it expands to the file).
CODEBOOK = """
01 0 010 0 011 -0.1 012 -0.4 013 0.4 014 0 015 0 016 -2 017 0 018 3.4 019 3.4 02 3 020 3
021 3.4 0211 3.4 0212 3.4 0213 3.4 0214 3.4 022 3.2 023 3.4 0231 3.4 0232 3.4 0233 3.4
0234 3.4 024 -0.3 0241 -0.3 0242 -0.3 0243 -0.3 0244 -0.3 025 -0.3 0251 -0.3 0252 -0.3
0253 -0.3 0254 -0.3 0255 -0.3 0256 -0.3 026 4 027 4 028 4 03 4 030 4 031 5.2 0311 5.2
0312 5.2 0313 5.2 0314 5.2 032 4.5 033 5.2 0331 5.2 0332 5.2 0333 5.2 0334 6 034 7 0341 7
0342 7 0343 7 0344 7 035 7 0351 7 0352 7 0353 7 0354 7 0355 7 0356 7 036 4 037 5 038 7
039 5 04 1 040 1 041 1 042 1.9 043 2.8 044 2.5 045 5 046 7 05 3.5 050 3.5 051 3.4 052 3.5
053 3.8 054 6 055 7 056 7 057 8 06 6 060 6 061 6.4 062 7.4 063 7.4 064 7 07 7 070 7
071 7.4 072 8.3 073 7.4 074 8.5 075 7 08 5 080 5 081 5 0811 5 0812 5 0813 5 0814 5 082 5
083 5 0831 5 0832 5 0833 5 0834 5 084 7 0841 7 0842 7 085 7 086 9 0861 9 0862 9 0863 9
087 9 0871 9 0872 9 0873 9 0874 10 09 -2 090 -2 091 -2 092 -2 093 -2 094 -2 10 -5 100 -5
101 -5 1011 -5 1012 -5 1013 -5 1014 -5 102 -5 103 -5 1031 -5 1032 -5 1033 -5 1034 -5
104 -5 1041 -5 1042 -5 1043 -5 1044 -5 105 -5 1051 -5 1052 -5 1053 -5 1054 -5 1055 -5
1056 -5 106 -5 107 -5 108 -5 11 -2 110 -2 111 -2 112 -2 1121 -2 1122 -2 1123 -2 1124 -2
1125 -2 113 -2 114 -2 115 -2 116 -2 12 -4 120 -4 121 -4 1211 -4 1212 -4 122 -4 1221 -4
1222 -4 1223 -4 1224 -4 123 -4 1231 -4 1232 -4 1233 -4 1234 -4 124 -4 1241 -4 1242 -4
1243 -4 1244 -4 1245 -4 1246 -4 125 -5 126 -5 127 -5 128 -5 129 -5 13 -6 130 -4.4
131 -5.8 1311 -5.8 1312 -5.8 1313 -5.8 132 -5.8 1321 -5.8 1322 -5.8 1323 -5.8 1324 -5.8
133 -5.8 134 -5.8 135 -5.8 136 -7 137 -7 138 -7 1381 -7 1382 -7 1383 -7 1384 -7 1385 -7
139 -7 14 -6.5 140 -6.5 141 -6.5 1411 -6.5 1412 -6.5 1413 -6.5 1414 -6.5 142 -6.5
1421 -6.5 1422 -6.5 1423 -6.5 1424 -6.5 143 -6.5 1431 -6.5 1432 -6.5 1433 -6.5 1434 -6.5
144 -7.5 1441 -7.5 1442 -7.5 1443 -7.5 1444 -7.5 145 -7.5 1451 -7.5 1452 -7.5 1453 -7.5
1454 -7.5 15 -7.2 150 -7.2 151 -7.2 152 -7.2 153 -7.2 154 -7.2 16 -4 160 -4 161 -4
162 -5.6 1621 -5.6 1622 -5.6 1623 -5.6 163 -8 164 -7 165 -6.5 166 -7 1661 -7 1662 -7
1663 -7 17 -7 170 -7 171 -9.2 1711 -9.2 1712 -9.2 172 -5 1721 -5 1722 -5 1723 -5 1724 -5
173 -5 174 -5 175 -9 18 -9 180 -9 181 -9 182 -9.5 1821 -9 1822 -9 1823 -10 183 -10
1831 -10 1832 -10 1833 -10 184 -8 185 -8 186 -10 19 -10 190 -10 191 -9.5 192 -9.5 193 -10
194 -10 195 -10 196 -9.5 20 -10 200 -10 201 -9.5 202 -10 203 -10 204 -10 2041 -10 2042 -10
"""
_PAIRS = CODEBOOK.split()
CODEBOOK_VALUES = dict(zip(_PAIRS[::2], map(float, _PAIRS[1::2]), strict=True))


def test_every_codebook_code_has_its_value():
    assert len(CODEBOOK_VALUES) == 311  # the file's rows
    wrong = {code: (goldstein(code), value) for code, value in CODEBOOK_VALUES.items()
             if goldstein(code) != value}
    assert not wrong


def test_the_compact_table_holds_only_codebook_codes():
    assert set(GOLDSTEIN) <= set(CODEBOOK_VALUES)


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
