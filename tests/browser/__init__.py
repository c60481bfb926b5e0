"""Browser tests: Playwright driving Debian's Chromium against a live `newsgraph serve`.

Each test module calls `require_browser()` before importing Playwright, so that a machine
without Chromium (or without the test extra) skips them with the reason, and CI fails instead.

    .venv/bin/python -m pytest tests/browser              # about a minute
    NEWSGRAPH_UPDATE_SCREENSHOTS=1 .venv/bin/python -m pytest tests/browser -k captured

Environment: NEWSGRAPH_CHROMIUM (browser binary, default /usr/bin/chromium),
NEWSGRAPH_ARTIFACTS (where screenshots go, default tests/browser/artifacts/, ignored by git),
NEWSGRAPH_UPDATE_SCREENSHOTS=1 (also refresh the README's docs/screenshots/).
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

#: The browser binary: Debian's `chromium` package; NEWSGRAPH_CHROMIUM overrides it.
CHROMIUM = Path(os.environ.get("NEWSGRAPH_CHROMIUM", "/usr/bin/chromium"))


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    for module, package in [("playwright", "playwright"),
                            ("pytest_playwright", "pytest-playwright"),
                            ("axe_playwright_python", "axe-playwright-python"),
                            ("aiosmtpd", "aiosmtpd")]:
        if importlib.util.find_spec(module) is None:
            return f"{package} is missing: pip install -e '.[test]'"
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        return (f"no Chromium at {CHROMIUM}: apt-get install -y chromium (Debian's package; "
                "never `playwright install`), or set NEWSGRAPH_CHROMIUM")
    return None


def require_browser() -> None:
    """Skip the calling test module when the browser tests cannot run; under CI=true, fail."""
    reason = missing_browser()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests: {reason}; CI=true does not allow skipping them",
                    pytrace=False)
    pytest.skip(f"browser tests: {reason}", allow_module_level=True)
