"""Benchmark of a report (issue 15): the report page of one neighbourhood for a year at S scale,
in process, and the PDF of that report. A benchmark, not a test (timing belongs here).

S scale (``demo.bulk.BULK_SCALES["s"]``: 200 neighbourhoods, 100,000 members, a million posts,
comments and reactions) gives one neighbourhood about 500 members, 5,000 posts and 50 welfare
organisations and clubs. What a report reads does not grow with that: it reads the count tables,
one row per month, figure and organisation. So the bench fills them as such a neighbourhood
would have them:

* every figure the components declare, plus stand-ins up to ``--figures`` (60: about what all
  of issue 15's components declare together, spread over the report's sections, a third of
  them per organisation; a bench-only component adds them, so that the page draws as many
  charts and tables as it will), each with a value in every month;
* ``--months`` (25: the year, the year before it for the comparison, and this month) months;
* ``--organisations`` (20) organisations' shares of the figures declared per organisation;
* and, to stand in for the other 199 neighbourhoods, the same rows for ``--others`` (20)
  neighbourhoods more (the query must pick one neighbourhood's rows out of many).

Then it measures, with the database of ``DATABASE_URL`` (migrated; PostgreSQL as in
production):

1. the page ``/b/<nb>/figures/?period=<last year>`` as one of its professionals, through
   Django's test client (the whole stack in process: middleware, session, permission, the
   one query, the charts, the template), ``--runs`` times after a warm-up: median and max,
   and its number of queries; target ≤ 1 s;
2. the PDF of that report (``pdf.render``: the same report, laid out by WeasyPrint), ``--pdf-runs``
   times: median and max, and its size; target < 30 s.

It removes what it made (``--keep`` leaves it) and appends its figures to bench/RESULTS.md with
``--write``.

    DATABASE_URL=postgres://buurtplein:buurtplein@127.0.0.1:5432/buurtplein_report \\
    REDIS_URL=redis://127.0.0.1:6391/12 DJANGO_SECRET_KEY=x BUURTPLEIN_INSECURE_HTTP=1 \\
    python -m uv run python manage.py migrate
    (same environment) python -m uv run python bench/report.py [--write]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SECTIONS = (
    "members",
    "square",
    "help",
    "exchange",
    "activities",
    "clubs",
    "volunteering",
    "referrals",
    "onlinehulp",
    "feedback",
    "complaints",
    "registration",
)


def django_setup():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "buurtplein.config.settings")
    import django

    django.setup()


def stand_in_component(count: int, declared: int):
    """A bench-only component with the figures the other components will declare."""
    from buurtplein.core.components import Component, Figure

    kinds = ("sum", "sum", "stock", "ratio")
    units = {"sum": "", "stock": "", "ratio": "percent"}
    figures = tuple(
        Figure(
            f"bench.figure{i}",
            f"Figure {i}",
            SECTIONS[i % len(SECTIONS)],
            kind=kinds[i % 4],
            scale=100 if kinds[i % 4] == "ratio" else 1,
            unit=units[kinds[i % 4]],
            per_organisation=i % 3 == 0,
        )
        for i in range(max(count - declared, 0))
    )
    return Component(label="bench", name="Bench", icon="chart", figures=figures)


def fill(nb, figures, months, organisations, rng) -> int:
    from django_scopes import scopes_disabled

    from buurtplein.reporting.models import MonthFigure

    rows = []
    for figure in figures:
        base = rng.randint(5, 500)
        for month in months:
            value = max(0, int(base * rng.uniform(0.6, 1.4)))
            n = value * 2 + 1 if figure.kind == "ratio" else 0
            rows.append(
                MonthFigure(neighbourhood=nb, month=month, key=figure.key, value=value, n=n)
            )
            if figure.per_organisation:
                for organisation in organisations:
                    share = max(1, value // 10)
                    rows.append(
                        MonthFigure(
                            neighbourhood=nb,
                            month=month,
                            key=figure.key,
                            organisation=organisation,
                            value=share,
                            n=share * 2 if figure.kind == "ratio" else 0,
                        )
                    )
    with scopes_disabled():
        MonthFigure.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def timed(call, runs: int) -> list[float]:
    found = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        found.append(time.perf_counter() - started)
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--figures", type=int, default=60)
    parser.add_argument("--months", type=int, default=25)
    parser.add_argument("--organisations", type=int, default=20)
    parser.add_argument("--others", type=int, default=20)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--pdf-runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--write", action="store_true", help="Append to bench/RESULTS.md.")
    args = parser.parse_args()
    django_setup()

    from unittest import mock

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.utils import timezone
    from django_scopes import scope, scopes_disabled

    from buurtplein.accounts.tests.factories import OrganisationFactory
    from buurtplein.core import components
    from buurtplein.core.models import Role
    from buurtplein.core.tests.factories import NeighbourhoodFactory, member
    from buurtplein.core.urls import nb_reverse
    from buurtplein.reporting import pdf, periods, report
    from buurtplein.reporting.counting import add_months, month_of

    settings.ALLOWED_HOSTS = ["*"]
    # The professional logs in without a second step here (production asks one; not timed).
    settings.BUURTPLEIN_REQUIRE_MFA_FOR_STAFF = False
    # Static files from the apps (no collectstatic manifest needed; the URLs are not timed).
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    rng = random.Random(15)
    declared = [f for c in components.all_components() for f in c.figures]
    bench = stand_in_component(args.figures, len(declared))
    every = [*components.all_components(), bench]
    figures = [*declared, *bench.figures]
    this_month = month_of(timezone.localdate())
    months = [add_months(this_month, -i) for i in range(args.months)]
    last_year = periods.year(this_month.year - 1)

    made = []
    with scopes_disabled():
        nb = NeighbourhoodFactory(name="Bench report", slug=f"bench-report-{rng.randint(0, 10**6)}")
        nb.components = [*(nb.components or []), "bench"]
        nb.save()
        made.append(nb)
        organisations = [OrganisationFactory() for _ in range(args.organisations)]
        for organisation in organisations:
            organisation.neighbourhoods.add(nb)
        others = [NeighbourhoodFactory() for _ in range(args.others)]
        made += others
        professional = member(nb, role=Role.PROFESSIONAL)
    started = time.perf_counter()
    rows = fill(nb, figures, months, organisations, rng)
    for other in others:
        rows += fill(other, figures, months, organisations[:5], rng)
    print(f"count rows: {rows} ({time.perf_counter() - started:.1f} s to write)")
    try:
        with mock.patch.object(report, "all_components", lambda: every):
            client = Client()
            client.force_login(professional)
            url = nb_reverse("reporting:report", nb) + f"?period={last_year.token}"
            response = client.get(url)
            assert response.status_code == 200, (response.status_code, response.get("Location"))
            shown = response.content.count(b"rp-figure card")
            queries = []
            with connection.execute_wrapper(
                lambda execute, sql, params, many, context: (
                    queries.append(sql) or execute(sql, params, many, context)
                )
            ):
                client.get(url)
            page = timed(lambda: client.get(url), args.runs)
            with scope(neighbourhood=nb):
                scope_ = report.neighbourhood_scope(nb)
                content = pdf.render(scope_, last_year, nb)
                made_pdf = timed(lambda: pdf.render(scope_, last_year, nb), args.pdf_runs)
        lines = [
            f"page {url.split('?')[0]}?period={last_year.token}: {shown} figures, "
            f"{len(response.content) // 1024} KiB, {len(queries)} queries; "
            f"median {statistics.median(page) * 1000:.0f} ms, max {max(page) * 1000:.0f} ms "
            f"({args.runs} runs)",
            f"PDF: {len(content) // 1024} KiB; median "
            f"{statistics.median(made_pdf):.1f} s, max {max(made_pdf):.1f} s "
            f"({args.pdf_runs} runs)",
        ]
        for line in lines:
            print(line)
        ok = statistics.median(page) <= 1.0 and max(made_pdf) < 30
        if args.write:
            with open(ROOT / "bench" / "RESULTS.md", "a") as results:
                results.write(
                    f"\n## Report of one neighbourhood for a year at S scale ({date.today()})\n\n"
                    f"`bench/report.py` (issue 15), in process on PostgreSQL, {rows} count rows "
                    f"({args.figures} figures, {args.months} months, {args.organisations} "
                    f"organisations, {args.others} other neighbourhoods). Targets: page ≤ 1 s, "
                    f"PDF < 30 s.\n\n" + "".join(f"* {line}\n" for line in lines)
                )
        return 0 if ok else 1
    finally:
        if not args.keep:
            with scopes_disabled():
                for found in made:
                    found.delete()
                for organisation in organisations:
                    organisation.delete()
                professional.delete()


if __name__ == "__main__":
    sys.exit(main())
