"""Background work of messaging: the e-mail about unread messages after a quiet period.

The task is enqueued for every new message to run ``BUURTPLEIN_MESSAGE_EMAIL_DELAY`` seconds
later; it may run more than once, late, or (with a backend that cannot wait, as in tests) at
once: it checks itself whether an e-mail is due (``actions.unread_to_email``) and claims it so
that it goes out once.
"""

from __future__ import annotations

from django.conf import settings
from django.tasks import task
from django_scopes import scope, scopes_disabled

from buurtplein.core.models import Membership
from buurtplein.core.tasks import send_to
from buurtplein.core.urls import nb_reverse
from buurtplein.messaging import actions
from buurtplein.messaging.models import Participant


def email_if_due(participant_id: int, *, now=None) -> bool:
    """Send the one e-mail about unread messages if it is due; True when one was sent."""
    with scopes_disabled():
        place = (
            Participant.objects.select_related("neighbourhood", "user", "conversation")
            .filter(pk=participant_id)
            .first()
        )
    if place is None or not place.user.is_active or not place.user.email:
        return False
    with scope(neighbourhood=place.neighbourhood):
        if not Membership.objects.filter(
            user_id=place.user_id, status=Membership.Status.VERIFIED
        ).exists():
            return False  # left the neighbourhood (or was removed): no more e-mail from it
        pending = actions.unread_to_email(place, now=now)
        claimed_from = place.emailed_up_to_id
        if not pending or not actions.claim_email(place, pending[-1].pk):
            return False
        authors = {m.author for m in pending if m.author is not None}
        url = settings.BUURTPLEIN_BASE_URL.rstrip("/") + nb_reverse(
            "messaging:conversation", place.neighbourhood, kwargs={"pk": place.conversation_id}
        )
        try:
            send_to(
                place.user,
                "messaging/email/unread",
                {
                    "conversation": place.conversation,
                    "neighbourhood": place.neighbourhood,
                    "count": len(pending),
                    "sender": next(iter(authors)) if len(authors) == 1 else None,
                    "url": url,
                },
            )
        except BaseException:
            # Not sent (the mail server away): give the claim back, so that the task's retry
            # finds the messages still to e-mail.
            actions.release_email(place, claimed_from, pending[-1].pk)
            raise
    return True


@task
def email_unread(participant_id: int) -> bool:
    return email_if_due(participant_id)
