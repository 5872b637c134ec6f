"""axe-core on every built page, at a phone's width (390 px) and a desktop's (1280 px).

Not a sample of page types: every HTML file the build writes, so a page type added later is
checked the day it lands. No violation of any impact is allowed, except moderate or minor ones
listed with a reason in known_issues.py (AXE_ALLOWED); serious and critical ones never are.

Cost: one browser for the session (conftest), one context per width and shard, reused from page
to page, and axe runs once per page and width. The pages are split into shards so that
pytest-xdist can share them between its workers.
"""

from __future__ import annotations

import pytest
from known_issues import AXE_ALLOWED
from pagetypes import PAGE_TYPES

WIDTHS = (390, 1280)
SHARDS = 4
NEVER_ALLOWED = {"serious", "critical"}
# axe's defaults (WCAG 2.x A and AA, and best practices); only violations come back, which is faster.
RUN_AXE = "axe.run(document, {resultTypes: ['violations']})"


@pytest.fixture(scope="session")
def axe_source() -> str:
    from axe_playwright_python.base import AXE_SCRIPT  # the axe-core release axe-playwright-python pins

    return AXE_SCRIPT


@pytest.fixture(scope="session")
def built_pages(real_site) -> list[str]:
    """Every page of the built site, as a path below the site's address."""
    pages = sorted(path.relative_to(real_site).as_posix().removesuffix("index.html")
                   for path in real_site.rglob("*.html"))
    assert len(pages) > 50, pages  # the real site, not an empty folder
    return pages


def test_the_pages_checked_are_the_addresses_readers_use(built_pages):
    """Every page type's example address (pagetypes.py) is among them, written the same way."""
    assert set(PAGE_TYPES.values()) <= set(built_pages), set(PAGE_TYPES.values()) - set(built_pages)
    assert "404.html" in built_pages


def _problems(path: str, violations: list[dict]) -> list[str]:
    problems = []
    for v in violations:
        if v["impact"] not in NEVER_ALLOWED and v["id"] in AXE_ALLOWED:
            continue
        targets = ", ".join(" ".join(node["target"]) for node in v["nodes"][:3])
        more = f" and {len(v['nodes']) - 3} more" if len(v["nodes"]) > 3 else ""
        problems.append(f"/{path}: {v['id']} ({v['impact']}): {v['help']}: {targets}{more}")
    return problems


@pytest.mark.parametrize("shard", range(SHARDS))
@pytest.mark.parametrize("width", WIDTHS)
def test_no_accessibility_violations(browser, site_url, built_pages, axe_source, width, shard):
    # axe is injected with page.evaluate; let it past the pages' Content-Security-Policy
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    page = context.new_page()
    problems, checked = [], 0
    try:
        for path in built_pages[shard::SHARDS]:
            page.goto(site_url + path)
            page.evaluate(axe_source)
            problems += _problems(path, page.evaluate(RUN_AXE)["violations"])
            checked += 1
    finally:
        context.close()
    assert checked == len(built_pages[shard::SHARDS])
    assert not problems, f"{len(problems)} accessibility violations at {width} px:\n" + "\n".join(problems)
