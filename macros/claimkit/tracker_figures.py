"""Tracker charts: every figure reported for one measure, over time, each with who said it.

Figures a report states are plotted; interpreted figures, targets and forecasts are listed apart
(in the table and the alt text), never plotted as if reported.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import analysis
from .dataset import Dataset
from .figure_spec import (
    LOG_SCALE_RATIO,
    MAX_DATE_SPANS,
    MAX_POINT_LABELS,
    TRACKER,
    WIDTH,
    FigureSpec,
    _count,
    _data,
    _figure_text,
    _listing,
    _message,
    _number,
    _origin_key,
    _origin_label,
    _status_label,
    _who,
    date_note,
    date_span,
    placement,
    short_date,
)
from .model import Claim, Quantity, Report

# --- claim tracker: one measure over time ----------------------------------------------------


@dataclass(frozen=True)
class _Point:
    report: Report
    claim: Claim
    quantity: Quantity

    @property
    def low(self) -> float:
        return self.quantity.value if self.quantity.value is not None else self.quantity.min

    @property
    def high(self) -> float:
        return self.quantity.value if self.quantity.value is not None else self.quantity.max

    def middle(self, log: bool) -> float:
        if self.quantity.value is not None:
            return self.quantity.value
        if log and self.low > 0:
            return math.sqrt(self.low * self.high)
        return (self.low + self.high) / 2


def tracked_measures(dataset: Dataset) -> list[str]:
    """Measures that at least one claim gives a figure for, in the order of measures.yaml."""
    used = {q.measure for r in dataset.reports for c in r.claims for q in c.quantities}
    return [m for m in dataset.measures if m in used]


def tracker_figures(dataset: Dataset) -> list[FigureSpec]:
    return [tracker_figure(dataset, m) for m in tracked_measures(dataset)]


def tracker_figure(dataset: Dataset, measure_id: str) -> FigureSpec:
    """Every figure the reports give for one measure, over time, marked by where the claim starts."""
    measure = dataset.measures[measure_id]
    key, title = f"tracker-{measure_id}", f"Figures over time: {measure.label}"
    unit = measure.unit
    every = [_Point(r, c, q) for r in dataset.reports for c in r.claims for q in c.quantities
             if q.measure == measure_id]
    # Only totals as reported are plotted; readings of words, increments, targets and forecasts are
    # listed in the table (and named in the alt text), never drawn as if a report had printed them.
    points, apart = [], []
    for p in every:
        (points if p.quantity.kind == "total" and not p.quantity.interpreted else apart).append(p)
    claims = list(dict.fromkeys((p.report.id, p.claim.id) for p in points))
    if len(claims) < 2:
        unplotted = f" {_apart_text(apart, unit)}" if apart else ""
        if not points:
            return _message(key, title, "No report in the data prints a total for this yet." + unplotted)
        p = points[0]
        figures = _listing([f"{_figure_text(q.quantity)} {analysis.unit_for(unit, q.quantity.value)}" for q in points])
        return _message(key, title, f"Only one claim gives a figure for this so far: {figures} "
                                    f"({short_date(p.report.date)}, {_who(dataset, p.report, p.claim)}). "
                                    "A chart needs figures from at least two claims." + unplotted)
    positive = all(p.low > 0 for p in points)
    lo, hi = min(p.low for p in points), max(p.high for p in points)
    log = positive and hi / lo >= LOG_SCALE_RATIO

    rows, plotted = [], []
    for p in points:
        when, approx = placement(p.report.date)
        first_day, last_day = date_span(p.report.date)
        origin_key = _origin_key(dataset, p.claim)
        is_range = p.quantity.value is None
        plotted.append((when.isoformat(), approx, p.middle(log), p.low if is_range else None,
                        p.high if is_range else None, origin_key, _figure_text(p.quantity),
                        first_day.isoformat(), last_day.isoformat()))
        rows.append((
            p.report.date.iso(), f"{dataset.sources[p.report.outlet].name}: {p.report.title}",
            f"“{p.quantity.as_printed}”", _figure_text(p.quantity) + (" (range)" if is_range else ""),
            _status_label(p.claim.status), _who(dataset, p.report, p.claim),
            "; ".join(filter(None, [date_note(p.report.date), p.quantity.note])),
        ))
    for p in apart:
        rows.append((
            p.report.date.iso(), f"{dataset.sources[p.report.outlet].name}: {p.report.title}",
            f"“{p.quantity.as_printed}”", _figure_text(p.quantity) + f" (not plotted: {_apart_reason(p.quantity)})",
            _status_label(p.claim.status), _who(dataset, p.report, p.claim),
            "; ".join(filter(None, [date_note(p.report.date), p.quantity.note])),
        ))
    legend = tuple(dict.fromkeys((pt[5], _origin_label(pt[5])) for pt in plotted))
    any_approx = any(pt[1] for pt in plotted)
    n_reports = len({p.report.id for p in points})

    caption_parts = [
        (f"Each marker is one figure for “{measure.label}” ({unit}), placed at the date of the report that "
         "gives it. Its shape and colour show where the claim starts, as far as the report tells.")
    ]
    if any_approx:
        caption_parts.append("A hollow marker means the report's date is known only to the month or the year: "
                             "it sits mid-month or mid-year"
                             + (", and the grey line behind it spans every date it could be."
                                if len(points) <= MAX_DATE_SPANS else "."))
    if any(p.quantity.value is None for p in points):
        caption_parts.append("A vertical bar is a range, such as “15,000 to 86,000”; its marker sits in the "
                             "middle.")
    if log:
        caption_parts.append("The vertical axis is logarithmic: each gridline up is ten times the one below, "
                             "so very different figures fit on one chart.")
    if len(points) <= MAX_POINT_LABELS:
        caption_parts.append("Labels keep the report's own words such as “over” or “about”.")
    else:
        caption_parts.append("The table below gives every figure in the report's own words.")
    if apart:
        caption_parts.append(_apart_text(apart, unit))
    alt = _tracker_alt(dataset, measure.label, unit, points, log, n_reports)
    if apart:
        alt += " " + _apart_text(apart, unit)
    return FigureSpec(
        key=key, kind=TRACKER, title=title, caption=" ".join(caption_parts),
        alt=alt,
        table_headers=("Report date", "Report", "As printed", "Figure", "Claim status", "Claim starts with",
                       "Notes"),
        table_rows=tuple(rows),
        data=_data(points=tuple(plotted), log=log, axis_label=unit + (" (log scale)" if log else ""),
                   legend=legend, any_approximate=any_approx, point_labels=len(points) <= MAX_POINT_LABELS,
                   spans=len(points) <= MAX_DATE_SPANS, y_max=None, legend_title="Claim starts with"),
        size=(WIDTH, round(3.6 + 0.3 * math.ceil((len(legend) + any_approx) / 3), 2)),  # legend: 3 a row
    )


def _apart_reason(q: Quantity) -> str:
    if q.interpreted:
        return "our reading of words, not a printed number"
    return {"increment": "an increase, not a total", "target": "a target, not a count",
            "forecast": "a forecast, not a count"}[q.kind]


def _apart_text(apart: list[_Point], unit: str) -> str:
    """What the chart leaves out, in words: the alt text and caption say it, the table lists it."""
    parts = [f"{_figure_text(p.quantity)} {analysis.unit_for(unit, p.quantity.value)} ({short_date(p.report.date)}, {_apart_reason(p.quantity)})"
             for p in apart]
    return (f"Not plotted, and listed in the table: {_listing(parts)}.")


def _tracker_alt(dataset: Dataset, label: str, unit: str, points: list[_Point], log: bool, n_reports: int) -> str:
    def figure(p: _Point) -> str:
        text = f"{_figure_text(p.quantity)} {analysis.unit_for(unit, p.quantity.value)}"
        return f"a range of {text}" if p.quantity.value is None else text

    def said(p: _Point, with_date: bool = True) -> str:
        who = _who(dataset, p.report, p.claim)
        return f"{figure(p)} ({short_date(p.report.date)}, {who})" if with_date else f"{figure(p)} ({who})"

    lowest = min(points, key=lambda p: p.middle(log))
    highest = max(points, key=lambda p: p.middle(log))
    dates = {p.report.date for p in points}
    n = _count(len(points), "figure")
    if len(dates) == 1:
        text = (f"{label}: {n}, all from {short_date(points[0].report.date)}, ranging from "
                f"{said(lowest, False)} to {said(highest, False)}.")
    else:
        first, last = points[0], points[-1]
        a, b = first.middle(log), last.middle(log)
        if a == b:
            text = f"{label}: the first and the latest figure are the same, {said(first)} and {said(last)}."
        else:
            text = f"{label}: figures {'rose' if b > a else 'fell'} from {said(first)} to {said(last)}."
        extremes = []
        if lowest not in (first, last):
            extremes.append(f"the lowest was {said(lowest)}")
        if highest not in (first, last):
            extremes.append(f"the highest was {said(highest)}")
        if extremes:
            text += f" In between, {_listing(extremes)}."
        text += f" {n} from {_count(n_reports, 'report')} in all."
    smallest, largest = min(p.low for p in points), max(p.high for p in points)
    ratio = largest / smallest if log else math.inf
    if math.isfinite(ratio):  # (a hostile file's extreme figures overflow a float: then no ratio)
        text += f" The largest figure is about {_number(round(ratio))} times the smallest."
    return text
