"""Draw figure specs as SVG with matplotlib, cached on disk by content.

``ChartCache.svg(spec)`` returns the SVG bytes of a chart: from the cache when
a file named after the chart's hash exists, drawn otherwise. The hash covers
the chart's data, the style below, this module's ``CHART_CODE_VERSION`` and
the installed matplotlib version, so a cached file can never show old data and
unchanged data is never drawn twice.

matplotlib is imported only inside :func:`render_chart`: a build in which
every chart is cached never imports it. No pyplot: each chart is a standalone
``Figure`` on an Agg canvas, so there is no global figure registry to leak
and no backend to switch.

The same data gives the same bytes: fixed ``svg.hashsalt``, no date or
creator metadata, text kept as text (``svg.fonttype: none``) in a generic
font list, and matplotlib's own DejaVu Sans for layout.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from .figures import BARS, TIMELINE, TRACKER, FigureSpec

CHART_CODE_VERSION = "2"  # raise whenever drawing code changes what a chart looks like

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
INK = "#1a1a1a"  # text and axes: dark on the white card, in light and dark site schemes
FAINT = "#d9d9d9"  # gridlines
MUTED = "#595959"
SPAN = "#b3b3b3"  # the dates a month- or year-only date could be

# Bar series: fill colour, hatch, hatch colour. Hatching repeats what colour says, for print and projectors.
SERIES = {
    "single": (OKABE_ITO["blue"], "", "#ffffff"),
    "named": (OKABE_ITO["blue"], "", "#ffffff"),
    "own-voice": ("#999999", "", "#ffffff"),
    "unnamed": (OKABE_ITO["vermillion"], "//", "#ffffff"),
    "asserted": (OKABE_ITO["blue"], "", "#ffffff"),
    "attributed": (OKABE_ITO["orange"], "//", INK),
    "speculated": (OKABE_ITO["purple"], "\\\\", INK),
    "denied": (OKABE_ITO["black"], "xx", "#ffffff"),
}
# Where a claim starts (the kind of its origin source): colour and marker, the same on every chart.
ORIGINS = {
    "own-voice": (OKABE_ITO["black"], "s"),
    "unknown": (OKABE_ITO["vermillion"], "o"),
    "state-media": (OKABE_ITO["vermillion"], "v"),
    "tabloid": (OKABE_ITO["orange"], "d"),
    "pundit": (OKABE_ITO["orange"], "*"),
    "newspaper": (OKABE_ITO["blue"], "D"),
    "news-agency": (OKABE_ITO["blue"], "s"),
    "regional-outlet": (OKABE_ITO["blue"], "^"),
    "online-outlet": (OKABE_ITO["blue"], "o"),
    "magazine": (OKABE_ITO["blue"], "p"),
    "broadcaster": (OKABE_ITO["blue"], ">"),
    "think-tank": (OKABE_ITO["green"], "<"),
    "expert": (OKABE_ITO["green"], "P"),
    "government": (OKABE_ITO["green"], "h"),
    "official": (OKABE_ITO["purple"], "v"),
    "intelligence-agency": (OKABE_ITO["purple"], "X"),
    "military": (OKABE_ITO["purple"], "D"),
    "report": (OKABE_ITO["blue"], "o"),  # one dot per report, on charts of many reports
}
STYLE = {
    "series": SERIES,
    "origins": ORIGINS,
    "marker_size": 11,
    "line_width": 2.5,
    "bar_height": 0.62,
}
RC = {
    "svg.hashsalt": "claimkit-charts",
    "svg.fonttype": "none",
    "svg.image_inline": True,
    "font.family": ["sans-serif"],
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": 12,
    "axes.labelsize": 12,
    "axes.titlesize": 13,
    "xtick.labelsize": 11.5,
    "ytick.labelsize": 11.5,
    "legend.fontsize": 11,
    "legend.frameon": False,
    "text.parse_math": False,  # a "$" in data is a dollar sign, not mathematics
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.edgecolor": INK,
    "axes.linewidth": 1.2,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": INK,
    "ytick.color": INK,
    "xtick.major.width": 1.2,
    "ytick.major.width": 1.2,
    "lines.linewidth": STYLE["line_width"],
    "hatch.linewidth": 1.4,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "figure.constrained_layout.h_pad": 0.06,
    "figure.constrained_layout.w_pad": 0.06,
}
SVG_METADATA = {"Date": None, "Creator": None, "Contributor": None, "Format": None, "Type": None}


@lru_cache(maxsize=1)
def _matplotlib_version() -> str:
    """The installed version, read without importing matplotlib."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("matplotlib")
    except PackageNotFoundError:
        return "unknown"


