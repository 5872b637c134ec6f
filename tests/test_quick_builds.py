"""When `make serve` may build only the pages of an edited report, and how the catch-up build follows.

The serve tests (test_render_cache.py) check the pages served after an edit against a full build;
these check the decision itself (sitebuild.Session), which the MkDocs hook only asks, and a quick
Build of the core: what it renders again, what it trusts, and its charts.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from macros.claimkit.site import DataState, Site
from macros.claimkit.sitebuild import Build, Session

BEFORE = DataState({"reports/a.yaml": "1", "reports/b.yaml": "2", "sources.yaml": "3", "lessons/one.yaml": "4"})


def _serving(**changes) -> Session:
    session = Session(command="serve", dirty=True)
    session.last["state"] = BEFORE
    for name, value in changes.items():
        setattr(session, name, value)
    return session


def _after(**files: str | None) -> DataState:
    state = dict(BEFORE.files)
    for path, digest in files.items():
        path = path.replace("__", "/").replace("_yaml", ".yaml")
        if digest is None:
            del state[path]
        else:
            state[path] = digest
    return DataState(state)


def test_an_edited_report_alone_may_be_built_quickly():
    assert _serving().may_be_quick(_after(reports__a_yaml="1b"))
    assert _serving().may_be_quick(_after(reports__a_yaml="1b", reports__b_yaml="2b"))


@pytest.mark.parametrize("state, why", [
    (_after(), "nothing changed"),
    (_after(sources_yaml="3b"), "shared data changed"),
    (_after(reports__a_yaml="1b", lessons__one_yaml="4b"), "a lesson changed too"),
    (_after(reports__c_yaml="5"), "a report was added"),
    (_after(reports__b_yaml=None), "a report was removed"),
])
def test_anything_but_edited_reports_builds_everything_that_changed(state, why):
    assert not _serving().may_be_quick(state), why


def test_only_a_dirty_serve_after_a_whole_build_is_ever_quick():
    edited = _after(reports__a_yaml="1b")
    assert not _serving(command="build").may_be_quick(edited)
    assert not _serving(dirty=False).may_be_quick(edited)
    assert not Session(command="serve", dirty=True).may_be_quick(edited)  # no whole build yet
    assert not _serving(catch_up_due=True).may_be_quick(edited)  # the catch-up build is whole


def test_the_edits_of_several_quick_builds_add_up_until_the_catch_up():
    """The last whole build stays the reference: the catch-up finds every report edited since."""
    session = _serving()
    assert session.edited_reports(_after(reports__a_yaml="1b")) == {"a"}
    assert session.edited_reports(_after(reports__a_yaml="1b", reports__b_yaml="2b")) == {"a", "b"}


def test_the_catch_up_starts_after_a_pause_and_a_new_build_postpones_it(tmp_path):
    trigger = tmp_path / "serve" / "catch-up"
    session = _serving(catch_up_after=0.2)
    session.catch_up_after_pause(trigger)
    session.cancel_catch_up()  # a build started (an edit) before the pause was over
    time.sleep(0.5)
    assert not trigger.exists() and not session.catch_up_due
    session.catch_up_after_pause(trigger)
    deadline = time.monotonic() + 30
    while not trigger.exists():
        assert time.monotonic() < deadline, "the catch-up was never asked for"
        time.sleep(0.05)
    assert session.catch_up_due  # so that the build the trigger starts is whole


# --- a quick Build (the core the hook calls) --------------------------------------------------------


def _whole_then_quick(data: Path, report_id: str, edit) -> Build:
    """A whole build of ``data``, then ``edit`` applied to one report's YAML, then a quick build."""
    site = Site(data, cache_dir=data.parent / ".cache")
    site.refresh()
    whole = Build(site)
    whole.prepare()
    for page in whole.plan():
        whole.page(page)
    whole.charts()
    whole.finish()
    before = site.state
    path = data / "reports" / f"{report_id}.yaml"
    path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
    site.refresh()
    assert site.state.changed(before) == {f"reports/{report_id}.yaml"}
    quick = Build(site, edited=frozenset({report_id}))
    quick.prepare()
    quick.wait()  # what it renders (in this process: a few pages)
    return quick


