"""mkdocs-macros adapter for lessons, worksheets, teacher guides, quizzes and the glossary.

``macros/macros_adapter.py`` calls :func:`register` with the same renderer factory the
report pages use, so the course is checked against exactly the dataset the
site is built from. The course files (``data/lessons/*.yaml``,
``data/glossary.yaml``) are validated once per data change; any problem stops
the build with one list of ``file:line:column: field: message`` lines.

Page source passes only fixed lesson and term ids (``{{ exercises("lesson-1") }}``);
every macro returns finished, escaped HTML.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from mkdocs.exceptions import PluginError

from .claimkit import course_present, reads
from .claimkit.course_loader import load_course
from .claimkit.course_render import CourseRenderer
from .claimkit.errors import DataError
from .claimkit.sitebuild import SESSION

# macro name -> CourseRenderer method taking (lesson_id, page_url)
LESSON_MACROS = {
    "lesson_overview": "overview",
    "lesson_case": "case",
    "exercises": "exercises",
    "quiz": "quiz",
    "key_points": "key_points",
    "lesson_terms": "terms",
    "teacher_guide": "teacher_guide",
    "worksheet": "worksheet",
    "worksheet_answers": "worksheet_answers",
}


def register(env, renderer_factory, cached_calls=None) -> None:
    """``cached_calls`` gives a claimkit.sitebuild.CachedCalls: the course then counts the words of its
    readings' pages through the render cache (rendering them at every build took most of a warm build)."""
    project = Path(env.project_dir)
    data_dir = project / "data"
    docs_dir = Path(env.conf["docs_dir"])
    cached: dict[str, object] = {}

    def course_renderer() -> CourseRenderer:
        site_renderer = renderer_factory()  # raises DataError for bad case data; the hook reports that
        if cached.get("site") is not site_renderer:
            try:
                # what checking and timing the course read (the pages a reading links to, rendered to
                # count their words) shows on lesson pages: every page using the course depends on it
                calls = cached_calls() if cached_calls is not None else None
                with reads.recording() as seen:
                    course = load_course(data_dir, site_renderer.data, docs_dir=docs_dir, root=project,
                                         counter=calls and (lambda src, anchor: calls.reading_words(src, anchor, docs_dir)))
                if calls is not None:
                    calls.save()
            except DataError as exc:
                raise PluginError(f"The lesson data has problems; nothing was built.\n{exc.report()}") from None
            cached["site"] = site_renderer
            cached["reads"] = frozenset(seen)
            cached["course"] = CourseRenderer(site_renderer.data, course,
                                              directory_urls=env.conf["use_directory_urls"],
                                              site_url=env.conf.get("site_url"))
        reads.note_all(cached["reads"])  # (under `make serve`, a page is built again when they change)
        return cached["course"]

    # Check the course before any page is rendered, so its errors come first and all together.
    # When the case data itself is invalid, the MkDocs hook reports every problem in on_files.
    # A quick build under `mkdocs serve` renders no page using the course: its catch-up build checks it.
    if not SESSION.quick:
        with contextlib.suppress(DataError):
            course_renderer()

    def lesson_macro(method: str):
        def macro(lesson_id: str) -> str:
            return getattr(course_renderer(), method)(lesson_id, env.page.url)
        macro.__name__ = method
        return macro

    for name, method in LESSON_MACROS.items():
        env.macro(lesson_macro(method), name)

    def term(term_id: str, shown: str | None = None) -> str:
        """A glossary term with its definition on hover and keyboard focus: {{ term("hedging") }}."""
        return course_renderer().term(term_id, env.page.url, shown)

    def glossary() -> str:
        return course_renderer().glossary_page(env.page.url)

    def lessons_index(audience: str = "students") -> str:
        if audience not in ("students", "teachers", "worksheets"):
            raise ValueError(f"lessons_index(audience={audience!r}): expected students, teachers or worksheets")
        return course_renderer().lessons_index(env.page.url, audience)

    def check_form(form_id: str) -> str:
        """One form of the pre/post check: {{ check_form("before") }}."""
        return course_renderer().check_form(form_id, env.page.url)

    def class_results() -> str:
        return course_renderer().class_results(env.page.url)

    env.macro(check_form, "check_form")
    env.macro(class_results, "class_results")
    env.macro(term, "term")
    env.macro(glossary, "glossary")
    env.macro(lessons_index, "lessons_index")

    def present(lesson_id: str) -> str:
        """A lesson's projector view, one screen per exercise: {{ present("lesson-1") }} (docs/present/)."""
        return course_present.present(course_renderer(), lesson_id, env.page.url)

    def present_index() -> str:
        return course_present.index(course_renderer(), env.page.url)

    env.macro(present, "present")
    env.macro(present_index, "present_index")
