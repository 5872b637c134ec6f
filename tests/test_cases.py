"""Case studies (issue 21): each case keeps to its own reports, figures, events and lessons, and the
cases meet where they should (a source cited in both, the pages across cases).

Most tests use two invented cases (the ``two_cases`` fixture: tests/fixtures/second-case), with a
source cited in both and a measure both give figures for, which the project data does not have yet.
The tests on the project data name no case: they hold for whatever cases data/cases.yaml lists.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from testpaths import FIXTURES, PROJECT

from macros.claimkit import case_charts, cases
from macros.claimkit.course_loader import load_course
from macros.claimkit.loader import load_dataset
from macros.claimkit.render import Renderer

FIRST, SECOND = "example-case", "gadget-case"
FIRST_REPORTS = {"2024-01-02-example-gazette-widgets", "2024-03-example-wire-denial"}
SECOND_REPORTS = {"2025-02-10-example-harbour-news-gadgets", "2025-03-example-flash-gadgets"}
REPORT_LINK = re.compile(r'href="(?:\.\./)*reports/([a-z0-9-]+)/')


@pytest.fixture
def data(two_cases):
    return load_dataset(two_cases)


@pytest.fixture
def renderer(data):
    return Renderer(data)


def report_links(html: str) -> set[str]:
    return set(REPORT_LINK.findall(html))


def section(html: str, case_id: str) -> str:
    """One case's section of a cross-case page."""
    start = html.index(f'id="case-{case_id}"')
    end = html.find('<section class="ck-case-section"', start)
    return html[start:end if end != -1 else len(html)]


# --- what belongs to a case -------------------------------------------------------------------


def test_a_case_dataset_holds_only_its_own_reports_and_events(data):
    first, second = cases.case_dataset(data, FIRST), cases.case_dataset(data, SECOND)
    assert {r.id for r in first.reports} == FIRST_REPORTS
    assert {r.id for r in second.reports} == SECOND_REPORTS
    assert [e.id for e in first.events] == ["widget-denial"]
    assert [e.id for e in second.events] == ["gadget-seizure"]
    assert list(first.cases) == [FIRST] and first.sources is data.sources


def test_sources_and_measures_belong_to_every_case_that_uses_them(data):
    by_source = cases.source_cases(data)
    assert by_source["example-wire"] == [FIRST, SECOND]  # cited in both stories
    assert by_source["example-flash"] == [SECOND] and by_source["pundit-jane-roe"] == [FIRST]
    assert by_source["port-spokesperson"] == [SECOND]  # cited only, through a chain
    by_measure = cases.measure_cases(data)
    assert by_measure == {"widgets-shipped": [FIRST, SECOND], "gadgets-seized": [SECOND]}


class _Lesson:
    """Anything with model_dump() will do: the lesson model is read only as nested data."""

    def __init__(self, lesson_id: str, number: int = 1, title: str = "A lesson", **content):
        self.id, self.number, self.title = lesson_id, number, title
        self.content = content

    def model_dump(self) -> dict:
        return self.content


def test_a_lesson_draws_on_each_case_whose_reports_or_claims_it_names(data):
    lessons = [
        _Lesson("a", readings=[{"report": "2024-03-example-wire-denial", "claim": "denial"}]),
        _Lesson("b", case=["See [[claim:2025-03-example-flash-gadgets#flash|the flash]]."]),
        _Lesson("c", quiz=[{"claims": ["2024-01-02-example-gazette-widgets#widgets"]}],
                text="and [[report:2025-02-10-example-harbour-news-gadgets]]"),
        _Lesson("d", text="Mentions example-case and 2024-01-02-example-gazette but names no report."),
    ]
    found = cases.lessons_by_case(data, lessons)
    assert [lesson.id for lesson in found[FIRST]] == ["a", "c"]
    assert [lesson.id for lesson in found[SECOND]] == ["b", "c"]


def test_project_lessons_draw_on_the_cases_of_the_reports_they_read():
    data = load_dataset(PROJECT / "data")
    course = load_course(PROJECT / "data", data)
    found = cases.lessons_by_case(data, course.lessons)
    for lesson in course.lessons:
        read = {data.report(reading.report).case for reading in lesson.readings if reading.report}
        assert read <= {case_id for case_id, drawing in found.items() if lesson in drawing}, lesson.id
    assert sum(len(drawing) for drawing in found.values()) >= len(course.lessons)


# --- charts -----------------------------------------------------------------------------------


