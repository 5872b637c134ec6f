"""Load and validate every data file once, collecting all problems.

The flow: ``read_yaml`` (strict YAML with positions) -> pydantic model
(one file's shape) -> cross-file checks (ids, references, quotes) ->
:class:`Dataset`. Any problem anywhere raises one :class:`DataError` that lists
them all, so no page is ever built from half-valid data.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import os
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .dataset import Dataset
from .errors import DataError, Problem
from .model import (
    EventsFile,
    HedgesFile,
    MeasuresFile,
    PartialDate,
    Report,
    SourcesFile,
)
from .yamlsource import YamlDocument, YamlProblem, read_yaml

SHARED_FILES = {"sources.yaml": SourcesFile, "measures.yaml": MeasuresFile, "hedges.yaml": HedgesFile}
OPTIONAL_FILES = {"events.yaml": EventsFile}
REPORTS_DIR = "reports"
MAX_FIGURE = 10**15  # larger "figures" are typos or junk, and would not print


def load_dataset(data_dir: Path, *, today: dt.date | None = None, root: Path | None = None) -> Dataset:
    """Validate everything under ``data_dir``; raise DataError listing every problem."""
    data_dir = Path(data_dir)
    root = Path(root) if root else data_dir.parent
    today = today or dt.date.today()
    problems: list[Problem] = []

    def display(path: Path) -> str:
        return display_path(path, root)

    shared: dict[str, tuple[BaseModel, YamlDocument] | None] = {}
    for name, model in SHARED_FILES.items():
        path = data_dir / name
        if not path.exists():
            problems.append(Problem(display(path), 0, 0, "", "required data file is missing"))
            shared[name] = None
            continue
        shared[name] = _parse(path, display(path), model, problems)
    for name, model in OPTIONAL_FILES.items():
        path = data_dir / name
        shared[name] = _parse(path, display(path), model, problems) if path.exists() else None

    reports: list[tuple[Report, YamlDocument]] = []
    report_paths = sorted((data_dir / REPORTS_DIR).glob("*.yaml"))
    for stray in sorted((data_dir / REPORTS_DIR).glob("*.yml")):
        problems.append(Problem(display(stray), 0, 0, "", "report files must end in .yaml, not .yml"))
    unreadable_claims: set[str] = set()  # claims of reports that failed: references to them are not new errors
    for path in report_paths:
        parsed = _parse(path, display(path), Report, problems, unreadable_claims)
        if parsed:
            reports.append(parsed)

    checker = _CrossChecker(shared, reports, today, problems, unreadable_claims)
    checker.run()
    if problems:
        raise DataError(problems)
    return Dataset(
        reports=[r for r, _ in reports],
        sources=checker.sources,
        measures=checker.measures,
        hedge_categories=checker.categories,
        events=checker.events,
    )


def display_path(path: Path, root: Path) -> str:
    """A data file's name as messages show it: relative to the project, so editors can open it."""
    try:
        return os.path.relpath(path, root)
    except ValueError:
        return str(path)


# --- one file: YAML -> model ------------------------------------------------


def _parse(path: Path, name: str, model: type[BaseModel], problems: list[Problem],
           unreadable_claims: set[str] | None = None):
    try:
        doc = read_yaml(path, name)
    except YamlProblem as exc:
        problems.append(exc.problem)
        return None
    if not isinstance(doc.data, dict):
        problems.append(doc.problem((), "expected a mapping of fields (`field: value` lines) at the top level"))
        return None
    try:
        return model.model_validate(doc.data), doc
    except ValidationError as exc:
        problems.extend(_explain(exc, doc, model))
        if unreadable_claims is not None:
            unreadable_claims.update(_claim_keys_of(doc.data, Path(name).stem))
        return None


def _claim_keys_of(data: dict, stem: str) -> set[str]:
    """The claim keys an invalid report file would have had, as far as they can be read."""
    report_id = data.get("id") if isinstance(data.get("id"), str) else stem
    claims = data.get("claims") if isinstance(data.get("claims"), list) else []
    return {f"{rid}#{c['id']}" for rid in {report_id, stem} for c in claims
            if isinstance(c, dict) and isinstance(c.get("id"), str)}


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


