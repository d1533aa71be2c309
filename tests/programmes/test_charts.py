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
