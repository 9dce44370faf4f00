"""Trend charts: server-side SVG with a title, a description, gaps for months without a figure and
labelled reference lines."""

from decimal import Decimal

from steptwo.outcomes.charts import Point, ReferenceLine, label_positions, trend_chart, y_max_for

TARGET = ReferenceLine("target", Decimal(50), "Target")
ENGLAND = ReferenceLine("national", Decimal("50.5"), "England 2024-25")


def chart(points, lines=(TARGET, ENGLAND)):
    return str(trend_chart(chart_id="recovery", title="Recovery <by month>", description="Rates & lines",
                           points=points, lines=lines))  # fmt: skip


def test_chart_is_an_image_named_by_its_title_and_description():
    svg = chart([Point("Nov", Decimal("48.0"), "2025"), Point("Dec", Decimal("52.5"))])
    assert svg.startswith(
        '<svg class="app-chart app-chart--trend" role="img" aria-labelledby="recovery-title" aria-describedby="recovery-desc"'
    )
    assert '<title id="recovery-title">Recovery &lt;by month&gt;</title>' in svg  # escaped
    assert '<desc id="recovery-desc">Rates &amp; lines</desc>' in svg
    assert svg.count('class="app-chart__point"') == 2
    assert ">2025</text>" in svg


def test_reference_lines_are_drawn_and_labelled_with_their_values():
    svg = chart([Point("Nov", Decimal("48.0"))])
    assert 'class="app-chart__target"' in svg and 'class="app-chart__national"' in svg
    assert ">Target</tspan>" in svg and ">50%</tspan>" in svg and ">50.5%</tspan>" in svg
    assert "National figure" in svg  # the legend names the dotted line in words


def test_a_month_without_a_figure_is_a_gap_not_a_zero():
    svg = chart([Point("Jan", Decimal(40)), Point("Feb", Decimal(45)), Point("Mar", None), Point("Apr", Decimal(50))])
    assert svg.count("<polyline") == 1  # Jan–Feb; Apr stands alone
    assert svg.count('class="app-chart__point"') == 3


def test_no_figures_at_all_says_so():
    assert "No figures for these months" in chart([Point("Jan", None)], lines=())


def test_y_axis_shrinks_for_small_rates_in_steps_of_20():
    small = [Point("Jan", Decimal("4.2")), Point("Feb", Decimal("7.9"))]
    assert y_max_for(small, [ReferenceLine("national", Decimal("5.8"), "England")]) == 20
    assert y_max_for([Point("Jan", Decimal(50))], [TARGET]) == 60
    assert y_max_for([Point("Jan", Decimal(98))], []) == 100


def test_labels_of_close_lines_are_pushed_apart():
    first, second = label_positions([100.0, 101.0])
    assert second - first >= 30
    assert label_positions([50.0, 200.0]) == [50.0, 200.0]  # far apart: where wanted
    low, high = label_positions([230.0, 229.0], low=20, high=228)
    assert max(low, high) <= 228 and abs(low - high) >= 30
