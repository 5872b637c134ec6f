"""Lateral reading as data: the sets are validated like all data, each lesson practises one, pages need no network."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml
from testpaths import PROJECT

from macros.claimkit.course_loader import load_course
from macros.claimkit.course_render import CourseRenderer
from macros.claimkit.course_text import parse_rich
from macros.claimkit.errors import DataError
from macros.claimkit.lateral import TELLS, first_choice

DATA = PROJECT / "data"
DOCS = PROJECT / "docs"


def test_the_researched_sets_are_all_in_the_data(course):
    files = sorted(path.stem for path in (DATA / "lateral").glob("*.yaml"))
    assert len(files) >= 9 and sorted(course.lateral) == files, "every set in data/lateral/ loads"
    for lateral in course.lateral.values():
        assert 3 <= len(lateral.results) <= 6
        assert all(r.url.startswith(("http://", "https://")) for r in lateral.results)
        assert {r.tells for r in lateral.results} <= set(TELLS)


def test_every_set_passes_the_editor_schema():
    schema = json.loads((PROJECT / "schema" / "lateral.schema.json").read_text())
    validator = jsonschema.Draft7Validator(schema)
    for path in sorted((DATA / "lateral").glob("*.yaml")):
        assert path.read_text().startswith("# yaml-language-server: $schema=../../schema/lateral.schema.json")
        assert [e.message for e in validator.iter_errors(yaml.safe_load(path.read_text()))] == [], path


def _sources_of_lesson(dataset, lesson) -> set[str]:
    """Every source the lesson is about: its readings, and the chains of every claim and report it names."""
    keys: set[str] = set()
    reports: set[str] = set()
    found = {r.source for r in lesson.readings if r.source}
    for reading in lesson.readings:
        if reading.report:
            reports.add(reading.report)
            if reading.claim:
                keys.add(f"{reading.report}#{reading.claim}")
    for ex in lesson.exercises:
        keys |= {k for k in [ex.claim, *(ex.claims or [])] if k}
        if ex.report:
            reports.add(ex.report)
    keys |= {q.claim for q in lesson.quiz if q.claim}
    found |= {s for q in lesson.quiz for s in (q.sources or [])}
    for text in lesson.case:
        for part in parse_rich(text):
            if part.kind == "claim":
                keys.add(part.target)
            elif part.kind == "source":
                found.add(part.target)
    for key in keys:
        ref = dataset.claim(key)
        found |= {step.source for step in ref.claim.all_steps} | {ref.report.outlet}
    for report_id in reports:
        report = dataset.report(report_id)
        found |= {report.outlet} | {s.source for c in report.claims for s in c.all_steps}
    return found


def test_each_lesson_practises_lateral_reading_on_a_source_it_is_about(dataset, course):
    for lesson in course.lessons:
        lateral = [ex for ex in lesson.exercises if ex.type == "lateral-reading"]
        assert lateral, f"{lesson.id} has no lateral-reading exercise"
        about = _sources_of_lesson(dataset, lesson)
        for ex in lateral:
            assert ex.source in about, f"{lesson.id}: {ex.source} is not a source the lesson is about"
        assert any(ex.core for ex in lateral), f"{lesson.id}: lateral reading belongs in the core path"


def test_the_feedback_on_a_first_choice_is_computed_from_the_set(course):
    lateral = course.lateral["igor-korotchenko"]
    by_id = {r.id: r for r in lateral.results}
    good = first_choice(lateral, by_id["newsweek-profile"])
    assert good.good and good.text.startswith("Good first choice. Useful:")
    trap = first_choice(lateral, by_id["independent-repeat"])
    assert not trap.good and trap.text.startswith("Trap: ") and "A careful reader skips it and opens" in trap.text
    assert "“Igor Korottchenko” (perceptiofr.com)" in trap.text and "(www.newsweek.com)" in trap.text
    useful_later = first_choice(course.lateral["channel-one-russia"],
                                course.lateral["channel-one-russia"].result("sanctions-repost"))
    assert not useful_later.good and useful_later.text.startswith("Useful, but not the best place to start:")


def _exercise_block(html: str, ex_id: str) -> str:
    return html.split(f'id="ex-{ex_id}"')[1].split('<div class="ck-ex ')[0]


def test_the_student_page_is_a_list_to_choose_from_with_the_answers_folded(dataset, course):
    renderer = CourseRenderer(dataset, course)
    html = renderer.exercises("lesson-1", "lessons/lesson-1/")
    block = _exercise_block(html, "korotchenko-search")
    lateral = course.lateral["igor-korotchenko"]
    assert block.count('type="radio"') == len(lateral.results)
    assert block.count('name="first--korotchenko-search"') == len(lateral.results)
    assert '<button type="button" class="md-button md-button--primary" data-lateral-check hidden>' in block
    choose, answer = block.split('<details class="success ck-answer">')
    assert "href=" not in choose.split("ck-lateral__verdicts")[0], "no link to leave the page before choosing"
    # The answer: every result's real address, opened outside the site, and the model search path.
    links = re.findall(r'<a class="ck-result__link" href="([^"]+)" rel="([^"]+)" target="_blank">', answer)
    assert [href for href, _ in links] == [r.url.replace("&", "&amp;") for r in lateral.results]
    assert all(rel == "external noopener noreferrer" for _, rel in links)
    assert "A model search path." in answer and "What the search shows." in answer
    for result in lateral.results:
        assert f'<p data-result="{result.id}" data-good="{str(result.id in lateral.open_first).lower()}">' in choose


def test_the_worksheet_carries_a_paper_form_and_its_answer_version_the_ticks(dataset, course):
    renderer = CourseRenderer(dataset, course)
    lateral = course.lateral["igor-korotchenko"]
    sheet = _exercise_block(renderer.worksheet("lesson-1", "worksheets/lesson-1/"), "korotchenko-search")
    assert sheet.count("Open first</span>") == len(lateral.results)
    assert sheet.count("Off-topic</span>") == len(lateral.results)
    assert "Your verdict on Igor Korotchenko:" in sheet and 'class="ck-verdict__box"' in sheet
    assert "ck-tell--" not in sheet and "ck-result__link" not in sheet, "the student's paper has no answers"
    answers = _exercise_block(renderer.worksheet_answers("lesson-1", "worksheets/answers/lesson-1/"),
                              "korotchenko-search")
    assert answers.count("☑ Open first") >= len(lateral.open_first)
    assert "Rubric for marking written answers" in answers


def test_the_teacher_guide_lists_the_lateral_activities_with_their_minutes(dataset, course):
    renderer = CourseRenderer(dataset, course)
    for lesson in course.lessons:
        guide = renderer.teacher_guide(lesson.id, f"teachers/{lesson.id}/")
        activities = guide.split("## Activities and their minutes")[1].split("## Readings")[0]
        for ex in lesson.exercises:
            if ex.type == "lateral-reading":
                row = next(r for r in activities.split("<tr>") if ex.title.replace("'", "&#39;") in r)
                assert f"<td>{ex.minutes}</td>" in row


def test_titles_in_brackets_estimated_dates_and_copies_are_said_so(dataset, course):
    renderer = CourseRenderer(dataset, course)
    html = renderer.exercises("lesson-5", "lessons/lesson-5/")
    block = _exercise_block(html, "russkaya-vesna-search")
    assert "[Kiev found no Kadyrovites" in block
    assert "A title in [square brackets] describes a page whose own title could not be seen." in block
    assert "May 2014 (date estimated)" in block
    assert "This page is a copy: it reproduces a Russian article on topwar.ru, machine-translated into French." in block


# --- broken sets are refused with file:line:col ----------------------------------------------


NYP = "new-york-post"
BROKEN = [
    # (file, old, new, field, words)
    (NYP, "    snippet: >-\n      The rating site", "    snipet: >-\n      The rating site", "results.2.snippet",
     "missing required field 'snippet'"),
    (NYP, "url: https://www.wikiwand.com/en/New_York_Evening_Post", "url: ftp://www.wikiwand.com/en/New_York_Evening_Post",
     "results.1.url", "expected a web address starting with http:// or https://"),
    (NYP, "url: https://www.wikiwand.com/en/New_York_Evening_Post", "url: javascript:alert(1)",
     "results.1.url", "expected a web address starting with http:// or https://"),
    (NYP, "    site: www.wikiwand.com\n", "    site: wikiwand.com\n", "results.1",
     "site 'wikiwand.com' is not the site of the address (www.wikiwand.com)"),
    (NYP, "    tells: trap\n", "    tells: decoy\n", "results.0.tells", "expected one of: useful, trap, off-topic"),
    (NYP, "open_first: [encyclopedia]", "open_first: [partisan-wiki]", "",
     "open_first: result 'partisan-wiki' is a trap result; open a useful one first"),
    (NYP, "open_first: [encyclopedia]", "open_first: [encyclopaedia]", "",
     "open_first: no result 'encyclopaedia' (did you mean 'encyclopedia'?)"),
    (NYP, "source: new-york-post", "source: new-york-pots", "source", "unknown source 'new-york-pots'"),
    (NYP, "    date: \"2019-08-09\"", "    date: \"2019-13-09\"", "results.2.date", "month 13 does not exist"),
    (NYP, "    title: New York Post\n    site: conservapedia.com", "    title: \"[New York Post]\"\n    site: conservapedia.com",
     "results.3", "write the title without square brackets"),
]


@pytest.mark.parametrize("name, old, new, field, words", BROKEN, ids=[b[4][:40] for b in BROKEN])
def test_a_broken_set_is_refused_with_file_line_and_field(course_copy, dataset, name, old, new, field, words):
    path = course_copy / "lateral" / f"{name}.yaml"
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(DataError) as info:
        load_course(course_copy, dataset, docs_dir=DOCS, root=course_copy.parent)
    problems = [str(p) for p in info.value.problems]
    located = [p for p in problems if words in p
               and re.match(rf"data/lateral/{name}\.yaml:\d+:\d+: {re.escape(field)}{': ' if field else ''}", p)]
    assert located, "\n".join(problems)


def test_a_copied_snippet_and_a_short_or_long_list_are_refused(course_copy, dataset):
    path = course_copy / "lateral" / "russkaya-vesna.yaml"
    text = path.read_text()
    text = text.replace("An investigation by Meduza", "'The site and its Telegram channel are among the largest "
                                                        "pro-war outlets and have raised money since 2014' says Meduza", 1)
    path.write_text(text)
    two = course_copy / "lateral" / "park-won-gon.yaml"
    body = two.read_text()
    cut = body.index("  - id: namesake-park-han-sik")
    two.write_text(body[:cut] + body[body.index("open_first:"):])
    with pytest.raises(DataError) as info:
        load_course(course_copy, dataset, docs_dir=DOCS, root=course_copy.parent)
    problems = "\n".join(str(p) for p in info.value.problems)
    assert re.search(r"data/lateral/russkaya-vesna\.yaml:\d+:\d+: results\.2: the snippet quotes 18 words \('The site and its Telegram", problems)
    assert re.search(r"data/lateral/park-won-gon\.yaml:\d+:\d+: results: needs at least 3 item", problems)


def test_a_title_in_another_alphabet_needs_its_english(course_copy, dataset):
    path = course_copy / "lateral" / "korea-daily.yaml"
    path.write_text(path.read_text().replace('    title_english: "The JoongAng Ilbo of the Americas"\n', "", 1))
    with pytest.raises(DataError) as info:
        load_course(course_copy, dataset, docs_dir=DOCS, root=course_copy.parent)
    assert any(re.match(r"data/lateral/korea-daily\.yaml:\d+:\d+: results\.2: the title is not in the Latin alphabet: "
                        r"give title_english", str(p)) for p in info.value.problems)


def test_a_lesson_naming_a_source_without_a_set_is_refused(course_copy, dataset):
    path = course_copy / "lessons" / "lesson-3.yaml"
    path.write_text(path.read_text().replace("    source: channel-one-russia\n", "    source: dmitry-peskov\n", 1))
    with pytest.raises(DataError) as info:
        load_course(course_copy, dataset, docs_dir=DOCS, root=course_copy.parent)
    assert any(re.match(r"data/lessons/lesson-3\.yaml:\d+:\d+: exercises\.5\.source: source 'dmitry-peskov' has no "
                        r"lateral-reading set: add data/lateral/dmitry-peskov\.yaml", str(p))
               for p in info.value.problems)
