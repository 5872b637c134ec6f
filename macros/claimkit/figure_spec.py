"""What every chart spec is made of: FigureSpec, the drawing kinds, and the words and dates charts share.

Pure: no matplotlib, no MkDocs. See figures.py for what each chart shows.
"""

from __future__ import annotations

import datetime as dt
import textwrap
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


def _bar_size(n: int, legend: bool = False, row: float = 0.42) -> tuple[float, float]:
    return (WIDTH, round(1.0 + row * n + (0.45 if legend else 0), 2))


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
