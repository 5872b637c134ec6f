"""Lessons, quizzes and the glossary: models, loading, and answers computed from the case data.

The course lives in ``data/lessons/<lesson-id>.yaml`` (one lesson per file:
objectives, readings, exercises, quiz, teacher notes) and ``data/glossary.yaml``.
They are read like every other data file (``yamlsource.read_yaml``: strict YAML,
positions kept), validated by the pydantic models below, then cross-checked
against the validated :class:`Dataset`: every claim, source, measure and
glossary id must exist, every exercise must make sense for the claim it names,
and every figure written in free text must occur in the case data.

Answers are never typed into the course files. An exercise names a claim or a
measure; its answer (the cues, the chain of sources, the figures, the
translation artefacts, the verdicts) is computed here from the case data, so a
correction to a report corrects every exercise and quiz built on it.

Free text in course files may link into the site with ``[[kind:target|label]]``
(kinds: report, claim, source, tracker, page, lesson, term) or mark a glossary
term with ``[[term-id]]``. The markup is parsed and checked here and turned into
escaped HTML by ``course_render``; the text is never run as a template.

No MkDocs imports: ``macros/course_macros.py`` is the adapter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from . import analysis, labels
from .dataset import ClaimRef, Dataset
from .errors import DataError, Problem
from .loader import _did_you_mean, _parse, display_path
from .model import (
    ClaimKey,
    OneLine,
    Quantity,
    Quote,
    ShortText,
    Slug,
    Source,
    SourceKind,
    Strict,
    Text,
    TranslationArtefact,
)
from .yamlsource import YamlDocument

LESSONS_DIR = "lessons"
GLOSSARY_FILE = "glossary.yaml"

# --- rich text: [[kind:target|label]] --------------------------------------------------

LINK_KINDS = ("report", "claim", "source", "tracker", "page", "lesson", "term", "count")
# [[count:WHAT:MEASURE]] writes a number computed from the data, so lesson text never goes stale.
COUNT_KINDS = {
    "figures": "figures given for the measure",
    "sources": "different origins of those figures (where each claim starts)",
    "reports": "reports that give a figure for the measure ([[count:reports]] alone: every report)",
}
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                "twelve")
RICH_RE = re.compile(r"\[\[([^\[\]|]+?)(?:\|([^\[\]]+?))?\]\]")
DOC_PAGE = re.compile(r"^[a-z0-9_-]+(/[a-z0-9_-]+)*\.md$")

RichText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=2000),
    OneLine,
    Field(
        description=(
            "Plain text. Link with [[report:ID]], [[claim:REPORT#CLAIM]], [[source:ID]], [[tracker:MEASURE]], "
            "[[page:guide/hedging.md|label]], [[lesson:lesson-2]]; mark a glossary term with [[term-id]] or "
            "[[term-id|words shown]]; write a count computed from the data with [[count:figures:MEASURE]], "
            "[[count:sources:MEASURE]], [[count:reports:MEASURE]] or [[count:reports]]."
        )
    ),
]


@dataclass(frozen=True)
class RichPart:
    """A run of rich text: plain text, or a link/term with its target."""

    text: str
    kind: str | None = None  # None: plain text
    target: str | None = None


def parse_rich(text: str) -> list[RichPart]:
    """Split rich text into plain runs and [[...]] references (not validated here)."""
    parts: list[RichPart] = []
    position = 0
    for match in RICH_RE.finditer(text):
        if match.start() > position:
            parts.append(RichPart(text[position:match.start()]))
        ref, label = match.group(1).strip(), (match.group(2) or "").strip()
        kind, sep, target = ref.partition(":")
        if not sep:
            kind, target = "term", ref
        parts.append(RichPart(label, kind.strip(), target.strip()))
        position = match.end()
    if position < len(text):
        parts.append(RichPart(text[position:]))
    return parts


def plain_text(text: str, course: Course | None = None, data: Dataset | None = None) -> str:
    """Rich text with the markup removed (for a textarea, a title attribute or a test)."""
    out = []
    for part in parse_rich(text):
        if part.kind is None or part.text:
            out.append(part.text)
        elif course is not None and data is not None:
            out.append(default_label(part, course, data))
        else:
            out.append(part.target or "")
    return "".join(out)


def default_label(part: RichPart, course: Course, data: Dataset) -> str:
    """What a reference shows when the author gave no label."""
    kind, target = part.kind, part.target or ""
    if kind == "report":
        report = data.report(target)
        return f"{data.sources[report.outlet].name} ({report.date.iso()})"
    if kind == "claim":
        ref = data.claim(target)
        return f"{data.sources[ref.report.outlet].name} ({ref.report.date.iso()})"
    if kind == "source":
        return data.sources[target].name
    if kind == "tracker":
        return data.measures[target].label
    if kind == "lesson":
        lesson = course.lesson(target)
        return f"Lesson {lesson.number}: {lesson.title}"
    if kind == "term":
        return course.glossary[target].term
    if kind == "count":
        return number_words(count(data, target))
    return target


def count(data: Dataset, target: str) -> int:
    """The number a [[count:...]] reference stands for (the target is validated before)."""
    what, _, measure = target.partition(":")
    if what == "reports" and not measure:
        return len(data.reports)
    rows = analysis.figures_by_measure(data).get(measure, [])
    if what == "figures":
        return len(rows)
    if what == "sources":
        return len({_origin_id(ref) for ref, _ in rows})
    return len({ref.report.id for ref, _ in rows})


def _origin_id(ref: ClaimRef) -> str:
    return ref.claim.attribution[-1].source if ref.claim.attribution else ref.report.outlet


def number_words(n: int) -> str:
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else f"{n:,}"


_HAND_COUNT = re.compile(
    r"\b(" + "|".join(NUMBER_WORDS[1:]) + r"|\d+)\s+(figures|sources|origins|reports)\b", re.IGNORECASE)


# --- glossary ----------------------------------------------------------------------------


class GlossaryTerm(Strict):
    """One word or phrase students meet in the lessons, defined for ages 14-18."""

    id: Slug
    term: ShortText = Field(description="The word or phrase as shown, e.g. 'hedging'.")
    definition: Text = Field(description="One or two plain sentences. No markup.")
    example: Text | None = Field(None, description="Optional: a short example, ideally from the case.")
    see_also: list[Slug] = Field(default_factory=list, description="Ids of related glossary terms.")


class GlossaryFile(Strict):
    terms: list[GlossaryTerm] = Field(min_length=1)


# --- lessons: readings, exercises, quiz, teacher notes --------------------------------


class Reading(Strict):
    """A page to read for the lesson: exactly one of report, source, tracker or page."""

    report: Slug | None = Field(None, description="A report id: links to its page.")
    claim: Slug | None = Field(None, description="With report: a claim id, to link straight to that claim.")
    source: Slug | None = Field(None, description="A source id: links to the source page.")
    tracker: Slug | None = Field(None, description="A measure id: links to its claim tracker.")
    page: Annotated[str, StringConstraints(pattern=DOC_PAGE.pattern)] | None = Field(
        None, description="A hand-written page under docs/, e.g. guide/hedging.md or timeline.md."
    )
    label: ShortText | None = Field(None, description="Link text; required for page, optional otherwise.")
    why: RichText = Field(description="What to look for on that page.")

    @model_validator(mode="after")
    def _one_target(self) -> Reading:
        targets = [name for name in ("report", "source", "tracker", "page") if getattr(self, name)]
        if len(targets) != 1:
            raise ValueError("give exactly one of report, source, tracker or page")
        if self.claim and not self.report:
            raise ValueError("claim needs report (the report the claim is in)")
        if self.page and not self.label:
            raise ValueError("a page reading needs a label (the link text)")
        return self

    @property
    def kind(self) -> str:
        return next(name for name in ("report", "source", "tracker", "page") if getattr(self, name))


ExerciseType = Literal[
    "mark-cues", "chain-step", "what-changed", "compare-figures", "trust-which", "status-timeline", "translation"
]

# type -> (required fields, optional type-specific fields); prompt and discussion are common to all.
def _check_type_fields(item, fields: dict, specific: set[str], noun: str) -> None:
    """Each exercise or question type has its own fields: the ones it needs, and no others."""
    required, optional = fields[item.type]
    missing = [name for name in required if getattr(item, name) is None]
    if missing:
        raise ValueError(f"a {item.type} {noun} needs {', '.join(missing)}")
    unused = [n for n in sorted(specific - set(required) - set(optional)) if getattr(item, n) is not None]
    if unused:
        raise ValueError(f"{', '.join(unused)} is not used by a {item.type} {noun} "
                         f"(it uses: {', '.join(required + optional)})")


EXERCISE_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "mark-cues": (("claim",), ()),
    "chain-step": (("claim", "ask"), ()),
    "what-changed": (("claim",), ()),
    "compare-figures": (("measures",), ()),
    "trust-which": (("claims", "model_answer"), ()),
    "status-timeline": (("claims",), ()),
    "translation": (("report", "printed"), ()),
}
_EXERCISE_SPECIFIC = {"claim", "ask", "measures", "claims", "model_answer", "report", "printed"}

DEFAULT_PROMPTS = {
    "mark-cues": "Copy out every word or phrase in this quote that shows doubt (a hedge), that presents the "
                 "claim as settled (a certainty marker), or that says who is speaking (an attribution). For "
                 "each, say which of the three it is.",
    "chain-step": "",  # depends on ask
    "what-changed": "Compare this claim with the earlier one it repeats or builds on. What changed on the way: "
                    "the number, the hedging, the source?",
    "compare-figures": "Put these figures side by side. Which is lowest, which highest, and how many times larger "
                       "is the highest? Do they all count the same thing? Which would you trust least, and why?",
    "trust-which": "Which of these claims would you trust most, and why? Look at who is speaking, whether you can "
                   "check them, and how sure the wording is.",
    "status-timeline": "For each claim, in date order, write down who says it and how the report presents it: "
                       "asserted, attributed, speculated or denied. Then find out what later reports showed.",
    "translation": "These words come from a machine translation. What was probably meant? How sure can you be?",
}
CHAIN_PROMPTS = {
    "unnamed": "Follow the chain of sources behind this claim. Which step is unnamed or only vaguely cited, "
               "so that a reader cannot check it?",
    "origin": "Follow the chain of sources behind this claim back to where it starts. Who is the origin, as far "
              "as the report tells, and what kind of source is it?",
    "who": "List every source in the chain behind this claim, from where it starts to this report. For each, "
           "say what kind of source it is and whether it is named.",
}


class Exercise(Strict):
    """One exercise. Its answer is computed from the case data it names, never typed in.

    mark-cues (claim), chain-step (claim, ask), what-changed (claim), compare-figures (measures),
    trust-which (claims, model_answer), status-timeline (claims), translation (report, printed).
    """

    id: Slug
    type: ExerciseType
    title: ShortText
    prompt: RichText | None = Field(None, description="The task; a default for the type is used when left out.")
    claim: ClaimKey | None = Field(None, description="mark-cues, chain-step, what-changed: report-id#claim-id.")
    ask: Literal["unnamed", "origin", "who"] | None = Field(None, description="chain-step: what to find.")
    measures: list[Slug] | None = Field(None, min_length=1, description="compare-figures: measure ids.")
    claims: list[ClaimKey] | None = Field(
        None, min_length=2, max_length=8, description="trust-which, status-timeline: claims to compare."
    )
    model_answer: RichText | None = Field(None, description="trust-which: a model answer, linked to evidence.")
    report: Slug | None = Field(None, description="translation: the translated report.")
    printed: list[Quote] | None = Field(
        None, min_length=1, max_length=8, description="translation: garbled spans, exactly as in the report's artefacts."
    )
    discussion: RichText | None = Field(None, description="Optional note shown with the answer.")

    @model_validator(mode="after")
    def _fields_fit_type(self) -> Exercise:
        _check_type_fields(self, EXERCISE_FIELDS, _EXERCISE_SPECIFIC, "exercise")
        return self

    @property
    def task(self) -> str:
        if self.prompt:
            return self.prompt
        return CHAIN_PROMPTS[self.ask] if self.type == "chain-step" else DEFAULT_PROMPTS[self.type]


class ChoiceOption(Strict):
    text: RichText
    correct: bool = False
    feedback: RichText = Field(description="Why this option is right or wrong.")


QuestionType = Literal[
    "choice", "pick-sources", "claim-status", "cue-kind", "claim-origin", "pick-figure", "claim-verdict",
    "artefact-kind",
]
QUESTION_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "choice": (("prompt", "options"), ()),
    "pick-sources": (("prompt", "sources"), ("match", "kind")),
    "claim-status": (("claim",), ()),
    "cue-kind": (("claim", "cue"), ("categories",)),
    "claim-origin": (("claim", "sources"), ()),
    "pick-figure": (("measure", "pick", "claims"), ()),
    "claim-verdict": (("claim",), ("part",)),
    "artefact-kind": (("report", "printed"), ()),
}
_QUESTION_SPECIFIC = {"options", "sources", "match", "kind", "claim", "cue", "categories", "measure", "pick",
                      "claims", "report", "printed", "part"}


class Question(Strict):
    """One self-check question. Except for `choice`, the options' correctness is computed from the data.

    choice (prompt, options), pick-sources (prompt, sources, match or kind), claim-status (claim),
    cue-kind (claim, cue, optional categories), claim-origin (claim, sources),
    pick-figure (measure, pick, claims), claim-verdict (claim), artefact-kind (report, printed).
    """

    id: Slug
    type: QuestionType
    prompt: RichText | None = Field(None, description="The question; a default for the type is used when left out.")
    options: list[ChoiceOption] | None = Field(None, min_length=2, max_length=6, description="choice only.")
    sources: list[Slug] | None = Field(None, min_length=2, max_length=6, description="Source ids offered.")
    match: Literal["unnamed", "named"] | None = Field(None, description="pick-sources: which are correct.")
    kind: SourceKind | None = Field(None, description="pick-sources: sources of this kind are correct.")
    claim: ClaimKey | None = None
    cue: ShortText | None = Field(None, description="cue-kind: a cue of the claim, exactly as annotated.")
    categories: list[Slug] | None = Field(
        None, min_length=2, max_length=5, description="cue-kind: cue categories offered (must include the answer)."
    )
    measure: Slug | None = None
    pick: Literal["highest", "lowest"] | None = None
    claims: list[ClaimKey] | None = Field(None, min_length=2, max_length=6, description="pick-figure: claims offered.")
    report: Slug | None = None
    printed: Quote | None = Field(None, description="artefact-kind: a garbled span of the report.")
    part: Literal["event", "figure"] | None = Field(
        None, description="claim-verdict: ask about what happened (event, the default) or about the figure."
    )
    explanation: RichText | None = Field(None, description="Why, shown after answering.")

    @model_validator(mode="after")
    def _fields_fit_type(self) -> Question:
        _check_type_fields(self, QUESTION_FIELDS, _QUESTION_SPECIFIC, "question")
        if self.type == "pick-sources" and (self.match is None) == (self.kind is None):
            raise ValueError("a pick-sources question needs exactly one of match (unnamed/named) or kind")
        if self.type == "choice" and not any(option.correct for option in self.options or []):
            raise ValueError("mark at least one option `correct: true`")
        return self


class Phase(Strict):
    minutes: Annotated[int, Field(ge=1, le=90)]
    activity: ShortText = Field(description="e.g. 'Starter', 'Exercises 1-2 in pairs'.")
    details: RichText = Field(description="What the teacher and the students do.")


class Misconception(Strict):
    belief: RichText = Field(description="What students often think.")
    correction: RichText = Field(description="What to say or show instead, from the case.")


class TeacherNotes(Strict):
    preparation: list[RichText] = Field(default_factory=list, description="Before the lesson.")
    phases: list[Phase] = Field(min_length=3, description="Timing for the class; minutes must add up to the lesson's.")
    discussion: list[RichText] = Field(min_length=2, description="Discussion prompts.")
    misconceptions: list[Misconception] = Field(min_length=1)
    support: list[RichText] = Field(min_length=1, description="Differentiation: for students who need support.")
    extension: list[RichText] = Field(min_length=1, description="Differentiation: for students who finish early.")


class Lesson(Strict):
    """One lesson: the student page, the worksheet and the teacher guide are all rendered from this."""

    id: Slug = Field(description="Must equal the file name without .yaml, e.g. lesson-1.")
    number: Annotated[int, Field(ge=1, le=99)]
    title: ShortText
    summary: RichText = Field(description="One or two sentences: what students will be able to do.")
    minutes: Annotated[int, Field(ge=10, le=180)] = 45
    objectives: list[RichText] = Field(min_length=2, description="'Students can ...' statements.")
    case: list[RichText] = Field(
        min_length=1, description="The case in brief: paragraphs, each linking the report or claim it rests on."
    )
    readings: list[Reading] = Field(min_length=2)
    terms: list[Slug] = Field(min_length=1, description="Glossary ids used in this lesson.")
    exercises: list[Exercise] = Field(min_length=2)
    key_points: list[RichText] = Field(min_length=2)
    quiz: list[Question] = Field(min_length=3)
    teacher: TeacherNotes


# --- the loaded course ---------------------------------------------------------------


@dataclass
class Course:
    lessons: list[Lesson] = field(default_factory=list)  # ordered by number
    glossary: dict[str, GlossaryTerm] = field(default_factory=dict)
    available: bool = True  # False when the data holds no course at all (a fixture dataset)

    def lesson(self, lesson_id: str) -> Lesson:
        for lesson in self.lessons:
            if lesson.id == lesson_id:
                return lesson
        known = ", ".join(lesson.id for lesson in self.lessons) or "none"
        raise KeyError(f"no lesson '{lesson_id}' in data/{LESSONS_DIR}/ (known: {known})")

    def lessons_using(self, term_id: str) -> list[Lesson]:
        return [lesson for lesson in self.lessons if term_id in terms_of(lesson)]


def terms_of(lesson: Lesson) -> list[str]:
    """The lesson's declared terms, then any other [[term]] its texts use, in order."""
    found = list(lesson.terms)
    for _, text in _free_texts(lesson.model_dump(), ()):
        for part in parse_rich(text):
            if part.kind == "term" and part.target not in found:
                found.append(part.target)
    return found


