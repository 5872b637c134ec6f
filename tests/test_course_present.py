"""The projector view's slides (macros/claimkit/course_present.py), from the lesson data, without MkDocs.

What a view holds and in what order, its markup for readers without JavaScript (every answer in a
<details>), QR codes only for absolute addresses, and data text escaped. The view in a browser,
with its keys and type sizes: tests/browser/test_present.py.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from testpaths import PROJECT

from macros.claimkit import course_present
from macros.claimkit.course_render import CourseRenderer

DATA = PROJECT / "data"
DOCS = PROJECT / "docs"
LESSON_IDS = sorted(p.stem for p in (DATA / "lessons").glob("*.yaml"))


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_the_plan_has_one_slide_per_exercise_and_question_in_class_order(course, lesson_id):
    lesson = course.lesson(lesson_id)
    slides = course_present.plan(lesson)
    kinds = [s.kind for s in slides]
    assert kinds == (["title", "readings"] + ["exercise"] * len(lesson.exercises) + ["discussion"]
                     + ["question"] * len(lesson.quiz) + ["key-points"])
    assert [s.number for s in slides] == list(range(1, len(slides) + 1))
    exercises = [s for s in slides if s.kind == "exercise"]
    assert [s.index for s in exercises] == list(range(len(lesson.exercises)))
    assert exercises[0].title == f"Exercise 1 of {len(lesson.exercises)}: {lesson.exercises[0].title}"
    assert [s.has_answer for s in slides] == [k in ("exercise", "question") for k in kinds]


@pytest.mark.parametrize("lesson_id", LESSON_IDS)
def test_every_lesson_has_a_projector_page_calling_the_macro(course, lesson_id):
    lesson = course.lesson(lesson_id)
    page = (DOCS / "present" / f"{lesson_id}.md").read_text(encoding="utf-8")
    assert "template: present.html" in page
    # the projector view repeats the lesson: search sends students to the lesson page instead
    assert "search:\n  exclude: true\n" in page
    assert f"# Projector view, lesson {lesson.number}: {lesson.title}" in page
    assert f'{{{{ present("{lesson_id}") }}}}' in page


def _html(dataset, course, lesson_id="lesson-1", site_url=None) -> str:
    renderer = CourseRenderer(dataset, course, site_url=site_url)
    return course_present.present(renderer, lesson_id, "present/lesson-1/")


def test_the_markup_is_a_long_page_with_folded_answers(dataset, course):
    lesson = course.lesson("lesson-1")
    html = _html(dataset, course)
    sections = re.findall(r'<section class="ck-slide ck-slide--([a-z-]+)" id="slide-(\d+)"', html)
    assert [int(n) for _, n in sections] == list(range(1, len(course_present.plan(lesson)) + 1))
    answers = re.findall(r"<details class=\"success ck-slide__answer\">", html)
    assert len(answers) == len(lesson.exercises) + len(lesson.quiz)
    assert not re.search(r"<details[^>]*\bopen\b", html), "answers start folded"
    assert "<script" not in html and "style=" not in html
    assert "\n\n" not in html, "one raw HTML block: a blank line would hand the rest to Markdown"


def test_qr_code_of_the_lesson_page_only_with_an_absolute_address(dataset, course):
    assert 'class="ck-qr"' not in _html(dataset, course)
    html = _html(dataset, course, site_url="https://example.org/claims/")
    assert html.count('class="ck-qr"') == 1
    assert "https://example.org/claims/lessons/lesson-1/" in html


def test_data_text_is_escaped(dataset, course):
    lesson = course.lesson("lesson-1")
    hostile = lesson.model_copy(update={"title": '<img src=x onerror="alert(1)">',
                                        "exercises": [lesson.exercises[0].model_copy(update={"title": "<b>bold</b>"})]
                                        + lesson.exercises[1:]})
    tampered = dataclasses.replace(course, lessons=[hostile if x.id == "lesson-1" else x for x in course.lessons])
    html = _html(dataset, tampered)
    assert "<img src=x" not in html and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt;" in html


def test_without_course_data_the_view_says_so(dataset):
    from macros.claimkit.course_model import Course

    html = course_present.present(CourseRenderer(dataset, Course(available=False)), "lesson-1", "present/lesson-1/")
    assert "This projector view is built from the course data" in html
