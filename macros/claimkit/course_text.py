"""Rich text in course files: ``[[kind:target|label]]`` references and ``[[count:...]]`` numbers.

Free text in course files may link into the site with ``[[kind:target|label]]``
(kinds: report, claim, source, tracker, page, lesson, term) or mark a glossary
term with ``[[term-id]]``; ``[[count:WHAT:MEASURE]]`` writes a number computed from
the data. The markup is parsed here, checked by ``course_loader`` and turned into
escaped HTML by ``course_render``; the text is never run as a template.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

from pydantic import Field, StringConstraints

from .dataset import ClaimRef, Dataset
from .model import OneLine

if TYPE_CHECKING:
    from .course_model import Course

LINK_KINDS = ("report", "claim", "source", "tracker", "page", "lesson", "term", "count")
# [[count:WHAT:MEASURE]] writes a number computed from the data, so lesson text never goes stale.
COUNT_KINDS = {
    "figures": "figures given for the measure",
    "sources": "different origins of those figures (where each claim starts)",
    "reports": "reports that give a figure for the measure ([[count:reports]] alone: every report)",
    "hedges": "hedges annotated in a claim: [[count:hedges:REPORT#CLAIM]]",
    "certainty-markers": "certainty markers annotated in a claim",
    "attribution-cues": "attribution cues annotated in a claim",
    "cues": "cues of every kind annotated in a claim",
}
# [[count:WHAT:REPORT#CLAIM]] -> the cue kind it counts (None: every kind)
CUE_COUNTS = {"hedges": "hedge", "certainty-markers": "certainty", "attribution-cues": "attribution", "cues": None}
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
            "[[count:sources:MEASURE]], [[count:reports:MEASURE]] or [[count:reports]]; count a claim's cues with "
            "[[count:hedges:REPORT#CLAIM]], [[count:certainty-markers:...]], [[count:attribution-cues:...]] or "
            "[[count:cues:...]]."
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
    if what in CUE_COUNTS:
        claim = data.claim(measure).claim
        kind = CUE_COUNTS[what]
        return sum(1 for cue in claim.cues if kind is None or data.cue_categories[cue.category].kind == kind)
    if what == "reports" and not measure:
        return len(data.reports)
    rows = data.figures_index.get(measure, [])
    if what == "figures":
        return len(rows)
    if what == "sources":
        return len({_origin_id(ref) for ref, _ in rows})
    return len({ref.report.id for ref, _ in rows})


def _origin_id(ref: ClaimRef) -> str:
    return ref.claim.attribution[-1].source if ref.claim.attribution else ref.report.outlet


def number_words(n: int) -> str:
    return NUMBER_WORDS[n] if n < len(NUMBER_WORDS) else f"{n:,}"


# "four hedges", "two certainty markers": a count of cues written by hand (checked against the claim, or refused)
HAND_CUE_COUNT = re.compile(
    r"\b(" + "|".join(NUMBER_WORDS[1:]) + r"|\d+)\s+(hedges?|certainty (?:markers?|signals?)|attribution cues?|cues?)\b",
    re.IGNORECASE)
HAND_COUNT = re.compile(
    r"\b(" + "|".join(NUMBER_WORDS[1:]) + r"|\d+)\s+(figures|sources|origins|reports)\b", re.IGNORECASE)