def chart_hash(spec: FigureSpec) -> str:
    """sha256 of everything that decides the chart's pixels: data, size, style and code version."""
    if not spec.has_chart:
        raise ValueError(f"figure {spec.key!r} has a message, not a chart")
    payload = json.dumps(
        [CHART_CODE_VERSION, _matplotlib_version(), spec.kind, spec.size, spec.data, STYLE, RC],
        sort_keys=True, ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class ChartCache:
    """SVG files named by chart hash, in one folder; drawn only on a miss."""

    def __init__(self, cache_dir: Path):
        self.cache_dir = Path(cache_dir)
        self.rendered_count = 0  # charts drawn (not read from the cache) by this object

    def filename(self, spec: FigureSpec) -> str:
        return f"{chart_hash(spec)}.svg"

    def path(self, spec: FigureSpec) -> Path:
        return self.cache_dir / self.filename(spec)

    def svg(self, spec: FigureSpec) -> bytes:
        path = self.path(spec)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            pass
        content = render_chart(spec)
        self.rendered_count += 1
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.cache_dir, prefix=".tmp-", suffix=".svg")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
            os.replace(tmp, path)  # atomic: a reader sees the whole file or none
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return content

    def prune(self, keep: list[FigureSpec]) -> list[Path]:
        """Delete cached SVGs not belonging to ``keep``; return what was deleted."""
        wanted = {self.filename(s) for s in keep if s.has_chart}
        stale = [p for p in self.cache_dir.glob("*.svg") if p.name not in wanted]
        for p in stale:
            p.unlink(missing_ok=True)
        return stale


# --- drawing ----------------------------------------------------------------------------------


def render_chart(spec: FigureSpec, fmt: str = "svg") -> bytes:
    """Draw one chart. ``fmt`` may be "png" for previews; the site uses SVG."""
    if not spec.has_chart:
        raise ValueError(f"figure {spec.key!r} has a message, not a chart")
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    draw = {BARS: _draw_bars, TRACKER: _draw_tracker, TIMELINE: _draw_timeline}[spec.kind]
    with matplotlib.rc_context(RC):
        fig = Figure(figsize=spec.size, layout="constrained")
        FigureCanvasAgg(fig)
        draw(fig, spec.options)
        out = io.BytesIO()
        if fmt == "svg":
            fig.savefig(out, format="svg", metadata=SVG_METADATA)
        else:
            fig.savefig(out, format=fmt, dpi=110)
    return out.getvalue()


def _number_formatter(integer: bool):
    from matplotlib.ticker import FuncFormatter

    from .analysis import format_number

    def fmt(value, _pos):
        if integer or float(value).is_integer():
            return format_number(round(value))
        return f"{value:g}"

    return FuncFormatter(fmt)


