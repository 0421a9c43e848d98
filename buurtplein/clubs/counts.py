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
    Figure("clubs.left", _("Club members who left"), "clubs", per_organisation=True),
)

COUNTED = (
    Counted("clubs.Club", ("created_at", "counted_now")),
    Counted("clubs.ClubMember", ("joined_at", "counted_now")),
    Counted("clubs.ClubMemberEnd", ("joined_at", "left_at")),
)


def counts(neighbourhood, start, end):
    from buurtplein.clubs.models import Club, ClubMember, ClubMemberEnd, State, Status

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
    # Memberships that ended after the month began: members at its end when they left after
    # it, joined in it when they began in it, left in it when they ended in it.
    ended = ClubMemberEnd.objects.filter(
        neighbourhood=neighbourhood,
        club__state=State.ACTIVE,
        joined_at__lt=end,
        left_at__gte=start,
    )
    ended_figures = {
        "members": CountOf("id", filter=Q(left_at__gte=end)),
        "joined": CountOf("id", filter=joined),
        "left": CountOf("id", filter=Q(left_at__lt=end)),
    }
    now = members.aggregate(members=CountOf("id"), joined=CountOf("id", filter=joined))
    gone = ended.aggregate(**ended_figures)
    yield Count("clubs.members", now["members"] + gone["members"])
    yield Count("clubs.joined", now["joined"] + gone["joined"])
    yield Count("clubs.left", gone["left"])
    by_organisation: dict[int, dict[str, int]] = {}
    for organisation_id, n_members, n_joined in (
        members.values_list("club__organisation")
        .annotate(members=CountOf("id"), joined=CountOf("id", filter=joined))
        .order_by()
    ):
        by_organisation[organisation_id] = {"members": n_members, "joined": n_joined, "left": 0}
    for organisation_id, n_members, n_joined, n_left in (
        ended.values_list("club__organisation").annotate(**ended_figures).order_by()
    ):
        found = by_organisation.setdefault(organisation_id, {"members": 0, "joined": 0, "left": 0})
        found["members"] += n_members
        found["joined"] += n_joined
        found["left"] += n_left
    for organisation_id, found in by_organisation.items():
        for figure, n in found.items():
            yield Count(f"clubs.{figure}", n, organisation_id=organisation_id)
