"""The clubs' figures for the reports (``Component.figures``/``counts``; reporting keeps them
per month in its count tables).

* clubs (a stock): the active club pages at the end of the month, by their ``created_at``;
* members (a stock): the memberships at the end of the month of active clubs, by the member's
  ``joined_at`` (a request still waiting is no member);
* joined: the memberships that began that month (``joined_at``).

Counted from the rows as they are: leaving, being removed and erasure delete a membership, so
someone who left is no longer in any month's stock (what is counted is who is a member now and
since when), and a club hidden or removed by a buurtverbinder leaves every month's stock.
A change marks the month of the row's date and the current month (``counted_now``); the months
between are counted again by the nightly round. An organisation's share is its club's.
"""

from __future__ import annotations

from django.db.models import Count as CountOf
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Count, Counted, Figure

FIGURES = (
    Figure("clubs.clubs", _("Clubs and initiatives"), "clubs", kind="stock"),
    Figure("clubs.members", _("Club members"), "clubs", kind="stock", per_organisation=True),
    Figure("clubs.joined", _("New club members"), "clubs", per_organisation=True),
)

COUNTED = (
    Counted("clubs.Club", ("created_at", "counted_now")),
    Counted("clubs.ClubMember", ("joined_at", "counted_now")),
)


def counts(neighbourhood, start, end):
    from buurtplein.clubs.models import Club, ClubMember, State, Status

    yield Count(
        "clubs.clubs",
        Club.objects.filter(
            neighbourhood=neighbourhood, state=State.ACTIVE, created_at__lt=end
        ).count(),
    )
    joined = Q(joined_at__gte=start)
    members = ClubMember.objects.filter(
        neighbourhood=neighbourhood,
        status=Status.ACTIVE,
        club__state=State.ACTIVE,
        joined_at__lt=end,
    )
    found = members.aggregate(members=CountOf("id"), joined=CountOf("id", filter=joined))
    yield Count("clubs.members", found["members"])
    yield Count("clubs.joined", found["joined"])
    for organisation_id, n_members, n_joined in (
        members.values_list("club__organisation")
        .annotate(members=CountOf("id"), joined=CountOf("id", filter=joined))
        .order_by()
    ):
        yield Count("clubs.members", n_members, organisation_id=organisation_id)
        yield Count("clubs.joined", n_joined, organisation_id=organisation_id)
