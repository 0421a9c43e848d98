"""The period parser and the period form: every period written back reads as itself, the
previous period has the same length and ends where it begins, and nothing typed gives an error
other than a message."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from buurtplein.reporting import periods
from buurtplein.reporting.forms import PeriodForm, ShareForm

months = st.builds(date, st.integers(2000, 2100), st.integers(1, 12), st.just(1))


@st.composite
def any_period(draw):
    kind = draw(st.sampled_from(["month", "quarter", "year", "range"]))
    first = draw(months)
    if kind == "month":
        return periods.month(first)
    if kind == "quarter":
        return periods.quarter(first.year, draw(st.integers(1, 4)))
    if kind == "year":
        return periods.year(first.year)
    length = draw(st.integers(2, periods.MAX_MONTHS))
    last = periods.add_months(first, length - 1)
    if last.year > periods.LAST_YEAR:
        return periods.month(first)
    return periods.months_range(first, last)


@given(any_period())
def test_a_period_written_reads_back_as_itself(period):
    assert periods.parse(period.token) == period
    before = period.previous()
    assert before.end == period.start and before.length == period.length
    trend = period.trend()
    assert len(trend) == 12 and trend[-1] == period.last_month
    assert period.reading_start() <= min(before.start, trend[0])


@given(st.text(max_size=60))
def test_anything_typed_is_a_period_or_a_message(text):
    try:
        period = periods.parse(text)
    except periods.PeriodError as error:
        assert str(error)
    else:
        assert 1 <= period.length <= periods.MAX_MONTHS


@given(st.text(max_size=12), st.text(max_size=12), st.text(max_size=12))
def test_the_form_never_fails_on_what_is_typed(period, start, end):
    form = PeriodForm({"period": period, "from": start, "to": end})
    if form.is_valid():
        assert isinstance(form.cleaned_data["chosen"], periods.Period)
    else:
        assert form.errors


@pytest.mark.parametrize(
    ("text", "start", "end", "kind"),
    [
        ("2026-11", date(2026, 11, 1), date(2026, 12, 1), "month"),
        ("2026-Q4", date(2026, 10, 1), date(2027, 1, 1), "quarter"),
        ("2026", date(2026, 1, 1), date(2027, 1, 1), "year"),
        ("2026-01..2026-06", date(2026, 1, 1), date(2026, 7, 1), "range"),
        ("2026-12..2027-02", date(2026, 12, 1), date(2027, 3, 1), "range"),
    ],
)
def test_the_ways_to_write_a_period(text, start, end, kind):
    period = periods.parse(text)
    assert (period.start, period.end, period.kind) == (start, end, kind)


@pytest.mark.parametrize(
    "text", ["2026-13", "2026-Q5", "1999", "2026-06..2026-01", "2020-01..2026-01", "morgen", ""]
)
def test_what_is_refused(text):
    with pytest.raises(periods.PeriodError):
        periods.parse(text)


def test_previous_periods():
    assert periods.parse("2026-01").previous().token == "2025-12"
    assert periods.parse("2026-Q1").previous().token == "2025-Q4"
    assert periods.parse("2026").previous().token == "2025"
    assert periods.parse("2026-01..2026-06").previous().token == "2025-07..2025-12"


@given(st.text(max_size=200), st.text(max_size=20))
def test_the_share_form_never_fails_on_what_is_typed(recipient, until):
    form = ShareForm({"recipient": recipient, "expires_on": until})
    if form.is_valid():
        assert form.cleaned_data["recipient"] and form.cleaned_data["expires_on"]
    else:
        assert form.errors
