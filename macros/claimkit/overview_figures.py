"""Charts across reports: cue density, unnamed sources, claim status over time, where claims start.
"""

from __future__ import annotations

from collections import Counter

from . import analysis, labels as words
from .dataset import Dataset
from .figure_spec import (
    BARS,
    MAX_ROWS,
    OWN_VOICE,
    STATUS_ORDER,
    TIMELINE,
    TRACKER,
    WIDTH,
    FigureSpec,
    _bar_size,
    _count,
    _data,
    _decimal,
    _listing,
    _message,
    _origin_label,
    _percent,
    _report_label,
    _report_name,
    date_note,
    date_span,
    placement,
    short_date,
)

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
