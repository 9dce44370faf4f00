"""Line charts as hand-built SVG: no JavaScript, no charting library.

The chart knows nothing about instruments: a presenter (measures.presenters.progress) turns responses,
bands and thresholds into `Point`s, `Stripe`s and a reference `Line`. Every piece of text is escaped
(markupsafe), and the result is Markup that Jinja2 outputs as is.

Accessibility: the <svg> is one image (role="img") named by its <title> and described by its <desc>;
the page puts a data table right after it. The viewBox with width 100% lets it shrink on a phone.
Points are circles with their value written above them, so nothing depends on colour alone.

An optional expected-response band (`Expected`, from the "not on track" curves, ADR 0010) is drawn behind the
line: for each point, the range from the expected score (dotted line) up to the not-on-track boundary (dashed
line), shaded, across that point's slot. A legend under the axis names both lines in words.
"""

import textwrap
from dataclasses import dataclass
from decimal import Decimal

from markupsafe import Markup

WIDTH, HEIGHT = 480, 300  # small, so that text stays readable when a phone shrinks the chart
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 40, 330, 30, 260  # band labels sit right of the plot
STRIPE_FILLS = ("#e8edee", "#ffffff")  # on a white card, which stands out from the grey page
INK, LINE, DASH = "#212b32", "#005eb8", "#4c6272"
MAX_X_LABELS = 6
EXPECTED_FILL, EXPECTED_INK, BOUNDARY_INK = "#ae2573", "#330072", "#7c2855"
EXPECTED_DASH, BOUNDARY_DASH = "2 4", "10 4"
LEGEND_LEFT = 10
ROW = 22  # height of each extra row under the axis: session numbers, legend lines
BAND_LABEL_WIDTH = 17  # characters per line of a band label, to fit the right margin


@dataclass(frozen=True)
class Point:
    label: str  # under the x axis, e.g. "4 Mar"
    value: Decimal
    sublabel: str = ""  # a second line under the label, e.g. "S3" for treatment session 3


@dataclass(frozen=True)
class Expected:
    """The expected-response band: one (expected, boundary) pair or None per point, in the points' order."""

    values: tuple
    notes: tuple = ()  # extra legend lines, e.g. "Expected range built from synthetic data"


@dataclass(frozen=True)
class Stripe:
    low: Decimal
    high: Decimal
    label: str


@dataclass(frozen=True)
class Line:
    value: Decimal
    label: str


def number(value):
    """12.00 → "12", 2.30 → "2.3"."""
    text = format(Decimal(value).normalize(), "f")
    return "0" if text == "-0" else text


def y_of(value, y_min, y_max):
    """The y coordinate of a value: y_max at the top of the plot area, y_min at the bottom."""
    share = (Decimal(value) - Decimal(y_min)) / (Decimal(y_max) - Decimal(y_min))
    return PLOT_BOTTOM - float(share) * (PLOT_BOTTOM - PLOT_TOP)


def x_of(index, count):
    """Points evenly spaced in session order, each in the middle of its own slot."""
    return PLOT_LEFT + (index + 0.5) * (PLOT_RIGHT - PLOT_LEFT) / count


def line_chart(*, chart_id, title, description, points, y_min, y_max, stripes=(), line=None, expected=None):
    sublabels = any(point.sublabel for point in points)
    legend = _legend_lines(expected, sublabels)
    height = HEIGHT + ROW * (sublabels + len(legend))
    parts = [
        _stripes(stripes, y_min, y_max),
        _expected_band(expected, len(points), y_min, y_max) if expected else "",
        _axes(y_min, y_max, stripes),
        _reference_line(line, y_min, y_max) if line else "",
        _series(points, y_min, y_max),
        _legend(legend, HEIGHT + ROW * sublabels) if legend else "",
    ]
    opening = Markup(
        '<svg class="app-chart" role="img" aria-labelledby="{id}-title {id}-desc" viewBox="0 0 {w} {h}" '
        'width="100%" font-size="15" fill="{ink}" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        '<rect width="100%" height="100%" fill="#ffffff"/>'
    ).format(id=chart_id, w=WIDTH, h=height, ink=INK, title=title, desc=description)
    return opening + Markup("").join(parts) + Markup("</svg>")


