"""Data-quality warnings: things that validate but that a reviewer should look at.

Errors (``loader.py``) stop the build; these do not. They run over a
validated :class:`Dataset`, in one linear pass, and each names a file, a
field path and a short code, so a contributor can act on it and a CI job
can choose which codes to fail on (``scripts/validate.py --error CODE``):

``placeholder``          a ``TODO`` value left from ``make new-report``
``unannotated-cue``      the cue lexicon finds a cue in a quote that ``cues`` does not list (and
                         ``not_cues`` does not silence)
``verdict-vs-trail``     a verdict points one way while the claim's own trail points the other,
                         and ``verdict.against`` does not explain why
``scare-quote-marks``    a scare-quote cue whose text has no quotation marks (YAML dropped them)
``ungraded-source``      a source without a reliability ``grade``
``translation-artefacts`` a translated report that records no translation artefacts
``unlinked-claim``       (info) a claim with no stance of its own that no other claim takes a stance on

Positions: the loader does not keep YAML positions in the Dataset, so
:func:`locate` re-reads only the files that have something to report (each
once), with the same strict reader, and asks it where the field is; given the
loader's parsed documents, it reads nothing again.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from .cues import CueDetector, compare
from .dataset import Dataset
from .export import verdict_words as export_words
from .model import Report
from .yamlsource import YamlDocument, YamlProblem, dotted, read_yaml

Level = Literal["warning", "info"]

CODES: dict[str, str] = {
    "placeholder": "a TODO placeholder from `make new-report` is still in the data",
    "unannotated-cue": "a cue found in a quote is not listed under the claim's cues (nor under not_cues)",
    "verdict-vs-trail": "a verdict disagrees with the claim's own trail, and verdict.against does not say why",
    "scare-quote-marks": "a scare-quote cue has lost its quotation marks",
    "ungraded-source": "a source has no reliability grade",
    "translation-artefacts": "a translated report records no translation artefacts",
    "unlinked-claim": "a claim is linked to no other claim (no stance, no follow-up)",
}
INFO_CODES = {"unlinked-claim"}

# "TODO" in capitals anywhere in text, or an id that starts with "todo-" (ids are lower case).
_PLACEHOLDER = re.compile(r"\bTODO\b")
_PLACEHOLDER_ID = re.compile(r"^todo(-|$)")


@dataclass(frozen=True)
class Finding:
    """One warning or note about data that is valid."""

    file: str  # relative to the data directory, e.g. "reports/<id>.yaml"
    path: tuple  # field path inside that file
    code: str
    message: str
    level: Level = "warning"
    # Filled in by locate():
    display: str = ""  # the file as shown to the contributor
    line: int = 0
    column: int = 0

    @property
    def field(self) -> str:
        return dotted(self.path)

    def __str__(self) -> str:
        where = f"{self.display or self.file}:{self.line}:{self.column}" if self.line else (
            self.display or self.file
        )
        field = f"{self.field}: " if self.path else ""
        return f"{where}: {self.level}: {field}{self.message} [{self.code}]"


def report_file(report: Report) -> str:
    """A report's file, relative to the data directory (the loader makes the id equal the file name)."""
    return f"reports/{report.id}.yaml"


# --- the checks --------------------------------------------------------------


def check(dataset: Dataset) -> list[Finding]:
    """Every finding for a validated dataset, in file order; positions not yet filled in."""
    findings: list[Finding] = []
    findings += _placeholders_in_shared(dataset)
    findings += _ungraded_sources(dataset)
    detector = CueDetector(dataset.cue_categories)
    for report in dataset.reports:
        findings += _placeholders(report_file(report), (), report)
        findings += _unannotated_cues(report, detector)
        findings += _verdicts_against_trail(dataset, report)
        findings += _scare_quotes_without_marks(dataset, report)
        findings += _translation_without_artefacts(report)
        findings += _unlinked_claims(dataset, report)
    return findings


def _placeholders(file: str, path: tuple, obj: BaseModel) -> list[Finding]:
    # Cheap pre-check in Rust: most objects have no placeholder at all.
    dumped = obj.model_dump_json()
    if "TODO" not in dumped and '"todo' not in dumped:
        return []
    return [
        Finding(file, where, "placeholder",
                f"still holds the placeholder {_short(text)!r}: replace it with real data")
        for where, text in _walk_text(obj, path)
        if _PLACEHOLDER.search(text) or (where and where[-1] in ("id", "case") and _PLACEHOLDER_ID.match(text))
    ]


