"""Real-browser fixtures: the project's site, built once, served on loopback, read by Chromium.

Chromium comes from Debian's `chromium` package (.ci/run installs it); Playwright
drives that binary, never a browser it downloads. In CI (CI=true) a missing
browser is an error; on a contributor's machine the browser tests skip with a
message saying how to install it.
"""

from __future__ import annotations

import pytest
from sitebuild import build, copy_project, serve_directory


@pytest.fixture(scope="session")
def site_url(tmp_path_factory):
    """The real project, built once into a temporary folder and served on 127.0.0.1."""
    result = build(copy_project(tmp_path_factory.mktemp("browser-site")))
    assert result.returncode == 0, result.output
    with serve_directory(result.site) as server:
        yield server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
