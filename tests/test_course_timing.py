"""Honest timing: visible words, reading minutes, the core path and the full path, and their checks."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
import yaml
from testpaths import PROJECT

from macros.claimkit import analysis, reads
from macros.claimkit.course_loader import load_course
from macros.claimkit.course_render import CourseRenderer
from macros.claimkit.course_timing import PAGE_MACROS, READING_WPM, ReadingClock, minutes_to_read
from macros.claimkit.errors import DataError
from macros.claimkit.render import Renderer
from macros.claimkit.visible_words import visible_text, visible_words

DATA = PROJECT / "data"
DOCS = PROJECT / "docs"
LESSON_IDS = sorted((p.stem for p in (DATA / "lessons").glob("*.yaml")), key=lambda i: int(i.removeprefix("lesson-")))


# --- visible words ----------------------------------------------------------------------


def test_only_what_is_on_screen_when_the_page_opens_is_counted():
    html = ("<h1>Two words</h1><script>var hidden = 1</script><style>p { x: y }</style>"
            "<p>three more words <span class='ck-tip' role='tooltip'>tooltip words not shown</span></p>"
            "<details><summary>Open me</summary><p>folded words stay folded</p>loose folded</details>"
            "<details open><summary>Opened</summary><p>shown</p></details>"
            "<div hidden><p>not shown at all</p></div><textarea>pasted text</textarea>")
    assert visible_text(html).split() == ["Two", "words", "three", "more", "words", "Open", "me", "Opened", "shown"]
    assert visible_words(html) == 9


def test_one_element_can_be_counted_alone():
    html = "<p>before</p><article id='claim-a'><h3>Claim 1</h3><p>one two <b>three</b></p></article><p>after</p>"
    assert visible_words(html, "claim-a") == 5
    assert visible_words(html, "claim-b") is None, "a missing element is not zero words"


def test_markup_that_holds_no_text_is_read_as_a_browser_reads_it():
    html = ("<P CLASS='x'>Caf&eacute; &amp; bar</P><!-- <p>commented words</p> -->"
            "<script>if (a<b && c>d) { x('<p>not a tag</p>') }</script>"
            "<div title='a > b'>title arrow</div><div/>after empty"
            "<span class=\"lead ck-tip\">tip words</span><SECTION HIDDEN>gone words</SECTION>"
            "<details OPEN><summary>s</summary>open words</details><textarea><p>typed</p></textarea>"
            "<b>unclosed at the end")
    assert visible_text(html).split() == ["Café", "&", "bar", "title", "arrow", "after", "empty", "s", "open",
                                          "words", "unclosed", "at", "the", "end"]
    assert visible_words("<script id='claim-a'>var x = 1</script>", "claim-a") == 0, "found, with no words"


def test_unclosed_markup_cannot_swallow_or_stall_the_count():
    # Each of these made html.parser rescan the rest of the page at every '<' (minutes for a long page).
    # A browser reads "<a <a <a ...<p>" as one tag up to the first '>', and a script or comment to its end.
    for html, words in (("<a " * 20000, 2), ("<!" * 20000, 2), ("<script " * 20000, 0), ("<!--" * 20000, 0)):
        assert visible_words(html + "<p>last words</p>") == words
    assert visible_words("<p>a < b and c <d</p>") == 4, "a '<' that starts no tag is text"


def test_figures_count_as_one_word_each():
    assert visible_words("<p>over 100,000 volunteers, nearly 1.3 million</p>") == 6


@pytest.mark.parametrize("words, minutes", [(1, 1), (150, 1), (151, 2), (300, 2), (3858, 26)])
def test_reading_minutes_round_up_at_the_stated_speed(words, minutes):
    assert READING_WPM == 150
    assert minutes_to_read(words) == minutes == max(1, math.ceil(words / 150))


# --- reading times on the real course ----------------------------------------------------


def test_a_claim_reading_counts_that_claim_and_a_page_reading_the_whole_page(dataset):
    renderer = Renderer(dataset)
    clock = ReadingClock(Renderer(dataset), DOCS)
    lesson = yaml.safe_load((DATA / "lessons" / "lesson-1.yaml").read_text())
    from macros.claimkit.course_model import Reading

    claim_reading = Reading.model_validate(lesson["readings"][0])
    page = renderer.full_page("report_page", claim_reading.report, f"reports/{claim_reading.report}/")
    whole = visible_words(page)
    claim_words = clock.words(claim_reading)
    assert 50 < claim_words < whole / 5, "one claim's section is a small part of its report page"
    assert claim_words == visible_words(page, f"claim-{claim_reading.claim}")
    # A whole-page reading of the same report counts every visible word on it.
    whole_reading = Reading(report=claim_reading.report, why="the whole report")
    assert clock.words(whole_reading) == whole


def test_a_listing_timed_for_a_reading_is_rendered_once_unless_it_shows_the_lessons(dataset, course):
    """The course times a page's listings with a renderer given no lessons before MkDocs renders the page:
    the page then takes the same HTML, and its reads, instead of rendering it again; the cases index,
    which counts each case's lessons, is rendered anew."""
    renderer = Renderer(dataset, lessons=course.lessons)
    twin = renderer._without_lessons
    with reads.recording() as timed:
        charts = twin.listing("overview_charts", "charts/")
    with reads.recording() as built:
        assert renderer.listing("overview_charts", "charts/") is charts
    assert built == timed and any(table == "overview_specs" for table, _ in built)
    without = twin.listing("cases_index", "cases/")
    shown = renderer.listing("cases_index", "cases/")
    assert shown != without and shown == Renderer(dataset, lessons=course.lessons).cases_index("cases/")
    with pytest.raises(ValueError):
        renderer.listing("report_page", "reports/x/")


