"""What each generated chart shows: its numbers, its words and its data table.

A :class:`FigureSpec` is plain, frozen data computed from the validated
dataset. It carries everything a page needs (title, caption, alt text that
states the finding, a table with the same numbers) and, in ``data``, everything
``charts.py`` needs to draw it, as nested tuples of strings and numbers. The
chart's cache key is a hash of ``data``, so nothing the drawing uses may live
anywhere else.

When there is too little to draw (no cues, one figure for a measure), the
spec carries a ``message`` in words instead of a chart, so small data never
breaks a build.

Pure: no matplotlib, no MkDocs. Word tables shared with the pages (source
kinds, statuses, qualifiers) come from ``labels``.
"""

from __future__ import annotations

import datetime as dt
import math
import textwrap
from collections import Counter
from dataclasses import dataclass

from . import analysis, labels as words
from .dataset import Dataset
from .model import Claim, PartialDate, Quantity, Report

# Drawing kinds that charts.py knows.
BARS = "bars"
TRACKER = "tracker"
TIMELINE = "timeline"

STATUS_ORDER = ("asserted", "attributed", "speculated", "denied")
OWN_VOICE = "own-voice"  # origin key of a claim made in the outlet's own voice
LOG_SCALE_RATIO = 10  # the largest figure is at least this many times the smallest

WIDTH = 7.0  # inches; 672 CSS pixels, about a page column at 1:1
MAX_ROWS = 16  # more reports than this: per-report bars become dots over time, the timeline shows the latest
MAX_POINT_LABELS = 12  # more points than this on a tracker: no text labels (the table has every figure)
MAX_DATE_SPANS = 30  # more points than this: no grey date-span lines


@dataclass(frozen=True)
class FigureSpec:
    """One figure: chart data plus the words and table that go with it."""

    key: str  # unique and slug-like, e.g. "report-<id>-cues"; usable as an HTML id
    kind: str  # BARS, TRACKER or TIMELINE
    title: str
    caption: str
    alt: str
    table_headers: tuple[str, ...]
    table_rows: tuple[tuple[str, ...], ...]
    data: tuple = ()  # ((name, value), ...): plain, hashable, all the drawing needs
    size: tuple[float, float] = (WIDTH, 3.5)  # inches
    message: str | None = None  # instead of a chart, when there is too little to draw

    @property
    def has_chart(self) -> bool:
        return self.message is None

    @property
    def options(self) -> dict:
        return dict(self.data)

    @property
    def pixel_size(self) -> tuple[int, int]:
        """Width and height of the SVG in CSS pixels, for the <img> attributes."""
        return round(self.size[0] * 96), round(self.size[1] * 96)


def _data(**items) -> tuple:
    return tuple(sorted(items.items()))


def _message(key: str, title: str, message: str) -> FigureSpec:
    return FigureSpec(key=key, kind="message", title=title, caption="", alt="", table_headers=(),
                      table_rows=(), message=message)


# --- words ----------------------------------------------------------------------------------

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def short_date(date: PartialDate) -> str:
    """'18 Dec 2024', 'Aug 2022', '2023'."""
    if date.day:
        return f"{date.day} {_MONTHS[date.month - 1]} {date.year}"
    if date.month:
        return f"{_MONTHS[date.month - 1]} {date.year}"
    return str(date.year)


def placement(date: PartialDate) -> tuple[dt.date, bool]:
    """Where a partial date goes on a time axis, and whether that place is approximate.

    A month goes at mid-month, a year at mid-year.
    """
    if date.day:
        return dt.date(date.year, date.month, date.day), False
    if date.month:
        return dt.date(date.year, date.month, 15), True
    return dt.date(date.year, 7, 1), True


def date_note(date: PartialDate) -> str:
    if date.day:
        return "exact day"
    if date.month:
        return "day unknown: placed mid-month"
    return "month and day unknown: placed mid-year"