def _stripes(stripes, y_min, y_max):
    rect = Markup('<rect class="app-chart__band" x="{x}" y="{y:.1f}" width="{w}" height="{h:.1f}" fill="{fill}"/>')
    out = []
    for index, stripe in enumerate(stripes):
        top, bottom = y_of(stripe.high, y_min, y_max), y_of(stripe.low, y_min, y_max)
        out.append(
            rect.format(x=PLOT_LEFT, y=top, w=PLOT_RIGHT - PLOT_LEFT, h=bottom - top, fill=STRIPE_FILLS[index % 2])
        )
        out.append(_band_label(stripe.label, (top + bottom) / 2))
    return Markup("").join(out)


def _band_label(label, middle):
    """The label right of the plot, wrapped onto lines and centred on the band."""
    lines = textwrap.wrap(label, BAND_LABEL_WIDTH) or [""]
    first_dy = -0.6 * (len(lines) - 1)
    tspans = Markup("").join(
        Markup('<tspan x="{x}" dy="{dy:.1f}em">{line}</tspan>').format(
            x=PLOT_RIGHT + 8, dy=first_dy if index == 0 else 1.2, line=line
        )
        for index, line in enumerate(lines)
    )
    return Markup('<text y="{y:.1f}" dominant-baseline="middle" font-size="14">{tspans}</text>').format(
        y=middle, tspans=tspans
    )


def _axes(y_min, y_max, stripes):
    low, high = Decimal(y_min), Decimal(y_max)
    ticks = {low, high, *(Decimal(stripe.low) for stripe in stripes)}
    if not stripes:  # quarters of the range
        ticks |= {low + (high - low) * quarter / 4 for quarter in (1, 2, 3)}
    out = [
        Markup('<path d="M{l} {t}V{b}H{r}" fill="none" stroke="{ink}"/>').format(
            l=PLOT_LEFT, t=PLOT_TOP, b=PLOT_BOTTOM, r=PLOT_RIGHT, ink=INK
        )
    ]
    for tick in sorted(ticks):
        out.append(
            Markup('<text x="{x}" y="{y:.1f}" text-anchor="end" dominant-baseline="middle">{label}</text>').format(
                x=PLOT_LEFT - 6, y=y_of(tick, y_min, y_max), label=number(tick)
            )
        )
    return Markup("").join(out)


def _reference_line(line, y_min, y_max):
    y = y_of(line.value, y_min, y_max)
    return Markup(
        '<line class="app-chart__caseness" x1="{l}" x2="{r}" y1="{y:.1f}" y2="{y:.1f}" stroke="{dash}" '
        'stroke-width="2" stroke-dasharray="8 5"/>'
        '<text x="{tx}" y="{ty:.1f}" font-weight="bold" stroke="#ffffff" stroke-width="4" paint-order="stroke">'
        "{label}</text>"
    ).format(l=PLOT_LEFT, r=PLOT_RIGHT, y=y, dash=DASH, tx=PLOT_LEFT + 6, ty=y - 6, label=line.label)


