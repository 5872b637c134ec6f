"""The pre/post check: two parallel forms that measure each skill the course teaches, before and after.

A form (``data/checks/<form-id>.yaml``) is a list of questions like a lesson quiz, each tagged
with the skill it measures. Its answers are computed from the case data (``course_answers``);
only headline-against-body questions, which no computed type covers, are written as `choice`.
Students take a form on the site; the page scores it and turns the answers into a short code
(``result_code``) that the teacher pools on the class results page. No account, nothing sent.

The answer key the pages and the code share is :class:`FormKey`: the form's number, each
question's option count and right options, and a fingerprint of all that, so a code made
with an older version of a form is recognised instead of being scored against a new key.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Annotated, Literal

from pydantic import Field, model_validator

from .course_answers import ResolvedQuestion
from .course_model import Question
from .course_text import RichText
from .model import ShortText, Slug, Strict

CHECKS_DIR = "checks"  # data/checks/<form-id>.yaml
CHECK_PAGES = "check"  # docs/check/<form-id>.md
# skill id -> label, in the order of the course
SKILLS = {
    "who-is-speaking": "Who is speaking",
    "hedges": "Hedges and certainty markers",
    "citation-chains": "Citation chains",
    "numbers": "Numbers that move",
    "translation": "Translation",
    "rumour-to-confirmation": "From rumour to confirmation",
    "headline-vs-body": "Headline against body",
    "lateral-reading": "Lateral reading",
    "blame": "Accusations, denials and findings",
    "wire-copy": "One story, many outlets",
}
Skill = Literal[
    "who-is-speaking", "hedges", "citation-chains", "numbers", "translation", "rumour-to-confirmation",
    "headline-vs-body", "lateral-reading", "blame", "wire-copy",
]
MIN_QUESTIONS = 8
MAX_FORM_NUMBER = 31  # one base-32 character of the code


class CheckQuestion(Question):
    """A quiz question that measures one skill (see Question for the types and their fields)."""

    skill: Skill = Field(description="The skill this question measures: " + ", ".join(SKILLS) + ".")


class CheckForm(Strict):
    """One form of the pre/post check; the forms are parallel: the same skills, different questions."""

    id: Slug = Field(description="Must equal the file name without .yaml, e.g. before.")
    number: Annotated[int, Field(ge=1, le=MAX_FORM_NUMBER, description=(
        "The form's number in result codes (1-31). Never reuse a number for a different form."))]
    when: Literal["before", "after"] = Field(description="Taken before the lessons or after them.")
    title: ShortText
    minutes: Annotated[int, Field(ge=3, le=40)] = Field(description="How long the form takes a student.")
    intro: RichText = Field(description="What the student is told before the questions.")
    questions: list[CheckQuestion] = Field(min_length=MIN_QUESTIONS)

    @model_validator(mode="after")
    def _ids_differ(self) -> CheckForm:
        ids = [q.id for q in self.questions]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"question ids must differ within a form: {', '.join(twice)} is used twice")
        return self


def signature(q: Question) -> tuple:
    """What makes two questions the same question, whatever their ids and wording of explanation."""
    return (q.type, q.claim, q.cue, q.measure, q.pick, tuple(sorted(q.claims or [])), q.report, q.printed,
            q.source, tuple(sorted(q.sources or [])), q.match, q.kind, q.part,
            q.prompt if q.type == "choice" else None)


@dataclass(frozen=True)
class KeyQuestion:
    id: str
    skill: str
    options: int  # how many options are offered
    correct: tuple[int, ...]  # the right options, 0-based


@dataclass(frozen=True)
class FormKey:
    """What a result code needs to know about a form, on the check page, the class page and in Python."""

    id: str
    number: int
    when: str
    title: str
    questions: tuple[KeyQuestion, ...]

    @property
    def fingerprint(self) -> int:
        """10 bits that change whenever the form's questions, options or right answers change."""
        text = "|".join([self.id, str(self.number)] + [f"{q.id}:{q.skill}:{q.options}:{','.join(map(str, q.correct))}"
                                                      for q in self.questions])
        return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:2], "big") >> 6

    def as_json(self) -> dict:
        return {
            "id": self.id, "number": self.number, "when": self.when, "title": self.title,
            "fingerprint": self.fingerprint,
            "questions": [{"id": q.id, "skill": q.skill, "options": q.options, "correct": list(q.correct)}
                          for q in self.questions],
        }


def form_key(form: CheckForm, resolved: list[ResolvedQuestion]) -> FormKey:
    questions = tuple(
        KeyQuestion(q.id, q.skill, len(r.options), tuple(i for i, o in enumerate(r.options) if o.correct))
        for q, r in zip(form.questions, resolved, strict=True)
    )
    return FormKey(form.id, form.number, form.when, form.title, questions)


def score(key: FormKey, answers: list[set[int]]) -> dict[str, tuple[int, int]]:
    """skill -> (right, asked). A question is right when exactly its right options are chosen."""
    result: dict[str, tuple[int, int]] = {}
    for q, chosen in zip(key.questions, answers, strict=True):
        right, asked = result.get(q.skill, (0, 0))
        result[q.skill] = (right + (set(chosen) == set(q.correct)), asked + 1)
    return result
