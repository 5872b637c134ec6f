"""The projector view of a lesson: one screen per exercise or question, built from the lesson data.

A teacher projects it in class. The deck is plain HTML: every slide a <section> and every
answer in a <details>, so with JavaScript off (or on paper) it is one long page with the answers
folded. docs/assets/present.js turns it into slides (one at a time, large type, keys to move and
to reveal the answer); this module decides which slides there are, in what order, and what each
shows. Nothing here is typed per lesson: a new lesson file gets its projector view for free.
"""

from __future__ import annotations

from dataclasses import dataclass

from .course_model import Lesson
from .course_render import CourseRenderer
from .qr import qr_svg


@dataclass(frozen=True)
class Slide:
    kind: str  # title, readings, exercise, discussion, question, key-points
    number: int  # position in the deck, from 1 (its anchor is #slide-<number>)
    title: str
    index: int | None = None  # exercise or question: its place in the lesson, from 0

    @property
    def has_answer(self) -> bool:
        return self.kind in ("exercise", "question")


def plan(lesson: Lesson) -> list[Slide]:
    """The slides of a lesson, in the order a class meets them: what the lesson is about, the pages
    to open, each exercise, a discussion, each quiz question, then what to remember."""
    parts: list[tuple[str, str, int | None]] = [
        ("title", f"Lesson {lesson.number}: {lesson.title}", None),
        ("readings", "Open these pages", None),
    ]
    total = len(lesson.exercises)
    parts += [("exercise", f"Exercise {i + 1} of {total}: {ex.title}", i) for i, ex in enumerate(lesson.exercises)]
    parts.append(("discussion", "Discuss", None))
    total = len(lesson.quiz)
    parts += [("question", f"Question {i + 1} of {total}", i) for i in range(total)]
    parts.append(("key-points", "Remember", None))
    return [Slide(kind, number, title, index) for number, (kind, title, index) in enumerate(parts, start=1)]


def present(renderer: CourseRenderer, lesson_id: str, page_url: str) -> str:
    """The projector view's HTML for one lesson (a page under present/)."""
    if not renderer.course.available:
        return renderer.unavailable("This projector view")
    lesson = renderer.course.lesson(lesson_id)

    def qr(src_uri: str):
        """A QR code of a page's address, only where the address is absolute (SITE_URL set)."""
        return qr_svg(renderer.stable_url(src_uri)) if renderer.site_url else None

    # the same context as the lesson page, so exercises and questions render with the same parts
    return renderer._lesson_section("course_present.html", lesson_id, page_url, slides=plan(lesson), qr=qr)


def index(renderer: CourseRenderer, page_url: str) -> str:
    """The list of projector views, one a lesson (present/index.md)."""
    if not renderer.course.available:
        return renderer.unavailable("The list of projector views")
    return renderer._render("course_present_index.html", page_url, lessons=renderer.course.lessons)