def _count(n: int, thing: str, plural: str | None = None) -> str:
    return f"{n} {thing if n == 1 else plural or thing + 's'}"


def _listing(parts: list[str]) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " and " + parts[-1]


def _truncate(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _report_label(dataset: Dataset, report: Report) -> str:
    """A short name for a report on an axis, on two lines: outlet, then date."""
    lines = textwrap.wrap(dataset.sources[report.outlet].name, 24, break_on_hyphens=False)
    outlet = "\n".join(lines[:1] + [_truncate(" ".join(lines[1:]), 24)] if len(lines) > 1 else lines)
    return f"{outlet}\n{short_date(report.date)}"


def _report_name(dataset: Dataset, report: Report) -> str:
    """A report's name in a sentence: 'Korea Daily (18 Dec 2024)'."""
    return f"{dataset.sources[report.outlet].name} ({short_date(report.date)})"


def _percent(share: float) -> str:
    return f"{round(100 * share)}%"


def _number(value: float) -> str:
    return analysis.format_number(value)


def _decimal(value: float) -> str:
    return f"{value:.1f}"


# --- per report -----------------------------------------------------------------------------


def report_figures(dataset: Dataset, report: Report) -> list[FigureSpec]:
    """The charts of one report page: cues by category, sources by kind."""
    return [cues_figure(dataset, report), sources_figure(dataset, report)]


def _kinds_text(counts: Counter[str]) -> str:
    parts = [f"{n} {words.CUE_KINDS_PLURAL[k] if n != 1 else words.CUE_KINDS_SINGULAR[k]}"
             for k, n in ((k, counts[k]) for k in words.CUE_KINDS) if n]
    return _listing(parts)


def cues_figure(dataset: Dataset, report: Report) -> FigureSpec:
    key, title = f"report-{report.id}-cues", "Cues by category"
    categories = dataset.cue_categories
    counts = analysis.cue_counts(report)
    total = sum(counts.values())
    if not total:
        return _message(key, title, "No cues are marked in this report's quotes.")
    order = list(categories)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], order.index(kv[0]) if kv[0] in order else 99))
    labels = [f"{categories[c].label} ({words.CUE_KINDS[categories[c].kind][0].lower()})" for c, _ in rows]
    kinds = analysis.kind_counts(report, categories)
    if len(rows) == 1:
        return _message(key, title, f"All {_count(total, 'marked cue')} in this report are of one "
                                    f"category: {labels[0]}.")
    words_n = analysis.quoted_words(report)
    parts = [f"{label}: {n}" for label, (_, n) in zip(labels, rows, strict=True)]
    alt = (f"This report's quotes hold {_kinds_text(kinds)}. By category, the most common is {parts[0]}, "
           f"then {_listing(parts[1:])}.")
    caption = (f"Each bar counts the cues of one category marked in the quotes of this report "
               f"({_count(total, 'cue')} in {words_n} quoted words): hedges, certainty markers, attribution "
               f"cues and scare quotes. The same cues are highlighted in the quotes.")
    return FigureSpec(
        key=key, kind=BARS, title=title, caption=caption, alt=alt,
        table_headers=("Kind of cue", "Cues"),
        table_rows=tuple((label, str(n)) for label, (_, n) in zip(labels, rows, strict=False)) + (("Total", str(total)),),
        data=_data(orientation="h", labels=tuple(labels), series=(("Cues", "single", tuple(n for _, n in rows)),),
                   value_labels=tuple(str(n) for _, n in rows), axis_label="cues marked in the quotes",
                   axis_max=None, integer=True),
        size=_bar_size(len(rows)),
    )


