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

The specs are split by kind: this module holds the per-report charts and re-exports the rest
(``figure_spec``: the spec and shared helpers; ``tracker_figures``; ``overview_figures``).

Pure: no matplotlib, no MkDocs. Word tables shared with the pages (source
kinds, statuses, qualifiers) come from ``labels``.
"""

from __future__ import annotations

from collections import Counter

from . import analysis, labels as words
from .dataset import Dataset
from .figure_spec import (
    BARS as BARS,
    LOG_SCALE_RATIO as LOG_SCALE_RATIO,
    MAX_DATE_SPANS as MAX_DATE_SPANS,
    MAX_POINT_LABELS as MAX_POINT_LABELS,
    MAX_ROWS as MAX_ROWS,
    OWN_VOICE as OWN_VOICE,
    STATUS_ORDER as STATUS_ORDER,
    TIMELINE as TIMELINE,
    TRACKER as TRACKER,
    WIDTH as WIDTH,
    FigureSpec as FigureSpec,
    _bar_size,
    _count,
    _data,
    _listing,
    _message,
    date_note as date_note,
    date_span as date_span,
    placement as placement,
    short_date as short_date,
)
from .model import Report
from .overview_figures import (
    hedge_density_figure as hedge_density_figure,
    origins_figure as origins_figure,
    overview_figures as overview_figures,
    status_by_year_figure as status_by_year_figure,
    timeline_figure as timeline_figure,
    unnamed_share_figure as unnamed_share_figure,
)
from .tracker_figures import (
    tracked_measures as tracked_measures,
    tracker_figure as tracker_figure,
    tracker_figures as tracker_figures,
)

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
    labels = [f"{categories[c].label} ({words.CUE_KINDS_SINGULAR[categories[c].kind]})" for c, _ in rows]  # as the key says
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
        for step in claim.all_steps:  # every chain, as cited_source_kinds counts: the split adds up to the bar
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


def all_figures(dataset: Dataset) -> list[FigureSpec]:
    """Every figure of the site (for warming the cache or pruning it)."""
    specs = [s for r in dataset.reports for s in report_figures(dataset, r)]
    return specs + tracker_figures(dataset) + overview_figures(dataset)
