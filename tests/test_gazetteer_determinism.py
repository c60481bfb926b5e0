"""The places index is the same whatever Python's hash seed (set order once decided which
area of a country got an admin1 code that both its FIPS and ISO codes matched)."""

from __future__ import annotations

import os
import subprocess
import sys

#: One area whose FIPS code ("01") and ISO code ("AB") both have towns around its point.
PROGRAM = """
from newsgraph.geo.gazetteer import _admin1_codes, _Towns
towns = _Towns({
    1: {"countrycode": "XX", "admin1code": "01", "latitude": 10.0, "longitude": 20.0},
    2: {"countrycode": "XX", "admin1code": "01", "latitude": 10.2, "longitude": 20.2},
    3: {"countrycode": "XX", "admin1code": "AB", "latitude": 10.1, "longitude": 20.1},
})
state = {"country_code": "XX", "fips_code": "01", "iso2": "AB",
         "latitude": 10.1, "longitude": 20.1}
print(_admin1_codes([state], towns))
"""


def test_admin1_codes_do_not_depend_on_the_hash_seed() -> None:
    answers = set()
    for seed in range(8):
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        result = subprocess.run([sys.executable, "-c", PROGRAM], env=env, capture_output=True,
                                text=True, timeout=60, check=True)
        answers.add(result.stdout.strip())
    assert answers == {"{0: '01'}"}