# Fields that hold free text (checked for references and figures); everything else is ids and codes.
FREE_TEXT_FIELDS = {
    "title", "summary", "objectives", "case", "why", "label", "prompt", "model_answer", "discussion", "text",
    "feedback", "explanation", "key_points", "details", "activity", "preparation", "belief", "correction",
    "support", "extension", "definition", "example", "term",
}


def _free_texts(node: Any, path: tuple) -> list[tuple[tuple, str]]:
    found: list[tuple[tuple, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in FREE_TEXT_FIELDS:
                if isinstance(value, str):
                    found.append((path + (key,), value))
                elif isinstance(value, list):
                    found += [(path + (key, i), v) for i, v in enumerate(value) if isinstance(v, str)]
                    found += [t for i, v in enumerate(value) if isinstance(v, dict) for t in _free_texts(v, path + (key, i))]
            else:
                found += _free_texts(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _free_texts(value, path + (i,))
    return found


def load_course(data_dir: Path, dataset: Dataset, *, docs_dir: Path | None = None, root: Path | None = None) -> Course:
    """Validate the glossary and every lesson against the dataset; raise DataError listing every problem.

    With neither ``lessons/`` nor ``glossary.yaml`` in ``data_dir`` (a test dataset), the course is empty and
    marked unavailable, so lesson pages can say so instead of failing the build.
    """
    data_dir = Path(data_dir)
    root = Path(root) if root else data_dir.parent
    lessons_dir = data_dir / LESSONS_DIR
    glossary_path = data_dir / GLOSSARY_FILE
    if not lessons_dir.is_dir() and not glossary_path.exists():
        return Course(available=False)

    def display(path: Path) -> str:
        return display_path(path, root)

    problems: list[Problem] = []
    glossary: dict[str, GlossaryTerm] = {}
    glossary_doc = None
    if not glossary_path.exists():
        problems.append(Problem(display(glossary_path), 0, 0, "", "required course file is missing"))
    else:
        parsed = _parse(glossary_path, display(glossary_path), GlossaryFile, problems)
        if parsed:
            glossary_file, glossary_doc = parsed
            for i, term in enumerate(glossary_file.terms):
                if term.id in glossary:
                    problems.append(glossary_doc.problem(("terms", i, "id"), f"duplicate id '{term.id}'"))
                glossary[term.id] = term

    parsed_lessons: list[tuple[Lesson, YamlDocument]] = []
    if lessons_dir.is_dir():
        for stray in sorted(lessons_dir.glob("*.yml")):
            problems.append(Problem(display(stray), 0, 0, "", "lesson files must end in .yaml, not .yml"))
        for path in sorted(lessons_dir.glob("*.yaml")):
            parsed = _parse(path, display(path), Lesson, problems)
            if parsed:
                parsed_lessons.append(parsed)
    course = Course(sorted((lesson for lesson, _ in parsed_lessons), key=lambda item: (item.number, item.id)),
                    glossary)
    checker = _CourseChecker(dataset, course, docs_dir, problems)
    if glossary_doc is not None:
        checker.check_glossary(glossary_file, glossary_doc)
    checker.check_lessons(parsed_lessons)
    if problems:
        raise DataError(problems)
    return course


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

    def _text(self, doc, path, text: str, tracker: str | None = None) -> None:
        """References must resolve; figures must come from the case data; counts must match it."""
        trackers = {tracker} if tracker else set()
        for part in parse_rich(text):
            if part.kind is None:
                continue
            self._reference(doc, path, part)
            if part.kind == "tracker":
                trackers.add(part.target)
        plain = RICH_RE.sub(" ", text)
        if "[[" in plain or "]]" in plain:
            self._add(doc, path, "unbalanced [[ ]]: write references as [[kind:target|label]]")
        self._figures(doc, path, plain)
        if len(trackers) == 1 and next(iter(trackers)) in self.data.measures:
            self._counts(doc, path, plain, next(iter(trackers)))

    def _counts(self, doc, path, plain: str, measure: str) -> None:
        """A count written by hand next to a tracker ("Three figures") must still be true of the data."""
        for match in _HAND_COUNT.finditer(plain):
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
            if what not in COUNT_KINDS:
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
            for path, text in _free_texts(doc.data["terms"][i], ("terms", i)):
                if RICH_RE.search(text):
                    self._add(doc, path, "glossary text is shown in tooltips: write it plain, without [[ ]]")
                self._figures(doc, path, text)

    # -- lessons --
    def check_lessons(self, parsed: list[tuple[Lesson, YamlDocument]]) -> None:
        numbers: dict[int, str] = {}
        for lesson, doc in parsed:
            stem = Path(doc.file).stem
            if lesson.id != stem:
                self._add(doc, ("id",), f"id '{lesson.id}' must equal the file name '{stem}'")
            if lesson.number in numbers:
                self._add(doc, ("number",), f"number {lesson.number} is already used by {numbers[lesson.number]}")
            numbers.setdefault(lesson.number, lesson.id)
            self._check_lesson(lesson, doc)

    def _check_lesson(self, lesson: Lesson, doc: YamlDocument) -> None:
        for path, text in _free_texts(doc.data, ()):
            tracker = None
            if path[:1] == ("readings",) and isinstance(path[1], int) and path[1] < len(lesson.readings):
                tracker = lesson.readings[path[1]].tracker  # a reading's text is about its tracker
            self._text(doc, path, text, tracker)
        for i, paragraph in enumerate(lesson.case):
            if not any(p.kind in ("report", "claim") for p in parse_rich(paragraph)):
                self._add(doc, ("case", i), "each paragraph about the case must link the report or claim it rests "
                                            "on: [[claim:report-id#claim-id]] or [[report:report-id]]")
        for i, term in enumerate(lesson.terms):
            self._id(doc, ("terms", i), term, self.course.glossary, "glossary term")
        if self.docs_dir:
            for section in ("lessons", "teachers", "worksheets"):
                if not (self.docs_dir / section / f"{lesson.id}.md").is_file():
                    self._add(doc, ("id",), f"no page docs/{section}/{lesson.id}.md for this lesson")
        for i, reading in enumerate(lesson.readings):
            self._check_reading(doc, ("readings", i), reading)
        seen: set[str] = set()
        for i, exercise in enumerate(lesson.exercises):
            if exercise.id in seen:
                self._add(doc, ("exercises", i, "id"), f"duplicate exercise id '{exercise.id}'")
            seen.add(exercise.id)
            self._check_exercise(doc, ("exercises", i), exercise)
        seen = set()
        for i, question in enumerate(lesson.quiz):
            if question.id in seen:
                self._add(doc, ("quiz", i, "id"), f"duplicate question id '{question.id}'")
            seen.add(question.id)
            self._check_question(doc, ("quiz", i), question)
        total = sum(phase.minutes for phase in lesson.teacher.phases)
        if total != lesson.minutes:
            self._add(doc, ("teacher", "phases"), f"the phases add up to {total} minutes, but the lesson takes "
                                                  f"{lesson.minutes} (minutes)")

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
        if ex.claims:
            for j, key in enumerate(ex.claims):
                self._claim(doc, at + ("claims", j), key)
            if len(set(ex.claims)) != len(ex.claims):
                self._add(doc, at + ("claims",), "the same claim is listed twice")
        if ex.measures:
            n_figures = 0
            for j, measure in enumerate(ex.measures):
                if self._id(doc, at + ("measures", j), measure, self.data.measures, "measure"):
                    n_figures += len(analysis.figures_by_measure(self.data).get(measure, []))
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

    def _check_question(self, doc, at, q: Question) -> None:
        ref = self._claim(doc, at + ("claim",), q.claim) if q.claim else None
        if q.sources:
            for j, sid in enumerate(q.sources):
                self._id(doc, at + ("sources", j), sid, self.data.sources, "source")
            if len(set(q.sources)) != len(q.sources):
                self._add(doc, at + ("sources",), "the same source is offered twice")
        if q.type == "pick-sources" and q.sources and all(s in self.data.sources for s in q.sources):
            verdicts = {_source_matches(self.data.sources[s], q) for s in q.sources}
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
            elif not _origin_shown(self.data, ref):
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
                figure = _figure_for(cref, q.measure)
                if figure is None:
                    self._add(doc, at + ("claims", j), f"claim '{key}' gives no figure for '{q.measure}'")
                else:
                    values.append(_figure_value(figure, q.pick))
        if len(values) == len(q.claims):
            best = max(values) if q.pick == "highest" else min(values)
            if values.count(best) > 1:
                self._add(doc, at + ("claims",), f"two options share the {q.pick} figure; the answer must be unique")


# --- computed answers ------------------------------------------------------------------------


def _origin_shown(data: Dataset, ref: ClaimRef) -> bool:
    """Whether the claim's quote itself says where the claim starts (by the origin's attribution words,
    or its name), so that a question showing only the quote can be answered."""
    step = ref.claim.attribution[-1]
    return bool(step.words and step.words in ref.claim.quote) or data.sources[step.source].name in ref.claim.quote


def _source_matches(source: Source, q: Question) -> bool:
    if q.match:
        return (not source.named) if q.match == "unnamed" else source.named
    return source.kind == q.kind


def _figure_for(ref: ClaimRef, measure: str) -> Quantity | None:
    return next((q for q in ref.claim.quantities if q.measure == measure), None)


def _figure_value(q: Quantity, pick: str | None = "highest") -> float:
    if q.value is not None:
        return q.value
    return q.max if pick == "highest" else q.min


@dataclass(frozen=True)
class ChainLink:
    """One source in a claim's chain, numbered from the origin (1) to the source the report cites."""

    position: int
    source: Source
    how: str
    words: str | None
    vague: bool  # unnamed, or cited only vaguely ("reports say")
    is_origin: bool


def chain(data: Dataset, ref: ClaimRef) -> list[ChainLink]:
    steps = list(reversed(ref.claim.attribution))
    return [
        ChainLink(n, data.sources[step.source], step.how, step.words,
                  not data.sources[step.source].named or step.how == "unspecified", n == 1)
        for n, step in enumerate(steps, start=1)
    ]


def who_says(data: Dataset, ref: ClaimRef) -> str:
    """'Government of South Korea, citing National Intelligence Service (South Korea)', or the outlet itself."""
    if not ref.claim.attribution:
        return f"{data.sources[ref.report.outlet].name} itself, citing no one"
    return ", citing ".join(data.sources[step.source].name for step in ref.claim.attribution)


@dataclass(frozen=True)
class FigureRow:
    ref: ClaimRef
    quantity: Quantity
    measure_id: str
    value: float  # for comparing: the value, or the top of a range


@dataclass(frozen=True)
class FigureComparison:
    rows: list[FigureRow]  # date order, as on the trackers
    lowest: FigureRow
    highest: FigureRow
    ratio: float  # highest / lowest
    measures: list[str]
    uncertain: list[FigureRow]  # readings of low or medium confidence

    @property
    def ratio_text(self) -> str:
        """'20 times', or 'about 11 to 50 times' when the lowest figure is a range."""
        q = self.lowest.quantity
        if q.value is not None or not q.max:
            return f"{format_ratio(self.ratio)} times"
        return f"about {format_ratio(self.highest.value / q.max)} to {format_ratio(self.ratio)} times"

    @property
    def ascending(self) -> list[FigureRow]:
        return sorted(self.rows, key=lambda r: (r.value, r.ref.report.date.sort_key))


def compare_figures(data: Dataset, measures: list[str]) -> FigureComparison:
    index = analysis.figures_by_measure(data)
    rows = [FigureRow(ref, q, m, _figure_value(q, "highest")) for m in measures for ref, q in index.get(m, [])]
    rows.sort(key=lambda r: (r.ref.report.date.sort_key, r.ref.report.id))
    lowest = min(rows, key=lambda r: (_figure_value(r.quantity, "lowest"), r.ref.report.date.sort_key))
    top = max(r.value for r in rows)
    highest = next(r for r in rows if r.value == top)  # the earliest of equal figures
    low_value = _figure_value(lowest.quantity, "lowest")
    ratio = highest.value / low_value if low_value else float("inf")
    return FigureComparison(rows, lowest, highest, ratio, list(measures),
                            [r for r in rows if r.quantity.confidence != "high"])


@dataclass(frozen=True)
class ClaimFacts:
    """What a student can establish about a claim from its page, for comparing claims."""

    ref: ClaimRef
    origin: Source | None
    links: list[ChainLink]
    rests_on_unnamed: bool
    cues: dict[str, list[str]]  # kind -> the cue words of that kind, in quote order


def claim_facts(data: Dataset, key: str) -> ClaimFacts:
    ref = data.claim(key)
    by_kind: dict[str, list[str]] = {}
    for cue in sorted(ref.claim.cues, key=lambda cue: ref.claim.quote.find(cue.text)):
        by_kind.setdefault(data.cue_categories[cue.category].kind, []).append(cue.text)
    return ClaimFacts(ref, analysis.origin(ref.claim, data.sources), chain(data, ref),
                      analysis.rests_on_unnamed(ref.claim, data.sources), by_kind)


def artefact_of(data: Dataset, report_id: str, printed: str) -> tuple[TranslationArtefact, ClaimRef]:
    """The artefact and the first claim whose quote contains it."""
    report = data.report(report_id)
    artefact = next(a for a in report.artefacts if a.printed == printed)
    claim = next(c for c in report.claims if printed in c.quote)
    return artefact, ClaimRef(report, claim)


@dataclass(frozen=True)
class ResolvedOption:
    key: str  # a, b, c ...
    label: str
    correct: bool
    feedback: str
    rich: bool = False  # label and feedback are course rich text (else plain data text)
    quote: str | None = None  # for cue and figure options: the words to show in quotation marks


@dataclass(frozen=True)
class ResolvedQuestion:
    id: str
    prompt: str
    options: list[ResolvedOption]
    explanation: str | None
    material: ClaimRef | None = None  # a quote to show with the question
    material_mark: str | None = None  # words of the quote to mark

    @property
    def multiple(self) -> bool:
        return sum(o.correct for o in self.options) > 1

    @property
    def correct_keys(self) -> list[str]:
        return [o.key for o in self.options if o.correct]


QUESTION_PROMPTS = {
    "claim-status": "How does the report present this claim?",
    "cue-kind": "What kind of cue are the marked words?",
    "claim-origin": "Where does this claim start, as far as the report tells?",
    "claim-verdict": "What do later reports in the data show about what this claim says happened?",
    "artefact-kind": "What did machine translation garble here?",
}
ARTEFACT_KINDS = {
    "number": "A number",
    "name": "A name, or who is speaking",
    "term": "A word or term",
    "date": "A date",
}


def _keys():
    return iter("abcdefghij")


def resolve_question(data: Dataset, q: Question) -> ResolvedQuestion:
    """Turn a question into options with correctness and feedback, computed from the data."""
    keys = _keys()
    ref = data.claim(q.claim) if q.claim else None
    prompt = q.prompt or QUESTION_PROMPTS.get(q.type, "")
    if q.type == "choice":
        options = [ResolvedOption(next(keys), o.text, o.correct, o.feedback, rich=True) for o in q.options]
        return ResolvedQuestion(q.id, prompt, options, q.explanation)
    if q.type == "pick-sources":
        options = []
        for sid in q.sources:
            s = data.sources[sid]
            fits = _source_matches(s, q)
            what = f"{labels.SOURCE_KINDS[s.kind]}, {'named' if s.named else 'unnamed'}"
            options.append(ResolvedOption(next(keys), s.name, fits, f"{s.name}: {what}. {s.description}"))
        return ResolvedQuestion(q.id, prompt, options, q.explanation)
    if q.type == "claim-status":
        options = [
            ResolvedOption(next(keys), label, status == ref.claim.status,
                           f"{label}: {meaning}." + (" That is how this report presents it." if status ==
                                                     ref.claim.status else ""))
            for status, (label, meaning) in labels.STATUS.items()
        ]
        return ResolvedQuestion(q.id, prompt, options, q.explanation, material=ref)
    if q.type == "cue-kind":
        right = next(cue.category for cue in ref.claim.cues if cue.text == q.cue)
        offered = q.categories or _default_categories(data, right)
        cats = data.cue_categories
        options = [
            ResolvedOption(next(keys), f"{cats[cid].label} ({labels.CUE_KINDS_SINGULAR[cats[cid].kind]})",
                           cid == right, f"{cats[cid].label} ({labels.CUE_KINDS_SINGULAR[cats[cid].kind]}): "
                                         f"{cats[cid].explanation}")
            for cid in offered
        ]
        return ResolvedQuestion(q.id, prompt, options, q.explanation, material=ref, material_mark=q.cue)
    if q.type == "claim-origin":
        links = {link.source.id: link for link in chain(data, ref)}
        options = []
        for sid in q.sources:
            s = data.sources[sid]
            link = links.get(sid)
            if link and link.is_origin:
                why = f"{s.name} ({labels.SOURCE_KINDS[s.kind]}) is the first source in the chain: the claim starts there."
            elif link:
                why = (f"{s.name} is in the chain, but it passes the claim on (step {link.position} of "
                       f"{len(links)}, counting from the origin).")
            else:
                why = f"{s.name} is not in this claim's chain of sources."
            options.append(ResolvedOption(next(keys), s.name, bool(link and link.is_origin), why))
        return ResolvedQuestion(q.id, prompt, options, q.explanation, material=ref)
    if q.type == "pick-figure":
        refs = [data.claim(key) for key in q.claims]
        values = [_figure_value(_figure_for(r, q.measure), q.pick) for r in refs]
        best = max(values) if q.pick == "highest" else min(values)
        unit = data.measures[q.measure].unit
        options = []
        for r, value in zip(refs, values, strict=False):
            figure = _figure_for(r, q.measure)
            said = f"{data.sources[r.report.outlet].name} ({r.report.date.iso()})"
            options.append(ResolvedOption(
                next(keys), f"“{figure.as_printed}”, {said}", value == best,
                f"{said} printed “{figure.as_printed}”, read as {analysis.describe_quantity(figure, unit)}."))
        prompt = q.prompt or f"Which figure for “{data.measures[q.measure].label}” is the {q.pick}?"
        return ResolvedQuestion(q.id, prompt, options, q.explanation)
    if q.type == "claim-verdict":
        verdict = ref.claim.verdict
        right = verdict.figure if q.part == "figure" else verdict.event
        if q.part == "figure" and not q.prompt:
            printed = ", ".join(f"“{quantity.as_printed}”" for quantity in ref.claim.quantities)
            prompt = f"What do later reports in the data show about this claim's figure ({printed})?"
        options = [
            ResolvedOption(next(keys), label, rating == right,
                           f"{label}: {meaning}." + (f" {verdict.explanation}" if rating == right else ""))
            for rating, (label, meaning) in labels.VERDICT.items()
        ]
        return ResolvedQuestion(q.id, prompt, options, q.explanation, material=ref)
    if q.type == "artefact-kind":
        artefact, aref = artefact_of(data, q.report, q.printed)
        options = [
            ResolvedOption(next(keys), label, kind == artefact.kind,
                           (f"Yes: the likely meaning is “{artefact.likely}”. {artefact.reasoning}"
                            if kind == artefact.kind else f"No: this is not a garbled {kind}."))
            for kind, label in ARTEFACT_KINDS.items()
        ]
        return ResolvedQuestion(q.id, prompt, options, q.explanation, material=aref, material_mark=q.printed)
    raise ValueError(f"unknown question type {q.type}")  # pragma: no cover - the model forbids it


def _default_categories(data: Dataset, right: str) -> list[str]:
    """The right category and three others, in lexicon order (stable between builds)."""
    ids = list(data.cue_categories)
    others = [c for c in ids if c != right][:3]
    return sorted([right] + others, key=ids.index)


def format_ratio(ratio: float) -> str:
    if ratio == float("inf"):
        return "not comparable"
    return f"{ratio:.0f}" if ratio >= 10 else f"{ratio:.1f}".rstrip("0").rstrip(".")
