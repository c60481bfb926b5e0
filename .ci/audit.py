"""Known vulnerabilities of the versions pinned in requirements.lock (pip-audit).

pip-audit asks PyPI's JSON API about each pinned release (https://pypi.org/pypi/NAME/VERSION
/json): the package registry, nothing beyond it. Where that API does not answer for single
releases (a mirror that serves only the project pages, no network), the audit cannot be
done: this says so and exits 0 instead of reporting every package as "not found" (which
pip-audit would print as "No known vulnerabilities found"). With the API there, any known
vulnerability, or any pinned release that could not be audited, fails the run.

    python .ci/audit.py [requirements.lock]
"""

from __future__ import annotations

import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

PYPI_JSON = "https://pypi.org/pypi/{name}/{version}/json"
WELL_KNOWN = ("pip", "requests", "urllib3", "packaging")
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)")


def pins(lock: Path) -> list[tuple[str, str]]:
    """(name, version) of every `name==version` line of the lock file."""
    found = []
    for line in lock.read_text(encoding="utf-8").splitlines():
        match = PIN.match(line.strip())
        if match:
            found.append((match[1], match[2]))
    return found


def release_api_answers(name: str, version: str) -> str | None:
    """None when PyPI's JSON API describes this release; else why it does not."""
    url = PYPI_JSON.format(name=name, version=version)
    try:
        with urllib.request.urlopen(url, timeout=20) as response:
            return None if response.status == 200 else f"HTTP {response.status} from {url}"
    except urllib.error.HTTPError as error:
        return f"HTTP {error.code} from {url}"
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        return f"{url}: {getattr(error, 'reason', error)}"


def main() -> int:
    lock = Path(sys.argv[1] if len(sys.argv) > 1 else "requirements.lock")
    pinned = pins(lock)
    if not pinned:
        print(f"audit: no pinned requirements in {lock}", file=sys.stderr)
        return 1
    # Two well-known releases: one missing page is not yet a missing API.
    probes = [pin for pin in pinned if pin[0].lower() in WELL_KNOWN][:2] or pinned[:2]
    reasons = [reason for pin in probes if (reason := release_api_answers(*pin))]
    if len(reasons) == len(probes):
        print("audit SKIPPED: PyPI's JSON API does not describe single releases from here "
              f"({reasons[0]}), and pip-audit needs it to look up known vulnerabilities; "
              f"{len(pinned)} pinned packages in {lock} were not audited.", file=sys.stderr)
        return 0
    command = [sys.executable, "-m", "pip_audit", "--requirement", str(lock), "--no-deps",
               "--disable-pip", "--strict", "--progress-spinner", "off"]
    print("audit:", " ".join(command[2:]), file=sys.stderr)
    return subprocess.run(command, check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
