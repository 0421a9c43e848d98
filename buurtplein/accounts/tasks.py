"""Background work about people. Tasks take ids, reload, and re-enter the scope."""

from django.tasks import task
from django_scopes import scopes_disabled

from buurtplein.core.models import Membership
from buurtplein.core.tasks import send_to


@task
def send_membership_decision(membership_id: int) -> None:
    """Tell a person, in their own language, whether they were let in."""
    with scopes_disabled():
        membership = (
            Membership.objects.select_related("user", "neighbourhood")
            .filter(pk=membership_id)
            .first()
        )
    if membership is None:
        return
    send_to(membership.user, "accounts/email/decision", {"membership": membership})
