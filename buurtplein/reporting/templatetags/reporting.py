"""``{% report_chart row colour %}``: a figure's 12-month trend as an inline SVG chart
(``reporting.charts``), with an id unique on the page."""

from django import template

from buurtplein.reporting import charts

register = template.Library()


@register.simple_tag
def report_chart(row, colour="#1d6b52"):
    return charts.bars(
        chart_id="chart-" + row.key.replace(".", "-"),
        title=str(row.label),
        points=row.trend,
        written=row.text,
        colour=colour,
    )
