"""The held-out cue evaluation set: real passages, cues marked by kind, split once into dev and test.

The seed reports in data/reports/ are what the lexicon was built from, so the
detector's agreement with them says little about a report nobody tuned it to.
This set (tests/cue-eval/heldout.yaml, guidelines in
docs/contributing/cue-annotation.md) was annotated without looking at the
detector, and split by report into a development half (look at it, tune on
it) and a test half (only ever report its scores). Its cues carry a kind, not
a lexicon category, so no lexicon decision leaks into it.

The file is read like every data file: the strict YAML reader, a pydantic
model, then checks that every span is where it says, each problem located
(file:line:col) and all of them listed in one DataError.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, StringConstraints

from .cues import KINDS, Annotation, CueDetector, Marked, Score, score
from .errors import DataError, Problem
from .loader import _parse, display_path
from .model import CueKind, Occurrence, OneLine, PartialDateText, ShortText, Slug, Strict, WebUrl
from .spans import occurrences, place

# The project's held-out set (the data-quality page and scripts/hedge_score.py read it).
HELDOUT = Path(__file__).resolve().parents[2] / "tests" / "cue-eval" / "heldout.yaml"

Split = Literal["dev", "test"]
SPLITS: tuple[Split, ...] = ("dev", "test")
MAX_PASSAGE = 400

PassageText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_PASSAGE),
    OneLine,
    Field(description="One or two sentences, copied verbatim from the report (quotation marks as printed)."),
]


class EvalCue(Strict):
    """A cue marked by hand: its exact words and its kind (no lexicon category: the set must not know the lexicon)."""

    text: ShortText = Field(description="The cue exactly as in the passage (case and quotation marks as printed).")
    kind: CueKind
    occurrence: Occurrence | None = None


class EvalNotCue(Strict):
    """Words spelled like a cue that are not one here, with the reason (they are not scored: they document a decision)."""

    text: ShortText
    reason: ShortText
    occurrence: Occurrence | None = None


class Passage(Strict):
    id: Annotated[str, StringConstraints(pattern=r"^p[0-9]+$"), Field(description="p1, p2, ... within the report.")]
    text: PassageText
    cues: list[EvalCue] = Field(description="Every cue in the passage; [] when it has none.")
    not_cues: list[EvalNotCue] = Field(default_factory=list)


class EvalReport(Strict):
    id: Slug = Field(description="outlet-date-words, e.g. `ap-2024-05-15-houthi-claims-red-sea`.")
    outlet: ShortText
    url: WebUrl
    published: PartialDateText
    headline: ShortText | None = None
    split: Split = Field(description=(
        "dev (develop and tune on it) or test (report its scores only). Fixed once by the rule in the "
        "file's header: report ids sorted, alternately dev, test. Never change it."
    ))
    passages: list[Passage] = Field(min_length=1)


class CueEvalFile(Strict):
    """A held-out set of passages from real reports with their cues marked by kind."""

    reports: list[EvalReport] = Field(min_length=1)


@dataclass(frozen=True)
class PassageRef:
    report: EvalReport
    passage: Passage

    @property
    def key(self) -> str:
        return f"{self.report.id}#{self.passage.id}"

    def marked(self) -> Marked:
        """The passage as the detector is scored on it. Its not_cues are left out: they record the
        annotator's decisions, and a detection there is a false alarm the detector must answer for."""
        spans, _ = place(self.passage.text, self.passage.cues)
        return Marked(self.passage.text, tuple(Annotation(s.start, s.end, s.item.text, None, s.item.kind)
                                               for s in spans))


@dataclass(frozen=True)
class CueEvalSet:
    reports: list[EvalReport]

    def passages(self, split: Split | None = None) -> list[PassageRef]:
        return [PassageRef(r, p) for r in self.reports if split in (None, r.split) for p in r.passages]


def split_rule(ids: list[str]) -> dict[str, Split]:
    """The fixed split: report ids sorted, alternately dev, test (first dev)."""
    return {rid: SPLITS[i % 2] for i, rid in enumerate(sorted(ids))}


