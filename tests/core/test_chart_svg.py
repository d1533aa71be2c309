"""Charts' SVG, drawn in Python for speed, is the markup the template drew."""

from pathlib import Path

from django.template import engines
from django.test.html import parse_html

from sendtracker.core.chart_svg import chart_svg
from sendtracker.core.charts import SeriesData, line_chart

REFERENCE = engines["django"].from_string(
    (Path(__file__).parent / "chart_svg_reference.html").read_text()
)


def test_every_marker_line_and_tick_is_drawn_as_the_template_drew_it():
    styles = ["observed", "target", "trajectory", "deficit", "major_delay"]
    chart = line_chart(
        title='Spend & "deficit" <£m>',
        description="Five series, <one> of each marker",
        series=[
            SeriesData(
                f"Series <{i}>",
                style,
                [(x, (x - 2) * (i + 1) * 1.37) for x in range(5)],
                labels=[f"Label {x} & <{i}>" for x in range(5)],
            )
            for i, style in enumerate(styles)
        ]
        + [SeriesData("One point", "spend", [(2, 3.5)])],
        x_ticks=[(x, f"Year <{x}>") for x in range(5)],
        y_label="£m",
        ident="chart-<1>",
    )
    assert chart.zero  # the axis crosses zero: the zero line is drawn too
    ours = chart_svg(chart)
    assert parse_html(ours) == parse_html(REFERENCE.render({"chart": chart}))
    assert "<one>" not in ours and "&lt;one&gt;" in ours


def test_a_chart_without_points_or_zero_line():
    chart = line_chart(
        title="Empty",
        description="Nothing yet",
        series=[SeriesData("Observed", "observed", [])],
        x_ticks=[],
        y_label="",
        include_zero=False,
    )
    assert parse_html(chart_svg(chart)) == parse_html(REFERENCE.render({"chart": chart}))
