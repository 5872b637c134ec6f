"""Atomic builds: a failed build prints every problem, exits non-zero and leaves the last site alone."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import copy_project
from testpaths import FIXTURES, PROJECT

REPORT = "2024-03-example-wire-denial.yaml"


def build_site(project: Path) -> subprocess.CompletedProcess:
    """`make build`'s command, run in a copy of the project."""
    return subprocess.run([sys.executable, "-m", "scripts.build_site", "--site-dir", "site"], cwd=project,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
                          timeout=600, check=False)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".site-"))


@pytest.fixture
def project(tmp_path) -> Path:
    target = copy_project(tmp_path / "p", data=FIXTURES / "valid")
    shutil.copytree(PROJECT / "scripts", target / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    return target


def test_make_build_uses_the_atomic_builder():
    recipe = (PROJECT / "Makefile").read_text().split("\nbuild:", 1)[1].split("\n\n", 1)[0]
    assert "scripts.build_site" in recipe and "mkdocs build" not in recipe


def test_failed_build_keeps_the_previous_site_and_lists_every_problem(project):
    first = build_site(project)
    assert first.returncode == 0, first.stdout + first.stderr
    site = project / "site"
    (site / "marker.txt").write_text("from the last good build")
    before = snapshot(site)

    report = project / "data" / "reports" / REPORT
    good = report.read_text()
    report.write_text(good.replace("status: denied", "status: rumoured"))
    (project / "data" / "reports" / "broken.yaml").write_text("headline: [unclosed\n")
    failed = build_site(project)
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0
    assert "2 data problems found" in output
    assert "data/reports/broken.yaml:2:1: YAML syntax error" in output
    assert f"data/reports/{REPORT}:16:13: claims.0.status: expected one of" in output
    assert "Traceback" not in output
    assert "was left as it was" in output
    assert snapshot(site) == before
    assert leftovers(project) == []

    report.write_text(good)
    (project / "data" / "reports" / "broken.yaml").unlink()
    again = build_site(project)
    assert again.returncode == 0, again.stdout + again.stderr
    assert not (site / "marker.txt").exists() and (site / "reports" / "index.html").exists()
    assert leftovers(project) == []


def test_first_build_that_fails_creates_no_site(project):
    (project / "data" / "reports" / "broken.yaml").write_text("headline: [unclosed\n")
    failed = build_site(project)
    assert failed.returncode != 0
    assert "data/reports/broken.yaml:2:1: YAML syntax error" in failed.stdout + failed.stderr
    assert not (project / "site").exists() and leftovers(project) == []


def test_plain_mkdocs_build_on_bad_data_does_not_empty_the_site_folder(project):
    """The hook checks the data before MkDocs cleans the site folder (on_pre_build)."""
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("last good build")
    (project / "data" / "reports" / "broken.yaml").write_text("headline: [unclosed\n")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True,
                          text=True, timeout=600, check=False)
    assert done.returncode != 0 and "data/reports/broken.yaml:2:1" in done.stdout + done.stderr
    assert (site / "index.html").read_text() == "last good build"