def _whole_words(text: str, words: str) -> int:
    left = r"(?<!\w)" if re.match(r"\w", words) else ""
    right = r"(?!\w)" if re.search(r"\w$", words) else ""
    return len(re.findall(left + re.escape(words) + right, text))


def load_cue_eval(path: Path, root: Path | None = None) -> CueEvalSet:
    """Read and check a held-out set; raise DataError listing every problem, each at file:line:col."""
    path = Path(path)
    problems: list[Problem] = []
    parsed = _parse(path, display_path(path, Path(root) if root else path.parent), CueEvalFile, problems)
    if parsed is None:
        raise DataError(problems)
    data, doc = parsed
    rule = split_rule([r.id for r in data.reports])
    seen: dict[str, int] = {}
    for i, report in enumerate(data.reports):
        at = ("reports", i)
        if report.id in seen:
            problems.append(doc.problem(at + ("id",), f"report id '{report.id}' is used twice "
                                                      f"(also reports.{seen[report.id]})"))
        seen.setdefault(report.id, i)
        if report.split != rule[report.id]:
            problems.append(doc.problem(at + ("split",), (
                f"the fixed rule (ids sorted, alternately dev, test) gives {rule[report.id]}, the file says "
                f"{report.split}: never re-split a set; put new material in a new set file")))
        passage_ids: set[str] = set()
        for j, passage in enumerate(report.passages):
            pat = at + ("passages", j)
            if passage.id in passage_ids:
                problems.append(doc.problem(pat + ("id",), f"passage id '{passage.id}' is used twice in this report"))
            passage_ids.add(passage.id)
            cue_spans = _check_spans(doc, pat, "cues", passage.cues, passage.text, problems)
            not_spans = _check_spans(doc, pat, "not_cues", passage.not_cues, passage.text, problems)
            taken = {(s.start, s.end) for s in cue_spans}
            for span in not_spans:
                if (span.start, span.end) in taken:
                    problems.append(doc.problem(pat + ("not_cues", span.index, "text"),
                                                f"{span.item.text!r} is marked both as a cue and as not a cue"))
    if problems:
        raise DataError(problems)
    return CueEvalSet(list(data.reports))


def _check_spans(doc, at: tuple, field: str, items: list, text: str, problems: list[Problem]) -> list:
    spans, misplaced = place(text, items, "cue" if field == "cues" else "not-a-cue words")
    for wrong in misplaced:
        problems.append(doc.problem(at + (field, wrong.index, "text"), wrong.message))
    for j, item in enumerate(items):
        inside, whole = len(occurrences(text, item.text)), _whole_words(text, item.text)
        if inside and inside != whole:
            problems.append(doc.problem(at + (field, j, "text"), (
                f"{item.text!r} occurs {inside} times in the passage but only {whole} as whole words "
                "(it is also part of a longer word): widen the span so that its occurrences are unambiguous")))
    return spans


def split_scores(detector: CueDetector, evalset: CueEvalSet) -> dict[Split, dict[str | None, Score]]:
    """Precision and recall on each half, for all kinds (key None) and for each kind."""
    result: dict[Split, dict[str | None, Score]] = {}
    for split in SPLITS:
        marked = [p.marked() for p in evalset.passages(split)]
        result[split] = {kind: score(detector, marked, kind) for kind in (None, *KINDS)}
    return result


@dataclass(frozen=True)
class HeldOutScores:
    """The detector on each half of a held-out set, for the data-quality page."""

    reports: dict[Split, int]
    passages: dict[Split, int]
    scores: dict[Split, dict[str | None, Score]]


def heldout_scores(detector: CueDetector, path: Path | None = None) -> HeldOutScores | None:
    """Scores on a held-out set (the project's by default), or None when the set is not there (a copy
    of the site without tests/). A broken set raises DataError like any data file."""
    path = Path(path or HELDOUT)
    if not path.exists():
        return None
    evalset = load_cue_eval(path, root=path.parents[2])
    return HeldOutScores(
        reports={split: len({r.id for r in evalset.reports if r.split == split}) for split in SPLITS},
        passages={split: len(evalset.passages(split)) for split in SPLITS},
        scores=split_scores(detector, evalset),
    )