def test_each_case_gets_its_overview_charts_and_a_shared_measure_a_chart_per_case(renderer):
    keys = [spec.key for spec in renderer.chart_specs()]
    assert len(keys) == len(set(keys)), "two charts share an HTML id"
    assert {f"{case}-overview-hedge-density" for case in (FIRST, SECOND)} <= set(keys)
    assert {"overview-hedge-density", "overview-unnamed-share", "overview-origins"} <= set(keys)  # across cases
    assert "tracker-gadgets-seized" in keys  # a measure of one case keeps its key
    # a measure both cases give figures for: one chart (or message) per case, none mixing them
    shared = renderer.full_page("tracker_page", "widgets-shipped", "trackers/widgets-shipped/")
    assert 'id="fig-tracker-widgets-shipped-example-case"' in shared
    assert 'id="fig-tracker-widgets-shipped-gadget-case"' in shared
    assert 'id="fig-tracker-widgets-shipped"' not in shared


def test_a_tracker_chart_of_a_measure_one_case_uses_is_the_chart_of_all_reports(data):
    """The same data, the same cached drawing: splitting by case redraws nothing that did not change."""
    from macros.claimkit import figures
    from macros.claimkit.charts import chart_hash

    mine = case_charts.tracker_figures(cases.case_dataset(data, SECOND), SECOND, shared={"widgets-shipped"})
    whole = figures.tracker_figure(data, "gadgets-seized")
    assert mine["gadgets-seized"] == whole
    if whole.has_chart:
        assert chart_hash(mine["gadgets-seized"]) == chart_hash(whole)


def test_one_case_only_has_no_across_cases_charts_and_no_jump_list(valid_data):
    renderer = Renderer(load_dataset(valid_data))
    assert case_charts.across_cases_figures(renderer.data) == []
    for method in ("reports_index", "trackers_index", "timeline", "overview_charts"):
        html = getattr(renderer, method)("x/")
        assert 'class="ck-jump"' not in html and 'id="all-cases"' not in html, method
        assert 'id="case-example-case"' in html, method


# --- apart where they should be ---------------------------------------------------------------


def test_a_case_page_holds_only_its_own_reports_events_trackers_and_sources(renderer):
    for case_id, own in ((FIRST, FIRST_REPORTS), (SECOND, SECOND_REPORTS)):
        html = renderer.full_page("case_page", case_id, f"cases/{case_id}/")
        assert report_links(html) == own, case_id
        assert "<h1>" + renderer.data.cases[case_id].title + "</h1>" in html
    first = renderer.full_page("case_page", FIRST, f"cases/{FIRST}/")
    second = renderer.full_page("case_page", SECOND, f"cases/{SECOND}/")
    assert "Official denies widget shipments" in first and "Gadgets seized at the port" not in first
    assert "Gadgets seized at the port" in second and "Official denies widget shipments" not in second
    assert "trackers/gadgets-seized/" in second and "trackers/gadgets-seized/" not in first
    assert "trackers/widgets-shipped/" in first and "trackers/widgets-shipped/" in second  # shared measure
    assert "sources/pundit-jane-roe/" in first and "sources/pundit-jane-roe/" not in second
    assert "sources/example-flash/" in second and "sources/example-flash/" not in first
    # each case's tracker line counts only its own figures
    shared = re.search(r'trackers/widgets-shipped/">Widgets shipped</a> <span class="ck-note">([^<]*)', second)[1]
    assert shared == "1 figure: 3,000 widgets"


def test_a_tracker_of_one_case_shows_none_of_the_other_cases_figures(renderer):
    gadgets = renderer.full_page("tracker_page", "gadgets-seized", "trackers/gadgets-seized/")
    assert report_links(gadgets) == SECOND_REPORTS
    assert "10,000" not in gadgets and "“700”" in gadgets
    # a measure both cases give figures for: a chart and a table per case, never mixed
    shared = renderer.full_page("tracker_page", "widgets-shipped", "trackers/widgets-shipped/")
    charts = shared[shared.index('id="chart-case-example-case"'):shared.index('id="figures-case-example-case"')]
    first_chart = charts[:charts.index('id="chart-case-gadget-case"')]
    second_chart = charts[charts.index('id="chart-case-gadget-case"'):]
    assert "fig-tracker-widgets-shipped-example-case" in first_chart and "3,000" not in first_chart
    assert "fig-tracker-widgets-shipped-gadget-case" in second_chart and "10,000" not in second_chart
    tables = shared[shared.index('id="figures-case-example-case"'):]
    first_table, second_table = tables.split('id="figures-case-gadget-case"')
    assert report_links(first_table) == {"2024-01-02-example-gazette-widgets"}
    assert report_links(second_table) == {"2025-02-10-example-harbour-news-gadgets"}
    assert "2 figures" in shared  # the kicker counts both cases' figures


