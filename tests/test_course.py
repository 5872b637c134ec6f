"""Lessons, quizzes and glossary: every required part exists, and every answer agrees with the case data.

Answers are computed from the data by ``macros.claimkit.course_answers``; these tests re-derive
them independently from the raw model (sources, hedges, attribution, figures), so a
change in either the data or the computation that breaks the agreement fails here.
No MkDocs build: see test_quiz_render.py for the built pages.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import markdown
import pytest
import yaml
from testpaths import FIXTURES, PROJECT

from macros.claimkit import analysis, labels
from macros.claimkit.course_answers import compare_figures, resolve_question
from macros.claimkit.course_loader import load_course
from macros.claimkit.course_model import Course, GlossaryTerm, terms_of
from macros.claimkit.course_render import CourseRenderer, markdown_inert, tidy
from macros.claimkit.course_text import parse_rich
from macros.claimkit.errors import DataError
from macros.claimkit.loader import load_dataset

DATA = PROJECT / "data"
DOCS = PROJECT / "docs"
# The lessons are found from the data, so a new lesson file is covered by every test below.
LESSON_NUMBERS = sorted(int(p.stem.removeprefix("lesson-")) for p in (DATA / "lessons").glob("lesson-*.yaml"))


# --- the course is complete ------------------------------------------------------------


def test_lessons_numbered_in_order_from_one(course):
    assert len(LESSON_NUMBERS) >= 6
    assert [lesson.number for lesson in course.lessons] == list(range(1, len(LESSON_NUMBERS) + 1)) == LESSON_NUMBERS
    assert [lesson.id for lesson in course.lessons] == [f"lesson-{n}" for n in LESSON_NUMBERS]
    assert len(course.lessons) == len(list((DATA / "lessons").glob("*.yaml"))), "every lesson file is a lesson"


LESSON_MACROS = ["lesson_overview", "lesson_case", "exercises", "quiz", "key_points", "lesson_terms"]


@pytest.mark.parametrize("number", LESSON_NUMBERS)
def test_each_lesson_has_every_required_part(course, number):
    lesson = course.lesson(f"lesson-{number}")
    assert len(lesson.objectives) >= 2 and len(lesson.key_points) >= 2
    assert lesson.minutes == 45
    assert len(lesson.exercises) >= 4, "at least four exercises drawn from the data"
    assert len(lesson.quiz) >= 5
    assert lesson.terms and all(t in course.glossary for t in terms_of(lesson))
    kinds = {r.kind for r in lesson.readings}
    assert "report" in kinds or "tracker" in kinds, "a lesson must send students to the report pages"
    teacher = lesson.teacher
    timing = course.timing(lesson.id)
    assert timing.core_minutes <= lesson.minutes < timing.full_minutes, "a core path for one class, and more"
    assert teacher.discussion and teacher.misconceptions and teacher.support and teacher.extension
    assert any(q.type != "choice" for q in lesson.quiz), "at least one question computed from the data"


@pytest.mark.parametrize("number", LESSON_NUMBERS)
def test_each_lesson_has_its_three_pages_calling_the_macros(course, number):
    lesson = course.lesson(f"lesson-{number}")
    student = (DOCS / "lessons" / f"{lesson.id}.md").read_text()
    title = student.splitlines()[0]
    assert title == f"# Lesson {number}: {lesson.title}", "the page title must match the lesson's title"
    for macro in LESSON_MACROS:
        assert f'{{{{ {macro}("{lesson.id}") }}}}' in student, f"{lesson.id}: missing {macro}()"
    teacher = (DOCS / "teachers" / f"{lesson.id}.md").read_text()
    assert f'{{{{ teacher_guide("{lesson.id}") }}}}' in teacher and lesson.title in teacher.splitlines()[0]
    sheet = (DOCS / "worksheets" / f"{lesson.id}.md").read_text()
    assert f'{{{{ worksheet("{lesson.id}") }}}}' in sheet and lesson.title in sheet.splitlines()[0]
    nav = yaml.load((PROJECT / "mkdocs.yml").read_text(), Loader=yaml.BaseLoader)["nav"]
    assert f"lessons/{lesson.id}.md" in json.dumps(nav) and f"teachers/{lesson.id}.md" in json.dumps(nav)


def test_pages_use_only_declared_glossary_terms(course):
    """term("x") on a lesson or guide page must be a glossary id the lesson lists."""
    for lesson in course.lessons:
        for folder in ("lessons", "teachers"):
            text = (DOCS / folder / f"{lesson.id}.md").read_text()
            for term_id in re.findall(r'term\("([^"]+)"', text):
                assert term_id in terms_of(lesson), f"{folder}/{lesson.id}.md uses undeclared term {term_id}"


def test_every_glossary_term_is_used_by_a_lesson_and_links_resolve(course):
    for term in course.glossary.values():
        assert course.lessons_using(term.id), f"glossary term {term.id} is used by no lesson"
        assert all(other in course.glossary and other != term.id for other in term.see_also)


def test_every_case_paragraph_links_the_report_it_rests_on(course, dataset):
    for lesson in course.lessons:
        for paragraph in lesson.case:
            refs = [p for p in parse_rich(paragraph) if p.kind in ("claim", "report")]
            assert refs, f"{lesson.id}: a case paragraph links no report"
            for ref in refs:
                assert (dataset.claim(ref.target) if ref.kind == "claim" else dataset.report(ref.target))


def test_the_brief_s_case_threads_are_all_taught(course, dataset):
    """Lesson topics as specified: the volunteers chain, moving figures, translation, status changes."""
    exercises = {lesson.number: lesson.exercises for lesson in course.lessons}
    chains = [e.claim for e in exercises[3] if e.type == "chain-step"]
    assert "2022-08-dh-thousands-of-volunteers-offered#nyp-over-100000" in chains
    assert any(e.type == "what-changed" and e.claim.startswith("2023-korean-column") for e in exercises[3])
    figures = {analysis.format_number(row.value) for e in exercises[4] if e.type == "compare-figures"
               for row in compare_figures(dataset, e.measures).rows}
    assert {"1,500", "3,000", "10,000", "12,000", "1.2 million", "1.3 million", "24 million"} <= figures
    printed = {p for e in exercises[5] if e.type == "translation" for p in e.printed}
    assert {"8,10", "Igor Koroshenko", "more than 24 million regular troops"} <= printed
    statuses = {dataset.claim(k).claim.status for e in exercises[6] if e.type == "status-timeline" for k in e.claims}
    assert {"attributed", "speculated", "denied"} <= statuses
    verdicts = {dataset.claim(k).claim.verdict.event for e in exercises[6] if e.type == "status-timeline"
                for k in e.claims if dataset.claim(k).claim.verdict}
    assert {"confirmed", "false", "unproven"} <= verdicts
    # "what was confirmed": the deployment, not the figures, so at least one claim splits the two
    split = [dataset.claim(k).claim.verdict for e in exercises[6] for k in (e.claims or [])
             if dataset.claim(k).claim.verdict and dataset.claim(k).claim.verdict.figure]
    assert any(v.event == "confirmed" and v.figure != "confirmed" for v in split)


# --- answers agree with the data ---------------------------------------------------------


def _exercises(course, kind):
    return [(lesson, e) for lesson in course.lessons for e in lesson.exercises if e.type == kind]


def test_mark_cues_answers_are_the_claim_s_annotated_cues_named_by_kind(course, dataset):
    html_renderer = CourseRenderer(dataset, course)
    exercises = _exercises(course, "mark-cues")
    assert exercises
    for lesson, exercise in exercises:
        claim = dataset.claim(exercise.claim).claim
        assert claim.cues
        html = html_renderer.exercises(lesson.id, "lessons/x/", mode="teacher")
        block = html[html.index(f'id="ex-{exercise.id}"'):]
        block = block[: block.index("</details>") if "</details>" in block else block.index('<div class="ck-ex ', 10)]
        for cue in claim.cues:
            assert cue.text in claim.quote
            category = dataset.cue_categories[cue.category]
            kind = labels.CUE_KINDS[category.kind][0]
            assert f"“{_esc(cue.text)}”: <strong>{_esc(kind)}</strong> ({_esc(category.label.lower())})" in block


def test_no_certainty_marker_is_called_a_hedge_on_any_course_page(course, dataset):
    html_renderer = CourseRenderer(dataset, course)
    boosters = {cue.text for r in dataset.reports for c in r.claims for cue in c.cues
                if dataset.cue_categories[cue.category].kind == "certainty"}
    assert {"confirmed", "inevitable"} <= boosters
    for lesson in course.lessons:
        for mode in ("teacher", "student"):
            html = html_renderer.exercises(lesson.id, "lessons/x/", mode=mode)
            for word in boosters:
                assert f"hedged with “{_esc(word)}”" not in html and f"hedges with “{_esc(word)}”" not in html


def _esc(text: str) -> str:
    from markupsafe import escape
    return str(escape(text))


def test_chain_step_answers_follow_the_attribution(course, dataset):
    from macros.claimkit.course_answers import chain
    for _, exercise in _exercises(course, "chain-step"):
        ref = dataset.claim(exercise.claim)
        links = chain(dataset, ref)
        steps = list(reversed(ref.claim.attribution))
        assert [link.source.id for link in links] == [s.source for s in steps]
        assert links[0].is_origin and links[0].source.id == ref.claim.attribution[-1].source
        expected_vague = {s.source for s in steps if not dataset.sources[s.source].named or s.how == "unspecified"}
        assert {link.source.id for link in links if link.vague} == expected_vague
        if exercise.ask == "unnamed":
            assert expected_vague, f"{exercise.id}: asks for an unnamed step, but the chain has none"


def test_the_volunteers_chain_reads_korotchenko_channel_one_new_york_post(dataset):
    from macros.claimkit.course_answers import chain
    ref = dataset.claim("2022-08-dh-thousands-of-volunteers-offered#nyp-over-100000")
    assert [link.source.name for link in chain(dataset, ref)] == [
        "Igor Korotchenko", "Channel One Russia", "New York Post"]


def test_compare_figures_answers_use_every_figure_of_the_measures(course, dataset):
    for _, exercise in _exercises(course, "compare-figures"):
        result = compare_figures(dataset, exercise.measures)
        expected = [(ref.key, q.as_printed) for m in exercise.measures
                    for ref, q in analysis.figures_by_measure(dataset)[m]]
        assert sorted((r.ref.key, r.quantity.as_printed) for r in result.rows) == sorted(expected)
        tops = [q.value if q.value is not None else q.max for _, q in
                (x for m in exercise.measures for x in analysis.figures_by_measure(dataset)[m])]
        bottoms = [q.value if q.value is not None else q.min for _, q in
                   (x for m in exercise.measures for x in analysis.figures_by_measure(dataset)[m])]
        assert result.highest.value == max(tops)
        assert result.ratio == (pytest.approx(max(tops) / min(bottoms)) if min(bottoms) else float("inf"))
        assert [r.value for r in result.ascending] == sorted(r.value for r in result.rows)


def test_army_size_comparison_flags_the_garbled_figure(dataset):
    result = compare_figures(dataset, ["nk-army-active"])
    assert result.highest.quantity.as_printed == "more than 24 million"
    assert result.highest in result.uncertain
    assert result.ratio_text == "20 times"


def test_a_lowest_figure_of_zero_gives_a_difference_not_a_ratio(dataset):
    """'No casualties' against 'one killed and three wounded': nothing is a number of times zero."""
    result = compare_figures(dataset, ["znpp-2024-04-07-people-hurt"])
    assert result.lowest.value == 0 and result.highest.value == 4
    assert result.ratio_text == "4 more than"


def test_translation_answers_are_the_report_s_artefacts(course, dataset):
    for _, exercise in _exercises(course, "translation"):
        report = dataset.report(exercise.report)
        artefacts = {a.printed: a for a in report.artefacts}
        for printed in exercise.printed:
            assert printed in artefacts
            assert any(printed in c.quote for c in report.claims)


def test_what_changed_answers_are_the_computed_changes(course, dataset):
    for _, exercise in _exercises(course, "what-changed"):
        ref = dataset.claim(exercise.claim)
        changes = analysis.chain_changes(dataset, ref.report, ref.claim)
        assert changes
    ref = dataset.claim("2023-korean-column-volunteer-army#korotchenko-offer")
    kinds = {c.kind for c in analysis.chain_changes(dataset, ref.report, ref.claim)}
    assert {"number", "hedge-dropped"} <= kinds  # "There are reports" and "over 100,000" are gone


def _independent_answer(dataset, q) -> set[str]:
    """The right option labels, derived straight from the model, not through resolve_question."""
    ref = dataset.claim(q.claim) if q.claim else None
    if q.type == "pick-sources":
        fits = (lambda s: (not s.named) if q.match == "unnamed" else s.named) if q.match else (lambda s: s.kind == q.kind)
        return {dataset.sources[s].name for s in q.sources if fits(dataset.sources[s])}
    if q.type == "claim-status":
        return {labels.STATUS[ref.claim.status][0]}
    if q.type == "cue-kind":
        category = next(dataset.cue_categories[c.category] for c in ref.claim.cues if c.text == q.cue)
        return {f"{category.label} ({labels.CUE_KINDS_SINGULAR[category.kind]})"}
    if q.type == "claim-origin":
        return {dataset.sources[ref.claim.attribution[-1].source].name}
    if q.type == "claim-verdict":
        verdict = ref.claim.verdict
        return {labels.VERDICT[verdict.figure if q.part == "figure" else verdict.event][0]}
    if q.type == "artefact-kind":
        from macros.claimkit.course_answers import ARTEFACT_KINDS
        artefact = next(a for a in dataset.report(q.report).artefacts if a.printed == q.printed)
        return {ARTEFACT_KINDS[artefact.kind]}
    if q.type == "pick-figure":
        def value(key):
            quantity = next(x for x in dataset.claim(key).claim.quantities if x.measure == q.measure)
            if quantity.value is not None:
                return quantity.value
            return quantity.max if q.pick == "highest" else quantity.min
        best = (max if q.pick == "highest" else min)(q.claims, key=value)
        quantity = next(x for x in dataset.claim(best).claim.quantities if x.measure == q.measure)
        return {quantity.as_printed}
    return {o.text for o in q.options if o.correct}


def test_every_quiz_answer_agrees_with_the_data(course, dataset):
    checked = 0
    for lesson in course.lessons:
        for q in lesson.quiz:
            resolved = resolve_question(dataset, q)
            assert 2 <= len(resolved.options) <= 6
            assert any(o.correct for o in resolved.options), f"{lesson.id}/{q.id}: no right answer"
            assert not all(o.correct for o in resolved.options), f"{lesson.id}/{q.id}: every option is right"
            assert all(o.feedback for o in resolved.options), f"{lesson.id}/{q.id}: an option has no feedback"
            right = {o.label for o in resolved.options if o.correct}
            expected = _independent_answer(dataset, q)
            if q.type == "pick-figure":
                right = {label.split("”")[0].lstrip("“") for label in right}
            assert right == expected, f"{lesson.id}/{q.id}"
            checked += 1
    assert checked >= 30


def test_known_answers(course, dataset):
    """A few answers spelled out, as a reader of the report pages would give them."""
    quiz = {q.id: resolve_question(dataset, q) for lesson in course.lessons for q in lesson.quiz}
    assert {o.label for o in quiz["which-unnamed"].options if o.correct} == {
        "Sources familiar with North Korean affairs", "Unnamed official of South Korea's Ministry of Unification"}
    assert [o.label for o in quiz["where-it-starts"].options if o.correct] == ["Unspecified reports"]
    assert [o.label for o in quiz["peskov-status"].options if o.correct] == ["Denied"]
    assert [o.label for o in quiz["verdict-100000"].options if o.correct] == ["Unproven"]
    assert [o.label for o in quiz["revealed"].options if o.correct] == ["Who says it (attribution cue)"]
    assert quiz["which-unnamed"].multiple and not quiz["where-it-starts"].multiple


def test_lesson_files_pass_the_editor_schema():
    schema = json.loads((PROJECT / "schema" / "lesson.schema.json").read_text())
    validator = jsonschema.Draft7Validator(schema)
    for path in sorted((DATA / "lessons").glob("*.yaml")):
        assert path.read_text().startswith("# yaml-language-server: $schema=../../schema/lesson.schema.json")
        errors = [e.message for e in validator.iter_errors(yaml.safe_load(path.read_text()))]
        assert errors == [], path


# --- invalid course files: one located message per problem -------------------------------


def _problems(course_copy, dataset) -> list[str]:
    with pytest.raises(DataError) as info:
        load_course(course_copy, dataset, docs_dir=DOCS, root=course_copy.parent)
    return [str(p) for p in info.value.problems]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture text not found: {old!r}"
    path.write_text(text.replace(old, new, 1))


BROKEN = [
    # (file, old text, new text, expected location "file:line", expected words)
    ("lesson-1", "claim: 2022-08-dh-thousands-of-volunteers-offered#nyp-over-100000\n    ask: who",
     "claim: 2022-08-dh-thousands-of-volunteers-offered#nyp-over-10000\n    ask: who",
     "exercises.0.claim", "unknown claim '2022-08-dh-thousands-of-volunteers-offered#nyp-over-10000' (did you mean"),
    ("lesson-1", "    ask: who\n", "    aks: who\n", "exercises.0.aks", "unknown field 'aks' (did you mean 'ask'?)"),
    ("lesson-1", "    type: chain-step\n    title: Three", "    type: chain-steps\n    title: Three",
     "exercises.0.type", "expected one of: mark-cues, chain-step"),
    ("lesson-1", "    ask: who\n", "", "exercises.0", "a chain-step exercise needs ask"),
    ("lesson-1", "    ask: who\n", "    ask: who\n    measures: [nk-troops-sent]\n", "exercises.0",
     "measures is not used by a chain-step exercise"),
    ("lesson-2", "claim: 2023-09-19fortyfive-could-north-korea-send-volunteers#volunteers-possible\n    discussion",
     "claim: 2023-09-19fortyfive-could-north-korea-send-volunteers#kim-trip\n    discussion",
     "exercises.0.claim", "has no annotated cues to find"),
    ("lesson-1", "reported that North Korea had offered \"over 100,000\"",
     "reported that North Korea had offered \"over 150,000\"", "case.0",
     "the figure 150,000 does not occur in the case data"),
    ("lesson-1", "([[claim:2022-08-dh-thousands-of-volunteers-offered#nyp-over-100000|the claim]])",
     "(the claim)", "case.0", "must link the report or claim it rests on"),
    ("lesson-1", "[[named-source|named]]", "[[named-sauce|named]]", "objectives.0",
     "unknown glossary term 'named-sauce' (did you mean 'named-source'?)"),
    ("lesson-1", "[[source:park-won-gon]]", "[[sorce:park-won-gon]]", "exercises.4.model_answer",
     "unknown reference kind 'sorce'"),
    ("lesson-1", "    - activity: Starter\n      minutes: 3", "    - activity: Starter\n      minutes: 13",
     "teacher.phases", "minutes (Starter 13; Model the chain 6;"),
    ("lesson-1", "    match: unnamed\n", "    match: named\n    kind: pundit\n", "quiz.0",
     "needs exactly one of match (unnamed/named) or kind"),
    ("lesson-1", "sources: [channel-one-russia, new-york-post, korean-central-television, korea-daily]",
     "sources: [channel-one-russia, korean-central-television]", "quiz.1.sources",
     "offer at least one source that fits and one that does not"),
    ("lesson-2", "    cue: revealed\n", "    cue: revaled\n", "quiz.1.cue",
     "'revaled' is not an annotated cue"),
    ("lesson-3", "sources: [new-york-post, igor-korotchenko, russkaya-vesna, channel-one-russia]",
     "sources: [new-york-post, russkaya-vesna, channel-one-russia]", "quiz.0.sources",
     "the options must include the origin, 'igor-korotchenko'"),
    ("lesson-5", 'printed: ["8,10", "10,1", "1,5~8,6"]', 'printed: ["8,10", "10.1"]', "exercises.0.printed.1",
     "is not a translation artefact"),
    ("lesson-1", "        correct: true\n        feedback: >-\n          Yes. Without",
     "        feedback: >-\n          Yes. Without", "quiz.4", "mark at least one option `correct: true`"),
    ("lesson-4", "    pick: highest\n    claims:\n      - 2024-10-secret-weapon-of-russia#nis-1500",
     ("    pick: highest\n    claims:\n      - 2024-10-secret-weapon-of-russia#nis-1500\n"
      "      - 2024-10-secret-weapon-of-russia#zelensky-10000"), "quiz.0.claims.1",
     "gives no figure for 'nk-troops-sent'"),
    ("lesson-2", "id: lesson-2\nnumber: 2\n", "id: lesson-2\nnumber: 1\n", "number", "is already used by lesson-1"),
    ("lesson-1", "title: Who is speaking?\n", "title: Who is speaking?\ntitle: Again\n", "title",
     "duplicate key 'title'"),
    ("lesson-1", "  - source: igor-korotchenko\n    why:", "  - source: igor-korotchenko\n    tracker: nk-troops-sent\n    why:",
     "readings.1", "give exactly one of report, source, tracker or page"),
    ("lesson-1", "  - page: guide/source-grading.md", "  - page: guide/source-grade.md", "readings.4.page",
     "page 'guide/source-grade.md' does not exist under docs/"),
    # A hand-written count beside a tracker is checked against the data; a wrong one is refused.
    ("lesson-4", "[[count:figures:nk-troops-sent]] figures for soldiers sent",
     "Seven figures for soldiers sent", "readings.0.why",
     "'Seven figures' is no longer true: the data has 3 figures for 'nk-troops-sent'; write [[count:figures:"),
    ("lesson-4", "[[count:figures:nk-army-active]]", "[[count:figurs:nk-army-active]]", "readings.2.why",
     "unknown count 'figurs'"),
    # A count of a claim's cues is computed, or checked when written by hand; hedges are not certainty markers.
    ("lesson-2", "[[count:hedges:2024-12-18-korea-daily-second-wave#unification-official-rotation]] hedges in one sentence, each",
     "four hedges in one sentence, each", "case.2",
     "'four hedges' is not true: the data annotates 3 in claim '2024-12-18-korea-daily-second-wave#unification-official-rotation'"),
    ("lesson-2", "[[count:hedges:2024-12-18-korea-daily-second-wave#unification-official-rotation]] hedges in one sentence, and",
     "[[count:certainty-markers:2024-12-18-korea-daily-second-wave#unification-official-rotations]] hedges in one sentence, and",
     "readings.2.why", "unknown claim '2024-12-18-korea-daily-second-wave#unification-official-rotations'"),
    # A quiz must be answerable from what it shows: the origin has to be named in the quote.
    ("lesson-1", "claim: 2022-08-dh-thousands-of-volunteers-offered#korotchenko-there-are-reports\n"
                 "    sources: [new-york-post, channel-one-russia, igor-korotchenko, unspecified-reports]",
     "claim: 2022-08-dh-thousands-of-volunteers-offered#nyp-over-100000\n"
     "    sources: [new-york-post, channel-one-russia, igor-korotchenko, unspecified-reports]",
     "quiz.2.claim", "the quote shown with this question never names the origin, 'Igor Korotchenko'"),
]


@pytest.mark.parametrize("lesson, old, new, field, words", BROKEN, ids=[b[3] + ":" + b[4][:30] for b in BROKEN])
def test_a_broken_lesson_is_refused_with_file_line_and_field(course_copy, dataset, lesson, old, new, field, words):
    _edit(course_copy / "lessons" / f"{lesson}.yaml", old, new)
    problems = _problems(course_copy, dataset)
    matching = [p for p in problems if words in p]
    assert matching, f"expected {words!r} in:\n" + "\n".join(problems)
    assert any(re.match(rf"data/lessons/{lesson}\.yaml:\d+:\d+: {re.escape(field)}: ", p) for p in matching), matching


def test_every_problem_is_listed_in_one_run(course_copy, dataset):
    _edit(course_copy / "lessons" / "lesson-1.yaml", "    ask: who\n", "    aks: who\n")
    _edit(course_copy / "lessons" / "lesson-3.yaml", "    ask: origin\n", "    ask: orign\n")
    _edit(course_copy / "glossary.yaml", "see_also: [named-source, unnamed-source, chain-of-sources]",
          "see_also: [named-source, unamed-source, chain-of-sources]")
    problems = _problems(course_copy, dataset)
    assert len(problems) == 3, problems
    assert {p.split(":")[0] for p in problems} == {
        "data/lessons/lesson-1.yaml", "data/lessons/lesson-3.yaml", "data/glossary.yaml"}
    assert any("terms.0.see_also.1: unknown glossary term 'unamed-source' (did you mean 'unnamed-source'?)" in p
               for p in problems)


def test_glossary_text_is_plain_and_its_figures_are_checked(course_copy, dataset):
    _edit(course_copy / "glossary.yaml", "Saying who a claim comes from:", "Saying [[hedging]] who a claim comes from:")
    _edit(course_copy / "glossary.yaml", "so 100,000 is written 10만", "so 120,000 is written 10만")
    problems = _problems(course_copy, dataset)
    assert any("terms.0.definition: glossary text is shown in tooltips" in p for p in problems), problems
    assert any("the figure 120,000 does not occur in the case data" in p for p in problems), problems


def test_a_missing_page_for_a_lesson_is_reported(course_copy, dataset, tmp_path):
    docs = tmp_path / "docs"
    shutil.copytree(DOCS, docs)
    (docs / "worksheets" / "lesson-2.md").unlink()
    with pytest.raises(DataError) as info:
        load_course(course_copy, dataset, docs_dir=docs, root=course_copy.parent)
    assert any("no page docs/worksheets/lesson-2.md" in str(p) for p in info.value.problems)


def test_cue_counts_are_computed_and_a_count_in_general_advice_is_left_alone(dataset, course):
    renderer = CourseRenderer(dataset, course)
    case = renderer.case("lesson-2", "lessons/lesson-2/")
    assert "be a rotation: three hedges in one sentence, each telling the reader" in case
    overview = renderer.overview("lesson-2", "lessons/lesson-2/")
    assert "Three hedges in one sentence, and who is speaking." in overview
    from macros.claimkit.course_text import count

    key = "2022-08-dh-thousands-of-volunteers-offered#army-size"
    assert [count(dataset, f"{what}:{key}") for what in ("hedges", "certainty-markers", "attribution-cues", "cues")] \
        == [1, 1, 1, 3]
    exit_phase = course.lesson("lesson-2").teacher.phases[-1].details
    assert "one hedge and one certainty marker" in exit_phase, "advice with no claim is not a count to check"


def test_the_lessons_never_call_a_certainty_marker_or_an_attribution_a_hedge(dataset, course):
    """Each quoted cue the lessons call a hedge is annotated as a hedge in the data."""
    kinds = {cue.text.lower(): dataset.cue_categories[cue.category].kind
             for r in dataset.reports for c in r.claims for cue in c.cues}
    called = re.compile(r"(?:hedge|hedges|hedged|hedging)[^.;:\"“]{0,20}[\"“]([^\"”]+)[\"”]"
                        r"|[\"“]([^\"”]+)[\"”],? (?:is|are) (?:a |an )?hedges?\b")
    wrong = []
    for path in sorted((DATA / "lessons").glob("*.yaml")):
        raw = yaml.safe_load(path.read_text())
        text = json.dumps(raw, ensure_ascii=False).replace('\\"', '"')
        for match in called.finditer(text):
            words = (match.group(1) or match.group(2)).strip().lower()
            if words in kinds and kinds[words] != "hedge":
                wrong.append(f"{path.name}: {match.group(0)!r} ({words!r} is annotated as {kinds[words]})")
    assert not wrong, wrong
    glossary = yaml.safe_load((DATA / "glossary.yaml").read_text())
    hedging = next(t for t in glossary["terms"] if t["id"] == "hedging")["definition"]
    assert "sources say" not in hedging.split("Words that say who is speaking")[0]
    assert next(t for t in glossary["terms"] if t["id"] == "certainty-signal")["term"] == "certainty marker"


def test_a_dataset_without_a_course_gives_notices_not_errors():
    data = load_dataset(FIXTURES / "valid")
    course = load_course(FIXTURES / "valid", data)
    assert not course.available and course.lessons == []
    renderer = CourseRenderer(data, course)
    assert "does not include" in renderer.exercises("lesson-1", "lessons/lesson-1/")
    assert renderer.term("state-media", "lessons/lesson-1/") == "state media"


def test_a_course_without_its_glossary_is_an_error(course_copy, dataset):
    (course_copy / "glossary.yaml").unlink()
    problems = _problems(course_copy, dataset)
    assert any("data/glossary.yaml: required course file is missing" in p for p in problems)


# --- safety of text that lands in Markdown ------------------------------------------------

HOSTILE = "__init__ *star* [x](javascript:alert(1)) <script>alert(1)</script> {: .evil } `code` {{ 7*7 }} & ' \""


def test_tooltips_in_markdown_paragraphs_stay_text(dataset):
    course = Course(lessons=[], glossary={"evil": GlossaryTerm(id="evil", term="evil <b>term</b>", definition=HOSTILE)})
    html = CourseRenderer(dataset, course).term("evil", "lessons/lesson-1/")
    page = markdown.markdown(f"Before {html} after, *real emphasis*.", extensions=["attr_list", "md_in_html"])
    assert "<script>" not in page and "<b>term</b>" not in page
    assert "<strong>star</strong>" not in page and "<em>star</em>" not in page
    assert 'href="javascript' not in page and 'class="evil"' not in page
    assert "<em>real emphasis</em>" in page  # the paragraph around it is still Markdown
    assert "__init__" in _text_of(page) and "{{ 7*7 }}" in _text_of(page)


def _text_of(html: str) -> str:
    import html as html_module
    return html_module.unescape(re.sub(r"<[^>]+>", "", html))


def test_markdown_inert_keeps_tags_and_entities():
    assert markdown_inert('<a href="x_y">a_b &amp; &#39;</a>') == '<a href="x_y">a&#95;b &amp; &#39;</a>'


def test_rich_text_is_escaped_and_links_are_relative(course, dataset):
    renderer = CourseRenderer(dataset, course)
    html = renderer.rich("<b>x</b> [[claim:2024-10-secret-weapon-of-russia#nis-1500|1,500]] [[hedging]]",
                         "lessons/lesson-4/")
    assert html.startswith("&lt;b&gt;x&lt;/b&gt; ")
    assert '<a href="../../reports/2024-10-secret-weapon-of-russia/#claim-nis-1500">1,500</a>' in html
    assert 'class="ck-term" tabindex="0" aria-describedby="tip-hedging-1"' in html
    assert 'role="tooltip" id="tip-hedging-1"' in html


def test_tidy_keeps_html_blocks_whole():
    text = "## Heading\n<div>\n\n  \n<p>x</p>\n</div>\n### Sub\n<p>y</p>"
    assert tidy(text) == "## Heading\n\n<div>\n<p>x</p>\n</div>\n\n### Sub\n\n<p>y</p>\n"


def test_counts_in_lesson_text_are_computed_from_the_data(course, dataset):
    from macros.claimkit.course_text import count

    figures = count(dataset, "figures:nk-troops-sent")
    origins = count(dataset, "sources:nk-troops-sent")
    assert figures == len(analysis.figures_by_measure(dataset)["nk-troops-sent"]) >= 3
    words = ["no", "one", "two", "three", "four", "five", "six"]
    html = CourseRenderer(dataset, course).overview("lesson-4", "lessons/lesson-4/")
    # at the start of a sentence the number is capitalised, elsewhere not
    assert f"{words[figures].capitalize()} figures for soldiers sent, resting on {words[origins]} different origins" in html
