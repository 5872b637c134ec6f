"""Loading the course: read every lesson and the glossary, validate them, and cross-check them against the case data.

The course files are read like every other data file (``yamlsource.read_yaml``:
strict YAML, positions kept), validated by the models in ``course_model``, then
cross-checked against the validated :class:`Dataset`: every claim, source,
measure and glossary id must exist, every exercise must make sense for the
claim it names, and every figure written in free text must occur in the case
data. Every problem is collected and raised together as one ``DataError``.

No MkDocs imports: ``macros/course_macros.py`` is the adapter.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import analysis, datafiles, pathnames, reads
from .course_answers import figure_for, figure_value, origin_shown, resolve_question, source_matches
from .course_model import (
    GLOSSARY_FILE,
    LESSONS_DIR,
    Course,
    Exercise,
    GlossaryFile,
    GlossaryTerm,
    Lesson,
    Question,
    Reading,
    free_texts,
)
from .course_text import (
    COUNT_KINDS,
    CUE_COUNTS,
    DOC_PAGE,
    HAND_COUNT,
    HAND_CUE_COUNT,
    LINK_KINDS,
    NUMBER_WORDS,
    RICH_RE,
    RichPart,
    count,
    parse_rich,
)
from .course_timing import ReadingClock, lesson_timing
from .dataset import ClaimRef, Dataset
from .errors import DataError, Problem
from .lateral import load_lateral
from .loader import _did_you_mean, _parse, display_path
from .prepost import CHECK_PAGES, CHECKS_DIR, SKILLS, CheckForm, form_key, signature
from .render import Renderer
from .yamlsource import YamlDocument


def load_course(data_dir: Path, dataset: Dataset, *, docs_dir: Path | None = None, root: Path | None = None,
                counter: Callable[[str, str | None], int | None] | None = None) -> Course:
    """Validate the glossary and every lesson against the dataset; raise DataError listing every problem.

    ``counter`` counts the words of a page a reading links to (course_timing.ReadingClock).

    With neither ``lessons/`` nor ``glossary.yaml`` in ``data_dir`` (a test dataset), the course is empty and
    marked unavailable, so lesson pages can say so instead of failing the build.
    """
    data_dir = Path(data_dir)
    root = Path(root) if root else data_dir.parent
    lessons_dir = data_dir / LESSONS_DIR
    glossary_path = data_dir / GLOSSARY_FILE
    if not os.path.lexists(lessons_dir) and not os.path.lexists(glossary_path):
        return Course(available=False)

    def display(path: Path) -> str:
        return display_path(path, root)

    problems: list[Problem] = []
    glossary: dict[str, GlossaryTerm] = {}
    glossary_doc = None
    if not os.path.lexists(glossary_path):
        problems.append(Problem(display(glossary_path), 0, 0, "", "required course file is missing"))
    else:
        parsed = _parse(glossary_path, display(glossary_path), GlossaryFile, problems)
        if parsed:
            glossary_file, glossary_doc = parsed
            for i, term in enumerate(glossary_file.terms):
                if term.id in glossary:
                    problems.append(glossary_doc.problem(("terms", i, "id"), f"duplicate id '{term.id}'"))
                glossary[term.id] = term

    parsed_lessons = _parse_lessons(lessons_dir, display, problems)
    course = Course(sorted((lesson for lesson, _ in parsed_lessons), key=lambda item: (item.number, item.id)),
                    glossary, lateral=load_lateral(data_dir, dataset, root, problems))
    # What the checks read decides only whether the course is valid (any problem stops the build), not
    # what its pages show: not noted (reads.py), so a lesson page is not out of date each time they change.
    with reads.paused():
        checker = _CourseChecker(dataset, course, docs_dir, problems)
        if glossary_doc is not None:
            checker.check_glossary(glossary_file, glossary_doc)
        clean = checker.check_lessons(parsed_lessons)
        forms, unread = _parse_forms(data_dir, root, problems)
        checker.check_forms(forms, complete=not unread)
    if docs_dir is None and (root / "docs").is_dir():
        docs_dir = root / "docs"
    clock = ReadingClock(Renderer(dataset), Path(docs_dir) if docs_dir else None, counter)
    course.timings = reads.DerivedEntries()
    for lesson, doc in clean:
        # a page showing a lesson's minutes depends on what its readings' pages show, not on the others'
        with reads.paused(), reads.recording() as seen:
            timing, found = lesson_timing(lesson, clock)
        problems.extend(doc.problem(path, message) for path, message in found)
        if timing:
            course.timings.put(lesson.id, timing, seen)
    if problems:
        raise DataError(problems)
    for form in course.forms.values():
        resolved = [resolve_question(dataset, q, course.lateral) for q in form.questions]
        course.form_keys[form.id] = form_key(form, resolved)
    return course


def _parse_lessons(lessons_dir: Path, display, problems: list[Problem]) -> list[tuple[Lesson, YamlDocument]]:
    parsed_lessons: list[tuple[Lesson, YamlDocument]] = []
    refused = datafiles.folder_problem(lessons_dir)
    if refused:
        problems.append(Problem(display(lessons_dir), 0, 0, "", refused))
    elif lessons_dir.is_dir():
        for stray in sorted(lessons_dir.glob("*.yml")):
            problems.append(Problem(display(stray), 0, 0, "", "lesson files must end in .yaml, not .yml"))
        for path in sorted(lessons_dir.glob("*.yaml")):
            parsed = _parse(path, display(path), Lesson, problems)
            if parsed:
                parsed_lessons.append(parsed)
    return parsed_lessons


def read_lessons(data_dir: Path, *, root: Path | None = None) -> list[Lesson]:
    """The lessons alone, in order, read but not checked against the data (load_course checks them):
    for pages that only list which lessons draw on a case. Raises DataError for unreadable files."""
    data_dir = Path(data_dir)
    root = Path(root) if root else data_dir.parent
    problems: list[Problem] = []
    parsed = _parse_lessons(data_dir / LESSONS_DIR, lambda path: display_path(path, root), problems)
    if problems:
        raise DataError(problems)
    return sorted((lesson for lesson, _ in parsed), key=lambda item: (item.number, item.id))


def _parse_forms(data_dir: Path, root: Path, problems: list[Problem]) -> tuple[list[tuple[CheckForm, YamlDocument]], int]:
    """The forms that parse, and how many files did not."""
    folder = data_dir / CHECKS_DIR
    parsed = []
    files = 0
    if folder.is_dir():
        for stray in sorted(folder.glob("*.yml")):
            problems.append(Problem(display_path(stray, root), 0, 0, "", "check files must end in .yaml, not .yml"))
        for path in sorted(folder.glob("*.yaml")):
            files += 1
            found = _parse(path, display_path(path, root), CheckForm, problems)
            if found:
                parsed.append(found)
    return parsed, files - len(parsed)


# --- cross-checks against the case data ---------------------------------------------------


_NUMBER = re.compile(r"\d[\d,.]*\d|\d")


def _numbers(text: str) -> set[str]:
    return {token.rstrip(".,") for token in _NUMBER.findall(text)}


def data_numbers(data: Dataset) -> set[str]:
    """Every figure written anywhere in the case data, as written (e.g. '100,000', '1.3', '2024')."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.update(_numbers(value))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            found.update(_numbers(analysis.format_number(value)))
            found.add(str(value))

    for report in data.reports:
        walk(report.model_dump())
    for collection in (data.sources.values(), data.measures.values(), data.events):
        for item in collection:
            walk(item.model_dump())
    return found


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [s for item in value for s in _strings(item)] if isinstance(value, (list, tuple)) else []


