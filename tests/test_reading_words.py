"""The words of the pages the lessons' readings link to, counted ahead in a pool (sitebuild.CachedCalls).

The course asks for each reading's words one by one while it is checked; a build from nothing counts
them all first, in forked workers. These check that the counts are the same, that the course's calls
then render nothing, and that a reading whose page cannot be counted fails where it always did.
"""

from __future__ import annotations

import pytest

from macros.claimkit import render_cache, sitebuild
from macros.claimkit.course_timing import TimingError, page_words
from macros.claimkit.site import Site
from macros.claimkit.sitebuild import CachedCalls

REPORT = "reports/2024-01-02-example-gazette-widgets.md"
OTHER = "reports/2024-03-example-wire-denial.md"
TARGETS = [(REPORT, None), (REPORT, "claim-widgets"), (OTHER, None)]


@pytest.fixture
def calls(valid_data) -> CachedCalls:
    site = Site(valid_data, cache_dir=valid_data.parent / ".cache")
    site.refresh()
    return CachedCalls(site)


@pytest.mark.parametrize("pool", [False, True], ids=["in this process", "in forked workers"])
def test_counted_ahead_the_course_gets_the_same_words_without_rendering(calls, monkeypatch, pool):
    expected = [page_words(calls.site.renderer._without_lessons, None, src, anchor) for src, anchor in TARGETS]
    assert len(set(expected)) == 3 and all(expected)
    pools = []
    if pool:  # the fixture has a few readings; a real course has about 40
        monkeypatch.setattr(render_cache, "POOL_THRESHOLD", 1)
        monkeypatch.setattr(sitebuild, "POOL_THRESHOLD", 1)
        monkeypatch.setattr(render_cache, "workers_available", lambda: 2)
        # run_all never forks while other threads run (a lock one of them holds could stay locked in a
        # worker); in this test process a browser test's file server may be running, and the workers
        # forked here only render pages of the fixture, which no other thread touches
        monkeypatch.setattr(render_cache.threading, "active_count", lambda: 1)
        started = render_cache._Pool
        monkeypatch.setattr(render_cache, "_Pool", lambda *args: pools.append(1) or started(*args))
    calls.prefetch_reading_words(TARGETS + [(REPORT, None)], None)
    assert len(pools) == pool

    def no_rendering(*args, **kwargs):
        raise AssertionError("counted again")

    monkeypatch.setattr(sitebuild, "run_recorded", no_rendering)
    assert [calls.reading_words(src, anchor, None) for src, anchor in TARGETS] == expected
    calls.save()
    again = CachedCalls(calls.site)  # and they are kept: the next build finds them
    assert [again.reading_words(src, anchor, None) for src, anchor in TARGETS] == expected


def test_a_page_that_cannot_be_counted_fails_when_the_course_asks(calls):
    missing = "timeline.md"  # a hand-written page, and no docs folder to read it from
    calls.prefetch_reading_words([(missing, None), (REPORT, None)], None)  # no error here
    with pytest.raises(TimingError, match=r"docs/timeline\.md is not there"):
        calls.reading_words(missing, None, None)
    assert calls.reading_words(REPORT, None, None) > 0
