"""A report as a file a municipality accepts: CSV and XLSX (openpyxl) of the period's figures,
with the previous period, the change and the 12 months of the trend; the PDF (WeasyPrint) is
built by a task (``jobs``). All of them from one :class:`report.Report`, so they say what the
page says."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from django.utils.text import slugify
from django.utils.translation import gettext as _

from buurtplein.reporting.report import Report, _rounded


def _plain(value):
    """A value for a spreadsheet: a number (a mean or a percentage to one decimal) or empty
    when it is not known."""
    if value is None:
        return None
    value = _rounded(value)
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def header(report: Report) -> list[str]:
    return [
        _("Section"),
        _("Figure"),
        _("Unit"),
        report.period.label,
        report.period.previous().label,
        _("Change"),
        *(f"{month:%Y-%m}" for month in report.trend_months),
    ]


def rows(report: Report) -> list[list]:
    found = []
    for section in report.sections:
        for row in section.rows:
            found.append(
                [
                    str(section.heading),
                    str(row.label),
                    row.figure.unit,
                    _plain(row.value),
                    _plain(row.previous),
                    row.change,
                    *(_plain(point.value) for point in row.trend),
                ]
            )
    return found


def filename(report: Report, extension: str) -> str:
    period = report.period.token.replace("..", "-")
    return f"{slugify(_('figures'))}-{report.scope.slug}-{period}.{extension}"


def as_csv(report: Report) -> bytes:
    """UTF-8 with a byte order mark, so that a spreadsheet opened by double-clicking reads the
    accents right."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Figures of %(scope)s") % {"scope": report.scope.name}])
    writer.writerow(header(report))
    writer.writerows(["" if v is None else v for v in row] for row in rows(report))
    return ("\ufeff" + out.getvalue()).encode()


def as_xlsx(report: Report) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Figures")[:31]
    sheet.append([_("Figures of %(scope)s") % {"scope": report.scope.name}])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("Period"), report.period.label])
    sheet.append([])
    sheet.append(header(report))
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in rows(report):
        sheet.append(row)
    sheet.freeze_panes = "D5"
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 36
    sheet.column_dimensions["F"].width = 40
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