def _draw_bars(fig, o: dict) -> None:
    from matplotlib.ticker import MaxNLocator

    ax = fig.add_subplot()
    labels, series = o["labels"], o["series"]
    n = len(labels)
    horizontal = o["orientation"] == "h"
    positions = [n - 1 - i for i in range(n)] if horizontal else list(range(n))
    base = [0.0] * n
    for name, style_key, values in series:
        color, hatch, hatch_color = SERIES[style_key]
        kwargs = {"color": color, "hatch": hatch or None, "edgecolor": hatch_color, "linewidth": 0, "label": name}
        if horizontal:
            bars = ax.barh(positions, values, height=STYLE["bar_height"], left=base, **kwargs)
        else:
            bars = ax.bar(positions, values, width=STYLE["bar_height"], bottom=base, **kwargs)
        for bar in bars:
            bar.set_hatch_linewidth(RC["hatch.linewidth"])
        base = [b + v for b, v in zip(base, values, strict=False)]
    top = max(base) if base else 1
    limit = o["axis_max"] or (top if top > 0 else 1)
    room = 1.32 if horizontal else 1.14  # space for the value labels at the bar ends
    for pos, total, text in zip(positions, base, o["value_labels"], strict=False):
        if horizontal:
            ax.annotate(text, (total, pos), xytext=(5, 0), textcoords="offset points", va="center",
                        ha="left", fontsize=11.5)
        else:
            ax.annotate(text, (pos, total), xytext=(0, 4), textcoords="offset points", va="bottom",
                        ha="center", fontsize=11.5)
    value_axis = ax.xaxis if horizontal else ax.yaxis
    value_axis.set_major_formatter(_number_formatter(o["integer"]))
    if o["integer"]:
        value_axis.set_major_locator(MaxNLocator(integer=True, nbins=6))
    if horizontal:
        ax.set_yticks(positions, labels)
        ax.set_xlim(0, limit * room)
        ax.set_xlabel(o["axis_label"])
        ax.tick_params(axis="y", length=0)
        ax.spines["left"].set_visible(False)
        if o["axis_max"]:
            ax.set_xticks([o["axis_max"] * f for f in (0, 0.25, 0.5, 0.75, 1)])
            ax.spines["bottom"].set_bounds(0, o["axis_max"])
        ax.grid(axis="x", color=FAINT, linewidth=1)
    else:
        ax.set_xticks(positions, labels)
        ax.set_ylim(0, limit * room)
        ax.set_ylabel(o["axis_label"])
        ax.tick_params(axis="x", length=0)
        ax.grid(axis="y", color=FAINT, linewidth=1)
    ax.set_axisbelow(True)
    if len(series) > 1:
        ncols = min(len(series), 4)
        fig.legend(loc="outside lower center", ncols=ncols, handlelength=1.6, handleheight=1.1)


def _day_number(iso: str) -> float:
    import datetime as dt

    from matplotlib.dates import date2num

    return float(date2num(dt.date.fromisoformat(iso)))


def _date_axis(axis, first: float, last: float) -> None:
    """Month or year ticks only: a tick on a day would suggest a precision the dates do not have."""
    from matplotlib.dates import MonthLocator, YearLocator, num2date
    from matplotlib.ticker import FuncFormatter

    months = (last - first) / 30.44
    if months > 30:
        years = max(1, round(months / 12 / 6))
        axis.set_major_locator(YearLocator(base=years))
        axis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{num2date(v).year}"))
        return
    step = next(s for s in (1, 2, 3, 4, 6, 12) if months / s <= 6)
    axis.set_major_locator(MonthLocator(bymonth=range(1, 13, step)))

    def label(value, pos):
        day = num2date(value)
        return f"{day:%b}\n{day.year}" if pos == 0 or day.month <= step else f"{day:%b}"

    axis.set_major_formatter(FuncFormatter(label))


def _padded(first: float, last: float) -> tuple[float, float]:
    span = last - first
    pad = max(span * 0.09, 45.0)
    return first - pad, last + pad


_LOOKS_SMALL = {"*": 1.35, "d": 1.15, "p": 1.1}  # markers that look smaller than a circle of the same size


