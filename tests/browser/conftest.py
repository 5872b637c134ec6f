"""Real-browser fixtures: the project's site, built once, served on loopback, read by Chromium.

Chromium comes from Debian's `chromium` package (.ci/run installs it); Playwright
drives that binary, never a browser it downloads. In CI (CI=true) a missing
browser is an error; on a contributor's machine the browser tests skip with a
message saying how to install it.
"""

from __future__ import annotations

import pytest
from sitebuild import serve_directory


@pytest.fixture(scope="session")
def site_url(real_site):
    """The real project, built once (tests/conftest.py: real_site, shared with the tests that read
    the built files) and served on 127.0.0.1."""
    with serve_directory(real_site) as server:
        yield server.url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()
