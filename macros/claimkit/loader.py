"""Load and validate every data file once, collecting all problems.

The flow: ``read_yaml`` (strict YAML with positions) -> pydantic model
(one file's shape) -> cross-file checks (ids, references, quotes) ->
:class:`Dataset`. Any problem anywhere raises one :class:`DataError` that lists
them all, so no page is ever built from half-valid data.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import datafiles, limits, pathnames, suggest
from .dataset import Dataset
from .errors import DataError, Problem
from .model import (
    CasesFile,
    CuesFile,
    EventsFile,
    MeasuresFile,
    PartialDate,
    Report,
    SourcesFile,
)
from .spans import place
from .yamlsource import YamlDocument, YamlProblem, read_yaml

SHARED_FILES = {"sources.yaml": SourcesFile, "measures.yaml": MeasuresFile, "cues.yaml": CuesFile,
                "cases.yaml": CasesFile}
OPTIONAL_FILES = {"events.yaml": EventsFile}
REPORTS_DIR = "reports"
MAX_FIGURE = 10**15  # larger "figures" are typos or junk, and would not print


def load_dataset(data_dir: Path, *, today: dt.date | None = None, root: Path | None = None,
                 reuse: dict[str, tuple[str, Any]] | None = None, digests: dict[str, str] | None = None) -> Dataset:
    """Validate everything under ``data_dir``; raise DataError listing every problem.

    ``reuse`` (file path -> (content digest, parsed report)), kept by the caller between loads, and
    ``digests`` (file path -> digest of its bytes now) let a report file whose bytes are unchanged skip
    its YAML and model step: under `mkdocs serve` an edit re-reads one file. The checks across files
    always run in full.
    """
    data_dir = Path(data_dir)
    root = Path(root) if root else data_dir.parent
    today = today or dt.date.today()
    problems: list[Problem] = []
    refused = datafiles.folder_problem(data_dir)
    if refused:  # a data folder that is a link could be anywhere: read nothing from it
        raise DataError([Problem(display_path(data_dir, root), 0, 0, "", refused)])

    def display(path: Path) -> str:
        return display_path(path, root)

    shared: dict[str, tuple[BaseModel, YamlDocument] | None] = {}
    for name, model in SHARED_FILES.items():
        path = data_dir / name
        if not os.path.lexists(path):  # (a link to nowhere is refused as a link, not "missing")
            problems.append(Problem(display(path), 0, 0, "", "required data file is missing"))
            shared[name] = None
            continue
        shared[name] = _parse(path, display(path), model, problems)
    for name, model in OPTIONAL_FILES.items():
        path = data_dir / name
        shared[name] = _parse(path, display(path), model, problems) if os.path.lexists(path) else None

    reports: list[tuple[Report, YamlDocument]] = []
    refused = datafiles.folder_problem(data_dir / REPORTS_DIR)
    if refused:
        problems.append(Problem(display(data_dir / REPORTS_DIR), 0, 0, "", refused))
    report_paths = [] if refused else sorted((data_dir / REPORTS_DIR).glob("*.yaml"))
    for stray in sorted((data_dir / REPORTS_DIR).glob("*.yml")):
        problems.append(Problem(display(stray), 0, 0, "", "report files must end in .yaml, not .yml"))
    unreadable: dict[str, str] = {}  # report id (and file stem) -> file, for reports that failed to load
    passed: set[int] = set()  # id() of the reports reused: the checks of one report alone passed before
    for path in report_paths:
        digest = digests.get(str(path)) if digests else None
        kept = reuse.get(str(path)) if reuse is not None and digest else None
        if kept and kept[0] == digest:
            parsed = kept[1]  # the same bytes validated before (parsing has no inputs but the bytes)
            passed.add(id(parsed[0]))
        else:
            parsed = _parse(path, display(path), Report, problems, unreadable)
            if reuse is not None and digest and parsed:
                reuse[str(path)] = (digest, parsed)
        if parsed:
            reports.append(parsed)

    problems += pathnames.id_problems(shared, reports, docs_dir=data_dir.parent / "docs")
    checker = _CrossChecker(shared, reports, today, problems, unreadable, passed)
    checker.run()
    if problems:
        raise DataError(problems, checker.held_back)
    return Dataset(
        reports=[r for r, _ in reports],
        sources=checker.sources,
        measures=checker.measures,
        cue_categories=checker.categories,
        events=checker.events,
        cases=checker.cases,
    )


class ReusedDocument:
    """The YAML document of a report file reused unchanged from an earlier load (``reuse``): read again
    only if a check across files has a problem to point into it (the file's bytes are the same).
    ``report_id``, the id the file validated with, answers the checks of every report's id without it."""

    def __init__(self, path: Path, file: str, report_id: str | None = None):
        self.path = path
        self.file = file
        self.report_id = report_id
        self._doc: YamlDocument | None = None

    def _document(self) -> YamlDocument:
        if self._doc is None:
            self._doc = read_yaml(self.path, self.file)
        return self._doc

    @property
    def data(self) -> Any:
        return _KnownId(self) if self.report_id is not None and self._doc is None else self._document().data

    def __getattr__(self, name: str):
        return getattr(self._document(), name)


class _KnownId(Mapping):
    """A reused report's plain values: its id without reading the file, anything else read from it."""

    def __init__(self, owner: ReusedDocument):
        self._owner = owner

    def __getitem__(self, key):
        if key == "id":
            return self._owner.report_id
        return self._owner._document().data[key]

    def __iter__(self):
        return iter(self._owner._document().data)

    def __len__(self) -> int:
        return len(self._owner._document().data)


def display_path(path: Path, root: Path) -> str:
    """A data file's name as messages show it: relative to the project, so editors can open it."""
    try:
        return os.path.relpath(path, root)
    except ValueError:
        return str(path)


# --- one file: YAML -> model ------------------------------------------------


def _parse(path: Path, name: str, model: type[BaseModel], problems: list[Problem],
           unreadable: dict[str, str] | None = None):
    """One file through the strict reader and its model: (model, document), or None with its problems added.

    A report that fails is noted in ``unreadable`` (its id and file stem -> its file name), so that a
    link to it from another report is explained ("could not be read") rather than called unknown.
    """
    doc = None
    result = None
    try:
        doc = read_yaml(path, name)
        if isinstance(doc.data, dict):
            too_many = limits.count_problems(doc, model.__name__)  # before the schema builds every item
            problems.extend(too_many)
            if not too_many:
                result = model.model_validate(doc.data), doc
        else:
            problems.append(doc.problem((), "expected a mapping of fields (`field: value` lines) at the top level"))
    except YamlProblem as exc:
        problems.append(exc.problem)
    except ValidationError as exc:
        problems.extend(_explain(exc, doc, model))
    if result is None and unreadable is not None:
        unreadable[Path(name).stem] = name
        if doc is not None and isinstance(doc.data, dict) and isinstance(doc.data.get("id"), str):
            unreadable[doc.data["id"]] = name
    return result


def _data_path(loc: tuple, data: Any) -> tuple:
    """Keep the parts of a pydantic location that exist in the data (drops 'int', 'function-after[...]')."""
    path: list = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and isinstance(part, str) and part in node) or (isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)):
            node = node[part]
        elif isinstance(node, dict) and isinstance(part, str) and not part.endswith("]"):
            path.append(part)  # a missing or unknown field: keep its name, stop walking
            break
        else:
            continue
        path.append(part)
    return tuple(path)


