"""Which charts each case gets, and which compare reports across cases.

Every overview chart (``figures.overview_figures``: hedging density, unnamed
sources, timeline, statuses by year, origins) is drawn once per case, from that
case's reports only. Across cases only the charts that set reports or claims
side by side are drawn: a timeline or a count by year of two unrelated stories
would only mix them.

A tracker chart shows one case's figures. A measure that two cases both give
figures for gets one chart per case, never one line through two stories.

Keys (HTML ids ``fig-<key>``): a case's overview chart is ``<case-id>-<key>``;
a tracker keeps ``tracker-<measure>`` while one case gives figures for it, and
becomes ``tracker-<measure>-<case-id>`` when several do. Charts are cached by a
hash of what they draw, not by key, so a chart whose data did not change is
never drawn again.
"""

from __future__ import annotations

from dataclasses import replace

from . import figures
from .dataset import Dataset
from .figures import FigureSpec

ACROSS_CASES = (figures.hedge_density_figure, figures.unnamed_share_figure, figures.origins_figure)


def overview_figures(case_data: Dataset, case_id: str) -> dict[str, FigureSpec]:
    """The overview charts of one case (``case_data`` from cases.case_dataset), by their overview key;
    none for a case with no reports yet."""
    if not case_data.reports:
        return {}
    return {spec.key: replace(spec, key=f"{case_id}-{spec.key}") for spec in figures.overview_figures(case_data)}


def tracker_figures(case_data: Dataset, case_id: str, shared: set[str]) -> dict[str, FigureSpec]:
    """A chart for each measure the case gives figures for, by measure id; ``shared`` names the
    measures other cases give figures for too."""
    found = {}
    for measure_id in figures.tracked_measures(case_data):
        spec = figures.tracker_figure(case_data, measure_id)
        found[measure_id] = replace(spec, key=f"{spec.key}-{case_id}") if measure_id in shared else spec
    return found


def across_cases_figures(data: Dataset) -> list[FigureSpec]:
    """The charts comparing every report of every case; none when there is only one case."""
    if len(data.cases) < 2:
        return []
    return [draw(data) for draw in ACROSS_CASES]
