"""Monthly trend charts of a percentage as hand-built SVG: no JavaScript, no charting library.

Like measures/charts.py: the <svg> is one image (role="img") named by its <title> and described by its
<desc>, and the page puts the same figures in a table next to it. Every piece of text is escaped (markupsafe).

The service's line is solid with a dot per month; a month with nothing to divide by (or withheld in
publication mode) is a gap in the line, not a zero. Reference lines (the target and the national figure)
are dashed and dotted, each labelled right of the plot with its value, and named again in a legend under
the axis, so nothing depends on colour alone.
"""

import math
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

from steptwo.measures.charts import number

WIDTH, HEIGHT = 640, 300
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 48, 510, 16, 236
INK, SERIES, GRID = "#212b32", "#005eb8", "#d8dde0"
STYLES = {  # reference line kind: (colour, dash pattern, legend words)
    "target": ("#330072", "10 5", "Target"),
    "national": ("#4c6272", "2 4", "National figure"),
}
LABEL_GAP = 30  # the least vertical distance between two reference-line labels (two lines of text each)
MAX_X_LABELS = 12
LEGEND_TOP = HEIGHT - 22


@dataclass(frozen=True)
class Point:
    label: str  # under the axis: "Nov"
    percent: Decimal | None  # None: no figure that month
    sublabel: str = ""  # a second line: the year, under the first month and each January


@dataclass(frozen=True)
class ReferenceLine:
    kind: str  # "target" or "national"
    percent: Decimal
    label: str  # "Target 75%", "England 2024-25"


def y_max_for(points, lines):
    """The top of the y axis: 100, or less when every value is small (deterioration is near 6 %), in steps of
    20 so that the quarter ticks are whole multiples of 5."""
    values = [point.percent for point in points if point.percent is not None] + [line.percent for line in lines]
    highest = max(values, default=Decimal(0))
    return min(100, max(20, math.ceil((float(highest) + 5) / 20) * 20))


def y_of(value, y_max):
    return PLOT_BOTTOM - float(value) / y_max * (PLOT_BOTTOM - PLOT_TOP)


def x_of(index, count):
    return PLOT_LEFT + (index + 0.5) * (PLOT_RIGHT - PLOT_LEFT) / count


def trend_chart(*, chart_id, title, description, points, lines=()):
    y_max = y_max_for(points, lines)
    opening = Markup(
        '<svg class="app-chart app-chart--trend" role="img" aria-labelledby="{id}-title" aria-describedby="{id}-desc" '
        'viewBox="0 0 {w} {h}" width="100%" font-size="14" fill="{ink}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<rect width="100%" height="100%" fill="#ffffff"/>'
    ).format(id=chart_id, w=WIDTH, h=HEIGHT, ink=INK, title=title, desc=description)
    parts = [
        _axes(y_max),
        *(_reference_line(line, y_max) for line in lines),
        _reference_labels(lines, y_max),
        _series(points, y_max),
        _x_labels(points),
        _legend(lines),
    ]
    return opening + Markup("").join(parts) + Markup("</svg>")


def _axes(y_max):
    out = []
    for quarter in range(5):
        value = Decimal(y_max) * quarter / 4
        y = y_of(value, y_max)
        out.append(
            Markup(
                '<line x1="{l}" x2="{r}" y1="{y:.1f}" y2="{y:.1f}" stroke="{grid}"/>'
                '<text x="{tx}" y="{y:.1f}" text-anchor="end" dominant-baseline="middle">{label}%</text>'
            ).format(l=PLOT_LEFT, r=PLOT_RIGHT, y=y, grid=GRID, tx=PLOT_LEFT - 6, label=number(value))
        )
    out.append(
        Markup('<path d="M{l} {t}V{b}H{r}" fill="none" stroke="{ink}"/>').format(
            l=PLOT_LEFT, t=PLOT_TOP, b=PLOT_BOTTOM, r=PLOT_RIGHT, ink=INK
        )
    )
    return Markup("").join(out)


def _reference_line(line, y_max):
    colour, dash, _words = STYLES[line.kind]
    return Markup(
        '<line class="app-chart__{kind}" x1="{l}" x2="{r}" y1="{y:.1f}" y2="{y:.1f}" stroke="{c}" '
        'stroke-width="2.5" stroke-dasharray="{d}"/>'
    ).format(kind=line.kind, l=PLOT_LEFT, r=PLOT_RIGHT, y=y_of(line.percent, y_max), c=colour, d=dash)