def test_cross_case_pages_keep_each_case_in_its_own_section(renderer):
    reports = renderer.reports_index("x/")
    assert report_links(section(reports, FIRST)) == FIRST_REPORTS
    assert report_links(section(reports, SECOND)) == SECOND_REPORTS
    timeline = renderer.timeline("timeline/")
    assert report_links(section(timeline, FIRST)) == FIRST_REPORTS
    assert report_links(section(timeline, SECOND)) == SECOND_REPORTS
    assert "Gadgets seized at the port" in section(timeline, SECOND)
    assert "Gadgets seized at the port" not in section(timeline, FIRST)
    trackers = renderer.trackers_index("trackers/")
    assert "gadgets-seized" in section(trackers, SECOND) and "gadgets-seized" not in section(trackers, FIRST)
    # the shared measure is listed under each case with that case's figures only
    assert re.search(r"widgets-shipped/\">Widgets shipped</a></td><td data-label=\"Figures\">1</td>"
                     r"<td data-label=\"Lowest\">3,000", section(trackers, SECOND))
    charts = renderer.overview_charts("charts/")
    assert 'id="fig-example-case-overview-timeline"' in section(charts, FIRST)
    assert "gadget-case-overview" not in section(charts, FIRST)
    assert "fig-tracker-gadgets-seized" in section(charts, SECOND)


# --- together where they should be ------------------------------------------------------------


def test_a_source_in_both_cases_shows_both_with_its_claims_per_case(renderer):
    html = renderer.full_page("source_page", "example-wire", "sources/example-wire/")
    for case_id in (FIRST, SECOND):
        assert f'href="../../cases/{case_id}/"' in html
    claims = html[html.index("Who said what"):]
    first_title, second_title = (renderer.data.cases[c].title for c in (FIRST, SECOND))
    assert claims.index(first_title) < claims.index("#claim-widgets") < claims.index(second_title)
    assert claims.index(second_title) < claims.index("#claim-seized")
    index = renderer.sources_index("sources/")
    row = re.search(r'<tr><td data-label="Source"><a href="example-wire/">.*?</tr>', index)[0]
    assert 'href="../cases/example-case/"' in row and 'href="../cases/gadget-case/"' in row
    only_one = re.search(r'<tr><td data-label="Source"><a href="example-flash/">.*?</tr>', index)[0]
    assert "../cases/gadget-case/" in only_one and "../cases/example-case/" not in only_one


def test_cross_case_pages_show_every_case_and_jump_to_each(renderer):
    for method in ("reports_index", "trackers_index", "timeline", "overview_charts"):
        html = getattr(renderer, method)("x/")
        jump = html[html.index('class="ck-jump"'):html.index("</nav>")]
        assert jump.index('href="#case-example-case"') < jump.index('href="#case-gadget-case">Gadgets at the port')
        assert 'id="case-example-case"' in html and 'id="case-gadget-case"' in html, method
    charts = renderer.overview_charts("charts/")
    assert 'href="#all-cases"' in charts
    across = charts[charts.index('id="all-cases"'):]
    assert 'id="fig-overview-hedge-density"' in across and "Example Flash (Mar 2025)" in str(
        next(s for s in renderer.chart_specs() if s.key == "overview-hedge-density").alt + across)


def test_a_reader_can_pick_a_case_and_get_from_a_report_to_its_case(renderer):
    listing = renderer.cases_list("")
    assert listing.index('href="cases/example-case/"') < listing.index('href="cases/gadget-case/"')
    assert "Invented reports about gadgets seized at a port" in listing
    assert renderer.cases_index("cases/").count("<li>") == 2
    report = renderer.full_page("report_page", "2025-03-example-flash-gadgets", "reports/2025-03-example-flash-gadgets/")
    head = report[:report.index("<h1>")]
    assert ('<p class="ck-case-line">Case study: <a href="../../cases/gadget-case/" '
            'title="An invented second case about gadgets at a port">Gadgets at the port</a></p>') in head
    case = renderer.full_page("case_page", SECOND, f"cases/{SECOND}/")
    assert 'href="../example-case/"' in case  # the other case, one click away


def test_a_case_page_lists_the_lessons_that_draw_on_it(renderer):
    renderer.use_lessons([_Lesson("lesson-7", 7, "Reading a flash",
                                  readings=[{"report": "2025-03-example-flash-gadgets"}])])
    second = renderer.full_page("case_page", SECOND, f"cases/{SECOND}/")
    assert '<a href="../../lessons/lesson-7/">Lesson 7: Reading a flash</a>' in second
    first = renderer.full_page("case_page", FIRST, f"cases/{FIRST}/")
    assert "No lesson uses this case yet" in first


# --- the project's own data -------------------------------------------------------------------


