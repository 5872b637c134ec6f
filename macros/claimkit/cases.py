"""What belongs to each case study: its reports, events, measures, sources and the lessons that use it.

A case is data (``data/cases.yaml``) and each report names its case. Everything
else belongs to a case *through* its reports, so nothing here (or anywhere in the
code) knows a particular case, and a new case needs only data:

- an event, through the claims it rests on (``evidence``);
- a measure, through the figures claims give for it (so a measure two cases
  share is shown per case, never as one line mixing two stories);
- a source, through the reports it published or is credited on, and the
  claims whose chains cite it (a source can belong to several cases);
- a lesson, through the reports and claims it names anywhere in its text.

``case_dataset`` gives the dataset as one case sees it, so every page and
chart function written for "all reports" works unchanged for one case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from .dataset import Dataset
from .model import Event, Report

_SLUG_RUN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # where a report id can stand in a lesson's text


def case_dataset(data: Dataset, case_id: str) -> Dataset:
    """The dataset restricted to one case: its reports and its events. Sources, measures and cue
    categories are shared lists of names, so they stay whole."""
    return Dataset(
        reports=data.reports_of(case_id),
        sources=data.sources,
        measures=data.measures,
        cue_categories=data.cue_categories,
        events=events_of(data, case_id),
        cases={case_id: data.cases[case_id]},
    )


def event_cases(data: Dataset, event: Event) -> list[str]:
    """The cases whose claims an event rests on, in the order of cases.yaml."""
    found = {data.case_of_claim(key) for key in event.evidence}
    return [case_id for case_id in data.cases if case_id in found]


def events_of(data: Dataset, case_id: str) -> list[Event]:
    """The events of one case (resting on at least one of its claims), in date order."""
    return [event for event in data.events if case_id in event_cases(data, event)]


def report_source_ids(report: Report) -> list[str]:
    """Every source a report involves, once each: its outlet, the agencies it credits, then each
    source its claims' chains cite, in order of first appearance."""
    seen = dict.fromkeys([report.outlet, *(wire.source for wire in report.wire)])
    for claim in report.claims:
        seen.update(dict.fromkeys(step.source for step in claim.all_steps))
    return list(seen)


def source_cases(data: Dataset) -> dict[str, list[str]]:
    """For each source id, the cases it appears in, in the order of cases.yaml."""
    found: dict[str, set[str]] = {}
    for report in data.reports:
        for source_id in report_source_ids(report):
            found.setdefault(source_id, set()).add(report.case)
    return {source_id: [c for c in data.cases if c in cases] for source_id, cases in found.items()}


def measure_cases(data: Dataset) -> dict[str, list[str]]:
    """For each measure that has figures, the cases whose claims give them, in the order of cases.yaml."""
    found: dict[str, set[str]] = {}
    for report in data.reports:
        for claim in report.claims:
            for quantity in claim.quantities:
                found.setdefault(quantity.measure, set()).add(report.case)
    return {measure_id: [c for c in data.cases if c in cases] for measure_id, cases in found.items()}


def lessons_by_case(data: Dataset, lessons: Iterable[Any]) -> dict[str, list[Any]]:
    """For each case, the lessons that draw on it: those naming one of its reports or claims anywhere
    (a reading, an exercise, a quiz question, a ``[[claim:...]]`` link in the text).

    A lesson is read only through pydantic's ``model_dump()``, so this does not depend on how the
    lesson model is laid out: any string naming a report id counts.
    """
    case_of_report = {report.id: report.case for report in data.reports}
    found: dict[str, list[Any]] = {case_id: [] for case_id in data.cases}
    for lesson in lessons:
        named: set[str] = set()
        for text in _strings(lesson.model_dump()):
            named.update(case_of_report[token] for token in _SLUG_RUN.findall(text) if token in case_of_report)
        for case_id in data.cases:
            if case_id in named:
                found[case_id].append(lesson)
    return found


def _strings(node: Any) -> Iterable[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _strings(value)
