"""Re-create the vendored browser assets in `src/newsgraph/serve/static/vendor/`.

Each package is fetched from the npm registry at its pinned version with `npm pack`, and
only the files the pages use are copied, with the package's licence, into
`vendor/<name>/`. `vendor/manifest.json` records package, version, file and SHA-256 of every
copied file; `tests/test_pages.py` checks the files against it.

    python scripts/vendor_assets.py          # needs node/npm and the npm registry
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

VENDOR = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "serve" / "static" / "vendor"


@dataclass(frozen=True)
class Package:
    """One npm package: the pinned version, its folder under vendor/, the files to keep."""

    name: str
    version: str
    folder: str
    files: tuple[str, ...]
    """Paths inside the package tarball (below `package/`), copied flat into the folder."""


PACKAGES = (
    Package("htmx.org", "2.0.8", "htmx", ("dist/htmx.min.js", "LICENSE")),
    Package("d3", "7.9.0", "d3", ("dist/d3.min.js", "LICENSE")),
    Package("@observablehq/plot", "0.6.17", "plot", ("dist/plot.umd.min.js", "LICENSE")),
    Package("topojson-client", "3.1.0", "topojson-client",
            ("dist/topojson-client.min.js", "LICENSE")),
    Package("world-atlas", "2.0.2", "world-atlas", ("countries-110m.json", "LICENSE")),
    Package("swagger-ui-dist", "5.32.0", "swagger-ui",
            ("swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE",
             "swagger-ui-bundle.js.LICENSE.txt")),
)


def sha256(path: Path) -> str:
    """The hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pack(package: Package, workdir: Path) -> Path:
    """Download the package tarball with `npm pack` into `workdir`; its path."""
    spec = f"{package.name}@{package.version}"
    result = subprocess.run(["npm", "pack", spec, "--silent", "--pack-destination", str(workdir)],
                            capture_output=True, text=True, check=True)
    return workdir / result.stdout.strip().splitlines()[-1]


def extract(package: Package, tarball: Path) -> list[dict[str, str]]:
    """Copy the package's chosen files into its vendor folder; their manifest rows."""
    target = VENDOR / package.folder
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    rows = []
    with tarfile.open(tarball) as archive:
        for inner in package.files:
            member = archive.getmember(f"package/{inner}")
            source = archive.extractfile(member)
            if source is None:
                raise SystemExit(f"{package.name}: {inner} is not a file")
            path = target / Path(inner).name
            path.write_bytes(source.read())
            rows.append({"package": package.name, "version": package.version,
                         "file": f"{package.folder}/{path.name}", "sha256": sha256(path)})
    return rows


def main() -> int:
    """Fetch every package and write the manifest."""
    VENDOR.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for package in PACKAGES:
            rows.extend(extract(package, pack(package, Path(tmp))))
            print(f"{package.name}@{package.version}", file=sys.stderr)
    manifest = {"generated_by": "scripts/vendor_assets.py", "files": rows}
    (VENDOR / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
