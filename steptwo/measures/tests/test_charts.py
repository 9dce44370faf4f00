import re
from decimal import Decimal

from steptwo.measures import charts
from steptwo.measures.charts import Line, Point, Stripe

PHQ9_STRIPES = [Stripe(0, 5, "None to minimal"), Stripe(5, 10, "Mild"), Stripe(10, 15, "Moderate")]


FIRST_AND_LATEST = (Point("4 Mar", 27), Point("1 Apr", 0))


def phq9_chart(points=FIRST_AND_LATEST, line=None, stripes=PHQ9_STRIPES, title="PHQ-9"):
    svg = charts.line_chart(
        chart_id="chart-phq9", title=title, description="First 27, latest 0.", points=list(points),
        y_min=0, y_max=27, stripes=stripes, line=line,
    )  # fmt: skip
    return str(svg)


def test_top_of_the_range_is_the_top_of_the_plot_and_the_bottom_the_bottom():
    # The plot area runs from y=30 (top) to y=260 (bottom): 230 units for 27 points.
    assert charts.y_of(27, 0, 27) == 30
    assert charts.y_of(0, 0, 27) == 260
    assert charts.y_of(Decimal("13.5"), 0, 27) == 145
    assert round(charts.y_of(10, 0, 27), 1) == 174.8  # 260 - 10 / 27 × 230


def test_points_sit_in_the_middle_of_equal_slots_in_session_order():
    # x from 40 to 330: two slots of 145 each.
    assert charts.x_of(0, 2) == 112.5
    assert charts.x_of(1, 2) == 257.5
    assert charts.x_of(0, 1) == 185


def test_chart_draws_each_point_as_a_marker_with_its_value_joined_by_a_line():
    svg = phq9_chart()

    assert '<polyline points="112.5,30.0 257.5,260.0"' in svg
    assert svg.count('class="app-chart__point"') == 2
    assert 'cx="112.5" cy="30.0"' in svg and 'cx="257.5" cy="260.0"' in svg
    assert ">27</text>" in svg and ">0</text>" in svg
    assert ">4 Mar</text>" in svg and ">1 Apr</text>" in svg


def test_chart_is_a_named_and_described_image_that_scales_to_its_container():
    svg = phq9_chart()

    assert svg.startswith('<svg class="app-chart" role="img" aria-labelledby="chart-phq9-title chart-phq9-desc"')
    assert 'viewBox="0 0 480 300" width="100%"' in svg
    assert '<title id="chart-phq9-title">PHQ-9</title>' in svg
    assert '<desc id="chart-phq9-desc">First 27, latest 0.</desc>' in svg


def test_bands_are_background_stripes_with_their_labels():
    svg = phq9_chart()

    assert svg.count('class="app-chart__band"') == 3
    # Moderate runs from 10 (y 174.8) up to 15 (y 132.2).
    assert '<rect class="app-chart__band" x="40" y="132.2" width="290" height="42.6"' in svg
    assert all(f">{label}</tspan>" in svg for label in ("None to minimal", "Mild", "Moderate"))


def test_long_band_labels_wrap_onto_lines_centred_on_the_band():
    svg = phq9_chart(stripes=[Stripe(21, 27, "Moderately severe impairment or worse")])

    assert '<tspan x="338" dy="-1.2em">Moderately severe</tspan>' in svg
    assert '<tspan x="338" dy="1.2em">impairment or</tspan><tspan x="338" dy="1.2em">worse</tspan>' in svg


def test_y_axis_is_marked_at_band_boundaries_or_else_in_quarters():
    def ticks(svg):
        return [float(label) for label in re.findall(r'text-anchor="end" dominant-baseline="middle">([\d.]+)<', svg)]

    assert ticks(phq9_chart()) == [0, 5, 10, 27]
    assert ticks(phq9_chart(stripes=())) == [0, 6.75, 13.5, 20.25, 27]


def test_caseness_line_is_dashed_at_the_cut_off_with_its_label():
    svg = phq9_chart(line=Line(Decimal("10.00"), "Caseness ≥ 10"))

    assert '<line class="app-chart__caseness" x1="40" x2="330" y1="174.8" y2="174.8"' in svg
    assert 'stroke-dasharray="8 5"' in svg
    assert ">Caseness ≥ 10</text>" in svg


def test_caseness_label_says_when_the_cut_off_is_unverified():
    svg = phq9_chart(line=Line(Decimal(19), "Caseness ≥ 19 (unverified)"))

    assert ">Caseness ≥ 19 (unverified)</text>" in svg


def test_no_caseness_line_when_there_is_no_cut_off():
    assert "app-chart__caseness" not in phq9_chart()


def test_all_text_is_escaped():
    svg = phq9_chart(
        title='<script>alert("x")</script>',
        points=[Point("<b>4 Mar</b>", 3)],
        stripes=[Stripe(0, 5, "Mild & <i>low</i>")],
        line=Line(10, '"><svg onload=x>'),
    )

    assert "<script>" not in svg and "<b>" not in svg and "<i>" not in svg and "<svg onload" not in svg
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in svg
    assert "Mild &amp; &lt;i&gt;low&lt;/i&gt;" in svg
    assert "&lt;b&gt;4 Mar&lt;/b&gt;" in svg


def test_at_most_seven_dates_under_the_axis_always_with_the_first_and_last():
    svg = phq9_chart(points=[Point(f"day {n}", n) for n in range(1, 9)])

    labelled = [n for n in range(1, 9) if f">day {n}</text>" in svg]
    assert labelled == [1, 3, 5, 8]  # day 7 would crowd day 8


def test_numbers_drop_trailing_zeros():
    assert [charts.number(Decimal(v)) for v in ("12.00", "2.30", "0.00", "10")] == ["12", "2.3", "0", "10"]
