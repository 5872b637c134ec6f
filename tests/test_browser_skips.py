"""`make test` without Chromium or poppler-utils: the browser tests skip, and the run says so last.

Run as a contributor would (a fresh pytest process), with CHROMIUM pointing nowhere; in CI
(CI=true) the same run must fail instead. Also .ci/browser-deps for a user who may not install.
"""

from __future__ import annotations

import os
import subprocess
import sys

from testpaths import ENABLE_BROWSER_TESTS, PROJECT

BROWSER_TESTS = "tests/browser/test_quiz.py"


def _pytest(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:xdist", "-p", "no:cacheprovider", "-q", BROWSER_TESTS],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )


def _without_browser() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "PYTEST_XDIST_WORKER", "PYTEST_ADDOPTS")}
    return env | {"CHROMIUM": "/nonexistent/chromium"}


def test_skipped_browser_tests_are_counted_on_the_last_line():
    done = _pytest(_without_browser())
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.strip().splitlines()
    skipped = sum(1 for line in lines if line.startswith("SKIPPED"))
    assert skipped >= 1
    assert lines[-1] == (f"{skipped} browser tests skipped (Chromium or poppler-utils missing); "
                         f"to run them: {ENABLE_BROWSER_TESTS}")
    assert "passed" not in lines[-1] and "skipped in" in lines[-2]


def test_in_ci_a_missing_browser_fails_the_run():
    done = _pytest(_without_browser() | {"CI": "true"})
    assert done.returncode != 0
    assert "CI must install Debian's chromium package" in done.stdout
    assert "browser tests skipped" not in done.stdout


def test_browser_deps_explains_instead_of_installing_without_root(tmp_path):
    """A user who is not root and has no sudo: nothing is installed, the command is named, make goes on."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "id").write_text("#!/bin/sh\necho 1000\n")
    (bin_dir / "apt-get").write_text(f"#!/bin/sh\ntouch {tmp_path}/apt-get-ran\n")
    (bin_dir / "sudo").write_text("#!/bin/sh\nexit 1\n")  # sudo that asks for a password
    for tool in bin_dir.iterdir():
        tool.chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "CHROMIUM": "/nonexistent/chromium", "HOME": str(tmp_path)}
    done = subprocess.run(["bash", str(PROJECT / ".ci" / "browser-deps")], env=env, capture_output=True,
                          text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "apt-get-ran").exists()
    assert "chromium missing" in done.stderr
    assert f"(to run them: {ENABLE_BROWSER_TESTS})" in done.stderr
