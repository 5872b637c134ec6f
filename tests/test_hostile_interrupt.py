"""An interrupted build (SIGTERM, Ctrl-C) stops MkDocs, removes its temporary folder, keeps the last site."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sitebuild import copy_project
from testpaths import FIXTURES, PROJECT


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def processes_using(fragment: str) -> list[int]:
    """Ids of running processes whose command line mentions ``fragment`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                state = next((ln for ln in (entry / "status").read_text().splitlines() if ln.startswith("State:")), "")
            except OSError:
                continue
            if fragment in cmdline and "zombie" not in state:
                found.append(int(entry.name))
    return found


@pytest.fixture
def project(tmp_path) -> Path:
    target = copy_project(tmp_path / "p", data=FIXTURES / "valid")
    shutil.copytree(PROJECT / "scripts", target / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    site = target / "site"
    site.mkdir()
    (site / "index.html").write_text("the last good build")
    return target


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="finds the MkDocs process through /proc")
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_interrupted_build_stops_mkdocs_and_leaves_no_trace(project, signum):
    before = snapshot(project / "site")
    builder = subprocess.Popen([sys.executable, "-m", "scripts.build_site", "--site-dir", "site"], cwd=project,
                               env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        mkdocs: list[int] = []
        while time.monotonic() < deadline and not mkdocs:
            temporary = [p for p in project.iterdir() if p.name.startswith(".site-build-")]
            mkdocs = processes_using(str(temporary[0])) if temporary else []
            time.sleep(0.05)
        assert mkdocs, "MkDocs never started"
        time.sleep(1.0)  # mid-build
        assert builder.poll() is None, builder.communicate()[0]
        builder.send_signal(signum)
        output, _ = builder.communicate(timeout=60)
    finally:
        if builder.poll() is None:
            builder.kill()
    assert builder.returncode == 128 + signum, output
    assert "Build interrupted" in output and "was left as it was" in output
    assert "Traceback" not in output
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site-")]
    assert snapshot(project / "site") == before
    time.sleep(0.2)
    assert not [pid for pid in mkdocs if Path(f"/proc/{pid}").exists() and processes_using(str(project))], (
        "MkDocs is still running")
