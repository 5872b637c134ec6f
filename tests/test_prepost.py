"""The pre/post check as data and pages: parallel forms, every skill, answers computed, nothing reused."""

from __future__ import annotations

import html
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
import yaml
from testpaths import PROJECT

from macros.claimkit import result_code
from macros.claimkit.course_answers import resolve_question
from macros.claimkit.course_loader import load_course
from macros.claimkit.course_render import CourseRenderer
from macros.claimkit.errors import DataError
from macros.claimkit.prepost import SKILLS, signature

DATA = PROJECT / "data"
DOCS = PROJECT / "docs"


def test_two_parallel_forms_cover_every_skill(course):
    forms = list(course.forms.values())
    assert [(f.id, f.number, f.when) for f in forms] == [("before", 1, "before"), ("after", 2, "after")]
    counts = [Counter(q.skill for q in f.questions) for f in forms]
    assert all(len(f.questions) >= 8 for f in forms)
    assert counts[0] == counts[1] and set(counts[0]) == set(SKILLS)


def test_no_question_comes_from_a_lesson_quiz_or_repeats_across_forms(course):
    quiz = {signature(q) for lesson in course.lessons for q in lesson.quiz}
    before, after = ({signature(q) for q in f.questions} for f in course.forms.values())
    assert not (before | after) & quiz
    assert not before & after


def test_answers_are_computed_from_the_data_except_headline_against_body(dataset, course):
    for form in course.forms.values():
        for q in form.questions:
            assert (q.type == "choice") == (q.skill == "headline-vs-body"), q.id
            resolved = resolve_question(dataset, q, course.lateral)
            assert 2 <= len(resolved.options) <= 6 and resolved.correct_keys


def test_the_lateral_question_is_answered_by_the_set_it_names(dataset, course):
    q = next(q for q in course.forms["before"].questions if q.type == "lateral-first")
    resolved = resolve_question(dataset, q, course.lateral)
    lateral = course.lateral[q.source]
    assert [o.correct for o in resolved.options] == [r.id in lateral.open_first for r in lateral.results]
    assert lateral.query in resolved.prompt


def test_each_form_has_its_page_and_the_schema_for_editors(course):
    schema = json.loads((PROJECT / "schema" / "check.schema.json").read_text())
    validator = jsonschema.Draft7Validator(schema)
    for form in course.forms.values():
        assert (DOCS / "check" / f"{form.id}.md").read_text().strip().endswith(f'{{{{ check_form("{form.id}") }}}}')
        path = DATA / "checks" / f"{form.id}.yaml"
        assert path.read_text().startswith("# yaml-language-server: $schema=../../schema/check.schema.json")
        assert [e.message for e in validator.iter_errors(yaml.safe_load(path.read_text()))] == []


def _data_key(page: str) -> dict:
    return json.loads(html.unescape(re.search(r"data-key='([^']*)'", page).group(1)))


def test_the_check_page_holds_the_key_the_python_code_uses(dataset, course):
    renderer = CourseRenderer(dataset, course)
    for form in course.forms.values():
        page = renderer.check_form(form.id, f"check/{form.id}/")
        key = _data_key(page)
        assert key["form"] == course.form_keys[form.id].as_json()
        assert [s for s, _ in key["skills"]] == list(SKILLS), "skills in the course's order"
        for n, q in enumerate(form.questions):
            block = page.split(f'id="{form.id}-{q.id}"')[1].split('<li class="ck-cq"')[0]
            kind = "checkbox" if len(key["form"]["questions"][n]["correct"]) > 1 else "radio"
            assert block.count(f'type="{kind}"') == key["form"]["questions"][n]["options"]
            assert "<a " not in block, "no link out of a check question (the claim pages show the answers)"
        assert 'data-check-finish hidden' in page and "This check needs JavaScript" in page


def test_a_code_made_from_the_page_key_decodes_in_python(dataset, course):
    keys = {k.number: k for k in course.form_keys.values()}
    for key in course.form_keys.values():
        right = [set(q.correct) for q in key.questions]
        decoded = result_code.decode(result_code.encode(key, right, "mk"), keys)
        assert decoded.answers == right and decoded.initials == "MK"


