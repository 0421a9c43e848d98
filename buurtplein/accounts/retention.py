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

EXPORT_PERIOD = relativedelta(days=7)
"""How long a ready data export is kept; ``data_export.KEEP`` is derived from it (this module
is loaded before the apps, so it cannot import ``data_export``)."""


def _exports_due(neighbourhood, now):
    from buurtplein.accounts.models import DataExport

    return DataExport.objects.filter(state=DataExport.State.READY, expires_at__lte=now)


def _remove_exports(queryset) -> int:
    """The export's own clean-up (``data_export.remove_expired``): the file goes, the link then
    says it expired; exports stuck for a day fail and old rows are forgotten too."""
    from buurtplein.accounts.data_export import remove_expired

    count = queryset.count()
    remove_expired()
    return count


PLATFORM_RETENTION = (
    RetentionRule(
        key="expired data exports",
        label=_("The zip file with your data that you asked for"),
        period=EXPORT_PERIOD,
        after=_("%(period)s after it was made; then the file is deleted"),
        why=_("So that you have time to download it. After that nobody can download it any more."),
        due=_exports_due,
        apply=_remove_exports,
    ),
)
"""Rules for the members' data that belongs to no neighbourhood: expired data export files,
removed with the export's own function."""
