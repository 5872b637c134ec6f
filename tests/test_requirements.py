"""Locked requirements: hashes on every pin, the site set inside the test set at the same versions,
pre-commit's tools at the locked versions, and make installing the right set."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
import yaml
from testpaths import PROJECT

TEST_ONLY = {"pytest", "pytest-xdist", "hypothesis", "playwright", "axe-playwright-python", "linkchecker",
             "jsonschema", "yamllint", "ruff", "pre-commit"}


def _name(text: str) -> str:
    return re.sub(r"[-_.]+", "-", text).lower()


def locked(path: str) -> dict[str, str]:
    """name -> version of every requirement in a lock file; each must be == and carry hashes."""
    text = (PROJECT / path).read_text()
    pins = {}
    for entry in re.split(r"\n(?=\S)", text):
        if entry.startswith("#") or not entry.strip():
            continue
        match = re.match(r"([A-Za-z0-9_.-]+)==(\S+) \\\n", entry)
        assert match, f"{path}: not pinned with ==: {entry.splitlines()[0]}"
        assert re.search(r"--hash=sha256:[0-9a-f]{64}", entry), f"{path}: {match[1]} has no hash"
        pins[_name(match[1])] = match[2]
    return pins


def top_level(path: str) -> dict[str, str]:
    pins = {}
    for line in (PROJECT / path).read_text().splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name, version = line.split("==")
            pins[_name(name)] = version
    return pins


def test_lock_files_pin_every_package_with_hashes():
    for path in ["requirements.txt", "requirements-test.txt", "requirements-tools.txt"]:
        assert len(locked(path)) >= 5, path


def test_lock_files_hold_what_the_in_files_ask_for():
    for source, lock in [("requirements.in", "requirements.txt"), ("requirements-test.in", "requirements-test.txt"),
                         ("requirements-tools.in", "requirements-tools.txt")]:
        pins = locked(lock)
        for name, version in top_level(source).items():
            assert pins.get(name) == version, f"{lock}: {name} is not {version}: run `make lock`"


def test_the_site_set_has_no_test_tools_and_the_test_set_has_the_site_set():
    site, test = locked("requirements.txt"), locked("requirements-test.txt")
    assert not TEST_ONLY & set(site), "make serve must not install test tools"
    assert set(test) >= TEST_ONLY
    assert {name: test.get(name) for name in site} == site, "same versions in both sets"


def test_pre_commit_tools_are_the_locked_versions():
    config = yaml.safe_load((PROJECT / ".pre-commit-config.yaml").read_text())
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert all(repo["repo"] == "local" for repo in config["repos"]), "hooks must install without GitHub"
    test = locked("requirements-test.txt")
    for hook_id, package in [("ruff-check", "ruff"), ("yamllint", "yamllint")]:
        (dependency,) = hooks[hook_id]["additional_dependencies"]
        assert dependency == f"{package}=={test[package]}"
    for hook in hooks.values():
        if hook["language"] == "system":
            assert hook["entry"].startswith("make "), "project checks run in the project's venv, through make"


@pytest.fixture
def project_for_make(tmp_path):
    """The Makefile and lock files, with a venv that pretends to exist (make -n only prints)."""
    for name in ["Makefile", "requirements.txt", "requirements-test.txt", "requirements-tools.txt"]:
        shutil.copy(PROJECT / name, tmp_path / name)
    return tmp_path


def _plan(project, target: str) -> str:
    done = subprocess.run(["make", "-n", target], cwd=project, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _cksum(path) -> str:
    return subprocess.run(["cksum"], stdin=path.open("rb"), capture_output=True, text=True,
                          check=True).stdout.split()[0]


def test_make_serve_syncs_only_the_site_set_and_make_test_the_test_set(project_for_make):
    serve = _plan(project_for_make, "serve")
    assert "pip-sync --quiet --python-executable .venv/bin/python requirements.txt" in serve
    assert "requirements-test.txt" not in serve and "mkdocs serve" in serve
    assert "--require-hashes -r requirements-tools.txt" in serve
    test = _plan(project_for_make, "test")
    assert "pip-sync --quiet --python-executable .venv/bin/python requirements-test.txt" in test
    assert "pytest -n auto" in test


def test_stamps_skip_a_synced_venv_and_resync_after_a_lock_change(project_for_make):
    venv = project_for_make / ".venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "tools" / "bin").mkdir(parents=True)
    for python in [venv / "bin" / "python", venv / "tools" / "bin" / "python"]:
        python.touch(mode=0o755)
    site, test = _cksum(project_for_make / "requirements.txt"), _cksum(project_for_make / "requirements-test.txt")
    (venv / "tools" / f".installed-{_cksum(project_for_make / 'requirements-tools.txt')}").touch()
    (venv / f".synced-test-{site}-{test}").touch()
    assert "pip-sync" not in _plan(project_for_make, "serve"), "a venv synced to the test set serves the site"
    assert "pip-sync" not in _plan(project_for_make, "test")
    with (project_for_make / "requirements-test.txt").open("a") as lock:
        lock.write("# changed\n")
    assert "requirements-test.txt" in _plan(project_for_make, "test")
    assert "pip-sync --quiet --python-executable .venv/bin/python requirements.txt" in _plan(project_for_make, "serve")