def _did_you_mean(word: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


# --- across files ---------------------------------------------------------


class _CrossChecker:
    """Rules that need more than one file: ids, references, quotes, dates."""

    def __init__(self, shared, reports, today: dt.date, problems: list[Problem],
                 unreadable_claims: set[str] = frozenset()):
        self.unreadable_claims = unreadable_claims
        self.shared = shared
        self.reports = reports
        self.today = (today.year, today.month, today.day)
        self.problems = problems
        self.sources: dict = {}
        self.measures: dict = {}
        self.categories: dict = {}
        self.events: list = []

    def run(self) -> None:
        self.sources = self._index("sources.yaml", "sources")
        self.measures = self._index("measures.yaml", "measures")
        self.categories = self._index("hedges.yaml", "categories")
        claim_keys = self._check_report_ids()
        for report, doc in self.reports:
            self._check_report(report, doc, claim_keys)
        self._check_events(claim_keys)

    def _check_events(self, claim_keys: set[str]) -> None:
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
                if key not in claim_keys and key not in self.unreadable_claims:
                    hint = _did_you_mean(key, sorted(claim_keys))
                    self.problems.append(doc.problem(("events", i, "evidence", j),
                                                     f"unknown claim '{key}'{hint}; expected report-id#claim-id"))

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

    def _ref(self, doc, path, value, index: dict, what: str, file_name: str) -> None:
        if value not in index and self.shared.get(file_name):
            hint = _did_you_mean(value, list(index))
            self.problems.append(
                doc.problem(path, f"unknown {what} '{value}'{hint}; add it to data/{file_name} or fix the id")
            )

    def _check_figures(self, doc, path, quantity) -> None:
        """Numbers pydantic accepts but a page cannot show: nan, infinity, absurdly large (1e999 -> inf)."""
        for name in ("value", "min", "max"):
            number = getattr(quantity, name)
            if number is not None and not (math.isfinite(number) and abs(number) <= MAX_FIGURE):
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

    def _check_report(self, report: Report, doc: YamlDocument, claim_keys: set[str]) -> None:
        add = self.problems.append
        self._ref(doc, ("outlet",), report.outlet, self.sources, "source", "sources.yaml")
        earliest = report.date
        if (earliest.year, earliest.month or 1, earliest.day or 1) > self.today:
            add(doc.problem(("published",), f"date {report.published} is in the future"))
        if report.retrieved and PartialDate.parse(report.retrieved).sort_key > self.today:
            add(doc.problem(("retrieved",), f"date {report.retrieved} is in the future"))

        claim_ids: set[str] = set()
        quotes = [c.quote for c in report.claims]
        for i, claim in enumerate(report.claims):
            at = ("claims", i)
            if claim.id in claim_ids:
                add(doc.problem(at + ("id",), f"duplicate claim id '{claim.id}' in this report"))
            claim_ids.add(claim.id)
            chain_seen: dict[str, int] = {}
            for j, step in enumerate(claim.attribution):
                step_at = at + ("attribution", j)
                self._ref(doc, step_at + ("source",), step.source, self.sources, "source", "sources.yaml")
                if step.source in chain_seen:
                    add(
                        doc.problem(
                            step_at + ("source",),
                            f"source '{step.source}' appears twice in this chain "
                            f"(also step {chain_seen[step.source]}): a chain cannot cite itself in a cycle",
                        )
                    )
                chain_seen.setdefault(step.source, j)
                if step.words:
                    self._in_quote(doc, step_at + ("words",), step.words, claim.quote, "attribution words")
            for j, hedge in enumerate(claim.hedges):
                self._ref(doc, at + ("hedges", j, "category"), hedge.category, self.categories,
                          "hedge category", "hedges.yaml")
                self._in_quote(doc, at + ("hedges", j, "text"), hedge.text, claim.quote, "hedge")
            for j, quantity in enumerate(claim.quantities):
                self._check_figures(doc, at + ("quantities", j), quantity)
                self._ref(doc, at + ("quantities", j, "measure"), quantity.measure, self.measures,
                          "measure", "measures.yaml")
                self._in_quote(doc, at + ("quantities", j, "as_printed"), quantity.as_printed,
                               claim.quote, "figure")
            for j, stance in enumerate(claim.stance):
                target = stance.claim
                if target not in claim_keys and target not in self.unreadable_claims:
                    hint = _did_you_mean(target, sorted(claim_keys))
                    add(doc.problem(at + ("stance", j, "claim"),
                                    f"unknown claim '{target}'{hint}; expected report-id#claim-id"))
                elif target == f"{report.id}#{claim.id}":
                    add(doc.problem(at + ("stance", j, "claim"), "a claim cannot take a stance on itself"))
            if claim.verdict:
                for j, key in enumerate(claim.verdict.evidence):
                    if key not in claim_keys and key not in self.unreadable_claims:
                        hint = _did_you_mean(key, sorted(claim_keys))
                        add(doc.problem(at + ("verdict", "evidence", j),
                                        f"unknown claim '{key}'{hint}; expected report-id#claim-id"))
        for i, artefact in enumerate(report.artefacts):
            if not any(artefact.printed in q for q in quotes):
                add(doc.problem(("artefacts", i, "printed"),
                                f"{artefact.printed!r} does not appear in any quote of this report; "
                                "quote the garbled sentence in a claim"))