def _is_free_figure(token: str) -> bool:
    """Small whole numbers (minutes, steps, counts under 100) may be written freely."""
    return token.isdigit() and int(token) < 100


class _CourseChecker:
    def __init__(self, data: Dataset, course: Course, docs_dir: Path | None, problems: list[Problem]):
        self.data = data
        self.course = course
        self.docs_dir = Path(docs_dir) if docs_dir else None
        self.problems = problems
        self.numbers = data_numbers(data)
        for lateral_set in course.lateral.values():  # lesson text may quote the figures of a search it uses
            self.numbers |= _numbers(" ".join(str(v) for v in _strings(lateral_set.model_dump())))
        self.claim_keys = sorted(f"{r.id}#{c.id}" for r in data.reports for c in r.claims)
        self.measured = {q.measure for r in data.reports for c in r.claims for q in c.quantities}
        self.lesson_ids = {lesson.id for lesson in course.lessons}

    # -- helpers --
    def _add(self, doc: YamlDocument, path: tuple, message: str) -> None:
        self.problems.append(doc.problem(path, message))

    def _claim(self, doc, path, key: str) -> ClaimRef | None:
        ref = self.data.claim(key)
        if ref is None:
            self._add(doc, path, f"unknown claim '{key}'{_did_you_mean(key, self.claim_keys)}; "
                                 "expected report-id#claim-id of a claim in data/reports/")
        return ref

    def _id(self, doc, path, value: str, index, what: str) -> bool:
        if value in index:
            return True
        self._add(doc, path, f"unknown {what} '{value}'{_did_you_mean(value, list(index))}")
        return False

    def _text(self, doc, path, text: str, tracker: str | None = None, claim: str | None = None) -> None:
        """References must resolve; figures must come from the case data; counts must match it."""
        trackers = {tracker} if tracker else set()
        claims = {claim} if claim else set()
        for part in parse_rich(text):
            if part.kind is None:
                continue
            self._reference(doc, path, part)
            if part.kind == "tracker":
                trackers.add(part.target)
            elif part.kind == "claim":
                claims.add(part.target)
        plain = RICH_RE.sub(" ", text)
        if "[[" in plain or "]]" in plain:
            self._add(doc, path, "unbalanced [[ ]]: write references as [[kind:target|label]]")
        self._figures(doc, path, plain)
        if len(trackers) == 1 and next(iter(trackers)) in self.data.measures:
            self._counts(doc, path, plain, next(iter(trackers)))
        self._cue_counts(doc, path, plain, claims)

    def _cue_counts(self, doc, path, plain: str, claims: set[str]) -> None:
        """'Four hedges in one sentence': true of the one claim the text is about, or written as [[count:...]]."""
        for match in HAND_CUE_COUNT.finditer(plain):
            written, noun = match.group(1).lower(), match.group(2).lower()
            what = ("hedges" if noun.startswith("hedge") else "certainty-markers" if noun.startswith("certainty")
                    else "attribution-cues" if noun.startswith("attribution") else "cues")
            said = NUMBER_WORDS.index(written) if written in NUMBER_WORDS else int(written)
            known = [key for key in claims if self.data.claim(key)]
            if not known:
                continue  # "one hedge they will look for": not a count of any claim's cues
            if len(known) != 1:
                self._add(doc, path, f"'{match.group(0)}': this text names several claims, so the count cannot be "
                                     f"checked; write [[count:{what}:REPORT#CLAIM]] for the claim you mean")
                continue
            actual = count(self.data, f"{what}:{known[0]}")
            if said != actual:
                self._add(doc, path, f"'{match.group(0)}' is not true: the data annotates {actual} in claim "
                                     f"'{known[0]}'; write [[count:{what}:{known[0]}]]")

    def _counts(self, doc, path, plain: str, measure: str) -> None:
        """A count written by hand next to a tracker ("Three figures") must still be true of the data."""
        for match in HAND_COUNT.finditer(plain):
            written, noun = match.group(1).lower(), match.group(2).lower()
            what = {"origins": "sources"}.get(noun, noun)
            actual = count(self.data, f"{what}:{measure}")
            said = NUMBER_WORDS.index(written) if written in NUMBER_WORDS else int(written)
            if said != actual:
                self._add(doc, path, f"'{match.group(0)}' is no longer true: the data has {actual} {noun} for "
                                     f"'{measure}'; write [[count:{what}:{measure}]] so the number is computed")

    def _figures(self, doc, path, text: str) -> None:
        for token in sorted(_numbers(text)):
            if not _is_free_figure(token) and token not in self.numbers:
                self._add(doc, path, f"the figure {token} does not occur in the case data; figures in lesson "
                                     "text must come from a report (check it, or link the claim and leave it out)")

    def _reference(self, doc, path, part: RichPart) -> None:
        kind, target = part.kind, part.target or ""
        if kind not in LINK_KINDS:
            self._add(doc, path, f"unknown reference kind '{kind}' in [[{kind}:{target}]]; "
                                 f"expected one of: {', '.join(LINK_KINDS)}{_did_you_mean(kind, list(LINK_KINDS))}")
        elif kind == "report":
            self._id(doc, path, target, {r.id: r for r in self.data.reports}, "report")
        elif kind == "claim":
            self._claim(doc, path, target)
        elif kind == "source":
            self._id(doc, path, target, self.data.sources, "source")
        elif kind == "tracker":
            if self._id(doc, path, target, self.data.measures, "measure") and target not in self.measured:
                self._add(doc, path, f"measure '{target}' has no figures, so it has no tracker page")
        elif kind == "lesson":
            self._id(doc, path, target, self.lesson_ids, "lesson")
        elif kind == "term":
            self._id(doc, path, target, self.course.glossary, "glossary term")
        elif kind == "count":
            what, _, measure = target.partition(":")
            if what in CUE_COUNTS:
                self._claim(doc, path, measure)
            elif what not in COUNT_KINDS:
                self._add(doc, path, f"unknown count '{what}' in [[count:{target}]]; expected one of: "
                                     + "; ".join(f"{k} ({v})" for k, v in COUNT_KINDS.items()))
            elif ((measure or what != "reports")
                  and self._id(doc, path, measure, self.data.measures, "measure") and measure not in self.measured):
                self._add(doc, path, f"measure '{measure}' has no figures to count")
        elif kind == "page":
            if not DOC_PAGE.match(target):
                self._add(doc, path, f"page '{target}' should be a path under docs/ such as guide/hedging.md")
            elif self.docs_dir and not (self.docs_dir / target).is_file():
                self._add(doc, path, f"page '{target}' does not exist under docs/")
            if not part.text:
                self._add(doc, path, f"[[page:{target}]] needs a label: [[page:{target}|words to show]]")

    # -- glossary --
    def check_glossary(self, glossary_file: GlossaryFile, doc: YamlDocument) -> None:
        for i, term in enumerate(glossary_file.terms):
            for j, other in enumerate(term.see_also):
                at = ("terms", i, "see_also", j)
                if other == term.id:
                    self._add(doc, at, "a term cannot be its own see_also")
                else:
                    self._id(doc, at, other, self.course.glossary, "glossary term")
            for path, text in free_texts(doc.data["terms"][i], ("terms", i)):
                if RICH_RE.search(text):
                    self._add(doc, path, "glossary text is shown in tooltips: write it plain, without [[ ]]")
                self._figures(doc, path, text)

    # -- lessons --
    def check_lessons(self, parsed: list[tuple[Lesson, YamlDocument]]) -> list[tuple[Lesson, YamlDocument]]:
        """Check every lesson; return those with no problem (their timing can be worked out)."""
        numbers: dict[int, str] = {}
        clean = []
        for lesson, doc in parsed:
            before = len(self.problems)
            stem = Path(doc.file).stem
            if lesson.id != stem:
                self._add(doc, ("id",), f"id '{lesson.id}' must equal the file name '{stem}'")
            unusable = pathnames.id_problem(lesson.id, "lessons", what="lesson file and page")
            if unusable:
                self._add(doc, ("id",), unusable)
            if lesson.number in numbers:
                self._add(doc, ("number",), f"number {lesson.number} is already used by {numbers[lesson.number]}")
            numbers.setdefault(lesson.number, lesson.id)
            self._check_lesson(lesson, doc)
            if len(self.problems) == before:
                clean.append((lesson, doc))
        return clean

    def _check_lesson(self, lesson: Lesson, doc: YamlDocument) -> None:
        for path, text in free_texts(doc.data, ()):
            if path[-1:] == ("sample",) and RICH_RE.search(text):
                self._add(doc, path, "a sample answer is in a student's own words: write it plain, without [[ ]]")
            tracker = claim = None
            if path[:1] == ("readings",) and isinstance(path[1], int) and path[1] < len(lesson.readings):
                reading = lesson.readings[path[1]]
                tracker = reading.tracker  # a reading's text is about its tracker, or its claim
                claim = f"{reading.report}#{reading.claim}" if reading.claim else None
            self._text(doc, path, text, tracker, claim)
        for i, paragraph in enumerate(lesson.case):
            if not any(p.kind in ("report", "claim") for p in parse_rich(paragraph)):
                self._add(doc, ("case", i), "each paragraph about the case must link the report or claim it rests "
                                            "on: [[claim:report-id#claim-id]] or [[report:report-id]]")
        for i, term in enumerate(lesson.terms):
            self._id(doc, ("terms", i), term, self.course.glossary, "glossary term")
        if self.docs_dir:
            for section in ("lessons", "teachers", "worksheets", "worksheets/answers"):
                if not (self.docs_dir / section / f"{lesson.id}.md").is_file():
                    self._add(doc, ("id",), f"no page docs/{section}/{lesson.id}.md for this lesson")
        for i, reading in enumerate(lesson.readings):
            self._check_reading(doc, ("readings", i), reading)
        seen: set[str] = set()
        for i, exercise in enumerate(lesson.exercises):
            if exercise.id in seen:
                self._add(doc, ("exercises", i, "id"), f"duplicate exercise id '{exercise.id}'")
            elif exercise.id == "quiz" or re.fullmatch(r"reading-\d+", exercise.id):
                self._add(doc, ("exercises", i, "id"), f"'{exercise.id}' names an activity in the teacher's phases "
                                                       "(quiz, reading-N): choose another exercise id")
            seen.add(exercise.id)
            self._check_exercise(doc, ("exercises", i), exercise)
        seen = set()
        for i, question in enumerate(lesson.quiz):
            if question.id in seen:
                self._add(doc, ("quiz", i, "id"), f"duplicate question id '{question.id}'")
            seen.add(question.id)
            self._check_question(doc, ("quiz", i), question)

    def _check_reading(self, doc, at, reading: Reading) -> None:
        if (reading.report and self._id(doc, at + ("report",), reading.report,
                                        {r.id: r for r in self.data.reports}, "report")
                and reading.claim and not self.data.report(reading.report).claim(reading.claim)):
            self._add(doc, at + ("claim",), f"report '{reading.report}' has no claim '{reading.claim}'")
        if reading.source:
            self._id(doc, at + ("source",), reading.source, self.data.sources, "source")
        if (reading.tracker and self._id(doc, at + ("tracker",), reading.tracker, self.data.measures, "measure")
                and reading.tracker not in self.measured):
            self._add(doc, at + ("tracker",), f"measure '{reading.tracker}' has no figures, so no tracker page")
        if reading.page and self.docs_dir and not (self.docs_dir / reading.page).is_file():
            self._add(doc, at + ("page",), f"page '{reading.page}' does not exist under docs/")

    def _check_exercise(self, doc, at, ex: Exercise) -> None:
        if ex.claim:
            ref = self._claim(doc, at + ("claim",), ex.claim)
            if ref and ex.type == "mark-cues" and not ref.claim.cues:
                self._add(doc, at + ("claim",), f"claim '{ex.claim}' has no annotated cues to find")
            if ref and ex.type == "chain-step" and not ref.claim.attribution:
                self._add(doc, at + ("claim",), f"claim '{ex.claim}' cites no source: there is no chain to follow")
            if ref and ex.type == "what-changed" and not analysis.chain_changes(self.data, ref.report, ref.claim):
                self._add(doc, at + ("claim",), f"claim '{ex.claim}' shows no change from an earlier claim or from "
                                                "its report's body; pick a claim that repeats or headlines another")
        if (ex.source and self._id(doc, at + ("source",), ex.source, self.data.sources, "source")
                and ex.source not in self.course.lateral):
            known = ", ".join(sorted(self.course.lateral)) or "none"
            self._add(doc, at + ("source",), f"source '{ex.source}' has no lateral-reading set: add "
                                             f"data/lateral/{ex.source}.yaml (sets: {known})")
        if ex.claims:
            for j, key in enumerate(ex.claims):
                self._claim(doc, at + ("claims", j), key)
            if len(set(ex.claims)) != len(ex.claims):
                self._add(doc, at + ("claims",), "the same claim is listed twice")
        if ex.measures:
            n_figures = 0
            for j, measure in enumerate(ex.measures):
                if self._id(doc, at + ("measures", j), measure, self.data.measures, "measure"):
                    n_figures += len(self.data.figures_index.get(measure, []))
            if n_figures < 2:
                self._add(doc, at + ("measures",), "needs at least two figures in the data to compare")
        if ex.report and self._id(doc, at + ("report",), ex.report, {r.id: r for r in self.data.reports}, "report"):
            report = self.data.report(ex.report)
            known = [a.printed for a in report.artefacts]
            for j, printed in enumerate(ex.printed or []):
                if printed not in known:
                    hint = _did_you_mean(printed, known)
                    self._add(doc, at + ("printed", j), f"{printed!r} is not a translation artefact of report "
                                                        f"'{ex.report}'{hint}; copy it from its artefacts")

    # -- the pre/post check --
    def check_forms(self, parsed: list[tuple[CheckForm, YamlDocument]], complete: bool = True) -> None:
        """Each form: its questions valid like quiz questions; the forms parallel, new, and apart from the quizzes."""
        quizzes = {signature(q): f"{lesson.id}, question '{q.id}'" for lesson in self.course.lessons
                   for q in lesson.quiz}
        numbers: dict[int, str] = {}
        asked: dict[tuple, str] = {}
        per_skill: dict[str, Counter] = {}
        for form, doc in sorted(parsed, key=lambda item: item[0].number):
            stem = Path(doc.file).stem
            if form.id != stem:
                self._add(doc, ("id",), f"id '{form.id}' must equal the file name '{stem}'")
            if form.number in numbers:
                self._add(doc, ("number",), f"number {form.number} is already used by form '{numbers[form.number]}'")
            numbers.setdefault(form.number, form.id)
            if self.docs_dir and not (self.docs_dir / CHECK_PAGES / f"{form.id}.md").is_file():
                self._add(doc, ("id",), f"no page docs/check/{form.id}.md for this form (its whole text: "
                                        f'{{{{ check_form("{form.id}") }}}})')
            self._text(doc, ("intro",), form.intro)
            for i, q in enumerate(form.questions):
                at = ("questions", i)
                for path, text in free_texts(doc.data["questions"][i], at):
                    self._text(doc, path, text)
                self._check_question(doc, at, q)
                key = signature(q)
                if key in quizzes:
                    self._add(doc, at, f"this question is the lesson quiz's ({quizzes[key]}): a check must measure "
                                       "with questions students have not practised; ask about another claim")
                elif key in asked:
                    self._add(doc, at, f"this question is already asked in {asked[key]}: parallel forms ask "
                                       "different questions about the same skills")
                asked.setdefault(key, f"form '{form.id}', question '{q.id}'")
            counts = Counter(q.skill for q in form.questions)
            missing = [label for skill, label in SKILLS.items() if not counts[skill]]
            if missing:
                self._add(doc, ("questions",), f"the form has no question for: {', '.join(missing)}; every form "
                                               "measures every skill")
            per_skill[form.id] = counts
            self.course.forms[form.id] = form
        if not complete:  # a form that did not parse would make the comparisons below misleading
            return
        if len({tuple(sorted(c.items())) for c in per_skill.values()}) > 1:
            first = next(iter(per_skill))
            for form, doc in parsed:
                if per_skill[form.id] != per_skill[first]:
                    differ = ", ".join(f"{SKILLS[s]} {per_skill[form.id][s]} (form '{first}': {per_skill[first][s]})"
                                       for s in SKILLS if per_skill[form.id][s] != per_skill[first][s])
                    self._add(doc, ("questions",), f"the forms are not parallel: {differ}")
        if parsed and {form.when for form, _ in parsed} != {"before", "after"}:
            self._add(parsed[0][1], ("when",), "the check needs a form for before the lessons and one for after")

    def _check_question(self, doc, at, q: Question) -> None:
        ref = self._claim(doc, at + ("claim",), q.claim) if q.claim else None
        if q.type == "lateral-first" and q.source and self._id(doc, at + ("source",), q.source, self.data.sources,
                                                               "source") and q.source not in self.course.lateral:
            self._add(doc, at + ("source",), f"source '{q.source}' has no lateral-reading set in data/lateral/")
        if q.sources:
            for j, sid in enumerate(q.sources):
                self._id(doc, at + ("sources", j), sid, self.data.sources, "source")
            if len(set(q.sources)) != len(q.sources):
                self._add(doc, at + ("sources",), "the same source is offered twice")
        if q.type == "pick-sources" and q.sources and all(s in self.data.sources for s in q.sources):
            verdicts = {source_matches(self.data.sources[s], q) for s in q.sources}
            if verdicts != {True, False}:
                self._add(doc, at + ("sources",), "offer at least one source that fits and one that does not "
                                                  f"(by the data, {'all' if True in verdicts else 'none'} of these fit)")
        if q.type == "cue-kind" and ref:
            cues = {cue.text: cue.category for cue in ref.claim.cues}
            if q.cue not in cues:
                self._add(doc, at + ("cue",), f"{q.cue!r} is not an annotated cue of '{q.claim}'"
                                              f"{_did_you_mean(q.cue or '', list(cues))}")
            elif q.categories:
                for j, cid in enumerate(q.categories):
                    self._id(doc, at + ("categories", j), cid, self.data.cue_categories, "cue category")
                if cues[q.cue] not in q.categories:
                    self._add(doc, at + ("categories",), f"the options must include the right answer, "
                                                         f"'{cues[q.cue]}'")
        if q.type == "claim-origin" and ref and q.sources:
            if not ref.claim.attribution:
                self._add(doc, at + ("claim",), f"claim '{q.claim}' cites no source, so it has no origin to pick")
            elif not origin_shown(self.data, ref):
                origin = ref.claim.attribution[-1]
                self._add(doc, at + ("claim",), (
                    f"the quote shown with this question never names the origin, "
                    f"'{self.data.sources[origin.source].name}' (its chain step has no `words` in the quote), so a "
                    "student cannot find it there: pick a claim whose quote names where it starts"))
            elif ref.claim.attribution[-1].source not in q.sources:
                self._add(doc, at + ("sources",), f"the options must include the origin, "
                                                  f"'{ref.claim.attribution[-1].source}'")
        if q.type == "claim-verdict" and ref and not ref.claim.verdict:
            self._add(doc, at + ("claim",), f"claim '{q.claim}' has no verdict in the data")
        elif q.type == "claim-verdict" and ref and q.part == "figure" and ref.claim.verdict.figure is None:
            self._add(doc, at + ("part",), f"claim '{q.claim}' has no figure verdict: ask about the event")
        if (q.type == "pick-figure" and q.measure and q.claims
                and self._id(doc, at + ("measure",), q.measure, self.data.measures, "measure")):
            self._check_pick_figure(doc, at, q)
        if (q.type == "artefact-kind" and q.report
                and self._id(doc, at + ("report",), q.report, {r.id: r for r in self.data.reports}, "report")):
            known = [a.printed for a in self.data.report(q.report).artefacts]
            if q.printed not in known:
                self._add(doc, at + ("printed",), f"{q.printed!r} is not a translation artefact of report "
                                                  f"'{q.report}'{_did_you_mean(q.printed or '', known)}")

    def _check_pick_figure(self, doc, at, q: Question) -> None:
        values = []
        for j, key in enumerate(q.claims):
            cref = self._claim(doc, at + ("claims", j), key)
            if cref:
                figure = figure_for(cref, q.measure)
                if figure is None:
                    self._add(doc, at + ("claims", j), f"claim '{key}' gives no figure for '{q.measure}'")
                else:
                    values.append(figure_value(figure, q.pick))
        if len(values) == len(q.claims):
            best = max(values) if q.pick == "highest" else min(values)
            if values.count(best) > 1:
                self._add(doc, at + ("claims",), f"two options share the {q.pick} figure; the answer must be unique")