def _model_at(model: type[BaseModel], path: tuple) -> type[BaseModel] | None:
    """The model class that owns the mapping at ``path`` (for did-you-mean on field names)."""
    current: Any = model
    for part in path:
        if isinstance(part, int):
            continue
        field = current.model_fields.get(part) if isinstance(current, type) else None
        if field is None:
            return None
        current = _inner_model(field.annotation)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found:
            return found
    return None


_PATTERN_HELP = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "expected a lower-case id (letters, digits, single hyphens)",
    "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$": "expected a date written YYYY, YYYY-MM or YYYY-MM-DD",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "expected a date written YYYY-MM-DD",
    "^https?://[^\\s/$.?#][^\\s]*$": "expected a web address starting with http:// or https://",
    "^[a-z]{2}$": "expected a two-letter language code such as 'en', 'ko' or 'ru'",
    "^[A-Z]{2}$": "expected a two-letter country code such as 'KR' or 'RU'",
    "^[a-z0-9]+(-[a-z0-9]+)*#[a-z0-9]+(-[a-z0-9]+)*$": (
        "expected report-id#claim-id (the other report's file name, '#', and the claim's id)"
    ),
}


def _explain(exc: ValidationError, doc: YamlDocument, model: type[BaseModel]) -> list[Problem]:
    problems: dict[tuple, Problem] = {}
    for err in exc.errors(include_url=False):
        path = _data_path(err["loc"], doc.data)
        kind = err["type"]
        value = err.get("input")
        shown = repr(value) if isinstance(value, str) and len(value) < 60 else "the value"
        ctx = err.get("ctx") or {}
        if kind == "missing":
            line, column = doc.locate(path[:-1])  # the field is absent: point at its parent
            message = f"missing required field '{path[-1]}'"
            problems.setdefault(path, Problem(doc.file, line, column, ".".join(map(str, path)), message))
            continue
        if kind == "extra_forbidden":
            owner = _model_at(model, path[:-1])
            message = f"unknown field '{path[-1]}'"
            if owner:
                message += _did_you_mean(str(path[-1]), list(owner.model_fields))
                message += f"; allowed fields: {', '.join(owner.model_fields)}"
            problems.setdefault(path, doc.problem(path, message, key=True))
            continue
        if kind == "literal_error":
            allowed = [a.strip(" '") for a in str(ctx.get("expected", "")).replace(" or ", ", ").split(",")]
            message = f"expected one of: {', '.join(allowed)}; got {shown}"
            if isinstance(value, str):
                message += _did_you_mean(value, allowed)
        elif kind == "string_pattern_mismatch":
            message = f"{_PATTERN_HELP.get(ctx.get('pattern'), 'has the wrong form')}; got {shown}"
        elif kind in ("int_parsing", "float_parsing", "int_from_float", "int_type", "float_type"):
            message = f"expected a number written with digits only (no commas or words); got {shown}"
        elif kind == "bool_parsing":
            message = f"expected true or false; got {shown}"
        elif kind == "string_too_short":
            message = "must not be empty"
        elif kind == "string_too_long":
            message = f"is too long (at most {ctx.get('max_length')} characters); quote less"
        elif kind == "too_short":
            message = f"needs at least {ctx.get('min_length')} item(s)"
        elif kind == "list_type":
            message = "expected a list (lines starting with '- ')"
        elif kind in ("dict_type", "model_type", "model_attributes_type"):
            message = "expected a mapping of fields (`field: value` lines)"
        elif kind == "string_type":
            message = "expected text, not a list or mapping"
        elif kind == "value_error":
            message = str(ctx.get("error", err["msg"]))
        else:
            message = err["msg"]
        problems.setdefault(path, doc.problem(path, message))
    return list(problems.values())