def _series(points, y_min, y_max):
    if not points:
        return Markup("")
    xy = [(x_of(index, len(points)), y_of(point.value, y_min, y_max)) for index, point in enumerate(points)]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    out = [Markup('<polyline points="{p}" fill="none" stroke="{c}" stroke-width="3"/>').format(p=path, c=LINE)]
    last = len(points) - 1
    step = -(-len(points) // MAX_X_LABELS)  # ceiling: at most MAX_X_LABELS dates under the axis
    for index, (point, (x, y)) in enumerate(zip(points, xy, strict=True)):
        out.append(
            Markup(
                '<circle class="app-chart__point" cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{c}" stroke="#ffffff" '
                'stroke-width="2"/><text x="{x:.1f}" y="{ty:.1f}" text-anchor="middle" font-weight="bold" '
                'stroke="#ffffff" stroke-width="4" paint-order="stroke">{value}</text>'
            ).format(x=x, y=y, c=LINE, ty=y - 12, value=number(point.value))
        )
        if index == last or (index % step == 0 and last - index >= step):  # first and last, none crowded
            out.append(
                Markup('<text x="{x:.1f}" y="{y}" text-anchor="middle" font-size="14">{label}</text>').format(
                    x=x, y=PLOT_BOTTOM + 22, label=point.label
                )
            )
            if point.sublabel:
                out.append(
                    Markup('<text x="{x:.1f}" y="{y}" text-anchor="middle" font-size="14">{label}</text>').format(
                        x=x, y=PLOT_BOTTOM + 22 + ROW, label=point.sublabel
                    )
                )
    return Markup("").join(out)


def _slot(index, count):
    """The left and right x of a point's slot."""
    width = (PLOT_RIGHT - PLOT_LEFT) / count
    return PLOT_LEFT + index * width, PLOT_LEFT + (index + 1) * width


def _runs(values):
    """[(first index, [(expected, boundary), ...])] for each run of consecutive points that have a band."""
    runs = []
    for index, value in enumerate(values):
        if value is None:
            continue
        if runs and runs[-1][0] + len(runs[-1][1]) == index:
            runs[-1][1].append(value)
        else:
            runs.append((index, [value]))
    return runs


def _steps(first, pairs, count, which, y_min, y_max):
    """Corners of a step line across the slots of a run, left to right: which=0 expected, 1 boundary."""
    corners = []
    for offset, pair in enumerate(pairs):
        left, right = _slot(first + offset, count)
        y = y_of(pair[which], y_min, y_max)
        corners += [(left, y), (right, y)]
    return corners


def _expected_band(expected, count, y_min, y_max):
    out = []
    for first, pairs in _runs(expected.values):
        low = _steps(first, pairs, count, 0, y_min, y_max)
        high = _steps(first, pairs, count, 1, y_min, y_max)
        out.append(
            Markup('<polygon class="app-chart__expected-range" points="{p}" fill="{f}" fill-opacity="0.2"/>').format(
                p=_coordinates(high + low[::-1]), f=EXPECTED_FILL
            )
        )
        for name, corners, ink, dash in (
            ("expected", low, EXPECTED_INK, EXPECTED_DASH),
            ("boundary", high, BOUNDARY_INK, BOUNDARY_DASH),
        ):
            out.append(
                Markup(
                    '<polyline class="app-chart__{n}" points="{p}" fill="none" stroke="{c}" stroke-width="2.5" '
                    'stroke-dasharray="{d}"/>'
                ).format(n=name, p=_coordinates(corners), c=ink, d=dash)
            )
    return Markup("").join(out)


def _coordinates(corners):
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in corners)


SESSION_KEY = "S0, S1, S2 …: treatment sessions attended by then"


def _legend_lines(expected, sublabels):
    """How many legend lines: the key to the band's lines, the session labels, then the band's notes."""
    return [
        *(["key"] if expected else []),
        *([SESSION_KEY] if sublabels else []),
        *(expected.notes if expected else ()),
    ]


def _legend(lines, top):
    out = []
    for index, line in enumerate(lines):
        y = top + ROW * index + 14
        if line == "key":
            out.append(_key(y))
        else:
            out.append(Markup('<text x="{x}" y="{y}" font-size="14">{t}</text>').format(x=LEGEND_LEFT, y=y, t=line))
    return Markup("").join(out)


def _key(y):
    sample = Markup(
        '<line x1="{x1}" x2="{x2}" y1="{y:.1f}" y2="{y:.1f}" stroke="{c}" stroke-width="2.5" stroke-dasharray="{d}"/>'
        '<text x="{tx}" y="{ty}" font-size="14">{t}</text>'
    )
    left = LEGEND_LEFT
    return sample.format(
        x1=left, x2=left + 28, y=y - 5, c=EXPECTED_INK, d=EXPECTED_DASH, tx=left + 34, ty=y, t="Expected (median)"
    ) + sample.format(
        x1=left + 170, x2=left + 198, y=y - 5, c=BOUNDARY_INK, d=BOUNDARY_DASH, tx=left + 204, ty=y,
        t="Not-on-track boundary",
    )  # fmt: skip
