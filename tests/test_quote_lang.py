"""Quotes keep their language: lang (and dir for right-to-left scripts) from the report's language."""

from __future__ import annotations

import re

import pytest

from macros.claimkit.loader import load_dataset
from macros.claimkit.quote_lang import in_language, lang_attributes
from macros.claimkit.render import Renderer

HEBREW = "2025-03-example-flash-gadgets"


@pytest.mark.parametrize("language, attributes", [
    ("en", ""), ("he", ' lang="he" dir="rtl"'), ("ar", ' lang="ar" dir="rtl"'), ("fa", ' lang="fa" dir="rtl"'),
    ("ur", ' lang="ur" dir="rtl"'), ("yi", ' lang="yi" dir="rtl"'), ("ko", ' lang="ko"'), ("ru", ' lang="ru"'),
])
def test_language_attributes(language, attributes):
    assert str(lang_attributes(language)) == attributes


def test_inline_quote_is_escaped_and_isolated():
    assert str(in_language("<b>שלום</b>", "he")) == '<span lang="he" dir="rtl">&lt;b&gt;שלום&lt;/b&gt;</span>'
    assert str(in_language("<b>hi</b>", "en")) == "&lt;b&gt;hi&lt;/b&gt;"


def test_hebrew_report_quotes_carry_lang_and_dir_wherever_they_are_quoted(two_cases):
    renderer = Renderer(load_dataset(two_cases))
    page = renderer.full_page("report_page", HEBREW, f"reports/{HEBREW}/")
    # the claim's quote, as a block (the practice view builds its words inside it and inherits both)
    assert re.findall(r"<blockquote[^>]*>", page) == ['<blockquote class="ck-quote" lang="he" dir="rtl">']
    # the words of the chain and the printed figure, inline between English quotation marks
    assert '“<span lang="he" dir="rtl">דובר הנמל אמר</span>”' in page
    assert 'printed as “<span lang="he" dir="rtl">1,400 גאדג&#39;טים</span>”' in page
    # the tracker quotes the Hebrew figure as printed, and the English ones without attributes
    tracker = renderer.full_page("tracker_page", "gadgets-seized", "trackers/gadgets-seized/")
    assert '“<span lang="he" dir="rtl">1,400 גאדג&#39;טים</span>”' in tracker
    assert "“700”" in tracker


def test_english_report_quotes_have_no_language_attributes(two_cases):
    renderer = Renderer(load_dataset(two_cases))
    page = renderer.full_page("report_page", "2025-02-10-example-harbour-news-gadgets", "reports/x/")
    assert '<blockquote class="ck-quote"><p>' in page
    assert " lang=" not in page and " dir=" not in page


def test_sentences_and_tables_quoting_a_hebrew_figure_mark_its_language(two_cases):
    """Words of the site that quote a report (a chart's data table here) mark the quoted words' language."""
    renderer = Renderer(load_dataset(two_cases))
    tracker = renderer.full_page("tracker_page", "gadgets-seized", "trackers/gadgets-seized/")
    table = tracker[tracker.index('<details class="ck-figure__data">'):]
    assert '<td>“<span lang="he" dir="rtl">1,400 גאדג&#39;טים</span>”</td>' in table
    assert "<td>“700”</td>" in table


RTL_LETTER = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")  # Hebrew and Arabic scripts


def _outside_language_elements(html: str) -> list[str]:
    html = re.sub(r'<blockquote class="ck-quote" lang="[a-z]{2}" dir="rtl">.*?</blockquote>', "", html, flags=re.DOTALL)
    html = re.sub(r'<span lang="[a-z]{2}" dir="rtl">[^<]*</span>', "", html)
    return [html[max(0, m.start() - 80):m.start() + 20] for m in RTL_LETTER.finditer(html)]


def test_every_right_to_left_word_of_the_project_says_its_language_and_direction():
    from testpaths import PROJECT

    data = load_dataset(PROJECT / "data")
    renderer = Renderer(data)
    pages = [renderer.full_page("report_page", r.id, f"reports/{r.id}/") for r in data.reports]
    measured = {q.measure for r in data.reports for c in r.claims for q in c.quantities}
    pages += [renderer.full_page("tracker_page", m, f"trackers/{m}/") for m in measured]
    pages += [renderer.overview_charts("charts/"), renderer.timeline("timeline/")]
    assert any(RTL_LETTER.search(page) for page in pages) == any(
        r.language in {"he", "ar", "fa", "ur", "yi"} for r in data.reports)
    for page in pages:
        assert not _outside_language_elements(page), _outside_language_elements(page)[:3]


def test_every_right_to_left_word_on_the_course_pages_says_its_language_and_direction():
    """Lessons, guides, worksheets, projector views and the check quote reports too (quotes, printed figures,
    options of a question): the same rule holds there."""
    from testpaths import PROJECT

    from macros.claimkit import course_present
    from macros.claimkit.course_loader import load_course
    from macros.claimkit.course_render import CourseRenderer

    data = load_dataset(PROJECT / "data")
    course = load_course(PROJECT / "data", data, docs_dir=PROJECT / "docs")
    renderer = CourseRenderer(data, course)
    pages = []
    for lesson in course.lessons:
        url = f"lessons/{lesson.id}/"
        pages += [renderer.exercises(lesson.id, url), renderer.quiz(lesson.id, url),
                  renderer.teacher_guide(lesson.id, f"teachers/{lesson.id}/"),
                  renderer.worksheet(lesson.id, f"worksheets/{lesson.id}/"),
                  renderer.worksheet_answers(lesson.id, f"worksheets/answers/{lesson.id}/"),
                  course_present.present(renderer, lesson.id, f"present/{lesson.id}/")]
    pages += [renderer.check_form(form_id, f"check/{form_id}/") for form_id in course.forms]
    assert any(RTL_LETTER.search(page) for page in pages), "a lesson quotes the Hebrew report"
    for page in pages:
        assert not _outside_language_elements(page), _outside_language_elements(page)[:3]
