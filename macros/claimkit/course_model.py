"""Lessons and the glossary as data: the pydantic models of ``data/lessons/*.yaml`` and ``data/glossary.yaml``.

The course lives in ``data/lessons/<lesson-id>.yaml`` (one lesson per file:
objectives, readings, exercises, quiz, teacher notes) and ``data/glossary.yaml``.
The models check each file on its own; ``course_loader`` reads the files and
cross-checks them against the case data; ``course_answers`` computes the answers.

Answers are never typed into the course files. An exercise names a claim or a
measure; its answer (the cues, the chain of sources, the figures, the
translation artefacts, the verdicts) is computed from the case data, so a
correction to a report corrects every exercise and quiz built on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import Field, StringConstraints, model_validator

from .course_text import DOC_PAGE, RichText, parse_rich

if TYPE_CHECKING:
    from .course_timing import LessonTiming
    from .lateral import LateralSet
    from .prepost import CheckForm, FormKey

from .model import (
    ClaimKey,
    OneLine,
    Quote,
    ShortText,
    Slug,
    SourceKind,
    Strict,
    Text,
    YesNo,
)

LESSONS_DIR = "lessons"
GLOSSARY_FILE = "glossary.yaml"

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
    core: YesNo = Field(True, description=(
        "Part of the 45-minute core path (the default); false: only in the full path. Its minutes are computed "
        "from the words on the page it links to (only the claim's section when it links to a claim)."))

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
    "mark-cues", "chain-step", "what-changed", "compare-figures", "trust-which", "status-timeline", "translation",
    "lateral-reading",
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
    "lateral-reading": (("source",), ()),
}
_EXERCISE_SPECIFIC = {"claim", "ask", "measures", "claims", "model_answer", "report", "printed", "source"}

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
    "lateral-reading": "Before you trust what this source says, find out who is behind it. You searched for it and "
                       "got the results below. Look over the whole list before you open anything: which result "
                       "would you open first, and why? Then decide what each result can tell you (useful, a trap, "
                       "or off-topic), and write your verdict: who is behind the source, and how far would you "
                       "trust what it says about the war?",
}
CHAIN_PROMPTS = {
    "unnamed": "Follow the chain of sources behind this claim. Which step is unnamed or only vaguely cited, "
               "so that a reader cannot check it?",
    "origin": "Follow the chain of sources behind this claim back to where it starts. Who is the origin, as far "
              "as the report tells, and what kind of source is it?",
    "who": "List every source in the chain behind this claim, from where it starts to this report. For each, "
           "say what kind of source it is and whether it is named.",
}


RUBRIC_LEVELS = {
    "beginning": "Beginning",
    "developing": "Developing",
    "secure": "Secure",
}
# Exercises answered in the student's own sentences, marked with a rubric; the others (marking cues,
# naming the steps of a chain) have one computed answer to compare with.
WRITTEN_TYPES = ("what-changed", "compare-figures", "trust-which", "status-timeline", "translation", "lateral-reading")

SampleAnswer = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=1200),
    OneLine,
    Field(description="A sample student answer at this level, in a student's own words: plain text, no [[ ]]."),
]


class RubricLevel(Strict):
    descriptor: RichText = Field(description="What an answer at this level does (and what it misses).")
    sample: SampleAnswer


class Rubric(Strict):
    """Three levels for marking a written answer, each with a sample answer written for this case."""

    beginning: RubricLevel
    developing: RubricLevel
    secure: RubricLevel

    def levels(self) -> list[tuple[str, RubricLevel]]:
        return [(RUBRIC_LEVELS[name], getattr(self, name)) for name in RUBRIC_LEVELS]


class Exercise(Strict):
    """One exercise. Its answer is computed from the case data it names, never typed in.

    mark-cues (claim), chain-step (claim, ask), what-changed (claim), compare-figures (measures),
    trust-which (claims, model_answer), status-timeline (claims), translation (report, printed),
    lateral-reading (source).
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
    source: Slug | None = Field(None, description="lateral-reading: a source with a set in data/lateral/.")
    discussion: RichText | None = Field(None, description="Optional note shown with the answer.")
    minutes: Annotated[int, Field(ge=1, le=40, description=(
        "How long the exercise takes a typical pair of students, answer checked, readings aside."))]
    core: YesNo = Field(True, description="Part of the 45-minute core path (the default); false: full path only.")
    rubric: Rubric | None = Field(None, description=(
        "Required for written exercises (" + ", ".join(WRITTEN_TYPES) + "): beginning, developing and secure, "
        "each with a descriptor and a sample answer."))

    @model_validator(mode="after")
    def _fields_fit_type(self) -> Exercise:
        _check_type_fields(self, EXERCISE_FIELDS, _EXERCISE_SPECIFIC, "exercise")
        if self.type in WRITTEN_TYPES and self.rubric is None:
            raise ValueError(f"a {self.type} exercise is answered in writing: give it a rubric with the levels "
                             "beginning, developing and secure, each with a descriptor and a sample answer")
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
    "artefact-kind", "lateral-first",
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
    "lateral-first": (("source",), ()),
}
_QUESTION_SPECIFIC = {"options", "sources", "source", "match", "kind", "claim", "cue", "categories", "measure", "pick",
                      "claims", "report", "printed", "part"}


