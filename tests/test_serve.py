"""`make serve` when a data file breaks during live reload.

MkDocs' live-reload server runs every rebuild in full; when one fails it prints
the error and holds page requests until a build succeeds again ("The server
will appear stuck until build errors are resolved"). So: the terminal shows
every data problem, the open tab keeps the last good page (it is not reloaded),
a page requested meanwhile is answered as soon as the data is fixed, and no
error page or half-built site is ever served. Loopback only; the server is
always stopped.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Self

from htmlscan import parse
from sitebuild import copy_project
from testpaths import FIXTURES

REPORT = "2024-01-02-example-gazette-widgets"
PAGE = f"reports/{REPORT}/"
LIMIT = 180  # seconds: an upper bound for any one wait, never an expectation


class MkDocsServe:
    """`mkdocs serve` on a free 127.0.0.1 port in ``project``, stopped on exit."""

    def __init__(self, project: Path, args: list[str] | None = None):
        self.args = args or []  # more arguments for `mkdocs serve` (e.g. make serve's --dirty)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.project = project
        self.lines: list[str] = []

    def __enter__(self) -> Self:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *self.args, "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=self.project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            start_new_session=True,
        )
        threading.Thread(target=self._read, daemon=True).start()
        return self

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def output(self) -> str:
        return "".join(self.lines)

    def wait_for(self, text: str, count: int = 1) -> None:
        deadline = time.monotonic() + LIMIT
        while self.output.count(text) < count:
            assert self.process.poll() is None, f"mkdocs serve stopped:\n{self.output}"
            assert time.monotonic() < deadline, f"no {text!r} after {LIMIT} s:\n{self.output}"
            time.sleep(0.2)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/{path}", timeout=LIMIT) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def __exit__(self, *exc) -> None:
        try:
            os.killpg(self.process.pid, signal.SIGTERM)  # the group of the process started above
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
        except ProcessLookupError:
            pass


def test_bad_data_under_serve_is_reported_and_the_last_good_pages_stay(tmp_path):
    project = copy_project(tmp_path / "p", data=FIXTURES / "valid")
    report = project / "data" / "reports" / f"{REPORT}.yaml"
    good = report.read_text()
    with MkDocsServe(project) as server:
        server.wait_for("Serving on")
        status, html = server.get(PAGE)
        assert status == 200 and "Thousands of widgets shipped" in html
        page = tmp_path / "served.html"
        page.write_text(html)
        # Live reload injects an inline script that changes on every request: the served policy allows
        # inline scripts (and so carries no hashes, which would switch 'unsafe-inline' off).
        script_src = parse(page).csp["script-src"]
        assert "'unsafe-inline'" in script_src and not any(s.startswith("'sha256-") for s in script_src)
        assert "livereload(" in html

        report.write_text(good.replace("status: attributed", "status: confirmed"))
        server.wait_for("An error happened during the rebuild")
        assert "The data has problems; nothing was built." in server.output
        assert f"data/reports/{REPORT}.yaml:13:13: claims.0.status: expected one of" in server.output
        assert "Traceback" not in server.output
        assert server.process.poll() is None, "the server must keep running"

        answer: dict = {}
        waiting = threading.Thread(target=lambda: answer.update(response=server.get(PAGE)), daemon=True)
        waiting.start()  # asked while the data is broken: held, not answered with an error page
        waiting.join(3)  # give the request time to reach the server; it must still be waiting then
        assert "response" not in answer, f"answered while the data was broken: {answer['response'][0]}"

        report.write_text(good.replace("Thousands of widgets shipped", "Thousands of widgets were shipped"))
        server.wait_for("Reloading browsers")
        waiting.join(LIMIT)
        status, html = answer["response"]
        assert status == 200 and "Thousands of widgets were shipped" in html
        page.write_text(html)
        assert "'unsafe-inline'" in parse(page).csp["script-src"], "rebuilds keep the live-reload policy"
