"""The members' figures for the reports (``Component.figures``/``counts`` of the members
component; reporting keeps them per month in its count tables):

* members (a stock): the verified members at the end of the month — the memberships verified
  before it (``Membership.verified_at``, or ``joined_at`` for one verified without a date)
  and the members who had joined before it and left after it (``MembershipEnd``);
* joined: verified that month, in all and by how (``VerificationLog.method``: an invite
  code, approved by a buurtverbinder after the postcode check, added by an admin), the ones
  who left since included (their ``MembershipEnd`` keeps when and how);
* left: memberships that ended that month (an account deleted), by ``MembershipEnd.left_at``.

An erasure therefore changes no past month: the person is gone, the month they joined and
the month they left are kept without them.
"""

from __future__ import annotations

from django.db.models import Count as CountOf
from django.db.models import Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from buurtplein.core.components import Count, Counted, Figure

HOW = ("invite", "approval", "admin")

FIGURES = (
    Figure("members.members", _("Members"), "members", kind="stock"),
    Figure("members.joined", _("New members"), "members"),
    Figure("members.joined_invite", _("Joined with an invite code"), "members", chart=False),
    Figure(
        "members.joined_approval",
        _("Joined with approval by a buurtverbinder"),
        "members",
        chart=False,
    ),
    Figure("members.joined_admin", _("Added by an admin"), "members", chart=False),
    Figure("members.left", _("Members who left"), "members"),
)

COUNTED = (
    Counted("core.Membership", ("joined_at", "verified_at")),
    Counted("accounts.VerificationLog"),
    Counted("accounts.MembershipEnd", ("joined_at", "left_at")),
)


def counts(neighbourhood, start, end):
    from buurtplein.accounts.models import MembershipEnd, VerificationLog
    from buurtplein.core.models import Membership

    members = (
        Membership.objects.filter(neighbourhood=neighbourhood, status=Membership.Status.VERIFIED)
        .annotate(since=Coalesce("verified_at", "joined_at"))
        .aggregate(
            members=CountOf("pk", filter=Q(since__lt=end)),
            joined=CountOf("pk", filter=Q(since__gte=start, since__lt=end)),
        )
    )
    ended = MembershipEnd.objects.filter(neighbourhood=neighbourhood).aggregate(
        members=CountOf("pk", filter=Q(joined_at__lt=end, left_at__gte=end)),
        joined=CountOf("pk", filter=Q(joined_at__gte=start, joined_at__lt=end)),
        left=CountOf("pk", filter=Q(left_at__gte=start, left_at__lt=end)),
        **{
            how: CountOf("pk", filter=Q(how=how, joined_at__gte=start, joined_at__lt=end))
            for how in HOW
        },
    )
    yield Count("members.members", members["members"] + ended["members"])
    yield Count("members.joined", members["joined"] + ended["joined"])
    logged = dict(
        VerificationLog.objects.filter(
            neighbourhood=neighbourhood, created_at__gte=start, created_at__lt=end
        )
        .values_list("method")
        .annotate(n=CountOf("pk"))
        .order_by()
    )
    for how in HOW:
        yield Count(f"members.joined_{how}", logged.get(how, 0) + ended[how])
    yield Count("members.left", ended["left"])