class Question(Strict):
    """One self-check question. Except for `choice`, the options' correctness is computed from the data.

    choice (prompt, options), pick-sources (prompt, sources, match or kind), claim-status (claim),
    cue-kind (claim, cue, optional categories), claim-origin (claim, sources),
    pick-figure (measure, pick, claims), claim-verdict (claim), artefact-kind (report, printed),
    lateral-first (source: which search result to open first).
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
    source: Slug | None = Field(None, description="lateral-first: a source with a set in data/lateral/.")
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
    """One step of the core path in class. Its minutes are computed from what it covers, or given."""

    activity: ShortText = Field(description="e.g. 'Starter', 'Exercises 1-2 in pairs'.")
    covers: list[Slug] = Field(default_factory=list, description=(
        "The activities done in this phase: reading-N (as numbered on the lesson page), exercise ids, quiz."))
    minutes: Annotated[int, Field(ge=1, le=90)] | None = Field(None, description=(
        "Required when the phase covers nothing (a starter, an exit); otherwise optional, and at least the "
        "minutes of what it covers."))
    details: RichText = Field(description="What the teacher and the students do.")


class Misconception(Strict):
    belief: RichText = Field(description="What students often think.")
    correction: RichText = Field(description="What to say or show instead, from the case.")


class TeacherNotes(Strict):
    preparation: list[RichText] = Field(default_factory=list, description="Before the lesson.")
    phases: list[Phase] = Field(min_length=3, description=(
        "The core path in class, in order: every core activity in exactly one phase; at most the lesson's minutes."))
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
    minutes: Annotated[int, Field(ge=10, le=180)] = Field(
        45, description="One class period: the core path (the teacher's phases) must fit in it.")
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
    timings: dict[str, LessonTiming] = field(default_factory=dict)  # lesson id -> its clock (course_timing)
    lateral: dict[str, LateralSet] = field(default_factory=dict)  # source id -> its lateral-reading set
    forms: dict[str, CheckForm] = field(default_factory=dict)  # the pre/post check's forms, by id, in number order
    form_keys: dict[str, FormKey] = field(default_factory=dict)  # form id -> its answer key (for result codes)

    def timing(self, lesson_id: str) -> LessonTiming:
        return self.timings[lesson_id]

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
    for _, text in free_texts(lesson.model_dump(), ()):
        for part in parse_rich(text):
            if part.kind == "term" and part.target not in found:
                found.append(part.target)
    return found


# Fields that hold free text (checked for references and figures); everything else is ids and codes.
FREE_TEXT_FIELDS = {
    "title", "summary", "objectives", "case", "why", "label", "prompt", "model_answer", "discussion", "text",
    "feedback", "explanation", "key_points", "details", "activity", "preparation", "belief", "correction",
    "support", "extension", "definition", "example", "term", "descriptor", "sample",
}


def free_texts(node: Any, path: tuple) -> list[tuple[tuple, str]]:
    found: list[tuple[tuple, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in FREE_TEXT_FIELDS:
                if isinstance(value, str):
                    found.append((path + (key,), value))
                elif isinstance(value, list):
                    found += [(path + (key, i), v) for i, v in enumerate(value) if isinstance(v, str)]
                    found += [t for i, v in enumerate(value) if isinstance(v, dict) for t in free_texts(v, path + (key, i))]
            else:
                found += free_texts(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += free_texts(value, path + (i,))
    return found