def _pages_rendered(build: Build) -> set[tuple[str, str]]:
    """(kind, key) of each generated page the build rendered (a report's id names two pages)."""
    return {job.args[:2] for job, _ in build.fresh if job.method == "generated"}


def test_a_quick_build_renders_the_pages_that_read_the_edited_report_and_trusts_the_others(valid_data):
    report_id = "2024-01-02-example-gazette-widgets"
    quick = _whole_then_quick(valid_data, report_id, lambda text: text.replace("summary: ", "summary: Zebra ", 1))
    assert ("report", report_id) in _pages_rendered(quick)
    page = next(p for p in quick.plan() if (p.kind, p.key) == ("report", report_id))
    assert "Zebra" in repr(quick.page(page))
    trusted = [p for p in quick.plan()
               if ("reports", report_id) not in quick._entries[quick._page_job(p).id].reads]
    assert trusted, "every page read the edited report: nothing shows the trust"
    assert not {(p.kind, p.key) for p in trusted} & _pages_rendered(quick)
    for page in trusted:  # taken as the whole build left them, not even checked against the new data
        assert quick._entries[quick._page_job(page).id].state != quick.state
    assert not any(job.method == "export_file" for job, _ in quick.fresh)  # the catch-up renders exports
    assert quick.quick


def test_a_quick_build_draws_the_charts_when_a_page_it_rendered_shows_one_not_drawn(valid_data, monkeypatch):
    report_id = "2024-01-02-example-gazette-widgets"
    quick = _whole_then_quick(valid_data, report_id, lambda text: text.replace("summary: ", "summary: Zebra ", 1))
    quick.fresh.append((quick._page_job(quick.plan()[0]), '<img src="../charts/0123abcd.svg">'))
    charts = quick.charts()
    assert not quick.quick  # it fell back to the whole build's way for charts (and saves the cache)
    assert charts and all(path.exists() for _, path in charts)


def test_a_quick_build_leaves_writing_the_dataset_to_the_next_whole_build(valid_data, monkeypatch):
    from macros.claimkit import site as site_module

    site = Site(valid_data, cache_dir=valid_data.parent / ".cache")
    site.refresh()
    site.save_dataset_later = True
    assert len(site.dataset.reports) == 2
    written = site._dataset_file()
    assert not written.exists()  # a quick build: nothing written
    site.save_dataset()  # the catch-up build's finish
    assert written.exists()

    def no_loading(*args, **kwargs):
        raise AssertionError("loaded from the YAML files again")

    monkeypatch.setattr(site_module, "load_dataset", no_loading)
    later = Site(valid_data, cache_dir=valid_data.parent / ".cache")  # the next process reads it
    later.refresh()
    assert [r.id for r in later.dataset.reports] == [r.id for r in site.dataset.reports]


def test_a_dataset_left_unsaved_is_not_written_once_the_data_changed(valid_data):
    site = Site(valid_data, cache_dir=valid_data.parent / ".cache")
    site.refresh()
    site.save_dataset_later = True
    site.dataset  # noqa: B018 (loads it)
    stale = site._dataset_file()
    report = next((valid_data / "reports").glob("*.yaml"))
    report.write_text(report.read_text(encoding="utf-8").replace("summary: ", "summary: Edited. ", 1), encoding="utf-8")
    site.refresh()
    site.save_dataset()
    assert not stale.exists() and not site._dataset_file().exists()


def test_a_pool_starts_only_for_many_tasks_on_several_cores_with_no_other_thread(monkeypatch):
    """The build shares its indexes and templates with the workers (Renderer.prepare_for_workers) exactly
    when run_all will fork them."""
    from macros.claimkit import render_cache

    monkeypatch.setattr(render_cache.threading, "active_count", lambda: 1)
    many = render_cache.POOL_THRESHOLD
    assert render_cache.pool_starts(many, workers=2)
    assert not render_cache.pool_starts(many - 1, workers=2)
    assert not render_cache.pool_starts(many, workers=1)
    monkeypatch.setattr(render_cache.threading, "active_count", lambda: 2)  # the server of `mkdocs serve`
    assert not render_cache.pool_starts(many, workers=2)


# --- a whole Build starts with what this process asks for first ---------------------------------------