def test_a_hand_written_page_is_counted_as_its_text(dataset):
    """guide/source-grading.md has no macro: its words are the words of its Markdown, markup aside."""
    from macros.claimkit.course_model import Reading

    clock = ReadingClock(Renderer(dataset), DOCS)
    words = clock.words(Reading(page="guide/source-grading.md", label="Grading", why="why"))
    source = (DOCS / "guide" / "source-grading.md").read_text()
    plain = re.sub(r"[#|*`>-]+", " ", source)
    assert abs(words - analysis.word_count(plain)) <= 0.05 * words


def test_a_page_with_a_listing_macro_counts_the_listing(dataset):
    from macros.claimkit.course_model import Reading

    clock = ReadingClock(Renderer(dataset), DOCS)
    words = clock.words(Reading(page="sources/index.md", label="All sources", why="why"))
    source_words = analysis.word_count((DOCS / "sources" / "index.md").read_text())
    every_name = sum(analysis.word_count(s.name) for s in dataset.sources.values())
    assert words > source_words + every_name, "the list of every source is part of the page's words"


def test_every_macro_a_page_calls_is_registered_and_every_listing_is_counted(dataset):
    """A listing added to the site but not to reading time would make its pages' minutes wrong."""
    from macros import macros_adapter

    class Env:
        def __init__(self):
            self.project_dir = str(DOCS.parent)
            self.conf = {"use_directory_urls": True, "docs_dir": str(DOCS)}
            self.registered = {}

        def macro(self, fn, name):
            self.registered[name] = fn

    env = Env()
    macros_adapter.define_env(env)
    called = {m.group(1) for page in DOCS.rglob("*.md")
              for m in re.finditer(r"\{\{\s*([a-z_]+)\(", page.read_text(encoding="utf-8"))}
    assert called - set(env.registered) == set(), "a page calls a macro the site does not register"
    listings = {name for name in env.registered if name in PAGE_MACROS}
    assert listings == set(PAGE_MACROS)
    assert all(callable(getattr(Renderer(dataset), method)) for method in PAGE_MACROS.values())


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_core_and_full_path_totals_add_up_from_the_lesson_file(course, lesson_id):
    """Recomputed from the YAML itself: stated exercise minutes, a minute a quiz question, computed readings."""
    lesson = course.lesson(lesson_id)
    raw = yaml.safe_load((DATA / "lessons" / f"{lesson.id}.yaml").read_text())
    timing = course.timing(lesson.id)
    reading_minutes = {f"reading-{n}": timing.reading(n).minutes for n in range(1, len(raw["readings"]) + 1)}
    minutes = {**reading_minutes, **{e["id"]: e["minutes"] for e in raw["exercises"]}, "quiz": len(raw["quiz"])}
    core_flags = {f"reading-{n}": r.get("core", True) for n, r in enumerate(raw["readings"], start=1)}
    core_flags |= {e["id"]: e.get("core", True) for e in raw["exercises"]} | {"quiz": True}
    phase_minutes = [p.get("minutes") or sum(minutes[k] for k in p.get("covers", [])) for p in raw["teacher"]["phases"]]
    covered = [k for p in raw["teacher"]["phases"] for k in p.get("covers", [])]
    assert sorted(covered) == sorted(k for k, core in core_flags.items() if core), "each core activity in one phase"
    assert timing.core_minutes == sum(phase_minutes) <= raw["minutes"] == 45
    extras = sum(minutes[k] for k, core in core_flags.items() if not core)
    assert timing.full_minutes == timing.core_minutes + extras