def _text_at(data: Any, path: tuple) -> Any:
    for part in path:
        data = data[part]
    return data


def _did_you_mean(word: str, choices: list[str], cutoff: float = 0.6) -> str:
    return suggest.did_you_mean(word, choices, cutoff)


# --- across files ---------------------------------------------------------


class _CrossChecker:
    """Rules that need more than one file: ids, references, quotes, dates."""

    def __init__(self, shared, reports, today: dt.date, problems: list[Problem],
                 unreadable: dict[str, str] | None = None, passed: set[int] | None = None):
        self.unreadable = unreadable or {}
        # reports (by id()) reused from a load that succeeded, with the same bytes: the checks that read
        # nothing but the report itself (where each cue sits in its quote) passed then and are not run
        self.passed = passed or set()
        self.shared = shared
        self.reports = reports
        self.today = (today.year, today.month, today.day)
        self.problems = problems
        self.sources: dict = {}
        self.measures: dict = {}
        self.categories: dict = {}
        self.cases: dict = {}
        self.events: list = []
        self.claim_keys: set[str] = set()
        self.held_back: dict[str, int] = {}  # unreadable report file -> references to it not checked

    def run(self) -> None:
        self.sources = self._index("sources.yaml", "sources")
        self.measures = self._index("measures.yaml", "measures")
        self.categories = self._index("cues.yaml", "categories")
        self.cases = self._index("cases.yaml", "cases")
        self.claim_keys = self._check_report_ids()
        self.claim_choices = sorted(self.claim_keys)  # for did-you-mean: sorted once, not per unknown claim
        for report, doc in self.reports:
            self._check_report(report, doc)
        self._check_confirmed_figures()
        self._check_events()

    def _check_events(self) -> None:
        parsed = self.shared.get("events.yaml")
        if not parsed:
            return
        data, doc = parsed
        self.events = list(data.events)
        seen: set[str] = set()
        for i, event in enumerate(data.events):
            if event.id in seen:
                self.problems.append(doc.problem(("events", i, "id"), f"duplicate id '{event.id}'"))
            seen.add(event.id)
            for j, key in enumerate(event.evidence):
                self._claim_ref(doc, ("events", i, "evidence", j), key)

    def _claim_ref(self, doc, path, key: str) -> bool:
        """Check a report-id#claim-id reference; True when it names a claim in the data."""
        if key in self.claim_keys:
            return True
        report_id = key.partition("#")[0]
        if report_id in self.unreadable:  # its own errors are listed; this one is counted, not repeated
            file = self.unreadable[report_id]
            self.held_back[file] = self.held_back.get(file, 0) + 1
            return False
        hint = _did_you_mean(key, self.claim_choices)
        self.problems.append(doc.problem(path, f"unknown claim '{key}'{hint}; expected report-id#claim-id"))
        return False

    def _index(self, file_name: str, list_field: str) -> dict:
        parsed = self.shared.get(file_name)
        if not parsed:
            return {}
        data, doc = parsed
        index: dict = {}
        for i, item in enumerate(getattr(data, list_field)):
            if item.id in index:
                self.problems.append(doc.problem((list_field, i, "id"), f"duplicate id '{item.id}'"))
            index[item.id] = item
        return index

    def _check_report_ids(self) -> set[str]:
        seen: dict[str, str] = {}
        keys: set[str] = set()
        for report, doc in self.reports:
            stem = Path(doc.file).stem
            if report.id != stem:
                self.problems.append(
                    doc.problem(("id",), f"id '{report.id}' must equal the file name '{stem}'")
                )
            if report.id in seen:
                self.problems.append(
                    doc.problem(("id",), f"id '{report.id}' is already used by {seen[report.id]}")
                )
            seen[report.id] = doc.file
            for claim in report.claims:
                keys.add(f"{report.id}#{claim.id}")
        return keys

    def _ref(self, doc, path, value, index: dict, what: str, file_name: str) -> bool:
        if value in index or not self.shared.get(file_name):
            return True
        if file_name == "measures.yaml":
            # A new figure often needs a new measure: suggest an existing one only when the id is nearly
            # the same (a typo), never a merely similar quantity.
            hint = _did_you_mean(value, list(index), cutoff=0.85)
            advice = ("if it counts something no measure in data/measures.yaml counts, add one there "
                      "(id, label, unit); otherwise use that measure's id")
        else:
            hint = _did_you_mean(value, list(index))
            advice = f"add it to data/{file_name} or fix the id"
        self.problems.append(doc.problem(path, f"unknown {what} '{value}'{hint}; {advice}"))
        return False

    def _check_figures(self, doc, path, quantity) -> None:
        """Numbers pydantic accepts but a page cannot show: nan, infinity, absurdly large (1e999 -> inf)."""
        for name in ("value", "min", "max"):
            number = getattr(quantity, name)
            # (an int of hundreds of digits cannot become a float: compare it as an int)
            if number is not None and not ((isinstance(number, int) or math.isfinite(number))
                                           and abs(number) <= MAX_FIGURE):
                written = str(_text_at(doc.data, path + (name,)))
                shown = repr(written) if len(written) < 40 else f"a number {len(written)} characters long"
                self.problems.append(doc.problem(
                    path + (name,), f"expected a number written with digits, at most {MAX_FIGURE:,}; got {shown}"
                ))

    def _in_quote(self, doc, path, words: str, quote: str, what: str) -> None:
        if words not in quote:
            self.problems.append(
                doc.problem(path, f"{what} {words!r} does not appear in the claim's quote (copy it exactly)")
            )

    def _check_chain(self, doc, at: tuple, chain, quote: str) -> None:
        chain_seen: dict[str, int] = {}
        for j, step in enumerate(chain):
            step_at = at + (j,)
            self._ref(doc, step_at + ("source",), step.source, self.sources, "source", "sources.yaml")
            if step.source in chain_seen:
                self.problems.append(doc.problem(
                    step_at + ("source",),
                    f"source '{step.source}' appears twice in this chain "
                    f"(also step {chain_seen[step.source]}): a chain cannot cite itself in a cycle",
                ))
            chain_seen.setdefault(step.source, j)
            if step.words:
                self._in_quote(doc, step_at + ("words",), step.words, quote, "attribution words")

    def _check_spans(self, doc, at: tuple, field: str, items: list, quote: str) -> list:
        spans, misplaced = place(quote, items, "cue" if field == "cues" else "not-a-cue words")
        for wrong in misplaced:
            self.problems.append(doc.problem(at + (field, wrong.index, "text"), wrong.message))
        return spans

    def _check_cue_spans(self, doc, at: tuple, claim) -> None:
        """Each cue and not-cue found in the claim's quote, and no words both (the claim alone decides)."""
        cue_spans = self._check_spans(doc, at, "cues", claim.cues, claim.quote)
        not_spans = self._check_spans(doc, at, "not_cues", claim.not_cues, claim.quote)
        taken = {(s.start, s.end) for s in cue_spans}
        for span in not_spans:
            if (span.start, span.end) in taken:
                self.problems.append(doc.problem(at + ("not_cues", span.index, "text"),
                                                 f"{span.item.text!r} is annotated both as a cue and as not a cue here"))

    def _check_report(self, report: Report, doc: YamlDocument) -> None:
        add = self.problems.append
        self._ref(doc, ("outlet",), report.outlet, self.sources, "source", "sources.yaml")
        self._ref(doc, ("case",), report.case, self.cases, "case", "cases.yaml")
        for j, wire in enumerate(report.wire):
            self._ref(doc, ("wire", j, "source"), wire.source, self.sources, "source", "sources.yaml")
        earliest = report.date
        if (earliest.year, earliest.month or 1, earliest.day or 1) > self.today:
            add(doc.problem(("published",), f"date {report.published} is in the future"))
        if report.retrieved and PartialDate.parse(report.retrieved).sort_key > self.today:
            add(doc.problem(("retrieved",), f"date {report.retrieved} is in the future"))

        claim_ids: set[str] = set()
        quotes = [c.quote for c in report.claims]
        for i, claim in enumerate(report.claims):
            at = ("claims", i)
            key = f"{report.id}#{claim.id}"
            if claim.id in claim_ids:
                add(doc.problem(at + ("id",), f"duplicate claim id '{claim.id}' in this report"))
            claim_ids.add(claim.id)
            self._check_chain(doc, at + ("attribution",), claim.attribution, claim.quote)
            for j, extra in enumerate(claim.also_attributed):
                self._check_chain(doc, at + ("also_attributed", j, "chain"), extra.chain, claim.quote)
            if claim.also_attributed and not claim.attribution:
                add(doc.problem(at + ("also_attributed",), "also_attributed adds chains beside `attribution`: "
                                                           "give the first chain under attribution"))
            for j, cue in enumerate(claim.cues):
                self._ref(doc, at + ("cues", j, "category"), cue.category, self.categories,
                          "cue category", "cues.yaml")
            if id(report) not in self.passed:
                self._check_cue_spans(doc, at, claim)
            for j, words in enumerate(claim.sic):
                self._in_quote(doc, at + ("sic", j), words, claim.quote, "[sic] words")
            for j, quantity in enumerate(claim.quantities):
                self._check_figures(doc, at + ("quantities", j), quantity)
                self._ref(doc, at + ("quantities", j, "measure"), quantity.measure, self.measures,
                          "measure", "measures.yaml")
                self._in_quote(doc, at + ("quantities", j, "as_printed"), quantity.as_printed,
                               claim.quote, "figure")
            for j, stance in enumerate(claim.stance):
                if self._claim_ref(doc, at + ("stance", j, "claim"), stance.claim) and stance.claim == key:
                    add(doc.problem(at + ("stance", j, "claim"), "a claim cannot take a stance on itself"))
            for j, later in enumerate(claim.taken_up_by):
                if not self._claim_ref(doc, at + ("taken_up_by", j, "claim"), later.claim):
                    continue
                if later.claim == key:
                    add(doc.problem(at + ("taken_up_by", j, "claim"), "a claim cannot take a stance on itself"))
                elif self._stance_in_file(later.claim, key):
                    add(doc.problem(at + ("taken_up_by", j, "claim"), (
                        f"'{later.claim}' already records its stance on this claim in its own file; "
                        "record it in one place only")))
            if claim.verdict:
                for j, evidence in enumerate(claim.verdict.evidence):
                    self._claim_ref(doc, at + ("verdict", "evidence", j), evidence)
        for i, artefact in enumerate(report.artefacts):
            if not any(artefact.printed in q for q in quotes):
                add(doc.problem(("artefacts", i, "printed"),
                                f"{artefact.printed!r} does not appear in any quote of this report; "
                                "quote the garbled sentence in a claim"))

    def _stance_in_file(self, later_key: str, earlier_key: str) -> bool:
        report_id, _, claim_id = later_key.partition("#")
        for report, _doc in self.reports:
            if report.id == report_id:
                claim = report.claim(claim_id)
                return bool(claim and any(s.claim == earlier_key for s in claim.stance))
        return False

    def _check_confirmed_figures(self) -> None:
        """Two different figures for the same measure and month cannot both be confirmed."""
        confirmed: dict[tuple, tuple] = {}  # (measure, year, month) -> (span, where, key)
        for report, doc in self.reports:
            for i, claim in enumerate(report.claims):
                if not (claim.verdict and claim.verdict.figure == "confirmed"):
                    continue
                date = report.date
                for q in claim.quantities:
                    if q.kind != "total":
                        continue
                    span = (q.value, q.value) if q.value is not None else (q.min, q.max)
                    slot = (q.measure, date.year, date.month)
                    here = f"{report.id}#{claim.id}"
                    if slot in confirmed and confirmed[slot][0] != span:
                        other = confirmed[slot][2]
                        self.problems.append(doc.problem(("claims", i, "verdict", "figure"), (
                            f"figure confirmed, but '{other}' has a different confirmed figure for "
                            f"'{q.measure}' in the same month; at most one of them can be confirmed")))
                    confirmed.setdefault(slot, (span, doc, here))
