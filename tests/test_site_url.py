"""SITE_URL (an environment variable, read by mkdocs.yml) gives a build its web address: absolute
sitemap, canonical links, ClaimReview and export addresses, and the addresses teacher guides give.
Without it the same places use paths from the home page, and only the build log says so."""

from __future__ import annotations

import json
import re

import pytest
from sitebuild import build, copy_project

SITE_URL = "https://teach.example.org/claims"  # no trailing slash: MkDocs adds it
REPORT = "reports/2024-12-18-korea-daily-second-wave"


@pytest.fixture(scope="module")
def absolute_site(tmp_path_factory):
    result = build(copy_project(tmp_path_factory.mktemp("site-url")), site_url=SITE_URL)
    assert result.returncode == 0, result.output
    assert "SITE_URL is not set" not in result.output
    return result.site


def test_sitemap_lists_every_page_by_its_absolute_address(absolute_site):
    locs = re.findall(r"<loc>([^<]+)</loc>", (absolute_site / "sitemap.xml").read_text())
    pages = list(absolute_site.rglob("index.html"))
    assert len(locs) == len(pages) > 50
    assert f"{SITE_URL}/" in locs and f"{SITE_URL}/{REPORT}/" in locs
    assert all(loc.startswith(f"{SITE_URL}/") for loc in locs)


def test_pages_have_canonical_links(absolute_site):
    html = (absolute_site / REPORT / "index.html").read_text()
    assert f'<link rel="canonical" href="{SITE_URL}/{REPORT}/">' in html


def test_claimreview_and_export_use_absolute_addresses(absolute_site):
    reviewed = 0
    for page in (absolute_site / "next").glob("*/index.html"):  # the verdicts are on "what happened next"
        jsonld = re.search(r'<script type="application/ld\+json">(.*?)</script>', page.read_text(), re.DOTALL)
        if jsonld:
            reviewed += 1
            address = f"{SITE_URL}/next/{page.parent.name}/#next-"
            assert all(review["url"].startswith(address) for review in json.loads(jsonld[1])), page
    assert reviewed >= 1
    claims = json.loads((absolute_site / "data" / "claims.json").read_text())["claims"]
    assert all(c["page_url"].startswith(f"{SITE_URL}/reports/") for c in claims)


def test_teacher_guide_gives_absolute_addresses(absolute_site):
    html = (absolute_site / "teachers" / "lesson-1" / "index.html").read_text()
    assert f">{SITE_URL}/lessons/lesson-1/</a>" in html
    assert f"Open the lesson page: {SITE_URL}/lessons/lesson-1/" in html


def test_without_site_url_addresses_are_relative_and_only_the_log_says_so(tmp_path):
    result = build(copy_project(tmp_path / "p"))
    assert result.returncode == 0, result.output
    assert "INFO    -  claimkit: SITE_URL is not set" in result.output
    assert "<loc>" not in (result.site / "sitemap.xml").read_text()
    guide = (result.site / "teachers" / "lesson-1" / "index.html").read_text()
    assert ">lessons/lesson-1/</a>" in guide and "Open the lesson page: lessons/lesson-1/" in guide
    for page in result.site.rglob("*.html"):
        text = page.read_text()
        assert "is not set in" not in text and 'rel="canonical"' not in text, page
    for page in (result.site / "teachers").rglob("*.html"):
        assert "site_url" not in page.read_text(), page
