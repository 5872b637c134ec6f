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
# The one command that makes the browser and print tests runnable on Debian or Ubuntu
# (what .ci/browser-deps runs when it may; printed by tests/conftest.py when they skipped).
ENABLE_BROWSER_TESTS = "sudo apt-get install --no-install-recommends chromium fonts-dejavu-core poppler-utils"
