"""Every built page through the Nu HTML checker (vnu.jar): no error in markup we produce.

One run of the checker over the whole built site (about 20 s of one core). Errors that come only
from the theme's own templates are listed in known_issues.py with their reasons; any other error
fails, with the page, line and the markup quoted. A canary page with a known error goes through the
same run, so a checker that reads nothing cannot pass.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from known_issues import THEME_MARKUP_ERRORS
from testpaths import ENABLE_BROWSER_TESTS, JAVA, VNU_JAR

# <details> after a <figcaption> inside <figure>: the structure the chart blocks once had.
CANARY = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>canary</title></head>
<body><figure><img src="x.svg" alt="x"><figcaption>x</figcaption><details><summary>x</summary>x</details>
</figure></body></html>
"""


def _checker_available() -> tuple[bool, str]:
    if not Path(JAVA).exists():
        return False, f"Java not found at {JAVA}"
    if not VNU_JAR.exists():
        return False, f"the Nu HTML checker is not at {VNU_JAR}"
    return True, ""


@pytest.fixture(scope="session")
def checked(real_site, tmp_path_factory):
    """The checker's errors for every page of the built site, by page, and for the canary page."""
    available, why = _checker_available()
    if not available:
        if os.environ.get("CI"):
            pytest.fail(f"{why}: CI must install it (.ci/browser-deps)")
        pytest.skip(f"{why}: run `{ENABLE_BROWSER_TESTS}` to check the markup")
    canary = tmp_path_factory.mktemp("nu-canary") / "canary.html"
    canary.write_text(CANARY)
    done = subprocess.run(
        [JAVA, "-Xss8m", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--skip-non-html",
         str(real_site), str(canary)],
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode in (0, 1), done.stderr[-2000:]  # 1: some document has errors
    messages = json.loads(done.stderr)["messages"]
    assert all(m["type"] == "error" for m in messages), [m for m in messages if m["type"] != "error"]
    pages: dict[str, list[dict]] = {}
    canary_errors = []
    for message in messages:
        path = Path(message["url"].removeprefix("file:"))
        if path == canary:
            canary_errors.append(message)
        else:
            pages.setdefault(path.relative_to(real_site).as_posix(), []).append(message)
    return pages, canary_errors


def _where(page: str, error: dict) -> str:
    extract = " ".join(error.get("extract", "").split())
    return f"{page}:{error.get('lastLine', '?')}: {error['message']}\n    {extract}"


def test_the_checker_reads_the_pages_it_is_given(checked):
    _, canary_errors = checked
    assert any("“details” not allowed as child of element “figure”" in e["message"] for e in canary_errors), \
        canary_errors


def test_no_markup_errors_but_the_known_theme_ones(checked):
    pages, _ = checked
    ours: dict[str, list[str]] = {}  # message: where, each page once
    for page, errors in sorted(pages.items()):
        for error in errors:
            if not any(known.matches(error) for known in THEME_MARKUP_ERRORS):
                ours.setdefault(error["message"], []).append(_where(page, error))
    report = [f"{len(places)} times: {places[0]}" + (f"\n    also {len(places) - 1} more" if len(places) > 1 else "")
              for places in ours.values()]
    total = sum(len(places) for places in ours.values())
    assert not ours, f"{total} markup errors (not the theme's known ones):\n" + "\n".join(report)


def test_every_known_theme_error_still_occurs(checked):
    """A fixed theme error leaves known_issues.py, so that the list says what is true."""
    pages, _ = checked
    errors = [error for page_errors in pages.values() for error in page_errors]
    stale = [known.source for known in THEME_MARKUP_ERRORS if not any(known.matches(e) for e in errors)]
    assert not stale, f"no longer reported, remove from tests/browser/known_issues.py: {stale}"
