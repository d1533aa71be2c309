import datetime

from sendtracker.core import charts

D = datetime.date


def test_nice_ticks_cover_the_range_with_round_steps():
    assert charts.nice_ticks(0, 72) == [0, 20, 40, 60, 80]
    assert charts.nice_ticks(0, 1) == [0, 0.2, 0.4, 0.6, 0.8, 1.0]


def test_line_chart_scales_points_into_the_plot_area():
    chart = charts.line_chart(
        title="T",
        description="D",
        series=[charts.SeriesData("Observed", "observed", [(0, 0), (10, 100)])],
        x_ticks=[(0, "start"), (10, "end")],
        y_label="Number",
    )
    (series,) = chart.series
    first, last = series.markers
    assert (first.x, first.y) == (chart.left, chart.bottom)
    assert (last.x, last.y) == (chart.right, chart.top)
    assert series.path.startswith("M") and " L" in series.path
    assert [m.label for m in series.markers] == ["0", "100"]


def test_timeline_scale_maps_dates_and_clamps():
    scale = charts.timeline_scale([D(2024, 1, 1), D(2025, 1, 1)], width=366)
    assert scale.x(D(2024, 7, 1)) == 182
    assert scale.x(D(2030, 1, 1)) == 366
    assert scale.bar(D(2024, 1, 1), None) == {"x": 0, "width": 3}
    assert [t.label for t in scale.ticks()] == [
        "Jan 2024",
        "Apr 2024",
        "Jul 2024",
        "Oct 2024",
        "Jan 2025",
    ]
    assert charts.timeline_scale([None]) is None


def small_chart(points):
    return charts.line_chart(
        title="Children with a plan",
        description="Baseline 10; target 20.",
        series=[
            charts.SeriesData("Target", "target", [(10, 20)]),
            charts.SeriesData("Observed", "observed", points),
        ],
        x_ticks=[(0, "start"), (10, "end")],
        y_label="Number",
        ident="kids-chart",
    )


def render_chart(chart, **extra):
    from django.template.loader import render_to_string

    return render_to_string("components/chart.html", {"chart": chart, **extra})


def test_chart_caption_says_where_its_table_is():
    chart = small_chart([(0, 10), (5, 14)])
    assert "The same figures are in the table below." in render_chart(chart)
    beside = render_chart(
        chart, table_figures="The observed values", table_place="beside the chart"
    )
    assert "The observed values are in the table beside the chart." in beside
    assert "table below" not in beside


def test_chart_as_image_is_an_img_with_the_svg_and_alt_text():
    import base64
    import re

    html = render_chart(small_chart([(0, 10), (5, 14)]), as_image=True)
    assert "<svg viewBox" not in html
    src, alt = re.search(r'<img class="app-chart" src="([^"]+)" alt="([^"]+)"', html).groups()
    assert alt == "Children with a plan. Baseline 10; target 20."
    prefix = "data:image/svg+xml;base64,"
    assert src.startswith(prefix)
    svg = base64.b64decode(src[len(prefix) :]).decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in svg and 'data-series="observed"' in svg


def test_chart_key_says_none_yet_for_a_series_with_no_points():
    html = render_chart(small_chart([]))
    assert "Observed (none yet)" in html
    assert "Target (square)" in html
    assert "<title>Key: Observed</title>" in html  # alt text for the swatch in a tagged PDF