def sources_figure(dataset: Dataset, report: Report) -> FigureSpec:
    key, title = f"report-{report.id}-sources", "Sources cited, by kind"
    named: Counter[str] = Counter()
    unnamed: Counter[str] = Counter()
    for claim in report.claims:
        for step in claim.attribution:
            source = dataset.sources[step.source]
            (named if source.named else unnamed)[source.kind] += 1
    kinds = analysis.cited_source_kinds(report, dataset.sources)
    total = sum(kinds.values())
    if not total:
        return _message(key, title, "Every claim recorded here is in the report's own voice: "
                                    "it cites no source.")
    if len(kinds) == 1:
        kind = next(iter(kinds))
        split = ("" if not unnamed[kind] else ", unnamed" if total == 1 else ", all unnamed"
                 if unnamed[kind] == total else f", {unnamed[kind]} of them unnamed")
        return _message(key, title, f"The report cites only one kind of source: "
                                    f"{words.SOURCE_KINDS[kind]} ({_count(total, 'citation')}{split}).")
    order = list(words.SOURCE_KINDS)
    rows = sorted(kinds.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
    labels = [words.SOURCE_KINDS[k] for k, _ in rows]
    n_unnamed = sum(unnamed.values())
    parts = [f"{label} ({n})" for label, (_, n) in zip(labels, rows, strict=False)]
    alt = (f"The report's claims cite sources {total} times. Most cited: {_listing(parts[:3])}. "
           f"{n_unnamed} of the {total} citations are of unnamed or unidentified sources.")
    caption = ("Each step in a claim's chain of sources counts once: a claim that says “according to the New "
               "York Post, Russian TV reported” cites a newspaper and a broadcaster. Hatched parts are "
               "sources the report does not name or that cannot be identified.")
    return FigureSpec(
        key=key, kind=BARS, title=title, caption=caption, alt=alt,
        table_headers=("Kind of source", "Named", "Unnamed", "Total"),
        table_rows=tuple((label, str(named[k]), str(unnamed[k]), str(n)) for label, (k, n) in zip(labels, rows, strict=False))
        + (("Total", str(sum(named.values())), str(n_unnamed), str(total)),),
        data=_data(orientation="h", labels=tuple(labels),
                   series=(("named", "named", tuple(named[k] for k, _ in rows)),
                           ("unnamed or unidentified", "unnamed", tuple(unnamed[k] for k, _ in rows))),
                   value_labels=tuple(str(n) for _, n in rows), axis_label="times cited",
                   axis_max=None, integer=True),
        size=_bar_size(len(rows), legend=True),
    )


def _bar_size(n: int, legend: bool = False, row: float = 0.42) -> tuple[float, float]:
    return (WIDTH, round(1.0 + row * n + (0.45 if legend else 0), 2))


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


def _figure_text(q: Quantity) -> str:
    if q.value is not None:
        figure = _number(q.value)
    else:
        figure = f"{_number(q.min)} to {_number(q.max)}"
    return f"{words.QUALIFIER[q.qualifier]}{figure}"


def _who(dataset: Dataset, report: Report, claim: Claim) -> str:
    """Where the claim starts, and who relays it: 'Igor Korotchenko, via New York Post'."""
    if not claim.attribution:
        return f"{dataset.sources[report.outlet].name}, own voice"
    origin = dataset.sources[claim.attribution[-1].source]
    first = dataset.sources[claim.attribution[0].source]
    return origin.name if first.id == origin.id else f"{origin.name}, via {first.name}"


def _origin_key(dataset: Dataset, claim: Claim) -> str:
    origin = analysis.origin(claim, dataset.sources)
    return origin.kind if origin else OWN_VOICE


def _origin_label(key: str) -> str:
    return "own voice (no source)" if key == OWN_VOICE else words.SOURCE_KINDS[key]


def tracker_figure(dataset: Dataset, measure_id: str) -> FigureSpec:
    """Every figure the reports give for one measure, over time, marked by where the claim starts."""
    measure = dataset.measures[measure_id]
    key, title = f"tracker-{measure_id}", f"Figures over time: {measure.label}"
    unit = measure.unit
    every = [_Point(r, c, q) for r in dataset.reports for c in r.claims for q in c.quantities
             if q.measure == measure_id]
    # Only totals as reported are plotted; readings of words, increments, targets and forecasts are
    # listed in the table (and named in the alt text), never drawn as if a report had printed them.
    points = [p for p in every if p.quantity.kind == "total" and not p.quantity.interpreted]
    apart = [p for p in every if p not in points]
    claims = list(dict.fromkeys((p.report.id, p.claim.id) for p in points))
    if len(claims) < 2:
        unplotted = f" {_apart_text(apart, unit)}" if apart else ""
        if not points:
            return _message(key, title, "No report in the data prints a total for this yet." + unplotted)
        p = points[0]
        figures = _listing([f"{_figure_text(q.quantity)} {unit}" for q in points])
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
    parts = [f"{_figure_text(p.quantity)} {unit} ({short_date(p.report.date)}, {_apart_reason(p.quantity)})"
             for p in apart]
    return (f"Not plotted, and listed in the table: {_listing(parts)}.")


def _status_label(status: str) -> str:
    return words.STATUS[status][0]


def date_span(date: PartialDate) -> tuple[dt.date, dt.date]:
    """The first and last day a partial date could be."""
    if date.day:
        day = dt.date(date.year, date.month, date.day)
        return day, day
    if date.month:
        following = dt.date(date.year + date.month // 12, date.month % 12 + 1, 1)
        return dt.date(date.year, date.month, 1), following - dt.timedelta(days=1)
    return dt.date(date.year, 1, 1), dt.date(date.year, 12, 31)


def _tracker_alt(dataset: Dataset, label: str, unit: str, points: list[_Point], log: bool, n_reports: int) -> str:
    def figure(p: _Point) -> str:
        text = f"{_figure_text(p.quantity)} {unit}"
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
    if log:
        text += f" The largest figure is about {_number(round(largest / smallest))} times the smallest."
    return text


# --- across reports ---------------------------------------------------------------------------


def overview_figures(dataset: Dataset) -> list[FigureSpec]:
    """Charts comparing all reports: hedging, unnamed sources, timeline, statuses per year, origins."""
    return [
        hedge_density_figure(dataset),
        unnamed_share_figure(dataset),
        timeline_figure(dataset),
        status_by_year_figure(dataset),
        origins_figure(dataset),
    ]


def _too_few_reports(dataset: Dataset, key: str, title: str) -> FigureSpec | None:
    if len(dataset.reports) < 2:
        return _message(key, title, "There is only one report so far, so there is nothing to compare it with.")
    return None


def hedge_density_figure(dataset: Dataset) -> FigureSpec:
    key, title = "overview-hedge-density", "Hedging density per report"
    if (early := _too_few_reports(dataset, key, title)) is not None:
        return early
    reports = dataset.reports
    values = [analysis.hedge_density(r, dataset.cue_categories) for r in reports]
    labels = [_report_label(dataset, r) for r in reports]
    names = [_report_name(dataset, r) for r in reports]
    hi = max(range(len(reports)), key=lambda i: values[i])
    lo = min(range(len(reports)), key=lambda i: values[i])
    alt = (f"Across {len(reports)} reports, hedging density ranges from {_decimal(values[lo])} hedges per 100 "
           f"quoted words in {names[lo]} to {_decimal(values[hi])} in {names[hi]}.")
    kind, data, size, how = _per_report(dataset, labels, [round(v, 4) for v in values],
                                        [_decimal(v) for v in values], "hedges per 100 quoted words",
                                        None, "single")
    caption = (f"Marked hedges per 100 words of quoted text, {how}: words such as “could”, “reportedly” or "
               "“about” that hold back from full commitment. A higher number means more of what the report "
               "says is qualified. Certainty markers and attribution cues are not counted. Only the quoted "
               "passages are counted, not the whole article.")
    return FigureSpec(
        key=key, kind=kind, title=title, caption=caption, alt=alt,
        table_headers=("Report date", "Outlet", "Headline", "Hedges", "Quoted words", "Hedges per 100 words"),
        table_rows=tuple(
            (r.date.iso(), dataset.sources[r.outlet].name, r.title,
             str(analysis.kind_counts(r, dataset.cue_categories)["hedge"]), str(analysis.quoted_words(r)),
             _decimal(v))
            for r, v in zip(reports, values, strict=False)),
        data=data, size=size,
    )


def unnamed_share_figure(dataset: Dataset) -> FigureSpec:
    key, title = "overview-unnamed-share", "Claims resting on unnamed sources"
    if (early := _too_few_reports(dataset, key, title)) is not None:
        return early
    reports = dataset.reports
    counts = [sum(analysis.rests_on_unnamed(c, dataset.sources) for c in r.claims) for r in reports]
    totals = [len(r.claims) for r in reports]
    shares = [analysis.unnamed_share(r, dataset.sources) for r in reports]
    labels = [_report_label(dataset, r) for r in reports]
    names = [_report_name(dataset, r) for r in reports]
    hi = max(range(len(reports)), key=lambda i: shares[i])
    lo = min(range(len(reports)), key=lambda i: shares[i])
    texts = [f"{_percent(s)} ({c} of {t})" for s, c, t in zip(shares, counts, totals, strict=False)]
    alt = (f"The share of claims resting on an unnamed or vaguely cited source is highest in {names[hi]}: "
           f"{counts[hi]} of {totals[hi]} claims ({_percent(shares[hi])}). It is lowest in {names[lo]}: "
           f"{counts[lo]} of {totals[lo]} ({_percent(shares[lo])}).")
    kind, data, size, how = _per_report(dataset, labels, [round(100 * s, 4) for s in shares], texts,
                                        "% of the report's claims", 100, "unnamed")
    caption = ("The share of each report's claims whose chain of sources includes a source that is not named "
               f"(“officials said”) or is cited only vaguely (“there are reports”), {how}.")
    return FigureSpec(
        key=key, kind=kind, title=title, caption=caption, alt=alt,
        table_headers=("Report date", "Outlet", "Headline", "Claims resting on unnamed sources", "Claims",
                       "Share"),
        table_rows=tuple((r.date.iso(), dataset.sources[r.outlet].name, r.title, str(c), str(t),
                          _percent(s)) for r, c, t, s in zip(reports, counts, totals, shares, strict=False)),
        data=data, size=size,
    )


def _per_report(dataset: Dataset, labels: list[str], values: list[float], value_labels: list[str],
                axis_label: str, axis_max: float | None, style: str) -> tuple[str, tuple, tuple, str]:
    """One value per report: labelled bars for a few reports, dots over time for many.

    Returns the drawing kind, its data, the figure size and how the chart shows it, in words.
    """
    reports = dataset.reports
    if len(reports) <= MAX_ROWS:
        data = _data(orientation="h", labels=tuple(labels), series=((axis_label, style, tuple(values)),),
                     value_labels=tuple(value_labels), axis_label=axis_label, axis_max=axis_max, integer=False)
        return BARS, data, _bar_size(len(reports), row=0.72), "one bar per report, in date order"
    points = []
    for report, value in zip(reports, values, strict=False):
        when, approx = placement(report.date)
        first, last = date_span(report.date)
        points.append((when.isoformat(), approx, value, None, None, "report", "", first.isoformat(),
                       last.isoformat()))
    data = _data(points=tuple(points), log=False, axis_label=axis_label, legend=(("report", "one report"),),
                 any_approximate=any(p[1] for p in points), point_labels=False, spans=False, y_max=axis_max,
                 legend_title="")
    return TRACKER, data, (WIDTH, 4.0), ("one dot per report at its publication date (hollow: only the month "
                                         "or year is known)")


def _status_counts(claims) -> Counter[str]:
    return Counter(c.status for c in claims)


def _status_text(counts: Counter[str]) -> str:
    return ", ".join(f"{counts[s]} {s}" for s in STATUS_ORDER if counts[s])


def timeline_figure(dataset: Dataset) -> FigureSpec:
    key, title = "overview-timeline", "Timeline of reports and their claims"
    reports = dataset.reports
    if not reports:
        return _message(key, title, "There are no reports yet.")
    if len(reports) == 1:
        r = reports[0]
        return _message(key, title, f"Only one report so far: {_report_name(dataset, r)}, with "
                                    f"{_count(len(r.claims), 'claim')} ({_status_text(_status_counts(r.claims))}).")
    rows, table = [], []
    first_shown = max(0, len(reports) - MAX_ROWS)  # many reports: the chart shows the latest, the table all
    for index, r in enumerate(reports):
        when, approx = placement(r.date)
        start, end = date_span(r.date)
        counts = _status_counts(r.claims)
        if index >= first_shown:
            rows.append((_report_label(dataset, r), when.isoformat(), start.isoformat(), end.isoformat(), approx,
                         tuple(counts[s] for s in STATUS_ORDER)))
        table.append((r.date.iso(), dataset.sources[r.outlet].name, r.title, date_note(r.date),
                      *(str(counts[s]) for s in STATUS_ORDER), str(len(r.claims))))
    exact = sum(1 for r in reports if r.date.day)
    main = Counter(max(STATUS_ORDER, key=lambda s: (_status_counts(r.claims)[s], -STATUS_ORDER.index(s)))
                   for r in reports)
    mostly = _listing([f"{s} in {_count(n, 'report')}" for s, n in main.most_common()])
    span = (f"from {short_date(reports[0].date)} to {short_date(reports[-1].date)}" if len(reports) > 1
            else f"in {short_date(reports[0].date)}")
    alt = (f"{_count(len(reports), 'report')} {span}. {exact} of them {'has' if exact == 1 else 'have'} an exact "
           f"publication day; the others are dated only to the month or year. Most of a report's claims are "
           f"{mostly}.")
    caption = ("Left: when each report was published. A filled marker is an exact day; a hollow marker with a grey "
               "bar means only the month or year is known, and the bar shows every date it could be. Right: "
               "how each report presents its claims: in its own voice (asserted), as someone else's claim "
               "(attributed), as a possibility (speculated), or as a denial.")
    if first_shown:
        caption += f" The chart shows the latest {len(rows)} of {len(reports)} reports; the table lists them all."
    return FigureSpec(
        key=key, kind=TIMELINE, title=title, caption=caption, alt=alt,
        table_headers=("Report date", "Outlet", "Headline", "Date known", *(words.STATUS[s][0] for s in STATUS_ORDER),
                       "Claims"),
        table_rows=tuple(table),
        data=_data(rows=tuple(rows), statuses=tuple(words.STATUS[s][0] for s in STATUS_ORDER),
                   status_keys=STATUS_ORDER),
        size=(WIDTH, round(1.5 + 0.72 * len(rows), 2)),
    )


def status_by_year_figure(dataset: Dataset) -> FigureSpec:
    key, title = "overview-status-by-year", "How claims are presented, by year"
    years = sorted({r.date.year for r in dataset.reports})
    if len(years) < 2:
        return _message(key, title, "All reports so far are from the same year, so there is no change over "
                                    "time to show yet.")
    by_year = {y: _status_counts(c for r in dataset.reports if r.date.year == y for c in r.claims) for y in years}
    totals = {y: sum(by_year[y].values()) for y in years}
    n_reports = {y: sum(1 for r in dataset.reports if r.date.year == y) for y in years}
    parts = [f"{y}: {totals[y]} claims ({_status_text(by_year[y])})" for y in years]
    alt = f"Claims recorded per year, by how the report presents them. {'; '.join(parts)}."
    caption = ("All claims recorded in the reports of each year, by how the report presents them. The bars "
               "depend on which reports are in the collection, not on all news of that year.")
    return FigureSpec(
        key=key, kind=BARS, title=title, caption=caption, alt=alt,
        table_headers=("Year", "Reports", *(words.STATUS[s][0] for s in STATUS_ORDER), "Claims"),
        table_rows=tuple((str(y), str(n_reports[y]), *(str(by_year[y][s]) for s in STATUS_ORDER), str(totals[y]))
                         for y in years),
        data=_data(orientation="v", labels=tuple(str(y) for y in years),
                   series=tuple((words.STATUS[s][0].lower(), s, tuple(by_year[y][s] for y in years))
                                for s in STATUS_ORDER),
                   value_labels=tuple(str(totals[y]) for y in years), axis_label="claims", axis_max=None,
                   integer=True),
        size=(WIDTH, 4.0),
    )


def origins_figure(dataset: Dataset) -> FigureSpec:
    """Where claims start, across all reports: the kind of each claim's origin, named or not."""
    key, title = "overview-origins", "Where the claims start"
    named: Counter[str] = Counter()
    unnamed: Counter[str] = Counter()
    for r in dataset.reports:
        for c in r.claims:
            origin = analysis.origin(c, dataset.sources)
            k = origin.kind if origin else OWN_VOICE
            (unnamed if origin is not None and not origin.named else named)[k] += 1
    totals = named + unnamed
    named.pop(OWN_VOICE, 0)  # drawn as its own series
    if len(totals) < 2:
        return _message(key, title, "All claims so far start with the same kind of source.")
    order = [OWN_VOICE, *words.SOURCE_KINDS]
    rows = sorted(totals.items(), key=lambda kv: (-kv[1], order.index(kv[0])))
    labels = [_origin_label(k) for k, _ in rows]
    total = sum(totals.values())
    n_unnamed = sum(unnamed.values())
    parts = [f"{'the outlet itself, citing no one' if k == OWN_VOICE else label} ({n})"
             for label, (k, n) in zip(labels, rows, strict=False)]
    alt = (f"Of {total} claims in {_count(len(dataset.reports), 'report')}, most start with "
           f"{_listing(parts[:3])}. {n_unnamed} start with a source that is not named or cannot be identified.")
    caption = ("For every claim, the last source in its chain: where it starts, as far as the report tells. "
               "“Own voice” means the outlet states it without citing anyone. Hatched parts are sources that "
               "are not named or cannot be identified.")
    return FigureSpec(
        key=key, kind=BARS, title=title, caption=caption, alt=alt,
        table_headers=("Claim starts with", "Named", "Unnamed", "Claims"),
        table_rows=tuple((label, "–" if k == OWN_VOICE else str(named[k]), "–" if k == OWN_VOICE else str(unnamed[k]),
                          str(n)) for label, (k, n) in zip(labels, rows, strict=False))
        + (("Total", str(sum(named.values())), str(n_unnamed), str(total)),),
        data=_data(orientation="h", labels=tuple(labels),
                   series=(("own voice", "own-voice", tuple(n if k == OWN_VOICE else 0 for k, n in rows)),
                           ("named source", "named", tuple(named[k] for k, _ in rows)),
                           ("unnamed or unidentified", "unnamed", tuple(unnamed[k] for k, _ in rows))),
                   value_labels=tuple(str(n) for _, n in rows), axis_label="claims", axis_max=None,
                   integer=True),
        size=_bar_size(len(rows), legend=True),
    )


def all_figures(dataset: Dataset) -> list[FigureSpec]:
    """Every figure of the site (for warming the cache or pruning it)."""
    specs = [s for r in dataset.reports for s in report_figures(dataset, r)]
    return specs + tracker_figures(dataset) + overview_figures(dataset)
