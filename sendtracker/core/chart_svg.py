"""The SVG of a sendtracker.core.charts.LineChart, drawn in Python.

Drawn by the template language (a dozen values a marker), one chart took a fifth of a
council dashboard's time from an empty cache; drawn here, with every text escaped by
the standard library's `html.escape` (what Django's `escape` does), it takes a
twentieth of that. Inline on pages, an <img> in PDF packs (components/chart.html).
tests/core/test_chart_svg.py keeps the template it replaced and checks that both draw
the same markup. Numbers are written as the template wrote them: str() of each
coordinate, and whole pixels where it added an offset.
"""

from html import escape

from django.utils.safestring import SafeString, mark_safe

from .charts import LineChart

MARKERS = {
    "circle": '<circle cx="{x}" cy="{y}" r="5" fill="{colour}"><title>{title}</title></circle>',
    "square": (
        '<rect x="{x6}" y="{y6}" width="12" height="12" fill="#ffffff" stroke="{colour}" '
        'stroke-width="3"><title>{title}</title></rect>'
    ),
    "diamond": (
        '<path d="M{x},{y7} l7,7 l-7,7 l-7,-7 z" fill="{colour}"><title>{title}</title></path>'
    ),
    "triangle": (
        '<path d="M{x},{y7} l7,12 l-14,0 z" fill="{colour}"><title>{title}</title></path>'
    ),
}


def series_svg(s) -> str:
    colour, name = escape(s.colour), escape(s.name)
    parts = [f'<g data-series="{escape(s.style)}">']
    if len(s.markers) > 1:
        dash = f' stroke-dasharray="{escape(s.dash)}"' if s.dash else ""
        parts.append(
            f'<path d="{escape(s.path)}" fill="none" stroke="{colour}" stroke-width="3"{dash}/>'
        )
    marker = MARKERS.get(s.marker)
    if marker:
        parts.extend(
            marker.format(
                x=m.x,
                y=m.y,
                x6=int(m.x) - 6,
                y6=int(m.y) - 6,
                y7=int(m.y) - 7,
                colour=colour,
                title=f"{name}: {escape(str(m.label))}",
            )
            for m in s.markers
        )
    parts.append("</g>")
    return "".join(parts)


def chart_svg(chart: LineChart) -> SafeString:
    ident = escape(chart.ident)
    left, right, bottom = chart.left, chart.right, chart.bottom
    y_ticks = "".join(
        f'<line x1="{left}" x2="{right}" y1="{t.position}" y2="{t.position}" '
        f'stroke="#b1b4b6" stroke-width="1"/><text x="{left - 6}" y="{t.position}" dy="4" '
        f'text-anchor="end">{escape(str(t.label))}</text>'
        for t in chart.y_ticks
    )
    x_ticks = "".join(
        f'<line x1="{t.position}" x2="{t.position}" y1="{bottom}" y2="{bottom + 5}" '
        f'stroke="#0b0c0c"/><text x="{t.position}" y="{bottom + 18}" '
        f'text-anchor="middle">{escape(str(t.label))}</text>'
        for t in chart.x_ticks
    )
    zero = (
        f'<line x1="{left}" x2="{right}" y1="{chart.zero}" y2="{chart.zero}" '
        'stroke="#0b0c0c" stroke-width="2"/>'
        if chart.zero
        else ""
    )
    return mark_safe(  # noqa: S308 (every text above is escaped; the rest are numbers)  # nosec B308, B703
        '<svg xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {chart.width} {chart.height}" width="100%" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" class="app-chart" data-chart="{ident}">'
        f'<title id="{ident}-title">{escape(chart.title)}</title>'
        f'<desc id="{ident}-desc">{escape(chart.description)}</desc>'
        '<g font-family="arial, sans-serif" font-size="12" fill="#0b0c0c">'
        f"{y_ticks}{x_ticks}"
        f'<line x1="{left}" x2="{left}" y1="{chart.top}" y2="{bottom}" stroke="#0b0c0c"/>'
        f'<line x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" stroke="#0b0c0c"/>'
        f"{zero}{''.join(series_svg(s) for s in chart.series)}"
        "</g></svg>"
    )