def test_the_class_page_holds_every_form_and_a_paper_answer_key(dataset, course):
    renderer = CourseRenderer(dataset, course)
    page = renderer.class_results("teachers/class-results/")
    key = _data_key(page)
    assert key["forms"] == [course.form_keys[f].as_json() for f in course.forms]
    assert '<textarea id="class-codes"' in page and "data-class-show hidden" in page
    assert "Answer key, for paper copies of the check" in page
    assert "Class results" in (DOCS / "teachers" / "class-results.md").read_text()
    assert "{{ class_results() }}" in (DOCS / "teachers" / "class-results.md").read_text()


# --- refused with file:line:col --------------------------------------------------------------------


@pytest.fixture
def course_copy(tmp_path) -> Path:
    target = tmp_path / "data"
    for folder in ("lessons", "lateral", "checks"):
        shutil.copytree(DATA / folder, target / folder)
    shutil.copy(DATA / "glossary.yaml", target / "glossary.yaml")
    return target


def _problems(course_copy, dataset, name: str, old: str, new: str) -> list[str]:
    path = course_copy / "checks" / f"{name}.yaml"
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))
    with pytest.raises(DataError) as info:
        load_course(course_copy, dataset, docs_dir=DOCS, root=course_copy.parent)
    return [str(p) for p in info.value.problems]


def _located(problems, name, field, words):
    found = [p for p in problems if re.match(rf"data/checks/{name}\.yaml:\d+:\d+: {re.escape(field)}: ", p)
             and words in p]
    assert found, "\n".join(problems)


def test_a_question_from_a_lesson_quiz_is_refused(course_copy, dataset):
    problems = _problems(course_copy, dataset, "before", "    claim: 2024-10-secret-weapon-of-russia#army-1-2-million\n",
                         "    claim: 2024-10-secret-weapon-of-russia#peskov-deception\n")
    _located(problems, "before", "questions.1", "this question is the lesson quiz's (lesson-6, question 'peskov-status')")


def test_a_question_asked_in_both_forms_is_refused(course_copy, dataset):
    problems = _problems(course_copy, dataset, "after", "    printed: He said\n", "    printed: during June 6\n")
    _located(problems, "after", "questions.6", "already asked in form 'before', question 'june-6'")


def test_a_form_missing_a_skill_and_forms_not_parallel_are_refused(course_copy, dataset):
    problems = _problems(course_copy, dataset, "after", "    skill: lateral-reading\n", "    skill: translation\n")
    _located(problems, "after", "questions", "the form has no question for: Lateral reading")
    _located(problems, "after", "questions", "the forms are not parallel: Translation 2 (form 'before': 1)")


def test_a_bad_skill_is_refused_without_a_cascade(course_copy, dataset):
    problems = _problems(course_copy, dataset, "before", "    skill: translation\n", "    skill: translating\n")
    _located(problems, "before", "questions.6.skill", "expected one of: who-is-speaking")
    assert len(problems) == 1, problems


def test_a_reused_number_and_a_missing_set_are_refused(course_copy, dataset):
    text = (course_copy / "checks" / "after.yaml").read_text()
    (course_copy / "checks" / "after.yaml").write_text(text.replace("    source: park-won-gon\n",
                                                                    "    source: dmitry-peskov\n"))
    problems = _problems(course_copy, dataset, "after", "number: 2\n", "number: 1\n")
    _located(problems, "before", "number", "number 1 is already used by form 'after'")
    _located(problems, "after", "questions.9.source", "source 'dmitry-peskov' has no lateral-reading set")


def test_a_figure_not_in_the_data_is_refused_in_a_check_too(course_copy, dataset):
    problems = _problems(course_copy, dataset, "before", "had sent 1,500 soldiers to Russia", "had sent 1,700 soldiers to Russia")
    _located(problems, "before", "questions.8.prompt", "the figure 1,700 does not occur in the case data")


def test_a_claim_origin_option_naming_the_outlet_says_it_printed_the_claim(dataset, course):
    """The outlet is the last link of the chain, so 'not in the chain' would confuse a student."""
    questions = [q for form in course.forms.values() for q in form.questions] + \
                [q for lesson in course.lessons for q in lesson.quiz]
    seen = 0
    for q in questions:
        if q.type != "claim-origin":
            continue
        outlet = dataset.claim(q.claim).report.outlet
        for sid, option in zip(q.sources, resolve_question(dataset, q, course.lateral).options, strict=True):
            if sid == outlet:
                seen += 1
                assert "printed the claim" in option.feedback and "not in this claim's chain" not in option.feedback
    assert seen
