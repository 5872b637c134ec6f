"""The whole pipeline: data files in, a static site out, through real MkDocs builds."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

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
        for heading in ["Claims", "Questions to ask", "More about this report"]:
            assert re.search(rf"<h2 id=\"[^\"]+\">{heading}<a", html), f"{path.name}: no '{heading}' section"
        for fold in ["more-facts", "more-sources"]:  # folded, one click away
            assert f'<details class="ck-fold" id="{fold}">' in html, f"{path.name}: no folded '{fold}'"
        # what happened next: a page of its own, one click away too
        assert f'id="more-next"><a href="../../next/{path.stem}/">What happened next' in html
        later = (project_site / "next" / path.stem / "index.html").read_text()
        assert later.count("<h1") == 1 and 'class="ck-slot"' not in later
        assert f'href="../../reports/{path.stem}/#claim-' in later and 'class="ck-next"' in later
        assert 'id="try-it-first"' in html and "data-practice=" in html
        assert f'href="{path.stem}/"' in index


def test_cross_report_pages_exist(project_site):
    for page in ["sources/index.html", "trackers/index.html", "timeline/index.html", "translation/index.html",
                 "quality/index.html", "guide/hedging/index.html", "guide/source-grading/index.html"]:
        assert (project_site / page).exists(), page
    assert len(list((project_site / "sources").glob("*/index.html"))) >= 30
    assert len(list((project_site / "trackers").glob("*/index.html"))) >= 5


# --- links and anchors, by LinkChecker (settings: tests/linkcheckerrc) ------------------------------

LINKCHECKER_RC = Path(__file__).resolve().parent / "linkcheckerrc"
# LinkChecker run as root drops to user nobody before it loads its plugins. When nobody cannot read them
# (a venv inside a private folder, as in a clone under `mktemp -d`), it checks no anchor and says nothing.
# The tests run it with its privileges kept: it reads only the pages of the test that runs it.
LINKCHECKER = ("import sys, linkcheck.command.linkchecker as cli; cli.drop_privileges = lambda: None; "
               "sys.argv[0] = 'linkchecker'; sys.exit(cli.linkchecker())")


def linkcheck(start: str) -> tuple[int, list[dict[str, str]]]:
    """LinkChecker from ``start``, following every internal link: its exit status and one row per URL."""
    done = subprocess.run(
        [sys.executable, "-c", LINKCHECKER, "-f", str(LINKCHECKER_RC), "--no-status", "--recursion-level=-1",
         "--verbose", "-o", "csv", start],
        capture_output=True, text=True, timeout=900, check=False,
    )
    lines = [line for line in done.stdout.splitlines() if not line.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter=";"))
    assert rows, done.stdout + done.stderr
    return done.returncode, rows


def problems(rows: list[dict[str, str]]) -> list[str]:
    """Broken links (valid False) and warnings, which is how LinkChecker reports a missing #anchor."""
    return [f"{r['parentname']}: {r['urlname']}: {r['result']} {r['warningstring']}".strip()
            for r in rows if r["valid"] != "True" or r["warningstring"]]


def test_linkchecker_settings_catch_a_missing_anchor(tmp_path):
    """The check below can fail: a link to an anchor that is not there is reported, over http and file://."""
    site = tmp_path / "mini"
    (site / "b").mkdir(parents=True)
    (site / "index.html").write_text('<a href="b/#here">ok</a> <a href="b/#gone">missing</a> <a href="#top">self</a>'
                                     '<h1 id="top">t</h1>')
    (site / "b" / "index.html").write_text('<h2 id="here">here</h2>')
    (site / "c.html").write_text('<a href="d.html#here">ok</a> <a href="d.html#gone">missing</a> <a href="e.html">no file</a>')
    (site / "d.html").write_text('<h2 id="here">here</h2>')
    # (when it fails with no problem found, LinkChecker ran without its anchor check: see LINKCHECKER)
    with serve_directory(site) as server:
        status, rows = linkcheck(server.url)
    assert [r["urlname"] for r in rows if problems([r])] == ["b/#gone"], rows
    assert status != 0
    status, rows = linkcheck((site / "c.html").as_uri())
    assert status != 0, rows
    assert sorted(r["urlname"] for r in rows if problems([r])) == ["d.html#gone", "e.html"]


def test_no_broken_links_or_anchors_on_the_site(project_site):
    with serve_directory(project_site) as server:
        status, rows = linkcheck(server.url)
    assert not problems(rows), "\n".join(problems(rows))
    assert status == 0
    local = [r for r in rows if r["url"].startswith(server.url)]
    reached = {project_site / urlsplit(r["url"]).path.lstrip("/") / ("index.html" if r["url"].endswith("/") else "")
               for r in local}
    assert not [p for p in project_site.rglob("*.html") if p.name != "404.html" and p not in reached]
    assert sum("#" in r["url"] for r in local) > 50, "links to anchors were checked"


def test_no_broken_links_or_anchors_in_the_offline_bundle_from_disk(bundle_zip, tmp_path):
    """Opened from file://, as a teacher opens the unzipped bundle. A link to a folder would show a
    file listing (or nothing) from disk, so every local link must name a file."""
    with zipfile.ZipFile(bundle_zip) as archive:
        archive.extractall(tmp_path)
    bundle = tmp_path / "reading-war-claims"
    status, rows = linkcheck((bundle / "index.html").as_uri())
    local = [r for r in rows if r["url"].startswith(bundle.as_uri())]
    reached = {Path(url2pathname(urlsplit(r["url"]).path)) for r in local}
    folders = sorted({f"{r['parentname']}: {r['urlname']}" for r in local
                      if Path(url2pathname(urlsplit(r["url"]).path)).is_dir()})
    unreached = [p.name for p in bundle.rglob("*.html") if p.name != "404.html" and p not in reached]
    assert not problems(rows), "\n".join(problems(rows))
    assert status == 0
    assert not folders, folders[:20]
    assert not unreached, "every page is reachable by links from index.html"
    assert sum("#" in r["url"] for r in local) > 50, "links to anchors were checked"


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


def test_every_chart_a_page_shows_and_every_export_file_is_in_the_site(real_site, dataset):
    """The build's workers draw the charts and write the exports last, and the hook copies them into the
    site once they are done (hooks._MadeByThePool): none may be missing, empty or half written."""
    from macros.claimkit.render import EXPORTS, Renderer

    drawn = {real_site / Renderer.chart_src_uri(spec) for spec in Renderer(dataset).chart_specs()}
    shown = set()
    for page in real_site.rglob("*.html"):
        for src in re.findall(r'src="([^"]*charts/[0-9a-f]{64}\.svg)"', page.read_text(encoding="utf-8")):
            shown.add((page.parent / src).resolve())
    assert shown and shown <= drawn
    assert set((real_site / "charts").glob("*.svg")) == drawn
    for chart in drawn:
        svg = chart.read_text(encoding="utf-8")
        assert svg.startswith("<?xml") and svg.rstrip().endswith("</svg>"), chart.name
    for name in EXPORTS:
        assert (real_site / "data" / name).stat().st_size > 1000, name
