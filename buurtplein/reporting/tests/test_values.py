"""How a report adds months up and writes values and changes (no database)."""

from datetime import date
from decimal import Decimal

from django.utils import translation

from buurtplein.core.components import Figure
from buurtplein.reporting import charts, periods, report

JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)
MONTHS = {JAN: (10, 4), FEB: (20, 6), MAR: (0, 0)}


def test_sums_add_stocks_show_the_last_month_ratios_divide():
    months = [JAN, FEB]
    assert report._value(Figure("x.sum", "Sum", "members"), MONTHS, months) == 30
    assert report._value(Figure("x.stock", "Stock", "members", kind="stock"), MONTHS, months) == 20
    ratio = Figure("x.ratio", "Ratio", "feedback", kind="ratio", scale=100, unit="percent")
    assert report._value(ratio, MONTHS, months) == Decimal(300)  # 100 × 30 / 10
    assert report._value(ratio, MONTHS, [MAR]) is None  # nothing to divide by: not known


def test_changes_are_written_for_a_screen_reader():
    quarter = periods.parse("2026-Q4")
    posts = Figure("x.posts", "Posts", "square")
    score = Figure("x.nps", "Score", "feedback", kind="ratio", scale=100, unit="score")
    share = Figure("x.share", "Share", "feedback", kind="ratio", scale=100, unit="percent")
    with translation.override("en"):
        assert report.change_words(posts, 27, 15, quarter) == "12 more than last quarter."
        assert report.change_words(posts, 3, 15, quarter) == "12 fewer than last quarter."
        assert report.change_words(posts, 15, 15, quarter) == "The same as last quarter."
        assert report.change_words(score, Decimal("12.5"), 10, quarter) == (
            "2.5 higher than last quarter."
        )
        assert report.change_words(share, Decimal(40), 45, quarter) == (
            "5 percentage points lower than last quarter."
        )
        assert report.change_words(posts, 3, None, quarter) == "No comparison with last quarter."
    with translation.override("nl"):
        assert report.change_words(posts, 27, 15, quarter) == "12 meer dan vorig kwartaal."


def test_time_is_written_in_minutes_and_from_two_hours_on_in_hours():
    time = Figure("logbook.minutes", "Time", "logbook", unit="minutes")
    quarter = periods.parse("2026-Q4")
    with translation.override("nl"):
        assert report.written(time, 45) == "45 minuten"
        assert report.written(time, 119) == "119 minuten"
        assert report.written(time, 120) == "2 uur"
        assert report.written(time, 5925) == "98,8 uur"
        assert report.change_words(time, 5925, 4560, quarter) == "22,8 uur meer dan vorig kwartaal."
    with translation.override("en"):
        assert report.written(time, 5925) == "98.8 hours"


def test_a_chart_of_means_and_gaps_is_an_image_with_a_title_and_a_description():
    points = [
        report.Point(JAN, Decimal("-12.5")),
        report.Point(FEB, None),
        report.Point(MAR, Decimal("40")),
    ]
    with translation.override("en"):
        svg = charts.bars(chart_id="c", title="Score", points=points, written=str)
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert '<title id="c-t">Score</title>' in svg
    assert "Highest: 40 in March 2026; lowest: -12.5 in January 2026" in svg
    assert svg.count("<rect") == 2  # no bar where the value is not known
