"""Paths shared by the tests. (A plain module: `from conftest import ...` is ambiguous
once tests/browser/ has a conftest.py of its own.)"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# Debian's Chromium, driven by Playwright (never a browser a test tool downloads).
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]
# The one command that makes the browser, print and markup tests runnable on Debian or Ubuntu
# (what .ci/browser-deps does when it may; printed by tests/conftest.py when they skipped).
ENABLE_BROWSER_TESTS = ("sudo apt-get install --no-install-recommends chromium default-jre-headless "
                        "fonts-dejavu-core poppler-utils && make browser-deps")

# The Nu HTML checker: Debian's Java runs vnu.jar, which .ci/browser-deps installs from the npm
# registry (.ci/npm/vnu/package-lock.json) into .cache/npm/vnu.
JAVA = os.environ.get("JAVA") or shutil.which("java") or "/usr/bin/java"
VNU_JAR = Path(os.environ.get("VNU_JAR") or PROJECT / ".cache/npm/vnu/node_modules/vnu-jar/build/dist/vnu.jar")