def _draw_tracker(fig, o: dict) -> None:
    import math

    from matplotlib.lines import Line2D
    from matplotlib.ticker import LogLocator, NullFormatter

    ax = fig.add_subplot()
    points = o["points"]
    log = o["log"]
    xs = [_day_number(p[0]) for p in points]
    first_days = [_day_number(p[7]) for p in points]
    last_days = [_day_number(p[8]) for p in points]
    lo_x, hi_x = _padded(min(first_days), max(last_days))
    if o["point_labels"]:
        hi_x += (hi_x - lo_x) * 0.22  # room for the labels right of the latest markers
    marker_size = STYLE["marker_size"] if len(points) <= 30 else STYLE["marker_size"] * 0.65
    span_x = hi_x - lo_x

    def scaled(v: float) -> float:
        return math.log10(v) if log else v

    ys = [p[2] for p in points]
    y_values = [v for p in points for v in (p[2], p[3], p[4]) if v is not None]
    y_span = (scaled(max(y_values)) - scaled(min(y_values))) or 1.0

    # Markers that would hide each other (same date, nearly the same value) are spread sideways a
    # little and share one label.
    groups: list[list[int]] = []
    by_day: dict[float, list[list[int]]] = {}
    for i in range(len(points)):
        for group in by_day.setdefault(xs[i], []):
            j = group[0]
            if abs(scaled(ys[j]) - scaled(ys[i])) < 0.07 * y_span:
                group.append(i)
                break
        else:
            group = [i]
            by_day[xs[i]].append(group)
            groups.append(group)
    step = span_x * 0.028
    offsets = [0.0] * len(points)
    for group in groups:
        for rank, i in enumerate(group):
            offsets[i] = (rank - (len(group) - 1) / 2) * step

    # One call per kind of mark, not per point: at a thousand reports a chart has hundreds of points,
    # and matplotlib draws each call as an object of its own.
    span_x_values: list[float] = []
    span_y_values: list[float] = []
    bars: dict[str, tuple[list[float], list[float], list[float], list[float]]] = {}
    marks: dict[tuple[str, str, bool], tuple[list[float], list[float]]] = {}
    for i, point in enumerate(points):
        _, approx, y, ylo, yhi, origin, _, _, _ = point
        color, marker = ORIGINS.get(origin, (OKABE_ITO["black"], "o"))
        x = xs[i] + offsets[i]
        if approx and o["spans"]:
            span_x_values += [first_days[i], last_days[i], math.nan]
            span_y_values += [y, y, math.nan]
        if ylo is not None:
            bar = bars.setdefault(color, ([], [], [], []))
            bar[0].append(x), bar[1].append(y), bar[2].append(y - ylo), bar[3].append(yhi - y)
        mark = marks.setdefault((color, marker, bool(approx)), ([], []))
        mark[0].append(x), mark[1].append(y)
    if span_x_values:
        ax.plot(span_x_values, span_y_values, color=SPAN, linewidth=4, solid_capstyle="butt", zorder=1)
    for color, (bx, by, below, above) in bars.items():
        ax.errorbar(bx, by, yerr=[below, above], fmt="none", ecolor=color, elinewidth=STYLE["line_width"],
                    capsize=7, capthick=STYLE["line_width"], zorder=2)
    for (color, marker, approx), (mx, my) in marks.items():
        ax.plot(mx, my, linestyle="none", marker=marker, markersize=marker_size * _LOOKS_SMALL.get(marker, 1),
                markeredgewidth=2.2 if len(points) <= 30 else 1.6, markeredgecolor=color,
                markerfacecolor="white" if approx else color, zorder=3)
    # A label goes right of its markers (past their date span), or above them when it would cover
    # other markers or date spans.
    days_per_char = span_x * 6.6 / (72 * fig.get_figwidth() * 0.8)
    for group in groups if o["point_labels"] else ():
        text = " / ".join(dict.fromkeys(points[i][6] for i in group))
        first, last = group[0], group[-1]
        y = ys[last]
        x = max([xs[last] + offsets[last]] + [last_days[i] for i in group if points[i][1] and o["spans"]])
        reach = x + (len(text) + 2) * days_per_char
        crowded = any(
            j not in group and abs(scaled(ys[j]) - scaled(y)) < 0.07 * y_span
            and first_days[j] <= reach and last_days[j] >= x
            for j in range(len(points))
        )
        if crowded:
            label = ax.annotate(text, (xs[first] + offsets[first], y), xytext=(-7, 11), textcoords="offset points",
                                ha="left", va="bottom", fontsize=11, color=INK, zorder=4)
        else:
            label = ax.annotate(text, (x, y), xytext=(10, 0), textcoords="offset points", ha="left", va="center",
                                fontsize=11, color=INK, zorder=4)
        # The x axis leaves room for the labels; one longer than that room (a figure written out in a
        # dozen digits) runs past the plot instead of squeezing the plot to nothing.
        label.set_in_layout(False)

    ax.set_xlim(lo_x, hi_x)
    _date_axis(ax.xaxis, lo_x, hi_x)
    if log:
        ax.set_yscale("log")
        low, high = min(y_values), max(y_values)
        ax.set_ylim(low / 2.2, high * 2.2)
        ax.yaxis.set_major_locator(LogLocator(base=10, numticks=12))
        ax.yaxis.set_minor_formatter(NullFormatter())
    elif o["y_max"] is not None:
        ax.set_ylim(0, o["y_max"] * 1.04)
    else:
        top, bottom = max(*y_values, 0), min(*y_values, 0)
        pad = (top - bottom) * 0.15 or 1
        ax.set_ylim(bottom - (pad if bottom < 0 else 0), top + pad)
    ax.yaxis.set_major_formatter(_number_formatter(False))
    ax.set_ylabel(o["axis_label"])
    ax.grid(axis="y", color=FAINT, linewidth=1)
    ax.set_axisbelow(True)

    handles = []
    for key, text in o["legend"]:
        color, marker = ORIGINS.get(key, (INK, "o"))
        handles.append(Line2D([], [], linestyle="none", marker=marker, color=color, label=text,
                              markersize=(STYLE["marker_size"] - 1) * _LOOKS_SMALL.get(marker, 1),
                              markeredgewidth=2.2))
    if o["any_approximate"]:
        handles.append(Line2D([0, 1], [0, 0], color=SPAN if o["spans"] else "none", linewidth=4, marker="o",
                              markersize=STYLE["marker_size"] - 1, markeredgewidth=2.2, markeredgecolor=MUTED,
                              markerfacecolor="white", label="date: month or year only"))
    fig.legend(handles=handles, loc="outside lower center", ncols=min(len(handles), 3),
               title=o["legend_title"] or None, title_fontsize=11, handletextpad=0.6, columnspacing=1.4)


