"""Rubrics: every written exercise has three levels with a sample answer; teachers see them, students do not."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from testpaths import PROJECT

from macros.claimkit.course_loader import load_course
from macros.claimkit.course_model import RUBRIC_LEVELS, WRITTEN_TYPES
from macros.claimkit.course_render import CourseRenderer
from macros.claimkit.errors import DataError

DATA = PROJECT / "data"
DOCS = PROJECT / "docs"


def test_every_written_exercise_has_three_levels_each_with_a_sample(course):
    written = [(lesson, ex) for lesson in course.lessons for ex in lesson.exercises if ex.type in WRITTEN_TYPES]
    assert len(written) >= 18
    for lesson, ex in written:
        levels = ex.rubric.levels()
        assert [label for label, _ in levels] == list(RUBRIC_LEVELS.values()) == ["Beginning", "Developing", "Secure"]
        samples = [level.sample for _, level in levels]
        assert all(len(s.split()) >= 8 for s in samples), f"{lesson.id}/{ex.id}: a sample is too short to mark"
        assert len(set(samples)) == 3, f"{lesson.id}/{ex.id}: the three samples must differ"
        # A secure answer says more than a beginning one.
        assert len(samples[2].split()) > len(samples[0].split()), f"{lesson.id}/{ex.id}"


def test_the_teacher_guide_and_the_answer_worksheet_show_the_rubrics_and_the_student_pages_do_not(dataset, course):
    renderer = CourseRenderer(dataset, course)
    for lesson in course.lessons:
        guide = renderer.teacher_guide(lesson.id, f"teachers/{lesson.id}/")
        answers = renderer.worksheet_answers(lesson.id, f"worksheets/answers/{lesson.id}/")
        student = renderer.exercises(lesson.id, f"lessons/{lesson.id}/")
        worksheet = renderer.worksheet(lesson.id, f"worksheets/{lesson.id}/")
        for ex in lesson.exercises:
            if not ex.rubric:
                continue
            for page in (guide, answers):
                block = page.split(f'id="ex-{ex.id}"')[1].split('<div class="ck-ex ')[0]
                assert "Rubric for marking written answers" in block
                for _, level in ex.rubric.levels():
                    assert level.sample.replace("'", "&#39;") in block, f"{lesson.id}/{ex.id}: sample missing"
        for page in (student, worksheet):
            assert "ck-rubric" not in page and "Sample student answer" not in page
        assert "Answer version, for the teacher." in answers and "Name:" not in answers
        assert "Name:" in worksheet and "Answer version" not in worksheet


def test_each_lesson_has_its_answer_worksheet_page():
    for n in range(1, 7):
        page = (DOCS / "worksheets" / "answers" / f"lesson-{n}.md").read_text()
        assert f'{{{{ worksheet_answers("lesson-{n}") }}}}' in page


# --- refused with file:line:col ------------------------------------------------------------------


@pytest.fixture
def course_copy(tmp_path) -> Path:
    target = tmp_path / "data"
    for folder in ("lessons", "lateral", "checks"):
        if (DATA / folder).is_dir():
            shutil.copytree(DATA / folder, target / folder)
    shutil.copy(DATA / "glossary.yaml", target / "glossary.yaml")
    return target


def _problems_after(course_copy, dataset, old: str, new: str) -> list[str]:
    path = course_copy / "lessons" / "lesson-1.yaml"
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(DataError) as info:
        load_course(course_copy, dataset, docs_dir=DOCS, root=course_copy.parent)
    return [str(p) for p in info.value.problems]


def _rubric_text(course_copy) -> str:
    text = (course_copy / "lessons" / "lesson-1.yaml").read_text()
    return text[text.index("    rubric:\n"):text.index("key_points:")]


def _located(problems, field, words):
    return [p for p in problems if re.match(rf"data/lessons/lesson-1\.yaml:\d+:\d+: {re.escape(field)}: ", p)
            and words in p]


def test_a_missing_level_is_refused_at_the_rubric(course_copy, dataset):
    rubric = _rubric_text(course_copy)
    developing = rubric[rubric.index("      developing:\n"):rubric.index("      secure:\n")]
    problems = _problems_after(course_copy, dataset, developing, "")
    assert _located(problems, "exercises.4.rubric.developing", "missing required field 'developing'"), problems


def test_an_empty_sample_is_refused_at_the_sample(course_copy, dataset):
    rubric = _rubric_text(course_copy)
    start = rubric.index("        sample: >-\n", rubric.index("      secure:\n"))
    problems = _problems_after(course_copy, dataset, rubric[start:], '        sample: ""\n')
    assert _located(problems, "exercises.4.rubric.secure.sample", "must not be empty"), problems


def test_a_written_exercise_without_a_rubric_is_refused(course_copy, dataset):
    problems = _problems_after(course_copy, dataset, _rubric_text(course_copy), "")
    assert _located(problems, "exercises.4", "a trust-which exercise is answered in writing: give it a rubric"), problems


def test_a_sample_answer_is_plain_and_its_figures_come_from_the_data(course_copy, dataset):
    problems = _problems_after(course_copy, dataset, "I would trust the sources familiar",
                               "I counted 250,000 soldiers and [[source:park-won-gon]] I would trust the sources familiar")
    assert _located(problems, "exercises.4.rubric.beginning.sample", "write it plain, without [[ ]]"), problems
    assert _located(problems, "exercises.4.rubric.beginning.sample", "the figure 250,000 does not occur"), problems