@pytest.fixture
def project_build(tmp_path: Path):
    """A whole Build of the project's own data and pages, prepared (its jobs queued), with its own cache."""
    import shutil

    from tests.sitebuild import PROJECT

    data = tmp_path / "data"
    shutil.copytree(PROJECT / "data", data)
    site = Site(data, cache_dir=tmp_path / ".cache")
    site.refresh()
    build = Build(site, docs_dir=PROJECT / "docs")
    build.prepare()
    yield build
    build.abort()


def test_the_course_readings_come_from_the_build_and_count_what_the_course_would(project_build, course, monkeypatch):
    """mkdocs-macros times the lessons as the build starts: each reading's words were given to the pool
    (or the queue) by prepare, and the course takes them from there, not from a count of its own."""
    from macros.claimkit.course_timing import page_words, reading_target
    from macros.claimkit.sitebuild import reading_job
    from tests.sitebuild import PROJECT

    build = project_build
    readings = {reading_target(reading) for lesson in course.lessons for reading in lesson.readings}
    assert len(readings) > 10
    assert {reading_job(src, anchor, PROJECT / "docs").id for src, anchor in readings} <= build._queued
    renderer = build.site.renderer

    def counted_here(*args, **kwargs):
        raise AssertionError("the course counted a reading itself instead of taking the build's count")

    monkeypatch.setattr(build.calls.cache, "valid", counted_here)
    for src, anchor in sorted(readings, key=repr):
        assert build.calls.reading_words(src, anchor, PROJECT / "docs") == page_words(renderer, PROJECT / "docs", src, anchor)
    build.calls.save()
    assert len(build.calls.cache._entries) == len(readings)  # kept for the next build, as if counted here


def test_a_reading_that_fails_in_the_build_fails_where_the_course_asks_for_it(tmp_path, monkeypatch):
    """A reading of a page that is not under docs/: its error reaches the course at that reading, not at
    another one whose count came after it."""
    from macros.claimkit.course_timing import TimingError
    from macros.claimkit.sitebuild import reading_job
    from tests.sitebuild import PROJECT

    docs = tmp_path / "docs"
    (docs / "guide").mkdir(parents=True)
    (docs / "guide" / "short.md").write_text("# Short\n\nFive words on this page.\n", encoding="utf-8")
    data = tmp_path / "data"
    import shutil

    shutil.copytree(PROJECT / "data", data)
    site = Site(data, cache_dir=tmp_path / ".cache")
    site.refresh()
    build = Build(site, docs_dir=docs)
    missing, present = reading_job("guide/not-there.md", None, docs), reading_job("guide/short.md", None, docs)
    monkeypatch.setattr(build, "_reading_jobs", lambda: [missing, present])
    build.prepare()
    try:
        assert {missing.id, present.id} <= build._queued
        # asked for in another order than queued: waiting for the second passes the failed first
        assert build.calls.reading_words("guide/short.md", None, docs) == 6
        with pytest.raises(TimingError, match=r"not-there\.md"):
            build.calls.reading_words("guide/not-there.md", None, docs)
    finally:
        build.abort()


def test_the_listings_of_hand_written_pages_are_started_before_mkdocs_reaches_them(project_build, monkeypatch):
    """Found in the pages' Markdown ({{ reports_index() }} on docs/reports/index.md), at the pages' URLs."""
    from macros.claimkit.render_cache import Job

    build = project_build
    listed = {args for method, args, _ in map(_job_parts, build._queued) if method == "listing"}
    assert {("reports_index", "reports/"), ("quality_page", "quality/"), ("overview_charts", "charts/"),
            ("cases_list", "")} <= listed

    def rendered_here(job):
        raise AssertionError(f"{job} was rendered when asked for, not started by prepare")

    monkeypatch.setattr(build, "_render", rendered_here)
    started = build._result(Job("listing", ("reports_index", "reports/")))
    assert started == build.site.renderer.listing("reports_index", "reports/")


def _job_parts(job_id: str) -> tuple:
    import ast

    return ast.literal_eval(job_id)


def test_long_tasks_go_to_a_worker_alone_and_short_ones_in_chunks():
    from macros.claimkit.render_cache import chunked

    assert chunked(12, alone=[0, 1, 10, 11], size=3) == [[0], [1], [2, 3, 4], [5, 6, 7], [8, 9], [10], [11]]
    assert chunked(4, size=8) == [[0, 1, 2, 3]]
    assert chunked(0) == []
