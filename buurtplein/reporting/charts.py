"""Charts of a report, drawn on the server as inline SVG: no JavaScript, no library.

A chart is a picture for people who would rather look than read; the same numbers are always
in a table next to it (the page puts it under the chart). The SVG is ``role="img"`` with a
``<title>`` (the figure) and a ``<desc>`` (what it shows in one sentence, highest and lowest
month), scales with its container (``viewBox``, no fixed width: a 390 px phone and 200% zoom
shrink it, they never cut it off) and prints in black and the neighbourhood's colour.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

WIDTH = 640
HEIGHT = 220
TOP = 24
BOTTOM = 30
LEFT = 8
RIGHT = 8
INK = "#1f2328"
LINE = "#8c959f"


def bars(
    *, chart_id: str, title: str, points: list, written, colour: str = "#1d6b52"
) -> SafeString:
    """A bar per month. ``points`` have ``month``, ``value`` (None: not known) and ``label``
    (the month in words); ``written(value)`` writes a value as the table does."""
    values = [float(p.value) for p in points if p.value is not None]
    low = min([0, *values])
    high = max([0, *values])
    if high == low:
        high = low + 1
    inner = HEIGHT - TOP - BOTTOM
    step = (WIDTH - LEFT - RIGHT) / max(len(points), 1)
    bar = step * 0.64

    def y(value) -> float:
        return TOP + inner * (high - float(value)) / (high - low)

    base = y(0)
    shapes = []
    for index, point in enumerate(points):
        x = LEFT + index * step + (step - bar) / 2
        middle = LEFT + index * step + step / 2
        if point.value is not None:
            top, bottom = sorted((y(point.value), base))
            shapes.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"></rect>'
                    '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="{}">{}</text>',
                    f"{x:.1f}",
                    f"{top:.1f}",
                    f"{bar:.1f}",
                    f"{max(bottom - top, 1):.1f}",
                    colour,
                    f"{middle:.1f}",
                    f"{top - 5:.1f}" if float(point.value) >= 0 else f"{bottom + 14:.1f}",
                    INK,
                    _short(written(point.value)),
                )
            )
        # The month under the bar: its number, and the year under January and the first bar.
        shapes.append(
            format_html(
                '<text x="{}" y="{}" text-anchor="middle" font-size="12" fill="{}">{}</text>',
                f"{middle:.1f}",
                HEIGHT - BOTTOM + 14,
                INK,
                point.month.month,
            )
        )
        if index == 0 or point.month.month == 1:
            shapes.append(
                format_html(
                    '<text x="{}" y="{}" text-anchor="middle" font-size="11" fill="{}">{}</text>',
                    f"{middle:.1f}",
                    HEIGHT - 3,
                    INK,
                    point.month.year,
                )
            )
    known = [p for p in points if p.value is not None]
    if known:
        highest = max(known, key=lambda p: p.value)
        lowest = min(known, key=lambda p: p.value)
        description = _(
            "Bars per month from %(first)s to %(last)s. Highest: %(high)s in %(high_month)s; "
            "lowest: %(low)s in %(low_month)s. The table below gives every month."
        ) % {
            "first": points[0].label,
            "last": points[-1].label,
            "high": written(highest.value),
            "high_month": highest.label,
            "low": written(lowest.value),
            "low_month": lowest.label,
        }
    else:
        description = _("No values in these months.")
    return format_html(
        '<svg class="rp-chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-t {}-d" '
        'xmlns="http://www.w3.org/2000/svg"><title id="{}-t">{}</title>'
        '<desc id="{}-d">{}</desc>'
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"></line>{}</svg>',
        WIDTH,
        HEIGHT,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        LEFT,
        WIDTH - RIGHT,
        f"{base:.1f}",
        f"{base:.1f}",
        LINE,
        format_html_join("", "{}", ((shape,) for shape in shapes)),
    )


def _short(text: str) -> str:
    """A value above a bar without its unit words ("35 minutes" → "35"): the table has them."""
    return text.split(" ")[0] if text[:1].isdigit() or text[:1] == "-" else text
