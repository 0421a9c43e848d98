"""A report: the figures of one scope over one period, with the previous period and the
12-month trend of each, read from the count tables only (``selectors.by_month``: one query
for everything), and the report blocks of the components switched on in the scope.

The scope (:class:`Scope`) is a neighbourhood, an organisation (its share of the figures
declared ``per_organisation``, summed over the neighbourhoods it is active in) or a region of
neighbourhoods (their figures added up). ``Scope`` is also what a ``ReportBlock``'s
``context(scope, start, end)`` gets: ``neighbourhood_ids``, ``organisation_id``, ``audience``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from buurtplein.core.components import Figure, all_components
from buurtplein.core.money import euro
from buurtplein.reporting import sections, selectors
from buurtplein.reporting.counting import month_of
from buurtplein.reporting.periods import Period

NEIGHBOURHOOD = "neighbourhood"
ORGANISATION = "organisation"
REGION = "region"

STAFF = "staff"
MUNICIPALITY = "municipality"


@dataclass(frozen=True)
class Scope:
    """Whose figures a report shows."""

    kind: str
    name: str
    slug: str
    """The organisation's or region's slug (the neighbourhood's for a neighbourhood)."""
    neighbourhood_ids: list[int]
    components: frozenset[str]
    """The components switched on in any of the scope's neighbourhoods."""
    organisation_id: int | None = None
    region_id: int | None = None
    audience: str = STAFF

    def for_municipality(self) -> Scope:
        return replace(self, audience=MUNICIPALITY)


def neighbourhood_scope(neighbourhood) -> Scope:
    return Scope(
        NEIGHBOURHOOD,
        neighbourhood.name,
        neighbourhood.slug,
        [neighbourhood.pk],
        frozenset(neighbourhood.components or []),
    )


def organisation_scope(organisation, neighbourhoods) -> Scope:
    return Scope(
        ORGANISATION,
        organisation.name,
        organisation.slug,
        sorted(nb.pk for nb in neighbourhoods),
        frozenset(label for nb in neighbourhoods for label in nb.components or []),
        organisation_id=organisation.pk,
    )


def region_scope(region, neighbourhoods) -> Scope:
    return Scope(
        REGION,
        region.name,
        region.slug,
        sorted(nb.pk for nb in neighbourhoods),
        frozenset(label for nb in neighbourhoods for label in nb.components or []),
        region_id=region.pk,
    )


# --- values ---------------------------------------------------------------------------------


def _value(figure: Figure, months: dict, period_months: list[date]):
    """The figure's value over ``period_months`` from ``{month: (value, n)}``: None when a
    ratio has nothing to divide by."""
    if figure.kind == "stock":
        return months.get(period_months[-1], (0, 0))[0]
    value = sum(months.get(m, (0, 0))[0] for m in period_months)
    if figure.kind != "ratio":
        return value
    n = sum(months.get(m, (0, 0))[1] for m in period_months)
    if not n:
        return None
    return Decimal(figure.scale * value) / Decimal(n)


def _rounded(value):
    if isinstance(value, Decimal):
        return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize() + 0
    return value


def number(value) -> str:
    """A value as a person reads it: "1.250", "12,5" (the language's separators)."""
    value = _rounded(value)
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    return formats.number_format(value, use_l10n=True, force_grouping=True)


MINUTES_IN_HOURS_FROM = 120
"""Minutes from this many on are written in hours (a year's registered time: "98.8 hours",
not "5,925 minutes")."""


def written(figure: Figure, value) -> str:
    """The value with its unit: "12", "35 minutes", "98.5 hours" (from 120 minutes on, which
    read better in hours), "€ 120", "64%"."""
    if value is None:
        return _("not known")
    if figure.unit == "euros":
        return euro(_rounded(value))
    if figure.unit == "minutes" and abs(value) >= MINUTES_IN_HOURS_FROM:
        figure, value = replace(figure, unit="hours"), Decimal(value) / 60
    text = number(value)
    if figure.unit == "minutes":
        return ngettext("%(n)s minute", "%(n)s minutes", int(value) if value else 0) % {"n": text}
    if figure.unit == "hours":
        return ngettext("%(n)s hour", "%(n)s hours", int(value) if value else 0) % {"n": text}
    if figure.unit == "percent":
        return _("%(n)s%%") % {"n": text}
    return text


def change_words(figure: Figure, value, previous, period: Period) -> str:
    """The change against the previous period, as a screen reader reads it well: "12 more than
    last quarter"."""
    before = period.previous_words
    if value is None or previous is None:
        return _("No comparison with %(before)s.") % {"before": before}
    difference = _rounded(Decimal(value) - Decimal(previous))
    if difference == 0:
        return _("The same as %(before)s.") % {"before": before}
    amount = written(
        replace(figure, unit="" if figure.unit == "percent" else figure.unit), abs(difference)
    )
    if figure.kind == "ratio":
        if figure.unit == "percent":
            amount = _("%(n)s percentage points") % {"n": number(abs(difference))}
        template = (
            _("%(amount)s higher than %(before)s.")
            if difference > 0
            else _("%(amount)s lower than %(before)s.")
        )
    else:
        template = (
            _("%(amount)s more than %(before)s.")
            if difference > 0
            else _("%(amount)s fewer than %(before)s.")
        )
    return template % {"amount": amount, "before": before}


# --- the report -----------------------------------------------------------------------------


@dataclass
class Point:
    month: date
    value: object

    @property
    def label(self) -> str:
        return formats.date_format(self.month, "F Y")


@dataclass
class FigureRow:
    figure: Figure
    value: object
    previous: object
    change: str
    trend: list[Point]

    @property
    def key(self) -> str:
        return self.figure.key

    @property
    def label(self):
        return self.figure.label

    def text(self, value=None) -> str:
        return written(self.figure, self.value if value is None else value)

    @property
    def value_text(self) -> str:
        return written(self.figure, self.value)

    @property
    def previous_text(self) -> str:
        return written(self.figure, self.previous)

    @property
    def trend_rows(self) -> list[tuple[Point, str]]:
        return [(point, written(self.figure, point.value)) for point in self.trend]


@dataclass
class Section:
    name: str
    heading: object
    rows: list[FigureRow] = field(default_factory=list)


@dataclass
class Report:
    scope: Scope
    period: Period
    sections: list[Section]

    @property
    def rows(self) -> list[FigureRow]:
        return [row for section in self.sections for row in section.rows]

    @property
    def trend_months(self) -> list[date]:
        return self.period.trend()


def figures_in(scope: Scope) -> list[tuple[str, Figure]]:
    """``(component label, figure)`` of the components switched on in the scope, in the order
    they are declared (an organisation's report: only the figures declared per
    organisation)."""
    return [
        (component.label, figure)
        for component in all_components()
        if component.label in scope.components
        for figure in component.figures
        if scope.organisation_id is None or figure.per_organisation
    ]


def _capped(months: list[date], today: date) -> list[date]:
    """A stock's period months up to this month (a period that runs on into the future shows
    its last month that has begun)."""
    this_month = month_of(today)
    return [m for m in months if m <= this_month] or months[:1]


def build(scope: Scope, period: Period) -> Report:
    """The report of ``scope`` over ``period``: one query on the count tables."""
    today = timezone.localdate()
    found = selectors.by_month(
        scope.neighbourhood_ids,
        period.reading_start(),
        period.end,
        organisation_id=scope.organisation_id,
    )
    previous = period.previous()
    period_months = period.months
    previous_months = previous.months
    trend = period.trend()
    by_section: dict[str, Section] = {}
    for _label, figure in figures_in(scope):
        months = found.get(figure.key, {})
        own = _capped(period_months, today) if figure.kind == "stock" else period_months
        value = _value(figure, months, own)
        before = _value(figure, months, previous_months)
        row = FigureRow(
            figure=figure,
            value=value,
            previous=before,
            change=change_words(figure, value, before, period),
            trend=[Point(m, _value(figure, months, [m])) for m in trend],
        )
        section = by_section.get(figure.section)
        if section is None:
            section = by_section[figure.section] = Section(
                figure.section, sections.heading(figure.section)
            )
        section.rows.append(row)
    ordered = sorted(by_section.values(), key=lambda s: sections.order(s.name))
    return Report(scope, period, ordered)


def blocks(scope: Scope, period: Period) -> list[tuple[object, dict]]:
    """``(ReportBlock, its context)`` of the components switched on in the scope, by order."""
    declared = sorted(
        (
            (block.order, component.label, block)
            for component in all_components()
            if component.label in scope.components
            for block in component.report_blocks
        ),
        key=lambda found: found[:2],
    )
    return [(block, block.context(scope, period.start, period.end)) for *_o, block in declared]
