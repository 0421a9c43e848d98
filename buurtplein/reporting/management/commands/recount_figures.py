"""``manage.py recount_figures``: the nightly round of the count tables."""

from buurtplein.core.rounds import RoundCommand
from buurtplein.reporting import counting


class Command(RoundCommand):
    component = "reporting"
    help = (
        "Reports, nightly. Counts again every month of a neighbourhood marked stale (a counted "
        "row changed and its recount task did not run: the task worker was away), and the "
        "last --months months (default 13, the trend a report shows) from the components' "
        "rows, so that writes that send no signal are counted too. Safe to run as often as "
        "you like: a month is written again from scratch."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--months",
            type=int,
            default=13,
            help="How many months back from this one to count again (default 13; 0: only "
            "the stale months).",
        )

    def handle(self, *args, **options):
        self.months = options["months"]
        return super().handle(*args, **options)

    def handle_neighbourhood(self, nb, *, dry_run):
        this_month = counting.month_of(self.now)
        months = [counting.add_months(this_month, -back) for back in range(self.months)]
        if dry_run:
            return {"stale months": counting.stale_months(nb), "months": len(months)}
        stale, _left = counting.recount_stale(nb)
        for month in months:
            counting.recount(nb, month)
        return {"stale months": stale, "months": len(months)}