def _walk_text(value: Any, path: tuple) -> Iterator[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from _walk_text(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _walk_text(item, path + (i,))


def _short(text: str, limit: int = 50) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _placeholders_in_shared(dataset: Dataset) -> list[Finding]:
    # The loader builds these dicts in file order, and refuses duplicate ids, so the
    # position in the dict is the position in the file.
    findings: list[Finding] = []
    for file, field, items in (
        ("sources.yaml", "sources", dataset.sources),
        ("measures.yaml", "measures", dataset.measures),
        ("cues.yaml", "categories", dataset.cue_categories),
    ):
        for i, item in enumerate(items.values()):
            findings += _placeholders(file, (field, i), item)
    return findings


def _ungraded_sources(dataset: Dataset) -> list[Finding]:
    return [
        Finding("sources.yaml", ("sources", i), "ungraded-source",
                f"source '{source.id}' has no grade: add grade: {{reliability: A-F, reason: ...}}")
        for i, source in enumerate(dataset.sources.values())
        if source.grade is None
    ]


def _unannotated_cues(report: Report, detector: CueDetector) -> list[Finding]:
    findings = []
    for i, claim in enumerate(report.claims):
        missed = compare(detector, claim).missed
        if missed:
            cues = ", ".join(f"'{cue.text}' ({cue.kind}: {cue.category})" for cue in missed)
            plural = "s" if len(missed) > 1 else ""
            findings.append(Finding(
                report_file(report), ("claims", i, "quote"), "unannotated-cue",
                f"possible cue{plural} not listed under cues: {cues}; annotate it, or, if the words are not "
                "a cue here, list them under not_cues with the reason (e.g. 'reported speech')",
            ))
    return findings


POSITIVE = {"confirmed", "supported"}
NEGATIVE = {"disputed", "false"}
AGAINST = {"disputes", "denies", "contradicts"}
FOR = {"confirms", "supports"}


def _verdicts_against_trail(dataset: Dataset, report: Report) -> list[Finding]:
    """A verdict that rests on evidence pointing the other way, or ignores a credible objection.

    A positive verdict is questioned by a direct follow-up that disputes, denies or contradicts the
    claim, unless that follow-up is itself rated false or disputed; a negative verdict by one that
    confirms or supports it. ``verdict.against`` answers the question and silences the warning."""
    findings = []
    for i, claim in enumerate(report.claims):
        verdict = claim.verdict
        if verdict is None or verdict.against:
            continue
        if verdict.overall in POSITIVE:  # it happened, and any figure holds
            other_way = AGAINST
        elif verdict.event in NEGATIVE:  # it did not happen as claimed
            other_way = FOR
        else:  # unproven, or the event holds but the figure does not: either kind of follow-up fits
            continue
        awkward = []
        for follow in dataset.follow_ups(report, claim):
            if follow.stance.relation not in other_way:
                continue
            own = follow.by.claim.verdict
            if own is not None and own.overall in NEGATIVE:
                continue  # an objection the data itself rejects
            rests_on = " (the verdict rests on it)" if follow.by.key in verdict.evidence else ""
            awkward.append(f"{follow.by.key} {follow.stance.relation} it{rests_on}")
        if awkward:
            findings.append(Finding(
                report_file(report), ("claims", i, "verdict"), "verdict-vs-trail",
                f"the verdict says {export_words(verdict)}, but in the claim's trail {'; '.join(awkward)}: fix the "
                "verdict or the stance, or say in verdict.against why the verdict stands",
            ))
    return findings


_QUOTE_MARKS = "\"'“”‘’«»„‚"


def _scare_quotes_without_marks(dataset: Dataset, report: Report) -> list[Finding]:
    findings = []
    for i, claim in enumerate(report.claims):
        for j, cue in enumerate(claim.cues):
            category = dataset.cue_categories.get(cue.category)
            if category and category.kind == "scare-quote" and not any(m in cue.text for m in _QUOTE_MARKS):
                findings.append(Finding(
                    report_file(report), ("claims", i, "cues", j, "text"), "scare-quote-marks",
                    f"scare-quote cue {cue.text!r} has no quotation marks: include them, writing the value "
                    "in single quotes so YAML keeps them, e.g. text: '\"volunteers\"' or text: '‘volunteers’'",
                ))
    return findings


def _translation_without_artefacts(report: Report) -> list[Finding]:
    if report.translation == "none" or report.artefacts:
        return []
    return [Finding(
        report_file(report), ("translation",), "translation-artefacts",
        f"a {report.translation} translation with no artefacts recorded: check numbers, names, terms "
        "and dates for garbling and record each under artefacts",
    )]


def _unlinked_claims(dataset: Dataset, report: Report) -> list[Finding]:
    return [
        Finding(report_file(report), ("claims", i), "unlinked-claim",
                f"claim '{claim.id}' takes no stance on another claim and no claim takes one on it",
                level="info")
        for i, claim in enumerate(report.claims)
        if not claim.stance and not dataset.follow_ups(report, claim)
    ]


# --- positions ------------------------------------------------------------------


def locate(findings: Iterable[Finding], data_dir: Path, root: Path | None = None,
           documents: Mapping[str, YamlDocument] | None = None) -> list[Finding]:
    """Fill in display name, line and column; each file that has findings is read once.

    ``documents`` (file relative to ``data_dir`` -> the loader's YamlDocument), when
    the loader keeps them, saves reading any file again. A file that cannot be
    re-read (it changed since loading) keeps line 0: the finding is still shown,
    against the file.
    """
    data_dir = Path(data_dir)
    root = Path(root) if root else data_dir.parent
    documents = dict(documents or {})
    located = []
    for finding in findings:
        path = data_dir / finding.file
        try:
            display = os.path.relpath(path, root)
        except ValueError:
            display = str(path)
        if finding.file not in documents:
            try:
                documents[finding.file] = read_yaml(path, display)
            except YamlProblem:
                documents[finding.file] = None
        doc = documents[finding.file]
        line, column = doc.locate(finding.path) if doc else (0, 0)
        display = doc.file if doc else display
        located.append(replace(finding, display=display, line=line, column=column))
    return located