@pytest.fixture(scope="module")
def project():
    data = load_dataset(PROJECT / "data")
    return data, Renderer(data)


def test_project_cases_stay_apart(project):
    """Whatever cases the data holds: each case page, tracker and timeline section holds its own reports only."""
    data, renderer = project
    assert len(data.cases) >= 2
    for case_id in data.cases:
        own = {r.id for r in data.reports_of(case_id)}
        assert own, f"case {case_id} has no report"
        page = renderer.full_page("case_page", case_id, f"cases/{case_id}/")
        assert report_links(page) == own, case_id
        assert report_links(section(renderer.timeline("timeline/"), case_id)) == own
        assert report_links(section(renderer.reports_index("x/"), case_id)) == own
    for measure_id, found in cases.measure_cases(data).items():
        tracker = renderer.full_page("tracker_page", measure_id, f"trackers/{measure_id}/")
        linked = {data.report(r).case for r in report_links(tracker)}
        assert linked == set(found), measure_id
        if len(found) == 1:
            assert len(linked) == 1, f"tracker {measure_id} mixes cases"


def test_project_charts_are_per_case_and_few(project):
    data, renderer = project
    specs = renderer.chart_specs()
    keys = [s.key for s in specs]
    assert len(keys) == len(set(keys))
    tracked = sum(len(found) for found in cases.measure_cases(data).values())
    # at most five overview charts a case, three across cases, one tracker chart per measure and case
    assert len(specs) <= 5 * len(data.cases) + 3 + tracked
    for case_id in data.cases:
        assert any(k.startswith(f"{case_id}-overview-") for k in keys), case_id


def test_a_new_case_needs_only_data(two_cases, tmp_path):
    """A third case: a cases.yaml entry and a report file give it a page, a place on the home page and in
    every cross-case page, with no code change (a real MkDocs build)."""
    from sitebuild import build, copy_project

    (two_cases / "cases.yaml").write_text((two_cases / "cases.yaml").read_text() + (
        "  - id: third-case\n    title: A third invented case\n    summary: Only data was added for it.\n"
        "    period: \"2026\"\n"))
    report = (FIXTURES / "valid" / "reports" / "2024-01-02-example-gazette-widgets.yaml").read_text()
    report = report.replace("2024-01-02-example-gazette-widgets", "2026-01-05-example-gazette-third")
    report = report.replace("case: example-case", "case: third-case").replace("2024-01-02", "2026-01-05")
    (two_cases / "reports" / "2026-01-05-example-gazette-third.yaml").write_text(report)
    project = copy_project(tmp_path / "p", data=two_cases)
    done = build(project)
    assert done.returncode == 0, done.output
    site: Path = done.site
    page = (site / "cases" / "third-case" / "index.html").read_text()
    assert "<h1>A third invented case</h1>" in page and "2026-01-05-example-gazette-third/" in page
    assert 'href="cases/third-case/"' in (site / "index.html").read_text()
    for listing in ("reports", "timeline", "trackers", "charts"):
        assert 'id="case-third-case"' in (site / listing / "index.html").read_text(), listing
    assert "../../cases/third-case/" in (site / "reports" / "2026-01-05-example-gazette-third" / "index.html").read_text()


def test_the_export_says_which_case_each_claim_belongs_to(data):
    import csv
    import io
    import json

    from macros.claimkit import export

    records = json.loads(export.claims_json(data))["claims"]
    assert {(r["report_id"], r["case"]) for r in records} == {(r.id, r.case) for r in data.reports}
    rows = list(csv.DictReader(io.StringIO(export.claims_csv(data))))
    assert {row["case"] for row in rows} == {FIRST, SECOND}


def test_a_case_without_reports_yet_has_a_page_and_breaks_nothing(two_cases):
    """A case is added to cases.yaml before its reports are written: its page and sections say so."""
    (two_cases / "cases.yaml").write_text((two_cases / "cases.yaml").read_text() + (
        "  - id: coming-case\n    title: A case still being written\n    summary: No report yet.\n"
        "    period: \"2026\"\n"))
    from macros.claimkit.pages import generated_pages

    data = load_dataset(two_cases)
    renderer = Renderer(data)
    assert "cases/coming-case.md" in {page.src_uri for page in generated_pages(data)}
    page = renderer.full_page("case_page", "coming-case", "cases/coming-case/")
    assert "<h1>A case still being written</h1>" in page and "No report in this case yet." in page
    assert "0 reports" in renderer.cases_list("")
    for method in ("reports_index", "trackers_index", "timeline", "overview_charts"):
        assert 'id="case-coming-case"' in getattr(renderer, method)("x/"), method
    assert not [s for s in renderer.chart_specs() if s.key.startswith("coming-case")]
