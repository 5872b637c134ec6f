"""The rendered course: quiz markup, worksheets without answers, teacher guides with them,
and the quiz working in a real browser from file:// (with and without JavaScript, and in print).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from sitebuild import build, copy_project
from testpaths import PROJECT

from macros.claimkit.course_answers import resolve_question
from macros.claimkit.course_loader import load_course
from macros.claimkit.course_render import CourseRenderer
from macros.claimkit.loader import load_dataset


@pytest.fixture(scope="module")
def course_and_renderer():
    data = load_dataset(PROJECT / "data")
    course = load_course(PROJECT / "data", data, docs_dir=PROJECT / "docs")
    return data, course, CourseRenderer(data, course)


class Tags(HTMLParser):
    """Every start tag with its attributes, for structural checks."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag=None, **attrs) -> list[dict]:
        out = []
        for name, found in self.tags:
            if tag and name != tag:
                continue
            if all((found.get(k.replace("_", "-")) or "") == v if v is not True else k.replace("_", "-") in found
                   for k, v in attrs.items()):
                out.append(found)
        return out


def _no_script_or_handlers(html: str) -> None:
    assert "<script" not in html.lower()
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    assert " style=" not in html, "inline style (blocked by a strict Content-Security-Policy)"


@pytest.mark.parametrize("number", range(1, 7))
def test_student_quiz_markup(course_and_renderer, number):
    data, course, renderer = course_and_renderer
    lesson = course.lesson(f"lesson-{number}")
    html = renderer.quiz(lesson.id, f"lessons/{lesson.id}/")
    _no_script_or_handlers(html)
    tags = Tags(html)
    assert tags.find("div", data_quiz=lesson.id)
    questions = tags.find("li", data_question=True)
    assert [q["data-question"] for q in questions] == [q.id for q in lesson.quiz]
    for q in lesson.quiz:
        resolved = resolve_question(data, q)
        block = html[html.index(f'data-question="{q.id}"'):]
        block = block[: block.index("</details>")]
        options = re.findall(r'<li data-option="([a-z])" data-correct="(true|false)"', block)
        assert [key for key, _ in options] == [o.key for o in resolved.options]
        assert [key for key, right in options if right == "true"] == resolved.correct_keys
        assert '<details class="ck-q__key"><summary>Show the answer</summary>' in block, "no answer without JS"
        assert block.count('<li data-option="') == 2 * len(resolved.options)  # option + its feedback
        multiple = 'data-multiple="true"' in html[html.index(f'data-question="{q.id}"') - 200:][:400]
        assert multiple == resolved.multiple


@pytest.mark.parametrize("number", range(1, 7))
def test_worksheet_has_space_to_write_and_no_answers(course_and_renderer, number):
    _, course, renderer = course_and_renderer
    lesson = course.lesson(f"lesson-{number}")
    html = renderer.worksheet(lesson.id, f"worksheets/{lesson.id}/")
    _no_script_or_handlers(html)
    for leak in ("data-correct", "ck-answer", "ck-q__key", "ck-q__why", "✓", "Answer", "model_answer"):
        assert leak not in html, f"{lesson.id}: the worksheet shows {leak!r}"
    for exercise in lesson.exercises:
        assert exercise.model_answer is None or exercise.model_answer[:40] not in html
    # space to write: boxes for a chain of sources, blank cells in a timeline table, a verdict box and
    # boxes to tick for lateral reading, lines for the rest
    # the sheet holds the core path; the full path's exercises are named, for the lesson page
    on_sheet = [e for e in lesson.exercises if e.core]
    for e in lesson.exercises:
        assert (f'id="ex-{e.id}"' in html) == e.core
    own_space = ("status-timeline", "chain-step", "lateral-reading")
    lined = sum(len(e.printed) if e.type == "translation" else e.type not in own_space for e in on_sheet)
    assert html.count('class="ck-lines"') == lined + 1  # one per answer, one for "What I learned"
    assert html.count('class="ck-chainboxes"') == sum(e.type == "chain-step" for e in on_sheet)
    assert html.count('class="ck-blank"') == 3 * sum(len(e.claims) for e in on_sheet if e.type == "status-timeline")
    # the quiz marks itself on the lesson page, which the sheet names: the only boxes are lateral reading's
    ticks = sum(4 * len(course.lateral[e.source].results) for e in on_sheet if e.type == "lateral-reading")
    assert html.count('class="ck-box"') == ticks
    assert f"a quiz of {len(lesson.quiz)} questions that marks itself" in html
    assert "ck-worksheet-head__fields" in html and "Name:" in html
    assert "\n## Readings\n" in html and "\n## Exercises\n" in html and "\n## What I learned\n" in html