def label_positions(wanted, gap=LABEL_GAP, low=PLOT_TOP + 8, high=PLOT_BOTTOM - 8):
    """The y of each label (in the order given), as near as can be to where it is wanted, none closer than
    `gap` to the next, all within low..high: labels of close lines are pushed apart, not drawn over each other."""
    order = sorted(range(len(wanted)), key=lambda index: wanted[index])
    placed = {}
    previous = None
    for index in order:
        y = max(wanted[index], low, previous + gap if previous is not None else low)
        placed[index] = y
        previous = y
    overflow = (previous - high) if previous is not None and previous > high else 0
    if overflow:  # pushed off the bottom: move the whole stack up (it fits: at most two labels)
        placed = {index: y - overflow for index, y in placed.items()}
    return [placed[index] for index in range(len(wanted))]


def _reference_labels(lines, y_max):
    positions = label_positions([y_of(line.percent, y_max) for line in lines])
    out = []
    for line, y in zip(lines, positions, strict=True):
        colour = STYLES[line.kind][0]
        out.append(
            Markup(
                '<text x="{x}" y="{y:.1f}" font-size="13" fill="{c}"><tspan x="{x}" dy="-0.2em">{label}</tspan>'
                '<tspan x="{x}" dy="1.2em" font-weight="bold">{value}%</tspan></text>'
            ).format(x=PLOT_RIGHT + 8, y=y, c=colour, label=line.label, value=number(line.percent))
        )
    return Markup("").join(out)


def _series(points, y_max):
    count = len(points)
    xy = [(x_of(index, count), None if p.percent is None else y_of(p.percent, y_max)) for index, p in enumerate(points)]
    out = []
    for run in _runs(xy):
        if len(run) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in run)
            out.append(
                Markup('<polyline points="{p}" fill="none" stroke="{c}" stroke-width="3"/>').format(p=path, c=SERIES)
            )
    for x, y in xy:
        if y is not None:
            out.append(
                Markup(
                    '<circle class="app-chart__point" cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{c}" stroke="#ffffff" '
                    'stroke-width="2"/>'
                ).format(x=x, y=y, c=SERIES)
            )
    if not any(y is not None for _x, y in xy):
        out.append(
            Markup('<text x="{x}" y="{y}" text-anchor="middle">No figures for these months</text>').format(
                x=(PLOT_LEFT + PLOT_RIGHT) / 2, y=(PLOT_TOP + PLOT_BOTTOM) / 2
            )
        )
    return Markup("").join(out)


def _runs(xy):
    """Consecutive points with a value, as lists of (x, y): the line breaks where a month has no figure."""
    runs, current = [], []
    for x, y in xy:
        if y is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((x, y))
    if current:
        runs.append(current)
    return runs


def _x_labels(points):
    step = max(1, -(-len(points) // MAX_X_LABELS))  # ceiling: at most MAX_X_LABELS months named
    out = []
    for index, point in enumerate(points):
        if index % step:
            continue
        x = x_of(index, len(points))
        out.append(
            Markup('<text x="{x:.1f}" y="{y}" text-anchor="middle" font-size="13">{label}</text>').format(
                x=x, y=PLOT_BOTTOM + 18, label=point.label
            )
        )
        if point.sublabel:
            out.append(
                Markup('<text x="{x:.1f}" y="{y}" text-anchor="middle" font-size="13">{label}</text>').format(
                    x=x, y=PLOT_BOTTOM + 34, label=point.sublabel
                )
            )
    return Markup("").join(out)


def _legend(lines):
    sample = Markup(
        '<line x1="{x1}" x2="{x2}" y1="{y}" y2="{y}" stroke="{c}" stroke-width="{w}" stroke-dasharray="{d}"/>'
        '<text x="{tx}" y="{ty}" font-size="13">{t}</text>'
    )
    y = LEGEND_TOP + 10
    out = [sample.format(x1=10, x2=38, y=y - 4, c=SERIES, w=3, d="none", tx=44, ty=y, t="This period, by month")]
    left = 220
    for kind in dict.fromkeys(line.kind for line in lines):
        colour, dash, words = STYLES[kind]
        out.append(sample.format(x1=left, x2=left + 28, y=y - 4, c=colour, w=2.5, d=dash, tx=left + 34, ty=y, t=words))
        left += 150
    return Markup("").join(out)
