"""Build `src/newsgraph/data/former_countries.csv`: names of former countries and the
country that succeeded each ("Zaire" -> CD, "Dahomey" -> BJ, "Upper Volta" -> BF).

Source: ISO 3166-3 (formerly used country codes) as the pycountry wheel ships it
(`pycountry/databases/iso3166-3.json`, from Debian's iso-codes; LGPL-2.1). The last two
letters of an ISO 3166-3 alpha-4 code are the successor's alpha-2 code; "HH" (divided
among several countries), "XX" (no successor) and "AA" (the code alone changed) give no
row, except for the divided countries of `CAPITAL_KEPT_BY` (the state that kept the
capital). A name written "Zaire, Republic of" gives "Zaire" and "Republic of Zaire".

pycountry is not a dependency of newsgraph: `pip download --no-deps pycountry==26.2.16`,
unpack the wheel and pass the JSON file.

Usage:
    python scripts/build_geo_history.py ISO3166-3.json [--out DIR]
"""

from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

DEFAULT_OUT = Path(__file__).resolve().parents[1] / "src/newsgraph/data"
HEADER = """\
# Former countries: name, successor (ISO 3166-1 alpha-2).
# From ISO 3166-3 as shipped in pycountry 26.2.16 (https://pypi.org/project/pycountry/,
# LGPL-2.1; data from Debian iso-codes): the successor is the last two letters of the
# alpha-4 code; a divided country's is the state that kept its capital (Soviet Union RU,
# Czechoslovakia CZ, Yugoslavia RS). Built by scripts/build_geo_history.py; do not edit.
"""
#: Alpha-4 endings that name no single successor.
NO_SUCCESSOR = {"HH", "XX", "AA"}
#: Countries divided among several (or whose successor code is itself withdrawn): the state
#: that kept the capital (Moscow, Prague, Belgrade) stands for them, as atlases and the
#: GeoVirus annotators place the Soviet Union at Russia's point.
CAPITAL_KEPT_BY = {"SUHH": "RU", "CSHH": "CZ", "YUCS": "RS", "CSXX": "RS"}
#: The short English names news uses that ISO 3166-3 does not give.
NEWS_NAMES = {"SUHH": ["Soviet Union"], "DDDE": ["East Germany"]}


def name_forms(name: str) -> list[str]:
    """"Zaire, Republic of" -> ["Zaire", "Republic of Zaire"]; "Dahomey" -> ["Dahomey"]."""
    name = " ".join(re.sub(r"\([^)]*\)", " ", name).split())  # "(Socialist) Federal ..."
    parts = [part.strip() for part in name.split(",")]
    forms = [parts[0]]
    if len(parts) == 2 and (parts[1].endswith(" of") or parts[1].isalpha()):
        # "Zaire, Republic of", "France, Metropolitan"; not a full name after the comma
        forms.append(f"{parts[1]} {parts[0]}")
    return forms


def rows(iso3166_3: str) -> list[tuple[str, str]]:
    """(name, successor code) for every former country with one successor."""
    entries = json.loads(Path(iso3166_3).read_text("utf-8"))["3166-3"]
    out: set[tuple[str, str]] = set()
    for entry in entries:
        code = entry.get("alpha_4", "")
        successor = CAPITAL_KEPT_BY.get(code, code[2:])
        if len(successor) != 2 or successor in NO_SUCCESSOR:
            continue
        forms = name_forms(entry["name"]) + NEWS_NAMES.get(code, [])
        out.update((form, successor) for form in forms)
    return sorted(out)


def main(iso3166_3: str, out: str | None = None) -> int:
    path = Path(out or DEFAULT_OUT) / "former_countries.csv"
    found = rows(iso3166_3)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        handle.write(HEADER)
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "country"])
        writer.writerows(found)
    print(f"{path}: {len(found)} names")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if not args or args[0] in {"-h", "--help"}:
        print(__doc__)
        sys.exit(0)
    target = args[args.index("--out") + 1] if "--out" in args else None
    sys.exit(main(args[0], target))