@pytest.mark.parametrize("number", range(1, 7))
def test_teacher_guide_has_every_part_with_the_answers_shown(course_and_renderer, number):
    data, course, renderer = course_and_renderer
    lesson = course.lesson(f"lesson-{number}")
    html = renderer.teacher_guide(lesson.id, f"teachers/{lesson.id}/")
    _no_script_or_handlers(html)
    for heading in ["Assign this page", "Learning objectives", f"Timing for a {lesson.minutes}-minute class: the core path", "Activities and their minutes",
                    "Discussion prompts", "Answer key: exercises", "Answer key: quiz", "Common misconceptions",
                    "Differentiation", "Words used in this lesson"]:
        assert f"\n## {heading}\n" in html, f"{lesson.id}: no '{heading}' section"
    assert html.count('<div class="admonition success ck-answer">') == len(lesson.exercises)
    assert "<details" not in html, "nothing folded away in the teacher guide"
    assert html.count("✓ correct") == sum(len(resolve_question(data, q).correct_keys) for q in lesson.quiz)
    textarea = re.search(r'<textarea id="assign-[^"]+" class="ck-assign__text" readonly rows="\d+">(.*?)</textarea>',
                         html, re.DOTALL)
    assert textarea and f"lessons/{lesson.id}/" in textarea.group(1) and lesson.title in textarea.group(1)
    # no site address configured: the address is the path from the home page, and no build message
    assert f">lessons/{lesson.id}/</a>" in html
    assert "site_url" not in html and "mkdocs.yml" not in html


def test_assign_box_uses_site_url_when_set(course_and_renderer):
    data, course, _ = course_and_renderer
    renderer = CourseRenderer(data, course, site_url="https://example.org/claims")
    html = renderer.teacher_guide("lesson-1", "teachers/lesson-1/")
    assert "https://example.org/claims/lessons/lesson-1/" in html
    assert "is not set in" not in html


def test_exercise_answers_fold_on_the_student_page(course_and_renderer):
    _, course, renderer = course_and_renderer
    for lesson in course.lessons:
        html = renderer.exercises(lesson.id, f"lessons/{lesson.id}/")
        assert html.count('<details class="success ck-answer"><summary>Answer') == len(lesson.exercises)
        assert [f"### Exercise {n}" for n in range(1, len(lesson.exercises) + 1)] == re.findall(
            r"^### Exercise \d+$", html, re.MULTILINE)


# --- the built site, in a browser ----------------------------------------------------------


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    result = build(copy_project(tmp_path_factory.mktemp("course-site")))
    assert result.returncode == 0, result.output
    return result.site


def test_built_lesson_pages_have_every_section(site):
    for number in range(1, 7):
        html = (site / "lessons" / f"lesson-{number}" / "index.html").read_text()
        for heading in ["Learning objectives", "Readings", "The case in brief", "Exercises", "Check yourself",
                        "Key points", "Words used in this lesson"]:
            assert re.search(rf'<h2 id="[^"]+">{heading}<a', html), f"lesson-{number}: no '{heading}'"
        assert "Time needed" in html
        assert re.search(r'<script src="[./]*assets/quiz\.js"></script>', html)
        assert "print.css" in html
    assert (site / "assets" / "quiz.js").exists() and (site / "assets" / "print.css").exists()
    glossary = (site / "glossary" / "index.html").read_text()
    assert 'id="term-hedging"' in glossary and "Used in:" in glossary
    index = (site / "lessons" / "index.html").read_text()
    assert '<span class="ck-term" tabindex="0" aria-describedby="tip-hedging-1">hedging<span class="ck-tip"' in index
    home = (site / "index.html").read_text()
    for target in ("lessons/", "teachers/", "quality/"):
        assert f'href="{target}"' in home


def _page_errors(page) -> list[str]:
    errors: list[str] = []
    # Material's search index cannot load from file://; that is the only error allowed.
    page.on("pageerror", lambda e: errors.append(str(e)) if "search" not in str(e) else None)
    return errors


