"""How long the members part keeps its data (``core.retention``; listed on "Privacy in je
buurt" and applied by ``manage.py enforce_retention``)."""

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext_lazy as _

from buurtplein.core.retention import RetentionRule, mark_rows

VERIFICATION_PERIOD = relativedelta(years=1)
INVITE_PERIOD = relativedelta(years=1)


def _verification_details_due(neighbourhood, now):
    from django.db.models import Q

    from buurtplein.accounts.models import VerificationLog

    return VerificationLog.objects.filter(
        Q(actor__isnull=False) | Q(invite__isnull=False),
        neighbourhood=neighbourhood,
        created_at__lt=now - VERIFICATION_PERIOD,
    )


def _invites_due(neighbourhood, now):
    from django.db.models import F, Q

    from buurtplein.accounts.models import InviteCode

    cutoff = now - INVITE_PERIOD
    # Only codes that no longer work: past their end date, or stopped or used up (no moment is
    # stored for those, so the period counts from when the code was made). A code that still
    # works stays, however old: it may be on paper somewhere.
    stopped = Q(is_active=False) | Q(use_count__gte=F("max_uses"))
    return InviteCode.objects.filter(neighbourhood=neighbourhood).filter(
        Q(expires_at__lt=cutoff) | (stopped & Q(created_at__lt=cutoff))
    )


RETENTION = (
    RetentionRule(
        key="verification details",
        label=_("Who approved you or which invite code you used"),
        period=VERIFICATION_PERIOD,
        after=_("%(period)s after you joined; after that only the route stays, without names"),
        why=_(
            "So that a buurtverbinder can check how someone got in, for example when a "
            "neighbour has doubts. The neighbourhood only counts how many people joined by "
            "which route."
        ),
        due=_verification_details_due,
        apply=mark_rows(actor=None, invite=None),
    ),
    RetentionRule(
        key="old invite codes",
        label=_("Invite codes and their notes (for example a street)"),
        period=INVITE_PERIOD,
        after=_(
            "%(period)s after its end date; a code that was stopped or used up: %(period)s "
            "after it was made"
        ),
        why=_(
            "So that a buurtverbinder can see which codes went out, and stop one that is misused."
        ),
        due=_invites_due,
    ),
)

PLATFORM_RETENTION = ()
"""Rules for the members' data that belongs to no neighbourhood. The data export ("Download je
gegevens") adds its rule here: expired export files, removed with the export's own function."""
