"""`make test` without Chromium or poppler-utils: the browser tests skip, and the run says so last.

Run as a contributor would (a fresh pytest process), with CHROMIUM pointing nowhere; in CI
(CI=true) the same run must fail instead. Also .ci/browser-deps for a user who may not install.
"""

from __future__ import annotations

import os
import shutil
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
    assert lines[-1] == (f"{skipped} browser tests skipped (Chromium, Java, the HTML checker or poppler-utils missing); "
                         f"to run them: {ENABLE_BROWSER_TESTS}")
    assert "passed" not in lines[-1] and "skipped in" in lines[-2]


def test_in_ci_a_missing_browser_fails_the_run():
    done = _pytest(_without_browser() | {"CI": "true"})
    assert done.returncode != 0
    assert "CI must install Debian's chromium package" in done.stdout
    assert "browser tests skipped" not in done.stdout


def _browser_deps(tmp_path, tools: dict[str, str], env: dict[str, str]) -> subprocess.CompletedProcess:
    """.ci/browser-deps run from a copy of .ci/ (so nothing lands in this checkout's .cache/), with the
    commands in ``tools`` (name: shell script) first on PATH."""
    project = tmp_path / "project"
    if not project.exists():
        shutil.copytree(PROJECT / ".ci", project / ".ci")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    for name, body in tools.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_dir / name).chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(tmp_path)} | env
    return subprocess.run([shutil.which("bash"), str(project / ".ci" / "browser-deps")], env=env, capture_output=True,
                          text=True, timeout=60, check=False)


# npm ci as the script calls it: records its arguments and puts a jar where the package would.
FAKE_NPM = ('echo "$@" >> "$HOME/npm-ran"; prefix="$3"; '
            'mkdir -p "$prefix/node_modules/vnu-jar/build/dist"; touch "$prefix/node_modules/vnu-jar/build/dist/vnu.jar"')
PRESENT = {"chromium": "exit 0", "java": "exit 0", "pdftotext": "exit 0", "pdftoppm": "exit 0"}


def test_browser_deps_explains_instead_of_installing_without_root(tmp_path):
    """A user who is not root and has no sudo: nothing is installed, the command is named, make goes on."""
    tools = {"id": "echo 1000", "apt-get": f"touch {tmp_path}/apt-get-ran",
             "sudo": "exit 1",  # sudo that asks for a password
             "npm": FAKE_NPM}
    done = _browser_deps(tmp_path, tools, {"CHROMIUM": "/nonexistent/chromium"})
    assert done.returncode == 0, done.stderr
    assert not (tmp_path / "apt-get-ran").exists()
    assert "chromium missing" in done.stderr
    assert f"(to run them: {ENABLE_BROWSER_TESTS})" in done.stderr


def test_browser_deps_installs_the_html_checker_from_the_lock_once(tmp_path):
    tools = PRESENT | {"npm": FAKE_NPM}
    done = _browser_deps(tmp_path, tools, {"CHROMIUM": str(tmp_path / "bin" / "chromium")})
    assert done.returncode == 0, done.stderr
    target = tmp_path / "project" / ".cache" / "npm" / "vnu"
    assert (tmp_path / "npm-ran").read_text().split() == [
        "ci", "--prefix", str(target), "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
    lock = (PROJECT / ".ci" / "npm" / "vnu" / "package-lock.json").read_text()
    assert (target / "package-lock.json").read_text() == lock
    assert '"vnu-jar": "' in lock and '"integrity": "sha512-' in lock

    again = _browser_deps(tmp_path, tools, {"CHROMIUM": str(tmp_path / "bin" / "chromium")})
    assert again.returncode == 0, again.stderr
    assert len((tmp_path / "npm-ran").read_text().splitlines()) == 1, "installed again although nothing changed"


def test_browser_deps_without_npm_says_so_in_one_line_and_fails_only_in_ci(tmp_path):
    # only the commands the script needs, and no npm (it may be in /usr/bin here)
    tools = PRESENT | {name: f'exec {shutil.which(name)} "$@"' for name in ("cmp", "cp", "mkdir", "dirname", "id", "rm")}
    env = {"CHROMIUM": str(tmp_path / "bin" / "chromium")}
    done = _browser_deps(tmp_path, tools, env | {"PATH": str(tmp_path / "bin")})
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().splitlines() == [
        "browser-deps: npm missing: the HTML checker (vnu.jar) is not installed and its test will be skipped "
        "(to run it: install Node.js with npm, then make browser-deps)"]
    in_ci = _browser_deps(tmp_path, tools, env | {"PATH": str(tmp_path / "bin"), "CI": "true"})
    assert in_ci.returncode != 0