def test_quiz_works_offline_from_file_urls(browser, site, tmp_path):
    url = (site / "lessons" / "lesson-1" / "index.html").as_uri()
    context = browser.new_context()
    page = context.new_page()
    errors = _page_errors(page)
    page.goto(url)
    quiz = page.locator("#quiz-lesson-1")
    assert "ck-quiz--ready" in quiz.get_attribute("class")
    score = quiz.locator(".ck-quiz__score")
    assert "no questions answered yet" in score.inner_text()

    # Single answer: a wrong choice explains why, the right one is marked; keyboard only.
    origin = page.locator('[data-question="where-it-starts"]')
    origin.locator(".ck-q__option").first.focus()
    page.keyboard.press("Enter")  # a. New York Post: a relay, not the origin
    feedback = origin.locator(".ck-q__feedback")
    assert feedback.is_visible()
    text = feedback.inner_text()
    assert text.startswith("Not quite.") and "not in this claim's chain" in text and "first source in the chain" in text
    assert "✓ right answer" in origin.locator(".ck-q__option", has_text="Unspecified reports").inner_text()
    assert "0 right out of 1 answered" in score.inner_text()
    origin.get_by_role("button", name="Try again").click()
    assert not feedback.is_visible()
    origin.locator(".ck-q__option", has_text="Unspecified reports").press("Space")
    assert feedback.inner_text().startswith("Right.")
    assert "1 right out of 1 answered" in score.inner_text()

    # Several answers: toggle, then check.
    unnamed = page.locator('[data-question="which-unnamed"]')
    for name in ("Sources familiar", "Unnamed official"):
        button = unnamed.locator(".ck-q__option", has_text=name)
        button.click()
        assert button.get_attribute("aria-pressed") == "true"
    unnamed.get_by_role("button", name="Check my answer").click()
    assert unnamed.locator(".ck-q__feedback").inner_text().startswith("Right.")
    assert "2 right out of 2 answered" in score.inner_text()

    # The score survives a reload (localStorage), and can be reset.
    page.reload()
    assert "2 right out of 2 answered" in page.locator("#quiz-lesson-1 .ck-quiz__score").inner_text()
    assert page.locator('[data-question="where-it-starts"] .ck-q__feedback').inner_text().startswith("Right.")
    page.get_by_role("button", name="Start the quiz again").click()
    assert "no questions answered yet" in page.locator("#quiz-lesson-1 .ck-quiz__score").inner_text()
    assert errors == []


def test_without_javascript_the_answers_are_in_details(browser, site):
    url = (site / "lessons" / "lesson-2" / "index.html").as_uri()
    page = browser.new_context(java_script_enabled=False).new_page()
    page.goto(url)
    assert page.locator(".ck-q__option").count() == 0  # no dead buttons
    question = page.locator('[data-question="revealed"]')
    assert question.locator(".ck-q__options > li").count() == 4
    key = question.locator("details.ck-q__key")
    assert not key.locator(".ck-q__answer").is_visible()
    key.locator("summary").click()
    assert "Who says it (attribution cue)" in key.locator(".ck-q__answer").inner_text()
    answer = page.locator("details.ck-answer").first
    answer.locator("summary").click()
    assert answer.locator("ul").first.is_visible()


def test_print_leaves_out_navigation_and_student_answers(browser, site):
    page = browser.new_page()
    page.emulate_media(media="print")
    page.goto((site / "worksheets" / "lesson-3" / "index.html").as_uri())
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"):
        if page.locator(selector).count():
            assert not page.locator(selector).first.is_visible(), selector
    assert page.locator(".ck-lines").first.is_visible()
    assert page.locator(".ck-lines > span").first.bounding_box()["height"] >= 30  # about 9 mm
    page.goto((site / "lessons" / "lesson-3" / "index.html").as_uri())
    assert not page.locator("details.ck-answer").first.is_visible()
    assert not page.locator(".ck-quiz__status").is_visible()
    page.goto((site / "teachers" / "lesson-3" / "index.html").as_uri())
    assert page.locator(".ck-answer").first.is_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_figures_are_credited_as_the_report_tells_never_said_by(course_and_renderer):
    """A report may credit a source with a figure it never gave: answers say whom the report credits."""
    _, course, renderer = course_and_renderer
    compared = [(lesson, ex) for lesson in course.lessons for ex in lesson.exercises if ex.type == "compare-figures"]
    assert compared
    for lesson, _ in compared:
        html = renderer.exercises(lesson.id, f"lessons/{lesson.id}/")
        assert "Credited to, as the report tells it" in html and "Who says so" not in html
        answer = html.split("The highest, ", 1)[1].split("</p>", 1)[0]
        assert answer.count("credited to ") == 2, answer