def test_the_lesson_page_and_the_guide_show_the_minutes(dataset, course):
    renderer = CourseRenderer(dataset, course)
    lesson = course.lesson("lesson-1")
    timing = course.timing(lesson.id)
    overview = renderer.overview(lesson.id, "lessons/lesson-1/")
    assert f"Core path: {timing.core_minutes} minutes" in overview
    assert f"Full path: {timing.full_minutes} minutes" in overview
    first = timing.reading(1)
    assert f"{first.minutes} min to read ({first.words:,} words, this claim only)" in overview
    exercises = renderer.exercises(lesson.id, "lessons/lesson-1/")
    for exercise in lesson.exercises:
        block = exercises.split(f'id="ex-{exercise.id}"')[1].split('class="ck-ex ')[0]
        assert f"About {exercise.minutes} min" in block
        assert ("core path" if exercise.core else "full path only") in block
    guide = renderer.teacher_guide(lesson.id, "teachers/lesson-1/")
    timing_table = guide.split("## Timing for a 45-minute class")[1].split("## Activities")[0]
    assert timing_table.count("<tr>") == len(lesson.teacher.phases) + 1
    assert f"{timing.core_minutes - timing.phases[-1].minutes}–{timing.core_minutes}" in timing_table
    activities = guide.split("## Activities and their minutes")[1].split("## Readings")[0]
    assert f"Full path: {timing.full_minutes} minutes" in activities
    for exercise in lesson.exercises:
        assert exercise.title in activities


def test_the_teachers_index_gives_both_paths_and_says_what_to_do_with_one_period(dataset, course):
    renderer = CourseRenderer(dataset, course)
    table = renderer.lessons_index("teachers/", "teachers")
    for lesson in course.lessons:
        timing = course.timing(lesson.id)
        assert f"{timing.core_minutes} min core path (one class of 45); {timing.full_minutes} min full path" in table
    index = (DOCS / "teachers" / "index.md").read_text()
    assert "## With one period only" in index and "150 words a" in index


# --- timing problems are refused with their place ------------------------------------------


def _problems(course_copy, dataset) -> list[str]:
    with pytest.raises(DataError) as info:
        load_course(course_copy, dataset, docs_dir=DOCS, root=course_copy.parent)
    return [str(p) for p in info.value.problems]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1))


TIMING_BROKEN = [
    # (old, new, field, words)
    ("    title: Three voices behind one claim\n    minutes: 4\n", "    title: Three voices behind one claim\n",
     "exercises.0.minutes", "missing required field 'minutes'"),
    ("    title: Three voices behind one claim\n    minutes: 4\n",
     "    title: Three voices behind one claim\n    minutes: 40\n", "teacher.phases",
     "more than the lesson's 45 (minutes): move an activity out of the core path"),
    ("      covers: [whose-words-can-you-check]\n", "      covers: [whose-words-can-you-check]\n      minutes: 2\n",
     "teacher.phases.3.minutes", "this phase gives 2 minutes, but what it covers takes 8 (exercise 5 8)"),
    ("      covers: [reading-1]\n", "      covers: [reading-1, reading-9]\n", "teacher.phases.1.covers.1",
     "'reading-9' is not an activity of this lesson"),
    ("      covers: [reading-1]\n", "      covers: [reading-1, three-voices]\n", "teacher.phases.2.covers.3",
     "'three-voices' is already covered by phase 2"),
    ("      covers: [reading-1]\n", "      covers: [reading-1, reading-5]\n", "teacher.phases.1.covers.1",
     "'reading-5' is marked core: false"),
    ("      covers: [quiz]\n", "      covers: []\n", "quiz", "quiz (5 min) is in the core path but no teacher phase"),
    ("    - activity: Exit\n      minutes: 2\n", "    - activity: Exit\n", "teacher.phases.6",
     "a phase that covers no activity (a starter, an exit) must give its minutes"),
    ("    core: false\n", "    core: maybe\n", "readings.4.core", "expected true or false"),
    ("  - id: three-voices\n", "  - id: quiz\n", "exercises.0.id", "names an activity in the teacher's phases"),
]


@pytest.mark.parametrize("old, new, field, words", TIMING_BROKEN, ids=[b[2] for b in TIMING_BROKEN])
def test_a_timing_problem_is_refused_with_file_line_and_field(course_copy, dataset, old, new, field, words):
    _edit(course_copy / "lessons" / "lesson-1.yaml", old, new)
    problems = _problems(course_copy, dataset)
    matching = [p for p in problems if words in p]
    assert matching, f"expected {words!r} in:\n" + "\n".join(problems)
    assert any(re.match(rf"data/lessons/lesson-1\.yaml:\d+:\d+: {re.escape(field)}: ", p) for p in matching), matching