def _draw_timeline(fig, o: dict) -> None:
    rows = o["rows"]
    n = len(rows)
    ax, bars = fig.subplots(1, 2, sharey=True, width_ratios=[5, 3])
    positions = [n - 1 - i for i in range(n)]
    xs = [_day_number(r[1]) for r in rows]
    starts = [_day_number(r[2]) for r in rows]
    ends = [_day_number(r[3]) for r in rows]
    for pos, (_label, _, _, _, approx, _), x, start, end in zip(positions, rows, xs, starts, ends, strict=False):
        if approx:
            ax.plot([start, end], [pos, pos], color=SPAN, linewidth=6, solid_capstyle="butt",
                    zorder=1)
        ax.plot([x], [pos], linestyle="none", marker="o", markersize=STYLE["marker_size"], markeredgewidth=2.2,
                markeredgecolor=OKABE_ITO["blue"], markerfacecolor="white" if approx else OKABE_ITO["blue"],
                zorder=2)
    lo_x, hi_x = _padded(min(starts), max(ends))
    ax.set_xlim(lo_x, hi_x)
    _date_axis(ax.xaxis, lo_x, hi_x)
    ax.set_yticks(positions, [r[0] for r in rows])
    ax.set_ylim(-0.6, n - 0.4)
    ax.tick_params(axis="y", length=0)
    ax.spines["left"].set_visible(False)
    ax.grid(axis="x", color=FAINT, linewidth=1)
    ax.set_axisbelow(True)
    ax.set_xlabel("published")

    base = [0] * n
    for status, key, column in zip(o["statuses"], o["status_keys"], range(len(o["statuses"])), strict=False):
        color, hatch, hatch_color = SERIES[key]
        values = [r[5][column] for r in rows]
        drawn = bars.barh(positions, values, left=base, height=STYLE["bar_height"], color=color,
                          hatch=hatch or None, edgecolor=hatch_color, linewidth=0, label=status.lower())
        for bar in drawn:
            bar.set_hatch_linewidth(RC["hatch.linewidth"])
        base = [b + v for b, v in zip(base, values, strict=False)]
    for pos, total in zip(positions, base, strict=False):
        bars.annotate(str(total), (total, pos), xytext=(5, 0), textcoords="offset points", va="center",
                      fontsize=11.5)
    from matplotlib.ticker import MaxNLocator

    bars.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    bars.set_xlim(0, max(base) * 1.2 if max(base) else 1)
    bars.set_xlabel("claims")
    bars.tick_params(axis="y", length=0, labelleft=False)
    bars.spines["left"].set_visible(False)
    bars.grid(axis="x", color=FAINT, linewidth=1)
    bars.set_axisbelow(True)
    fig.legend(loc="outside lower center", ncols=4, handlelength=1.6, handleheight=1.1)
