"""When `make serve` may build only the pages of an edited report, and how the catch-up build follows.

The serve tests (test_render_cache.py) check the pages served after an edit against a full build;
these check the decision itself (sitebuild.Session), which the MkDocs hook only asks.
"""

from __future__ import annotations

import time

import pytest

from macros.claimkit.site import DataState
from macros.claimkit.sitebuild import Session

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
