"""The whole pipeline: data files in, a static site out, through real MkDocs builds."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sitebuild import build, copy_project, serve_directory
from testpaths import FIXTURES, PROJECT


@pytest.fixture(scope="session")
def project_site(real_site) -> Path:
    """The real project, built once for the session (see conftest.real_site)."""
    return real_site


def test_every_report_gets_a_page_and_an_index_entry(project_site):
    index = (project_site / "reports" / "index.html").read_text()
    report_files = sorted((PROJECT / "data" / "reports").glob("*.yaml"))
    assert len(report_files) >= 5
    for path in report_files:
        page = project_site / "reports" / path.stem / "index.html"
        assert page.exists(), f"no page for {path.name}"
        html = page.read_text()
        assert html.count('class="ck-claim"') >= 1
        assert html.count("<h1") == 1, f"{path.name}: expected exactly one <h1>"
        assert 'class="ck-slot"' not in html, f"{path.name}: a content slot was not filled"
        for heading in ["At a glance", "Claims", "What happened next", "Questions to ask", "Sources"]:
            assert re.search(rf"<h2 id=\"[^\"]+\">{heading}<a", html), f"{path.name}: no '{heading}' section"
        assert f'href="{path.stem}/"' in index


def test_cross_report_pages_exist(project_site):
    for page in ["sources/index.html", "trackers/index.html", "timeline/index.html", "translation/index.html",
                 "quality/index.html", "guide/hedging/index.html", "guide/source-grading/index.html"]:
        assert (project_site / page).exists(), page
    assert len(list((project_site / "sources").glob("*/index.html"))) >= 30
    assert len(list((project_site / "trackers").glob("*/index.html"))) >= 5


def test_no_broken_internal_links(project_site):
    checker = Path(sys.executable).parent / "linkchecker"
    with serve_directory(project_site) as server:
        done = subprocess.run(
            [str(checker), "--no-status", "--no-warnings", "--recursion-level=-1", server.url],
            capture_output=True, text=True, timeout=600, check=False,
        )
    assert done.returncode == 0, done.stdout + done.stderr
    assert re.search(r"\b0 errors found", done.stdout), done.stdout


def test_a_new_report_file_adds_a_page_without_code_changes(tmp_path):
    project = copy_project(tmp_path / "p", data=FIXTURES / "valid")
    first = build(project)
    assert first.returncode == 0, first.output
    assert not (first.site / "reports" / "2024-05-06-example-gazette-new").exists()

    source = project / "data" / "reports" / "2024-01-02-example-gazette-widgets.yaml"
    new = source.read_text().replace("2024-01-02-example-gazette-widgets", "2024-05-06-example-gazette-new")
    new = new.replace("published: 2024-01-02", "published: 2024-05-06")
    new = new.replace("Thousands of widgets shipped", "A brand-new report")
    (project / "data" / "reports" / "2024-05-06-example-gazette-new.yaml").write_text(new)
    second = build(project)
    assert second.returncode == 0, second.output
    page = (second.site / "reports" / "2024-05-06-example-gazette-new" / "index.html").read_text()
    assert "<h1>A brand-new report</h1>" in page and "<title>A brand-new report - " in page
    assert 'href="2024-05-06-example-gazette-new/"' in (second.site / "reports" / "index.html").read_text()


def test_hostile_data_is_shown_as_text_and_never_run(tmp_path):
    project = copy_project(tmp_path / "p", data=FIXTURES / "valid")
    shutil.copy(next((FIXTURES / "hostile").glob("*.yaml")), project / "data" / "reports")
    result = build(project)
    assert result.returncode == 0, result.output
    html = (result.site / "reports" / "2024-02-01-example-gazette-hostile" / "index.html").read_text()
    assert not (project / "PWNED").exists()
    assert "alert(1)</script>" not in html and "<img src=x" not in html and "<b>bold?</b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} headline" in html
    assert ">49<" not in html and "Reading war claims <b>" not in html
    assert "{{ config.site_name }}" in html
    assert "{% include &#39;mkdocs.yml&#39; %} __init__ *star*" in html
    assert "<strong>init</strong>" not in html and "<em>star</em>" not in html
    assert "cycler.__init__.__globals__" in html
    title = re.search(r"<title>(.*?)</title>", html, re.DOTALL)[1]
    assert "<script>" not in title


def test_bad_data_fails_the_build_with_every_problem_listed(tmp_path):
    project = copy_project(tmp_path / "p", data=FIXTURES / "valid")
    for case in ["bad-status", "unknown-source"]:
        shutil.copy(FIXTURES / "invalid" / f"{case}.yaml", project / "data" / "reports")
    result = build(project)
    assert result.returncode != 0
    assert "2 data problems found" in result.output
    assert "data/reports/bad-status.yaml:14:13: claims.0.status: expected one of" in result.output
    assert "data/reports/unknown-source.yaml:16:17: claims.0.attribution.0.source: unknown source" in result.output
    assert not (result.site / "index.html").exists()
