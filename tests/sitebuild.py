"""Build a copy of the project with MkDocs, as a contributor or CI would."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]

PROJECT_PARTS = ["mkdocs.yml", "docs", "macros", "overrides"]


def copy_project(target: Path, data: Path | None = None) -> Path:
    """A throwaway copy of the project; ``data`` replaces data/ when given."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = PROJECT / part
        if src.is_dir():
            shutil.copytree(src, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(src, target / part)
    shutil.copytree(data or PROJECT / "data", target / "data")
    return target


@dataclass
class Build:
    returncode: int
    output: str
    site: Path


def build(project: Path, site_dir: Path | None = None, *, site_url: str | None = None) -> Build:
    """``site_url`` is the SITE_URL a build gets; a SITE_URL set in the caller's shell is not passed on."""
    site = site_dir or project / "site"
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}
    if site_url is not None:
        env["SITE_URL"] = site_url
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=project, env=env, capture_output=True, text=True, timeout=600, check=False,
    )
    return Build(done.returncode, done.stdout + done.stderr, site)


def offline_bundle(project: Path, output: Path) -> subprocess.CompletedProcess:
    """`make offline` for a copy of the project: scripts/offline_bundle.py with its mkdocs.offline.yml."""
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | {"NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "scripts.offline_bundle", "--config-file", str(project / "mkdocs.offline.yml"),
         "--output", str(output)],
        cwd=PROJECT, env=env, capture_output=True, text=True, timeout=600, check=False,
    )


class serve_directory:
    """Serve a folder on 127.0.0.1 (a free port) for the length of a with-block."""

    def __init__(self, root: Path):
        import functools
        import http.server
        import threading

        handler = functools.partial(_QuietHandler, directory=str(root))
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self) -> serve_directory:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def _quiet_handler_base():
    import http.server

    return http.server.SimpleHTTPRequestHandler


class _QuietHandler(_quiet_handler_base()):
    def log_message(self, format, *args):
        pass

    def end_headers(self):
        # LinkChecker paces requests to a host (10 a second at most) unless the server answers with
        # this header; with it, tests/linkcheckerrc's maxrequestspersecond applies to this local server.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()
